//! The shortlist: up to ten services a person is considering, kept in their own browser.

use serde::{Deserialize, Serialize};

pub const SHORTLIST_LIMIT: usize = 10;

/// The local storage key; versioned so a future format can move on cleanly.
pub const STORAGE_KEY: &str = "carefinder.shortlist.v1";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortlist {
    ids: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddError {
    Full,
}

impl AddError {
    pub fn message(self) -> String {
        format!("Your shortlist is full: it holds {SHORTLIST_LIMIT} services. Remove one to add another.")
    }
}

impl Shortlist {
    /// Reads what local storage held; anything unreadable is an empty shortlist, never an error
    /// (the person can simply start again).
    pub fn from_storage(text: Option<&str>) -> Shortlist {
        let mut list: Shortlist = text
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default();
        // Stored text may have been edited or written by an older version: drop every repeat,
        // not only neighbouring ones, keeping the first.
        let mut seen = std::collections::HashSet::new();
        list.ids.retain(|id| seen.insert(id.clone()));
        list.ids.truncate(SHORTLIST_LIMIT);
        list
    }

    /// Reads the `ids` of a share link ("1-123,1-456"): CQC-style ids only, no repeats, at most ten.
    pub fn from_share(value: &str) -> Shortlist {
        let mut list = Shortlist::default();
        for id in value.split(',').map(str::trim) {
            let plausible = !id.is_empty()
                && id.len() <= 20
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            if plausible {
                let _ = list.add(id);
            }
        }
        list
    }

    /// The value for a share link's `ids`.
    pub fn share_value(&self) -> String {
        self.ids.join(",")
    }

    pub fn to_storage(&self) -> String {
        serde_json::to_string(self).expect("a list of strings serialises")
    }

    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    pub fn add(&mut self, id: &str) -> Result<(), AddError> {
        if self.contains(id) {
            return Ok(());
        }
        if self.ids.len() >= SHORTLIST_LIMIT {
            return Err(AddError::Full);
        }
        self.ids.push(id.to_string());
        Ok(())
    }

    pub fn remove(&mut self, id: &str) {
        self.ids.retain(|i| i != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_at_most_ten_without_duplicates_and_survives_storage() {
        let mut s = Shortlist::default();
        for i in 0..SHORTLIST_LIMIT {
            s.add(&format!("1-{i}")).unwrap();
        }
        s.add("1-3").unwrap();
        assert_eq!(s.len(), 10);
        assert_eq!(s.add("1-99"), Err(AddError::Full));
        s.remove("1-3");
        s.add("1-99").unwrap();
        assert!(s.contains("1-99") && !s.contains("1-3"));
        assert_eq!(Shortlist::from_storage(Some(&s.to_storage())), s);
    }

    #[test]
    fn share_links_carry_the_list_and_ignore_junk() {
        let mut s = Shortlist::default();
        s.add("1-123").unwrap();
        s.add("1-456").unwrap();
        assert_eq!(s.share_value(), "1-123,1-456");
        assert_eq!(Shortlist::from_share(&s.share_value()), s);
        let junk = Shortlist::from_share("1-123,,<script>,1-123, 1-9 ,x");
        assert_eq!(junk.ids(), ["1-123", "1-9", "x"]);
        let many: Vec<String> = (0..15).map(|i| format!("1-{i}")).collect();
        assert_eq!(
            Shortlist::from_share(&many.join(",")).len(),
            SHORTLIST_LIMIT
        );
    }

    #[test]
    fn damaged_storage_is_an_empty_list() {
        assert!(Shortlist::from_storage(Some("{not json")).is_empty());
        assert!(Shortlist::from_storage(None).is_empty());
    }
}
