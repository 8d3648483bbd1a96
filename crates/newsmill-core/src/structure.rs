//! Article structure from plain text: title, standfirst, dateline,
//! paragraphs, boilerplate and repeated paragraphs.
//!
//! The decisions, in short (each is a cheap pass over the lines; nothing is
//! allocated besides the output vector):
//!
//! - **Lines.** `\n`, `\r\n` and `\r` end a line; U+2028 too. A blank line
//!   (only white space, including tabs, no-break spaces, zero-width spaces
//!   and control characters), a form feed or U+2029 separates blocks.
//!   Paragraph spans never include the surrounding white space.
//! - **Paragraphs.** Every non-blank line is a paragraph of its own (news
//!   text separates paragraphs with blank lines, crawler text with single
//!   line breaks), unless the document is *hard-wrapped*: most line breaks
//!   inside blocks fall after a nearly full line (width 40–110 columns) and
//!   the next word would not have fitted. Then the lines of a paragraph are
//!   joined, and a new paragraph starts where the next word would have
//!   fitted on the line (a greedy wrapper would have put it there) unless
//!   the next line starts in lower case, at an indented line or a bullet,
//!   or at a blank line. None of the BBC, PolNeAR, KPCrowd or TimeML texts
//!   is detected as wrapped; one CoNLL-2003 document (a wire table) is.
//! - **Title.** With `first_line_is_title`, the first line is the title
//!   (always a line of its own, never boilerplate).
//! - **Standfirst** (subtitle), conservative: the line right after a title
//!   ending in `;` in the same block (the "headline; deck" of press
//!   databases, when it reads as a sentence rather than a column name); the
//!   paragraph after an `ABSTRACT` / `Summary` label; the first paragraph
//!   after the title when it also occurs verbatim later in the body (a
//!   pull-quote standfirst); or a short paragraph between the title and a
//!   paragraph that opens with a dateline (the dateline starts the body).
//!   Bylines ("By ...") and short lines (under four words) never are.
//! - **Dateline**: at the start of one of the first three body paragraphs
//!   (later ones only after short ones not ending in `:`): place words in capitals or
//!   capitalised (`WASHINGTON`, `DES MOINES`, `Mexico City`), an optional
//!   region (`, Calif.`, `, United Arab Emirates`), an optional date
//!   (`, Nov. 19`, ` 1996-08-22`), an optional agency (`(AP)`, `(Reuters)`),
//!   then a separator (`—`, `–`, ` - `, ` -- `, ` _`, `:`) or the end of
//!   the paragraph. A capitalised (not all-capital) place, or any place
//!   before `:`, needs more evidence: an agency, a date, or a place name
//!   from a small list of news cities and countries, so that speaker labels
//!   (`TAPPER:`), "Update:" or "Bernie Sanders — ..." are not datelines.
//! - **Boilerplate**: short paragraphs matching navigation, sharing,
//!   advertising, credit and copyright phrases ("Recent News",
//!   "Advertisement", "Follow X on Twitter @x", "(Reporting by ...; Editing
//!   by ...)", "... via Getty Images", "© 2024 ...", "Tags: ...", "This
//!   story has been updated ...", "X contributed reporting.", a bare URL,
//!   CSS and markup fragments, a lone letter ("X." left by an embed), lines
//!   of two or more characters without a letter or digit). Rules are
//!   anchored and length-capped (most need 25 words or fewer, and lines over
//!   160 bytes qualify only through their first word), so a real body
//!   paragraph is not lost. On PolNeAR, no boilerplate paragraph overlaps a
//!   gold quote source, cue or content, and most overlap a gold "Discard".
//! - **Repeats**: a body paragraph whose letters and digits (white space,
//!   punctuation and quote style ignored, ASCII case folded) equal those of
//!   an earlier body paragraph is a `REPEAT` of it (`repeat_of` = the earlier
//!   index); so is a first paragraph that repeats the title. A standfirst
//!   that reappears verbatim inside a later body paragraph is kept as the
//!   subtitle (`Structure::subtitle`) but marked `REPEAT` with `repeat_of`
//!   pointing at that later body paragraph, so that its content is analysed
//!   once, in the body where it has its context. Paragraphs shorter than
//!   40 bytes or with fewer than 24 letters and digits are never repeats
//!   (table rows, "Pledged: 781."). Candidates are found through a 32-bit
//!   fingerprint in a fixed table on the stack (no allocation), then
//!   compared in full; in a text of thousands of paragraphs, a repeat may be
//!   missed once the table is full (never a false one).

use crate::text::{Paragraph, ParagraphKind, Span};
use memchr::{memchr2, memchr3, memmem};

/// Options for structure detection.
///
/// ```
/// let o = newsmill_core::structure::StructureOptions::default();
/// assert!(o.detect_boilerplate);
/// assert!(o.detect_repeats);
/// ```
#[derive(Clone, Debug)]
pub struct StructureOptions {
    /// The first line is the headline.
    pub first_line_is_title: bool,
    /// Mark navigation / sharing / advertising lines as boilerplate.
    pub detect_boilerplate: bool,
    /// Mark verbatim repeated paragraphs (and a repeated standfirst) as repeats.
    pub detect_repeats: bool,
    /// Look for a standfirst under the title.
    pub detect_subtitle: bool,
    /// Look for a dateline at the start of the body.
    pub detect_dateline: bool,
    /// Join hard-wrapped lines into paragraphs when the text looks wrapped.
    pub unwrap_lines: bool,
}

impl Default for StructureOptions {
    fn default() -> Self {
        StructureOptions {
            first_line_is_title: true,
            detect_boilerplate: true,
            detect_repeats: true,
            detect_subtitle: true,
            detect_dateline: true,
            unwrap_lines: true,
        }
    }
}

/// The structure of one text.
///
/// ```
/// use newsmill_core::structure::{analyze, StructureOptions};
/// let t = "Head\n\nLONDON (Reuters) - Rain fell.\n\nAdvertisement";
/// let s = analyze(t, &StructureOptions::default());
/// assert_eq!(s.dateline.map(|d| d.slice(t)), Some("LONDON (Reuters)"));
/// assert_eq!(s.paragraphs[2].kind.name(), "boilerplate");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Index of the title paragraph.
    pub title: Option<usize>,
    /// Index of the standfirst paragraph (its kind is `SUBTITLE`, or
    /// `REPEAT` when it reappears verbatim in the body).
    pub subtitle: Option<usize>,
    /// The dateline, inside the first body paragraph, without its separator.
    pub dateline: Option<Span>,
}

/// Flag kept in `Paragraph::reserved[0]` while lines are collected: a blank
/// line (or the start of the text) comes before this line. Cleared before
/// returning.
const BLANK_BEFORE: u8 = 1;

/// Find the structure of `text`.
///
/// Never panics; every paragraph span is inside `text`, on character
/// boundaries, non-empty, in order and non-overlapping. A text longer than
/// `u32::MAX` bytes gives an empty structure.
///
/// ```
/// use newsmill_core::structure::{analyze, StructureOptions};
/// let s = analyze("Title\n\nBody one.\n\nBody two.", &StructureOptions::default());
/// assert_eq!(s.paragraphs.len(), 3);
/// assert_eq!(s.title, Some(0));
/// ```
pub fn analyze(text: &str, opts: &StructureOptions) -> Structure {
    let mut st = Structure::default();
    if u32::try_from(text.len()).is_err() {
        return st;
    }
    let paras = &mut st.paragraphs;
    split_lines(text, paras);
    if opts.unwrap_lines {
        unwrap_hard_wrapped(text, paras, opts.first_line_is_title);
    }
    if opts.detect_boilerplate {
        split_glued_tail(text, paras);
        for p in paras.iter_mut() {
            if is_boilerplate(para_text(text, p)) {
                p.kind = ParagraphKind::BOILERPLATE;
            }
        }
    }
    if opts.first_line_is_title {
        // The first line, whatever it says: a headline may well be
        // "Correction" or "Advertisement".
        if let Some(p) = paras.first_mut() {
            p.kind = ParagraphKind::TITLE;
            st.title = Some(0);
        }
    }
    // The body's first paragraph repeating the title (a title given
    // separately that the body repeats).
    if opts.detect_repeats {
        if let Some(t) = st.title {
            if let Some(c) = next_body(paras, t + 1) {
                if same_content(para_text(text, &paras[t]), para_text(text, &paras[c])) {
                    paras[c].kind = ParagraphKind::REPEAT;
                    paras[c].repeat_of = t as u32;
                }
            }
        }
    }
    let first_body = st.title.map_or(0, |t| t + 1);
    // Candidates for the standfirst and the dateline: the first three body
    // paragraphs after the title.
    let mut cand = [usize::MAX; 3];
    let mut nc = 0;
    let mut i = first_body;
    while nc < 3 {
        match next_body(paras, i) {
            Some(c) => {
                cand[nc] = c;
                nc += 1;
                i = c + 1;
            }
            None => break,
        }
    }
    let cands = &cand[..nc];
    if opts.detect_dateline {
        for (k, &c) in cands.iter().enumerate() {
            let p = para_text(text, &paras[c]);
            if let Some(len) = find_dateline(p) {
                let s = paras[c].start;
                st.dateline = Some(Span::new(s, s + len as u32));
                if k > 0 && opts.detect_subtitle && st.title.is_some() {
                    // A standfirst between the title and the dateline.
                    let c0 = cands[0];
                    if standfirst_like(para_text(text, &paras[c0])) {
                        st.subtitle = Some(c0);
                    }
                }
                break;
            }
            // Look further only past short paragraphs (standfirst, byline),
            // and not into a list ("Scorers:").
            if p.len() > 400 || p.ends_with(':') {
                break;
            }
        }
    }
    if opts.detect_subtitle && st.subtitle.is_none() {
        if let Some(t) = st.title {
            let c0_has_dateline = match (st.dateline, cands.first()) {
                (Some(d), Some(&c0)) => d.start == paras[c0].start,
                _ => false,
            };
            st.subtitle = find_standfirst(text, paras, t, cands, c0_has_dateline);
        }
    }
    if let Some(s) = st.subtitle {
        // The dateline belongs to the body, never to the standfirst.
        if let Some(d) = st.dateline {
            if d.start == paras[s].start {
                st.dateline = None;
            }
        }
        paras[s].kind = ParagraphKind::SUBTITLE;
        if opts.detect_repeats {
            if let Some(j) = repeated_in_body(text, paras, s) {
                paras[s].kind = ParagraphKind::REPEAT;
                paras[s].repeat_of = j as u32;
            }
        }
    }
    if opts.detect_repeats {
        mark_repeats(text, paras, st.dateline);
    }
    for p in paras.iter_mut() {
        p.reserved = [0; 3];
        if p.kind != ParagraphKind::REPEAT {
            p.repeat_of = u32::MAX;
        }
    }
    st
}

