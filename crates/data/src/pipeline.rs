//! The build pipeline: a `BuildPlan` names the inputs; `build` reads each one, accounts for
//! every record, writes the dataset and prints the accounting table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use carefinder_core::dataset::{
    Area, Manifest, Source, COUNCILS_PATH, MAP_PATH, PATHWAYS_PATH, REFERENCE_PATH,
};
use carefinder_core::reference::Reference;
use carefinder_core::service::Service;

use crate::accounting::{table, InputError, Tally};
use crate::assemble::{self, UnitPostcode};
use crate::councils;
use crate::inputs::admit::Admission;
pub use crate::inputs::admit::AreaFilter;
use crate::inputs::geography::GeographyFiles;
use crate::inputs::postcodes::{read_centroids, Centroids, PostcodeTable};
use crate::inputs::{area_packs, cqc_api, cqc_directory, pathways, reference};
use crate::map_layers;
use crate::output::DatasetWriter;
use crate::sources::{source, InputKind};

/// Everything one build reads, and how it filters.
#[derive(Default)]
pub struct BuildPlan {
    pub out: PathBuf,
    pub area: Option<String>,
    pub generated_at: Option<String>,
    pub cqc_api: Vec<PathBuf>,
    pub cqc_api_providers: Option<PathBuf>,
    pub cqc_directory: Option<PathBuf>,
    pub cqc_filters: Option<PathBuf>,
    pub postcodes: Vec<PathBuf>,
    pub district_centroids: Option<PathBuf>,
    /// Fee and cost files in the compiled layout (SOURCES.md section 3).
    pub fees: Vec<PathBuf>,
    pub reference: Option<PathBuf>,
    pub pathways: Option<PathBuf>,
    /// Council area packs and national help (content/areas/).
    pub area_packs: Option<PathBuf>,
    /// Council boundaries for the map (GeoJSON); without them the map has no council lines.
    pub council_boundaries: Option<PathBuf>,
    /// The postcode → council files; without them no council is known.
    pub geography: Option<GeographyFiles>,
    pub filter: AreaFilter,
    /// Skip the accounting table (benchmarks build many times).
    pub quiet: bool,
    /// How many earlier builds stay beside the new one (`None`: one, the previous).
    pub keep_builds: Option<usize>,
}

impl BuildPlan {
    /// Plans that cannot make a dataset, refused before anything is read.
    fn check(&self) -> Result<(), String> {
        if self.cqc_filters.is_some() && self.cqc_directory.is_none() {
            return Err("--cqc-filters has no addresses or postcodes: give --cqc-directory too, to join on the location id".into());
        }
        if self.cqc_api.is_empty() && self.cqc_directory.is_none() {
            return Err("no providers to build from: give --cqc-api or --cqc-directory".into());
        }
        Ok(())
    }
}

