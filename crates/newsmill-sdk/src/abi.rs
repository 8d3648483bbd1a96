//! The C ABI: `repr(C)` structs and function-pointer types that cross the
//! boundary between newsmill and a plugin library.
//!
//! Rules (see docs/plugins.md):
//! - A library exports one static, [`DESCRIPTOR_SYMBOL`], of type
//!   [`NmDescriptor`]. Its first two fields, the ABI version and the struct
//!   sizes, never move, so a host can always read them and refuse a
//!   mismatch before calling anything.
//! - Views are borrowed: the host owns every byte of [`NmDocView`] for the
//!   duration of one `process` call. A plugin emits through
//!   [`NmEmitter`]; the host copies what it needs inside the callback.
//!   Neither side frees memory the other allocated: an instance made by
//!   `create` is freed by the plugin's own `destroy`.
//! - Strings are UTF-8 `(ptr, len)` pairs ([`NmStr`]), never
//!   NUL-terminated; a null `ptr` means "absent".

use std::ffi::c_void;

use newsmill_core::{Annotation, Attr, AttrKind, Paragraph, Sentence, Span, Token};

/// The ABI version this crate speaks. Bumped on any incompatible change to
/// the structs or functions below; the host refuses any other version.
///
/// Version 2: the document's language ([`NmDocView::language`]), the
/// languages an extractor reads ([`NmInfo::languages`]), and integer
/// attributes ([`AttrKind::INT`], [`NmAttrIn::int`]).
pub const ABI_VERSION: u32 = 2;

/// The name of the exported descriptor static (with its NUL for dlsym).
pub const DESCRIPTOR_SYMBOL: &[u8] = b"NEWSMILL_PLUGIN\0";

/// A borrowed UTF-8 string: `ptr` to `len` bytes; null `ptr` for "absent".
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmStr {
    /// First byte, or null.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
}

impl NmStr {
    /// An absent string.
    pub const NONE: NmStr = NmStr {
        ptr: std::ptr::null(),
        len: 0,
    };

    /// Borrow a `&str` (the caller keeps it alive while the view is used).
    pub const fn new(s: &str) -> NmStr {
        NmStr {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }

    /// Borrow an optional string.
    pub fn opt(s: Option<&str>) -> NmStr {
        s.map_or(NmStr::NONE, NmStr::new)
    }
}

/// Sizes of every shared struct, as the side that built the descriptor
/// saw them; compared field by field by the host.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NmSizes {
    /// `size_of::<NmDocView>()`
    pub doc_view: u32,
    /// `size_of::<Token>()`
    pub token: u32,
    /// `size_of::<Sentence>()`
    pub sentence: u32,
    /// `size_of::<Paragraph>()`
    pub paragraph: u32,
    /// `size_of::<Annotation>()`
    pub annotation: u32,
    /// `size_of::<Attr>()`
    pub attr: u32,
    /// `size_of::<NmAttrIn>()`
    pub attr_in: u32,
    /// `size_of::<NmEmit>()`
    pub emit: u32,
    /// `size_of::<NmEmitter>()`
    pub emitter: u32,
    /// `size_of::<NmHost>()`
    pub host: u32,
    /// `size_of::<NmInfo>()`
    pub info: u32,
}

impl NmSizes {
    /// The sizes as this build of the crate sees them.
    pub const CURRENT: NmSizes = NmSizes {
        doc_view: size_of::<NmDocView>() as u32,
        token: size_of::<Token>() as u32,
        sentence: size_of::<Sentence>() as u32,
        paragraph: size_of::<Paragraph>() as u32,
        annotation: size_of::<Annotation>() as u32,
        attr: size_of::<Attr>() as u32,
        attr_in: size_of::<NmAttrIn>() as u32,
        emit: size_of::<NmEmit>() as u32,
        emitter: size_of::<NmEmitter>() as u32,
        host: size_of::<NmHost>() as u32,
        info: size_of::<NmInfo>() as u32,
    };

    /// The first field that differs, as `(name, ours, theirs)`.
    pub fn first_difference(&self, theirs: &NmSizes) -> Option<(&'static str, u32, u32)> {
        let pairs = [
            ("NmDocView", self.doc_view, theirs.doc_view),
            ("Token", self.token, theirs.token),
            ("Sentence", self.sentence, theirs.sentence),
            ("Paragraph", self.paragraph, theirs.paragraph),
            ("Annotation", self.annotation, theirs.annotation),
            ("Attr", self.attr, theirs.attr),
            ("NmAttrIn", self.attr_in, theirs.attr_in),
            ("NmEmit", self.emit, theirs.emit),
            ("NmEmitter", self.emitter, theirs.emitter),
            ("NmHost", self.host, theirs.host),
            ("NmInfo", self.info, theirs.info),
        ];
        pairs.into_iter().find(|(_, a, b)| a != b)
    }
}

