//! Repeated paragraphs (pull-quotes, a headline repeated as the first paragraph).

use super::*;

/// The letters and digits of a paragraph, ASCII case folded.
pub(super) fn content_chars(s: &str) -> impl DoubleEndedIterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
}

pub(super) fn same_content(a: &str, b: &str) -> bool {
    content_chars(a).eq(content_chars(b)) && content_chars(a).next().is_some()
}

pub(super) const FP_HEAD: usize = 32;
pub(super) const FP_TAIL: usize = 8;
pub(super) const MIN_REPEAT_CHARS: usize = 24;

pub(super) fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29)
}

/// A 32-bit fingerprint of the content (equal content, equal fingerprint):
/// the first 32 and the last 8 ASCII letters and digits, lower-cased
/// (non-ASCII bytes are skipped on both sides alike); for text with few
/// ASCII letters, the first 32 letters and digits of any script. `None` for
/// paragraphs too short to count as repeats.
pub(super) fn fingerprint(s: &str) -> Option<u32> {
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
            if n.is_multiple_of(8) {
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

pub(super) fn fold(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

/// Mark later copies of BODY (or SUBTITLE) paragraphs as REPEAT: a
/// standfirst repeated whole as a body paragraph keeps its place and the
/// body copy is the repeat. The fingerprints live in
/// `repeat_of` meanwhile; a fixed open-addressing table on the stack holds
/// paragraph indices (once full, later paragraphs are still looked up).
pub(super) fn mark_repeats(text: &str, paras: &mut [Paragraph], dateline: Option<Span>) {
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
