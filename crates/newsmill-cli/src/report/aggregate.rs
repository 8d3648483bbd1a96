//! Streaming aggregation of records in bounded memory: exact counts where
//! the number of keys is small (status, languages, error codes, days), and
//! approximate top-k (a pruned counter table) for entities, speakers,
//! keyphrases, sources and near-duplicate clusters.

use std::collections::{BTreeMap, HashMap};

use super::read::{AnnIn, RecordIn, Unreadable};

/// Examples kept per error code, per entity, per speaker, per cluster.
pub(crate) const EXAMPLES: usize = 3;
/// Distinct days kept per entity for its sparkline.
const ENTITY_DAYS: usize = 400;
/// Longest quotation text kept.
const QUOTE_CHARS: usize = 280;

/// A counter table that keeps the heaviest keys: when it holds twice its
/// capacity it drops all but the `capacity` heaviest, and remembers the
/// heaviest weight it dropped. Every kept weight is then at most that much
/// below the truth (a key dropped and seen again starts from zero), and a
/// key heavier than the floor plus the weight spread since is never lost.
/// With no drop the figures are exact.
#[derive(Debug)]
pub(crate) struct TopK<V> {
    capacity: usize,
    map: HashMap<String, Counted<V>>,
    /// The heaviest weight dropped so far (0: exact).
    pub floor: f64,
    /// Keys dropped so far.
    pub dropped: u64,
}

/// A key's weight, count and data.
#[derive(Debug, Default)]
pub(crate) struct Counted<V> {
    pub weight: f64,
    pub count: u64,
    pub data: V,
}

impl<V: Default> TopK<V> {
    pub(crate) fn new(capacity: usize) -> Self {
        TopK {
            capacity: capacity.max(1),
            map: HashMap::new(),
            floor: 0.0,
            dropped: 0,
        }
    }

    /// Add `weight` and one to `key`'s counts; gives its data to update.
    pub(crate) fn add(&mut self, key: &str, weight: f64) -> &mut V {
        if !self.map.contains_key(key) && self.map.len() >= 2 * self.capacity {
            self.prune();
        }
        let c = self.map.entry(key.to_string()).or_default();
        c.weight += weight;
        c.count += 1;
        &mut c.data
    }

    fn prune(&mut self) {
        let mut w: Vec<f64> = self.map.values().map(|c| c.weight).collect();
        let k = self.capacity;
        w.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
        let cut = w[k];
        let before = self.map.len();
        // Keep strictly heavier keys, then fill up to k with keys at the cut.
        let mut at_cut = self.map.values().filter(|c| c.weight > cut).count();
        self.map.retain(|_, c| {
            if c.weight > cut {
                true
            } else if c.weight == cut && at_cut < k {
                at_cut += 1;
                true
            } else {
                false
            }
        });
        self.dropped += (before - self.map.len()) as u64;
        self.floor = self.floor.max(cut);
    }

    /// Whether every figure is exact (nothing was ever dropped).
    pub(crate) fn exact(&self) -> bool {
        self.dropped == 0
    }

