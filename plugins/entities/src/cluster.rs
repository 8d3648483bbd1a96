//! Clustering of name mentions into entities.

/// Entity types, in the order of the NER labels.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// One name mention (byte span into the text) with its type index into
/// [`TYPES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Start byte.
    pub start: u32,
    /// End byte.
    pub end: u32,
    /// Type index (0 PER, 1 ORG, 2 LOC, 3 MISC).
    pub ty: u8,
    /// In the headline.
    pub in_title: bool,
}

/// One entity: its mentions (indices into the mention slice given to
/// [`cluster`]), its canonical mention, type and salience.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Indices of the mentions, in text order.
    pub mentions: Vec<usize>,
    /// The mention whose text is the canonical name.
    pub canonical: usize,
    /// Type index.
    pub ty: u8,
    /// Salience in (0, 1]; the most salient entity of a document has 1.
    pub salience: f64,
}

/// Titles and honorifics that may lead a PER mention and are not part of
/// the name for matching.
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady",
];

/// Words skipped when forming an acronym.
const ACRONYM_SKIP: &[&str] = &[
    "of", "and", "the", "for", "&", "on", "in", "de", "du", "des",
];

/// The words of a mention for matching: honorifics dropped, a possessive
/// `'s` dropped.
fn words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split_whitespace()
        .map(|w| {
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
        })
        .filter(|w| !w.is_empty() && !HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(w)))
}

fn word_count(text: &str) -> usize {
    words(text).count()
}

fn last_word(text: &str) -> &str {
    words(text).last().unwrap_or("")
}

fn first_word(text: &str) -> &str {
    words(text).next().unwrap_or("")
}

fn same_words(a: &str, b: &str) -> bool {
    words(a).eq(words(b))
}

/// `short`'s words occur contiguously in `long`'s.
fn contiguous_in(short: &str, long: &str) -> bool {
    let n = word_count(short);
    if n == 0 {
        return false;
    }
    let lw: Vec<&str> = words(long).collect();
    lw.windows(n).any(|w| w.iter().copied().eq(words(short)))
}

/// `acro` (2–6 capitals, dots allowed) is the initials of `long`, or of
/// the end of `long` after a leading qualifier ("SEC" for "US Securities
/// and Exchange Commission").
fn is_acronym_of(acro: &str, long: &str) -> bool {
    let letters = acro.bytes().filter(|b| *b != b'.');
    let n = letters.clone().count();
    if !(2..=6).contains(&n) || !acro.bytes().all(|b| b.is_ascii_uppercase() || b == b'.') {
        return false;
    }
    let initials: Vec<u8> = words(long)
        .filter(|w| !ACRONYM_SKIP.iter().any(|s| s.eq_ignore_ascii_case(w)))
        .filter_map(|w| w.bytes().next())
        .map(|b| b.to_ascii_uppercase())
        .collect();
    // The whole name, or the name without one leading word.
    (initials.len() == n || initials.len() == n + 1)
        && initials[initials.len() - n..].iter().copied().eq(letters)
}

/// Words that make a company's name formal without naming another
/// company: "Microsoft Corp" is Microsoft, "AOL Europe" is not AOL.
const DESIGNATORS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "group",
    "holdings",
    "llc",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "the",
];