/// Where the separator after a dateline ends (":", " -", " –", " —", "--",
/// " _"), so that the dateline and its separator form one sentence;
/// `para_end` bounds the search. White space (also no-break spaces) before
/// the separator is included, white space after it is not.
///
/// ```
/// let t = "Moscow: Pavel Durov";
/// assert_eq!(newsmill_core::structure::dateline_separator_end(t, 6, t.len()), 7);
/// let t = "WASHINGTON\u{a0}— The";
/// assert_eq!(&t[..newsmill_core::structure::dateline_separator_end(t, 10, t.len())], "WASHINGTON\u{a0}—");
/// ```
pub fn dateline_separator_end(text: &str, dateline_end: usize, para_end: usize) -> usize {
    let end = para_end.min(text.len());
    let Some(rest) = text.get(dateline_end..end) else {
        return dateline_end.min(text.len());
    };
    let mut last_sep = 0usize; // bytes of `rest` up to the end of the last separator char
    let mut seen_sep = false;
    for (i, c) in rest.char_indices() {
        match c {
            ':' | '-' | '–' | '—' | '_' => {
                last_sep = i + c.len_utf8();
                seen_sep = true;
            }
            c if c.is_whitespace() && !(seen_sep && c == '\n') => {}
            _ => break,
        }
        if seen_sep && c == ':' {
            break;
        }
    }
    dateline_end + last_sep
}

// ---------------------------------------------------------------------------
// Lines

/// White space for trimming: Unicode white space, control characters and
/// the invisible format characters that crawlers leave around.
fn is_ws(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

fn para_text<'t>(text: &'t str, p: &Paragraph) -> &'t str {
    text.get(p.start as usize..p.end as usize).unwrap_or("")
}

/// True when the text holds U+2028 or U+2029 (then lines are split the slow way).
fn has_unicode_breaks(bytes: &[u8]) -> bool {
    let mut pos = 0;
    while let Some(i) = memchr2(0xA8, 0xA9, &bytes[pos..]) {
        let at = pos + i;
        if at >= 2 && bytes[at - 2] == 0xE2 && bytes[at - 1] == 0x80 {
            return true;
        }
        pos = at + 1;
    }
    false
}

/// The next line break at or after `pos`: (end of the line, start of the
/// next line, whether the break also separates blocks). `None` at the end.
fn next_break(text: &str, pos: usize, slow: bool) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    if !slow {
        let i = pos + memchr3(b'\n', b'\r', 0x0c, bytes.get(pos..)?)?;
        return Some(match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => (i, i + 2, false),
            0x0c => (i, i + 1, true),
            _ => (i, i + 1, false),
        });
    }
    let rest = text.get(pos..)?;
    for (j, c) in rest.char_indices() {
        let i = pos + j;
        match c {
            '\r' if bytes.get(i + 1) == Some(&b'\n') => return Some((i, i + 2, false)),
            '\n' | '\r' | '\u{2028}' => return Some((i, i + c.len_utf8(), false)),
            '\x0c' | '\u{2029}' => return Some((i, i + c.len_utf8(), true)),
            _ => {}
        }
    }
    None
}

/// Push every non-blank line, trimmed, as a BODY paragraph; mark the first
/// line of each block with `BLANK_BEFORE`.
fn split_lines(text: &str, out: &mut Vec<Paragraph>) {
    let slow = has_unicode_breaks(text.as_bytes());
    out.reserve(text.len() / 256 + 4);
    let mut pos = 0usize;
    let mut blank = true;
    loop {
        let brk = next_break(text, pos, slow);
        let line_end = brk.map_or(text.len(), |b| b.0);
        let line = text.get(pos..line_end).unwrap_or("");
        let lead = line.len() - line.trim_start_matches(is_ws).len();
        let body = line[lead..].trim_end_matches(is_ws);
        if body.is_empty() {
            blank = true;
        } else {
            let s = (pos + lead) as u32;
            let mut p = Paragraph::new(s, s + body.len() as u32, ParagraphKind::BODY);
            if blank {
                p.reserved[0] = BLANK_BEFORE;
            }
            out.push(p);
            blank = false;
        }
        match brk {
            Some((_, next, para_break)) => {
                blank |= para_break;
                pos = next;
            }
            None => break,
        }
    }
}

// ---------------------------------------------------------------------------
// Hard-wrapped text

/// Widest column considered for hard-wrapped text.
const MAX_WRAP: usize = 110;
/// Narrowest.
const MIN_WRAP: usize = 40;

fn char_count(s: &str) -> usize {
    // Bytes that start a character.
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Character length, capped: anything over 4 * 160 bytes counts as 161.
fn line_cols(s: &str) -> usize {
    if s.len() > 640 {
        161
    } else {
        char_count(s).min(161)
    }
}

/// Length in characters of the first word of `s` (up to 40).
fn first_word_cols(s: &str) -> usize {
    s.chars()
        .take_while(|c| !c.is_whitespace())
        .take(40)
        .count()
}

/// Columns of indentation before the trimmed line start `start`.
fn indent(text: &str, start: u32) -> usize {
    let b = text.as_bytes();
    let mut i = start as usize;
    let mut n = 0;
    while i > 0 {
        match b[i - 1] {
            b' ' => n += 1,
            b'\t' => n += 4,
            _ => break,
        }
        i -= 1;
    }
    n
}

fn ends_sentence(s: &str) -> bool {
    matches!(
        s.chars().next_back(),
        Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ':' | ';')
    )
}

/// Would a greedy wrapper at `width` have broken the line `a` before `b`?
/// (The next word did not fit, or `b` starts in lower case; and `b` is not
/// indented deeper nor a bullet.)
fn forced_break(text: &str, a: &Paragraph, b: &Paragraph, width: usize) -> bool {
    let at = para_text(text, a);
    let bt = para_text(text, b);
    // A line that starts in lower case continues the sentence whatever
    // its predecessor's length (wire copy is not always wrapped greedily).
    let continues = bt.chars().next().is_some_and(char::is_lowercase);
    (continues || line_cols(at) + 1 + first_word_cols(bt) > width)
        && indent(text, b.start) <= indent(text, a.start)
        && !starts_with_bullet(bt)
}

fn starts_with_bullet(s: &str) -> bool {
    let mut it = s.chars();
    matches!(
        (it.next(), it.next()),
        (Some('-' | '*' | '•' | '–' | '—' | '>'), Some(' '))
    )
}

/// Detect a hard-wrapped document and join its wrapped lines.
fn unwrap_hard_wrapped(text: &str, paras: &mut Vec<Paragraph>, title_first: bool) {
    let n = paras.len();
    if n < 4 {
        return;
    }
    let skip_first = usize::from(title_first);
    // Pass 1: histogram of the lengths of lines followed by a line of the
    // same block.
    let mut hist = [0u32; 162];
    let mut breaks = 0u32;
    for i in skip_first..n - 1 {
        if paras[i + 1].reserved[0] & BLANK_BEFORE != 0 {
            continue;
        }
        hist[line_cols(para_text(text, &paras[i]))] += 1;
        breaks += 1;
    }
    if breaks < 3 {
        return;
    }
    // The width: the smallest length that at most 5% of the lines exceed.
    let allowed = breaks / 20;
    let mut above = 0u32;
    let mut width = 0usize;
    for l in (0..hist.len()).rev() {
        if above + hist[l] > allowed {
            width = l;
            break;
        }
        above += hist[l];
    }
    if !(MIN_WRAP..=MAX_WRAP).contains(&width) {
        return;
    }
    // Pass 2: do most breaks fall after a nearly full line, before a word
    // that would not have fitted?
    let mut full = 0u32;
    let mut forced = 0u32;
    let mut open = 0u32;
    for i in skip_first..n - 1 {
        let (a, b) = (&paras[i], &paras[i + 1]);
        if b.reserved[0] & BLANK_BEFORE != 0 {
            continue;
        }
        let at = para_text(text, a);
        if line_cols(at) * 5 >= width * 4 {
            full += 1;
        }
        if forced_break(text, a, b, width) {
            forced += 1;
        }
        if !ends_sentence(at) {
            open += 1;
        }
    }
    if full * 2 < breaks || forced * 2 < breaks || open * 5 < breaks * 2 {
        return;
    }
    // Pass 3: join in place.
    let mut w = 0usize;
    let mut prev: Option<Paragraph> = None;
    for r in 0..n {
        let line = paras[r];
        let join = match prev {
            Some(p) => {
                w > 0
                    && line.reserved[0] & BLANK_BEFORE == 0
                    && !(title_first && r == 1)
                    && forced_break(text, &p, &line, width)
            }
            None => false,
        };
        if join {
            paras[w - 1].end = line.end;
        } else {
            paras[w] = line;
            w += 1;
        }
        prev = Some(line);
    }
    paras.truncate(w);
}

// ---------------------------------------------------------------------------
// Standfirst

fn next_body(paras: &[Paragraph], from: usize) -> Option<usize> {
    (from..paras.len()).find(|&i| paras[i].kind == ParagraphKind::BODY)
}

/// Words: runs of bytes other than ASCII white space (no-break spaces and
/// other Unicode spaces do not separate; fine for the length limits here).
fn word_count(s: &str) -> usize {
    let mut n = 0usize;
    let mut in_word = false;
    for &x in s.as_bytes() {
        let space = x.is_ascii_whitespace();
        n += usize::from(!space && !in_word);
        in_word = !space;
    }
    n
}

fn starts_with_byline(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 3 && b[..3].eq_ignore_ascii_case(b"by ")
}

/// A paragraph that can be a standfirst: a short summary, not a byline.
fn standfirst_like(s: &str) -> bool {
    s.len() <= 500 && (4..=60).contains(&word_count(s)) && !starts_with_byline(s)
}

