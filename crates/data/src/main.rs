//! carefinder-data: builds carefinder's published dataset from CQC's and ONS's open data.
//! Run with --help for the usage.

use std::process::ExitCode;

use carefinder_data::{cli::Cli, commands};
use clap::Parser;

fn main() -> ExitCode {
    // Usage errors exit 2 with clap's message (and --help exits 0), before anything runs.
    let cli = Cli::parse();
    match commands::run(cli.command, cli.keep_builds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("carefinder-data: {message}");
            ExitCode::FAILURE
        }
    }
}
