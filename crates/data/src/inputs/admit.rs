//! The checks every CQC record passes before it reaches the dataset, whichever file it came
//! from: adult social care, registered, in the chosen area, a real postcode, a place on the map,
//! and not a duplicate. Each failure is a counted rejection with its reason.

use std::collections::BTreeSet;

use carefinder_core::distance::Point;
use carefinder_core::postcode::Postcode;
use carefinder_core::service::Service;

use super::postcodes::{in_uk, PostcodeTable};
use crate::accounting::Tally;

/// Which records belong in this dataset. Empty lists mean "no restriction".
#[derive(Clone, Debug, Default)]
pub struct AreaFilter {
    /// Local authority names as CQC writes them, e.g. "Norfolk".
    pub local_authorities: Vec<String>,
    /// Postcode areas, e.g. "NR", "PE".
    pub postcode_areas: Vec<String>,
}

impl AreaFilter {
    fn admits_authority(&self, la: &str) -> bool {
        self.local_authorities.is_empty() || self.local_authorities.iter().any(|a| a.eq_ignore_ascii_case(la.trim()))
    }

    fn admits_postcode(&self, postcode: &Postcode) -> bool {
        let area: String = postcode.outward().chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        self.postcode_areas.is_empty() || self.postcode_areas.iter().any(|a| a.eq_ignore_ascii_case(&area))
    }
}

/// A record read from a CQC file, before the checks.
pub struct Candidate {
    /// Lat/lon and postcode here are ignored; they come from the fields below once checked.
    pub provider: Service,
    pub raw_postcode: String,
    /// Coordinates the source itself gives (CQC's API has them; the directory does not).
    pub source_coordinates: Option<Point>,
    pub registered: bool,
    pub social_care: bool,
}

/// Applies the checks across all CQC inputs, so an id seen in one file is a duplicate in another.
pub struct Admission<'a> {
    pub filter: &'a AreaFilter,
    pub postcodes: &'a PostcodeTable,
    seen: BTreeSet<String>,
}

impl<'a> Admission<'a> {
    pub fn new(filter: &'a AreaFilter, postcodes: &'a PostcodeTable) -> Admission<'a> {
        Admission { filter, postcodes, seen: BTreeSet::new() }
    }

    /// Returns the finished provider, or counts why it was left out.
    pub fn admit(&mut self, c: Candidate, tally: &mut Tally) -> Option<Service> {
        let id = c.provider.id.clone();
        let reason = if self.seen.contains(&id) {
            "duplicate id"
        } else if !c.social_care {
            "not adult social care"
        } else if !c.registered {
            "not registered (deregistered or archived)"
        } else if !self.filter.admits_authority(&c.provider.local_authority) {
            "outside the chosen area"
        } else {
            ""
        };
        if !reason.is_empty() {
            tally.reject(reason, id);
            return None;
        }
        let Ok(postcode) = Postcode::parse(&c.raw_postcode) else {
            tally.reject("bad postcode", format!("{id} ({:?})", c.raw_postcode));
            return None;
        };
        if !self.filter.admits_postcode(&postcode) {
            tally.reject("outside the chosen area", id);
            return None;
        }
        // Prefer the source's own coordinates; otherwise (or if they are wrong) the postcode's.
        let coordinates = match c.source_coordinates {
            Some(p) if in_uk(p.lat, p.lon) => Some(p),
            _ => self.postcodes.locate(&postcode),
        };
        let Some(Point { lat, lon }) = coordinates else {
            let reason = if c.source_coordinates.is_some() { "coordinates out of range" } else { "no coordinates" };
            tally.reject(reason, format!("{id} ({postcode})"));
            return None;
        };
        self.seen.insert(id);
        tally.kept += 1;
        Some(Service { postcode: postcode.to_string(), lat, lon, ..c.provider })
    }
}

/// CQC writes websites with and without a scheme ("www.example.org"); carefinder's one link
/// policy keeps http(s) addresses, gives bare domains https, and drops anything else.
pub fn website(raw: Option<&str>) -> Option<String> {
    raw.filter(|w| !w.trim().eq_ignore_ascii_case("NA")).and_then(carefinder_core::links::web_address_or_domain)
}

/// Empty strings in CQC files mean "not given".
pub fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_become_safe_links_or_nothing() {
        assert_eq!(website(Some("www.example.org")).as_deref(), Some("https://www.example.org"));
        assert_eq!(website(Some("http://example.org/a")).as_deref(), Some("http://example.org/a"));
        assert_eq!(website(Some("HTTPS://Example.org/A")).as_deref(), Some("https://Example.org/A"));
        assert_eq!(website(Some("javascript:alert(1)")), None);
        assert_eq!(website(Some("NA")), None);
        assert_eq!(website(Some("")), None);
    }
}
