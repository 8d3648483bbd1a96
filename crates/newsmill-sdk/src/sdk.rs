//! What a plugin author uses: the [`Extractor`] trait, the document view,
//! the emitter and the create-time [`Setup`].

use std::marker::PhantomData;

use newsmill_core::{Annotation, Attr, AttrKind, Paragraph, Sentence, Span, Token, Vocab};

use crate::abi::{NmAttrIn, NmEmit, NmEmitter, NmHost, NmStr};
use crate::sink::EmitCtx;

/// An extractor's error: a message that ends up in the article's record,
/// with the extractor's name.
///
/// ```
/// let e = newsmill_sdk::Error::from("model file missing");
/// assert_eq!(e.to_string(), "model file missing");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<String> for Error {
    fn from(s: String) -> Self {
        Error(s)
    }
}

impl From<&str> for Error {
    fn from(s: &str) -> Self {
        Error(s.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error(format!("configuration: {e}"))
    }
}

/// An extractor: made once from its configuration, then called for every
/// document, from many threads at once (hence `Send + Sync`; keep
/// per-document state on the stack or in thread-locals).
///
/// The same trait serves extractors linked into newsmill and extractors
/// loaded from a shared library built with [`export_extractor!`](crate::export_extractor).
///
/// ```
/// use newsmill_sdk::{DocView, Emitter, Error, Extractor, Setup};
///
/// /// Marks every token written in capitals.
/// struct Shouting { label: u32 }
///
/// impl Extractor for Shouting {
///     const NAME: &'static str = "shouting";
///     const VERSION: &'static str = "0.1.0";
///     const REQUIRES: &'static str = "tokens";
///
///     fn create(setup: &mut Setup<'_>) -> Result<Self, Error> {
///         Ok(Shouting { label: setup.intern("CAPS") })
///     }
///
///     fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error> {
///         for t in doc.tokens {
///             let s = t.text(doc.text);
///             if s.len() > 1 && s.chars().all(|c| c.is_ascii_uppercase()) {
///                 out.emit(t.start, t.end, self.label)?;
///             }
///         }
///         Ok(())
///     }
/// }
/// ```
pub trait Extractor: Sized + Send + Sync + 'static {
    /// Unique name; the key of its output in each record.
    const NAME: &'static str;
    /// The extractor's version.
    const VERSION: &'static str;
    /// Layers needed, comma-separated: `tokens`, `sentences`,
    /// `paragraphs`, or another extractor's name. A name ending in `?`
    /// (`entities?`) is used when there: the extractor runs after it when
    /// both are in the pipeline, and still runs when it is absent or was
    /// skipped for the article (its layer is then empty).
    const REQUIRES: &'static str = "tokens";
    /// Layers provided, comma-separated; empty means just [`Self::NAME`].
    const PROVIDES: &'static str = "";
    /// One line for `newsmill extractors`.
    const DESCRIPTION: &'static str = "";
    /// Languages it reads: comma-separated ISO 639-1 codes (`"en"`,
    /// `"en,de,fr"`), or `"*"` for any language. The engine runs it only on
    /// articles in one of these languages; the others' records say it was
    /// skipped and why. The default is `"en"`: most text rules and models
    /// are written for English, and an extractor that has not said
    /// otherwise must not run silently on text it was never made for.
    /// A language-neutral extractor says `"*"`. Users may override with
    /// `--set NAME.languages=de,fr`.
    const LANGUAGES: &'static str = "en";

