//! Stages 1 and 2 of the ranking: the document's words, their stems and
//! per-stem statistics; the named-entity spans as token ranges.

use super::*;

/// The zone of a token: headline, standfirst or body.
fn span_zone(doc: &DocView<'_>, t: &Token) -> u8 {
    let inside = |sp: Option<newsmill_sdk::Span>| {
        sp.is_some_and(|sp| t.start >= sp.start && t.end <= sp.end)
    };
    if inside(doc.title) {
        ZONE_TITLE
    } else if inside(doc.subtitle) {
        ZONE_SUBTITLE
    } else {
        ZONE_BODY
    }
}

/// A headline in sentence case ("US jobless rate hits two-year low")
/// tells names by their capitals as the body does; one in title case
/// ("Phish Phavors New York") does not.
fn sentence_case_title(doc: &DocView<'_>) -> bool {
    doc.title.is_some_and(|sp| {
        let first = doc.tokens.partition_point(|t| t.start < sp.start);
        doc.tokens
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .take_while(|t| t.end <= sp.end)
            .filter(|t| is_word_kind(t.kind))
            .skip(1)
            .any(|t| {
                let w = t.text(doc.text);
                w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase)
            })
    })
}

impl Scratch {
    /// Stage 1: Words, their stems and per-stem statistics.
    pub(super) fn read_words(
        &mut self,
        doc: &DocView<'_>,
        params: &Params,
        normalizer: &Normalizer,
    ) {
        let sentence_case_title = sentence_case_title(doc);
        let mut body_sentence = 0u32;
        for sent in doc.sentences {
            let toks = doc.sentence_tokens(sent);
            let Some(first_tok) = toks.first() else {
                continue;
            };
            let zone = span_zone(doc, first_tok);
            self.sentence_no = self.sentence_no.wrapping_add(1);
            let sent_idx = if zone == ZONE_BODY {
                body_sentence += 1;
                body_sentence - 1
            } else {
                NONE
            };
            let mut prev_word_tok: u32 = NONE;
            let mut first_word = true;
            for (k, t) in toks.iter().enumerate() {
                let ti = sent.token_start + k as u32;
                if !is_word_kind(t.kind) {
                    if t.kind != TokenKind::QUOTE {
                        // Quotes at sentence start don't make the next word
                        // mid-sentence.
                        first_word = first_word && t.kind == TokenKind::PUNCT && k == 0;
                    }
                    continue;
                }
                let text = t.text(doc.text);
                // Letters, digits and joiners ("lace-making", "A.K.A.", "O'Neill")
                // only: "h&amp" and other debris of markup is no keyphrase.
                if !text.chars().any(char::is_alphabetic)
                    || !text
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’'))
                {
                    first_word = false;
                    continue;
                }
                let stem = self.stem_of(text, normalizer, params.min_chars);
                let run_start = prev_word_tok == NONE || prev_word_tok + 1 != ti;
                prev_word_tok = ti;
                // German capitalizes every noun: capitals tell no names.
                let counts_case = (zone == ZONE_BODY || zone == ZONE_TITLE && sentence_case_title)
                    && normalizer.language() != "de";
                self.count_word(stem, zone, sent_idx, counts_case.then_some((t, first_word)));
                first_word = false;
                self.words.push(Word {
                    token: ti,
                    stem,
                    run_start,
                });
                self.word_sentence.push(sent_idx);
                self.word_zone.push(zone);
            }
        }
    }

    /// Count one occurrence of `stem` in its statistics; `case` is the
    /// token and whether it is the sentence's first word, when its
    /// capitals tell names.
    #[inline]
    fn count_word(&mut self, stem: u32, zone: u8, sent_idx: u32, case: Option<(&Token, bool)>) {
        let sent_no = self.sentence_no;
        let Some(st) = self.stats.get_mut(stem as usize) else {
            return;
        };
        st.tf += 1;
        if st.last_sentence != sent_no {
            st.last_sentence = sent_no;
            st.sentences += 1;
        }
        match zone {
            ZONE_TITLE => st.title += 1,
            ZONE_SUBTITLE => st.subtitle += 1,
            _ => {
                if st.first_sentence == NONE {
                    st.first_sentence = sent_idx;
                }
            }
        }
        if let Some((t, first_word)) = case {
            if t.has(Token::UPPER_INITIAL) {
                if !first_word {
                    st.caps += 1;
                }
            } else {
                st.lower += 1;
            }
        }
    }

    /// Stage 2: Entity spans (token index ranges) from the ner layer.
    pub(super) fn read_entities(&mut self, doc: &DocView<'_>, entities: &[(u32, u32)]) {
        for &(a, b) in entities {
            let first = doc.tokens.partition_point(|t| t.start < a);
            let last = doc.tokens.partition_point(|t| t.end <= b);
            if first < last {
                self.entity_tokens.push((first as u32, last as u32));
            }
        }
        self.entity_tokens.sort_unstable();
    }
}
