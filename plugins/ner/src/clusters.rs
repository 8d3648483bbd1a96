//! The lexicon a model carries: word clusters (learned from unlabelled
//! text by [`crate::cluster`]) and gazetteer bits, keyed by the hash of the
//! lower-cased word.

use crate::features::{CLUSTER_LEVELS, IdMap};

/// The gazetteer-map bit that marks a word of a name in the training data
/// (set when a model is built; never a feature). The vote after tagging
/// regroups only names with a word outside the training names.
const TRAINING_NAME: u32 = 1 << 31;

/// Word clusters and gazetteer bits by lower-cased word.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Cluster ids (1-based; 0 = none) at each granularity.
    pub(crate) clusters: IdMap<[u16; CLUSTER_LEVELS]>,
    /// Clusters of word vectors (case-sensitive keys, then lower-cased).
    pub(crate) vclusters: IdMap<[u16; CLUSTER_LEVELS]>,
    /// Gazetteer membership bits.
    pub(crate) gaz: IdMap<u32>,
    /// Word vectors: the row (1-based) of each word's vector in `vecs`
    /// (case-sensitive keys, then lower-cased).
    pub(crate) vrows: RowIndex,
    /// Dimensions of a word vector (0: no vectors; training only: a
    /// model keeps the vectors' scores, not the vectors).
    pub(crate) vdim: usize,
    /// The vectors, `vdim` values per row (training only).
    pub(crate) vecs: Vec<f32>,
    /// Whether `gaz` marks the words of training names.
    pub(crate) has_training_names: bool,
}

impl Lexicon {
    /// Number of words with clusters, and with gazetteer bits.
    ///
    /// ```
    /// assert_eq!(newsmill_ner::Lexicon::default().sizes(), (0, 0));
    /// ```
    pub fn sizes(&self) -> (usize, usize) {
        (self.clusters.len(), self.gaz.len())
    }

    /// Set the clusters of a word (ids at each granularity, 1-based).
    pub fn set_clusters(&mut self, word: &str, ids: [u16; CLUSTER_LEVELS]) {
        self.clusters.insert(crate::features::lower_hash(word), ids);
    }

    /// Add gazetteer bits to a word.
    pub fn add_gazetteer(&mut self, word: &str, bits: u32) {
        *self
            .gaz
            .entry(crate::features::lower_hash(word))
            .or_insert(0) |= bits;
    }

    /// Add a gazetteer list for entity type `ty` (an index into
    /// [`crate::tags::TYPES`]): one entry per line, `#` comments skipped.
    /// A one-word entry sets bit `2 * ty` of its word; each word of a
    /// longer entry sets bit `2 * ty + 1`. Returns the number of entries.
    ///
    /// ```
    /// let mut lex = newsmill_ner::Lexicon::default();
    /// assert_eq!(lex.add_gazetteer_list(2, "Paris\nNew York\n# note\n"), 2);
    /// assert_eq!(lex.sizes().1, 3);
    /// ```
    pub fn add_gazetteer_list(&mut self, ty: u8, list: &str) -> usize {
        self.add_gazetteer_list_with(ty, list, |_| true)
    }

