//! Where the builder finds its inputs: every file of the shared open data (../shared/data,
//! beside the repository, never copied into it) that the builder and its tests read, and the
//! repository's own authored content. Named once here so a renamed file is changed once.

use std::path::{Path, PathBuf};

use crate::inputs::geography::GeographyFiles;
use crate::pipeline::BuildPlan;

/// The shared data's place, relative to the repository's root.
pub const BESIDE_REPO: &str = "../shared/data";

/// One file of the shared data: its folder there and its name (the name the manifest shows).
pub struct SharedFile {
    pub folder: &'static str,
    pub name: &'static str,
}

impl SharedFile {
    pub fn path(&self, shared: &Path) -> PathBuf {
        shared.join(self.folder).join(self.name)
    }
}

/// CQC API `/locations/{id}` records for Oldham: the real dataset's services.
pub const OLDHAM_LOCATIONS: SharedFile = SharedFile {
    folder: "cqc",
    name: "oldham_cqc_api_locations_2025-03.json",
};
/// CQC API `/providers/{id}` records for Oldham: organisation names.
pub const OLDHAM_PROVIDERS: SharedFile = SharedFile {
    folder: "cqc",
    name: "oldham_cqc_api_providers_2025-03.json",
};
/// A sample of CQC's "care directory with filters" for Norfolk (ratings, no addresses).
pub const NORFOLK_FILTERS_SAMPLE: SharedFile = SharedFile {
    folder: "cqc",
    name: "norfolk_cqc_care_directory_with_filters_sample_2025-08.csv",
};
/// ONS postcode coordinates, one file per postcode area: every file in this folder with this prefix.
pub const POSTCODES_FOLDER: &str = "postcodes";
pub const POSTCODES_PREFIX: &str = "nspl_";
/// The NR (Norwich) postcode area's file, one of those above.
pub const NR_POSTCODES: SharedFile = SharedFile {
    folder: POSTCODES_FOLDER,
    name: "nspl_may2025_latlong_NR.csv",
};
/// Centroids of every UK postcode district, for partial postcodes.
pub const DISTRICT_CENTROIDS: SharedFile = SharedFile {
    folder: POSTCODES_FOLDER,
    name: "uk_postcode_district_centroids_may2025.csv",
};
/// Centroids of every UK postcode sector, where the England-scale benchmark places its services.
pub const SECTOR_CENTROIDS: SharedFile = SharedFile {
    folder: POSTCODES_FOLDER,
    name: "uk_postcode_sector_centroids_may2025.csv",
};
/// Compiled care fees and reference rates (England benchmarks, Norfolk).
pub const FEES: SharedFile = SharedFile {
    folder: "fees",
    name: "care_fee_reference_rates.csv",
};
/// Compiled council fee rates and charges (Rochdale, Trafford, Wigan, Oldham, ...).
pub const COUNCIL_FEES: SharedFile = SharedFile {
    folder: "fees",
    name: "council_care_fee_rates_compiled.csv",
};
/// Compiled 2022-23 fair cost of care medians and quartiles (21 councils).
pub const FAIR_COST: SharedFile = SharedFile {
    folder: "fees",
    name: "fair_cost_of_care_2022_medians_compiled.csv",
};
/// Every fee and cost file the real build reads, in this order.
pub const FEE_FILES: [&SharedFile; 3] = [&FEES, &COUNCIL_FEES, &FAIR_COST];

/// mySociety's postcode → local authority district ranges (ONSPD November 2022).
pub const POSTCODE_DISTRICT_RANGES: SharedFile = SharedFile {
    folder: "geography",
    name: "mysociety_postcode_to_lad_ranges_onspd_nov2022.json",
};
/// mySociety's UK local authorities (replaced-by, county of each district).
pub const LOCAL_AUTHORITIES: SharedFile = SharedFile {
    folder: "geography",
    name: "mysociety_uk_local_authorities_2025-07.csv",
};
/// mySociety's GSS code → authority code lookup (present and former codes).
pub const GSS_TO_REGISTRY: SharedFile = SharedFile {
    folder: "geography",
    name: "mysociety_lookup_gss_to_registry_2025-07.csv",
};
/// GOV.UK's list of councils (names and home pages).
pub const GOVUK_COUNCILS: SharedFile = SharedFile {
    folder: "councils",
    name: "govuk_local_links_manager_local_authorities_2025-11.csv",
};
/// ONS's Greater Manchester council boundaries (December 2023, generalised), for the map.
pub const GM_BOUNDARIES: SharedFile = SharedFile {
    folder: "boundaries",
    name: "gm_local_authority_generalised_dec2023.geojson",
};
/// Derived best-fit tables (sector/district → local authority), used only by tests as an
/// independent check.
pub const SECTOR_BEST_FIT: SharedFile = SharedFile {
    folder: "geography",
    name: "postcode_sector_to_lad_best_fit_derived.csv",
};
pub const DISTRICT_BEST_FIT: SharedFile = SharedFile {
    folder: "geography",
    name: "postcode_district_to_lad_best_fit_derived.csv",
};

/// The geography files, when all four are there.
pub fn geography_files(shared: &Path) -> Option<GeographyFiles> {
    let files = GeographyFiles {
        ranges: POSTCODE_DISTRICT_RANGES.path(shared),
        authorities: LOCAL_AUTHORITIES.path(shared),
        gss_lookup: GSS_TO_REGISTRY.path(shared),
        govuk_councils: GOVUK_COUNCILS.path(shared),
    };
    [
        &files.ranges,
        &files.authorities,
        &files.gss_lookup,
        &files.govuk_councils,
    ]
    .iter()
    .all(|p| p.is_file())
    .then_some(files)
}

/// Whether `shared` holds the real data (its services file, which every real build needs).
pub fn present(shared: &Path) -> bool {
    OLDHAM_LOCATIONS.path(shared).is_file()
}

/// The ONS postcode files, in name order so builds never depend on the folder's order; None
/// when there is no postcodes folder.
pub fn postcode_files(shared: &Path) -> Option<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join(POSTCODES_FOLDER))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(POSTCODES_PREFIX))
        })
        .collect();
    files.sort();
    Some(files)
}

/// The repository's authored means-test rules and national rates.
pub fn means_test_rules() -> PathBuf {
    repo().join("content/reference/means-test.toml")
}

/// The repository's authored council area packs and national help.
pub fn area_packs() -> PathBuf {
    repo().join("content/areas")
}

/// The repository's authored advice pathways.
pub fn pathways() -> PathBuf {
    repo().join("content/pathways")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The real dataset's build (`default`, `bench`): Oldham's services with every shared file the
/// build uses, or None when `shared` does not hold the real data.
pub fn real_data_plan(shared: &Path, out: &Path) -> Option<BuildPlan> {
    if !present(shared) {
        return None;
    }
    let optional = |file: &SharedFile| Some(file.path(shared)).filter(|p| p.is_file());
    Some(BuildPlan {
        out: out.to_path_buf(),
        area: Some("Oldham".into()),
        cqc_api: vec![OLDHAM_LOCATIONS.path(shared)],
        cqc_api_providers: optional(&OLDHAM_PROVIDERS),
        postcodes: postcode_files(shared)?,
        district_centroids: optional(&DISTRICT_CENTROIDS),
        fees: FEE_FILES.iter().filter_map(|f| optional(f)).collect(),
        reference: Some(means_test_rules()),
        pathways: Some(pathways()),
        area_packs: Some(area_packs()),
        council_boundaries: optional(&GM_BOUNDARIES),
        geography: geography_files(shared),
        ..BuildPlan::default()
    })
}
