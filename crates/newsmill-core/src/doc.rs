//! The analysed document: one text buffer and byte-span layers over it.

use crate::article::{Article, Notice, PageMeta};
use crate::language::{self, Language};
use crate::sentences;
use crate::structure::{self, StructureOptions};
use crate::text::{Annotation, Attr, Paragraph, ParagraphKind, Sentence, Span, Token};
use crate::tokenize;

/// Options for [`Doc::analyze`].
///
/// ```
/// let opts = newsmill_core::AnalyzeOptions::default();
/// assert!(opts.structure.detect_boilerplate);
/// assert_eq!(opts.default_language.as_deref(), Some("en"));
/// ```
#[derive(Clone, Debug)]
pub struct AnalyzeOptions {
    /// Article-structure detection.
    pub structure: StructureOptions,
    /// The language taken when the text is too short or too mixed for a
    /// reliable verdict, nothing is declared, and the text is written in
    /// this language's script (see [`language::decide`]); `None` leaves
    /// such articles with the detector's unreliable guess. `en` by default.
    pub default_language: Option<String>,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            structure: StructureOptions::default(),
            default_language: Some("en".to_string()),
        }
    }
}

/// An analysed article: the text and its layers, all byte spans into `text`.
///
/// ```
/// use newsmill_core::{Article, Doc, AnalyzeOptions};
/// let doc = Doc::analyze(Article::from_text("a", "Head\n\nIt rained. It stopped."), &AnalyzeOptions::default());
/// assert_eq!(doc.paragraphs.len(), 2);
/// assert_eq!(doc.tokens.iter().map(|t| t.text(&doc.text)).collect::<Vec<_>>(),
///            ["Head", "It", "rained", ".", "It", "stopped", "."]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// Stable id of the input item.
    pub id: String,
    /// Where it came from.
    pub source: String,
    /// Publication date as given by the input.
    pub published: Option<String>,
    /// URL as given by the input.
    pub url: Option<String>,
    /// Metadata a web page declares about itself (HTML input).
    pub meta: PageMeta,
    /// The analysed text: the title (when given separately), a blank line,
    /// then the body; or the body as read.
    pub text: String,
    /// Every paragraph, in order, with its kind.
    pub paragraphs: Vec<Paragraph>,
    /// The headline's span, if any.
    pub title: Option<Span>,
    /// The standfirst's span, if any.
    pub subtitle: Option<Span>,
    /// The dateline's span ("Moscow", "LONDON (Reuters)"), if any, without
    /// its trailing separator.
    pub dateline: Option<Span>,
    /// The article's language, found before tokens (see
    /// [`language`](crate::language)); `None` only for a text with no
    /// letters and no declared language.
    pub language: Option<Language>,
    /// Extractors that did not run on this article, with why (for example
    /// `("ner", "language de not supported")`); filled by the engine.
    pub skipped: Vec<(String, String)>,
    /// Tokens of the analysed paragraphs, in order.
    pub tokens: Vec<Token>,
    /// Sentences, in order; they never cross a paragraph.
    pub sentences: Vec<Sentence>,
    /// Extractor annotations, grouped by extractor in pipeline order.
    pub annotations: Vec<Annotation>,
    /// Attributes of the annotations.
    pub attrs: Vec<Attr>,
    /// String arena for string attributes.
    pub strings: String,
    /// Warnings: reader problems and analysis problems that did not stop it.
    pub warnings: Vec<Notice>,
    /// Errors: the record is an error record when this is not empty.
    pub errors: Vec<Notice>,
}

impl Doc {
    /// Analyse an article: structure, then language, then tokens, then
    /// sentences.
    ///
    /// Never panics; a text over 4 GiB (beyond `u32` offsets) gives a doc
    /// with an error and no layers.
    pub fn analyze(article: Article, opts: &AnalyzeOptions) -> Doc {
        let Article {
            id,
            source,
            title,
            published,
            url,
            text,
            first_line_is_title,
            warnings,
            meta,
        } = article;
        let (text, title_known) = match title {
            Some(t) if !t.trim().is_empty() => {
                let t = t.trim();
                let mut buf = String::with_capacity(t.len() + 2 + text.len());
                buf.push_str(t);
                buf.push_str("\n\n");
                buf.push_str(&text);
                (buf, true)
            }
            _ => (text, first_line_is_title),
        };
        let mut doc = Doc {
            id,
            source,
            published,
            url,
            meta,
            text,
            warnings,
            ..Doc::default()
        };
        if u32::try_from(doc.text.len()).is_err() {
            doc.errors.push(Notice::new(
                "too_large",
                format!(
                    "text of {} bytes is beyond the 4 GiB offset range",
                    doc.text.len()
                ),
            ));
            return doc;
        }
        let sopts = StructureOptions {
            first_line_is_title: title_known,
            ..opts.structure.clone()
        };
        let st = structure::analyze(&doc.text, &sopts);
        doc.paragraphs = st.paragraphs;
        doc.title = st.title.map(|i| doc.paragraphs[i].span());
        doc.subtitle = st.subtitle.map(|i| doc.paragraphs[i].span());
        doc.dateline = st.dateline;
        doc.language = doc.detect_language(opts.default_language.as_deref());
        doc.tokenize_and_split();
        doc
    }

