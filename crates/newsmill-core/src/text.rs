//! Plain span records. Every one is `repr(C)` with `u32` byte offsets so that
//! slices of them can cross a C ABI as borrowed views without copying.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
///
/// ```
/// use newsmill_core::Span;
/// let s = Span::new(2, 5);
/// assert_eq!(s.slice("a quick fox"), "qui");
/// assert_eq!(s.len(), 3);
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end` (byte offsets).
    pub const fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers; empty if the span does not fit `text` or
    /// does not fall on character boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// The kind of a token, a `u8` so that it is ABI-stable (unknown values are
/// simply not one of the constants).
///
/// ```
/// use newsmill_core::TokenKind;
/// assert_eq!(TokenKind::WORD.name(), "word");
/// ```
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenKind(pub u8);

impl TokenKind {
    /// Letters (with inner apostrophes, hyphens, dots of abbreviations).
    pub const WORD: TokenKind = TokenKind(0);
    /// Digits, with separators, decimals, dates such as 1996-12-06.
    pub const NUMBER: TokenKind = TokenKind(1);
    /// Punctuation: . , ; : ! ? brackets, dashes.
    pub const PUNCT: TokenKind = TokenKind(2);
    /// Quotation marks, straight or curly.
    pub const QUOTE: TokenKind = TokenKind(3);
    /// Symbols: currency signs, %, &, and anything else.
    pub const SYMBOL: TokenKind = TokenKind(4);
    /// A URL.
    pub const URL: TokenKind = TokenKind(5);
    /// An e-mail address.
    pub const EMAIL: TokenKind = TokenKind(6);
    /// An @handle.
    pub const HANDLE: TokenKind = TokenKind(7);
    /// A #hashtag.
    pub const HASHTAG: TokenKind = TokenKind(8);
    /// A clitic split off a word: 's, n't, 're, 'll, ...
    pub const CLITIC: TokenKind = TokenKind(9);
    /// Mixed letters and digits ($1.13bn is split as "$" + "1.13bn").
    pub const ALNUM: TokenKind = TokenKind(10);

    /// A short lower-case name for output.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::WORD => "word",
            TokenKind::NUMBER => "number",
            TokenKind::PUNCT => "punct",
            TokenKind::QUOTE => "quote",
            TokenKind::SYMBOL => "symbol",
            TokenKind::URL => "url",
            TokenKind::EMAIL => "email",
            TokenKind::HANDLE => "handle",
            TokenKind::HASHTAG => "hashtag",
            TokenKind::CLITIC => "clitic",
            TokenKind::ALNUM => "alnum",
            _ => "other",
        }
    }
}

/// One token: a byte span, a kind and flags.
///
/// ```
/// use newsmill_core::{Token, TokenKind};
/// let t = Token::new(0, 3, TokenKind::WORD);
/// assert_eq!(t.len(), 3);
/// assert!(!t.has(Token::SPACE_AFTER));
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// What the token is.
    pub kind: TokenKind,
    /// Bit set of `Token::SPACE_AFTER`, `Token::LINE_BEFORE`, ...
    pub flags: u8,
    /// Reserved, zero.
    pub reserved: u16,
}

impl Token {
    /// White space follows the token.
    pub const SPACE_AFTER: u8 = 1;
    /// A line break comes between the previous token and this one.
    pub const LINE_BEFORE: u8 = 2;
    /// The token's first character is upper case.
    pub const UPPER_INITIAL: u8 = 4;
    /// Every cased character of the token is upper case (and there is one).
    pub const ALL_UPPER: u8 = 8;

    /// A token with no flags.
    pub const fn new(start: u32, end: u32, kind: TokenKind) -> Self {
        Token {
            start,
            end,
            kind,
            flags: 0,
            reserved: 0,
        }
    }

    /// The token's byte span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True for an empty token (never produced by the tokenizer).
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when `flag` is set.
    pub const fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span().slice(text)
    }
}

/// A sentence: its byte span and the half-open range of its tokens.
///
/// ```
/// use newsmill_core::Sentence;
/// let s = Sentence { start: 0, end: 10, token_start: 0, token_end: 3 };
/// assert_eq!(s.token_count(), 3);
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// First byte (the first token's start).
    pub start: u32,
    /// One past the last byte (the last token's end).
    pub end: u32,
    /// Index of the first token.
    pub token_start: u32,
    /// One past the index of the last token.
    pub token_end: u32,
}

impl Sentence {
    /// Number of tokens.
    pub const fn token_count(&self) -> usize {
        (self.token_end - self.token_start) as usize
    }

    /// The sentence's byte span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// What a paragraph is, an ABI-stable `u8`.
///
/// ```
/// use newsmill_core::ParagraphKind;
/// assert!(ParagraphKind::BODY.is_analysed());
/// assert!(!ParagraphKind::BOILERPLATE.is_analysed());
/// ```
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ParagraphKind(pub u8);

impl ParagraphKind {
    /// Article text.
    pub const BODY: ParagraphKind = ParagraphKind(0);
    /// The headline.
    pub const TITLE: ParagraphKind = ParagraphKind(1);
    /// A standfirst or subtitle under the headline.
    pub const SUBTITLE: ParagraphKind = ParagraphKind(2);
    /// Navigation, sharing, advertising lines: kept, not analysed.
    pub const BOILERPLATE: ParagraphKind = ParagraphKind(3);
    /// A verbatim repeat of an earlier paragraph (a pull-quote): kept, not analysed.
    pub const REPEAT: ParagraphKind = ParagraphKind(4);