/// The standfirst, from the cues that do not involve the dateline.
fn find_standfirst(
    text: &str,
    paras: &[Paragraph],
    title: usize,
    cands: &[usize],
    c0_has_dateline: bool,
) -> Option<usize> {
    let &c0 = cands.first()?;
    let title_text = para_text(text, &paras[title]);
    // "Headline; \nDeck." in the same block.
    if c0 == title + 1 && paras[c0].reserved[0] & BLANK_BEFORE == 0 && title_text.ends_with(';') {
        let s = para_text(text, &paras[c0]);
        if standfirst_like(s) && word_count(s) >= 3 && !title_case(s) {
            return Some(c0);
        }
    }
    // "ABSTRACT." label, then the summary.
    for i in title + 1..paras.len().min(title + 5) {
        if paras[i].kind == ParagraphKind::BOILERPLATE {
            let mut key = [0u8; KEY_CAP];
            let k = norm_key(para_text(text, &paras[i]), &mut key, 4);
            if matches!(k.0, b"abstract" | b"summary" | b"standfirst") {
                let j = i + 1;
                if j < paras.len()
                    && paras[j].kind == ParagraphKind::BODY
                    && para_text(text, &paras[j]).len() <= 1200
                {
                    return Some(j);
                }
            }
        }
    }
    // A pull-quote standfirst: repeated verbatim in the body.
    if !c0_has_dateline
        && standfirst_like(para_text(text, &paras[c0]))
        && repeated_in_body(text, paras, c0).is_some()
    {
        return Some(c0);
    }
    None
}

/// Every word of four letters or more starts with a capital ("Window on
/// Wall Street": a column name, not a deck).
fn title_case(s: &str) -> bool {
    s.split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
}

/// Index of a later BODY paragraph that contains the text of paragraph `s`
/// verbatim (as a part, not the whole: a repeated whole paragraph is a
/// plain repeat).
fn repeated_in_body(text: &str, paras: &[Paragraph], s: usize) -> Option<usize> {
    let needle = para_text(text, &paras[s]);
    if needle.len() < 30 || word_count(needle) < 5 {
        return None;
    }
    let from = paras[s].end as usize;
    let hay = text.as_bytes().get(from..)?;
    let mut pos = 0usize;
    // Search for the first 32 bytes (a cheap searcher), then compare.
    let head = prefix(needle, 32).as_bytes();
    let finder = memmem::Finder::new(head);
    while let Some(i) = finder.find(&hay[pos..]) {
        let at = from + pos + i;
        if !hay[pos + i..].starts_with(needle.as_bytes()) {
            pos += i + 1;
            continue;
        }
        // The paragraph holding `at`.
        let j = paras.partition_point(|p| (p.end as usize) <= at);
        if j < paras.len()
            && j > s
            && (paras[j].start as usize) <= at
            && at + needle.len() <= paras[j].end as usize
            && (paras[j].end - paras[j].start) as usize > needle.len()
            && paras[j].kind == ParagraphKind::BODY
        {
            return Some(j);
        }
        pos += i + 1;
    }
    None
}

// ---------------------------------------------------------------------------
// Repeats

/// The letters and digits of a paragraph, ASCII case folded.
fn content_chars(s: &str) -> impl DoubleEndedIterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
}

fn same_content(a: &str, b: &str) -> bool {
    content_chars(a).eq(content_chars(b)) && content_chars(a).next().is_some()
}

const FP_HEAD: usize = 32;
const FP_TAIL: usize = 8;
const MIN_REPEAT_CHARS: usize = 24;

fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29)
}

/// A 32-bit fingerprint of the content (equal content, equal fingerprint):
/// the first 32 and the last 8 ASCII letters and digits, lower-cased
/// (non-ASCII bytes are skipped on both sides alike); for text with few
/// ASCII letters, the first 32 letters and digits of any script. `None` for
/// paragraphs too short to count as repeats.
fn fingerprint(s: &str) -> Option<u32> {
    if s.len() < 40 {
        return None;
    }
    let b = s.as_bytes();
    let mut h: u64 = 0x811c_9dc5;
    let mut acc: u64 = 0;
    let mut n = 0usize;
    for &x in b {
        let l = ASCII_KEY[(x & 0x7f) as usize];
        if x < 0x80 && l != 0 {
            acc = acc << 8 | l as u64;
            n += 1;
            if n % 8 == 0 {
                h = mix(h, acc);
                acc = 0;
                if n == FP_HEAD {
                    break;
                }
            }
        }
    }
    if n < FP_HEAD {
        if n >= MIN_REPEAT_CHARS {
            return Some(fold(mix(h, acc)));
        }
        if b.len() < 80 {
            return None;
        }
        // Few ASCII letters (another script): letters of any script.
        let mut h: u64 = 0x9dc5_811c;
        let mut m = 0usize;
        for c in content_chars(s).take(FP_HEAD) {
            h = mix(h, c as u64);
            m += 1;
        }
        return (m >= MIN_REPEAT_CHARS).then_some(fold(h));
    }
    let mut t = 0usize;
    for &x in b.iter().rev() {
        let l = ASCII_KEY[(x & 0x7f) as usize];
        if x < 0x80 && l != 0 {
            acc = acc << 8 | l as u64;
            t += 1;
            if t == FP_TAIL {
                break;
            }
        }
    }
    Some(fold(mix(h, acc)))
}

fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// Mark later copies of BODY (or SUBTITLE) paragraphs as REPEAT: a
/// standfirst repeated whole as a body paragraph keeps its place and the
/// body copy is the repeat. The fingerprints live in
/// `repeat_of` meanwhile; a fixed open-addressing table on the stack holds
/// paragraph indices (once full, later paragraphs are still looked up).
fn mark_repeats(text: &str, paras: &mut [Paragraph], dateline: Option<Span>) {
    const SLOTS: usize = 2048;
    const MAX_FILL: usize = SLOTS * 3 / 4;
    const PROBES: usize = 64;
    let mut table = [u32::MAX; SLOTS];
    let mut filled = 0usize;
    for i in 0..paras.len() {
        let kind = paras[i].kind;
        if kind != ParagraphKind::BODY && kind != ParagraphKind::SUBTITLE {
            continue;
        }
        let s = para_text(text, &paras[i]);
        let Some(fp) = fingerprint(s) else {
            continue;
        };
        let mut slot = (fp.wrapping_mul(0x9e37_79b9) >> 21) as usize % SLOTS;
        for _ in 0..PROBES {
            let j = table[slot];
            if j == u32::MAX {
                if filled < MAX_FILL {
                    table[slot] = i as u32;
                    filled += 1;
                }
                paras[i].repeat_of = fp;
                break;
            }
            let pj = paras[j as usize];
            let holds_dateline = dateline.is_some_and(|d| d.start == paras[i].start);
            if kind == ParagraphKind::BODY
                && pj.repeat_of == fp
                && !holds_dateline
                && same_content(para_text(text, &pj), s)
            {
                paras[i].kind = ParagraphKind::REPEAT;
                paras[i].repeat_of = j;
                break;
            }
            slot = (slot + 1) % SLOTS;
        }
        if paras[i].kind == kind {
            paras[i].repeat_of = fp;
        }
    }
}

// ---------------------------------------------------------------------------
// Boilerplate

const KEY_CAP: usize = 160;

/// Navigation phrases that a page-to-text conversion may glue to the end of
/// the last sentence ("... challenges.Recent News").
const GLUED_TAIL: &[&str] = &[
    "Recent News",
    "Latest News",
    "Related Articles",
    "Related Stories",
    "Read more",
    "Read More",
    "Advertisement",
    "ADVERTISEMENT",
    "Share this article",
    "Most Popular",
    "Trending Now",
];

/// Split a navigation phrase glued to the end of the last paragraph (right
/// after sentence-final punctuation, or after a space) into a paragraph of
/// its own.
fn split_glued_tail(text: &str, paras: &mut Vec<Paragraph>) {
    let Some(last) = paras.last().copied() else {
        return;
    };
    if paras.len() < 2 {
        return;
    }
    let t = para_text(text, &last);
    for tail in GLUED_TAIL {
        let Some(head) = t.strip_suffix(tail) else {
            continue;
        };
        let body = head.trim_end_matches(is_ws);
        if body.len() < 20 || !body.ends_with(['.', '!', '?', '"', '”', '’', ')']) {
            continue;
        }
        if let Some(p) = paras.last_mut() {
            p.end = last.start + body.len() as u32;
        }
        let cut = last.start + head.len() as u32;
        paras.push(Paragraph::new(cut, last.end, ParagraphKind::BODY));
        return;
    }
}

/// Lower-case ASCII letters and digits of `s` with runs of anything else as
/// one space, into `buf`; returns the key and its word count. Non-ASCII
/// letters count as word characters but are not copied. Truncated at
/// `KEY_CAP` bytes; reading stops at the word after `max_words` words (then
/// the count is `max_words + 1`).
fn norm_key<'b>(s: &str, buf: &'b mut [u8; KEY_CAP], max_words: usize) -> (&'b [u8], usize) {
    let b = s.as_bytes();
    let mut i = 0usize;
    let mut n = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    while i < b.len() {
        let x = b[i];
        let (word, apos, ascii) = if x < 0x80 {
            i += 1;
            let l = ASCII_KEY[x as usize];
            if l == 0 {
                if !(in_word && x == b'\'') {
                    in_word = false;
                }
                continue;
            }
            (true, false, l)
        } else if x == 0xE2 && b.get(i + 1) == Some(&0x80) {
            // U+2000..U+203F: spaces, dashes, quotes (’ inside a word).
            let apos = b.get(i + 2) == Some(&0x99);
            i += 3;
            (false, apos, 0)
        } else {
            match s.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => {
                    i += c.len_utf8();
                    (c.is_alphanumeric(), c == '’', 0)
                }
                None => break,
            }
        };
        if word {
            if !in_word {
                if words == max_words {
                    // One more word: the caller only needs to know "more".
                    words += 1;
                    break;
                }
                if n > 0 && n < KEY_CAP {
                    buf[n] = b' ';
                    n += 1;
                }
                words += 1;
                in_word = true;
            }
            if ascii != 0 {
                if n < KEY_CAP {
                    buf[n] = ascii;
                    n += 1;
                }
                // The rest of an ASCII run, in a tight loop.
                while let Some(&y) = b.get(i) {
                    let l = ASCII_KEY[(y & 0x7f) as usize];
                    if y >= 0x80 || l == 0 {
                        break;
                    }
                    if n < KEY_CAP {
                        buf[n] = l;
                        n += 1;
                    }
                    i += 1;
                }
            }
        } else if !(in_word && apos) {
            in_word = false;
        }
    }
    (&buf[..n], words)
}