    /// Make the extractor from its configuration; resolve label and
    /// attribute names to ids here, once.
    fn create(setup: &mut Setup<'_>) -> Result<Self, Error>;

    /// Find what it finds in one document and emit it.
    fn process(&self, doc: &DocView<'_>, out: &mut Emitter<'_>) -> Result<(), Error>;
}

pub(crate) enum Interner<'a> {
    Direct(&'a mut Vocab),
    Ffi(&'a NmHost),
}

/// Create-time context: the extractor's configuration (the JSON object
/// under its name) and name resolution.
///
/// ```
/// let mut vocab = newsmill_core::Vocab::default();
/// let config = serde_json::json!({"top": 5});
/// let mut setup = newsmill_sdk::Setup::new(&config, &mut vocab);
/// assert_eq!(setup.get::<u32>("top").unwrap(), Some(5));
/// let id = setup.intern("MONEY");
/// assert_eq!(vocab.name(id), Some("MONEY"));
/// ```
pub struct Setup<'a> {
    config: &'a serde_json::Value,
    interner: Interner<'a>,
    /// The keys [`Setup::get`] was asked for, for [`Setup::check_keys`].
    asked: std::cell::RefCell<Vec<String>>,
    /// True once [`Setup::config`] handed out the whole object: the
    /// extractor reads keys itself, so none can be called unknown.
    whole: std::cell::Cell<bool>,
}

impl<'a> Setup<'a> {
    /// A setup that interns into `vocab` (used by the host for built-in
    /// extractors, and by tests).
    pub fn new(config: &'a serde_json::Value, vocab: &'a mut Vocab) -> Setup<'a> {
        Setup {
            config,
            interner: Interner::Direct(vocab),
            asked: Default::default(),
            whole: Default::default(),
        }
    }

    pub(crate) fn ffi(config: &'a serde_json::Value, host: &'a NmHost) -> Setup<'a> {
        Setup {
            config,
            interner: Interner::Ffi(host),
            asked: Default::default(),
            whole: Default::default(),
        }
    }

    /// The whole configuration object (`{}` when none was given). An
    /// extractor that reads its configuration this way checks its own
    /// keys: [`Setup::check_keys`] then refuses none.
    pub fn config(&self) -> &serde_json::Value {
        self.whole.set(true);
        self.config
    }

    /// One configuration value, deserialised; `None` when absent. The
    /// key counts as one the extractor knows (see [`Setup::check_keys`]).
    pub fn get<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>, Error> {
        {
            let mut asked = self.asked.borrow_mut();
            if !asked.iter().any(|k| k == key) {
                asked.push(key.to_string());
            }
        }
        match self.config.get(key) {
            None => Ok(None),
            Some(v) => serde_json::from_value(v.clone())
                .map(Some)
                .map_err(|e| Error(format!("configuration key {key:?}: {e}"))),
        }
    }

    /// After `create`: refuse configuration keys the extractor never
    /// asked for with [`Setup::get`] (a typo such as `mni` for `min`
    /// would otherwise be ignored silently). `languages` is the engine's
    /// own key and always allowed. The host and the plugin glue call this
    /// after every successful `create`; `name` is the extractor's name.
    ///
    /// ```
    /// let mut vocab = newsmill_core::Vocab::default();
    /// let config = serde_json::json!({"min": 2, "nokey": 1});
    /// let setup = newsmill_sdk::Setup::new(&config, &mut vocab);
    /// assert_eq!(setup.get::<f64>("min").unwrap(), Some(2.0));
    /// let e = setup.check_keys("money").unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "unknown configuration key \"nokey\" (money knows: min; every extractor also takes languages)"
    /// );
    /// ```
    pub fn check_keys(&self, name: &str) -> Result<(), Error> {
        let Some(obj) = self.config.as_object() else {
            return Ok(());
        };
        if self.whole.get() {
            return Ok(());
        }
        let asked = self.asked.borrow();
        let unknown: Vec<&str> = obj
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "languages" && !asked.iter().any(|a| a == k))
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        let keys = unknown
            .iter()
            .map(|k| format!("{k:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        let plural = if unknown.len() == 1 { "" } else { "s" };
        let knows = if asked.is_empty() {
            format!("{name} takes no keys of its own")
        } else {
            format!("{name} knows: {}", asked.join(", "))
        };
        Err(Error(format!(
            "unknown configuration key{plural} {keys} ({knows}; every extractor also takes languages)"
        )))
    }

    /// The id of a name (label, attribute key, or another extractor's
    /// layer), the same for every extractor in the pipeline.
    pub fn intern(&mut self, name: &str) -> u32 {
        match &mut self.interner {
            Interner::Direct(v) => v.intern(name),
            // SAFETY: the host passed a valid NmHost for the duration of
            // `create`; `name` is a live &str.
            Interner::Ffi(h) => unsafe { (h.intern)(h.ctx, NmStr::new(name)) },
        }
    }
}