/// Builds the dataset described by `plan`, prints the accounting table, and returns the manifest.
pub fn build(plan: &BuildPlan) -> Result<Manifest, String> {
    plan.check()?;
    // (kind, file, tally, a date the file states when its name has none)
    let mut accounts: Vec<(InputKind, &Path, Tally, Option<String>)> = Vec::new();

    let mut postcodes = PostcodeTable::default();
    for path in &plan.postcodes {
        accounts.push((InputKind::Postcodes, path, postcodes.add_file(path)?, None));
    }
    let mut centroids = Centroids::new();
    if let Some(path) = &plan.district_centroids {
        let (read, tally) = read_centroids(path)?;
        centroids = read;
        accounts.push((InputKind::DistrictCentroids, path, tally, None));
    }

    let mut provider_names = BTreeMap::new();
    if let Some(path) = &plan.cqc_api_providers {
        let (names, tally) = cqc_api::read_provider_names(path)?;
        provider_names = names;
        accounts.push((InputKind::CqcApiProviders, path, tally, None));
    }
    let mut providers: Vec<Service> = Vec::new();
    let mut admission = Admission::new(&plan.filter, &postcodes);
    for path in &plan.cqc_api {
        let tally = cqc_api::import(path, &provider_names, &mut admission, &mut providers)?;
        accounts.push((InputKind::CqcApiLocations, path, tally, None));
    }
    if let Some(directory) = &plan.cqc_directory {
        let (tally, filters_tally) = cqc_directory::import(
            directory,
            plan.cqc_filters.as_deref(),
            &mut admission,
            &mut providers,
        )?;
        accounts.push((InputKind::CqcDirectory, directory, tally, None));
        if let (Some(path), Some(t)) = (&plan.cqc_filters, filters_tally) {
            accounts.push((InputKind::CqcDirectoryWithFilters, path, t, None));
        }
    }
    let named_places = std::mem::take(&mut admission.places);

    let mut reference_data = Reference::default();
    for path in &plan.fees {
        let (tally, newest) = reference::read_fees_csv(path, &mut reference_data)?;
        accounts.push((InputKind::FeesAndRates, path, tally, newest));
    }
    if let Some(path) = &plan.reference {
        let (tally, reviewed) = reference::read_authored(path, &mut reference_data)?;
        accounts.push((InputKind::AuthoredReference, path, tally, Some(reviewed)));
    }
    reference::finish(&mut reference_data);
    let mut pathway_list = Vec::new();
    if let Some(dir) = &plan.pathways {
        let (list, tally) = pathways::read_folder(dir)?;
        let reviewed = list.iter().map(|p| p.reviewed.clone()).max();
        pathway_list = list;
        accounts.push((InputKind::AuthoredPathways, dir, tally, reviewed));
    }

    let mut councils_file = councils::assemble(plan, &mut providers, &postcodes, &mut accounts)?;
    if let Some(dir) = &plan.area_packs {
        let (content, tally) = area_packs::read_folder(dir, &pathway_list)?;
        councils_file.file.packs = content.packs;
        councils_file.file.national = content.national;
        accounts.push((InputKind::AuthoredAreaPacks, dir, tally, content.reviewed));
    }
    for (key, unit) in postcodes.units.iter_mut() {
        unit.council = councils_file.by_postcode.remove(key);
    }
    let units: Vec<UnitPostcode> = postcodes.units.into_values().collect();
    let (mut map, map_accounts) = map_layers::layers(&units, &named_places);
    if let Some(path) = &plan.council_boundaries {
        let covered = units.iter().filter_map(|u| u.council.clone()).collect();
        let (boundaries, tally) = map_layers::read_boundaries(path, &covered)?;
        map.councils = boundaries;
        accounts.push((InputKind::CouncilBoundaries, path, tally, None));
    }

    for (_, path, tally, _) in &accounts {
        if tally.unaccounted() != 0 {
            return Err(InputError::file(
                &path.display().to_string(),
                format!(
                    "{} records are unaccounted for (a builder bug)",
                    tally.unaccounted()
                ),
            )
            .into());
        }
    }
    let sources: Vec<Source> = accounts
        .iter()
        .map(|(kind, path, tally, dated)| source(*kind, path, tally, dated.as_deref()))
        .collect();
    let mut report: Vec<String> = accounts
        .iter()
        .flat_map(|(_, path, t, _)| t.report_lines(&crate::inputs::csv_file::file_name(path)))
        .collect();
    let map_rows = map_accounts.rows();
    for (name, tally) in &map_rows {
        report.extend(tally.report_lines(name));
    }

    let area_name = plan
        .area
        .clone()
        .unwrap_or_else(|| area_from(&providers, &plan.filter));
    let generated_at = plan
        .generated_at
        .clone()
        .unwrap_or_else(|| newest_snapshot(&sources));
    let provider_count = providers.len();

    let mut writer = DatasetWriter::default();
    writer.add_json(COUNCILS_PATH, &councils_file.file);
    assemble::add_files(&mut writer, providers, &units, &centroids)?;
    writer.add_json(REFERENCE_PATH, &reference_data);
    writer.add_json(PATHWAYS_PATH, &pathway_list);
    writer.add_json(MAP_PATH, &map);
    writer.add_text(
        "build-report.tsv",
        format!(
            "input\trecord\treason\n{}",
            report.iter().map(|l| format!("{l}\n")).collect::<String>()
        ),
    );
    let manifest = writer.finish(
        &plan.out,
        plan.keep_builds.unwrap_or(1),
        Area {
            name: area_name,
            example: false,
            council: councils_file.home_council.clone(),
            example_postcode: councils_file.example_postcode.clone(),
        },
        generated_at,
        sources,
    )?;

    if plan.quiet {
        return Ok(manifest);
    }
    let rows: Vec<(String, _)> = manifest
        .sources
        .iter()
        .map(|s| (s.file.clone(), s.records.clone()))
        .collect();
    println!("{}", table(&rows));
    let map_table: Vec<(String, _)> = map_rows
        .iter()
        .map(|(n, t)| (n.clone(), t.counts()))
        .collect();
    println!(
        "The map ({MAP_PATH}): {} district outlines, {} place names, {} council boundaries.\n{}",
        map.districts.len(),
        map.places.len(),
        map.councils.len(),
        table(&map_table)
    );
    for note in &councils_file.notes {
        println!("{note}");
    }
    println!(
        "Wrote {} services, {} postcodes and {} files to {} as build {} (every rejection is listed in {}/build-report.tsv).",
        provider_count,
        units.len(),
        manifest.files.len() + 1,
        plan.out.display(),
        manifest.build,
        manifest.build
    );
    Ok(manifest)
}

/// "Oldham", or "Norfolk and Suffolk": the local authorities the services are in.
fn area_from(providers: &[Service], filter: &AreaFilter) -> String {
    if !filter.local_authorities.is_empty() {
        return filter.local_authorities.join(" and ");
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in providers {
        *counts.entry(p.local_authority.as_str()).or_default() += 1;
    }
    let mut names: Vec<(&str, usize)> = counts.into_iter().filter(|(n, _)| !n.is_empty()).collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    match names.len() {
        0 => "England".into(),
        1..=3 => names
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(" and "),
        n => format!("{} and {} other areas", names[0].0, n - 1),
    }
}

fn newest_snapshot(sources: &[Source]) -> String {
    sources
        .iter()
        .map(|s| s.snapshot_date.as_str())
        .filter(|d| d.starts_with(|c: char| c.is_ascii_digit()))
        .max()
        .unwrap_or("not stated")
        .to_string()
}
