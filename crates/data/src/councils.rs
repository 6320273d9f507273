//! `councils.json`: which council runs adult social care for each postcode and service (from
//! ../shared/data's geography and GOV.UK council lists), the authored area packs in
//! content/areas/, and the national help shown where a council has no pack.

use std::collections::BTreeMap;
use std::path::Path;

use carefinder_core::council::{Council, CouncilsFile, DistrictCouncils};
use carefinder_core::distance::{miles, Point};
use carefinder_core::postcode::Postcode;
use carefinder_core::service::Service;

use crate::accounting::{InputError, Tally};
use crate::inputs::geography::{self, Geography};
use crate::inputs::postcodes::PostcodeTable;
use crate::pipeline::BuildPlan;
use crate::sources::InputKind;

/// What the councils step adds to a build.
#[derive(Default)]
pub struct Councils {
    pub file: CouncilsFile,
    /// The council most of the services are in (the dataset's own).
    pub home_council: Option<String>,
    /// A real postcode from the dataset, for hints.
    pub example_postcode: Option<String>,
    /// Each unit postcode's council, by standard form ("OL1 1UT").
    pub by_postcode: BTreeMap<String, String>,
    /// Counts for the build's summary: postcodes and services without a council.
    pub notes: Vec<String>,
}

pub const COUNCIL_LIST_SOURCE: &str = "GOV.UK Local Links Manager, local authorities (2025-11)";

/// Reads the geography, council list and area packs the plan names, sets each service's
/// `council`, and accounts for every input in `accounts`.
pub fn assemble<'a>(
    plan: &'a BuildPlan,
    providers: &mut [Service],
    postcodes: &PostcodeTable,
    accounts: &mut Vec<(InputKind, &'a Path, Tally, Option<String>)>,
) -> Result<Councils, InputError> {
    let Some(files) = &plan.geography else {
        let example_postcode =
            example_postcode(providers.iter(), |k| postcodes.units.contains_key(k));
        return Ok(Councils {
            example_postcode,
            ..Councils::default()
        });
    };
    let geo = geography::read(files)?;
    let mut out = from_geography(&geo, providers, postcodes);
    let Geography { tallies, .. } = geo;
    let kinds = [
        (InputKind::PostcodeToDistrict, &files.ranges),
        (InputKind::LocalAuthorities, &files.authorities),
        (InputKind::GssToRegistry, &files.gss_lookup),
        (InputKind::GovukCouncils, &files.govuk_councils),
    ];
    for ((kind, path), tally) in kinds.into_iter().zip(tallies) {
        accounts.push((kind, path.as_path(), tally, None));
    }
    out.file.council_list_source = COUNCIL_LIST_SOURCE.into();
    Ok(out)
}

/// Every postcode's and service's council, the district shares, the council list, the home
/// council and an example postcode in it.
fn from_geography(
    geo: &Geography,
    providers: &mut [Service],
    postcodes: &PostcodeTable,
) -> Councils {
    let mut by_postcode = BTreeMap::new();
    let mut shares: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut unplaced = 0usize;
    for (key, unit) in &postcodes.units {
        match geo.council_of(key) {
            Some(code) => {
                by_postcode.insert(key.clone(), code.to_string());
                *shares
                    .entry(&unit.district)
                    .or_default()
                    .entry(code)
                    .or_default() += 1;
            }
            None => unplaced += 1,
        }
    }
    let councils = geo.tables.english_councils();
    let mut unmatched: Vec<String> = Vec::new();
    for s in providers.iter_mut() {
        let key = Postcode::parse(&s.postcode).map(|p| p.to_string()).ok();
        s.council = key.and_then(|k| by_postcode.get(&k).cloned()).or_else(|| {
            // CQC's own local authority, by the council's short name ("Oldham", "Norfolk").
            councils
                .iter()
                .find(|c| {
                    !s.local_authority.is_empty()
                        && c.short_name.eq_ignore_ascii_case(s.local_authority.trim())
                })
                .map(|c| c.code.clone())
        });
        if s.council.is_none() {
            unmatched.push(s.id.clone());
        }
    }
    let mut notes = vec![format!(
        "Councils: {} of {} postcodes placed; {} of {} services placed.",
        by_postcode.len(),
        postcodes.units.len(),
        providers.len() - unmatched.len(),
        providers.len()
    )];
    if unplaced > 0 || !unmatched.is_empty() {
        notes.push(format!(
            "No council known for {unplaced} postcodes and {} services{}",
            unmatched.len(),
            if unmatched.is_empty() {
                String::new()
            } else {
                format!(" ({})", unmatched.join(", "))
            }
        ));
    }

    let districts = shares
        .into_iter()
        .map(|(district, counts)| {
            let total: usize = counts.values().sum();
            let mut list: Vec<(String, f64)> = counts
                .into_iter()
                // Four places are plenty to tell a whole district from a split one.
                .map(|(code, n)| (code.to_string(), round4(n as f64 / total as f64)))
                .collect();
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            DistrictCouncils {
                district: district.to_string(),
                councils: list,
            }
        })
        .collect();
    let home_council = most_common(providers.iter().filter_map(|s| s.council.as_deref()));
    let at_home = providers
        .iter()
        .filter(|s| home_council.is_some() && s.council == home_council);
    let example_postcode = example_postcode(at_home, |k| postcodes.units.contains_key(k));
    Councils {
        file: CouncilsFile {
            councils: councils
                .into_iter()
                .map(|c| Council {
                    code: c.code,
                    name: c.name,
                    homepage: c.homepage,
                    centre: c.centre,
                })
                .collect(),
            districts,
            ..CouncilsFile::default()
        },
        home_council,
        example_postcode,
        by_postcode,
        notes,
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The most common code, ties to the first in code order.
fn most_common<'a>(codes: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in codes {
        *counts.entry(c).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(c, _)| c.to_string())
}

