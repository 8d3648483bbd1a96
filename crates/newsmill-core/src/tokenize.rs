//! Tokenizer: byte spans into the text, Penn Treebank / CoNLL-2003 style.
//!
//! Conventions (checked against the CoNLL-2003 English data, see
//! `newsmill-eval`'s token agreement):
//!
//! - punctuation is split off words: `said.` gives `said` `.`, `(Reuters)`
//!   gives `(` `Reuters` `)`; runs of dots (`...`, `..`) and of hyphens
//!   (`--`, `---`) stay together, as do `''` and ` `` `;
//! - clitics are split the treebank way: `Durov's` → `Durov` `'s`,
//!   `don't` → `do` `n't`, `can't` → `ca` `n't`, `they're` → `they` `'re`
//!   (straight or curly apostrophe), while `O'Brien` or `d'Italia` stay whole;
//! - words keep inner hyphens, dots, apostrophes and ampersands (`AL-AIN`,
//!   `U.S`, `AT&T`), numbers keep separators between digits (`1,000`,
//!   `3.5`, `1996-12-06`, `10-15`, `9:30`, `5-1/2`) and a leading sign or
//!   dot (`+44`, `-3.5`, `.500`); `%` and currency signs are tokens of their
//!   own (`$` `1.13bn`, `£` `600m`, `5` `%`) except letter-prefixed dollar
//!   signs (`US$`, `C$`, `HK$`), which are one token as in CoNLL;
//! - a final period stays on abbreviations (`Mr.`, `U.S.`, `p.m.`, `Corp.`,
//!   initials such as `J.`) and on list numbers at the start of a line
//!   (`1.`), except where the abbreviation ends a sentence: at the end of a
//!   line or of the range, or before a word that starts a sentence (`The`,
//!   `He`, ...), CoNLL splits it (`U.S` `.`) and so do we;
//! - URLs, e-mail addresses, `@handles` and `#hashtags` are single tokens;
//! - text in a script written without spaces (Chinese, Japanese, Thai,
//!   Lao, Khmer, Myanmar) is split into words by ICU4X's segmenter
//!   (dictionaries for Chinese and Japanese, LSTM models for the others;
//!   feature `segment`, on by default), else one token per character;
//! - anything else (emoji with their
//!   modifiers and joiners, other symbols, control characters) is a token of
//!   its own; combining marks and joiners stay with the character they
//!   follow.
//!
//! Invariants: tokens are in order, never overlap, lie inside the range, fall
//! on character boundaries, are never empty, and together cover every byte
//! of the range that is not white space (`char::is_whitespace`).
//!
//! The scanner works over bytes with a table for ASCII and decodes a `char`
//! only for non-ASCII bytes; it allocates nothing but the pushes to `out`.

use crate::text::{Span, Token, TokenKind};

/// Tokenize `text[range]`, appending tokens with absolute byte offsets to
/// `out`. A range that does not fit `text` or does not fall on character
/// boundaries yields no token.
///
/// ```
/// use newsmill_core::{Span, tokenize::tokenize};
/// let text = "Hello, world. Durov's lawyers can't say.";
/// let mut toks = Vec::new();
/// tokenize(text, Span::new(0, text.len() as u32), &mut toks);
/// let words: Vec<_> = toks.iter().map(|t| t.text(text)).collect();
/// assert_eq!(
///     words,
///     ["Hello", ",", "world", ".", "Durov", "'s", "lawyers", "ca", "n't", "say", "."]
/// );
/// ```
pub fn tokenize(text: &str, range: Span, out: &mut Vec<Token>) {
    let (start, end) = (range.start as usize, range.end as usize);
    if text.get(start..end).is_none() {
        return;
    }
    let mut sc = Scanner {
        text,
        b: text.as_bytes(),
        start,
        end,
        first: out.len(),
        line: false,
        out,
    };
    sc.run();
}

// ---------------------------------------------------------------------------
// Character classes

/// ASCII byte classes.
const WS: u8 = 0;
const LO: u8 = 1;
const UP: u8 = 2;
const DI: u8 = 3;
const UND: u8 = 4;
const PUN: u8 = 5;
const CTL: u8 = 6;
const HI: u8 = 7;

static CLASS: [u8; 256] = build_class();

/// `1 << class` for the ASCII word classes (`LO`, `UP`, `DI`, `UND`), 0 for
/// every other byte.
static WORD_BIT: [u8; 256] = build_word_bit();

const fn build_word_bit() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = CLASS[i];
        if c == LO || c == UP || c == DI || c == UND {
            t[i] = 1 << c;
        }
        i += 1;
    }
    t
}

const fn build_class() -> [u8; 256] {
    let mut t = [HI; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c == b' ' || (c >= 9 && c <= 13) {
            WS
        } else if c.is_ascii_lowercase() {
            LO
        } else if c.is_ascii_uppercase() {
            UP
        } else if c.is_ascii_digit() {
            DI
        } else if c == b'_' {
            UND
        } else if c < 32 || c == 127 {
            CTL
        } else {
            PUN
        };
        i += 1;
    }
    t
}

/// Classes of characters for the scanner.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cc {
    /// White space.
    Space,
    /// A letter (or a mark of a script that has no spaces between marks).
    Letter,
    /// A digit or other numeric character.
    Digit,
    /// `_`: part of words, neither letter nor digit.
    Connect,
    /// Combining mark, joiner, variation selector, emoji modifier: stays with
    /// what precedes it.
    Ext,
    /// A CJK ideograph: one token each.
    Han,
    /// Anything else: punctuation, symbols, controls.
    Other,
}

fn class_of(c: char) -> Cc {
    let u = c as u32;
    if u < 0x80 {
        return match CLASS[u as usize] {
            WS => Cc::Space,
            LO | UP => Cc::Letter,
            DI => Cc::Digit,
            UND => Cc::Connect,
            _ => Cc::Other,
        };
    }
    if c.is_alphabetic() {
        return if is_han(u) { Cc::Han } else { Cc::Letter };
    }
    if c.is_numeric() {
        return Cc::Digit;
    }
    if c.is_whitespace() {
        return Cc::Space;
    }
    if is_extender(u) {
        return Cc::Ext;
    }
    // Marks of Brahmic and South-East Asian scripts (viramas, nuktas, tone
    // marks) that are not Alphabetic: part of the word, except the dandas
    // and other sentence punctuation of those blocks.
    if (0x0900..=0x0DFF).contains(&u)
        || (0x0E00..=0x0EFF).contains(&u)
        || (0x0F00..=0x0FFF).contains(&u)
        || (0x1000..=0x109F).contains(&u)
        || (0x1780..=0x17FF).contains(&u)
    {
        return match u {
            0x0964
            | 0x0965
            | 0x0970
            | 0x0DF4
            | 0x0E2F
            | 0x0E46
            | 0x0E4F
            | 0x0E5A
            | 0x0E5B
            | 0x0F04..=0x0F12
            | 0x104A
            | 0x104B
            | 0x17D4..=0x17DA => Cc::Other,
            _ => Cc::Letter,
        };
    }
    Cc::Other
}

fn is_han(u: u32) -> bool {
    (0x4E00..=0x9FFF).contains(&u)
        || (0x3400..=0x4DBF).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0x20000..=0x2FA1F).contains(&u)
        || (0x30000..=0x3134F).contains(&u)
}

