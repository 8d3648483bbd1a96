//! The per-thread scratch state: its hasher, and the stem ids of words.

use std::hash::{BuildHasherDefault, Hasher};

use super::*;

/// A small, fast hasher for short strings and ids (FxHash's mixing).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(super) type Fx = BuildHasherDefault<FxHasher>;

fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

impl Scratch {
    pub(super) fn clear(&mut self) {
        // Keep memory bounded after a huge document or a huge vocabulary.
        if self.cands.capacity() > 1 << 18 || self.lex_words.len() > LEXICON_MAX {
            *self = Scratch::default();
        }
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            for l in &mut self.lex {
                l.stamp = 0;
            }
            self.stamp = 1;
        }
        self.stats.clear();
        self.words.clear();
        self.word_sentence.clear();
        self.word_zone.clear();
        self.cands.clear();
        self.cand_list.clear();
        self.entity_tokens.clear();
        self.order.clear();
    }

    /// The (per-document) stem id of a token's text.
    pub(super) fn stem_of(&mut self, text: &str, normalizer: &Normalizer, min_chars: usize) -> u32 {
        lower_into(text, &mut self.lower);
        let global = match self.lex_words.get(self.lower.as_str()) {
            Some(&g) => g,
            None => {
                let stem = normalizer.stem(&self.lower);
                let g = match self.lex_stems.get(stem.as_ref()) {
                    Some(&g) => g,
                    None => {
                        let g = self.lex.len() as u32;
                        if self.stop_stems.is_empty() {
                            self.stop_stems = normalizer
                                .stopwords()
                                .iter()
                                .map(|w| normalizer.stem(w).into_owned())
                                .collect();
                        }
                        // A stem is a function word when any stopword has
                        // it ("needs" as "need"), whichever form came first.
                        let stop = normalizer.is_stopword(&self.lower)
                            || self.stop_stems.contains(stem.as_ref());
                        self.lex.push(LexStem {
                            stop,
                            stamp: 0,
                            local: NONE,
                        });
                        self.lex_stems.insert(stem.into_owned(), g);
                        g
                    }
                };
                self.lex_words.insert(self.lower.clone(), g);
                g
            }
        };
        let Some(l) = self.lex.get_mut(global as usize) else {
            return NONE;
        };
        if l.stamp != self.stamp {
            l.stamp = self.stamp;
            l.local = self.stats.len() as u32;
            // Length of the form the document uses first.
            let chars = if self.lower.is_ascii() {
                self.lower.bytes().filter(u8::is_ascii_alphanumeric).count()
            } else {
                self.lower.chars().filter(|c| c.is_alphanumeric()).count()
            };
            let form = self.lower.as_str();
            // English verb and adverb endings.
            let verbal = normalizer.lang_index() == 0
                && form.len() > 5
                && (form.ends_with("ed") || form.ends_with("ing") || form.ends_with("ly"));
            self.stats.push(StemStat {
                verbal,
                first_sentence: NONE,
                stop: l.stop,
                short: chars < min_chars,
                chars: chars as u32,
                last_sentence: NONE,
                ..StemStat::default()
            });
        }
        l.local
    }
}