/// One document as an extractor sees it: borrowed, read-only, every span a
/// byte range of `text`.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nIt rained."), &AnalyzeOptions::default());
/// let view = newsmill_sdk::DocView::from_doc(&doc);
/// assert_eq!(view.tokens.len(), 4);
/// assert_eq!(view.token_text(1), "It");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DocView<'a> {
    /// The analysed text.
    pub text: &'a str,
    /// The article id.
    pub id: &'a str,
    /// Publication date as given.
    pub published: Option<&'a str>,
    /// URL as given.
    pub url: Option<&'a str>,
    /// Headline span.
    pub title: Option<Span>,
    /// Standfirst span.
    pub subtitle: Option<Span>,
    /// Dateline span.
    pub dateline: Option<Span>,
    /// Paragraphs (all kinds; see `Paragraph::kind`).
    pub paragraphs: &'a [Paragraph],
    /// Tokens of the analysed paragraphs.
    pub tokens: &'a [Token],
    /// Sentences.
    pub sentences: &'a [Sentence],
    /// Annotations of the extractors that ran before this one.
    pub annotations: &'a [Annotation],
    /// Their attributes.
    pub attrs: &'a [Attr],
    /// The string arena of string attributes.
    pub strings: &'a str,
    /// The article's language code (ISO 639-1 where there is one, `en`,
    /// `de`), detected before any extractor ran; `None` when unknown.
    pub language: Option<&'a str>,
}

impl<'a> DocView<'a> {
    /// View an analysed document.
    pub fn from_doc(doc: &'a newsmill_core::Doc) -> DocView<'a> {
        DocView {
            text: &doc.text,
            id: &doc.id,
            published: doc.published.as_deref(),
            url: doc.url.as_deref(),
            title: doc.title,
            subtitle: doc.subtitle,
            dateline: doc.dateline,
            paragraphs: &doc.paragraphs,
            tokens: &doc.tokens,
            sentences: &doc.sentences,
            annotations: &doc.annotations,
            attrs: &doc.attrs,
            strings: &doc.strings,
            language: doc.language_code(),
        }
    }

    /// The text of token `i` (empty when out of range).
    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &'a [Token] {
        self.tokens
            .get(s.token_start as usize..s.token_end as usize)
            .unwrap_or(&[])
    }

    /// Annotations of one layer (an id from [`Setup::intern`]).
    pub fn layer(&self, layer: u32) -> impl Iterator<Item = (usize, &'a Annotation)> + 'a {
        self.annotations
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.layer == layer)
    }

    /// The attribute `key` of an annotation, if it has one.
    pub fn attr(&self, ann: &Annotation, key: u32) -> Option<&'a Attr> {
        self.attrs
            .get(ann.attr_start as usize..ann.attr_end as usize)?
            .iter()
            .find(|a| a.key == key)
    }

    /// The value of an integer attribute.
    pub fn attr_int(&self, attr: &Attr) -> Option<i64> {
        attr.int_value()
    }

    /// The value of a string attribute.
    pub fn attr_str(&self, attr: &Attr) -> Option<&'a str> {
        (attr.kind == AttrKind::STR)
            .then(|| self.strings.get(attr.a as usize..attr.b as usize))
            .flatten()
    }
}

pub(crate) enum Target<'a> {
    Direct(EmitCtx<'a>),
    Ffi(&'a NmEmitter),
}

/// Where an extractor's annotations go. Emitting copies nothing on the
/// extractor's side; the host copies what it keeps.
///
/// ```
/// use newsmill_core::{AnalyzeOptions, Article, Doc, Vocab};
/// use newsmill_sdk::{DocView, HostSink};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nIt cost $5."), &AnalyzeOptions::default());
/// let mut vocab = Vocab::default();
/// let (layer, label, key) = (vocab.intern("money"), vocab.intern("MONEY"), vocab.intern("amount"));
/// let mut sink = HostSink::new(&doc, layer, vocab.len());
/// let mut out = sink.emitter(&doc.text);
/// out.annotation(14, 16, label).num(key, 5.0).emit().unwrap();
/// assert_eq!(sink.len(), 1);
/// ```
pub struct Emitter<'a> {
    target: Target<'a>,
}