    /// [`Lexicon::add_gazetteer_list`], keeping only the words `keep`
    /// accepts (an entry none of whose words is kept is not counted).
    ///
    /// ```
    /// let mut lex = newsmill_ner::Lexicon::default();
    /// let n = lex.add_gazetteer_list_with(1, "Telegram\nTarget\n", |w| w != "Target");
    /// assert_eq!(n, 1);
    /// ```
    pub fn add_gazetteer_list_with(
        &mut self,
        ty: u8,
        list: &str,
        keep: impl Fn(&str) -> bool,
    ) -> usize {
        let mut n = 0;
        for line in list.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let bit = if words.len() == 1 {
                2 * u32::from(ty)
            } else {
                2 * u32::from(ty) + 1
            };
            let mut any = false;
            for w in words {
                if keep(w) {
                    self.add_gazetteer(w, 1 << bit);
                    any = true;
                }
            }
            n += usize::from(any);
        }
        n
    }

    /// Load case-sensitive word clusters (from word vectors, see
    /// `scripts/vector_clusters.py`): one `word<TAB>fine<TAB>mid<TAB>coarse`
    /// line per word, ids 1-based. Each word is keyed as written; a
    /// lower-cased form that is not itself listed takes the clusters of the
    /// first listed spelling (so a word in an all-capitals headline still
    /// finds them). Returns the number of words; a malformed line is an
    /// error naming it.
    ///
    /// ```
    /// let mut lex = newsmill_ner::Lexicon::default();
    /// assert_eq!(lex.load_word_clusters("Apple\t3\t2\t1\napple\t9\t4\t1\n").unwrap(), 2);
    /// assert!(lex.load_word_clusters("Apple\tx\n").is_err());
    /// ```
    pub fn load_word_clusters(&mut self, tsv: &str) -> Result<usize, crate::NerError> {
        let mut rows = Vec::new();
        for (i, line) in tsv.lines().enumerate() {
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let word = parts.next().unwrap_or("");
            let mut ids = [0u16; CLUSTER_LEVELS];
            for id in &mut ids {
                *id = parts
                    .next()
                    .and_then(|p| p.trim().parse().ok())
                    .ok_or_else(|| {
                        crate::NerError::Format(format!(
                            "word clusters line {}: expected word and {CLUSTER_LEVELS} ids",
                            i + 1
                        ))
                    })?;
            }
            rows.push((word, ids));
        }
        for (word, ids) in &rows {
            self.vclusters
                .insert(crate::features::exact_hash(word), *ids);
        }
        for (word, ids) in &rows {
            self.vclusters
                .entry(crate::features::lower_hash(word))
                .or_insert(*ids);
        }
        Ok(rows.len())
    }

    /// Load word vectors (see `scripts/word_vectors.py`): a first line
    /// `ROWS<TAB>DIM`, then ROWS lines of DIM numbers, then one
    /// `word<TAB>row` line per word (rows 0-based). Words are keyed as
    /// written, and lower-cased where that form is not listed itself. Every
    /// value is multiplied by `scale`. Returns the number of words. A word
    /// keyed as written whose lower-cased key gives the same row is kept
    /// once (the look-up falls back to it).
    ///
    /// ```
    /// let mut lex = newsmill_ner::Lexicon::default();
    /// assert_eq!(lex.load_word_vectors("2\t2\n1 0\n0 1\nApple\t0\napple\t1\n", 1.0).unwrap(), 2);
    /// assert!(lex.load_word_vectors("2\t2\n1 0\n", 1.0).is_err());
    /// ```
    pub fn load_word_vectors(&mut self, text: &str, scale: f32) -> Result<usize, crate::NerError> {
        let bad = |i: usize, what: &str| {
            crate::NerError::Format(format!("word vectors line {}: {what}", i + 1))
        };
        let mut lines = text.lines().enumerate();
        let (rows, dim) = lines
            .next()
            .and_then(|(_, l)| {
                let (r, d) = l.split_once('\t')?;
                Some((
                    r.trim().parse::<usize>().ok()?,
                    d.trim().parse::<usize>().ok()?,
                ))
            })
            .filter(|&(r, d)| r > 0 && d > 0 && r < u32::MAX as usize && d <= 1024)
            .ok_or_else(|| bad(0, "expected ROWS<TAB>DIM"))?;
        let mut vecs = Vec::with_capacity(rows.saturating_mul(dim).min(1 << 26));
        for _ in 0..rows {
            let (i, l) = lines
                .next()
                .ok_or_else(|| bad(rows, "fewer vector rows than announced"))?;
            let before = vecs.len();
            for x in l.split_ascii_whitespace() {
                vecs.push(x.parse::<f32>().map_err(|_| bad(i, "not a number"))? * scale);
            }
            if vecs.len() - before != dim {
                return Err(bad(i, "wrong number of values"));
            }
        }
        let mut words = Vec::new();
        for (i, l) in lines {
            if l.is_empty() {
                continue;
            }
            let (w, r) = l
                .split_once('\t')
                .ok_or_else(|| bad(i, "expected word<TAB>row"))?;
            let r: usize = r.trim().parse().map_err(|_| bad(i, "bad row"))?;
            if r >= rows {
                return Err(bad(i, "row out of range"));
            }
            words.push((w, r as u32 + 1));
        }
        let mut map: IdMap<u32> = IdMap::default();
        for &(w, r) in &words {
            map.insert(crate::features::exact_hash(w), r);
        }
        for &(w, r) in &words {
            map.entry(crate::features::lower_hash(w)).or_insert(r);
        }
        // A word's key as written is dropped where its lower-cased key,
        // the look-up's fallback, gives the same row: every look-up is
        // unchanged and the map keeps a third of spaCy's keys.
        for &(w, _) in &words {
            let (e, l) = (
                crate::features::exact_hash(w),
                crate::features::lower_hash(w),
            );
            if e != l && map.get(&e) == map.get(&l) {
                map.remove(&e);
            }
        }
        self.vrows = RowIndex::from_pairs(map.into_iter().collect());
        self.vdim = dim;
        self.vecs = vecs;
        Ok(words.len())
    }

    /// The vector row (1-based; 0 none) of a word: as written (`exact`),
    /// else lower-cased.
    #[inline]
    pub(crate) fn vector_row(&self, exact: Option<u64>, lower: u64) -> u32 {
        if self.vrows.is_empty() {
            return 0;
        }
        exact
            .and_then(|e| self.vrows.get(e))
            .or_else(|| self.vrows.get(lower))
            .unwrap_or(0)
    }

    /// The vector of row `r` (1-based), empty for 0.
    #[inline]
    pub(crate) fn vector(&self, r: u32) -> &[f32] {
        let Some(i) = (r as usize).checked_sub(1) else {
            return &[];
        };
        self.vecs
            .get(i * self.vdim..(i + 1) * self.vdim)
            .unwrap_or(&[])
    }

    #[inline]
    pub(crate) fn clusters(&self, lower: u64) -> [u64; CLUSTER_LEVELS] {
        widen(self.clusters.get(&lower))
    }

    /// The vector clusters of a word: as written (`exact`, `None` where
    /// case says nothing), else lower-cased.
    #[inline]
    pub(crate) fn vector_clusters(&self, exact: Option<u64>, lower: u64) -> [u64; CLUSTER_LEVELS] {
        if self.vclusters.is_empty() {
            return [0; CLUSTER_LEVELS];
        }
        widen(
            exact
                .and_then(|e| self.vclusters.get(&e))
                .or_else(|| self.vclusters.get(&lower)),
        )
    }

    #[inline]
    pub(crate) fn gazetteer(&self, lower: u64) -> u32 {
        self.gaz.get(&lower).copied().unwrap_or(0) & !TRAINING_NAME
    }

    /// Mark a word (by its lower-cased hash) as a word of a training name.
    pub(crate) fn mark_training_name(&mut self, lower: u64) {
        *self.gaz.entry(lower).or_insert(0) |= TRAINING_NAME;
        self.has_training_names = true;
    }

    /// Whether a word (by its lower-cased hash) is a word of a training
    /// name; `None` for a model that does not record them (older files).
    #[inline]
    pub(crate) fn training_name(&self, lower: u64) -> Option<bool> {
        self.has_training_names
            .then(|| self.gaz.get(&lower).is_some_and(|b| b & TRAINING_NAME != 0))
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        write_clusters(&self.clusters, out);
        let mut g: Vec<_> = self.gaz.iter().collect();
        g.sort_by_key(|(k, _)| **k);
        out.extend_from_slice(&(g.len() as u32).to_le_bytes());
        for (k, bits) in g {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&bits.to_le_bytes());
        }
        // Vector clusters last: a model without them (older files end
        // here) reads as an empty map.
        if !self.vclusters.is_empty() || !self.vrows.is_empty() {
            write_clusters(&self.vclusters, out);
        }
        // The words' vector rows after them (files without them end
        // before); the vectors' scores are the model's.
        if !self.vrows.is_empty() {
            self.vrows.write(out);
        }
    }

    /// Read what [`Lexicon::write`] wrote; `compact`: the words' vector
    /// rows in the compact form of [`RowIndex::write`] (files before it
    /// have 64-bit keys and 32-bit rows).
    pub(crate) fn read(
        r: &mut crate::model::Reader<'_>,
        compact: bool,
    ) -> Result<Lexicon, crate::NerError> {
        let mut lex = Lexicon {
            clusters: read_clusters(r)?,
            ..Lexicon::default()
        };
        let n = r.u32()? as usize;
        r.check_count(n, 12)?;
        lex.gaz.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let b = r.u32()?;
            lex.has_training_names |= b & TRAINING_NAME != 0;
            lex.gaz.insert(k, b);
        }
        if !r.at_end() {
            lex.vclusters = read_clusters(r)?;
        }
        if r.at_end() {
            // A file without word vectors ends here.
        } else if compact {
            lex.vrows = RowIndex::read(r)?;
        } else {
            let n = r.u32()? as usize;
            r.check_count(n, 12)?;
            let mut pairs = Vec::with_capacity(n);
            for _ in 0..n {
                pairs.push((r.u64()?, r.u32()?));
            }
            lex.vrows = RowIndex::from_pairs(pairs);
        }
        Ok(lex)
    }
}

