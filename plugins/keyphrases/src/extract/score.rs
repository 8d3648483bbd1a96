//! Stage 4 of the ranking: the scores, single words first, then phrases,
//! which may take the score of their best word; then the candidates in
//! rank order.

use super::*;

/// The score every candidate starts from: frequency, headline,
/// standfirst, position, capitals and entity.
fn base(c: &Cand, name: bool, params: &Params) -> f64 {
    let tf = pow(f64::from(c.tf), params.tf_exp);
    let mut score = tf
        * (1.0 + params.title * f64::from(c.title.min(1)))
        * (1.0 + params.subtitle * f64::from(c.subtitle.min(1)));
    if c.first_sentence != NONE {
        score *= 1.0 + params.position / (1.0 + f64::from(c.first_sentence));
    }
    if name {
        score *= 1.0 + params.capital;
    }
    if c.entity {
        score *= 1.0 + params.entity;
    }
    score
}

fn is_name(st: &StemStat) -> bool {
    st.stop || st.caps > st.lower
}

/// The score of a single word `c` with statistics `st`.
fn word_score(
    c: &Cand,
    name: bool,
    st: Option<&StemStat>,
    length_weight: &[f64; 24],
    params: &Params,
) -> f64 {
    let mut score = base(c, name, params);
    if let Some(st) = st {
        if params.word_length != 0.0 {
            score *= length_weight
                .get(st.chars as usize)
                .copied()
                .unwrap_or_else(|| pow(f64::from(st.chars.max(1)), params.word_length));
        }
        if st.verbal {
            score *= params.verbal;
        }
        if params.spread != 0.0 && st.tf > 0 {
            score *= (f64::from(st.sentences) / f64::from(st.tf)).powf(params.spread);
        }
    }
    score
}

impl Scratch {
    /// Stage 4: Scores, then `order`: the candidates that scored, best first.
    pub(super) fn score(&mut self, params: &Params) {
        let mut length_weight = [0.0f64; 24];
        for (n, w) in length_weight.iter_mut().enumerate() {
            *w = pow(n.max(1) as f64, params.word_length);
        }
        for pass in [1usize, 2] {
            self.score_pass(pass, &length_weight, params);
        }
        self.sort_order();
    }

    /// Score the single words (`pass` 1) or the phrases (`pass` 2).
    fn score_pass(&mut self, pass: usize, length_weight: &[f64; 24], params: &Params) {
        let Scratch {
            cands,
            cand_list,
            stats,
            ..
        } = self;
        for (key, &idx) in cands.iter() {
            let Some(c) = cand_list.get(idx as usize) else {
                continue;
            };
            let len = usize::from(c.len);
            if (len == 1) != (pass == 1) {
                continue;
            }
            let content = || {
                key.iter()
                    .take(len)
                    .filter_map(|&st| stats.get(st as usize).map(|x| (st, x)))
                    .filter(|(_, x)| !x.stop)
            };
            let name = content().all(|(_, x)| is_name(x));
            let mut score = 0.0;
            if len == 1 {
                let st = key.first().and_then(|&k| stats.get(k as usize));
                score = word_score(c, name, st, length_weight, params);
            } else {
                let min_tf = if name || c.entity {
                    params.min_phrase_tf
                } else {
                    params.min_common_phrase_tf.max(params.min_phrase_tf)
                };
                let allowed = name || c.entity || len <= params.max_common_words;
                if allowed && (f64::from(c.tf) >= min_tf || c.entity) {
                    score = base(c, name, params) * params.phrase.powi(len as i32 - 1);
                    if params.phrase_length != 0.0 {
                        let chars: u32 = content().map(|(_, x)| x.chars).sum();
                        score *= pow(f64::from(chars.max(1)), params.phrase_length);
                    }
                    let mut single = [NONE; MAX_WORDS];
                    let best = content()
                        .filter(|(_, x)| f64::from(c.tf) >= params.cohesion * f64::from(x.tf))
                        .filter_map(|(st, _)| {
                            single[0] = st;
                            cands.get(&single)
                        })
                        .filter_map(|&i| cand_list.get(i as usize))
                        .map(|w| w.score)
                        .fold(0.0, f64::max);
                    {
                        score = score.max(best * 1.001);
                    }
                }
            }
            if let Some(c) = cand_list.get_mut(idx as usize) {
                c.score = score;
            }
        }
    }

    /// `order`: the candidates that scored, best first.
    fn sort_order(&mut self) {
        let Scratch {
            cand_list, order, ..
        } = self;
        order.extend(0..cand_list.len() as u32);
        order.retain(|&i| cand_list.get(i as usize).is_some_and(|c| c.score > 0.0));
        // Candidates are unique by (first occurrence, length), so the order is
        // total and an unstable sort is deterministic.
        order.sort_unstable_by(|&a, &b| {
            let (Some(ca), Some(cb)) = (cand_list.get(a as usize), cand_list.get(b as usize))
            else {
                return std::cmp::Ordering::Equal;
            };
            cb.score
                .total_cmp(&ca.score)
                .then(cb.len.cmp(&ca.len))
                .then(ca.first.cmp(&cb.first))
        });
    }
}
