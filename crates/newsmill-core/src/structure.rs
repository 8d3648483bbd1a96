//! Article structure from plain text: title, standfirst, dateline,
//! paragraphs, boilerplate and repeated paragraphs.
//!
//! (Baseline: paragraphs are non-empty lines; the first is the title when
//! asked. Refined by the structure work.)

use crate::text::{Paragraph, ParagraphKind, Span};

/// Options for structure detection.
///
/// ```
/// let o = newsmill_core::structure::StructureOptions::default();
/// assert!(o.detect_boilerplate);
/// ```
#[derive(Clone, Debug)]
pub struct StructureOptions {
    /// The first line is the headline.
    pub first_line_is_title: bool,
    /// Mark navigation / sharing / advertising lines as boilerplate.
    pub detect_boilerplate: bool,
}

impl Default for StructureOptions {
    fn default() -> Self {
        StructureOptions {
            first_line_is_title: true,
            detect_boilerplate: true,
        }
    }
}

/// The structure of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Index of the title paragraph.
    pub title: Option<usize>,
    /// Index of the standfirst paragraph.
    pub subtitle: Option<usize>,
    /// The dateline, inside the first body paragraph, without its separator.
    pub dateline: Option<Span>,
}

/// Find the structure of `text`.
///
/// ```
/// use newsmill_core::structure::{analyze, StructureOptions};
/// let s = analyze("Title\n\nBody one.\n\nBody two.", &StructureOptions::default());
/// assert_eq!(s.paragraphs.len(), 3);
/// assert_eq!(s.title, Some(0));
/// ```
pub fn analyze(text: &str, opts: &StructureOptions) -> Structure {
    let mut st = Structure::default();
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let s = start + lead;
        let e = s + trimmed.len();
        let kind = if st.paragraphs.is_empty() && opts.first_line_is_title {
            st.title = Some(0);
            ParagraphKind::TITLE
        } else {
            ParagraphKind::BODY
        };
        st.paragraphs.push(Paragraph::new(s as u32, e as u32, kind));
    }
    st
}

/// Where the separator after a dateline ends (":", " -", " –", "--"), so
/// that the dateline and its separator form one sentence; `para_end` bounds
/// the search.
///
/// ```
/// let t = "Moscow: Pavel Durov";
/// assert_eq!(newsmill_core::structure::dateline_separator_end(t, 6, t.len()), 7);
/// ```
pub fn dateline_separator_end(text: &str, dateline_end: usize, para_end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = dateline_end;
    let end = para_end.min(bytes.len());
    while i < end {
        let c = match text.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => c,
            None => break,
        };
        if c == ':' || c == '-' || c == '–' || c == '—' || c == ' ' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    // Do not swallow the space before the first word.
    while i > dateline_end && bytes[i - 1] == b' ' {
        i -= 1;
    }
    i
}
