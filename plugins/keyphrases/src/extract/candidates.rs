//! Stage 3 of the ranking: the candidates, n-grams of consecutive words
//! of one sentence, grouped by their stems.

use super::*;

impl Scratch {
    /// Stage 3: Candidates: n-grams of consecutive words.
    pub(super) fn read_candidates(&mut self, max_words: usize, params: &Params) {
        // Phrases that scoring would drop anyway are not counted (without
        // entities, whether a phrase can pass is known from its words).
        let prune = self.entity_tokens.is_empty();
        let min_common = params.min_common_phrase_tf.max(params.min_phrase_tf);
        let n = self.words.len();
        for i in 0..n {
            let Some(&w0) = self.words.get(i) else { break };
            let Some(st0) = self.stats.get(w0.stem as usize) else {
                continue;
            };
            if st0.stop {
                continue;
            }
            // A short word ("UK", "Yi") may be part of a phrase, not one alone.
            let short0 = st0.short;
            let mut key = [NONE; MAX_WORDS];
            let (mut all_names, mut rarest) = (true, u32::MAX);
            for len in 1..=max_words {
                let j = i + len - 1;
                let Some(wj) = self.words.get(j) else { break };
                if len > 1 && wj.run_start {
                    break;
                }
                if self.word_sentence.get(j) != self.word_sentence.get(i)
                    || self.word_zone.get(j) != self.word_zone.get(i)
                {
                    break;
                }
                key[len - 1] = wj.stem;
                let wj_token = wj.token;
                let Some(stj) = self.stats.get(wj.stem as usize) else {
                    break;
                };
                if !stj.stop {
                    all_names &= stj.caps > stj.lower;
                    rarest = rarest.min(stj.tf);
                }
                if stj.stop || (len == 1 && short0) {
                    continue;
                }
                if prune
                    && len > 1
                    && !all_names
                    && (f64::from(rarest) < min_common || len > params.max_common_words)
                {
                    continue;
                }
                let entity = self
                    .entity_tokens
                    .binary_search(&(w0.token, wj_token + 1))
                    .is_ok();
                if len > 1 && all_names && !entity && params.whole_names && self.part_of_name(i, j)
                {
                    continue;
                }
                self.count_candidate(key, len, i, entity);
            }
        }
    }

    /// "President Barack" is no phrase when "Obama" follows: a name phrase
    /// (words `i..=j`) must be the whole run of name words.
    fn part_of_name(&self, i: usize, j: usize) -> bool {
        let name_at = |k: usize| {
            self.words.get(k).is_some_and(|w| {
                self.word_sentence.get(k) == self.word_sentence.get(i)
                    && self
                        .stats
                        .get(w.stem as usize)
                        .is_some_and(|st| !st.stop && st.caps > st.lower)
            })
        };
        let w0_run_start = self.words.get(i).is_some_and(|w| w.run_start);
        let left = i > 0 && !w0_run_start && name_at(i - 1);
        let right = self.words.get(j + 1).is_some_and(|w| !w.run_start) && name_at(j + 1);
        left || right
    }

    /// Count one occurrence of the candidate `key` (`len` words from word
    /// `i`).
    fn count_candidate(&mut self, key: [u32; MAX_WORDS], len: usize, i: usize, entity: bool) {
        let zone = self.word_zone.get(i).copied().unwrap_or(ZONE_BODY);
        let sentence = self.word_sentence.get(i).copied().unwrap_or(NONE);
        let next = self.cand_list.len() as u32;
        let idx = *self.cands.entry(key).or_insert(next);
        if idx == next {
            self.cand_list.push(Cand {
                len: len as u8,
                tf: 0,
                title: 0,
                subtitle: 0,
                entity: false,
                first_sentence: NONE,
                first: i as u32,
                score: 0.0,
            });
        }
        if let Some(c) = self.cand_list.get_mut(idx as usize) {
            c.tf += 1;
            c.entity |= entity;
            match zone {
                ZONE_TITLE => c.title += 1,
                ZONE_SUBTITLE => c.subtitle += 1,
                _ => {
                    if c.first_sentence == NONE {
                        c.first_sentence = sentence;
                    }
                }
            }
        }
    }
}