/// Most attributes one annotation may carry.
pub const MAX_ATTRS: usize = 16;

impl<'a> Emitter<'a> {
    pub(crate) fn direct(ctx: EmitCtx<'a>) -> Emitter<'a> {
        Emitter {
            target: Target::Direct(ctx),
        }
    }

    pub(crate) fn ffi(e: &'a NmEmitter) -> Emitter<'a> {
        Emitter {
            target: Target::Ffi(e),
        }
    }

    fn send(&mut self, ann: &NmEmit) -> Result<(), Error> {
        match &mut self.target {
            Target::Direct(ctx) => ctx.sink.push(ctx.text, ann).map_err(Error),
            Target::Ffi(e) => {
                // SAFETY: the host gave a valid emitter for this call; `ann`
                // and the attribute array it points to live across the call.
                let rc = unsafe { (e.emit)(e.ctx, ann) };
                if rc == 0 {
                    Ok(())
                } else {
                    Err(Error("the host refused an annotation".into()))
                }
            }
        }
    }

    /// Emit an annotation with no attributes (`label` from
    /// [`Setup::intern`], or `Annotation::NO_LABEL`).
    pub fn emit(&mut self, start: u32, end: u32, label: u32) -> Result<(), Error> {
        self.send(&NmEmit {
            start,
            end,
            label,
            score: 1.0,
            attrs: std::ptr::null(),
            n_attrs: 0,
        })
    }

    /// Start an annotation about the whole document (no span: a language,
    /// statistics); finish with [`AnnotationBuilder::emit`].
    pub fn document<'s>(&mut self, label: u32) -> AnnotationBuilder<'_, 'a, 's> {
        self.annotation(Annotation::DOCUMENT, Annotation::DOCUMENT, label)
    }

    /// Start an annotation with attributes; finish with
    /// [`AnnotationBuilder::emit`].
    pub fn annotation<'s>(
        &mut self,
        start: u32,
        end: u32,
        label: u32,
    ) -> AnnotationBuilder<'_, 'a, 's> {
        AnnotationBuilder {
            out: self,
            start,
            end,
            label,
            score: 1.0,
            attrs: [EMPTY_ATTR; MAX_ATTRS],
            n: 0,
            overflow: false,
            _strings: PhantomData,
        }
    }
}

const EMPTY_ATTR: NmAttrIn = NmAttrIn {
    key: 0,
    kind: AttrKind::NUM,
    a: 0,
    b: 0,
    num: 0.0,
    str: NmStr::NONE,
    int: 0,
};

/// An annotation being built: attributes are kept on the stack until
/// [`AnnotationBuilder::emit`].
pub struct AnnotationBuilder<'e, 'a, 's> {
    out: &'e mut Emitter<'a>,
    start: u32,
    end: u32,
    label: u32,
    score: f32,
    attrs: [NmAttrIn; MAX_ATTRS],
    n: usize,
    overflow: bool,
    _strings: PhantomData<&'s str>,
}

impl<'s> AnnotationBuilder<'_, '_, 's> {
    fn push(mut self, a: NmAttrIn) -> Self {
        match self.attrs.get_mut(self.n) {
            Some(slot) => {
                *slot = a;
                self.n += 1;
            }
            None => self.overflow = true,
        }
        self
    }

    /// A score or confidence (default 1).
    pub fn score(mut self, score: f32) -> Self {
        self.score = score;
        self
    }

    /// An integer attribute: counts, indices, ranks (a JSON integer, a
    /// Parquet `int64`).
    pub fn int(self, key: u32, v: i64) -> Self {
        self.push(NmAttrIn {
            key,
            kind: AttrKind::INT,
            int: v,
            ..EMPTY_ATTR
        })
    }

