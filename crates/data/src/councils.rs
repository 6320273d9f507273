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
