//! Lines and hard-wrapped text: where paragraphs start and end.

use super::*;
use memchr::{memchr2, memchr3};

/// White space for trimming: Unicode white space, control characters and
/// the invisible format characters that crawlers leave around.
pub(super) fn is_ws(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

pub(super) fn para_text<'t>(text: &'t str, p: &Paragraph) -> &'t str {
    text.get(p.start as usize..p.end as usize).unwrap_or("")
}

/// True when the text holds U+2028 or U+2029 (then lines are split the slow way).
pub(super) fn has_unicode_breaks(bytes: &[u8]) -> bool {
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
pub(super) fn next_break(text: &str, pos: usize, slow: bool) -> Option<(usize, usize, bool)> {
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
pub(super) fn split_lines(text: &str, out: &mut Vec<Paragraph>) {
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
pub(super) const MAX_WRAP: usize = 110;
/// Narrowest.
pub(super) const MIN_WRAP: usize = 40;

pub(super) fn char_count(s: &str) -> usize {
    // Bytes that start a character.
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Character length, capped: anything over 4 * 160 bytes counts as 161.
pub(super) fn line_cols(s: &str) -> usize {
    if s.len() > 640 {
        161
    } else {
        char_count(s).min(161)
    }
}

/// Length in characters of the first word of `s` (up to 40).
pub(super) fn first_word_cols(s: &str) -> usize {
    s.chars()
        .take_while(|c| !c.is_whitespace())
        .take(40)
        .count()
}

/// Columns of indentation before the trimmed line start `start`.
pub(super) fn indent(text: &str, start: u32) -> usize {
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

pub(super) fn ends_sentence(s: &str) -> bool {
    matches!(
        s.chars().next_back(),
        Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ':' | ';')
    )
}

/// Would a greedy wrapper at `width` have broken the line `a` before `b`?
/// (The next word did not fit, or `b` starts in lower case; and `b` is not
/// indented deeper nor a bullet.)
pub(super) fn forced_break(text: &str, a: &Paragraph, b: &Paragraph, width: usize) -> bool {
    let at = para_text(text, a);
    let bt = para_text(text, b);
    // A line that starts in lower case continues the sentence whatever
    // its predecessor's length (wire copy is not always wrapped greedily).
    let continues = bt.chars().next().is_some_and(char::is_lowercase);
    (continues || line_cols(at) + 1 + first_word_cols(bt) > width)
        && indent(text, b.start) <= indent(text, a.start)
        && !starts_with_bullet(bt)
}

pub(super) fn starts_with_bullet(s: &str) -> bool {
    let mut it = s.chars();
    matches!(
        (it.next(), it.next()),
        (Some('-' | '*' | '•' | '–' | '—' | '>'), Some(' '))
    )
}

/// Detect a hard-wrapped document and join its wrapped lines.
pub(super) fn unwrap_hard_wrapped(text: &str, paras: &mut Vec<Paragraph>, title_first: bool) {
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