/// A letter of a script written without spaces between words: Han,
/// Hiragana, Katakana (with the prolonged sound mark), Thai, Lao, Khmer,
/// Myanmar.
fn is_unspaced(u: u32) -> bool {
    is_han(u)
        || (0x3040..=0x30FF).contains(&u)
        || (0x3005..=0x3007).contains(&u)
        || (0x31F0..=0x31FF).contains(&u)
        || (0xFF66..=0xFF9F).contains(&u)
        || (0x0E00..=0x0EFF).contains(&u)
        || (0x1000..=0x109F).contains(&u)
        || (0x1780..=0x17FF).contains(&u)
}

fn is_extender(u: u32) -> bool {
    matches!(u,
        0x00AD | 0x200B..=0x200F | 0x2060 | 0xFEFF | 0x034F
        | 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1 | 0x05C2
        | 0x05C4 | 0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 | 0x06EA..=0x06ED
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099 | 0x309A
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF)
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Kind of a non-ASCII character that is not part of a word.
fn other_kind(c: char) -> TokenKind {
    match c {
        '‘' | '’' | '‚' | '‛' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '「' | '」'
        | '『' | '』' | '〝' | '〞' | '＂' | '＇' => TokenKind::QUOTE,
        '\u{2010}'..='\u{2015}'
        | '\u{2016}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '¡'
        | '§'
        | '¶'
        | '·'
        | '¿'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{0589}'
        | '\u{05BE}'
        | '\u{05C0}'
        | '\u{05C3}'
        | '\u{05C6}'
        | '\u{060C}'
        | '\u{061B}'
        | '\u{061F}'
        | '\u{06D4}'
        | '\u{0964}'
        | '\u{0965}' => TokenKind::PUNCT,
        _ => TokenKind::SYMBOL,
    }
}

// ---------------------------------------------------------------------------
// Abbreviations

/// How a word takes a following period.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// Not an abbreviation: the period is split off.
    No,
    /// A title before a name (`Mr.`, `Dr.`, `Gen.`): keeps its period.
    Title,
    /// An abbreviation that can end a sentence (`U.S.`, `Inc.`, `Jr.`): keeps
    /// its period unless the context shows a sentence end.
    Final,
}

/// Copy an ASCII word of up to 8 bytes into a lower-case buffer.
fn lower8(w: &[u8]) -> Option<([u8; 8], usize)> {
    if w.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    for (d, &s) in buf.iter_mut().zip(w) {
        if !s.is_ascii_alphabetic() {
            return None;
        }
        *d = s.to_ascii_lowercase();
    }
    Some((buf, w.len()))
}

/// Classify the word `w` (without its period) as an abbreviation.
/// `dots` counts its inner periods; `digit_next` tells whether a digit comes
/// after the period and white space (`No. 5`).
fn abbreviation(w: &[u8], dots: usize, digit_next: bool) -> Abbrev {
    let Some(&first) = w.first() else {
        return Abbrev::No;
    };
    if dots > 0 {
        // U.S, p.m, e.g, Ph.D, U.S.A: letters only, short segments.
        let ok = w.split(|&b| b == b'.').all(|seg| {
            !seg.is_empty() && seg.len() <= 3 && seg.iter().all(u8::is_ascii_alphabetic)
        });
        return if ok { Abbrev::Final } else { Abbrev::No };
    }
    if w.len() == 1 {
        return if first.is_ascii_uppercase() {
            Abbrev::Final
        } else {
            Abbrev::No
        };
    }
    let Some((buf, n)) = lower8(w) else {
        return Abbrev::No;
    };
    let l = &buf[..n];
    // Lower-case forms are abbreviations whatever their case.
    if matches!(
        l,
        b"vs" | b"etc" | b"approx" | b"cf" | b"viz" | b"pp" | b"vol" | b"vols" | b"ca" | b"al"
    ) {
        return Abbrev::Final;
    }
    if matches!(
        l,
        b"no" | b"nos" | b"nr" | b"art" | b"fig" | b"p" | b"ch" | b"sec"
    ) {
        return if digit_next {
            Abbrev::Final
        } else {
            Abbrev::No
        };
    }
    if !first.is_ascii_uppercase() {
        return Abbrev::No;
    }
    match l {
        b"mr" | b"mrs" | b"ms" | b"messrs" | b"mme" | b"mlle" | b"dr" | b"prof" | b"gen"
        | b"lt" | b"col" | b"sgt" | b"cpl" | b"pvt" | b"capt" | b"cmdr" | b"cdr" | b"adm"
        | b"maj" | b"brig" | b"gov" | b"sen" | b"rep" | b"reps" | b"sens" | b"rev" | b"hon"
        | b"pres" | b"supt" | b"insp" | b"det" | b"atty" | b"fr" | b"mt" | b"ft" | b"sra"
        | b"sr" | b"jr" => {
            // Sr. and Jr. follow the name and often end a sentence.
            if matches!(l, b"sr" | b"jr") {
                Abbrev::Final
            } else {
                Abbrev::Title
            }
        }
        b"st" | b"inc" | b"corp" | b"co" | b"cos" | b"ltd" | b"bros" | b"cie" | b"plc"
        | b"dept" | b"univ" | b"assn" | b"ave" | b"blvd" | b"rd" | b"sq" | b"hwy" | b"jan"
        | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct"
        | b"nov" | b"dec" | b"mon" | b"tue" | b"tues" | b"wed" | b"thu" | b"thur" | b"thurs"
        | b"fri" | b"ala" | b"ariz" | b"ark" | b"calif" | b"colo" | b"conn" | b"del" | b"fla"
        | b"ga" | b"ill" | b"ind" | b"kan" | b"kans" | b"ky" | b"la" | b"md" | b"mass"
        | b"mich" | b"minn" | b"miss" | b"mo" | b"mont" | b"neb" | b"nev" | b"okla" | b"ore"
        | b"pa" | b"penn" | b"tenn" | b"tex" | b"va" | b"vt" | b"wash" | b"wis" | b"wyo"
        | b"esq" | b"ph" | b"govt" | b"intl" | b"natl" => Abbrev::Final,
        _ => Abbrev::No,
    }
}

/// Words that start a sentence: after an abbreviation they show that its
/// period also ends the sentence.
fn is_sentence_starter(w: &[u8]) -> bool {
    matches!(
        w,
        b"The"
            | b"A"
            | b"An"
            | b"He"
            | b"She"
            | b"It"
            | b"They"
            | b"We"
            | b"You"
            | b"This"
            | b"That"
            | b"These"
            | b"Those"
            | b"There"
            | b"His"
            | b"Her"
            | b"Its"
            | b"Their"
            | b"Our"
            | b"In"
            | b"On"
            | b"At"
            | b"But"
            | b"And"
            | b"So"
            | b"If"
            | b"When"
            | b"While"
            | b"After"
            | b"Before"
            | b"However"
            | b"Meanwhile"
            | b"Also"
            | b"Some"
            | b"Many"
            | b"What"
            | b"Why"
            | b"How"
            | b"Who"
            | b"Since"
            | b"Although"
            | b"Yet"
            | b"Now"
    )
}

// ---------------------------------------------------------------------------
// The scanner

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Start of the range.
    start: usize,
    /// End of the range.
    end: usize,
    /// Index in `out` of the first token of this call.
    first: usize,
    /// A line break was seen since the last token.
    line: bool,
    out: &'a mut Vec<Token>,
}

