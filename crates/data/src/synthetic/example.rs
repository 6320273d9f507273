//! Synthetic example data: made-up services in made-up "ZZ" postcode districts, so carefinder
//! runs and can be tried on a machine without the real data. Seeded, so every build is identical.
//! Every name says "Example", and the manifest marks the whole dataset as example data.

use std::path::Path;

use carefinder_core::council::{Council, CouncilsFile, DistrictCouncils};
use carefinder_core::dataset::{
    Area, Manifest, Source, COUNCILS_PATH, MAP_PATH, PATHWAYS_PATH, REFERENCE_PATH,
};
use carefinder_core::distance::Point;
use carefinder_core::rating::Rating;
use carefinder_core::reference::Reference;
use carefinder_core::service::{Fee, FeeUnit, Rated, Ratings, Service, ServiceType, Specialism};

use super::seeded::Seeded;
use crate::accounting::Tally;
pub use crate::assemble::UnitPostcode;
use crate::assemble::{self, round5};
use crate::councils;
use crate::inputs::postcodes::Centroids;
use crate::inputs::{area_packs, pathways, reference};
use crate::map_layers::{self, NamedPlace};
use crate::output::DatasetWriter;
use crate::shared_layout;
use crate::sources::{source, InputKind};

/// How many services the example dataset has unless told otherwise.
pub const DEFAULT_COUNT: usize = 120;

/// The example dataset's unit postcodes and `count` services from `seed`: what `write` publishes.
pub fn generate(count: usize, seed: u64) -> (Vec<UnitPostcode>, Vec<Service>) {
    let mut rng = Seeded::new(seed);
    let postcodes = postcodes(&mut rng);
    let services = providers(&mut rng, &postcodes, count);
    (postcodes, services)
}

/// Writes the example dataset: `count` made-up services from `seed`, with the repository's
/// authored means-test rules and pathways, all labelled as example data.
pub fn write(out: &Path, count: usize, seed: u64, keep: usize) -> Result<Manifest, String> {
    let (mut postcodes, mut services) = generate(count, seed);
    for p in &mut postcodes {
        p.council = Some(EXAMPLE_COUNCIL.into());
    }
    for s in &mut services {
        s.council = Some(EXAMPLE_COUNCIL.into());
    }
    let held: std::collections::BTreeSet<String> = postcodes
        .iter()
        .map(|p| format!("{} {}", p.district, p.inward))
        .collect();
    let example_postcode = councils::example_postcode(services.iter(), |k| held.contains(k));
    let mut writer = DatasetWriter::default();
    let mut councils_file = example_councils(&postcodes);
    // The map's layers come from the made-up postcodes and addresses, by the real build's code.
    let named: Vec<NamedPlace> = services
        .iter()
        .map(|s| NamedPlace {
            id: s.id.clone(),
            point: Point::new(s.lat, s.lon),
            names: s.address.iter().skip(1).cloned().collect(),
        })
        .collect();
    let (map, _) = map_layers::layers(&postcodes, &named);
    writer.add_json(MAP_PATH, &map);
    assemble::add_files(&mut writer, services, &postcodes, &Centroids::new())?;
    let (rules, pathway_dir) = (shared_layout::means_test_rules(), shared_layout::pathways());
    let mut reference_data = Reference::default();
    let (tally, reviewed) = reference::read_authored(&rules, &mut reference_data)?;
    writer.add_json(REFERENCE_PATH, &reference_data);
    let (pathway_list, pathway_tally) = pathways::read_folder(&pathway_dir)?;
    writer.add_json(PATHWAYS_PATH, &pathway_list);
    // The made-up council has no pack, so its pages show the real national help.
    let areas_dir = shared_layout::area_packs();
    let (areas, areas_tally) = area_packs::read_folder(&areas_dir, &pathway_list)?;
    councils_file.national = areas.national;
    writer.add_json(COUNCILS_PATH, &councils_file);
    let areas_source = source(
        InputKind::AuthoredAreaPacks,
        &areas_dir,
        &areas_tally,
        areas.reviewed.as_deref(),
    );
    let generator = Source {
        publisher: "carefinder".into(),
        title: "Example data: not real services".into(),
        file: format!("generated (seed {seed}, {count} services)"),
        snapshot_date: "2025-04-01".into(),
        licence: "Made up by carefinder's example generator; free to reuse".into(),
        records: Tally::all_kept(count).counts(),
    };
    let authored = source(
        InputKind::AuthoredReference,
        &rules,
        &tally,
        Some(&reviewed),
    );
    let newest_review = pathway_list.iter().map(|p| p.reviewed.clone()).max();
    let pathway_source = source(
        InputKind::AuthoredPathways,
        &pathway_dir,
        &pathway_tally,
        newest_review.as_deref(),
    );
    let area = Area {
        name: "Example County (made-up data)".into(),
        example: true,
        council: Some(EXAMPLE_COUNCIL.into()),
        example_postcode,
    };
    writer.finish(
        out,
        keep,
        area,
        "2025-04-01".into(),
        vec![generator, authored, pathway_source, areas_source],
    )
}