/// ASCII letters and digits, lower-cased; 0 for every other byte.
static ASCII_KEY: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        if c.is_ascii_alphanumeric() {
            t[i] = c.to_ascii_lowercase();
        }
        i += 1;
    }
    t
};

/// `s` cut to at most `n` bytes, on a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut e = n.min(s.len());
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

/// Does one of `phrases` start at a word start of the key `k`?
fn has_phrase(k: &[u8], phrases: &[&[u8]]) -> bool {
    // Bit set of the phrases' first letters (a-z).
    let mut firsts = 0u32;
    for p in phrases {
        if let Some(&f) = p.first() {
            firsts |= 1 << (f & 31);
        }
    }
    let mut at_start = true;
    for (i, &c) in k.iter().enumerate() {
        if at_start
            && firsts & (1 << (c & 31)) != 0
            && phrases
                .iter()
                .any(|p| p.first() == Some(&c) && k[i..].starts_with(p))
        {
            return true;
        }
        at_start = c == b' ';
    }
    false
}

/// Whole-line phrases (normalised keys).
const BOILER_EXACT: &[&[u8]] = &[
    b"recent news",
    b"latest news",
    b"advertisement",
    b"advertisements",
    b"advertising",
    b"sponsored",
    b"sponsored content",
    b"paid content",
    b"read more",
    b"read more below",
    b"continue reading",
    b"continue reading below",
    b"continue reading the main story",
    b"story continues below",
    b"article continues below",
    b"share this article",
    b"share this story",
    b"share this",
    b"share",
    b"share on facebook",
    b"share on twitter",
    b"share via email",
    b"tweet",
    b"email",
    b"print",
    b"comments",
    b"comment",
    b"related",
    b"related articles",
    b"related stories",
    b"related content",
    b"related coverage",
    b"related news",
    b"related topics",
    b"more on this story",
    b"more stories",
    b"more from",
    b"most popular",
    b"most read",
    b"trending",
    b"trending now",
    b"top stories",
    b"before you go",
    b"you may also like",
    b"you might also like",
    b"recommended",
    b"recommended for you",
    b"listen to this article",
    b"listen",
    b"skip to content",
    b"skip to main content",
    b"skip navigation",
    b"image copyright",
    b"image caption",
    b"media caption",
    b"getty images",
    b"getty",
    b"ap photo",
    b"associated press",
    b"the associated press",
    b"all rights reserved",
    b"abstract",
    b"full text",
    b"back to top",
    b"subscribe",
    b"subscribe now",
    b"sign up",
    b"newsletter",
    b"log in",
    b"login",
    b"sign in",
    b"menu",
    b"home",
    b"loading",
    b"video",
    b"watch",
    b"photos",
    b"photo",
    b"see also",
    b"click to expand",
    b"enlarge this image",
    b"toggle caption",
    b"hide caption",
    b"caption",
    b"follow us",
    b"follow",
    b"online",
    b"twitter",
    b"facebook",
    b"instagram",
    b"correction",
    b"correction appended",
    b"reuters",
    b"ap",
    b"afp",
    b"advertise with us",
    b"cookie policy",
    b"privacy policy",
    b"terms of use",
    b"terms of service",
];

/// Phrases that start a short boilerplate line (normalised keys; at most 25
/// words).
const BOILER_PREFIX: &[&[u8]] = &[
    b"sign up for ",
    b"sign up to ",
    b"subscribe to ",
    b"subscribe for ",
    b"click here",
    b"tap here",
    b"read more",
    b"read the rest",
    b"read the full",
    b"read it all",
    b"read our ",
    b"continue reading",
    b"share this",
    b"listen to this article",
    b"get the app",
    b"download our app",
    b"download the app",
    b"enter your email",
    b"like us on facebook",
    b"this article originally appeared",
    b"this article first appeared",
    b"this article was originally published",
    b"this article was first published",
    b"this story originally appeared",
    b"this story first appeared",
    b"this story was originally published",
    b"this piece first appeared",
    b"this piece originally appeared",
    b"this post originally appeared",
    b"this post first appeared",
    b"originally published",
    b"as published in",
    b"a version of this article",
    b"additional reporting by",
    b"image copyright",
    b"image caption",
    b"media caption",
    b"image source",
    b"image credit",
    b"photo credit",
    b"photograph by",
    b"ap photo",
    b"afp photo",
    b"reuters photo",
    b"all rights reserved",
    b"h t ",
    b"hat tip ",
    b"watch the latest video",
    b"watch the video",
    b"share and comment",
    b"on twitter follow",
];

/// Label words that make a short line boilerplate when a colon follows
/// them ("Related: ...", "Tags: ...", "Photo: ...").
const BOILER_LABEL: &[&[u8]] = &[
    b"related",
    b"tags",
    b"tagged",
    b"topics",
    b"photo",
    b"photos",
    b"photograph",
    b"image",
    b"picture",
    b"video",
    b"watch",
    b"read",
    b"read more",
    b"see also",
    b"more",
    b"twitter",
    b"facebook",
    b"instagram",
    b"follow",
    b"filed under",
    b"credit",
    b"contributing",
    b"email",
];

/// Notes about the article itself (normalised keys; up to 80 words).
const BOILER_NOTE: &[&[u8]] = &[
    b"correction an earlier version",
    b"clarification an earlier version",
    b"an earlier version of this",
    b"this story has been updated",
    b"this article has been updated",
    b"this piece has been updated",
    b"this post has been updated",
    b"this story was updated",
    b"this article was updated",
    b"this piece was updated",
    b"this post was updated",
    b"we are sorry this video",
];

/// Phrases that make a short line boilerplate wherever they stand.
const BOILER_CONTAINS: &[&[u8]] = &[
    b"download our app",
    b"sign up for our",
    b"subscribe to our",
    b"like us on facebook",
    b"follow us on",
    b"click here",
    b"this video is restricted",
    b"contributed reporting",
    b"contributed to this report",
    b"contributed to this story",
];

/// Agencies and photo services that end a credit line with a slash.
const BOILER_CREDIT: &[&[u8]] = &[
    b"reuters",
    b"getty images",
    b"getty",
    b"ap",
    b"afp",
    b"epa",
    b"instagram",
    b"ap photo",
    b"bloomberg",
    b"shutterstock",
];

/// A paragraph that is only HTML/XML tags (`<tweet tweet-id="1"><tweet/>.`).
fn markup_only(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != b'<' || !(b[1].is_ascii_alphabetic() || b[1] == b'/') {
        return false;
    }
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && c.is_alphanumeric() => return false,
            _ => {}
        }
    }
    true
}

/// Endings of short photo-credit lines.
const BOILER_SUFFIX: &[&[u8]] = &[
    b"getty images",
    b" via getty",
    b"shutterstock",
    b"like the page",
    b"like us on facebook",
    b"all rights reserved",
];

fn starts_with_url(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() > 7 && b[..7].eq_ignore_ascii_case(b"http://"))
        || (b.len() > 8 && b[..8].eq_ignore_ascii_case(b"https://"))
        || (b.len() > 4 && b[..4].eq_ignore_ascii_case(b"www."))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    memmem::find(hay, needle).is_some()
}