/// Summary of a word run.
#[derive(Clone, Copy, Default)]
struct Run {
    /// Where the word characters start (after a sign or invisible
    /// characters that begin the token).
    start: usize,
    /// Bit set of the ASCII classes seen (`1 << LO`, `1 << UP`, `1 << DI`,
    /// `1 << UND`); non-ASCII letters count as `LO`, digits as `DI`.
    seen: u8,
    /// A non-ASCII character is part of the run.
    nonascii: bool,
    /// An inner apostrophe is part of the run.
    apos: bool,
    /// Inner periods.
    dots: usize,
    /// Class of the last character.
    last: Option<Cc>,
    /// End of the last inner hyphen, or 0.
    hyphen_end: usize,
}

impl Run {
    fn alpha(&self) -> bool {
        self.seen & (1 << LO | 1 << UP) != 0
    }

    fn digit(&self) -> bool {
        self.seen & (1 << DI) != 0
    }

    fn kind(&self) -> TokenKind {
        match (self.alpha(), self.digit()) {
            (true, true) => TokenKind::ALNUM,
            (true, false) => TokenKind::WORD,
            (false, true) => TokenKind::NUMBER,
            (false, false) => TokenKind::SYMBOL,
        }
    }
}

impl Scanner<'_> {
    /// The character at byte `i` (a char boundary below `end`) and its length.
    #[inline]
    fn ch(&self, i: usize) -> (char, usize) {
        match self.b.get(i) {
            Some(&x) if x < 0x80 => (x as char, 1),
            Some(_) => match self.text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => ('\u{FFFD}', 1),
            },
            None => ('\0', 0),
        }
    }

    /// Class of the character at `i`, `None` at the end of the range.
    #[inline]
    fn class_at(&self, i: usize) -> Option<(Cc, usize)> {
        if i >= self.end {
            return None;
        }
        let x = self.b[i];
        if x < 0x80 {
            let c = match CLASS[x as usize] {
                WS => Cc::Space,
                LO | UP => Cc::Letter,
                DI => Cc::Digit,
                UND => Cc::Connect,
                _ => Cc::Other,
            };
            return Some((c, 1));
        }
        let (c, n) = self.ch(i);
        Some((class_of(c), n))
    }

    /// True when `i` starts a word character (letter, digit, `_`), inside
    /// the range.
    #[inline]
    fn word_at(&self, i: usize) -> bool {
        matches!(
            self.class_at(i),
            Some((Cc::Letter | Cc::Digit | Cc::Connect, _))
        )
    }

    #[inline]
    fn byte(&self, i: usize) -> u8 {
        if i < self.end { self.b[i] } else { 0 }
    }

    /// True when the text (not only the range) has white space at `i`.
    fn space_at(&self, i: usize) -> bool {
        match self.b.get(i) {
            Some(&x) if x < 0x80 => CLASS[x as usize] == WS,
            Some(_) => self.ch(i).0.is_whitespace(),
            None => false,
        }
    }

    /// Length of a curly apostrophe (’) at `i`, or of a straight one.
    #[inline]
    fn apostrophe_at(&self, i: usize) -> usize {
        match self.byte(i) {
            b'\'' => 1,
            0xE2 if i + 3 <= self.end && self.b[i + 1] == 0x80 && self.b[i + 2] == 0x99 => 3,
            _ => 0,
        }
    }

    fn emit(&mut self, s: usize, e: usize, kind: TokenKind) {
        let f = case_flags(&self.b[s..e], self.text.get(s..e).unwrap_or(""));
        self.push(s, e, kind, f);
    }

    /// Emit `[s, e)`, a word run with what it took after it (a period, a
    /// hyphen, plus signs), with the case flags known from the run.
    #[inline]
    fn emit_run(&mut self, s: usize, e: usize, r: Run) {
        if r.nonascii {
            self.emit(s, e, r.kind());
            return;
        }
        let mut f = 0;
        if CLASS[self.b[s] as usize] == UP {
            f |= Token::UPPER_INITIAL;
        }
        if r.seen & (1 << UP | 1 << LO) == 1 << UP {
            f |= Token::ALL_UPPER;
        }
        self.push(s, e, r.kind(), f);
    }

    /// Push a token with case flags `f`, adding the other flags.
    #[inline]
    fn push(&mut self, s: usize, e: usize, kind: TokenKind, f: u8) {
        let mut t = Token::new(s as u32, e as u32, kind);
        t.flags = f;
        if self.line && self.out.len() > self.first {
            t.flags |= Token::LINE_BEFORE;
        }
        self.line = false;
        if self.space_at(e) {
            t.flags |= Token::SPACE_AFTER;
        }
        self.out.push(t);
    }

    /// True when no token of this call precedes, or a line break does.
    fn at_line_start(&self) -> bool {
        self.line || self.out.len() == self.first
    }

    fn run(&mut self) {
        let mut i = self.start;
        while i < self.end {
            let x = self.b[i];
            if x < 0x80 {
                match CLASS[x as usize] {
                    WS => {
                        if x == b'\n' || x == b'\r' || x == 0x0B || x == 0x0C {
                            self.line = true;
                        }
                        i += 1;
                    }
                    LO | UP | DI | UND => i = self.word(i, i),
                    _ => i = self.ascii_other(i, x),
                }
                continue;
            }
            let (c, n) = self.ch(i);
            i = match class_of(c) {
                Cc::Space => {
                    if is_line_break(c) {
                        self.line = true;
                    }
                    i + n
                }
                Cc::Letter | Cc::Han if is_unspaced(c as u32) => self.unspaced(i),
                Cc::Letter | Cc::Digit | Cc::Connect => self.word(i, i),
                Cc::Han => {
                    let e = self.extenders(i + n);
                    self.emit(i, e, TokenKind::WORD);
                    e
                }
                Cc::Ext => {
                    // Invisible or combining characters at a token start
                    // belong to the word they precede, if any.
                    let e = self.extenders(i + n);
                    if matches!(
                        self.class_at(e),
                        Some((Cc::Letter | Cc::Digit | Cc::Connect, _))
                    ) {
                        self.word(i, e)
                    } else {
                        self.emit(i, e, TokenKind::SYMBOL);
                        e
                    }
                }
                Cc::Other => self.unicode_other(i, c, n),
            };
        }
    }

    /// A run of a script written without spaces between words (Chinese,
    /// Japanese, Thai, Lao, Khmer, Myanmar) from `i`: split into words by
    /// the ICU4X dictionary / LSTM segmenter (feature `segment`), else one
    /// token per character.
    fn unspaced(&mut self, i: usize) -> usize {
        let mut j = i;
        while j < self.end {
            let (c, n) = self.ch(j);
            match class_of(c) {
                Cc::Letter | Cc::Han if is_unspaced(c as u32) => j += n,
                Cc::Ext if j > i => j += n,
                _ => break,
            }
        }
        self.segment_run(i, j);
        j
    }

    #[cfg(feature = "segment")]
    fn segment_run(&mut self, i: usize, j: usize) {
        use icu_segmenter::{
            WordSegmenter, WordSegmenterBorrowed, options::WordBreakInvariantOptions,
        };
        static SEGMENTER: std::sync::OnceLock<WordSegmenterBorrowed<'static>> =
            std::sync::OnceLock::new();
        let seg =
            SEGMENTER.get_or_init(|| WordSegmenter::new_auto(WordBreakInvariantOptions::default()));
        let run = &self.text[i..j];
        let mut prev = 0usize;
        for b in seg.segment_str(run) {
            if b > prev {
                self.emit(i + prev, i + b, TokenKind::WORD);
                prev = b;
            }
        }
        if prev < run.len() {
            self.emit(i + prev, j, TokenKind::WORD);
        }
    }

    #[cfg(not(feature = "segment"))]
    fn segment_run(&mut self, i: usize, j: usize) {
        let mut k = i;
        while k < j {
            let (_, n) = self.ch(k);
            let e = self.extenders(k + n).min(j);
            self.emit(k, e, TokenKind::WORD);
            k = e;
        }
    }

    /// Skip combining marks, joiners and modifiers from `i`.
    fn extenders(&self, mut i: usize) -> usize {
        while let Some((Cc::Ext, n)) = self.class_at(i) {
            i += n;
        }
        i
    }

    /// A non-ASCII character that is neither space nor part of a word.
    fn unicode_other(&mut self, i: usize, c: char, n: usize) -> usize {
        if c == '’' {
            return self.apostrophe(i, n);
        }
        let kind = other_kind(c);
        let mut e = i + n;
        if kind == TokenKind::PUNCT && matches!(c, '\u{2010}'..='\u{2015}' | '…') {
            // Runs of the same dash or of ellipses stay together.
            while e < self.end && self.ch(e).0 == c {
                e += n;
            }
        } else if kind == TokenKind::SYMBOL {
            e = self.symbol_sequence(i, c, n);
        }
        self.emit(i, e, kind);
        e
    }

    /// An emoji or other symbol with its modifiers: a flag (two regional
    /// indicators), variation selectors, skin tones, keycaps, tags, and
    /// zero-width-joiner sequences.
    fn symbol_sequence(&self, i: usize, c: char, n: usize) -> usize {
        let mut e = i + n;
        if is_regional_indicator(c) {
            let (d, m) = self.ch(e);
            if e < self.end && is_regional_indicator(d) {
                e += m;
            }
            return e;
        }
        if (c as u32) < 0xA0 {
            // C1 controls and the like: alone.
            return e;
        }
        loop {
            e = self.extenders(e);
            // A joiner was consumed as an extender; if it is followed by
            // another symbol, take that too.
            if e >= i + n + 3
                && self.b[e - 3..e] == [0xE2, 0x80, 0x8D]
                && let Some((Cc::Other, m)) = self.class_at(e)
                && self.b[e] >= 0x80
            {
                e += m;
                continue;
            }
            return e;
        }
    }

    /// ASCII punctuation, symbols and controls at a token start.
    fn ascii_other(&mut self, i: usize, x: u8) -> usize {
        let next = self.byte(i + 1);
        match x {
            b'.' => {
                if next.is_ascii_digit() {
                    return self.word(i, i + 1);
                }
                let e = self.same_run(i, b'.');
                self.emit(i, e, TokenKind::PUNCT);
                e
            }
            b'-' | b'+' => {
                if next.is_ascii_digit() || (next == b'.' && self.byte(i + 2).is_ascii_digit()) {
                    return self.word(i, i + 1);
                }
                let e = self.same_run(i, x);
                let kind = if x == b'-' {
                    TokenKind::PUNCT
                } else {
                    TokenKind::SYMBOL
                };
                self.emit(i, e, kind);
                e
            }
            b'\'' => self.apostrophe(i, 1),
            b'`' => {
                let e = if next == b'`' { i + 2 } else { i + 1 };
                self.emit(i, e, TokenKind::QUOTE);
                e
            }
            b'"' => {
                self.emit(i, i + 1, TokenKind::QUOTE);
                i + 1
            }
            b'@' => {
                let mut e = i + 1;
                while e < self.end && (self.b[e].is_ascii_alphanumeric() || self.b[e] == b'_') {
                    e += 1;
                }
                let kind = if e > i + 1 {
                    TokenKind::HANDLE
                } else {
                    TokenKind::SYMBOL
                };
                self.emit(i, e, kind);
                e
            }
            b'#' => {
                let mut e = i + 1;
                let mut alpha = false;
                while let Some((cc @ (Cc::Letter | Cc::Digit | Cc::Connect | Cc::Ext), n)) =
                    self.class_at(e)
                {
                    alpha |= cc == Cc::Letter;
                    e += n;
                }
                if alpha {
                    self.emit(i, e, TokenKind::HASHTAG);
                    e
                } else {
                    self.emit(i, i + 1, TokenKind::SYMBOL);
                    i + 1
                }
            }
            b'!' | b'?' => {
                let mut e = i + 1;
                while matches!(self.byte(e), b'!' | b'?') {
                    e += 1;
                }
                self.emit(i, e, TokenKind::PUNCT);
                e
            }
            b'*' | b'=' | b'~' => {
                let e = self.same_run(i, x);
                self.emit(i, e, TokenKind::SYMBOL);
                e
            }
            b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'/' | b'\\' => {
                self.emit(i, i + 1, TokenKind::PUNCT);
                i + 1
            }
            _ => {
                // $ % & < > | ^ and control characters.
                self.emit(i, i + 1, TokenKind::SYMBOL);
                i + 1
            }
        }
    }

    /// End of the run of byte `x` starting at `i`.
    fn same_run(&self, i: usize, x: u8) -> usize {
        let mut e = i + 1;
        while self.byte(e) == x {
            e += 1;
        }
        e
    }

    /// An apostrophe (of `n` bytes) at a token start: a clitic (`'s`, `'re`,
    /// ... followed by a non-word character), `''`, or a quote.
    fn apostrophe(&mut self, i: usize, n: usize) -> usize {
        if n == 1 && self.byte(i + 1) == b'\'' {
            self.emit(i, i + 2, TokenKind::QUOTE);
            return i + 2;
        }
        let a = i + n;
        // '96, '90s: a year.
        if self.byte(a).is_ascii_digit() && self.byte(a + 1).is_ascii_digit() {
            let mut e = a + 2;
            if self.byte(e) == b's' {
                e += 1;
            }
            if !self.word_at(e) {
                let kind = if e - a == 3 {
                    TokenKind::ALNUM
                } else {
                    TokenKind::NUMBER
                };
                self.emit(i, e, kind);
                return e;
            }
        }
        let mut e = a;
        while e < self.end && self.b[e].is_ascii_alphabetic() && e - a < 3 {
            e += 1;
        }
        if e > a && !self.word_at(e) {
            let w = &self.b[a..e];
            if lower8(w).is_some_and(|(buf, k)| {
                matches!(&buf[..k], b"s" | b"re" | b"ve" | b"ll" | b"d" | b"m")
            }) {
                self.emit(i, e, TokenKind::CLITIC);
                return e;
            }
        }
        self.emit(i, a, TokenKind::QUOTE);
        a
    }

    /// URL at `s` (`http://`, `https://`, `ftp://`, `www.`): its end.
    fn url_at(&self, s: usize) -> Option<usize> {
        let rest = &self.b[s..self.end];
        let head = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        let body = if head(b"http://") {
            7
        } else if head(b"https://") {
            8
        } else if head(b"ftp://") {
            6
        } else if head(b"www.") {
            4
        } else {
            return None;
        };
        if !self.word_at(s + body) {
            return None;
        }
        Some(self.url_rest(s + body, s))
    }

    /// Extend a URL from `i` to its end (white space, quotes, angle
    /// brackets), then give back trailing punctuation and an unbalanced
    /// closing bracket. `s` is the URL's start.
    fn url_rest(&self, mut i: usize, s: usize) -> usize {
        while i < self.end {
            let x = self.b[i];
            if x < 0x80 {
                if CLASS[x as usize] == WS
                    || CLASS[x as usize] == CTL
                    || matches!(x, b'"' | b'<' | b'>')
                {
                    break;
                }
                i += 1;
            } else {
                let (c, n) = self.ch(i);
                if c.is_whitespace()
                    || other_kind(c) == TokenKind::QUOTE
                    || other_kind(c) == TokenKind::PUNCT
                {
                    break;
                }
                i += n;
            }
        }
        loop {
            let Some(&last) = self.b[s..i].last() else {
                return i;
            };
            let drop = match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => true,
                b')' => {
                    self.b[s..i].iter().filter(|&&b| b == b'(').count()
                        < self.b[s..i].iter().filter(|&&b| b == b')').count()
                }
                b']' => !self.b[s..i].contains(&b'['),
                _ => false,
            };
            if !drop || i - 1 <= s {
                return i;
            }
            i -= 1;
        }
    }

    /// An e-mail domain after the `@` at `at`: its end, if it has a dot and
    /// ends in a label of letters.
    fn email_domain(&self, at: usize) -> Option<usize> {
        let mut i = at + 1;
        let mut labels = 0;
        let mut last_alpha = false;
        loop {
            let l = i;
            let mut alpha = true;
            while i < self.end && (self.b[i].is_ascii_alphanumeric() || self.b[i] == b'-') {
                alpha &= self.b[i].is_ascii_alphabetic();
                i += 1;
            }
            if i == l {
                // Empty label: give back the dot that led here.
                i -= 1;
                break;
            }
            labels += 1;
            last_alpha = alpha && i - l >= 2;
            if self.byte(i) == b'.' && self.byte(i + 1).is_ascii_alphanumeric() {
                i += 1;
            } else {
                break;
            }
        }
        (labels >= 2 && last_alpha).then_some(i)
    }

    /// A word, number or mixed run whose token starts at `s` (maybe a sign
    /// or a dot) and whose word characters start at `w`.
    fn word(&mut self, s: usize, w: usize) -> usize {
        if s == w
            && matches!(self.b[s], b'h' | b'H' | b'f' | b'F' | b'w' | b'W')
            && let Some(e) = self.url_at(s)
        {
            self.emit(s, e, TokenKind::URL);
            return e;
        }
        let mut r = Run {
            start: w,
            nonascii: self.b[s] >= 0x80,
            ..Run::default()
        };
        let mut j = w;
        loop {
            // Word characters: an ASCII fast path, then one non-ASCII
            // character at a time.
            loop {
                let j0 = j;
                let mut seen = 0u8;
                while j < self.end {
                    let m = WORD_BIT[self.b[j] as usize];
                    if m == 0 {
                        break;
                    }
                    seen |= m;
                    j += 1;
                }
                if j > j0 {
                    r.seen |= seen;
                    r.last = Some(match CLASS[self.b[j - 1] as usize] {
                        DI => Cc::Digit,
                        UND => Cc::Connect,
                        _ => Cc::Letter,
                    });
                }
                if j >= self.end || self.b[j] < 0x80 {
                    break;
                }
                let (c, n) = self.ch(j);
                match class_of(c) {
                    // A script written without spaces starts a new run.
                    Cc::Letter if is_unspaced(c as u32) => break,
                    Cc::Letter => {
                        r.seen |= 1 << LO;
                        r.last = Some(Cc::Letter);
                    }
                    Cc::Digit => {
                        r.seen |= 1 << DI;
                        r.last = Some(Cc::Digit);
                    }
                    Cc::Connect => r.last = Some(Cc::Connect),
                    Cc::Ext => {}
                    _ => break,
                }
                r.nonascii = true;
                j += n;
            }
            if j >= self.end {
                break;
            }
            // A connector between word characters.
            let x = self.b[j];
            let prev = r.last;
            let step = match x {
                b'.' | b'-' if self.word_at(j + 1) => 1,
                // U.S.-led, Ill.-based
                b'.' if self.byte(j + 1) == b'-' && self.word_at(j + 2) => 2,
                // Tel+44, 100=1992
                b'+' if prev == Some(Cc::Letter) && self.byte(j + 1).is_ascii_digit() => 1,
                b'=' if prev.is_some_and(|c| c != Cc::Connect)
                    && self.byte(j + 1).is_ascii_alphanumeric() =>
                {
                    1
                }
                b'&' if prev == Some(Cc::Letter)
                    && self.b[j - 1].is_ascii_alphabetic()
                    && self.byte(j + 1).is_ascii_alphabetic() =>
                {
                    1
                }
                b',' | b':' | b'/'
                    if prev == Some(Cc::Digit)
                        && self.b[j - 1].is_ascii_digit()
                        && self.byte(j + 1).is_ascii_digit() =>
                {
                    1
                }
                b'\'' | 0xE2 if prev == Some(Cc::Letter) => {
                    let n = self.apostrophe_at(j);
                    if n > 0 && matches!(self.class_at(j + n), Some((Cc::Letter, _))) {
                        n
                    } else {
                        0
                    }
                }
                b'@' if s == w && j > s => {
                    if let Some(e) = self.email_domain(j)
                        && self.b[s..j].iter().all(|&b| {
                            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'+')
                        })
                    {
                        self.emit(s, e, TokenKind::EMAIL);
                        return e;
                    }
                    0
                }
                _ => 0,
            };
            if step == 0 {
                break;
            }
            if x == b'.' {
                r.dots += 1;
            } else if x == b'\'' || x == 0xE2 {
                r.apos = true;
            }
            if x == b'-' || step == 2 {
                // An abbreviation is judged on what follows the last hyphen.
                r.dots = 0;
                r.hyphen_end = j + step;
            }
            j += step;
        }
        self.finish_word(s, j, r)
    }

    /// Decide what follows a word run `[s, j)`: a letter-prefixed dollar
    /// sign, a URL path, a hyphen, a period of an abbreviation; then emit.
    fn finish_word(&mut self, s: usize, mut j: usize, r: Run) -> usize {
        let next = self.byte(j);
        // US$, C$, HK$.
        if next == b'$' && j - s <= 3 && self.b[s..j].iter().all(u8::is_ascii_uppercase) {
            self.emit(s, j + 1, TokenKind::SYMBOL);
            return j + 1;
        }
        // Bare domains: reuters.com, example.co.uk/path.
        if r.dots > 0 && r.alpha() && is_domain(&self.b[s..j]) {
            if next == b'/' && !self.space_at(j + 1) && j + 1 < self.end {
                j = self.url_rest(j, s);
            }
            self.emit(s, j, TokenKind::URL);
            return j;
        }
        // Credit ratings and the like: AA+, BBB-? (the minus is the hyphen
        // rule below), C++.
        if next == b'+' && r.last == Some(Cc::Letter) {
            let mut e = j + 1;
            while self.byte(e) == b'+' {
                e += 1;
            }
            if !self.word_at(e) {
                self.emit_run(s, e, r);
                return e;
            }
        }
        // A hyphen that ends a word before white space: "anti- terrorist".
        if next == b'-'
            && matches!(r.last, Some(Cc::Letter | Cc::Digit))
            && (j + 1 >= self.end || self.space_at(j + 1))
        {
            self.emit_run(s, j + 1, r);
            return j + 1;
        }
        if next == b'.' && self.byte(j + 1) != b'.' && self.period_stays(s, j, r) {
            self.emit_run(s, j + 1, r);
            return j + 1;
        }
        self.emit_with_clitic(s, j, r);
        j
    }

    /// Whether the period at `p` stays on the word `[s, p)`.
    fn period_stays(&self, s: usize, p: usize, r: Run) -> bool {
        let w = &self.b[r.start.max(s)..p];
        if !r.alpha() {
            // "1." starting a line of a list.
            return r.digit()
                && r.dots == 0
                && w.len() <= 3
                && w.iter().all(u8::is_ascii_digit)
                && (p + 1 >= self.end || self.space_at(p + 1))
                && (self.at_line_start() || self.after_sentence_end(s));
        }
        if r.digit() {
            return false;
        }
        let w = if r.hyphen_end > s {
            &self.b[r.hyphen_end..p]
        } else {
            w
        };
        let after = self.skip_spaces_same_line(p + 1);
        let digit_next = after.is_some_and(|a| self.byte(a).is_ascii_digit());
        match abbreviation(w, r.dots, digit_next) {
            Abbrev::No => false,
            Abbrev::Title => p + 1 < self.end,
            Abbrev::Final => !self.sentence_ends_after(p + 1),
        }
    }

    /// Whether the last token of this call is a sentence-final `.`, `!` or
    /// `?` with only spaces between it and `s`, and an upper-case letter
    /// follows the number at `s` (a list item: "... Tuesday. 1. Federico").
    fn after_sentence_end(&self, s: usize) -> bool {
        let Some(t) = self.out.last() else {
            return false;
        };
        if self.out.len() <= self.first || !matches!(self.b[t.start as usize], b'.' | b'!' | b'?') {
            return false;
        }
        let mut e = s;
        while self.byte(e).is_ascii_digit() {
            e += 1;
        }
        self.byte(e + 1) == b' ' && self.byte(e + 2).is_ascii_uppercase()
    }

    /// From `i`, skip spaces and tabs; `None` if a line break or the end of
    /// the range comes first, or if no space was there at all.
    fn skip_spaces_same_line(&self, mut i: usize) -> Option<usize> {
        let s = i;
        while i < self.end && matches!(self.b[i], b' ' | b'\t') {
            i += 1;
        }
        (i > s && i < self.end && !matches!(self.b[i], b'\n' | b'\r')).then_some(i)
    }

    /// Whether a sentence ends after a period that ends at `i`: closing
    /// quotes and brackets may follow, then the end of the range, a line
    /// break (unless the next line goes on in lower case), or a word that
    /// starts sentences.
    fn sentence_ends_after(&self, mut i: usize) -> bool {
        loop {
            match self.byte(i) {
                b'"' | b'\'' => i += 1,
                0xE2 if i + 3 <= self.end
                    && self.b[i + 1] == 0x80
                    && matches!(self.b[i + 2], 0x99 | 0x9D) =>
                {
                    i += 3
                }
                _ => break,
            }
        }
        let mut line = false;
        while i < self.end {
            let (c, n) = self.ch(i);
            if !c.is_whitespace() {
                break;
            }
            line |= is_line_break(c);
            i += n;
        }
        if i >= self.end {
            return true;
        }
        if line {
            let (c, _) = self.ch(i);
            return !(c.is_lowercase() || c.is_numeric());
        }
        let mut e = i;
        while e < self.end && self.b[e].is_ascii_alphabetic() {
            e += 1;
        }
        e > i && !self.word_at(e) && is_sentence_starter(&self.b[i..e])
    }

    /// Emit the run `[s, j)`, splitting a final clitic: `n't`, `'s`, `'re`,
    /// `'ve`, `'ll`, `'d`, `'m` (straight or curly apostrophe).
    fn emit_with_clitic(&mut self, s: usize, j: usize, r: Run) {
        if r.apos {
            if let Some(k) = clitic_split(&self.b[s..j]) {
                self.emit(s, s + k, r.kind());
                self.emit(s + k, j, TokenKind::CLITIC);
                return;
            }
            if self.b[s..j].eq_ignore_ascii_case(b"n't")
                || self.b[s..j].eq_ignore_ascii_case("n’t".as_bytes())
            {
                self.emit(s, j, TokenKind::CLITIC);
                return;
            }
        }
        self.emit_run(s, j, r);
    }
}

