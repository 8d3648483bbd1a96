//! The sink that collects one extractor's annotations for one document,
//! checking each one: the same checks for an extractor linked into
//! newsmill, one loaded from a library, and one run by [`crate::testing`].

use newsmill_core::{Annotation, Attr, AttrKind, Doc};

use crate::abi::NmEmit;
use crate::sdk::{Emitter, slice_from};

/// Collects one extractor's annotations for one document, checking each
/// (spans inside the text and on character boundaries, known ids), then
/// appends them to the document. Indices are absolute: the extractor's
/// first annotation gets number `doc.annotations.len()`.
pub struct HostSink {
    layer: u32,
    vocab_len: u32,
    text_len: u32,
    ann_base: u32,
    attr_base: u32,
    str_base: u32,
    annotations: Vec<Annotation>,
    attrs: Vec<Attr>,
    strings: String,
    error: Option<String>,
}

impl std::fmt::Debug for HostSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostSink")
            .field("layer", &self.layer)
            .field("annotations", &self.annotations.len())
            .finish_non_exhaustive()
    }
}

/// What a direct (linked-in) emitter writes into: the sink and the text
/// the spans index. Host plumbing, not for plugin authors.
#[doc(hidden)]
pub struct EmitCtx<'a> {
    /// The sink.
    pub sink: &'a mut HostSink,
    /// The document text.
    pub text: &'a str,
}

impl HostSink {
    /// A sink for layer `layer` over `doc` (ids below `vocab_len` are valid).
    pub fn new(doc: &Doc, layer: u32, vocab_len: usize) -> HostSink {
        HostSink {
            layer,
            vocab_len: vocab_len as u32,
            text_len: doc.text.len() as u32,
            ann_base: doc.annotations.len() as u32,
            attr_base: doc.attrs.len() as u32,
            str_base: doc.strings.len() as u32,
            annotations: Vec::new(),
            attrs: Vec::new(),
            strings: String::new(),
            error: None,
        }
    }

    /// An emitter writing straight into this sink (built-in extractors).
    pub fn emitter<'a>(&'a mut self, text: &'a str) -> Emitter<'a> {
        Emitter::direct(EmitCtx { sink: self, text })
    }

    /// Annotations collected so far.
    pub fn len(&self) -> usize {
        self.annotations.len()
    }

    /// True when nothing was collected.
    pub fn is_empty(&self) -> bool {
        self.annotations.is_empty()
    }

    /// The first refusal, if an annotation was refused.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Record a failure the extractor reported (the first one is kept).
    #[doc(hidden)]
    pub fn report_error(&mut self, msg: String) {
        self.error.get_or_insert(msg);
    }

    fn refuse(&mut self, msg: String) -> String {
        if self.error.is_none() {
            self.error = Some(msg.clone());
        }
        msg
    }

    fn check_span(&self, text: &str, a: u32, b: u32) -> bool {
        a <= b
            && b <= self.text_len
            && text.is_char_boundary(a as usize)
            && text.is_char_boundary(b as usize)
    }

    /// Take one annotation (the ABI form), or refuse it with a message.
    #[doc(hidden)]
    pub fn push(&mut self, text: &str, e: &NmEmit) -> Result<(), String> {
        let n = self.ann_base + self.annotations.len() as u32;
        let whole = e.start == Annotation::DOCUMENT && e.end == Annotation::DOCUMENT;
        if !whole && !self.check_span(text, e.start, e.end) {
            return Err(self.refuse(format!(
                "annotation {n}: span {}..{} is not a character range of the {}-byte text",
                e.start, e.end, self.text_len
            )));
        }
        if e.label != Annotation::NO_LABEL && e.label >= self.vocab_len {
            return Err(self.refuse(format!("annotation {n}: unknown label id {}", e.label)));
        }
        // SAFETY: the emitter (SDK or a careful C plugin) passes `n_attrs`
        // valid elements, alive for this call.
        let list = unsafe { slice_from(e.attrs, e.n_attrs) };
        let attr_start = self.attr_base + self.attrs.len() as u32;
        for at in list {
            if at.key >= self.vocab_len {
                self.attrs.truncate((attr_start - self.attr_base) as usize);
                return Err(self.refuse(format!(
                    "annotation {n}: unknown attribute key id {}",
                    at.key
                )));
            }
            let stored = match at.kind {
                AttrKind::NUM => Attr::num(at.key, at.num),
                AttrKind::INT => Attr::int(at.key, at.int),
                AttrKind::BOOL => Attr {
                    key: at.key,
                    kind: AttrKind::BOOL,
                    a: u32::from(at.a != 0),
                    b: 0,
                    num: 0.0,
                },
                AttrKind::SPAN if self.check_span(text, at.a, at.b) => Attr {
                    key: at.key,
                    kind: AttrKind::SPAN,
                    a: at.a,
                    b: at.b,
                    num: 0.0,
                },
                AttrKind::REF if at.a < n => Attr {
                    key: at.key,
                    kind: AttrKind::REF,
                    a: at.a,
                    b: 0,
                    num: 0.0,
                },
                AttrKind::STR => {
                    // SAFETY: as for the attribute array; the bytes are
                    // checked to be UTF-8 right here.
                    let bytes = unsafe { slice_from(at.str.ptr, at.str.len) };
                    match std::str::from_utf8(bytes) {
                        Ok(s) => {
                            let a = self.str_base + self.strings.len() as u32;
                            self.strings.push_str(s);
                            Attr {
                                key: at.key,
                                kind: AttrKind::STR,
                                a,
                                b: a + s.len() as u32,
                                num: 0.0,
                            }
                        }
                        Err(_) => {
                            self.attrs.truncate((attr_start - self.attr_base) as usize);
                            return Err(self
                                .refuse(format!("annotation {n}: string attribute is not UTF-8")));
                        }
                    }
                }
                other => {
                    self.attrs.truncate((attr_start - self.attr_base) as usize);
                    return Err(self.refuse(format!(
                        "annotation {n}: bad attribute (kind {}, values {}..{})",
                        other.0, at.a, at.b
                    )));
                }
            };
            self.attrs.push(stored);
        }
        self.annotations.push(Annotation {
            start: e.start,
            end: e.end,
            layer: self.layer,
            label: e.label,
            score: e.score,
            attr_start,
            attr_end: self.attr_base + self.attrs.len() as u32,
        });
        Ok(())
    }

    /// Append what was collected to `doc` (the one the sink was made for).
    pub fn append_to(self, doc: &mut Doc) {
        doc.annotations.extend_from_slice(&self.annotations);
        doc.attrs.extend_from_slice(&self.attrs);
        doc.strings.push_str(&self.strings);
    }
}