    /// A short lower-case name for output.
    pub fn name(self) -> &'static str {
        match self {
            ParagraphKind::BODY => "body",
            ParagraphKind::TITLE => "title",
            ParagraphKind::SUBTITLE => "subtitle",
            ParagraphKind::BOILERPLATE => "boilerplate",
            ParagraphKind::REPEAT => "repeat",
            _ => "other",
        }
    }

    /// Whether tokens and sentences are produced for this kind.
    pub fn is_analysed(self) -> bool {
        matches!(
            self,
            ParagraphKind::BODY | ParagraphKind::TITLE | ParagraphKind::SUBTITLE
        )
    }
}

/// A paragraph: a byte span (without its line breaks) and its kind.
///
/// ```
/// use newsmill_core::{Paragraph, ParagraphKind};
/// let p = Paragraph::new(0, 5, ParagraphKind::TITLE);
/// assert_eq!(p.span().len(), 5);
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Paragraph {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// What the paragraph is.
    pub kind: ParagraphKind,
    /// Reserved, zero.
    pub reserved: [u8; 3],
    /// For a `REPEAT`, the index of the paragraph it repeats; otherwise `u32::MAX`.
    pub repeat_of: u32,
}

impl Paragraph {
    /// A paragraph that repeats nothing.
    pub const fn new(start: u32, end: u32, kind: ParagraphKind) -> Self {
        Paragraph {
            start,
            end,
            kind,
            reserved: [0; 3],
            repeat_of: u32::MAX,
        }
    }

    /// The paragraph's byte span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// An extractor's annotation over a byte span. Layer and label are ids
/// from the pipeline's [`Vocab`](crate::Vocab), resolved once when the
/// pipeline is built; its attributes are `attrs[attr_start..attr_end]` of
/// the document.
///
/// ```
/// use newsmill_core::Annotation;
/// let a = Annotation { start: 0, end: 4, layer: 0, label: 1, score: 1.0, attr_start: 0, attr_end: 0 };
/// assert_eq!(a.span().len(), 4);
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Annotation {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Layer id: the name of the extractor that made it.
    pub layer: u32,
    /// Label id (e.g. "PER", "MONEY"); [`Annotation::NO_LABEL`] for none.
    pub label: u32,
    /// Confidence or score; 1.0 when the extractor has none.
    pub score: f32,
    /// First attribute (index into the document's attributes).
    pub attr_start: u32,
    /// One past the last attribute.
    pub attr_end: u32,
}

impl Annotation {
    /// The label id of an annotation without a label.
    pub const NO_LABEL: u32 = u32::MAX;
    /// `start` and `end` of an annotation about the whole document (a
    /// language, statistics): it has no span.
    pub const DOCUMENT: u32 = u32::MAX;

    /// True for an annotation about the whole document.
    pub const fn is_document(&self) -> bool {
        self.start == Annotation::DOCUMENT && self.end == Annotation::DOCUMENT
    }

    /// The annotation's byte span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The kind of an attribute value, an ABI-stable `u32`.
///
/// ```
/// use newsmill_core::AttrKind;
/// assert_eq!(AttrKind::NUM.0, 0);
/// ```
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AttrKind(pub u32);

impl AttrKind {
    /// A number in `num`.
    pub const NUM: AttrKind = AttrKind(0);
    /// A string: bytes `a..b` of the document's string arena.
    pub const STR: AttrKind = AttrKind(1);
    /// A span of the text: bytes `a..b`.
    pub const SPAN: AttrKind = AttrKind(2);
    /// A reference to annotation number `a` of the document.
    pub const REF: AttrKind = AttrKind(3);
    /// A boolean: `a` is 0 or 1.
    pub const BOOL: AttrKind = AttrKind(4);
    /// A 64-bit signed integer: `a` the low word, `b` the high word (see
    /// [`Attr::int`] and [`Attr::int_value`]). Since ABI 2.
    pub const INT: AttrKind = AttrKind(5);
}

/// One attribute of an annotation: a key id (from the pipeline's
/// [`Vocab`](crate::Vocab)) and a typed value.
///
/// ```
/// use newsmill_core::{Attr, AttrKind};
/// let a = Attr::num(3, 1.13e9);
/// assert_eq!((a.kind, a.num), (AttrKind::NUM, 1.13e9));
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Attr {
    /// Key id.
    pub key: u32,
    /// What the value is.
    pub kind: AttrKind,
    /// First value word (see [`AttrKind`]).
    pub a: u32,
    /// Second value word (see [`AttrKind`]).
    pub b: u32,
    /// The number, for [`AttrKind::NUM`].
    pub num: f64,
}

impl Attr {
    /// An integer attribute (counts, indices, ranks).
    ///
    /// ```
    /// let a = newsmill_core::Attr::int(1, -5_000_000_000);
    /// assert_eq!(a.int_value(), Some(-5_000_000_000));
    /// assert_eq!(newsmill_core::Attr::num(1, 2.0).int_value(), None);
    /// ```
    pub const fn int(key: u32, v: i64) -> Attr {
        let bits = v as u64;
        Attr {
            key,
            kind: AttrKind::INT,
            a: bits as u32,
            b: (bits >> 32) as u32,
            num: 0.0,
        }
    }

    /// The value of an [`AttrKind::INT`] attribute.
    pub const fn int_value(&self) -> Option<i64> {
        if self.kind.0 == AttrKind::INT.0 {
            Some(((self.b as u64) << 32 | self.a as u64) as i64)
        } else {
            None
        }
    }

    /// A numeric attribute.
    pub const fn num(key: u32, v: f64) -> Attr {
        Attr {
            key,
            kind: AttrKind::NUM,
            a: 0,
            b: 0,
            num: v,
        }
    }
}