/// Is this paragraph navigation, sharing, advertising, a credit or a
/// copyright line? Conservative: only short paragraphs, anchored phrases.
fn is_boilerplate(s: &str) -> bool {
    // No letter or digit at all: separators ("* * *", "___."), stray
    // punctuation.
    // (A single character stays: ":" may be a table cell.)
    if s.len() <= 200 && s.chars().nth(1).is_some() && !s.chars().any(char::is_alphanumeric) {
        return true;
    }
    if s.len() > 600 {
        return false;
    }
    // Notes about the article itself ("This story has been updated ...",
    // "Correction: An earlier version ..."), up to a few sentences: judged
    // on the first bytes.
    let starts = |p: &str| {
        s.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    if starts("this ")
        || starts("correction")
        || starts("clarification")
        || starts("an earlier")
        || starts("we are sorry")
    {
        let mut pb = [0u8; KEY_CAP];
        let (pk, _) = norm_key(prefix(s, 48), &mut pb, 8);
        if BOILER_NOTE.iter().any(|p| pk.starts_with(p)) && word_count(s) <= 80 {
            return true;
        }
    }
    // "From BOOK by X. Copyright © 2015 by X. Reprinted ..."
    if s.contains('©') {
        if s.starts_with('©') && s.len() <= 300 {
            return true;
        }
        let mut cb = [0u8; KEY_CAP];
        let (ck, cw) = norm_key(s, &mut cb, 40);
        if cw <= 40
            && (contains(ck, b"copyright")
                || contains(ck, b"all rights reserved")
                || contains(ck, b"reprinted"))
        {
            return true;
        }
    }
    if s.len() > 300 {
        return false;
    }
    // Lines over 160 bytes qualify only through their first word.
    if s.len() > 160 {
        let mut fb = [0u8; KEY_CAP];
        let (first, _) = norm_key(s, &mut fb, 1);
        let known = |list: &[&[u8]]| {
            list.iter().any(|p| {
                p.first() == first.first() && p.split(|&c| c == b' ').next() == Some(first)
            })
        };
        if !(known(BOILER_PREFIX)
            || known(BOILER_LABEL)
            || matches!(first, b"copyright" | b"reporting" | b"writing" | b"c"))
        {
            return false;
        }
    }
    // The first twelve words decide (13 means "more").
    let mut buf = [0u8; KEY_CAP];
    let (k, words) = norm_key(s, &mut buf, 12);
    if words == 0 {
        return s.chars().nth(1).is_some();
    }
    if s.starts_with("(c) ") {
        return true;
    }
    // A bare URL.
    if starts_with_url(s) && !s.contains(' ') {
        return true;
    }
    // CSS left by an extractor.
    if s.ends_with('{') || (s.starts_with('@') && s.contains('{')) {
        return true;
    }
    if is_css_declaration(s) || markup_only(s) {
        return true;
    }
    // A lone letter: the placeholder of an embed ("X."), a section mark.
    if k.len() == 1 && k[0].is_ascii_alphabetic() && s.len() <= 2 {
        return true;
    }
    if words <= 6 && BOILER_EXACT.contains(&k) {
        return true;
    }
    if words <= 8 && BOILER_SUFFIX.iter().any(|x| k.ends_with(x)) {
        return true;
    }
    // "Also on HuffPost:"
    if k.starts_with(b"also on ") && s.ends_with(':') && words <= 5 {
        return true;
    }
    // Photo credits: "Robert Galbraith / Reuters.", "Getty/Instagram."
    if words <= 6 && s.contains('/') && BOILER_CREDIT.iter().any(|x| k.ends_with(x)) {
        return true;
    }
    // Anchored phrases, on lines of up to about 25 words.
    if s.len() <= 200
        && BOILER_PREFIX
            .iter()
            .any(|p| p.first() == k.first() && k.starts_with(p))
    {
        return true;
    }
    // "Copyright 2024 ...", "Copyright © ...".
    if k.starts_with(b"copyright ") && k[10..].first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    // "(Reporting by X; Editing by Y)".
    let credit = k.starts_with(b"reporting by ") || k.starts_with(b"writing by ");
    if credit && s.starts_with('(') {
        return true;
    }
    // "Label: ...".
    // (Not inside a quotation: "“VIDEO: they all told me ...”" is speech.)
    let quoted = s.starts_with(['"', '“', '‘', '\'']);
    if let Some(colon) = memchr::memchr(b':', &s.as_bytes()[..s.len().min(40)]).filter(|_| !quoted)
    {
        let mut lb = [0u8; KEY_CAP];
        let (label, lw) = norm_key(&s[..colon], &mut lb, 2);
        if lw <= 2 && BOILER_LABEL.contains(&label) {
            return true;
        }
    }
    // Phrases anywhere in a short line (within its first twelve words).
    if s.len() > 160 {
        return false;
    }
    if has_phrase(k, BOILER_CONTAINS)
        || (has_phrase(k, &[b"newsletter"]) && has_phrase(k, &[b"sign up", b"subscribe"]))
    {
        return true;
    }
    if credit && contains(k, b" editing by ") {
        return true;
    }
    // "Follow X on Twitter @x".
    if k.starts_with(b"follow ")
        && (s.contains('@')
            || has_phrase(
                k,
                &[
                    b"twitter",
                    b"facebook",
                    b"instagram",
                    b"linkedin",
                    b"tiktok",
                    b"youtube",
                ],
            ))
    {
        return true;
    }
    false
}

/// `padding-left: 80px;`
fn is_css_declaration(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let prop = &s[..colon];
    s.ends_with(';')
        && !prop.is_empty()
        && prop.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && s.len() < 80
        && word_count(s) <= 4
}

// ---------------------------------------------------------------------------
// Datelines

/// Known news agencies, as written inside the brackets.
#[rustfmt::skip]
const AGENCIES: &[&str] = &[
    "AP", "AFP", "Reuters", "REUTERS", "UPI", "dpa", "DPA", "Bloomberg", "CNN", "Xinhua",
    "XINHUA", "IANS", "PTI", "ANI", "TASS", "Tass", "EFE", "ANSA", "Kyodo", "Yonhap",
    "Bernama", "BERNAMA", "IRNA", "AA", "Sputnik", "RIA Novosti", "Interfax", "KUNA", "WAM",
    "MENA", "Anadolu", "CNA", "APA", "CP", "AAP", "PA", "BBC", "The Hill", "Reuters Health",
    "HealthDay News", "Business Wire", "PRNewswire", "GLOBE NEWSWIRE", "ABC News",
    "CBS News", "NBC News", "Fox News", "AP Photo",
];

/// Place names accepted with weaker evidence (a `:` separator, or a place
/// in ordinary capitalisation before a dash): news cities and countries.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Ahmedabad", "Aleppo", "Algiers",
    "Almaty", "Amman", "Amsterdam", "Ankara", "Athens", "Atlanta", "Auckland", "Austin",
    "Baghdad", "Baku", "Baltimore", "Bangalore", "Bengaluru", "Bangkok", "Barcelona",
    "Beijing", "Beirut", "Belfast", "Belgrade", "Berlin", "Bern", "Bogota", "Boston",
    "Brasilia", "Bratislava", "Brussels", "Bucharest", "Budapest", "Buenos Aires", "Cairo",
    "Calcutta", "Canberra", "Cape Town", "Caracas", "Chennai", "Chicago", "Colombo",
    "Copenhagen", "Dakar", "Dallas", "Damascus", "Dar es Salaam", "Davos", "Delhi",
    "Denver", "Detroit", "Dhaka", "Doha", "Dubai", "Dublin", "Durban", "Edinburgh",
    "Frankfurt", "Gaza", "Geneva", "Glasgow", "Guangzhou", "Hanoi", "Harare", "Havana",
    "Helsinki", "Ho Chi Minh City", "Hong Kong", "Honolulu", "Houston", "Hyderabad",
    "Islamabad", "Istanbul", "Jakarta", "Jeddah", "Jerusalem", "Johannesburg", "Kabul",
    "Kampala", "Karachi", "Kathmandu", "Khartoum", "Kiev", "Kigali", "Kinshasa", "Kolkata",
    "Kuala Lumpur", "Kuwait City", "Kyiv", "Lagos", "Lahore", "Las Vegas", "Lima", "Lisbon",
    "Ljubljana", "London", "Los Angeles", "Luanda", "Lucknow", "Luxembourg", "Madrid",
    "Managua", "Manila", "Melbourne", "Mexico City", "Miami", "Milan", "Minsk", "Mogadishu",
    "Montreal", "Moscow", "Mumbai", "Munich", "Muscat", "Nairobi", "New Delhi",
    "New Orleans", "New York", "Nicosia", "Oslo", "Ottawa", "Paris", "Peshawar",
    "Philadelphia", "Phnom Penh", "Prague", "Pretoria", "Pyongyang", "Quito", "Rabat",
    "Rangoon", "Riga", "Rio de Janeiro", "Riyadh", "Rome", "San Francisco", "Santiago",
    "Sao Paulo", "Sarajevo", "Seattle", "Seoul", "Shanghai", "Shenzhen", "Singapore",
    "Skopje", "Sofia", "Srinagar", "St. Petersburg", "Stockholm", "Sydney", "Taipei",
    "Tallinn", "Tashkent", "Tbilisi", "Tehran", "Tel Aviv", "The Hague", "Tokyo", "Toronto",
    "Tripoli", "Tunis", "Ulaanbaatar", "Vancouver", "Vatican City", "Vienna", "Vilnius",
    "Warsaw", "Washington", "Wellington", "Yangon", "Yerevan", "Zagreb", "Zurich",
    "Afghanistan", "Algeria", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan",
    "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil", "Britain",
    "Bulgaria", "Cambodia", "Cameroon", "Canada", "Chile", "China", "Colombia", "Croatia",
    "Cuba", "Cyprus", "Denmark", "Ecuador", "Egypt", "England", "Estonia", "Ethiopia",
    "Finland", "France", "Georgia", "Germany", "Ghana", "Greece", "Hungary", "Iceland",
    "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Japan", "Jordan",
    "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Latvia", "Lebanon", "Libya", "Lithuania",
    "Malaysia", "Mali", "Mexico", "Moldova", "Mongolia", "Morocco", "Myanmar", "Nepal",
    "Netherlands", "New Zealand", "Nigeria", "North Korea", "Norway", "Oman", "Pakistan",
    "Palestine", "Panama", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania",
    "Russia", "Rwanda", "Saudi Arabia", "Scotland", "Senegal", "Serbia", "Slovakia",
    "Slovenia", "Somalia", "South Africa", "South Korea", "Spain", "Sri Lanka", "Sudan",
    "Sweden", "Switzerland", "Syria", "Taiwan", "Tanzania", "Thailand", "Tunisia", "Turkey",
    "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States",
    "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Wales", "Yemen", "Zambia", "Zimbabwe",
];

/// Words that never belong to a dateline place (compared without case).
#[rustfmt::skip]
const NOT_PLACE: &[&str] = &[
    "a", "an", "i", "in", "on", "at", "by", "for", "and", "but", "or", "not", "no", "is",
    "are", "was", "were", "be", "it", "he", "she", "we", "they", "you", "this", "that",
    "what", "why", "how", "who", "when", "where", "if", "as", "so", "to", "with", "from",
    "my", "our", "his", "her", "their", "its", "update", "updated", "updates", "note",
    "editor's", "editor’s", "editors", "correction", "corrections", "clarification",
    "breaking", "exclusive", "watch", "video", "photos", "photo", "live", "opinion",
    "analysis", "commentary", "review", "excerpt", "transcript", "warning", "developing",
    "read", "related", "q", "question", "answer", "spoiler", "alert", "flash", "urgent",
    "bulletin", "news", "more", "plus", "also", "source", "sources", "image", "audio",
    "podcast", "interview", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president",
    "senator", "editorial", "letter", "letters", "summary", "abstract", "advertisement",
    "sponsored", "today", "yesterday", "tonight", "here", "there", "now", "then", "first",
    "last", "next", "chapter", "part", "step", "day", "week", "year", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "by",
];

/// Lower-case words allowed inside a place name ("Dar es Salaam").
#[rustfmt::skip]
const CONNECTORS: &[&str] = &[
    "de", "del", "della", "da", "das", "do", "dos", "du", "des", "es", "la", "le", "les",
    "el", "al", "of", "on", "upon", "am", "an", "der", "den", "di", "sur", "en", "y",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
];

