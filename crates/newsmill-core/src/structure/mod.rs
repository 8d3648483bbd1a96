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

mod boilerplate;
mod dateline;
mod lines;
mod repeats;
mod standfirst;
#[cfg(test)]
mod tests;

use boilerplate::*;
use dateline::*;
use lines::*;
use repeats::*;
use standfirst::*;

use crate::text::{Paragraph, ParagraphKind, Span};

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
    if opts.detect_repeats
        && let Some(t) = st.title
        && let Some(c) = next_body(paras, t + 1)
        && same_content(para_text(text, &paras[t]), para_text(text, &paras[c]))
    {
        paras[c].kind = ParagraphKind::REPEAT;
        paras[c].repeat_of = t as u32;
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
    if opts.detect_subtitle
        && st.subtitle.is_none()
        && let Some(t) = st.title
    {
        let c0_has_dateline = match (st.dateline, cands.first()) {
            (Some(d), Some(&c0)) => d.start == paras[c0].start,
            _ => false,
        };
        st.subtitle = find_standfirst(text, paras, t, cands, c0_has_dateline);
    }
    if let Some(s) = st.subtitle {
        // The dateline belongs to the body, never to the standfirst.
        if let Some(d) = st.dateline
            && d.start == paras[s].start
        {
            st.dateline = None;
        }
        paras[s].kind = ParagraphKind::SUBTITLE;
        if opts.detect_repeats
            && let Some(j) = repeated_in_body(text, paras, s)
        {
            paras[s].kind = ParagraphKind::REPEAT;
            paras[s].repeat_of = j as u32;
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