/// Where a final clitic starts in `w`, if `w` ends with one and has letters
/// before it.
fn clitic_split(w: &[u8]) -> Option<usize> {
    let n = w.len();
    // n't / n’t
    for (apo, len) in [(&b"'"[..], 1usize), ("’".as_bytes(), 3)] {
        if n >= len + 3 {
            let t = n - 1;
            let a = t - len;
            if (w[t] == b't' || w[t] == b'T')
                && &w[a..t] == apo
                && (w[a - 1] == b'n' || w[a - 1] == b'N')
                && a >= 2
            {
                return Some(a - 1);
            }
        }
    }
    // 's 're 've 'll 'd 'm
    for k in 1..=2usize {
        if n < k + 2 {
            continue;
        }
        let tail = &w[n - k..];
        let Some((buf, m)) = lower8(tail) else {
            continue;
        };
        let ok = match k {
            1 => matches!(&buf[..m], b"s" | b"d" | b"m"),
            _ => matches!(&buf[..m], b"re" | b"ve" | b"ll"),
        };
        if !ok {
            continue;
        }
        let before = n - k;
        if w[before - 1] == b'\'' && before >= 2 {
            return Some(before - 1);
        }
        if before >= 4 && &w[before - 3..before] == "’".as_bytes() {
            return Some(before - 3);
        }
    }
    None
}

