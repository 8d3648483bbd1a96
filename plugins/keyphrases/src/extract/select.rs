//! Stage 5 of the ranking: the selection, best first, of candidates that
//! do not repeat one another, and their text as keyphrases.

use super::*;

impl Scratch {
    /// The words of candidate `i`.
    fn span_of(&self, i: u32) -> Option<&[Word]> {
        self.cand_list.get(i as usize).and_then(|c| {
            self.words
                .get(c.first as usize..c.first as usize + usize::from(c.len))
        })
    }

    /// Stage 5: Selection: best first; a word of a phrase already chosen is
    /// skipped, and a phrase that holds one word already chosen takes that
    /// word's place ("Sharapova" becomes "Maria Sharapova"). The chosen
    /// candidates with their scores.
    pub(super) fn select(&self, top: usize, params: &Params) -> Vec<(u32, f64)> {
        let mut picked: Vec<(u32, f64)> = Vec::with_capacity(top);
        for &i in self.order.iter() {
            if picked.len() >= top {
                break;
            }
            let (Some(c), Some(ws)) = (self.cand_list.get(i as usize), self.span_of(i)) else {
                continue;
            };
            if !params.allow_subsumed {
                match self.overlap(ws, &picked, params) {
                    Overlap::None => {}
                    Overlap::Blocked => continue,
                    Overlap::Upgrade(k) => {
                        if let Some(slot) = picked.get_mut(k) {
                            slot.0 = i;
                        }
                        continue;
                    }
                }
            }
            picked.push((i, c.score));
        }
        picked
    }

    /// How the words `ws` of a candidate overlap the ones `picked`.
    fn overlap(&self, ws: &[Word], picked: &[(u32, f64)], params: &Params) -> Overlap {
        let mut hit = None;
        for (k, &(p, _)) in picked.iter().enumerate() {
            let Some(other) = self.span_of(p) else {
                continue;
            };
            let (short, long) = if ws.len() <= other.len() {
                (ws, other)
            } else {
                (other, ws)
            };
            if short.len() == 1 && long.iter().any(|w| w.stem == short[0].stem) {
                let name = ws.iter().all(|w| {
                    self.stats
                        .get(w.stem as usize)
                        .is_some_and(|st| st.stop || st.caps > st.lower)
                });
                if params.upgrade && name && ws.len() > 1 && other.len() == 1 && hit.is_none() {
                    hit = Some(k);
                } else {
                    return Overlap::Blocked;
                }
            }
        }
        hit.map_or(Overlap::None, Overlap::Upgrade)
    }

    /// The keyphrases of the candidates `picked`, in their order.
    pub(super) fn keyphrases(&self, doc: &DocView<'_>, picked: &[(u32, f64)]) -> Vec<Keyphrase> {
        let mut out: Vec<Keyphrase> = Vec::with_capacity(picked.len());
        for &(i, score) in picked {
            let (Some(c), Some(ws)) = (self.cand_list.get(i as usize), self.span_of(i)) else {
                continue;
            };
            let len = ws.len();
            if len == 0 {
                continue;
            }
            let (Some(a), Some(b)) = (
                doc.tokens.get(ws[0].token as usize),
                doc.tokens.get(ws[len - 1].token as usize),
            ) else {
                continue;
            };
            out.push(Keyphrase {
                start: a.start,
                end: b.end,
                score,
                phrase: self.phrase_text(doc, c, ws),
            });
        }
        out
    }

    /// The text of candidate `c` (words `ws`). A word keeps its case when
    /// it is an acronym or usually written with a capital in mid-sentence
    /// (a name); in a phrase with such a word, every capitalized word keeps
    /// it ("Wang Yi", "Bank of England").
    fn phrase_text(&self, doc: &DocView<'_>, c: &Cand, ws: &[Word]) -> String {
        let name_word = |w: &Word| {
            doc.tokens.get(w.token as usize).is_some_and(|t| {
                t.has(Token::ALL_UPPER) && t.len() > 1
                    || t.has(Token::UPPER_INITIAL)
                        && self
                            .stats
                            .get(w.stem as usize)
                            .is_some_and(|st| st.caps > st.lower)
            })
        };
        let in_name = ws.len() > 1 && (c.entity || ws.iter().any(name_word));
        let mut phrase = String::new();
        for (k, w) in ws.iter().enumerate() {
            let Some(t) = doc.tokens.get(w.token as usize) else {
                continue;
            };
            if k > 0 {
                phrase.push(' ');
            }
            let text = t.text(doc.text);
            if name_word(w) || in_name && t.has(Token::UPPER_INITIAL) {
                phrase.push_str(text);
            } else {
                phrase.extend(text.chars().flat_map(char::to_lowercase));
            }
        }
        phrase
    }
}

/// How a candidate overlaps the ones already chosen.
enum Overlap {
    /// It holds none of their words, nor they one of its.
    None,
    /// It repeats one: skip it.
    Blocked,
    /// A name phrase that holds the single word chosen at this place:
    /// it takes that place.
    Upgrade(usize),
}