/// The made-up council's code: ONS codes start E, W, S, N, K, L, M or J, so X is never real.
pub const EXAMPLE_COUNCIL: &str = "X00000001";

/// One made-up council for every example postcode, so the council features can be tried.
fn example_councils(postcodes: &[UnitPostcode]) -> CouncilsFile {
    let mut districts: Vec<String> = postcodes.iter().map(|p| p.district.clone()).collect();
    districts.dedup();
    CouncilsFile {
        councils: vec![Council {
            code: EXAMPLE_COUNCIL.into(),
            name: "Example County Council (made-up example)".into(),
            homepage: None,
            centre: Some(Point::new(CENTRE.0, CENTRE.1)),
        }],
        districts: districts
            .into_iter()
            .map(|district| DistrictCouncils {
                district,
                councils: vec![(EXAMPLE_COUNCIL.into(), 1.0)],
            })
            .collect(),
        council_list_source: "Made up by carefinder's example generator".into(),
        ..CouncilsFile::default()
    }
}

/// Where the made-up area sits: around Norwich, so distances and the map look natural.
const CENTRE: (f64, f64) = (52.63, 1.29);
const DISTRICTS: u32 = 9;
const UNITS_PER_DISTRICT: u32 = 40;

/// Made-up unit postcodes: districts ZZ1..ZZ9 laid out on a 3x3 grid about 6 miles apart.
pub fn postcodes(rng: &mut Seeded) -> Vec<UnitPostcode> {
    let letters = b"ABDEFGHJLNPQRSTUWXYZ";
    let mut out = Vec::new();
    for d in 0..DISTRICTS {
        let (row, col) = ((d / 3) as f64 - 1.0, (d % 3) as f64 - 1.0);
        let (lat0, lon0) = (CENTRE.0 + row * 0.09, CENTRE.1 + col * 0.145);
        for u in 0..UNITS_PER_DISTRICT {
            let inward = format!(
                "{}{}{}",
                1 + u / 20,
                letters[(u % 20) as usize] as char,
                letters[rng.below(letters.len() as u64) as usize] as char
            );
            out.push(UnitPostcode {
                district: format!("ZZ{}", d + 1),
                inward,
                lat: round5(lat0 + (rng.unit() - 0.5) * 0.08),
                lon: round5(lon0 + (rng.unit() - 0.5) * 0.13),
                council: None,
            });
        }
    }
    out.sort_by(|a, b| (&a.district, &a.inward).cmp(&(&b.district, &b.inward)));
    out.dedup_by(|a, b| a.district == b.district && a.inward == b.inward);
    out
}

const NAMES: [&str; 12] = [
    "Willow House",
    "Oak Lodge",
    "Meadow View",
    "The Beeches",
    "Riverside Court",
    "Elm Grove",
    "Heathfield",
    "Brookside",
    "Orchard Place",
    "Ashdene",
    "Cedar Gardens",
    "Fairhaven",
];
const STREETS: [&str; 8] = [
    "Mill Lane",
    "Church Road",
    "Station Road",
    "The Green",
    "High Street",
    "Park Avenue",
    "Back Lane",
    "School Road",
];
/// One made-up town per example district (ZZ1 to ZZ9), so the map has place names to show.
const TOWNS: [&str; 9] = [
    "Exampleby",
    "Exampleford",
    "Examplewick",
    "Examplestead",
    "Exampleton",
    "Examplethorpe",
    "Exampleham",
    "Examplecombe",
    "Examplebridge",
];

/// The made-up town of an example district ("ZZ5" is Exampleton).
fn town_of(district: &str) -> &'static str {
    let n: usize = district.trim_start_matches("ZZ").parse().unwrap_or(1);
    TOWNS[(n.max(1) - 1) % TOWNS.len()]
}