/// One document, borrowed for one `process` call. Arrays are
/// `(ptr, len)`; an empty array may have any non-null `ptr` or null.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmDocView {
    /// The analysed text (UTF-8; every span is a byte range of it).
    pub text: NmStr,
    /// The article id.
    pub id: NmStr,
    /// Publication date as given, or absent.
    pub published: NmStr,
    /// URL as given, or absent.
    pub url: NmStr,
    /// Headline span; `start == end == u32::MAX` when absent.
    pub title: Span,
    /// Standfirst span, or absent as for `title`.
    pub subtitle: Span,
    /// Dateline span, or absent as for `title`.
    pub dateline: Span,
    /// Paragraphs.
    pub paragraphs: *const Paragraph,
    /// Number of paragraphs.
    pub n_paragraphs: usize,
    /// Tokens.
    pub tokens: *const Token,
    /// Number of tokens.
    pub n_tokens: usize,
    /// Sentences.
    pub sentences: *const Sentence,
    /// Number of sentences.
    pub n_sentences: usize,
    /// Annotations of the extractors that ran before this one.
    pub annotations: *const Annotation,
    /// Number of annotations.
    pub n_annotations: usize,
    /// Their attributes.
    pub attrs: *const Attr,
    /// Number of attributes.
    pub n_attrs: usize,
    /// String arena that string attributes index into.
    pub strings: NmStr,
    /// The article's language code (ISO 639-1 where there is one), or
    /// absent when unknown.
    pub language: NmStr,
}

/// An attribute as a plugin emits it. For [`AttrKind::STR`] the value is
/// `str` (copied by the host); for [`AttrKind::INT`] it is `int`; for the
/// other kinds as in [`Attr`].
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmAttrIn {
    /// Key id (from `NmHost::intern`).
    pub key: u32,
    /// Value kind.
    pub kind: AttrKind,
    /// First value word.
    pub a: u32,
    /// Second value word.
    pub b: u32,
    /// Number value.
    pub num: f64,
    /// String value.
    pub str: NmStr,
    /// Integer value.
    pub int: i64,
}

/// One annotation as a plugin emits it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmEmit {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Label id (from `NmHost::intern`), or `u32::MAX` for none.
    pub label: u32,
    /// Score (1.0 for none).
    pub score: f32,
    /// Attributes.
    pub attrs: *const NmAttrIn,
    /// Number of attributes.
    pub n_attrs: usize,
}

/// The host's emit callback: 0 when taken, non-zero when refused (the
/// host has recorded why).
pub type EmitFn = unsafe extern "C" fn(ctx: *mut c_void, ann: *const NmEmit) -> i32;
/// The host's error callback: records a message (copied).
pub type ErrorFn = unsafe extern "C" fn(ctx: *mut c_void, msg: NmStr);
/// The host's name interning callback (create time only).
pub type InternFn = unsafe extern "C" fn(ctx: *mut c_void, name: NmStr) -> u32;

/// Where a plugin's output goes during `process`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmEmitter {
    /// Host context, passed back to the callbacks.
    pub ctx: *mut c_void,
    /// Emit one annotation.
    pub emit: EmitFn,
    /// Report an error (then return non-zero from `process`).
    pub error: ErrorFn,
}

/// What the host offers at create time.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmHost {
    /// Host context, passed back to the callbacks.
    pub ctx: *mut c_void,
    /// Resolve a name (label, attribute key, layer) to its id.
    pub intern: InternFn,
    /// Report an error (then return null from `create`).
    pub error: ErrorFn,
}

/// Name, version and wiring of an extractor. Strings live as long as the
/// library. `requires` and `provides` are comma-separated names.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmInfo {
    /// Unique extractor name; also its key in the output record.
    pub name: NmStr,
    /// The extractor's own version.
    pub version: NmStr,
    /// Layers it needs, comma-separated (`tokens`, `sentences`, `ner`, ...).
    pub requires: NmStr,
    /// Layers it provides, comma-separated (its own name at least).
    pub provides: NmStr,
    /// One line for `newsmill extractors`.
    pub description: NmStr,
    /// The version of newsmill-sdk it was built with.
    pub sdk_version: NmStr,
    /// Languages it reads: comma-separated ISO 639-1 codes, or `*` for
    /// any. Articles in other languages are recorded as skipped.
    pub languages: NmStr,
}

/// Returns the extractor's info.
pub type InfoFn = unsafe extern "C" fn() -> NmInfo;
/// Creates an instance from JSON configuration bytes; null on error
/// (after `host.error`).
pub type CreateFn = unsafe extern "C" fn(config: NmStr, host: *const NmHost) -> *mut c_void;
/// Processes one document: 0 on success; non-zero after `out.error`.
/// Called from many threads at once with the same instance.
pub type ProcessFn = unsafe extern "C" fn(
    instance: *const c_void,
    doc: *const NmDocView,
    out: *const NmEmitter,
) -> i32;
/// Frees an instance made by `create`.
pub type DestroyFn = unsafe extern "C" fn(instance: *mut c_void);

/// The exported descriptor. `abi_version` and `sizes` come first and stay
/// first in every ABI version.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct NmDescriptor {
    /// [`ABI_VERSION`] of the SDK the plugin was built with.
    pub abi_version: u32,
    /// Struct sizes the plugin was built with.
    pub sizes: NmSizes,
    /// Name, version, requires, provides.
    pub info: InfoFn,
    /// Make an instance.
    pub create: CreateFn,
    /// Process one document.
    pub process: ProcessFn,
    /// Free an instance.
    pub destroy: DestroyFn,
}
