//! carefinder-data: builds carefinder's published dataset.
//!
//!   carefinder-data default --shared DIR --out DIR   real data from DIR when present, else example data
//!   carefinder-data example --out DIR [--count N] [--seed N]

mod assemble;
mod example;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use carefinder_core::dataset::{Area, RecordCounts, Source};

use crate::assemble::UnitPostcode;
use crate::output::DatasetWriter;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("carefinder-data: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` pairs after the subcommand.
struct Flags(Vec<(String, String)>);

impl Flags {
    fn parse(args: &[String]) -> Result<Flags, String> {
        let mut pairs = Vec::new();
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let name = flag.strip_prefix("--").ok_or_else(|| format!("unexpected argument {flag:?}"))?;
            let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
            pairs.push((name.to_string(), value.clone()));
        }
        Ok(Flags(pairs))
    }

    fn one(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn required(&self, name: &str) -> Result<&str, String> {
        self.one(name).ok_or_else(|| format!("--{name} is required"))
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        self.one(name).map_or(Ok(default), |v| v.parse().map_err(|_| format!("--{name} must be a whole number, not {v:?}")))
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let (command, rest) = args.split_first().ok_or_else(usage)?;
    let flags = Flags::parse(rest)?;
    match command.as_str() {
        "example" => build_example(&flags),
        "default" => {
            // The real-data build arrives with the dataset issue; until then, example data.
            build_example(&flags)
        }
        _ => Err(usage()),
    }
}

fn usage() -> String {
    "usage: carefinder-data default --shared DIR --out DIR | example --out DIR [--count N] [--seed N]".into()
}

fn build_example(flags: &Flags) -> Result<(), String> {
    let out = PathBuf::from(flags.required("out")?);
    let count = flags.number("count", 120)? as usize;
    let mut rng = example::Seeded::new(flags.number("seed", 2026)?);
    let postcodes = example::postcodes(&mut rng);
    let providers = example::providers(&mut rng, &postcodes, count);
    let units: Vec<UnitPostcode> = postcodes
        .iter()
        .map(|p| UnitPostcode { district: p.district.clone(), inward: p.inward.clone(), lat: p.lat, lon: p.lon })
        .collect();
    let mut writer = DatasetWriter::default();
    assemble::add_files(&mut writer, providers, &units);
    let source = Source {
        publisher: "carefinder".into(),
        title: "Example data: not real services".into(),
        file: format!("generated (seed {}, {count} services)", flags.number("seed", 2026)?),
        snapshot_date: "2025-04-01".into(),
        licence: "Made up by carefinder's example generator; free to reuse".into(),
        records: RecordCounts { read: count, kept: count, rejected: 0, reasons: vec![] },
    };
    let area = Area { name: "Example County (made-up data)".into(), example: true };
    let manifest = writer.finish(&out, area, "2025-04-01".into(), vec![source])?;
    println!("Wrote example dataset to {}: {count} services, {} files", out.display(), manifest.files.len() + 1);
    Ok(())
}