    /// A number attribute (a measurement, a ratio; for counts use
    /// [`int`](Self::int)).
    pub fn num(self, key: u32, v: f64) -> Self {
        self.push(NmAttrIn {
            key,
            num: v,
            ..EMPTY_ATTR
        })
    }

    /// A string attribute (the host copies it).
    pub fn str(self, key: u32, v: &'s str) -> Self {
        self.push(NmAttrIn {
            key,
            kind: AttrKind::STR,
            str: NmStr::new(v),
            ..EMPTY_ATTR
        })
    }

    /// A span-of-text attribute (byte offsets).
    pub fn span(self, key: u32, start: u32, end: u32) -> Self {
        self.push(NmAttrIn {
            key,
            kind: AttrKind::SPAN,
            a: start,
            b: end,
            ..EMPTY_ATTR
        })
    }

    /// A reference to annotation number `index` of the document (an
    /// earlier extractor's, see [`DocView::annotations`], or this
    /// extractor's own earlier ones, numbered after those).
    pub fn reference(self, key: u32, index: u32) -> Self {
        self.push(NmAttrIn {
            key,
            kind: AttrKind::REF,
            a: index,
            ..EMPTY_ATTR
        })
    }

    /// A boolean attribute.
    pub fn flag(self, key: u32, v: bool) -> Self {
        self.push(NmAttrIn {
            key,
            kind: AttrKind::BOOL,
            a: u32::from(v),
            ..EMPTY_ATTR
        })
    }

    /// Emit the annotation.
    pub fn emit(self) -> Result<(), Error> {
        if self.overflow {
            return Err(Error(format!(
                "more than {MAX_ATTRS} attributes on one annotation"
            )));
        }
        let ann = NmEmit {
            start: self.start,
            end: self.end,
            label: self.label,
            score: self.score,
            attrs: self.attrs.as_ptr(),
            n_attrs: self.n,
        };
        self.out.send(&ann)
    }
}

/// Rebuild a view from its raw form.
///
/// # Safety
/// `raw` must come from the host (`newsmill-plugin`, or an equally careful one): every
/// pointer valid for its length for `'a`, `text` and `strings` valid UTF-8.
pub unsafe fn view_from_raw<'a>(raw: &crate::abi::NmDocView) -> DocView<'a> {
    // SAFETY: all of the below rely on the caller's guarantee above.
    unsafe {
        DocView {
            text: str_from(raw.text).unwrap_or(""),
            id: str_from(raw.id).unwrap_or(""),
            published: str_from(raw.published),
            url: str_from(raw.url),
            title: opt_span(raw.title),
            subtitle: opt_span(raw.subtitle),
            dateline: opt_span(raw.dateline),
            paragraphs: slice_from(raw.paragraphs, raw.n_paragraphs),
            tokens: slice_from(raw.tokens, raw.n_tokens),
            sentences: slice_from(raw.sentences, raw.n_sentences),
            annotations: slice_from(raw.annotations, raw.n_annotations),
            attrs: slice_from(raw.attrs, raw.n_attrs),
            strings: str_from(raw.strings).unwrap_or(""),
            language: str_from(raw.language),
        }
    }
}

fn opt_span(s: Span) -> Option<Span> {
    (s.start != u32::MAX).then_some(s)
}

/// # Safety
/// `ptr` null, or valid for `len` elements for `'a`.
pub unsafe fn slice_from<'a, T>(ptr: *const T, len: usize) -> &'a [T] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: non-null and valid for `len` elements (caller's contract).
        unsafe { std::slice::from_raw_parts(ptr, len) }
    }
}

/// # Safety
/// `s.ptr` null, or valid for `s.len` bytes of UTF-8 for `'a`.
pub unsafe fn str_from<'a>(s: NmStr) -> Option<&'a str> {
    if s.ptr.is_null() {
        return None;
    }
    // SAFETY: valid for `len` bytes (caller's contract).
    let bytes = unsafe { std::slice::from_raw_parts(s.ptr, s.len) };
    // SAFETY: the producer passes UTF-8 (caller's contract); the host
    // side re-validates every string a plugin hands it.
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}
