//! Names of layers, labels and attribute keys, as dense `u32` ids.

use std::collections::HashMap;

/// Interned names. Built while a pipeline is set up (each extractor
/// resolves its names once), then only read while documents are processed.
///
/// ```
/// let mut v = newsmill_core::Vocab::default();
/// let per = v.intern("PER");
/// assert_eq!(v.intern("PER"), per);
/// assert_eq!(v.name(per), Some("PER"));
/// assert_eq!(v.get("ORG"), None);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocab {
    /// The id of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }

    /// The id of `name`, if interned.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// The name of `id`.
    pub fn name(&self, id: u32) -> Option<&str> {
        self.names.get(id as usize).map(String::as_str)
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no name is interned.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}
