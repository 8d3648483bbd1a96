//! BILOU tags over the four CoNLL-2003 entity types, the transitions they
//! allow, conversion from IOB1, and constrained Viterbi decoding.

/// Entity types, in tag order.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// Number of tags: O, then B, I, L, U for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES.len();

/// The outside tag.
pub const O: u8 = 0;

pub(crate) const B: u8 = 0;
pub(crate) const I: u8 = 1;
pub(crate) const L: u8 = 2;
const U: u8 = 3;

fn tag(ty: u8, part: u8) -> u8 {
    1 + ty * 4 + part
}

/// The entity type index of a tag (`None` for O).
///
/// ```
/// assert_eq!(newsmill_ner::tags::type_of(0), None);
/// assert_eq!(newsmill_ner::tags::type_of(4), Some(0)); // U-PER
/// ```
pub fn type_of(t: u8) -> Option<u8> {
    if t == O || t as usize >= N_TAGS {
        None
    } else {
        Some((t - 1) / 4)
    }
}

pub(crate) fn part(t: u8) -> Option<u8> {
    if t == O { None } else { Some((t - 1) % 4) }
}

/// Tag name, e.g. `B-PER`.
///
/// ```
/// assert_eq!(newsmill_ner::tags::name(1), "B-PER");
/// ```
pub fn name(t: u8) -> String {
    match (type_of(t), part(t)) {
        (Some(ty), Some(p)) => format!(
            "{}-{}",
            ["B", "I", "L", "U"][p as usize],
            TYPES[ty as usize]
        ),
        _ => "O".into(),
    }
}

/// Whether `next` may follow `prev`.
///
/// ```
/// use newsmill_ner::tags::allowed;
/// assert!(allowed(1, 2)); // B-PER I-PER
/// assert!(!allowed(1, 0)); // B-PER O
/// ```
pub fn allowed(prev: u8, next: u8) -> bool {
    let open = matches!(part(prev), Some(B) | Some(I));
    match part(next) {
        None | Some(B) | Some(U) => !open,
        Some(I) | Some(L) => open && type_of(prev) == type_of(next),
        _ => false,
    }
}

/// Whether a sentence may start with `t`.
pub fn allowed_start(t: u8) -> bool {
    matches!(part(t), None | Some(B) | Some(U))
}

/// Whether a sentence may end with `t`.
pub fn allowed_end(t: u8) -> bool {
    matches!(part(t), None | Some(L) | Some(U))
}

/// The type index of a CoNLL type name.
pub fn type_index(name: &str) -> Option<u8> {
    TYPES.iter().position(|t| *t == name).map(|i| i as u8)
}

/// Convert one sentence's IOB1 (or IOB2) tags to BILOU tags. Unknown types
/// become O.
///
/// ```
/// use newsmill_ner::tags::{from_iob, name};
/// let t = from_iob(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC"]);
/// let names: Vec<_> = t.iter().map(|&t| name(t)).collect();
/// assert_eq!(names, ["B-PER", "L-PER", "O", "U-LOC", "U-LOC"]);
/// ```
pub fn from_iob(tags: &[&str]) -> Vec<u8> {
    let parsed: Vec<Option<(bool, u8)>> = tags
        .iter()
        .map(|t| {
            let (p, ty) = t.split_once('-')?;
            Some((p == "B", type_index(ty)?))
        })
        .collect();
    let mut out = vec![O; tags.len()];
    let mut i = 0;
    while i < parsed.len() {
        let Some((_, ty)) = parsed[i] else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < parsed.len() && matches!(parsed[j], Some((false, t)) if t == ty) {
            j += 1;
        }
        if j - i == 1 {
            out[i] = tag(ty, U);
        } else {
            out[i] = tag(ty, B);
            for o in &mut out[i + 1..j - 1] {
                *o = tag(ty, I);
            }
            out[j - 1] = tag(ty, L);
        }
        i = j;
    }
    out
}

/// Entity spans in a tag sequence, as `(first, end, type)` token indices
/// (end exclusive). Ill-formed sequences are read leniently.
///
/// ```
/// use newsmill_ner::tags::spans;
/// assert_eq!(spans(&[0, 1, 3, 0, 8]), vec![(1, 3, 0), (4, 5, 1)]);
/// ```
pub fn spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    spans_into(tags, 0, &mut out);
    out
}

/// Like [`spans`], appending to `out` with token indices offset by `base`.
pub fn spans_into(tags: &[u8], base: usize, out: &mut Vec<(usize, usize, u8)>) {
    let mut start: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (ty, p) = (type_of(t), part(t));
        if let Some((s, sty)) = start {
            let continues = Some(sty) == ty && matches!(p, Some(I) | Some(L));
            if !continues {
                out.push((base + s, base + i, sty));
                start = None;
            } else if p == Some(L) {
                out.push((base + s, base + i + 1, sty));
                start = None;
                continue;
            } else {
                continue;
            }
        }
        match (ty, p) {
            (Some(ty), Some(U)) => out.push((base + i, base + i + 1, ty)),
            (Some(ty), Some(L)) => out.push((base + i, base + i + 1, ty)),
            (Some(ty), _) => start = Some((i, ty)),
            _ => {}
        }
    }
    if let Some((s, sty)) = start {
        out.push((base + s, base + tags.len(), sty));
    }
}