    /// Keys held.
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }

    /// The `n` heaviest, heaviest first (ties by key).
    pub(crate) fn top(&self, n: usize) -> Vec<(&str, &Counted<V>)> {
        let mut v: Vec<(&str, &Counted<V>)> =
            self.map.iter().map(|(k, c)| (k.as_str(), c)).collect();
        v.sort_by(|a, b| b.1.weight.total_cmp(&a.1.weight).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// An article named as an example: id and title.
#[derive(Clone, Debug, Default)]
pub(crate) struct Example {
    pub id: String,
    pub title: String,
}

/// Per entity: days it appears on, example articles.
#[derive(Debug, Default)]
pub(crate) struct EntityData {
    pub label: String,
    pub name: String,
    pub days: BTreeMap<i32, u32>,
    pub examples: Vec<Example>,
}

/// Per speaker: example quotations, entities talked about.
#[derive(Debug, Default)]
pub(crate) struct SpeakerData {
    pub quotes: Vec<(String, String)>,
    pub about: HashMap<String, u32>,
    pub articles: u64,
    last_article: String,
}

/// Per near-duplicate cluster (keyed by its first copy's id).
#[derive(Debug, Default)]
pub(crate) struct ClusterData {
    pub members: Vec<Example>,
    pub min_similarity: f64,
}

/// Counts per code with a few examples.
#[derive(Debug, Default)]
pub(crate) struct CodeCount {
    pub count: u64,
    pub examples: Vec<(String, String)>,
}

/// Everything the page shows.
#[derive(Debug)]
pub(crate) struct Aggregate {
    pub articles: u64,
    pub ok: u64,
    pub warning: u64,
    pub error: u64,
    pub other_status: u64,
    pub bytes: u64,
    pub unreadable: u64,
    pub unreadable_examples: Vec<(String, String)>,
    pub languages: BTreeMap<String, u64>,
    pub no_language: u64,
    pub sources: TopK<()>,
    pub errors: BTreeMap<String, CodeCount>,
    pub warnings: BTreeMap<String, CodeCount>,
    pub skipped: BTreeMap<String, u64>,
    pub published: BTreeMap<i32, u64>,
    pub published_unparsed: u64,
    pub mentioned: BTreeMap<i32, u64>,
    pub entities: TopK<EntityData>,
    pub entity_mentions: u64,
    pub speakers: TopK<SpeakerData>,
    pub quotes: u64,
    pub quotes_no_speaker: u64,
    pub keyphrases: TopK<String>,
    pub clusters: TopK<ClusterData>,
    pub duplicates: u64,
}

/// Table sizes: keys kept per approximate table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Capacity {
    pub entities: usize,
    pub speakers: usize,
    pub keyphrases: usize,
    pub sources: usize,
    pub clusters: usize,
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            entities: 5000,
            speakers: 2000,
            keyphrases: 5000,
            sources: 2000,
            clusters: 2000,
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number, as `YYYY-MM-DD`.
pub(crate) fn civil_from_days(z: i32) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day of a date that starts `YYYY-MM-DD` (ISO 8601 dates and
/// timestamps); years 1000 to 2999 only.
pub(crate) fn parse_day(s: &str) -> Option<i32> {
    let b = s.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let dim = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let max = if m == 2 && leap {
        29
    } else {
        *dim.get(m.checked_sub(1)? as usize)?
    };
    if !(1000..=2999).contains(&y) || d == 0 || d > max {
        return None;
    }
    Some(days_from_civil(y as i32, m, d))
}

/// Where an article came from: its site name, else its URL's host, else
/// the directory of its source path.
fn source_of(r: &RecordIn) -> Option<String> {
    if let Some(s) = r.site_name.as_deref().filter(|s| !s.trim().is_empty()) {
        return Some(s.trim().to_string());
    }
    if let Some(u) = r.url.as_deref()
        && let Some((_, rest)) = u.split_once("://")
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if !host.is_empty() {
            return Some(host.trim_start_matches("www.").to_ascii_lowercase());
        }
    }
    let src = r.source.as_deref()?;
    // `path:line` for JSON Lines input: the file; a path: its directory.
    let path = match src.rsplit_once(':') {
        Some((p, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
            return Some(p.rsplit(['/', '\\']).next().unwrap_or(p).to_string());
        }
        _ => src,
    };
    let mut parts = path.rsplit(['/', '\\']);
    parts.next();
    parts.next().filter(|d| !d.is_empty()).map(str::to_string)
}

fn truncate(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

fn push_example(list: &mut Vec<(String, String)>, a: String, b: String) {
    if list.len() < EXAMPLES {
        list.push((a, b));
    }
}

impl Aggregate {
    pub(crate) fn new(cap: Capacity) -> Self {
        Aggregate {
            articles: 0,
            ok: 0,
            warning: 0,
            error: 0,
            other_status: 0,
            bytes: 0,
            unreadable: 0,
            unreadable_examples: Vec::new(),
            languages: BTreeMap::new(),
            no_language: 0,
            sources: TopK::new(cap.sources),
            errors: BTreeMap::new(),
            warnings: BTreeMap::new(),
            skipped: BTreeMap::new(),
            published: BTreeMap::new(),
            published_unparsed: 0,
            mentioned: BTreeMap::new(),
            entities: TopK::new(cap.entities),
            entity_mentions: 0,
            speakers: TopK::new(cap.speakers),
            quotes: 0,
            quotes_no_speaker: 0,
            keyphrases: TopK::new(cap.keyphrases),
            clusters: TopK::new(cap.clusters),
            duplicates: 0,
        }
    }

    /// A line that was not a record.
    pub(crate) fn add_unreadable(&mut self, u: Unreadable) {
        self.unreadable += 1;
        push_example(&mut self.unreadable_examples, u.at, u.message);
    }

    /// Count one record.
    pub(crate) fn add(&mut self, r: &RecordIn) {
        self.articles += 1;
        match r.status.as_deref() {
            Some("ok") => self.ok += 1,
            Some("warning") => self.warning += 1,
            Some("error") => self.error += 1,
            _ => self.other_status += 1,
        }
        let id = r.id.clone().unwrap_or_default();
        let title = r.title.clone().unwrap_or_default();
        if let Some(b) = r.counts.as_ref().and_then(|c| c.bytes) {
            self.bytes += b.max(0.0) as u64;
        }
        match r.language_code() {
            // Language codes are few; a batch of junk codes is capped.
            Some(code) if self.languages.len() < 500 || self.languages.contains_key(code) => {
                *self.languages.entry(code.to_string()).or_default() += 1;
            }
            Some(_) => *self.languages.entry("(other)".into()).or_default() += 1,
            None => self.no_language += 1,
        }
        if let Some(s) = source_of(r) {
            self.sources.add(&s, 1.0);
        }
        for (notices, table) in [
            (&r.errors, &mut self.errors),
            (&r.warnings, &mut self.warnings),
        ] {
            for n in notices {
                let code = n.code.clone().unwrap_or_else(|| "(no code)".into());
                let key = match &n.stage {
                    Some(s) => format!("{code} ({s})"),
                    None => code,
                };
                let len = table.len();
                let entry = if len < 500 || table.contains_key(&key) {
                    table.entry(key).or_default()
                } else {
                    table.entry("(other codes)".into()).or_default()
                };
                entry.count += 1;
                push_example(
                    &mut entry.examples,
                    id.clone(),
                    truncate(n.message.as_deref().unwrap_or(""), 200),
                );
            }
        }
        if let Some(sk) = &r.skipped {
            for (ex, reason) in sk {
                let reason = reason
                    .as_str()
                    .map_or_else(|| reason.to_string(), str::to_string);
                let key = format!("{ex}: {}", truncate(&reason, 120));
                if self.skipped.len() < 500 || self.skipped.contains_key(&key) {
                    *self.skipped.entry(key).or_default() += 1;
                }
            }
        }
        let day = match r.published.as_deref() {
            Some(p) => {
                let d = parse_day(p);
                if d.is_none() {
                    self.published_unparsed += 1;
                }
                d
            }
            None => None,
        };
        if let Some(d) = day {
            *self.published.entry(d).or_default() += 1;
        }
        for a in &r.dates {
            if let Some(d) = a.value.as_deref().and_then(parse_day) {
                *self.mentioned.entry(d).or_default() += 1;
            }
        }
        self.add_entities(r, &id, &title, day);
        self.add_quotes(r, &id);
        let mut seen: Vec<String> = Vec::new();
        for k in &r.keyphrases {
            let Some(p) = k.phrase.as_deref().or(k.text.as_deref()) else {
                continue;
            };
            let key = p.trim().to_lowercase();
            if key.is_empty() || seen.contains(&key) {
                continue;
            }
            let data = self.keyphrases.add(&key, 1.0);
            if data.is_empty() {
                *data = p.trim().to_string();
            }
            seen.push(key);
        }
        if let Some(first) = r.near_duplicate_of.as_ref().and_then(|d| {
            d.id.as_deref()
                .map(|i| (i, d.similarity.unwrap_or(f64::NAN)))
        }) {
            self.duplicates += 1;
            let c = self.clusters.add(first.0, 1.0);
            if c.members.is_empty() || first.1 < c.min_similarity {
                c.min_similarity = first.1;
            }
            if c.members.len() < EXAMPLES + 2 {
                c.members.push(Example {
                    id: id.clone(),
                    title: title.clone(),
                });
            }
        }
    }

    fn add_entities(&mut self, r: &RecordIn, id: &str, title: &str, day: Option<i32>) {
        // One entry per entity of the article: its mentions share an index.
        let mut per: Vec<(String, &AnnIn)> = Vec::new();
        for a in &r.entities {
            self.entity_mentions += 1;
            let name = a.name.as_deref().or(a.text.as_deref()).unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            let label = a.label.as_deref().unwrap_or("?");
            let key = format!("{label}\t{name}");
            if !per.iter().any(|(k, _)| *k == key) {
                per.push((key, a));
            }
        }
        for (key, a) in per {
            let sal = a
                .salience
                .filter(|s| s.is_finite() && *s >= 0.0)
                .unwrap_or(1.0);
            let e = self.entities.add(&key, sal);
            if e.name.is_empty() {
                let (l, n) = key.split_once('\t').unwrap_or(("?", key.as_str()));
                e.label = l.to_string();
                e.name = n.to_string();
            }
            if let Some(d) = day
                && (e.days.len() < ENTITY_DAYS || e.days.contains_key(&d))
            {
                *e.days.entry(d).or_default() += 1;
            }
            if e.examples.len() < EXAMPLES {
                e.examples.push(Example {
                    id: id.to_string(),
                    title: title.to_string(),
                });
            }
        }
    }

    fn add_quotes(&mut self, r: &RecordIn, id: &str) {
        for q in &r.quotes {
            self.quotes += 1;
            let speaker = q
                .speaker_name
                .as_deref()
                .or(q.speaker.as_ref().and_then(|s| s.text.as_deref()))
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let Some(speaker) = speaker else {
                self.quotes_no_speaker += 1;
                continue;
            };
            // Entities mentioned inside the quotation.
            let (qs, qe) = (q.start.unwrap_or(-1.0), q.end.unwrap_or(-1.0));
            let about: Vec<&str> = r
                .entities
                .iter()
                .filter(|e| {
                    e.start.is_some_and(|s| s >= qs)
                        && e.end.is_some_and(|en| en <= qe && qs >= 0.0)
                })
                .filter_map(|e| e.name.as_deref().or(e.text.as_deref()))
                .filter(|n| *n != speaker)
                .collect();
            let s = self.speakers.add(speaker, 1.0);
            if s.last_article != id {
                s.articles += 1;
                s.last_article = id.to_string();
            }
            if s.quotes.len() < EXAMPLES
                && let Some(t) = q.text.as_deref()
            {
                s.quotes.push((id.to_string(), truncate(t, QUOTE_CHARS)));
            }
            for n in about {
                if s.about.len() < 64 || s.about.contains_key(n) {
                    *s.about.entry(n.to_string()).or_default() += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2005-02-29"), None);
        assert_eq!(
            parse_day("2004-02-29T10:00:00Z")
                .map(civil_from_days)
                .as_deref(),
            Some("2004-02-29")
        );
        assert_eq!(parse_day("2005-W11"), None);
        assert_eq!(parse_day("P3M"), None);
        assert_eq!(parse_day("20050-01-01"), None);
    }

    #[test]
    fn topk_keeps_heavy_keys_and_says_when_approximate() {
        let mut t: TopK<()> = TopK::new(3);
        for i in 0..100 {
            t.add("heavy", 10.0);
            t.add(&format!("rare{i}"), 1.0);
        }
        let top = t.top(1);
        assert_eq!(top[0].0, "heavy");
        assert_eq!(top[0].1.count, 100);
        assert!(!t.exact());
        assert!(t.len() <= 6);
        let mut e: TopK<()> = TopK::new(10);
        e.add("a", 1.0);
        assert!(e.exact());
    }

    #[test]
    fn sources() {
        let r = RecordIn {
            source: Some("/data/bbc/tech/001.txt".into()),
            ..Default::default()
        };
        assert_eq!(source_of(&r).as_deref(), Some("tech"));
        let r = RecordIn {
            url: Some("https://www.example.org/a/b".into()),
            ..Default::default()
        };
        assert_eq!(source_of(&r).as_deref(), Some("example.org"));
        let r = RecordIn {
            source: Some("batch.jsonl:12".into()),
            ..Default::default()
        };
        assert_eq!(source_of(&r).as_deref(), Some("batch.jsonl"));
    }
}