/// The name's letters and digits, lower-cased: spelling variants that
/// differ in spacing, case or punctuation ("TimeWarner", "Time Warner",
/// "TIME-WARNER") share it.
fn squashed(text: &str) -> String {
    words(text)
        .flat_map(str::chars)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `short` (one word) is `long` without its designators ("Microsoft",
/// "Microsoft Corp.").
fn designated(short: &str, long: &str) -> bool {
    let mut rest = words(long).filter(|w| !w.eq_ignore_ascii_case(short));
    words(long).any(|w| w.eq_ignore_ascii_case(short))
        && rest.all(|w| DESIGNATORS.iter().any(|d| d.eq_ignore_ascii_case(w)))
}

/// Is `m` (text `mt`) the same entity as the entity whose canonical text
/// is `ct` (type `cty`)?
fn matches(mt: &str, mty: u8, ct: &str, cty: u8) -> bool {
    if same_words(mt, ct) {
        return mty == cty || word_count(mt) == 1 && cty == 0 && word_count(ct) > 1 && mty != 2;
    }
    if mty == cty && cty != 0 && squashed(mt) == squashed(ct) && !squashed(mt).is_empty() {
        return true;
    }
    let mn = word_count(mt);
    if mn == 0 {
        return false;
    }
    if cty == 0 {
        // A person: the surname alone (any type but LOC: the tagger
        // sometimes calls a surname ORG or MISC), or the first name alone
        // when tagged PER, or a shorter contiguous part of the full name.
        if word_count(ct) > mn {
            if mn == 1 {
                let w = first_word(mt);
                return (w == last_word(ct) && mty != 2) || (mty == 0 && w == first_word(ct));
            }
            return mty == 0 && contiguous_in(mt, ct);
        }
        return false;
    }
    if mty != cty {
        return false;
    }
    if mn >= word_count(ct) {
        return false;
    }
    if mn == 1 && is_acronym_of(mt, ct) {
        return true;
    }
    // A one-word organisation or work joins a longer name only when the
    // rest is designators ("AOL" is not "AOL Europe"); places and longer
    // names join where they occur in the longer one ("Vegas", "Las Vegas").
    if mn == 1 && cty != 2 {
        return designated(first_word(mt), ct);
    }
    contiguous_in(mt, ct)
}

/// Cluster `mentions` (in text order) of `text` into entities, most
/// salient first. Longer names are placed first, so "Pavel Durov" founds
/// the entity that "Durov" later joins; among several candidates a mention
/// joins the one mentioned nearest before it (else nearest after it).
///
/// ```
/// use newsmill_entities::cluster::{Mention, cluster};
/// let text = "Pavel Durov met SEC staff. Durov said the Securities and Exchange Commission erred.";
/// let m = |s: &str, ty| {
///     let a = text.find(s).unwrap() as u32;
///     Mention { start: a, end: a + s.len() as u32, ty, in_title: false }
/// };
/// let mentions = [m("Pavel Durov", 0), m("SEC", 1), m("Durov said", 0), m("Securities and Exchange Commission", 1)];
/// let mentions = [mentions[0], mentions[1], Mention { end: mentions[2].start + 5, ..mentions[2] }, mentions[3]];
/// let ents = cluster(text, &mentions);
/// assert_eq!(ents.len(), 2);
/// assert_eq!(ents[0].mentions, vec![0, 2]);
/// assert_eq!(ents[1].mentions, vec![1, 3]);
/// assert_eq!(ents[1].canonical, 3);
/// ```
pub fn cluster(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let mtext = |i: usize| {
        mentions
            .get(i)
            .and_then(|m| text.get(m.start as usize..m.end as usize))
            .unwrap_or("")
    };
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(word_count(mtext(i))), i));
    let mut ents: Vec<Entity> = Vec::new();
    for &i in &order {
        let t = mtext(i);
        if word_count(t) == 0 {
            continue;
        }
        let pos = mentions[i].start;
        let mut best: Option<(u32, usize)> = None;
        for (e, ent) in ents.iter().enumerate() {
            let c = &mentions[ent.canonical];
            if !matches(t, mentions[i].ty, mtext(ent.canonical), c.ty) {
                continue;
            }
            // Distance to the nearest mention before (preferred), else after.
            let d = ent
                .mentions
                .iter()
                .map(|&k| {
                    let p = mentions[k].start;
                    if p <= pos {
                        pos - p
                    } else {
                        (p - pos) + (1 << 30)
                    }
                })
                .min()
                .unwrap_or(u32::MAX);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, e));
            }
        }
        match best {
            Some((_, e)) => ents[e].mentions.push(i),
            None => ents.push(Entity {
                mentions: vec![i],
                canonical: i,
                ty: mentions[i].ty,
                salience: 0.0,
            }),
        }
    }
    let total = text.len().max(1) as f64;
    let mut max = 0.0f64;
    for e in &mut ents {
        e.mentions.sort_unstable();
        e.salience = e
            .mentions
            .iter()
            .map(|&k| {
                let m = &mentions[k];
                if m.in_title {
                    3.0
                } else {
                    1.0 + (1.0 - f64::from(m.start) / total)
                }
            })
            .sum();
        max = max.max(e.salience);
    }
    for e in &mut ents {
        e.salience = (e.salience / max.max(1e-9) * 1000.0).round() / 1000.0;
    }
    ents.sort_by(|a, b| {
        b.salience
            .total_cmp(&a.salience)
            .then(a.mentions[0].cmp(&b.mentions[0]))
    });
    ents
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    #[test]
    fn acronyms_and_surnames() {
        assert!(is_acronym_of("SEC", "Securities and Exchange Commission"));
        assert!(is_acronym_of("U.N.", "United Nations"));
        assert!(!is_acronym_of("SEC", "Security Council"));
        assert!(matches("Durov", 1, "Pavel Durov", 0));
        assert!(matches("Durov’s", 0, "Pavel Durov", 0));
        assert!(!matches("Paris", 2, "Paris Hilton", 0));
        assert!(!matches("Pavel Durov", 0, "Nikolai Durov", 0));
        assert!(matches("Mr. Durov", 0, "Pavel Durov", 0));
    }

    /// The BBC's "Ad sales boost Time Warner profit" (business/001).
    #[test]
    fn spelling_variants_acronyms_and_other_companies() {
        assert!(matches("TimeWarner", 1, "Time Warner", 1));
        assert!(matches("Time-Warner", 1, "Time Warner", 1));
        assert!(!matches("AOL", 1, "AOL Europe", 1));
        assert!(matches("Microsoft", 1, "Microsoft Corp.", 1));
        assert!(matches(
            "SEC",
            1,
            "US Securities and Exchange Commission",
            1
        ));
        assert!(matches("SEC", 1, "Securities Exchange Commission", 1));
        assert!(!matches(
            "US",
            1,
            "US Securities and Exchange Commission",
            1
        ));
        assert!(!matches("SEC", 1, "Southern Electric", 1));
        assert!(matches("Vegas", 2, "Las Vegas", 2));
        // Different types stay apart.
        assert!(!matches("TimeWarner", 2, "Time Warner", 1));
    }
}