/// Transition scores with the BILOU constraints folded in (disallowed
/// pairs get a large negative score).
#[derive(Clone, Debug)]
pub(crate) struct Transitions {
    /// `trans[prev * N_TAGS + next]`.
    pub trans: Vec<f32>,
    pub start: Vec<f32>,
    pub end: Vec<f32>,
    /// Per next tag `q`, the tags allowed before it, ascending:
    /// `prev[q * N_TAGS..q * N_TAGS + prev_len[q]]` (the decoder skips the
    /// forbidden pairs instead of adding their penalty).
    prev: [u8; N_TAGS * N_TAGS],
    prev_len: [u8; N_TAGS],
}

pub(crate) const FORBIDDEN: f32 = -1.0e9;

impl Transitions {
    pub(crate) fn new(trans: &[f32], start: &[f32], end: &[f32]) -> Transitions {
        let n = N_TAGS;
        let mut t = Transitions {
            trans: vec![0.0; n * n],
            start: vec![0.0; n],
            end: vec![0.0; n],
            prev: [0; N_TAGS * N_TAGS],
            prev_len: [0; N_TAGS],
        };
        for q in 0..n {
            for p in 0..n {
                if allowed(p as u8, q as u8) {
                    let k = usize::from(t.prev_len[q]);
                    t.prev[q * n + k] = p as u8;
                    t.prev_len[q] += 1;
                }
            }
        }
        for p in 0..n {
            for q in 0..n {
                t.trans[p * n + q] = if allowed(p as u8, q as u8) {
                    trans.get(p * n + q).copied().unwrap_or(0.0)
                } else {
                    FORBIDDEN
                };
            }
            t.start[p] = if allowed_start(p as u8) {
                start.get(p).copied().unwrap_or(0.0)
            } else {
                FORBIDDEN
            };
            t.end[p] = if allowed_end(p as u8) {
                end.get(p).copied().unwrap_or(0.0)
            } else {
                FORBIDDEN
            };
        }
        t
    }
}

/// Viterbi buffers, reused.
#[derive(Default)]
pub(crate) struct Viterbi {
    delta: Vec<f32>,
    back: Vec<u8>,
}

impl Viterbi {
    /// Best tag sequence for `n` tokens with emission scores
    /// `scores[i * N_TAGS + tag]`; writes `out` (len n).
    #[allow(clippy::needless_range_loop)] // a numeric kernel over tag indices
    pub(crate) fn decode(&mut self, scores: &[f32], n: usize, tr: &Transitions, out: &mut Vec<u8>) {
        const N: usize = N_TAGS;
        out.clear();
        if n == 0 {
            return;
        }
        self.delta.clear();
        self.delta.resize(2 * N, 0.0);
        self.back.clear();
        self.back.resize(n * N, 0);
        let (mut cur, mut nxt) = self.delta.split_at_mut(N);
        for q in 0..N {
            cur[q] = tr.start[q] + scores[q];
        }
        for i in 1..n {
            let em = &scores[i * N..(i + 1) * N];
            let back = &mut self.back[i * N..(i + 1) * N];
            for q in 0..N {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                let prev = &tr.prev[q * N..q * N + usize::from(tr.prev_len[q])];
                for &p in prev {
                    let s = cur[usize::from(p)] + tr.trans[usize::from(p) * N + q];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                nxt[q] = best + em[q];
                back[q] = arg;
            }
            std::mem::swap(&mut cur, &mut nxt);
        }
        let mut best = f32::NEG_INFINITY;
        let mut arg = 0u8;
        for q in 0..N {
            let s = cur[q] + tr.end[q];
            if s > best {
                best = s;
                arg = q as u8;
            }
        }
        out.resize(n, 0);
        out[n - 1] = arg;
        for i in (1..n).rev() {
            arg = self.back[i * N + arg as usize];
            out[i - 1] = arg;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_constraints() {
        let tr = Transitions::new(&[], &[], &[]);
        let mut v = Viterbi::default();
        // Emissions favour B-PER then O: illegal, so it must pick U-PER O.
        let mut scores = vec![0.0f32; 2 * N_TAGS];
        scores[1] = 5.0;
        scores[4] = 4.0;
        scores[N_TAGS] = 5.0;
        let mut out = Vec::new();
        v.decode(&scores, 2, &tr, &mut out);
        assert_eq!(out, vec![4, 0]);
    }

    #[test]
    fn iob_round_trip() {
        let t = from_iob(&["I-ORG", "I-ORG", "I-ORG", "O", "I-MISC"]);
        assert_eq!(spans(&t), vec![(0, 3, 1), (4, 5, 3)]);
        for w in t.windows(2) {
            assert!(allowed(w[0], w[1]));
        }
    }
}