/// The postcode of the service nearest the middle of these services (ties by id), among those
/// whose postcode the dataset's postcode files hold, so a search for it works.
pub fn example_postcode<'a>(
    services: impl Iterator<Item = &'a Service>,
    held: impl Fn(&str) -> bool,
) -> Option<String> {
    let found: Vec<(&Service, String)> = services
        .filter_map(|s| {
            let key = Postcode::parse(&s.postcode).ok()?.to_string();
            held(&key).then_some((s, key))
        })
        .collect();
    let n = found.len() as f64;
    let middle = Point::new(
        found.iter().map(|(s, _)| s.lat).sum::<f64>() / n,
        found.iter().map(|(s, _)| s.lon).sum::<f64>() / n,
    );
    found
        .into_iter()
        .min_by(|(a, _), (b, _)| {
            miles(a.point(), middle)
                .total_cmp(&miles(b.point(), middle))
                .then(a.id.cmp(&b.id))
        })
        .map(|(_, key)| key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::UnitPostcode;
    use crate::inputs::geography::GeographyFiles;
    use crate::inputs::test_files::write;

    /// Norwich from NR1 1AA and Oldham from OL1 1AA, from a two-range table and one-row-each authority tables.
    fn geography() -> Geography {
        let key = |p: &str| geography::base36(p).unwrap();
        let ranges = format!(
            r#"{{"postcode_keys":[{},{}],"value_key":[1,2],"value_values":["E07000148","E08000004"]}}"#,
            key("NR11AA"),
            key("OL11AA") - key("NR11AA")
        );
        let files = GeographyFiles {
            ranges: write("r.json", ranges),
            authorities: write("la.csv", "local-authority-code,official-name,nice-name,gss-code,replaced-by,nation,local-authority-type,county-la,current-authority,lower-or-unitary,lat,long\nOLD,Oldham Metropolitan Borough Council,Oldham,E08000004,,England,MD,,True,True,53.5,-2.1\nNOW,Norwich City Council,Norwich,E07000148,,England,NMD,NFK,True,True,52.6,1.3\nNFK,Norfolk County Council,Norfolk,E10000020,,England,CTY,,True,False,52.7,1.0\n"),
            gss_lookup: write("g.csv", "gss-code,local-authority-code\nE08000004,OLD\nE07000148,NOW\n"),
            govuk_councils: write("u.csv", "id,gss,snac,local_custodian_code,tier_id,parent_local_authority_id,slug,country_name,homepage_url,name\n1,E08000004,,,3,,oldham,England,https://www.oldham.gov.uk,\"Oldham Council\"\n"),
        };
        geography::read(&files).unwrap()
    }

    #[test]
    fn services_take_their_postcodes_council_or_else_their_local_authoritys() {
        let geo = geography();
        let mut postcodes = PostcodeTable::default();
        for (district, inward) in [("OL1", "1AA"), ("OL1", "1AB"), ("NR2", "1TF")] {
            postcodes.units.insert(
                format!("{district} {inward}"),
                UnitPostcode {
                    district: district.into(),
                    inward: inward.into(),
                    lat: 53.5,
                    lon: -2.1,
                    council: None,
                },
            );
        }
        let mut services = crate::synthetic::example::generate(4, 1).1;
        let places = [
            ("OL1 1AA", "Oldham"),
            ("OL1 1AB", "Oldham"),
            ("OL9 9ZZ", "Oldham"),
            ("ZZ1 1AA", "Nowhere"),
        ];
        for (s, (postcode, la)) in services.iter_mut().zip(places) {
            s.postcode = postcode.into();
            s.local_authority = la.into();
        }
        let out = from_geography(&geo, &mut services, &postcodes);
        let councils: Vec<Option<&str>> = services.iter().map(|s| s.council.as_deref()).collect();
        assert_eq!(
            councils,
            [
                Some("E08000004"),
                Some("E08000004"),
                Some("E08000004"),
                None
            ]
        );
        // NR2 1TF is in Norwich's range; Norwich's council for adult social care is Norfolk.
        assert_eq!(out.by_postcode["NR2 1TF"], "E10000020");
        assert_eq!(out.home_council.as_deref(), Some("E08000004"));
        assert!(["OL1 1AA", "OL1 1AB"].contains(&out.example_postcode.as_deref().unwrap()));
        assert_eq!(
            out.file.districts[1],
            DistrictCouncils {
                district: "OL1".into(),
                councils: vec![("E08000004".into(), 1.0)]
            }
        );
        let oldham = out.file.council("E08000004").unwrap();
        assert_eq!(oldham.name, "Oldham Council");
        assert_eq!(
            oldham.homepage.as_deref(),
            Some("https://www.oldham.gov.uk")
        );
        // Norfolk has no GOV.UK row here: mySociety's name, no home page.
        assert_eq!(
            out.file.council("E10000020").unwrap().name,
            "Norfolk County Council"
        );
        assert!(
            out.notes[1].contains("0 postcodes and 1 services"),
            "{:?}",
            out.notes
        );
    }
}
