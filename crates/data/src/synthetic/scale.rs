//! England-scale synthetic data for benchmarks: ~30,000 made-up services placed on real postcode
//! sector centroids across England, read from ../shared/data at run time (never committed).

use std::path::Path;

use carefinder_core::council::CouncilsFile;
use carefinder_core::dataset::{Area, COUNCILS_PATH, PATHWAYS_PATH, REFERENCE_PATH};
use carefinder_core::reference::Reference;
use carefinder_core::service::Service;

use super::example;
use super::seeded::Seeded;
use crate::assemble::{self, round5};
use crate::inputs::csv_file::{read_text, CsvTable};
use crate::inputs::pathways;
use crate::inputs::postcodes::{read_centroids, PostcodeTable};
use crate::output::DatasetWriter;
use crate::shared_layout::{self, DISTRICT_CENTROIDS, SECTOR_CENTROIDS};

/// How many services the England-scale dataset has unless told otherwise: about England's number.
pub const DEFAULT_COUNT: usize = 30_000;

/// Postcode areas outside England (Scotland, Wales, Northern Ireland, the islands).
const NOT_ENGLAND: [&str; 26] = [
    "AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE",
    "BT", "CF", "LD", "LL", "NP", "SA", "GY", "JE", "IM", "ZZ",
];

/// Reads `sector,lat,long[,n_postcodes]` and keeps English sectors.
fn english_sectors(path: &Path) -> Result<Vec<(String, f64, f64)>, String> {
    let text = read_text(path)?;
    let table = CsvTable::parse("sector centroids", &text, |_| true)?;
    let (s, la, lo) = (
        table.column(&["sector"])?,
        table.column(&["lat"])?,
        table.column(&["long"])?,
    );
    Ok(table
        .rows
        .iter()
        .filter_map(|(_, r)| {
            let sector = r[s].to_string();
            let area: String = sector
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            let (lat, lon) = (r[la].parse().ok()?, r[lo].parse().ok()?);
            (!NOT_ENGLAND.contains(&area.as_str()) && sector.contains(' '))
                .then_some((sector, lat, lon))
        })
        .collect())
}

/// `count` made-up services, each on a real English postcode sector (with a made-up unit).
fn providers(shared: &Path, count: usize, seed: u64) -> Result<Vec<Service>, String> {
    let sectors = english_sectors(&SECTOR_CENTROIDS.path(shared))?;
    if sectors.is_empty() {
        return Err("no English postcode sectors found".into());
    }
    let mut rng = Seeded::new(seed);
    // Reuse the example generator for the record itself, then move it onto a real sector.
    let placeholder = example::postcodes(&mut rng);
    let mut out = example::providers(&mut rng, &placeholder, count);
    let letters = b"ABDEFGHJLNPQRSTUWXYZ";
    for (i, p) in out.iter_mut().enumerate() {
        let (sector, lat, lon) = &sectors[rng.below(sectors.len() as u64) as usize];
        let unit = format!(
            "{}{}",
            letters[rng.below(20) as usize] as char,
            letters[rng.below(20) as usize] as char
        );
        p.id = format!("X-{:06}", i + 1);
        p.name = p.name.replacen("Example: ", "Example (benchmark): ", 1);
        p.postcode = format!("{sector}{unit}");
        p.lat = round5(lat + (rng.unit() - 0.5) * 0.02);
        p.lon = round5(lon + (rng.unit() - 0.5) * 0.03);
        p.local_authority = "England (made-up)".into();
    }
    Ok(out)
}

/// Writes the England-scale dataset: synthetic services, real postcode files, real centroids.
pub fn write(
    shared: &Path,
    out: &Path,
    count: usize,
    seed: u64,
    keep: usize,
) -> Result<(), String> {
    let no_data = || format!("no real data at {}", shared.display());
    let files = shared_layout::present(shared)
        .then(|| shared_layout::postcode_files(shared))
        .flatten()
        .ok_or_else(no_data)?;
    let providers = providers(shared, count, seed)?;
    let mut postcodes = PostcodeTable::default();
    for path in &files {
        postcodes.add_file(path)?;
    }
    let centroids_file = DISTRICT_CENTROIDS.path(shared);
    let centroids = if centroids_file.is_file() {
        read_centroids(&centroids_file)?.0
    } else {
        Default::default()
    };
    let units: Vec<_> = postcodes.units.into_values().collect();
    let mut writer = DatasetWriter::default();
    assemble::add_files(&mut writer, providers, &units, &centroids)?;
    writer.add_json(REFERENCE_PATH, &Reference::default());
    // Every build has a councils file; made-up services are in no real council.
    writer.add_json(COUNCILS_PATH, &CouncilsFile::default());
    // The advice pages come from the authored pathways, as in the real dataset.
    writer.add_json(
        PATHWAYS_PATH,
        &pathways::read_folder(&shared_layout::pathways())?.0,
    );
    let area = Area {
        name: format!("England ({count} made-up services for benchmarks)"),
        example: true,
        council: None,
        example_postcode: None,
    };
    writer
        .finish(out, keep, area, "2025-05".into(), vec![])
        .map(|_| ())
}
