//! The checks every CQC record passes before it reaches the dataset, whichever file it came
//! from: not a duplicate, adult social care, a CQC location id (`1-` then digits), registered,
//! in the chosen area, a real postcode and a place on the map. Each failure is a counted
//! rejection with its reason.

use std::collections::BTreeSet;

use carefinder_core::distance::Point;
use carefinder_core::location_id::{is_location_id, NOT_A_LOCATION_ID};
use carefinder_core::postcode::Postcode;
use carefinder_core::service::Service;

use super::postcodes::{in_uk, PostcodeTable};
use crate::accounting::Tally;
use crate::map_layers::NamedPlace;

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
        self.local_authorities.is_empty()
            || self
                .local_authorities
                .iter()
                .any(|a| a.eq_ignore_ascii_case(la.trim()))
    }

    fn admits_postcode(&self, postcode: &Postcode) -> bool {
        let area: String = postcode
            .outward()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        self.postcode_areas.is_empty()
            || self
                .postcode_areas
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&area))
    }
}

/// A record read from a CQC file, before the checks.
pub struct Candidate {
    /// Where the record is in its file ("line 12", "locations.json: record 3"), for the report
    /// when its id cannot name it.
    pub place: String,
    /// Lat/lon and postcode here are ignored; they come from the fields below once checked.
    pub provider: Service,
    pub raw_postcode: String,
    /// Coordinates the source itself gives (CQC's API has them; the directory does not).
    pub source_coordinates: Option<Point>,
    pub registered: bool,
    pub social_care: bool,
    /// The address's names that may be its town or village, most specific first (the map's
    /// place names).
    pub places: Vec<String>,
}

/// Applies the checks across all CQC inputs, so an id seen in one file is a duplicate in another.
pub struct Admission<'a> {
    pub filter: &'a AreaFilter,
    pub postcodes: &'a PostcodeTable,
    seen: BTreeSet<String>,
    /// Every admitted service's place names, for the map.
    pub places: Vec<NamedPlace>,
}

impl<'a> Admission<'a> {
    pub fn new(filter: &'a AreaFilter, postcodes: &'a PostcodeTable) -> Admission<'a> {
        Admission {
            filter,
            postcodes,
            seen: BTreeSet::new(),
            places: Vec::new(),
        }
    }

    /// Returns the finished provider, or counts why it was left out.
    pub fn admit(&mut self, c: Candidate, tally: &mut Tally) -> Option<Service> {
        let id = c.provider.id.clone();
        // A good id names the record in the report; any other is shown, quoted, after its place.
        let record = if is_location_id(&id) {
            id.clone()
        } else {
            format!("{} ({id:?})", c.place)
        };
        let reason = if self.seen.contains(&id) {
            "duplicate id"
        } else if !c.social_care {
            // NHS locations have other CQC ids ("RM301"): not being social care is the reason.
            "not adult social care"
        } else if !is_location_id(&id) {
            NOT_A_LOCATION_ID
        } else if !c.registered {
            "not registered (deregistered or archived)"
        } else if !self.filter.admits_authority(&c.provider.local_authority) {
            "outside the chosen area"
        } else {
            ""
        };
        if !reason.is_empty() {
            tally.reject(reason, record);
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
            let reason = if c.source_coordinates.is_some() {
                "coordinates out of range"
            } else {
                "no coordinates"
            };
            tally.reject(reason, format!("{id} ({postcode})"));
            return None;
        };
        self.places.push(NamedPlace {
            id: id.clone(),
            point: Point::new(lat, lon),
            names: c.places,
        });
        self.seen.insert(id);
        tally.kept += 1;
        Some(Service {
            postcode: postcode.to_string(),
            lat,
            lon,
            ..c.provider
        })
    }
}

/// CQC writes websites with and without a scheme ("www.example.org"); carefinder's one link
/// policy keeps http(s) addresses, gives bare domains https, and drops anything else.
pub fn website(raw: Option<&str>) -> Option<String> {
    raw.filter(|w| !w.trim().eq_ignore_ascii_case("NA"))
        .and_then(carefinder_core::links::web_address_or_domain)
}