/// Whether a dotted word is an internet domain: a known top-level domain
/// after a dot, and a name of two or more characters before it.
fn is_domain(w: &[u8]) -> bool {
    let Some(d) = w.iter().rposition(|&b| b == b'.') else {
        return false;
    };
    let tld = &w[d + 1..];
    d >= 2
        && matches!(
            tld,
            b"com"
                | b"net"
                | b"org"
                | b"edu"
                | b"gov"
                | b"mil"
                | b"int"
                | b"info"
                | b"biz"
                | b"io"
                | b"uk"
                | b"de"
                | b"fr"
                | b"eu"
                | b"au"
                | b"ca"
                | b"jp"
                | b"cn"
                | b"ru"
                | b"tv"
                | b"nz"
                | b"ch"
                | b"nl"
                | b"es"
                | b"se"
                | b"ie"
        )
        && w.iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
}

/// `UPPER_INITIAL` and `ALL_UPPER` of a token.
fn case_flags(b: &[u8], s: &str) -> u8 {
    let (first_upper, upper, lower) = if b.is_ascii() {
        let mut upper = false;
        let mut lower = false;
        for &x in b {
            upper |= x.is_ascii_uppercase();
            lower |= x.is_ascii_lowercase();
        }
        (b.first().is_some_and(u8::is_ascii_uppercase), upper, lower)
    } else {
        let mut upper = false;
        let mut lower = false;
        for c in s.chars() {
            upper |= c.is_uppercase();
            lower |= c.is_lowercase();
        }
        let first = s.chars().find(|&c| class_of(c) != Cc::Ext);
        (first.is_some_and(char::is_uppercase), upper, lower)
    };
    let mut f = 0;
    if first_upper {
        f |= Token::UPPER_INITIAL;
    }
    if upper && !lower {
        f |= Token::ALL_UPPER;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len() as u32), &mut out);
        check_invariants(text, Span::new(0, text.len() as u32), &out);
        out
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).iter().map(|t| t.text(text)).collect()
    }

    fn kinds(text: &str) -> Vec<(&str, &'static str)> {
        toks(text)
            .iter()
            .map(|t| (t.text(text), t.kind.name()))
            .collect()
    }

    /// In order, not overlapping, not empty, inside the range, on char
    /// boundaries, covering every non-white-space byte.
    fn check_invariants(text: &str, range: Span, out: &[Token]) {
        let mut covered = range.start as usize;
        for t in out {
            let (s, e) = (t.start as usize, t.end as usize);
            assert!(s < e, "empty token at {s} in {text:?}");
            assert!(s >= covered, "overlap or disorder at {s} in {text:?}");
            assert!(e <= range.end as usize, "token past the range in {text:?}");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            assert!(
                text[covered..s].chars().all(char::is_whitespace),
                "lost bytes {:?} in {text:?}",
                &text[covered..s]
            );
            assert!(
                !text[s..e].starts_with(char::is_whitespace)
                    && !text[s..e].ends_with(char::is_whitespace),
                "token with white space {:?}",
                &text[s..e]
            );
            assert_eq!(t.reserved, 0);
            covered = e;
        }
        assert!(
            text[covered..range.end as usize]
                .chars()
                .all(char::is_whitespace),
            "lost tail {:?} in {text:?}",
            &text[covered..range.end as usize]
        );
    }

    #[test]
    fn punctuation_and_final_period() {
        assert_eq!(
            words("He said: \"No (really), it's fine!\" Then he left."),
            [
                "He", "said", ":", "\"", "No", "(", "really", ")", ",", "it", "'s", "fine", "!",
                "\"", "Then", "he", "left", "."
            ]
        );
        assert_eq!(words("Really?! Yes;no"), ["Really", "?!", "Yes", ";", "no"]);
    }

    #[test]
    fn clitics() {
        assert_eq!(
            words("can't don't won't"),
            ["ca", "n't", "do", "n't", "wo", "n't"]
        );
        assert_eq!(words("Durov's Durov’s"), ["Durov", "'s", "Durov", "’s"]);
        assert_eq!(
            words("they're we've you'll I'd I'm IT'S isn’t"),
            [
                "they", "'re", "we", "'ve", "you", "'ll", "I", "'d", "I", "'m", "IT", "'S", "is",
                "n’t"
            ]
        );
        assert_eq!(
            words("O'Brien d'Italia o'clock Gen'l"),
            ["O'Brien", "d'Italia", "o'clock", "Gen'l"]
        );
        assert_eq!(
            words("the players' union"),
            ["the", "players", "'", "union"]
        );
        assert_eq!(words("the 1990's"), ["the", "1990", "'s"]);
        assert_eq!(
            words("the '90s, class of ’96."),
            ["the", "'90s", ",", "class", "of", "’96", "."]
        );
        assert_eq!(
            words("'Hello,' he said"),
            ["'", "Hello", ",", "'", "he", "said"]
        );
        let k = kinds("don't");
        assert_eq!(k, [("do", "word"), ("n't", "clitic")]);
    }

    #[test]
    fn dates_numbers_hyphens() {
        assert_eq!(
            words("BRUSSELS 1996-12-06 AL-AIN one-day 10-15 6-4 1,000 3.5 9:30 5-1/2 1992/93"),
            [
                "BRUSSELS",
                "1996-12-06",
                "AL-AIN",
                "one-day",
                "10-15",
                "6-4",
                "1,000",
                "3.5",
                "9:30",
                "5-1/2",
                "1992/93"
            ]
        );
        assert_eq!(
            words("+44 171 and -3.5 or .500"),
            ["+44", "171", "and", "-3.5", "or", ".500"]
        );
        assert_eq!(words("anti- terrorist"), ["anti-", "terrorist"]);
        assert_eq!(words("US / UK and/or"), ["US", "/", "UK", "and", "/", "or"]);
        assert_eq!(words("AT&T S&P Q&A"), ["AT&T", "S&P", "Q&A"]);
        assert_eq!(words("rated AA+ by S&P"), ["rated", "AA+", "by", "S&P"]);
        let k = kinds("1996-12-06 10th 3 word");
        assert_eq!(
            k,
            [
                ("1996-12-06", "number"),
                ("10th", "alnum"),
                ("3", "number"),
                ("word", "word")
            ]
        );
    }

    #[test]
    fn percent_and_currency() {
        assert_eq!(words("rose 2.5% to"), ["rose", "2.5", "%", "to"]);
        assert_eq!(
            words("$1.13bn, US$5, C$ 1.55, £600m, €5, 5€ HK$10"),
            [
                "$", "1.13bn", ",", "US$", "5", ",", "C$", "1.55", ",", "£", "600m", ",", "€", "5",
                ",", "5", "€", "HK$", "10"
            ]
        );
        let k = kinds("$1.13bn");
        assert_eq!(k, [("$", "symbol"), ("1.13bn", "alnum")]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            words(
                "Mr. J. K. Rowling of Acme Corp. and Foo Inc. met at 3 p.m. in the U.S. on Sept. 5."
            ),
            [
                "Mr.", "J.", "K.", "Rowling", "of", "Acme", "Corp.", "and", "Foo", "Inc.", "met",
                "at", "3", "p.m.", "in", "the", "U.S.", "on", "Sept.", "5", "."
            ]
        );
        assert_eq!(
            words("Nadal vs. Federer, e.g. here"),
            ["Nadal", "vs.", "Federer", ",", "e.g.", "here"]
        );
        assert_eq!(words("a U.S.-led force"), ["a", "U.S.-led", "force"]);
        assert_eq!(
            words("No. 5 and no. Yes"),
            ["No.", "5", "and", "no", ".", "Yes"]
        );
    }

    #[test]
    fn sentence_final_abbreviation() {
        // As CoNLL-2003: the period that ends the sentence is split off.
        assert_eq!(
            words("He lives in the U.S."),
            ["He", "lives", "in", "the", "U.S", "."]
        );
        assert_eq!(
            words("in the U.S.\nNext"),
            ["in", "the", "U.S", ".", "Next"]
        );
        assert_eq!(
            words("in the U.S. The end"),
            ["in", "the", "U.S", ".", "The", "end"]
        );
        assert_eq!(
            words("in the U.S. Treasury"),
            ["in", "the", "U.S.", "Treasury"]
        );
        assert_eq!(words("(U.S.)\nX"), ["(", "U.S.", ")", "X"]);
        // An ordinary word always loses its period.
        assert_eq!(words("he said. Then"), ["he", "said", ".", "Then"]);
    }

    #[test]
    fn list_numbers() {
        assert_eq!(
            words("1. Pivotal\n2. England 8.61"),
            ["1.", "Pivotal", "2.", "England", "8.61"]
        );
        assert_eq!(
            words("won 6-3. 2. Smith"),
            ["won", "6-3", ".", "2.", "Smith"]
        );
        assert_eq!(words("in 1995. The"), ["in", "1995", ".", "The"]);
    }

    #[test]
    fn urls_emails_handles_hashtags() {
        assert_eq!(
            kinds(
                "See https://example.com/a_b?x=1&y=(2). Mail jeffrey.hodgson@reuters.com, @durov_1 #FreeDurov #1 www.reuters.com."
            ),
            [
                ("See", "word"),
                ("https://example.com/a_b?x=1&y=(2)", "url"),
                (".", "punct"),
                ("Mail", "word"),
                ("jeffrey.hodgson@reuters.com", "email"),
                (",", "punct"),
                ("@durov_1", "handle"),
                ("#FreeDurov", "hashtag"),
                ("#", "symbol"),
                ("1", "number"),
                ("www.reuters.com", "url"),
                (".", "punct"),
            ]
        );
        assert_eq!(kinds("reuters.com"), [("reuters.com", "url")]);
        assert_eq!(
            words("(http://x.org/wiki/A_(b))"),
            ["(", "http://x.org/wiki/A_(b)", ")"]
        );
        assert_eq!(words("price @ 6.1"), ["price", "@", "6.1"]);
    }

    #[test]
    fn quotes_dashes_ellipses() {
        assert_eq!(
            words("“Yes,” she said — ‘maybe’ -- no... wait… ''fine'' ``ok''"),
            [
                "“", "Yes", ",", "”", "she", "said", "—", "‘", "maybe", "’", "--", "no", "...",
                "wait", "…", "''", "fine", "''", "``", "ok", "''"
            ]
        );
        assert_eq!(words("1996 – 1997 ---"), ["1996", "–", "1997", "---"]);
        assert_eq!(
            kinds("\"x\" —"),
            [
                ("\"", "quote"),
                ("x", "word"),
                ("\"", "quote"),
                ("—", "punct")
            ]
        );
    }

    #[test]
    fn unicode_words() {
        assert_eq!(words("Zürich café naïve"), ["Zürich", "café", "naïve"]);
        // Combining accent stays with its letter.
        assert_eq!(words("cafe\u{301}."), ["cafe\u{301}", "."]);
        assert_eq!(words("Москва, Россия."), ["Москва", ",", "Россия", "."]);
        #[cfg(not(feature = "segment"))]
        assert_eq!(words("东京都。"), ["东", "京", "都", "。"]);
        #[cfg(feature = "segment")]
        assert_eq!(
            words("北京大学的学生。"),
            ["北京", "大学", "的", "学生", "。"]
        );
        assert_eq!(words("हिन्दी भाषा।"), ["हिन्दी", "भाषा", "।"]);
        // Emoji with a skin tone, a ZWJ family, a flag.
        assert_eq!(
            words("ok👍🏽 👨\u{200D}👩\u{200D}👧 🇫🇷!"),
            ["ok", "👍🏽", "👨\u{200D}👩\u{200D}👧", "🇫🇷", "!"]
        );
        // Invisible characters stay inside the word they touch.
        assert_eq!(
            words("\u{FEFF}Hello wo\u{200B}rld \u{200E}x"),
            ["\u{FEFF}Hello", "wo\u{200B}rld", "\u{200E}x"]
        );
        assert!(toks("\u{FEFF}Hello")[0].has(Token::UPPER_INITIAL));
        assert_eq!(words("a \u{200B} b"), ["a", "\u{200B}", "b"]);
        // Non-breaking and ideographic spaces separate tokens.
        assert_eq!(words("a\u{A0}b\u{3000}c"), ["a", "b", "c"]);
    }

    #[test]
    fn flags() {
        let text = "The USA's\nNATO-led go.";
        let t = toks(text);
        let w: Vec<_> = t.iter().map(|t| t.text(text)).collect();
        assert_eq!(w, ["The", "USA", "'s", "NATO-led", "go", "."]);
        let f = |i: usize, flag: u8| t[i].has(flag);
        assert!(f(0, Token::UPPER_INITIAL) && !f(0, Token::ALL_UPPER) && f(0, Token::SPACE_AFTER));
        assert!(f(1, Token::ALL_UPPER) && f(1, Token::UPPER_INITIAL) && !f(1, Token::SPACE_AFTER));
        assert!(!f(2, Token::UPPER_INITIAL) && !f(2, Token::ALL_UPPER) && f(2, Token::SPACE_AFTER));
        assert!(f(3, Token::LINE_BEFORE) && !f(2, Token::LINE_BEFORE) && !f(0, Token::LINE_BEFORE));
        assert!(!f(3, Token::ALL_UPPER), "NATO-led has lower case");
        assert!(!f(5, Token::SPACE_AFTER) && !f(5, Token::UPPER_INITIAL));
        // Numbers and punctuation have no case.
        let t = toks("42 ÉTÉ");
        assert!(!t[0].has(Token::ALL_UPPER) && !t[0].has(Token::UPPER_INITIAL));
        assert!(t[1].has(Token::ALL_UPPER) && t[1].has(Token::UPPER_INITIAL));
    }

    #[test]
    fn ranges_and_offsets() {
        let text = "skip this. Take that.\nAnd more";
        let mut out = Vec::new();
        tokenize(text, Span::new(11, 21), &mut out);
        let w: Vec<_> = out.iter().map(|t| t.text(text)).collect();
        assert_eq!(w, ["Take", "that", "."]);
        assert_eq!(out[0].start, 11);
        // The text after the range decides SPACE_AFTER; the first token of
        // a call has no LINE_BEFORE.
        assert!(out[2].has(Token::SPACE_AFTER));
        let mut out2 = Vec::new();
        tokenize(text, Span::new(21, text.len() as u32), &mut out2);
        assert!(!out2[0].has(Token::LINE_BEFORE));
        // Bad ranges give nothing and do not panic.
        let mut out3 = Vec::new();
        tokenize("é", Span::new(0, 1), &mut out3);
        tokenize("abc", Span::new(2, 10), &mut out3);
        tokenize("abc", Span::new(2, 1), &mut out3);
        assert!(out3.is_empty());
    }

    #[test]
    fn garbage_keeps_invariants() {
        for text in [
            "",
            "   \n\t ",
            "\u{0}\u{1}\u{7f}\u{85}\u{feff}x\u{200b}y\u{200d}\u{2060}",
            "\u{301}\u{301}a\u{301}",
            "'''''",
            "'s n't 're ’",
            "....----....",
            "a.b.c.d.e.f.g.h.i.j.k.",
            "$$$%%%@@@###",
            "@ # $ + - . ' ` , ;",
            "http:// www. https://x.",
            "x@y@z.com a@b. @",
            "U.S.-.-.",
            "1.2.3.4.5...6,7,8,,9::0",
            "\u{10FFFF}\u{E000}\u{FFFD}\u{1F3FB}\u{200D}\u{200D}",
            "🇫🇷🇩🇪🇫",
            "e\u{301}\u{302}\u{303}-\u{301}",
            "A.",
            "a-",
            "'",
            "’s",
            "Ltd.\u{2028}X",
            "the\r\nend.\r\n",
            "١٢٣ ٤٥٦ مرحبا بالعالم.",
            "\u{E0067}\u{E0062}🏴\u{E0067}\u{E0062}\u{E007F}",
        ] {
            toks(text);
        }
    }

    #[test]
    fn every_sub_range_keeps_invariants() {
        let text = "In the U.S. “Durov’s” co-founder said: can't—won't. 1. \u{FEFF}É 👍🏽 $1.5bn (x@y.com) '90s";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let range = Span::new(a as u32, b as u32);
                let mut out = Vec::new();
                tokenize(text, range, &mut out);
                check_invariants(text, range, &out);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_keeps_invariants(text in "\\PC{0,60}") {
            toks(&text);
        }

        #[test]
        fn newsy_text_keeps_invariants(text in "[a-zA-Z0-9 .,'’\"$%&@#:/+=\\-\n()éü—…\u{200B}\u{301}\u{FEFF}👍🏽\u{200D}]{0,80}") {
            toks(&text);
        }
    }
}
