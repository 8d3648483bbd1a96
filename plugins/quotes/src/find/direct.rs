//! Direct quotations: segments joined into quotations with their attribution; `Name: ...` lines and headlines.

use super::*;

pub(super) fn direct(cx: &Ctx<'_>, segs: &[Seg], used: &mut [bool], out: &mut Vec<(Quote, usize)>) {
    // (first segment, last segment, attribution, head, content start override)
    let mut groups: Vec<(usize, usize, Attr, usize, Option<usize>)> = Vec::new();
    for (si, s) in segs.iter().enumerate() {
        if !s.quotation {
            continue;
        }
        let mut right = attr_right(cx, s);
        let mut left = None;
        if let Some((r, _)) = &right {
            // "Brafman said, “...” He added, “...”": an attribution right
            // before the quotation wins over one in the next sentence,
            // which belongs to the next quotation.
            if r.cue
                .is_some_and(|(c, _)| cx.sent.get(c) != cx.sent.get(s.close))
            {
                left = attr_left(cx, s).filter(|(a, _, _)| a.cue.is_some() && a.speaker.is_some());
                if left.is_some() {
                    right = None;
                }
            }
        } else {
            left = attr_left(cx, s);
        }
        // Join to the previous group when only its attribution lies
        // between: “A,” he said, “B.” / “A,” he said. “B.”
        if let Some(g) = groups.last_mut() {
            let prev = &segs[g.1];
            let same_para = !cx.para_of_break(prev.close, s.open);
            // The previous quotation's attribution lies between, and this
            // one has none of its own (or the same one): one quotation
            // split around its attribution, as PolNeAR annotates it.
            let between_is_attr = g.2.cue.is_some_and(|(_, c)| {
                prev.close < c
                    && c < s.open
                    && s.open - prev.close <= 60
                    && g.2.speaker.is_none_or(|(_, e)| e < s.open)
            });
            let own = right.is_some()
                || left
                    .as_ref()
                    .is_some_and(|(a, _, _)| a.cue != g.2.cue && a.cue.is_some());
            if same_para && between_is_attr && !own {
                g.1 = si;
                continue;
            }
        }
        let (attr, head, start) = if let Some((a, h)) = right {
            (a, h, None)
        } else if let Some((a, h, that)) = left {
            (a, h, that)
        } else if let Some((a, h)) = attr_intro(cx, s) {
            (a, h, None)
        } else if let Some((a, h)) = clause_before(cx, s) {
            (a, h, None)
        } else {
            (Attr::default(), usize::MAX, None)
        };
        groups.push((si, si, attr, head, start));
    }
    // Quotes without attribution take the speaker of the quote just before
    // when it is in the same or the previous paragraph.
    let mut prev: Option<(Attr, usize, usize)> = None; // attr, head, last token
    for (first, last, mut attr, mut head, start) in groups {
        let (a, b) = (&segs[first], &segs[last]);
        if attr.cue.is_none()
            && attr.speaker.is_none()
            && let Some((pa, ph, pend)) = prev
        {
            let paras = (pend + 1..=a.open).filter(|&k| cx.para_start[k]).count();
            // Another attribution between ("..., Salvini wrote on
            // Facebook."): the quotation is not the previous speaker's.
            let other_cue = (pend + 1..a.open).any(|k| !cx.quoted[k] && cx.is_cue(k));
            if paras <= 1 && !other_cue {
                attr.speaker = pa.speaker;
                head = ph;
            }
        }
        if let Some((c0, c1)) = attr.cue {
            for u in used.get_mut(c0..=c1).into_iter().flatten() {
                *u = true;
            }
        }
        let Some(cs) = cx.toks.get(start.unwrap_or(a.open)).map(|t| t.start) else {
            continue;
        };
        let ce = if b.closed {
            cx.toks.get(b.close).map_or(0, |t| t.end)
        } else {
            cx.toks.get(b.close.saturating_sub(1)).map_or(0, |t| t.end)
        };
        let kind = if start.is_some() {
            Kind::Mixed
        } else {
            Kind::Direct
        };
        out.push((
            Quote {
                content: (cs, ce),
                cue: attr.cue.and_then(|c| tok_span(cx, c)),
                speaker: attr.speaker.and_then(|s| tok_span(cx, s)),
                entity: None,
                kind,
            },
            head,
        ));
        prev = Some((attr, head, b.close));
    }
}

/// A headline "Name: what they said" (one to four capitalised words
/// before the colon).
pub(super) fn headline(cx: &Ctx<'_>, (ts, te): Range, out: &mut Vec<(Quote, usize)>) {
    let t0 = cx.toks.partition_point(|t| t.start < ts);
    let t1 = cx.toks.partition_point(|t| t.end <= te);
    let Some(colon) = (t0 + 1..t1.min(t0 + 5)).find(|&k| cx.t(k) == ":") else {
        return;
    };
    let name_like = (t0..colon).all(|k| cx.is_word(k) && cx.toks[k].has(Token::UPPER_INITIAL));
    let end = content_end(cx, colon + 1, t1);
    if !name_like || (colon + 1..end).filter(|&k| cx.is_word(k)).count() < 3 {
        return;
    }
    let covered = out
        .iter()
        .any(|(q, _)| q.content.0 < te && ts < q.content.1);
    if let (false, Some(q)) = (
        covered,
        quote_of(cx, (colon + 1, end), (colon, colon), Some((t0, colon - 1))),
    ) {
        out.push((q, colon - 1));
    }
}

/// "Hillary shot back, “...”", "Clinton has since apologized for what
/// happened: “...”": a clause of three words or more ending in a comma or
/// colon right before the quotation, with no cue word the lexicon knows;
/// the speaker is its subject.
fn clause_before(cx: &Ctx<'_>, s: &Seg) -> Option<(Attr, usize)> {
    let j = s.open.checked_sub(1)?;
    if !matches!(cx.t(j), "," | ":") || cx.para_start[s.open] {
        return None;
    }
    let (lo, _) = cx.sent_range(j);
    if (lo..j).filter(|&k| cx.is_word(k)).count() < 3 || (lo..j).any(|k| cx.quoted[k]) {
        return None;
    }
    let (sp, head) = sentence_subject(cx, lo, j)?;
    Some((
        Attr {
            cue: None,
            speaker: Some(sp),
        },
        head,
    ))
}