    /// The language of the analysed paragraphs (a bounded sample, see
    /// [`language::sample_into`]), with the page's declared language and
    /// then `default` as the fallbacks when unsure (see
    /// [`language::decide`]): the language stage of [`Doc::analyze`].
    ///
    /// ```
    /// use newsmill_core::{AnalyzeOptions, Article, Doc};
    /// let doc = Doc::analyze(Article::from_text("a", "Reform\n\nDie Regierung hat am Dienstag eine Reform der Renten angekündigt."), &AnalyzeOptions::default());
    /// assert_eq!(doc.detect_language(None).unwrap().code, "de");
    /// ```
    pub fn detect_language(&self, default: Option<&str>) -> Option<Language> {
        thread_local! {
            static SAMPLE: std::cell::RefCell<String> =
                std::cell::RefCell::new(String::with_capacity(language::SAMPLE_BYTES + 8));
        }
        let spans = self
            .paragraphs
            .iter()
            .filter(|p| p.kind.is_analysed())
            .map(|p| p.span());
        SAMPLE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buf) => {
                let sample = language::sample_into(&self.text, spans, &mut buf);
                language::decide(sample, self.meta.page_language.as_deref(), default)
            }
            Err(_) => {
                let mut buf = String::new();
                let sample = language::sample_into(&self.text, spans, &mut buf);
                language::decide(sample, self.meta.page_language.as_deref(), default)
            }
        })
    }

    /// The language code, when known.
    pub fn language_code(&self) -> Option<&str> {
        self.language.as_ref().map(|l| l.code.as_str())
    }

    fn tokenize_and_split(&mut self) {
        let text = self.text.as_str();
        self.tokens.reserve(text.len() / 5);
        self.sentences.reserve(text.len() / 100);
        for p in &self.paragraphs {
            if !p.kind.is_analysed() {
                continue;
            }
            // A dateline is a sentence of its own: CoNLL and wire copy treat
            // "BRUSSELS 1996-08-22" as a line before the first sentence.
            let mut regions = [Span::new(p.start, p.end), Span::new(p.end, p.end)];
            if let Some(d) = self.dateline
                && d.start >= p.start
                && d.end <= p.end
            {
                let sep_end =
                    structure::dateline_separator_end(text, d.end as usize, p.end as usize);
                regions = [
                    Span::new(p.start, sep_end as u32),
                    Span::new(sep_end as u32, p.end),
                ];
            }
            for r in regions {
                if r.is_empty() {
                    continue;
                }
                let first = self.tokens.len();
                tokenize::tokenize(text, r, &mut self.tokens);
                let base = first as u32;
                sentences::split(text, &self.tokens[first..], base, &mut self.sentences);
            }
        }
    }

    /// The headline text, if any.
    pub fn title_text(&self) -> Option<&str> {
        self.title.map(|s| s.slice(&self.text))
    }

    /// The standfirst text, if any.
    pub fn subtitle_text(&self) -> Option<&str> {
        self.subtitle.map(|s| s.slice(&self.text))
    }

    /// The dateline text, if any.
    pub fn dateline_text(&self) -> Option<&str> {
        self.dateline.map(|s| s.slice(&self.text))
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        self.tokens
            .get(s.token_start as usize..s.token_end as usize)
            .unwrap_or(&[])
    }

    /// Paragraphs that are analysed (not boilerplate, not repeats).
    pub fn analysed_paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(|p| p.kind.is_analysed())
    }

    /// Number of body paragraphs.
    pub fn body_paragraph_count(&self) -> usize {
        self.paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::BODY)
            .count()
    }
}
