//! The builder's command line: its commands and their flags, from which clap makes the usage,
//! the help and the usage errors. What each command does is in `commands.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::synthetic::{example, scale, DEFAULT_SEED};

/// Builds carefinder's published dataset from CQC's and ONS's open data.
#[derive(Debug, Parser)]
// A flag given twice keeps its last value, as the builder always has; repeatable flags add up.
#[command(
    name = "carefinder-data",
    version,
    arg_required_else_help = true,
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// How many earlier builds to keep beside the new one, for visits still reading them
    #[arg(long, global = true, value_name = "N", default_value_t = 1)]
    pub keep_builds: usize,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Builds a dataset from the given inputs, accounting for every record
    // Boxed: its flags make it far larger than the other commands.
    Build(Box<BuildArgs>),
    /// The README's default: real data from --shared (../shared/data) when present, else example data
    Default {
        /// The shared open data
        #[arg(long, value_name = "DIR")]
        shared: PathBuf,
        /// Where to write the dataset
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Synthetic example data, labelled as such
    Example {
        /// Where to write the dataset
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many made-up services
        #[arg(long, value_name = "N", default_value_t = example::DEFAULT_COUNT)]
        count: usize,
        /// The generator's seed (the same seed always gives the same data)
        #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
        seed: u64,
    },
    /// Synthetic services on real postcode sectors across England, for benchmarks
    Scale {
        /// The shared open data, for the postcode sectors and postcode files
        #[arg(long, value_name = "DIR")]
        shared: PathBuf,
        /// Where to write the dataset
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many made-up services
        #[arg(long, value_name = "N", default_value_t = scale::DEFAULT_COUNT)]
        count: usize,
        /// The generator's seed (the same seed always gives the same data)
        #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
        seed: u64,
    },
    /// Checks pathway content without building
    CheckPathways {
        /// The folder of pathway TOML files
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    /// Prints build times, sizes and parse times for the real and England-scale datasets
    Bench {
        /// The shared open data
        #[arg(long, value_name = "DIR")]
        shared: PathBuf,
        /// How many made-up services the England-scale dataset has
        #[arg(long, value_name = "N", default_value_t = scale::DEFAULT_COUNT)]
        count: usize,
    },
}

/// `build`'s inputs and filters.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the dataset
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The area's name in the manifest (default: the services' local authorities)
    #[arg(long, value_name = "NAME")]
    pub area: Option<String>,
    /// The dataset's date (default: the newest input snapshot)
    #[arg(long, value_name = "DATE")]
    pub generated_at: Option<String>,

    /// CQC API location records (a JSON array, or a folder of files); repeatable
    #[arg(long, value_name = "FILE|DIR", help_heading = "Inputs")]
    pub cqc_api: Vec<PathBuf>,
    /// CQC API provider records, for organisation names
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub cqc_api_providers: Option<PathBuf>,
    /// CQC care directory CSV (addresses, postcodes)
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub cqc_directory: Option<PathBuf>,
    /// CQC care directory with filters CSV (ratings, beds), joined to --cqc-directory
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub cqc_filters: Option<PathBuf>,
    /// ONS postcode coordinates (Postcode,lat,long or ONSPD/NSPL); repeatable
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub postcodes: Vec<PathBuf>,
    /// outcode,lat,long centroids for partial postcodes
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub district_centroids: Option<PathBuf>,
    /// Fees, council rates or fair-cost-of-care CSV (compiled layout); repeatable
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub fees: Vec<PathBuf>,
    /// Means-test rules and national figures (TOML)
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub reference: Option<PathBuf>,
    /// Information-and-advice pathways (TOML, checked)
    #[arg(long, value_name = "DIR", help_heading = "Inputs")]
    pub pathways: Option<PathBuf>,
    /// Postcode to local authority district ranges (mySociety's JSON from ONSPD)
    #[arg(long, value_name = "FILE", help_heading = "Whose area")]
    pub postcode_districts: Option<PathBuf>,
    /// mySociety's UK local authorities CSV (names, and each district's county)
    #[arg(long, value_name = "FILE", help_heading = "Whose area")]
    pub authority_names: Option<PathBuf>,
    /// mySociety's GSS code to registry code lookup CSV
    #[arg(long, value_name = "FILE", help_heading = "Whose area")]
    pub gss_lookup: Option<PathBuf>,
    /// GOV.UK Local Links Manager's local authorities CSV (names and home pages)
    #[arg(long, value_name = "FILE", help_heading = "Whose area")]
    pub govuk_councils: Option<PathBuf>,
    /// Council boundaries for the map (GeoJSON in lon/lat with area_code and area_name, as ONS's
    /// generalised boundaries); only the councils the dataset covers are drawn
    #[arg(long, value_name = "FILE", help_heading = "Inputs")]
    pub council_boundaries: Option<PathBuf>,
    /// Council area packs and national help (a folder of TOML, checked)
    #[arg(long, value_name = "DIR", help_heading = "Inputs")]
    pub area_packs: Option<PathBuf>,

    /// Keep only services in this local authority; repeatable
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub local_authority: Vec<String>,
    /// Keep only services in this postcode area (e.g. NR); repeatable
    #[arg(long, value_name = "AREA", help_heading = "Filters")]
    pub postcode_area: Vec<String>,
}