/// Word keys to vector rows: the keys sorted, with the start of every
/// bucket of keys sharing their top 16 bits, so a look-up is one bucket
/// (about 10 keys for 700,000 words) and loading is a linear pass, not a
/// million hash-table inserts in random order. A bucket holds its keys'
/// next 32 bits only: two words are told apart by 48 bits of their hash,
/// and a word not in the map matches one by chance about once in 400
/// million look-ups.
#[derive(Clone, Debug, Default)]
pub(crate) struct RowIndex {
    /// Bits 16..48 of each key, sorted within each bucket.
    keys: Vec<u32>,
    rows: Vec<u32>,
    /// `starts[b]..starts[b + 1]`: the keys whose top 16 bits are `b`.
    starts: Vec<u32>,
}

impl RowIndex {
    const BITS: u32 = 16;
    const BUCKETS: usize = 1 << Self::BITS;

    #[inline]
    fn split(key: u64) -> (usize, u32) {
        ((key >> (64 - Self::BITS)) as usize, (key >> 16) as u32)
    }

    /// Build from (key, row) pairs in any order; of keys that agree in
    /// their top 48 bits the first (by key) is kept.
    pub(crate) fn from_pairs(mut pairs: Vec<(u64, u32)>) -> RowIndex {
        if !pairs.is_sorted_by_key(|p| p.0) {
            pairs.sort_by_key(|p| p.0);
        }
        pairs.dedup_by_key(|p| p.0 >> 16);
        let mut starts = vec![0u32; Self::BUCKETS + 1];
        for &(k, _) in &pairs {
            starts[Self::split(k).0 + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        RowIndex {
            keys: pairs.iter().map(|p| Self::split(p.0).1).collect(),
            rows: pairs.iter().map(|p| p.1).collect(),
            starts,
        }
    }

    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        let (b, mid) = Self::split(key);
        let (a, z) = (
            *self.starts.get(b)? as usize,
            *self.starts.get(b + 1)? as usize,
        );
        let bucket = self.keys.get(a..z)?;
        let i = bucket.binary_search(&mid).ok()?;
        self.rows.get(a + i).copied()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Number of words.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The largest row.
    pub(crate) fn max_row(&self) -> u32 {
        self.rows.iter().copied().max().unwrap_or(0)
    }

    /// Write: the number of keys, each bucket's end, the keys' 32 bits,
    /// the width of a row (2 or 4 bytes) and the rows.
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for end in self.starts.iter().skip(1) {
            out.extend_from_slice(&end.to_le_bytes());
        }
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        if self.max_row() <= u32::from(u16::MAX) {
            out.push(2);
            for &r in &self.rows {
                out.extend_from_slice(&(r as u16).to_le_bytes());
            }
        } else {
            out.push(4);
            for &r in &self.rows {
                out.extend_from_slice(&r.to_le_bytes());
            }
        }
    }

    /// Read what [`RowIndex::write`] wrote.
    fn read(r: &mut crate::model::Reader<'_>) -> Result<RowIndex, crate::NerError> {
        let n = r.u32()?;
        r.check_count(n as usize, 6)?;
        let mut starts = Vec::with_capacity(Self::BUCKETS + 1);
        starts.push(0u32);
        for _ in 0..Self::BUCKETS {
            let end = r.u32()?;
            if end < starts[starts.len() - 1] || end > n {
                return Err(crate::NerError::Format(
                    "the word-vector map's buckets are out of order".into(),
                ));
            }
            starts.push(end);
        }
        if starts[Self::BUCKETS] != n {
            return Err(crate::NerError::Format(
                "the word-vector map's buckets do not cover its keys".into(),
            ));
        }
        let keys = (0..n).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
        let rows = match r.take(1)? {
            [2] => (0..n)
                .map(|_| r.u16().map(u32::from))
                .collect::<Result<Vec<_>, _>>()?,
            [4] => (0..n).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?,
            _ => {
                return Err(crate::NerError::Format(
                    "the word-vector map's row width is not 2 or 4".into(),
                ));
            }
        };
        Ok(RowIndex { keys, rows, starts })
    }
}

fn widen(ids: Option<&[u16; CLUSTER_LEVELS]>) -> [u64; CLUSTER_LEVELS] {
    let mut out = [0u64; CLUSTER_LEVELS];
    if let Some(ids) = ids {
        for (o, &c) in out.iter_mut().zip(ids) {
            *o = u64::from(c);
        }
    }
    out
}

fn write_clusters(map: &IdMap<[u16; CLUSTER_LEVELS]>, out: &mut Vec<u8>) {
    let mut c: Vec<_> = map.iter().collect();
    c.sort_by_key(|(k, _)| **k);
    out.extend_from_slice(&(c.len() as u32).to_le_bytes());
    for (k, ids) in c {
        out.extend_from_slice(&k.to_le_bytes());
        for id in ids {
            out.extend_from_slice(&id.to_le_bytes());
        }
    }
}

fn read_clusters(
    r: &mut crate::model::Reader<'_>,
) -> Result<IdMap<[u16; CLUSTER_LEVELS]>, crate::NerError> {
    let n = r.u32()? as usize;
    r.check_count(n, 8 + 2 * CLUSTER_LEVELS)?;
    let mut map = IdMap::default();
    map.reserve(n);
    for _ in 0..n {
        let k = r.u64()?;
        let mut ids = [0u16; CLUSTER_LEVELS];
        for id in &mut ids {
            *id = r.u16()?;
        }
        map.insert(k, ids);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{exact_hash, lower_hash};

    fn row(lex: &Lexicon, word: &str) -> u32 {
        lex.vector_row(Some(exact_hash(word)), lower_hash(word))
    }

    #[test]
    fn a_word_keyed_as_written_is_kept_only_where_its_row_differs_from_the_lower_cased_one() {
        // "Berlin" shares its row with "berlin"; "Apple" and "apple" differ;
        // "NATO" is listed only as written.
        let tsv = "3\t1\n0.1\n0.2\n0.3\nBerlin\t0\nberlin\t0\nApple\t1\napple\t2\nNATO\t2\n";
        let mut lex = Lexicon::default();
        assert_eq!(lex.load_word_vectors(tsv, 1.0).unwrap(), 5);
        // Kept: berlin, Apple, apple and nato; "Berlin" and "NATO" as
        // written would give their lower-cased keys' rows.
        assert_eq!(lex.vrows.len(), 4);
        assert!(lex.vrows.get(exact_hash("Berlin")).is_none());
        assert!(lex.vrows.get(exact_hash("NATO")).is_none());
        for (word, want) in [
            ("Berlin", 1),
            ("berlin", 1),
            ("BERLIN", 1),
            ("Apple", 2),
            ("apple", 3),
            ("APPLE", 3),
            ("NATO", 3),
            ("Nato", 3),
            ("Paris", 0),
        ] {
            assert_eq!(row(&lex, word), want, "{word}");
        }
    }
}
