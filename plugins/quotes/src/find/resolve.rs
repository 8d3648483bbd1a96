//! Speakers resolved to entities, pronouns to earlier speakers.

use super::*;

pub(super) const PRONOUNS_M: &[&str] = &["he", "him", "his"];

pub(super) const PRONOUNS_F: &[&str] = &["her", "she"];

/// The entity a speaker phrase refers to.
pub(super) fn resolve(
    cx: &Ctx<'_>,
    input: &Input<'_>,
    speaker: Option<(u32, u32)>,
    head: usize,
    last_speakers: &[(u32, u32)],
) -> Option<u32> {
    let (s, e) = speaker?;
    let ms = input.mentions;
    // The name at the head of the phrase, else the last one inside it.
    if let Some(m) = cx.toks.get(head).and_then(|t| {
        ms.iter()
            .find(|m| m.start <= t.start && t.end <= m.end && m.start >= s && m.end <= e)
    }) {
        return Some(m.entity);
    }
    if let Some(m) = ms.iter().rev().find(|m| m.start >= s && m.end <= e) {
        return Some(m.entity);
    }
    let h = cx.t(head);
    let gender = if has(PRONOUNS_M, h) {
        Some(1u8)
    } else if has(PRONOUNS_F, h) {
        Some(2)
    } else {
        None
    };
    let compatible = |ent: u32, g: u8| {
        let eg = input.genders.get(ent as usize).copied().unwrap_or(0);
        eg == 0 || eg == g
    };
    let is_per = |ent: u32| ms.iter().any(|m| m.entity == ent && m.ty == 0);
    if let Some(g) = gender {
        // The latest speaker within the last ~600 bytes, else the nearest
        // person named before.
        if let Some(&(ent, _)) = last_speakers
            .iter()
            .rev()
            .take_while(|(_, p)| s.saturating_sub(*p) < 600)
            .find(|(ent, _)| is_per(*ent) && compatible(*ent, g))
        {
            return Some(ent);
        }
        return ms
            .iter()
            .rev()
            .filter(|m| m.end <= s && m.ty == 0)
            .find(|m| compatible(m.entity, g))
            .map(|m| m.entity);
    }
    if cx.is(head, "who") || cx.is(head, "which") {
        // The name just before the relative pronoun.
        return ms
            .iter()
            .rev()
            .find(|m| m.end <= s && s - m.end < 40)
            .map(|m| m.entity);
    }
    if has(lx::ROLES, h) {
        // "the spokesman": the person the article gave that role to,
        // "Kremlin spokesman Dmitry Peskov" or "Dmitry Peskov, the spokesman".
        let before = cx.toks[..head.min(cx.toks.len())]
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, t)| t.text(cx.text).eq_ignore_ascii_case(h))
            .filter_map(|(k, t)| {
                let near_after = ms
                    .iter()
                    .find(|m| m.ty == 0 && m.start >= t.end && m.start - t.end <= 3);
                let near_before = ms
                    .iter()
                    .rev()
                    .find(|m| m.ty == 0 && m.end <= t.start && t.start - m.end <= 30 && k > 0);
                near_after.or(near_before).map(|m| m.entity)
            })
            .next();
        if before.is_some() {
            return before;
        }
        return last_speakers
            .iter()
            .rev()
            .find(|(ent, _)| is_per(*ent))
            .map(|(e, _)| *e);
    }
    if cx.is(head, "it") || has(lx::ORG_NOUNS, h) {
        // "it said", "the company said": the organisation the article is
        // about, i.e. the most salient one named before (entities are
        // numbered by salience), not merely the last named (a regulator
        // or a rival mentioned in passing).
        return ms
            .iter()
            .filter(|m| m.end <= s && m.ty == 1)
            .map(|m| m.entity)
            .min();
    }
    None
}