/// Empty strings in CQC files mean "not given".
pub fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A brand as a person would know it: CQC writes them "BRAND Bloomcare".
pub fn brand(s: Option<&str>) -> Option<String> {
    let s = non_empty(s)?;
    non_empty(Some(s.strip_prefix("BRAND ").unwrap_or(&s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_become_safe_links_or_nothing() {
        assert_eq!(
            website(Some("www.example.org")).as_deref(),
            Some("https://www.example.org")
        );
        assert_eq!(
            website(Some("http://example.org/a")).as_deref(),
            Some("http://example.org/a")
        );
        assert_eq!(
            website(Some("HTTPS://Example.org/A")).as_deref(),
            Some("https://Example.org/A")
        );
        assert_eq!(website(Some("javascript:alert(1)")), None);
        assert_eq!(website(Some("NA")), None);
        assert_eq!(website(Some("")), None);
    }
}

#[cfg(test)]
mod id_tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::inputs::test_files::write;
    use crate::inputs::{cqc_api, cqc_directory};

    fn api_record(id: &str, kind: &str) -> String {
        format!(
            r#"{{"locationId":{id:?},"name":"Rose House","type":{kind:?},"registrationStatus":"Registered","postalCode":"OL1 1AA",
               "onspdLatitude":53.54,"onspdLongitude":-2.11,"localAuthority":"Oldham","gacServiceTypes":[{{"name":"Residential homes"}}]}}"#
        )
    }

    #[test]
    fn api_records_with_bad_ids_are_rejected_with_their_place_and_id() {
        let ids = ["1-1", "", "1-2 3", " 1-4", "1-", "../1-5", "1-6"];
        let mut records: Vec<String> = ids
            .iter()
            .map(|id| api_record(id, "Social Care Org"))
            .collect();
        // An NHS location: its id is CQC's own, and not being social care is what leaves it out.
        records.push(api_record("RM301", "NHS Healthcare Organisation"));
        let path = write("locations.json", format!("[{}]", records.join(",")));
        let (filter, postcodes) = (AreaFilter::default(), PostcodeTable::default());
        let mut kept = Vec::new();
        let tally = cqc_api::import(
            &path,
            &BTreeMap::new(),
            &mut Admission::new(&filter, &postcodes),
            &mut kept,
        )
        .unwrap();
        assert_eq!(
            kept.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            ["1-1", "1-6"]
        );
        assert_eq!((tally.read, tally.kept, tally.rejected()), (8, 2, 6));
        let reason = "the CQC location id is not 1- followed by digits";
        let report = tally.report_lines("locations.json");
        for (n, id) in [(2, ""), (3, "1-2 3"), (4, " 1-4"), (5, "1-"), (6, "../1-5")] {
            let line = format!("locations.json\tlocations.json: record {n} ({id:?})\t{reason}");
            assert!(report.contains(&line), "{line} missing from {report:#?}");
        }
        assert!(
            report.contains(
                &"locations.json\tlocations.json: record 8 (\"RM301\")\tnot adult social care"
                    .to_string()
            ),
            "{report:#?}"
        );
    }

    #[test]
    fn directory_and_filters_rows_with_bad_ids_are_rejected_by_line() {
        let header = "Name,Address,Postcode,Service types,CQC Location ID (for office use only)";
        let rows = [
            "A,1 Road,OL1 1AA,Residential homes,1-10",
            "B,2 Road,OL1 1AB,Residential homes,",
            "C,3 Road,OL1 1AD,Residential homes,1-1O",
        ];
        let directory = write("directory.csv", format!("{header}\n{}\n", rows.join("\n")));
        let filters_header = "Location ID,Location Latest Overall Rating,Location safe rating,Location effective rating,\
Location caring rating,Location responsive rating,Location well-led rating,Care homes beds";
        let filters = write("filters.csv", format!("{filters_header}\n1-10,Good,,,,,,12\n1-11 ,Good,,,,,,\n1-x,Good,,,,,,\n1-12,Good,,,,,,twelve\n"));
        let mut postcodes = PostcodeTable::default();
        postcodes.add_file(&write("pc.csv", "Postcode,lat,long\nOL1 1AA,53.54,-2.11\nOL1 1AB,53.54,-2.11\nOL1 1AD,53.54,-2.11\n")).unwrap();
        let filter = AreaFilter::default();
        let mut kept = Vec::new();
        let (dir_tally, filters_tally) = cqc_directory::import(
            &directory,
            Some(&filters),
            &mut Admission::new(&filter, &postcodes),
            &mut kept,
        )
        .unwrap();
        assert_eq!(
            kept.iter()
                .map(|s| (s.id.as_str(), s.beds))
                .collect::<Vec<_>>(),
            [("1-10", Some(12))]
        );
        assert_eq!(
            (dir_tally.read, dir_tally.kept, dir_tally.rejected()),
            (3, 1, 2)
        );
        let reason = "the CQC location id is not 1- followed by digits";
        assert_eq!(
            dir_tally.report_lines("d.csv"),
            [
                format!("d.csv\tline 3 (\"\")\t{reason}"),
                format!("d.csv\tline 4 (\"1-1O\")\t{reason}")
            ]
        );
        let filters_tally = filters_tally.unwrap();
        // "1-11 " is trimmed as CSV cells are, then not found in the directory.
        assert_eq!(
            (
                filters_tally.read,
                filters_tally.kept,
                filters_tally.rejected()
            ),
            (4, 1, 3)
        );
        let report = filters_tally.report_lines("f.csv");
        assert!(
            report.contains(&format!("f.csv\tline 4 (\"1-x\")\t{reason}")),
            "{report:#?}"
        );
        assert!(
            report.contains(
                &"f.csv\tline 5 (1-12: \"twelve\")\t\"Care homes beds\" is not a whole number"
                    .to_string()
            ),
            "{report:#?}"
        );
    }
}
