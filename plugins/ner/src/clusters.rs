//! The lexicon a model carries: word clusters (learned from unlabelled
//! text by [`crate::cluster`]) and gazetteer bits, keyed by the hash of the
//! lower-cased word.

use crate::features::{CLUSTER_LEVELS, IdMap};

/// Word clusters and gazetteer bits by lower-cased word.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Cluster ids (1-based; 0 = none) at each granularity.
    pub(crate) clusters: IdMap<[u16; CLUSTER_LEVELS]>,
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

    #[inline]
    pub(crate) fn clusters(&self, lower: u64) -> [u64; CLUSTER_LEVELS] {
        match self.clusters.get(&lower) {
            None => [0; CLUSTER_LEVELS],
            Some(ids) => {
                let mut out = [0u64; CLUSTER_LEVELS];
                for (o, &c) in out.iter_mut().zip(ids) {
                    *o = u64::from(c);
                }
                out
            }
        }
    }

    #[inline]
    pub(crate) fn gazetteer(&self, lower: u64) -> u32 {
        self.gaz.get(&lower).copied().unwrap_or(0)
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let mut c: Vec<_> = self.clusters.iter().collect();
        c.sort_by_key(|(k, _)| **k);
        out.extend_from_slice(&(c.len() as u32).to_le_bytes());
        for (k, ids) in c {
            out.extend_from_slice(&k.to_le_bytes());
            for id in ids {
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        let mut g: Vec<_> = self.gaz.iter().collect();
        g.sort_by_key(|(k, _)| **k);
        out.extend_from_slice(&(g.len() as u32).to_le_bytes());
        for (k, bits) in g {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&bits.to_le_bytes());
        }
    }

    pub(crate) fn read(r: &mut crate::model::Reader<'_>) -> Result<Lexicon, crate::NerError> {
        let mut lex = Lexicon::default();
        let n = r.u32()? as usize;
        r.check_count(n, 8 + 2 * CLUSTER_LEVELS)?;
        lex.clusters.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mut ids = [0u16; CLUSTER_LEVELS];
            for id in &mut ids {
                *id = r.u16()?;
            }
            lex.clusters.insert(k, ids);
        }
        let n = r.u32()? as usize;
        r.check_count(n, 12)?;
        lex.gaz.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let b = r.u32()?;
            lex.gaz.insert(k, b);
        }
        Ok(lex)
    }
}
