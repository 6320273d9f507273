//! carefinder-data: builds carefinder's published dataset from CQC's and ONS's open data.
//! Run with no arguments for the full usage.

mod accounting;
mod assemble;
mod bench;
mod build;
mod example;
mod inputs;
mod output;
#[cfg(test)]
mod properties;
mod scale;
mod sources;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  carefinder-data build --out DIR [inputs] [filters]
      inputs:  --cqc-api FILE|DIR ...       CQC API location records (JSON array, or a folder of files)
               --cqc-api-providers FILE     CQC API provider records, for organisation names
               --cqc-directory FILE         CQC care directory CSV (addresses, postcodes)
               --cqc-filters FILE           CQC care directory with filters CSV (ratings, beds)
               --postcodes FILE ...         ONS postcode coordinates (Postcode,lat,long or ONSPD/NSPL)
               --district-centroids FILE    outcode,lat,long centroids for partial postcodes
               --fees FILE                  fees and reference rates CSV
               --reference FILE             means-test rules and national figures (TOML)
               --pathways DIR               information-and-advice pathways (TOML, checked)
      filters: --local-authority NAME ...   --postcode-area AREA ...
      other:   --area NAME                  --generated-at DATE (default: newest snapshot)
  carefinder-data default --shared DIR --out DIR
      the README's default: real data from DIR (../shared/data) when present, else example data
  carefinder-data example --out DIR [--count N] [--seed N]
      synthetic example data, labelled as such
  carefinder-data scale --shared DIR --out DIR [--count N] [--seed N]
      synthetic services on real postcode sectors across England, for benchmarks
  carefinder-data check-pathways --dir DIR
      checks pathway content without building
  carefinder-data bench --shared DIR
      prints build times, sizes and parse times for the real and England-scale datasets";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match build::run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) if message == USAGE => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
        Err(message) => {
            eprintln!("carefinder-data: {message}");
            ExitCode::FAILURE
        }
    }
}