/// `count` made-up services placed on made-up postcodes, each with plausible ratings.
pub fn providers(rng: &mut Seeded, postcodes: &[UnitPostcode], count: usize) -> Vec<Service> {
    (0..count)
        .map(|i| {
            let place = &postcodes[rng.below(postcodes.len() as u64) as usize];
            let service = *rng.pick(&[
                ServiceType::CareHome,
                ServiceType::CareHome,
                ServiceType::NursingHome,
                ServiceType::HomeCare,
                ServiceType::HomeCare,
                ServiceType::SupportedLiving,
                ServiceType::ExtraCare,
                ServiceType::SharedLives,
            ]);
            let mut specialisms: Vec<Specialism> = Specialism::ALL
                .iter()
                .copied()
                .filter(|_| rng.below(3) == 0)
                .collect();
            specialisms.sort();
            let residential = matches!(service, ServiceType::CareHome | ServiceType::NursingHome);
            let ratings = example_ratings(rng);
            let last_inspection = ratings.overall.as_ref().and_then(|r| r.date.clone());
            let kind = match service {
                ServiceType::CareHome => "Care Home",
                ServiceType::NursingHome => "Nursing Home",
                ServiceType::HomeCare => "Home Care",
                ServiceType::SupportedLiving => "Supported Living",
                ServiceType::ExtraCare => "Extra Care Court",
                ServiceType::SharedLives => "Shared Lives Scheme",
                ServiceType::Community => "Community Service",
            };
            let group = rng.below(40) + 1;
            Service {
                id: format!("X-{:06}", i + 1),
                name: format!("Example: {} {kind}", rng.pick(&NAMES)),
                provider_id: format!("X-P{group:04}"),
                provider_name: Some(format!("Example Care Group {group}")),
                // Some groups trade under a brand, as many real providers do.
                brand: (group % 5 == 0).then(|| format!("Example Brand {}", group / 5)),
                also_known_as: (i % 17 == 0).then(|| format!("Example: {} Care", rng.pick(&NAMES))),
                address: vec![
                    format!("{} {}", rng.below(90) + 1, rng.pick(&STREETS)),
                    town_of(&place.district).to_string(),
                ],
                postcode: format!("{} {}", place.district, place.inward),
                lat: place.lat,
                lon: place.lon,
                local_authority: "Example County".into(),
                council: None,
                services: vec![service],
                specialisms,
                other_specialisms: vec![],
                beds: residential.then(|| 10 + rng.below(70) as u32),
                ratings,
                last_inspection,
                phone: Some(format!("01632 {:06}", 960_000 + rng.below(1000))),
                website: None,
                fees: example_fee(rng, service),
                accepts_council_funding: Some(rng.below(4) != 0),
                vacancies: None,
            }
        })
        .collect()
}

fn example_ratings(rng: &mut Seeded) -> Ratings {
    if rng.below(6) == 0 {
        return Ratings::default(); // never rated, as new services are
    }
    let date = format!(
        "20{:02}-{:02}-{:02}",
        19 + rng.below(7),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let base = *rng.pick(&[
        Rating::Outstanding,
        Rating::Good,
        Rating::Good,
        Rating::Good,
        Rating::Good,
        Rating::RequiresImprovement,
        Rating::RequiresImprovement,
        Rating::Inadequate,
    ]);
    let mut grade = || {
        // Key questions mostly agree with the overall rating, as in real reports.
        let rating = if rng.below(4) == 0 {
            *rng.pick(&[Rating::Good, Rating::RequiresImprovement])
        } else {
            base
        };
        Some(Rated {
            rating,
            date: Some(date.clone()),
        })
    };
    let (safe, effective, caring, responsive, well_led) =
        (grade(), grade(), grade(), grade(), grade());
    Ratings {
        overall: Some(Rated {
            rating: base,
            date: Some(date.clone()),
        }),
        safe,
        effective,
        caring,
        responsive,
        well_led,
    }
}

fn example_fee(rng: &mut Seeded, service: ServiceType) -> Vec<Fee> {
    let (from, unit) = match service {
        ServiceType::CareHome => (850.0 + rng.below(500) as f64, FeeUnit::PerWeek),
        ServiceType::NursingHome => (1100.0 + rng.below(600) as f64, FeeUnit::PerWeek),
        ServiceType::HomeCare => (26.0 + rng.below(80) as f64 / 10.0, FeeUnit::PerHour),
        _ => return vec![],
    };
    if rng.below(2) == 0 {
        return vec![];
    }
    vec![Fee {
        care: service,
        from,
        to: None,
        unit,
        date: "2025-04-01".into(),
        source: "Example data: made up".into(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_services() {
        let a = providers(&mut Seeded::new(7), &postcodes(&mut Seeded::new(7)), 50);
        let b = providers(&mut Seeded::new(7), &postcodes(&mut Seeded::new(7)), 50);
        assert_eq!(a, b);
        let c = providers(&mut Seeded::new(8), &postcodes(&mut Seeded::new(8)), 50);
        assert_ne!(a, c);
    }

    #[test]
    fn every_example_service_says_it_is_an_example_and_sits_on_an_example_postcode() {
        let pcs = postcodes(&mut Seeded::new(1));
        for p in providers(&mut Seeded::new(1), &pcs, 200) {
            assert!(p.name.starts_with("Example: "), "{}", p.name);
            assert!(p.postcode.starts_with("ZZ"), "{}", p.postcode);
            assert!(pcs
                .iter()
                .any(|pc| format!("{} {}", pc.district, pc.inward) == p.postcode));
        }
    }
}