/// A small cursor over one paragraph.
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }
    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }
    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }
    /// Skip one space (or no-break space); true if one was there.
    fn space(&mut self) -> bool {
        match self.peek() {
            Some(c @ (' ' | '\u{a0}' | '\u{202f}')) => {
                self.i += c.len_utf8();
                true
            }
            _ => false,
        }
    }
    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }
    /// A word: letters with inner `. ' ’ -`, and digits when `digits`.
    fn word(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let mut end = 0;
        for (j, c) in rest.char_indices() {
            if c.is_alphanumeric() || (j > 0 && matches!(c, '.' | '\'' | '’' | '-')) {
                end = j + c.len_utf8();
            } else {
                break;
            }
        }
        if end == 0 {
            return None;
        }
        let w = &rest[..end];
        self.i += end;
        Some(w)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WordCase {
    Upper,
    Capital,
    Connector,
}

fn in_list(list: &[&str], w: &str) -> bool {
    let w = w.trim_end_matches('.');
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn place_word(w: &str) -> Option<WordCase> {
    let mut letters = 0usize;
    let mut upper = 0usize;
    for c in w.chars() {
        if c.is_numeric() {
            return None;
        }
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    if letters == 0 {
        return None;
    }
    let first_upper = w.chars().next().is_some_and(char::is_uppercase);
    if !first_upper {
        return in_list(CONNECTORS, w).then_some(WordCase::Connector);
    }
    if in_list(NOT_PLACE, w) {
        return None;
    }
    if letters == 1 && !w.ends_with('.') {
        return None;
    }
    Some(if upper == letters {
        WordCase::Upper
    } else {
        WordCase::Capital
    })
}

/// Parse a run of place words; returns (end, all in capitals, words).
fn parse_place(c: &mut Cur<'_>, max_words: usize) -> Option<(usize, bool, usize)> {
    let start = c.i;
    let mut end = c.i;
    let mut words = 0usize;
    let mut all_upper = true;
    loop {
        let save = c.i;
        let Some(w) = c.word() else {
            c.i = save;
            break;
        };
        let Some(kind) = place_word(w) else {
            c.i = save;
            break;
        };
        if kind == WordCase::Connector {
            if words == 0 {
                c.i = save;
                break;
            }
        } else {
            if in_list(MONTHS, w) && words == 0 {
                c.i = save;
                break;
            }
            words += 1;
            all_upper &= kind == WordCase::Upper;
            end = c.i;
        }
        if words > max_words {
            return None;
        }
        let save = c.i;
        if !c.space() {
            break;
        }
        if c.peek().is_none_or(|ch| !ch.is_alphabetic()) {
            c.i = save;
            break;
        }
    }
    c.i = end;
    if words == 0 || end - start > 48 {
        return None;
    }
    Some((end, all_upper, words))
}

fn all_digits(w: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

/// `1996-08-22`
fn iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, x)| i == 4 || i == 7 || x.is_ascii_digit())
}

/// A date at the cursor: `Nov. 19`, `March 3, 2016`, `5 Jan`, `1996-08-22`.
fn parse_date(c: &mut Cur<'_>) -> bool {
    let save = c.i;
    let Some(w) = c.word() else {
        return false;
    };
    if iso_date(w) {
        return true;
    }
    if in_list(MONTHS, w) {
        if c.space() {
            if let Some(d) = c.word() {
                if all_digits(d.trim_end_matches(','), 1, 2) {
                    let after_day = c.i;
                    // Optional year.
                    let _ = c.eat(",");
                    if c.space() {
                        if let Some(y) = c.word() {
                            if all_digits(y, 4, 4) {
                                return true;
                            }
                        }
                    }
                    c.i = after_day;
                    return true;
                }
            }
        }
        c.i = save;
        return false;
    }
    if all_digits(w, 1, 2) && c.space() {
        if let Some(m) = c.word() {
            if in_list(MONTHS, m) {
                return true;
            }
        }
    }
    c.i = save;
    false
}

/// `(AP)`: (end, known agency).
fn parse_agency(c: &mut Cur<'_>) -> Option<(usize, bool)> {
    let save = c.i;
    if !c.eat("(") {
        return None;
    }
    let rest = c.rest();
    let close = rest.find(')')?;
    let name = &rest[..close];
    if close == 0 || close > 30 {
        c.i = save;
        return None;
    }
    let known = AGENCIES.contains(&name);
    let generic = name.split(' ').count() <= 3
        && name
            .split(' ')
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && name
            .chars()
            .all(|ch| ch.is_alphabetic() || ch == ' ' || ch == '.');
    if !known && !generic {
        c.i = save;
        return None;
    }
    c.i += close + 1;
    Some((c.i, known))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sep {
    Dash,
    Colon,
    None,
}

/// After the dateline proper: the separator, or the end of the paragraph.
fn parse_sep(c: &mut Cur<'_>) -> Option<Sep> {
    if c.at_end() {
        return Some(Sep::None);
    }
    let spaced = c.space();
    if spaced {
        c.space();
    }
    // The end of the paragraph or of the line: a dateline of its own.
    if matches!(c.peek(), None | Some('\n' | '\r')) {
        return Some(Sep::None);
    }
    let sep = if c.eat("—") || c.eat("–") || (spaced && (c.eat("--") || c.eat("-") || c.eat("_")))
    {
        Sep::Dash
    } else if !spaced && c.eat(":") {
        Sep::Colon
    } else {
        return None;
    };
    // After the separator: white space or the end; a letter or a quote
    // straight after an em/en dash ("ROME—The").
    match c.peek() {
        None => Some(sep),
        Some(ch) if ch.is_whitespace() => Some(sep),
        Some(ch) if sep == Sep::Dash && (ch.is_alphanumeric() || "\"“'‘".contains(ch)) => {
            Some(sep)
        }
        _ => None,
    }
}

/// The byte length of a dateline at the start of paragraph `p`.
fn find_dateline(p: &str) -> Option<usize> {
    let first = p.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let mut c = Cur { s: p, i: 0 };
    let mut end;
    let mut date = false;
    let mut region = false;
    let mut region_strong = false;
    let mut gazetteer = false;
    let mut all_upper = false;
    let mut agency = None;
    if parse_date(&mut c) {
        // "Dec 29 (Reuters) -": a date needs an agency.
        date = true;
        c.space();
        let (e, known) = parse_agency(&mut c)?;
        end = e;
        agency = Some(known);
    } else {
        let (e, upper, _) = parse_place(&mut c, 4)?;
        end = e;
        all_upper = upper;
        let place = &p[..e];
        gazetteer = in_list(PLACES, place);
        // "The ..." starts sentences; "The Hague" is the one place.
        let first_word = place.split([' ', '\u{a0}']).next().unwrap_or("");
        if first_word.eq_ignore_ascii_case("the") && !place.eq_ignore_ascii_case("the hague") {
            return None;
        }
        // ", Region" and ", Date", at most two groups.
        for _ in 0..2 {
            let save = c.i;
            if !c.eat(",") || !c.space() {
                c.i = save;
                break;
            }
            if parse_date(&mut c) {
                date = true;
                end = c.i;
                continue;
            }
            let rs = c.i;
            match parse_place(&mut c, 3) {
                Some((e, _, _)) if !region => {
                    let r = &p[rs..e];
                    region = true;
                    region_strong = r.ends_with('.') || in_list(PLACES, r);
                    end = e;
                }
                _ => {
                    c.i = save;
                    break;
                }
            }
        }
        // " 1996-08-22" (CoNLL).
        let save = c.i;
        if !date && c.space() && parse_date(&mut c) {
            date = true;
            end = c.i;
        } else {
            c.i = save;
        }
        c.space();
        if let Some((e, known)) = parse_agency(&mut c) {
            end = e;
            agency = Some(known);
        }
    }
    let strong = agency == Some(true) || date || gazetteer;
    let mut sc = Cur { s: p, i: end };
    let sep = match parse_sep(&mut sc) {
        Some(s) => s,
        None => {
            // "WASHINGTON (CNN) Donald Trump ...": a known agency and a
            // capitalised word.
            let mut tc = Cur { s: p, i: end };
            if agency == Some(true) && tc.space() && tc.peek().is_some_and(char::is_uppercase) {
                return Some(end);
            }
            return None;
        }
    };
    let ok = match sep {
        Sep::Colon => strong,
        // "Poland - a large member -" is a sentence: a place in ordinary
        // capitalisation needs an agency, a date or a state abbreviation.
        Sep::Dash => agency == Some(true) || date || all_upper || region_strong,
        // A dateline on its own line: "BRUSSELS 1996-08-22", "NAIROBI,
        // Kenya (AP) _" is a dash; a bare place is not enough.
        Sep::None => date || agency == Some(true),
    };
    ok.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str, s: &Structure) -> Vec<(String, String)> {
        s.paragraphs
            .iter()
            .map(|p| (p.kind.name().to_string(), p.span().slice(t).to_string()))
            .collect()
    }

    fn run(t: &str) -> Structure {
        let s = analyze(t, &StructureOptions::default());
        check_invariants(t, &s);
        s
    }

    fn check_invariants(t: &str, s: &Structure) {
        let mut last = 0u32;
        for p in &s.paragraphs {
            assert!(p.start < p.end, "empty paragraph {p:?}");
            assert!(p.start >= last, "overlap {p:?}");
            assert!(t.is_char_boundary(p.start as usize));
            assert!(t.is_char_boundary(p.end as usize));
            let txt = p.span().slice(t);
            assert_eq!(txt.trim_matches(is_ws), txt, "untrimmed {txt:?}");
            assert_eq!(p.reserved, [0; 3]);
            if p.kind == ParagraphKind::REPEAT {
                assert!((p.repeat_of as usize) < s.paragraphs.len());
            } else {
                assert_eq!(p.repeat_of, u32::MAX);
            }
            last = p.end;
        }
        if let Some(d) = s.dateline {
            assert!(t.is_char_boundary(d.start as usize) && t.is_char_boundary(d.end as usize));
            assert!(
                s.paragraphs
                    .iter()
                    .any(|p| p.start == d.start && d.end <= p.end),
                "dateline outside a paragraph"
            );
        }
    }

    fn dl(p: &str) -> Option<&str> {
        find_dateline(p).map(|n| &p[..n])
    }

    #[test]
    fn datelines_found() {
        assert_eq!(dl("Moscow: Pavel Durov, the founder"), Some("Moscow"));
        assert_eq!(dl("Washington (AFP) – The US"), Some("Washington (AFP)"));
        assert_eq!(
            dl("LONDON (Reuters) - Shares fell"),
            Some("LONDON (Reuters)")
        );
        assert_eq!(
            dl("NEW YORK, March 3 (Reuters) - Stocks"),
            Some("NEW YORK, March 3 (Reuters)")
        );
        assert_eq!(dl("BRUSSELS 1996-08-22"), Some("BRUSSELS 1996-08-22"));
        assert_eq!(dl("WASHINGTON — Sen. Bernie Sanders"), Some("WASHINGTON"));
        assert_eq!(dl("PARIS, Jan 5 - France said"), Some("PARIS, Jan 5"));
        assert_eq!(
            dl("CAMBRIDGE, Mass., Dec. 11 (UPI) — Harvard"),
            Some("CAMBRIDGE, Mass., Dec. 11 (UPI)")
        );
        assert_eq!(dl("NAIROBI, Kenya (AP) _"), Some("NAIROBI, Kenya (AP)"));
        assert_eq!(dl("HAVANA (AP) --"), Some("HAVANA (AP)"));
        assert_eq!(dl("Dec 29 (Reuters) - Oil rose"), Some("Dec 29 (Reuters)"));
        assert_eq!(dl("CHARLESTON, S.C.\u{a0}— The"), Some("CHARLESTON, S.C."));
        assert_eq!(dl("ST. LOUIS — A jury"), Some("ST. LOUIS"));
        assert_eq!(
            dl("DES MOINES, Iowa, Aug. 10 (UPI) — X"),
            Some("DES MOINES, Iowa, Aug. 10 (UPI)")
        );
        assert_eq!(
            dl("MILWAUKEE, Wisconsin 1996-08-29"),
            Some("MILWAUKEE, Wisconsin 1996-08-29")
        );
        assert_eq!(
            dl("DUBAI, United Arab Emirates — Dubai's carrier"),
            Some("DUBAI, United Arab Emirates")
        );
        assert_eq!(dl("ROME—The Italian government"), Some("ROME"));
        assert_eq!(
            dl("PORTLAND, Ore. - Peter Santilli"),
            Some("PORTLAND, Ore.")
        );
    }

    #[test]
    fn sentence_starts_are_not_datelines() {
        for p in [
            "However, the company said it would appeal.",
            "In a statement: the ministry denied it.",
            "UPDATE: This story has been updated.",
            "Editor’s Note: The following is part 3.",
            "JAKE TAPPER: Do you think so?",
            "TRUMP: We will win.",
            "Grandkids: they grow up fast.",
            "Q: What did you see?",
            "The U.S. Supreme Court - which has",
            "IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Mark Blumenthal",
            "Rep. Trey Gowdy (R-S.C.):\"I have not heard\"",
            "Bernie Sanders — the senator from Vermont — said",
            "Sanders’ appeal among millennial progressives — ",
            "WASHINGTON",
            "Total Dead: 192",
            "",
            "A",
        ] {
            assert_eq!(dl(p), None, "{p}");
        }
    }

    #[test]
    fn separator_end() {
        let t = "LONDON (Reuters) - Shares fell";
        assert_eq!(
            &t[..dateline_separator_end(t, 16, t.len())],
            "LONDON (Reuters) -"
        );
        let t = "NAIROBI, Kenya (AP) _";
        assert_eq!(dateline_separator_end(t, 19, t.len()), t.len());
        let t = "BRUSSELS 1996-08-22\nThe";
        assert_eq!(dateline_separator_end(t, 19, 19), 19);
        let t = "ROME—The";
        assert_eq!(dateline_separator_end(t, 4, t.len()), 7);
        assert_eq!(dateline_separator_end("ab", 5, 9), 2);
    }

    #[test]
    fn blank_line_paragraphs_title_dateline_boilerplate() {
        let t = "  Storm hits coast\r\n\r\nMIAMI (AP) — A storm hit the coast on Monday.\r\n\r\n\tIt rained.\u{a0}\r\n\r\nAdvertisement\r\n\r\nOfficials said more rain was due.\r\n\r\nShare this article\r\n© 2024 Example News. All rights reserved.";
        let s = run(t);
        assert_eq!(
            kinds(t, &s),
            [
                ("title", "Storm hits coast"),
                ("body", "MIAMI (AP) — A storm hit the coast on Monday."),
                ("body", "It rained."),
                ("boilerplate", "Advertisement"),
                ("body", "Officials said more rain was due."),
                ("boilerplate", "Share this article"),
                ("boilerplate", "© 2024 Example News. All rights reserved."),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(s.dateline.map(|d| d.slice(t)), Some("MIAMI (AP)"));
        assert_eq!(s.subtitle, None);
    }

    #[test]
    fn title_is_the_first_line_whatever_it_says() {
        let t = "Correction\n\nThe paper corrected its report on Friday.";
        let s = run(t);
        assert_eq!(s.title, Some(0));
        assert_eq!(s.paragraphs[0].kind, ParagraphKind::TITLE);
        let s = analyze(
            t,
            &StructureOptions {
                first_line_is_title: false,
                ..StructureOptions::default()
            },
        );
        assert_eq!(s.title, None);
        assert_eq!(s.paragraphs[0].kind, ParagraphKind::BOILERPLATE);
    }

    #[test]
    fn glued_trailing_navigation() {
        let t = "Storm hits\n\nThe storm hit the coast on Monday.\n\nOfficials said more rain was due.Recent News";
        let s = run(t);
        let k = kinds(t, &s);
        assert_eq!(k.len(), 4);
        assert_eq!(
            k[2],
            ("body".into(), "Officials said more rain was due.".into())
        );
        assert_eq!(k[3], ("boilerplate".into(), "Recent News".into()));
        let t = "Storm hits\n\nOfficials said more rain was due. Advertisement";
        assert_eq!(kinds(t, &run(t))[2].1, "Advertisement");
        // Not inside a sentence.
        let t = "Storm hits\n\nThey want to Read more";
        assert_eq!(run(t).paragraphs.len(), 2);
    }

    #[test]
    fn crawler_single_newlines() {
        let t = "Council backs new bridge\nThe city council voted on Tuesday to fund a new bridge over the river, ending a decade of debate.\nThe bridge will cost $40m.\nConstruction starts next year, the mayor said.\nRead more: Council budget explained\nFollow us on Twitter @examplenews";
        let s = run(t);
        let k = kinds(t, &s);
        assert_eq!(k.len(), 6);
        assert_eq!(k[0].0, "title");
        assert_eq!(k[2], ("body".into(), "The bridge will cost $40m.".into()));
        assert_eq!(k[4].0, "boilerplate");
        assert_eq!(k[5].0, "boilerplate");
    }

    #[test]
    fn hard_wrapped_text_is_joined() {
        let t = "Rates held\n\nThe central bank kept its main rate unchanged on Thursday, saying that\ninflation was slowing but remained above its target for the second year\nin a row, and that it would watch wage growth closely.\nOfficials expect prices to ease next spring as energy costs fall back\nfrom their winter highs, the bank said in a statement after the meeting.\n    Markets had expected the decision, and the currency barely moved in\novernight trading after the announcement was made public.\n";
        let s = run(t);
        let k = kinds(t, &s);
        assert_eq!(k.len(), 4, "{k:?}");
        assert_eq!(k[0].1, "Rates held");
        assert!(k[1].1.starts_with("The central bank") && k[1].1.ends_with("wage growth closely."));
        assert!(k[2].1.starts_with("Officials expect") && k[2].1.ends_with("after the meeting."));
        assert!(k[3].1.starts_with("Markets had") && k[3].1.ends_with("made public."));
    }

    #[test]
    fn short_lines_are_not_unwrapped() {
        let t = "Figures\n\nKENYA:\nTotal Dead: 192\nAmericans: 12\nInjured: 4,877\nHospitalized: 542\n";
        let s = run(t);
        assert_eq!(s.paragraphs.len(), 6);
    }

    #[test]
    fn standfirst_repeated_in_body_counts_once() {
        let t = "Minister resigns\n\nThe minister said she had lost the confidence of her party.\n\nLondon: The transport minister resigned on Friday. The minister said she had lost the confidence of her party. Her deputy takes over.\n\nMore follows.";
        let s = run(t);
        assert_eq!(s.subtitle, Some(1));
        assert_eq!(s.paragraphs[1].kind, ParagraphKind::REPEAT);
        assert_eq!(s.paragraphs[1].repeat_of, 2);
        assert_eq!(s.dateline.map(|d| d.slice(t)), Some("London"));
    }

    #[test]
    fn standfirst_before_dateline() {
        let t = "Cruz glad to finish fight\n\nAfter a previously amicable rapport, two are now sparring.\n\nMYRTLE BEACH, S.C. - Sen. Ted Cruz continued his attacks on Saturday.";
        let s = run(t);
        assert_eq!(s.subtitle, Some(1));
        assert_eq!(s.paragraphs[1].kind, ParagraphKind::SUBTITLE);
        assert_eq!(s.dateline.map(|d| d.slice(t)), Some("MYRTLE BEACH, S.C."));
        // A byline is not a standfirst.
        let t = "Lamb row\nPeter Blackburn\nBRUSSELS 1996-08-22\nThe European Commission said on Thursday it disagreed.";
        let s = run(t);
        assert_eq!(s.subtitle, None);
        assert_eq!(s.dateline.map(|d| d.slice(t)), Some("BRUSSELS 1996-08-22"));
    }

    #[test]
    fn deck_after_semicolon_title() {
        let t = "'Carson is cratering' while Trump rises on tough talk; \nQuestions on Carson could be openings for Cruz and Rubio.\n\nBen Carson appears to be slipping.";
        let s = run(t);
        assert_eq!(s.subtitle, Some(1));
        let t = "Momentum builds to tax consumption; \nThe Upshot.\n\nABSTRACT.\n\nEconomists are finding agreement that value-added taxes encourage savings.\n\nFULL TEXT.\n\nThe field has attracted attention.";
        let s = run(t);
        assert_eq!(s.subtitle, Some(3));
        assert_eq!(s.paragraphs[2].kind, ParagraphKind::BOILERPLATE);
        assert_eq!(s.paragraphs[4].kind, ParagraphKind::BOILERPLATE);
        assert_eq!(s.paragraphs[1].kind, ParagraphKind::BODY);
    }

    #[test]
    fn no_subtitle_without_cues() {
        let t = "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.\n\nThe firm benefited from sales of high-speed internet connections.";
        let s = run(t);
        assert_eq!(s.subtitle, None);
        assert_eq!(s.dateline, None);
    }

    #[test]
    fn repeated_paragraphs() {
        let t = "Live updates\n\nIt takes 1,237 delegates to win the Republican nomination.\n\nTrump won Nevada.\n\nIt takes 1,237 delegates to win the Republican nomination.\n\n\u{201c}It takes 1,237  delegates to win the Republican nomination\u{201d}\n\nPledged: 781.\n\nPledged: 781.";
        let s = run(t);
        assert_eq!(s.paragraphs[3].kind, ParagraphKind::REPEAT);
        assert_eq!(s.paragraphs[3].repeat_of, 1);
        assert_eq!(s.paragraphs[4].kind, ParagraphKind::REPEAT);
        assert_eq!(s.paragraphs[4].repeat_of, 1);
        assert_eq!(s.paragraphs[6].kind, ParagraphKind::BODY);
        // The body repeating a title given separately.
        let t = "Ad sales boost Time Warner profit\n\nAd sales boost Time Warner profit\n\nQuarterly profits jumped.";
        let s = run(t);
        assert_eq!(s.paragraphs[1].kind, ParagraphKind::REPEAT);
        assert_eq!(s.paragraphs[1].repeat_of, 0);
    }

    #[test]
    fn boilerplate_rules() {
        for b in [
            "Recent News",
            "Advertisement",
            "Read more",
            "Share this article",
            "Related:",
            "Related: Trump wins Nevada",
            "Follow us on Twitter",
            "Follow Pam Key on Twitter @pamkeyNEN.",
            "Sign up for our newsletter",
            "Click here to subscribe.",
            "© 2024 Example Media",
            "Copyright 2016 The Washington Post",
            "All rights reserved.",
            "Image copyright Getty Images",
            "Getty Images",
            "Neilson Barnard via Getty Images.",
            "Photo: Reuters",
            "Listen to this article",
            "This article originally appeared on Example.com.",
            "Tags: politics, elections",
            "___.",
            "* * *",
            "}.",
            "http://ap-gfkpoll.com.",
            "(Reporting by David Bailey; Editing by Cynthia Osterman.)",
            "(h/t Mediaite.)",
            ".facebook-bio {",
            "padding-left: 80px;",
            "ABSTRACT.",
            "Twitter: @Milbank.",
            "<tweet tweet-id=\"769292115914395649\"><tweet/>.",
            "</tweet>",
            "X.",
            "Getty/Instagram.",
            "Robert Galbraith / Reuters.",
            "This story has been updated with additional reactions from members of Congress.",
            "Correction: An earlier version of this article misstated the date.",
            "For more, sign up for the What’s Working newsletter.",
            "For more from Example News, download our app for iOS or Android.",
            "Bryant Rousseau and Caryn Wilson contributed reporting.",
            "Contributing: Nicole Gaudiano.",
            "Also on HuffPost:",
            "From STEALING TIME by A. Writer. Copyright © 2015 by A. Writer. Reprinted by permission.",
        ] {
            assert!(is_boilerplate(b), "{b}");
        }
        for b in [
            "Read my lips, he said, and the crowd roared.",
            "Follow the money, the prosecutor told the jury.",
            "Copyright law is changing fast.",
            "Reporting by the Post found that the agency lied.",
            "Photo editors worked through the night.",
            "He worked for Reuters.",
            "Share prices fell 3% on Monday.",
            "The email was sent on Friday.",
            "Home prices rose again in March.",
            "Related to this, the court said: no.",
            "9:05 p.m.",
            ":",
            "—",
            "3.",
            "Editor’s note: Donald Trump regularly incites political violence.",
            "<b>Sanders</b> leads Clinton in the poll.",
            "The ruling was updated in 2014, the court said. Editor’s note follows.",
            "He said the newsletter was a success.",
            "\"VIDEO: Hillary and Obama all told me it was a video,\" she said.",
        ] {
            assert!(!is_boilerplate(b), "{b}");
        }
    }

    #[test]
    fn odd_inputs_never_panic() {
        let long = "x".repeat(1 << 20);
        let many = "word\n".repeat(50_000);
        let wrapped =
            "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm\n".repeat(500);
        let inputs = [
            "",
            " ",
            "\n\n\r\r\n\t\u{a0}\u{feff}",
            "\u{2028}a\u{2029}b\u{2028}",
            "\x00\x01\x02 a \x1b",
            "\x0cTitle\x0cBody\x0c",
            "é",
            "—:—",
            "(",
            "WASHINGTON (",
            "MOSCOW, ",
            "Dec",
            "Dec 5 (",
            long.as_str(),
            many.as_str(),
            wrapped.as_str(),
            "日本語のテキスト。\n\n東京：首相は述べた。",
            "Title\n\nŞ\u{307}İ (AP) — ok",
        ];
        for t in inputs {
            for title in [true, false] {
                let o = StructureOptions {
                    first_line_is_title: title,
                    ..StructureOptions::default()
                };
                let s = analyze(t, &o);
                check_invariants(t, &s);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_keeps_the_invariants(
            text in "([A-Za-z0-9 .,:;!?()_\\-—–“”’'@©{}<>/\u{a0}\u{2028}\u{2029}\u{c}\u{0}é日]|\n|\r\n|\r|WASHINGTON|Moscow: |\\(AP\\) — |Advertisement|Follow us on Twitter){0,60}"
        ) {
            for title in [true, false] {
                let o = StructureOptions {
                    first_line_is_title: title,
                    ..StructureOptions::default()
                };
                check_invariants(&text, &analyze(&text, &o));
            }
        }

        #[test]
        fn wrapped_lines_keep_the_invariants(
            words in proptest::collection::vec("[a-zA-Z]{1,12}[.,]?", 0..300),
            width in 20usize..120,
        ) {
            // Greedy-wrap random words at `width`, with a blank line now and then.
            let mut text = String::new();
            let mut col = 0;
            for (i, w) in words.iter().enumerate() {
                if col > 0 && col + 1 + w.len() > width {
                    text.push_str(if i % 37 == 0 { "\n\n" } else { "\n" });
                    col = 0;
                } else if col > 0 {
                    text.push(' ');
                    col += 1;
                }
                text.push_str(w);
                col += w.len();
            }
            check_invariants(&text, &analyze(&text, &StructureOptions::default()));
        }
    }

    #[test]
    fn repeat_table_overflow_is_safe() {
        let mut t = String::from("Title\n\n");
        for i in 0..5000 {
            t.push_str(&format!(
                "Paragraph number {i} says something unique here.\n\n"
            ));
        }
        t.push_str("Paragraph number 17 says something unique here.\n");
        let s = run(&t);
        let last = s.paragraphs.last().map(|p| (p.kind, p.repeat_of));
        assert_eq!(last, Some((ParagraphKind::REPEAT, 18)));
    }

    fn data_dir() -> std::path::PathBuf {
        std::env::var_os("NEWSMILL_DATA").map_or_else(
            || {
                std::path::PathBuf::from(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../../shared/data"
                ))
            },
            std::path::PathBuf::from,
        )
    }

    fn read_data(rel: &str) -> Option<String> {
        let p = data_dir().join(rel);
        match std::fs::read(&p) {
            Ok(b) => Some(String::from_utf8_lossy(&b).into_owned()),
            Err(_) => {
                // Under CI a missing corpus fails rather than skips.
                assert!(
                    std::env::var_os("CI").is_none(),
                    "{rel} not found at {}: CI must not skip",
                    p.display()
                );
                eprintln!("skipping: {rel} not found at {}", p.display());
                None
            }
        }
    }

    #[test]
    fn durov_sample() {
        let Some(t) = read_data("samples/durov-arrest.txt") else {
            return;
        };
        let s = run(&t);
        let k = kinds(&t, &s);
        assert_eq!(k[0].0, "title");
        assert_eq!(
            k[0].1,
            "Russia Claims Telegram Boss Durov’s Independence Led to His Arrest"
        );
        // The standfirst is the Peskov line, repeated later in the body: it
        // stays the subtitle but is counted once, in the body.
        assert_eq!(s.subtitle, Some(1));
        assert!(
            k[1].1
                .starts_with("Kremlin spokesman Dmitry Peskov assured")
        );
        assert_eq!(k[1].0, "repeat");
        let j = s.paragraphs[1].repeat_of as usize;
        assert!(k[j].1.starts_with("Russia has strongly supported Durov"));
        assert_eq!(s.dateline.map(|d| d.slice(&t)), Some("Moscow"));
        assert_eq!(
            k.last().map(|x| (x.0.as_str(), x.1.as_str())),
            Some(("boilerplate", "Recent News"))
        );
        assert_eq!(k.iter().filter(|x| x.0 == "body").count(), 7);
    }

    #[test]
    fn bbc_files() {
        for f in [
            "bbc/business/001.txt",
            "bbc/politics/010.txt",
            "bbc/sport/190.txt",
            "bbc/tech/100.txt",
        ] {
            let Some(t) = read_data(f) else {
                return;
            };
            let s = run(&t);
            assert_eq!(s.title, Some(0), "{f}");
            assert_eq!(s.subtitle, None, "{f}");
            assert_eq!(s.dateline, None, "{f}");
            assert!(
                s.paragraphs
                    .iter()
                    .all(|p| p.kind != ParagraphKind::BOILERPLATE),
                "{f}"
            );
            let lines = t.lines().filter(|l| !l.trim().is_empty()).count();
            assert_eq!(s.paragraphs.len(), lines, "{f}");
        }
    }

    #[test]
    fn polnear_files() {
        let cases = [
            (
                "polnear/train/text/breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt",
                Some("DALLAS (AP)"),
            ),
            (
                "polnear/train/text/huff-post_2015-11-15_bernie-sanders-it-is-not-a-radic.txt",
                Some("WASHINGTON"),
            ),
            (
                "polnear/train/text/wash-post_2016-01-17_cruz-glad-to-finish-fight-with-t.txt",
                Some("MYRTLE BEACH, S.C."),
            ),
            (
                "polnear/train/text/politico_2015-11-24_clinton-s-iowa-dilemma.txt",
                None,
            ),
        ];
        for (f, want) in cases {
            let Some(t) = read_data(f) else {
                return;
            };
            let s = run(&t);
            assert_eq!(s.dateline.map(|d| d.slice(&t)), want, "{f}");
            assert_eq!(s.title, Some(0));
        }
        let f = "polnear/train/text/wash-post_2016-01-17_cruz-glad-to-finish-fight-with-t.txt";
        if let Some(t) = read_data(f) {
            let s = run(&t);
            let sub = s.subtitle.map(|i| s.paragraphs[i].span().slice(&t));
            assert_eq!(
                sub,
                Some("After a previously amicable rapport, two are now sparring.")
            );
        }
    }

    #[test]
    fn a_standfirst_repeated_as_a_whole_paragraph_marks_the_later_copy() {
        let text = "Harbour barrier approved\n\n\
                    The project will protect 40,000 homes, officials say, but fishermen worry.\n\n\
                    PORTSMOUTH (Newsmill) - The council voted on Tuesday to approve the barrier.\n\n\
                    The project will protect 40,000 homes, officials say, but fishermen worry.\n\n\
                    Work begins next spring.";
        let s = analyze(text, &StructureOptions::default());
        let kinds: Vec<ParagraphKind> = s.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                ParagraphKind::TITLE,
                ParagraphKind::SUBTITLE,
                ParagraphKind::BODY,
                ParagraphKind::REPEAT,
                ParagraphKind::BODY
            ]
        );
        assert_eq!(s.paragraphs[3].repeat_of, 1);
        assert_eq!(s.subtitle, Some(1));
    }
}
