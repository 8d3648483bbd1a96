//! The host side of newsmill's plugin boundary: the library loader
//! ([`host::Plugin::load`]), the wrapper that runs a linked-in extractor
//! ([`host::Builtin`]), and one interface over both ([`host::Factory`],
//! [`host::DynExtractor`]) for the engine.
//!
//! Plugin authors build against `newsmill-sdk` alone; this crate
//! re-exports it, so `newsmill_plugin::Extractor` and
//! `newsmill_sdk::Extractor` are the same trait.
//!
//! ```
//! use newsmill_plugin::host::{Builtin, Factory};
//! # use newsmill_plugin::{DocView, Emitter, Error, Extractor, Setup};
//! # struct Nothing;
//! # impl Extractor for Nothing {
//! #     const NAME: &'static str = "nothing";
//! #     const VERSION: &'static str = "0.1.0";
//! #     fn create(_: &mut Setup<'_>) -> Result<Self, Error> { Ok(Nothing) }
//! #     fn process(&self, _: &DocView<'_>, _: &mut Emitter<'_>) -> Result<(), Error> { Ok(()) }
//! # }
//! let f = Builtin::<Nothing>::new();
//! assert_eq!(f.info().name, "nothing");
//! ```
#![allow(unsafe_code)] // loading libraries and calling them: every block has a SAFETY comment

pub mod host;

pub use newsmill_sdk::*;
