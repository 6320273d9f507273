//! The builder's commands: parse flags, read every input, account for every record, write the
//! dataset and print the accounting table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use carefinder_core::dataset::{Area, Manifest, Source, PATHWAYS_PATH, REFERENCE_PATH};
use carefinder_core::service::Service;
use carefinder_core::reference::Reference;

use crate::accounting::{table, InputError, Tally};
use crate::assemble::{self, UnitPostcode};
use crate::inputs::admit::{Admission, AreaFilter};
use crate::inputs::postcodes::{read_centroids, Centroids, PostcodeTable};
use crate::inputs::{cqc_api, cqc_directory, pathways, reference};
use crate::output::DatasetWriter;
use crate::sources::{source, InputKind};
use crate::{example, USAGE};

/// `--name value` pairs after the subcommand; names may repeat.
pub struct Flags(Vec<(String, String)>);

impl Flags {
    pub fn parse(args: &[String]) -> Result<Flags, String> {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let name = flag.strip_prefix("--").ok_or_else(|| format!("unexpected argument {flag:?}\n{USAGE}"))?;
            let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
            pairs.push((name.to_string(), value.clone()));
        }
        Ok(Flags(pairs))
    }

    pub fn one(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.one(name).ok_or_else(|| format!("--{name} is required"))
    }

    pub fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        self.one(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("--{name} must be a whole number, not {v:?}")))
    }

    fn check_known(&self, known: &[&str]) -> Result<(), String> {
        match self.0.iter().find(|(n, _)| !known.contains(&n.as_str())) {
            Some((n, _)) => Err(format!("unknown option --{n}\n{USAGE}")),
            None => Ok(()),
        }
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let Some((command, rest)) = args.split_first() else { return Err(USAGE.into()) };
    let flags = Flags::parse(rest)?;
    match command.as_str() {
        "build" => build(&BuildPlan::from_flags(&flags)?).map(|_| ()),
        "default" => default(&flags),
        "example" => example_dataset(&flags),
        "scale" => crate::scale::scale_dataset(&flags),
        "bench" => crate::bench::bench(&flags),
        "check-pathways" => {
            let dir = PathBuf::from(flags.required("dir")?);
            let (list, _) = pathways::read_folder(&dir)?;
            println!("{} pathways in {} are sound.", list.len(), dir.display());
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}

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
    pub fees: Option<PathBuf>,
    pub reference: Option<PathBuf>,
    pub pathways: Option<PathBuf>,
    pub filter: AreaFilter,
    /// Skip the accounting table (benchmarks build many times).
    pub quiet: bool,
}

impl BuildPlan {
    fn from_flags(f: &Flags) -> Result<BuildPlan, String> {
        f.check_known(&[
            "out", "area", "generated-at", "cqc-api", "cqc-api-providers", "cqc-directory", "cqc-filters", "postcodes",
            "district-centroids", "fees", "reference", "pathways", "local-authority", "postcode-area",
        ])?;
        let paths = |n: &str| f.all(n).into_iter().map(PathBuf::from).collect::<Vec<_>>();
        let plan = BuildPlan {
            out: PathBuf::from(f.required("out")?),
            area: f.one("area").map(str::to_string),
            generated_at: f.one("generated-at").map(str::to_string),
            cqc_api: paths("cqc-api"),
            cqc_api_providers: f.one("cqc-api-providers").map(PathBuf::from),
            cqc_directory: f.one("cqc-directory").map(PathBuf::from),
            cqc_filters: f.one("cqc-filters").map(PathBuf::from),
            postcodes: paths("postcodes"),
            district_centroids: f.one("district-centroids").map(PathBuf::from),
            fees: f.one("fees").map(PathBuf::from),
            reference: f.one("reference").map(PathBuf::from),
            pathways: f.one("pathways").map(PathBuf::from),
            filter: AreaFilter {
                local_authorities: f.all("local-authority").into_iter().map(str::to_string).collect(),
                postcode_areas: f.all("postcode-area").into_iter().map(str::to_ascii_uppercase).collect(),
            },
            quiet: false,
        };
        if plan.cqc_filters.is_some() && plan.cqc_directory.is_none() {
            return Err("--cqc-filters has no addresses or postcodes: give --cqc-directory too, to join on the location id".into());
        }
        if plan.cqc_api.is_empty() && plan.cqc_directory.is_none() {
            return Err("no providers to build from: give --cqc-api or --cqc-directory".into());
        }
        Ok(plan)
    }
}

/// Builds the dataset described by `plan`, prints the accounting table, and returns the manifest.
pub fn build(plan: &BuildPlan) -> Result<Manifest, String> {
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
        let (tally, filters_tally) = cqc_directory::import(directory, plan.cqc_filters.as_deref(), &mut admission, &mut providers)?;
        accounts.push((InputKind::CqcDirectory, directory, tally, None));
        if let (Some(path), Some(t)) = (&plan.cqc_filters, filters_tally) {
            accounts.push((InputKind::CqcDirectoryWithFilters, path, t, None));
        }
    }

    let mut reference_data = Reference::default();
    if let Some(path) = &plan.fees {
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

    for (_, path, tally, _) in &accounts {
        if tally.unaccounted() != 0 {
            return Err(InputError::file(&path.display().to_string(), format!("{} records are unaccounted for (a builder bug)", tally.unaccounted())).into());
        }
    }
    let sources: Vec<Source> = accounts.iter().map(|(kind, path, tally, dated)| source(*kind, path, tally, dated.as_deref())).collect();
    let report: Vec<String> = accounts.iter().flat_map(|(_, path, t, _)| t.report_lines(&crate::inputs::csv_file::file_name(path))).collect();

    let area_name = plan.area.clone().unwrap_or_else(|| area_from(&providers, &plan.filter));
    let generated_at = plan.generated_at.clone().unwrap_or_else(|| newest_snapshot(&sources));
    let units: Vec<UnitPostcode> = postcodes.units.into_values().collect();
    let provider_count = providers.len();

    let mut writer = DatasetWriter::default();
    assemble::add_files(&mut writer, providers, &units, &centroids);
    writer.add_json(REFERENCE_PATH, &reference_data);
    writer.add_json(PATHWAYS_PATH, &pathway_list);
    writer.add_text("build-report.tsv", format!("input\trecord\treason\n{}", report.iter().map(|l| format!("{l}\n")).collect::<String>()));
    let manifest = writer.finish(&plan.out, Area { name: area_name, example: false }, generated_at, sources)?;

    if plan.quiet {
        return Ok(manifest);
    }
    let rows: Vec<(String, _)> = manifest.sources.iter().map(|s| (s.file.clone(), s.records.clone())).collect();
    println!("{}", table(&rows));
    println!(
        "Wrote {} services, {} postcodes and {} files to {} (every rejection is listed in build-report.tsv).",
        provider_count,
        units.len(),
        manifest.files.len() + 1,
        plan.out.display()
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
        1..=3 => names.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" and "),
        n => format!("{} and {} other areas", names[0].0, n - 1),
    }
}

