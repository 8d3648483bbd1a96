//! The lexicon a model carries: word clusters (learned from unlabelled
//! text by [`crate::cluster`]) and gazetteer bits, keyed by the hash of the
//! lower-cased word.

use crate::features::{CLUSTER_LEVELS, IdMap};

/// Word clusters and gazetteer bits by lower-cased word.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Cluster ids (1-based; 0 = none) at each granularity.
    pub(crate) clusters: IdMap<[u16; CLUSTER_LEVELS]>,
    /// Clusters of word vectors (case-sensitive keys, then lower-cased).
    pub(crate) vclusters: IdMap<[u16; CLUSTER_LEVELS]>,
    /// Gazetteer membership bits.
    pub(crate) gaz: IdMap<u32>,
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
        self.gaz.get(&lower).copied().unwrap_or(0)
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
        if !self.vclusters.is_empty() {
            write_clusters(&self.vclusters, out);
        }
    }

    pub(crate) fn read(r: &mut crate::model::Reader<'_>) -> Result<Lexicon, crate::NerError> {
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
            lex.gaz.insert(k, b);
        }
        if !r.at_end() {
            lex.vclusters = read_clusters(r)?;
        }
        Ok(lex)
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
