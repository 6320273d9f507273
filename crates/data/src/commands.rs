//! What each command does: one function per command, each handing its flags to the pipeline,
//! the synthetic generators or the benchmarks, and saying what it wrote.

use std::path::Path;

use crate::bench;
use crate::cli::{BuildArgs, Command};
use crate::inputs::geography::GeographyFiles;
use crate::inputs::pathways;
use crate::pipeline::{self, AreaFilter, BuildPlan};
use crate::shared_layout::real_data_plan;
use crate::synthetic::{example, scale, DEFAULT_SEED};

/// Runs one command; the error is the message to print.
/// `keep` is how many earlier builds stay beside the new one.
pub fn run(command: Command, keep: usize) -> Result<(), String> {
    match command {
        Command::Build(args) => build(*args, keep),
        Command::Default { shared, out } => default(&shared, &out, keep),
        Command::Example { out, count, seed } => example_dataset(&out, count, seed, keep),
        Command::Scale {
            shared,
            out,
            count,
            seed,
        } => scale_dataset(&shared, &out, count, seed, keep),
        Command::CheckPathways { dir } => check_pathways(&dir),
        Command::Bench { shared, count } => bench::run(&shared, count),
    }
}

/// The four whose-area files, all or none (one alone cannot place a postcode).
fn geography(args: &BuildArgs) -> Result<Option<GeographyFiles>, String> {
    match (&args.postcode_districts, &args.authority_names, &args.gss_lookup, &args.govuk_councils) {
        (Some(ranges), Some(authorities), Some(gss), Some(govuk)) => Ok(Some(GeographyFiles {
            ranges: ranges.clone(),
            authorities: authorities.clone(),
            gss_lookup: gss.clone(),
            govuk_councils: govuk.clone(),
        })),
        (None, None, None, None) => Ok(None),
        _ => Err("--postcode-districts, --authority-names, --gss-lookup and --govuk-councils go together: give all four, or none".into()),
    }
}

fn build(args: BuildArgs, keep: usize) -> Result<(), String> {
    let geography = geography(&args)?;
    let plan = BuildPlan {
        out: args.out,
        area: args.area,
        generated_at: args.generated_at,
        cqc_api: args.cqc_api,
        cqc_api_providers: args.cqc_api_providers,
        cqc_directory: args.cqc_directory,
        cqc_filters: args.cqc_filters,
        postcodes: args.postcodes,
        district_centroids: args.district_centroids,
        fees: args.fees,
        reference: args.reference,
        pathways: args.pathways,
        area_packs: args.area_packs,
        council_boundaries: args.council_boundaries,
        geography,
        filter: AreaFilter {
            local_authorities: args.local_authority,
            postcode_areas: args
                .postcode_area
                .iter()
                .map(|a| a.to_ascii_uppercase())
                .collect(),
        },
        quiet: false,
        keep_builds: Some(keep),
    };
    pipeline::build(&plan).map(|_| ())
}

fn default(shared: &Path, out: &Path, keep: usize) -> Result<(), String> {
    match real_data_plan(shared, out) {
        Some(plan) => pipeline::build(&BuildPlan {
            keep_builds: Some(keep),
            ..plan
        })
        .map(|_| ()),
        None => {
            println!(
                "No real data at {}: building the example dataset instead.",
                shared.display()
            );
            example_dataset(out, example::DEFAULT_COUNT, DEFAULT_SEED, keep)
        }
    }
}

fn example_dataset(out: &Path, count: usize, seed: u64, keep: usize) -> Result<(), String> {
    let manifest = example::write(out, count, seed, keep)?;
    println!(
        "Wrote the example dataset to {}: {count} services, {} files.",
        out.display(),
        manifest.files.len() + 1
    );
    Ok(())
}

fn scale_dataset(
    shared: &Path,
    out: &Path,
    count: usize,
    seed: u64,
    keep: usize,
) -> Result<(), String> {
    scale::write(shared, out, count, seed, keep)?;
    println!(
        "Wrote {count} made-up services on real English postcode sectors to {}.",
        out.display()
    );
    Ok(())
}

fn check_pathways(dir: &Path) -> Result<(), String> {
    let (list, _) = pathways::read_folder(dir)?;
    println!("{} pathways in {} are sound.", list.len(), dir.display());
    Ok(())
}