fn newest_snapshot(sources: &[Source]) -> String {
    sources.iter().map(|s| s.snapshot_date.as_str()).filter(|d| d.starts_with(|c: char| c.is_ascii_digit())).max().unwrap_or("not stated").to_string()
}

/// The shared data's layout (../shared/data), used by `default`, `scale` and `bench`.
pub fn shared_plan(shared: &Path, out: &Path) -> Option<BuildPlan> {
    let api = shared.join("cqc/oldham_cqc_api_locations_2025-03.json");
    if !api.is_file() {
        return None;
    }
    let mut postcodes: Vec<PathBuf> = std::fs::read_dir(shared.join("postcodes"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("nspl_")))
        .collect();
    postcodes.sort();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Some(BuildPlan {
        out: out.to_path_buf(),
        area: Some("Oldham".into()),
        cqc_api: vec![api],
        cqc_api_providers: Some(shared.join("cqc/oldham_cqc_api_providers_2025-03.json")).filter(|p| p.is_file()),
        postcodes,
        district_centroids: Some(shared.join("postcodes/uk_postcode_district_centroids_may2025.csv")).filter(|p| p.is_file()),
        fees: Some(shared.join("fees/care_fee_reference_rates.csv")).filter(|p| p.is_file()),
        reference: Some(repo.join("content/reference/means-test.toml")),
        pathways: Some(repo.join("content/pathways")),
        ..BuildPlan::default()
    })
}

fn default(flags: &Flags) -> Result<(), String> {
    flags.check_known(&["shared", "out"])?;
    let out = PathBuf::from(flags.required("out")?);
    match shared_plan(Path::new(flags.required("shared")?), &out) {
        Some(plan) => build(&plan).map(|_| ()),
        None => {
            println!("No real data at {}: building the example dataset instead.", flags.required("shared")?);
            example_dataset(flags)
        }
    }
}

fn example_dataset(flags: &Flags) -> Result<(), String> {
    let out = PathBuf::from(flags.required("out")?);
    let count = flags.number("count", 120)? as usize;
    let seed = flags.number("seed", 2026)?;
    let mut rng = example::Seeded::new(seed);
    let postcodes = example::postcodes(&mut rng);
    let providers = example::providers(&mut rng, &postcodes, count);
    let mut writer = DatasetWriter::default();
    assemble::add_files(&mut writer, providers, &postcodes, &Centroids::new());
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut reference_data = Reference::default();
    let (tally, reviewed) = reference::read_authored(&repo.join("content/reference/means-test.toml"), &mut reference_data)?;
    writer.add_json(REFERENCE_PATH, &reference_data);
    let (pathway_list, pathway_tally) = pathways::read_folder(&repo.join("content/pathways"))?;
    writer.add_json(PATHWAYS_PATH, &pathway_list);
    let generator = Source {
        publisher: "carefinder".into(),
        title: "Example data: not real services".into(),
        file: format!("generated (seed {seed}, {count} services)"),
        snapshot_date: "2025-04-01".into(),
        licence: "Made up by carefinder's example generator; free to reuse".into(),
        records: Tally::all_kept(count).counts(),
    };
    let authored = source(InputKind::AuthoredReference, &repo.join("content/reference/means-test.toml"), &tally, Some(&reviewed));
    let newest_review = pathway_list.iter().map(|p| p.reviewed.clone()).max();
    let pathway_source = source(InputKind::AuthoredPathways, &repo.join("content/pathways"), &pathway_tally, newest_review.as_deref());
    let area = Area { name: "Example County (made-up data)".into(), example: true };
    let manifest = writer.finish(&out, area, "2025-04-01".into(), vec![generator, authored, pathway_source])?;
    println!("Wrote the example dataset to {}: {count} services, {} files.", out.display(), manifest.files.len() + 1);
    Ok(())
}
