//! The newsmill extractor SDK: what a plugin author compiles against, and
//! nothing else (no loader, no host code; the host side is the
//! `newsmill-plugin` crate).
//!
//! A plugin author implements [`Extractor`] and calls
//! [`export_extractor!`] once; `cargo build --release` with
//! `crate-type = ["cdylib"]` then makes a library that newsmill loads with
//! `--plugin PATH`. The same type is linked into newsmill as a built-in by
//! the host: the engine treats both alike. [`testing`] runs an extractor
//! on a text in the plugin's own tests.
//!
//! Only `repr(C)` data crosses the boundary ([`abi`]): the document as
//! borrowed views, annotations through a host callback, configuration as
//! JSON once at creation. This crate and the host side (`newsmill-plugin`)
//! are the only ones in newsmill with `unsafe` code; plugin authors write
//! none.
//!
//! ```
//! use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};
//!
//! /// Stock tickers written like "(NYSE: IBM)".
//! pub struct Tickers { label: u32 }
//!
//! impl Extractor for Tickers {
//!     const NAME: &'static str = "tickers";
//!     const VERSION: &'static str = "0.1.0";
//!     const REQUIRES: &'static str = "tokens";
//!
//!     fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
//!         Ok(Tickers { label: setup.intern("TICKER") })
//!     }
//!
//!     fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
//!         for w in doc.tokens.windows(3) {
//!             let exchange = w[0].text(doc.text);
//!             if (exchange == "NYSE" || exchange == "Nasdaq") && w[1].text(doc.text) == ":" {
//!                 out.emit(w[2].start, w[2].end, self.label)?;
//!             }
//!         }
//!         Ok(())
//!     }
//! }
//!
//! newsmill_sdk::export_extractor!(Tickers);
//! ```
#![allow(unsafe_code)] // the plugin boundary: every block has a SAFETY comment

pub mod abi;
#[doc(hidden)]
pub mod glue;
mod sdk;
pub mod sink;
pub mod testing;

pub use newsmill_core::{
    Annotation, Attr, AttrKind, Paragraph, ParagraphKind, Sentence, Span, Token, TokenKind,
};
pub use sdk::{AnnotationBuilder, DocView, Emitter, Error, Extractor, MAX_ATTRS, Setup};
#[doc(hidden)]
pub use sdk::{slice_from, str_from, view_from_raw};
#[doc(hidden)]
pub use serde_json;
pub use sink::HostSink;

/// The version of this SDK crate.
pub const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Export an [`Extractor`] type from a `cdylib` so that newsmill can load
/// it: defines the `NEWSMILL_PLUGIN` descriptor static. Use it once per
/// library.
///
/// ```ignore
/// newsmill_sdk::export_extractor!(MyExtractor);
/// ```
#[macro_export]
macro_rules! export_extractor {
    ($ty:ty) => {
        $crate::export_extractor!($ty, abi_version = $crate::abi::ABI_VERSION);
    };
    ($ty:ty, abi_version = $abi:expr) => {
        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub static NEWSMILL_PLUGIN: $crate::abi::NmDescriptor =
            $crate::glue::descriptor::<$ty>($abi);
    };
}
