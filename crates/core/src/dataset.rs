//! The published dataset: the contract between the builder (which writes it) and the app (which
//! reads it). Every file the app loads is described here, and `manifest.json` lists them all.

use serde::{Deserialize, Serialize};

use crate::distance::Point;

/// Bumped whenever a change would make an older app misread the files.
pub const SCHEMA_VERSION: u32 = 5;

/// The one file at the top of the dataset folder (served at `/data/`): it names the build, and
/// every other file lives in that build's folder, `<build>/...`. Paths below are relative to it.
pub const MANIFEST_PATH: &str = "manifest.json";

/// The search index: every service's `ServiceSummary`, one JSON array.
pub const SERVICES_PATH: &str = "services.json";
/// Information-and-advice pathways.
pub const PATHWAYS_PATH: &str = "pathways.json";
/// Reference figures and means-test rules.
pub const REFERENCE_PATH: &str = "reference.json";
/// Councils, whose area each district is in, area packs and national help (`council::CouncilsFile`).
pub const COUNCILS_PATH: &str = "councils.json";
/// Centroids of every postcode district in the dataset, for searches from a district alone.
pub const DISTRICTS_PATH: &str = "postcodes/districts.json";
/// The results map's orientation layers: district outlines, council boundaries and place names
/// (`map_layers::MapLayers`). Optional: without it the map draws its markers alone.
pub const MAP_PATH: &str = "map.json";

/// Full service records for one postcode area ("OL"): grouped by area, not district, so that
/// opening a service tells the host no more about where a person is looking than the postcode
/// lookup does.
pub fn service_details_path(area: &str) -> String {
    format!("services/{area}.json")
}

/// Every unit postcode of one postcode area ("OL"), with its coordinates (`AreaPostcodes`).
pub fn postcode_area_path(area: &str) -> String {
    format!("postcodes/{area}.json")
}

/// One row of `data/postcodes/districts.json`: a district and the mean of its postcodes,
/// published as `["NR2", lat, lon]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "(String, f64, f64)", from = "(String, f64, f64)")]
pub struct DistrictCentroid {
    pub district: String,
    pub centre: Point,
}

impl From<(String, f64, f64)> for DistrictCentroid {
    fn from((district, lat, lon): (String, f64, f64)) -> DistrictCentroid {
        DistrictCentroid {
            district,
            centre: Point::new(lat, lon),
        }
    }
}

impl From<DistrictCentroid> for (String, f64, f64) {
    fn from(c: DistrictCentroid) -> (String, f64, f64) {
        (c.district, c.centre.lat, c.centre.lon)
    }
}

/// Finds a district's centroid.
pub fn find_centroid(centroids: &[DistrictCentroid], district: &str) -> Option<Point> {
    centroids
        .iter()
        .find(|c| c.district == district)
        .map(|c| c.centre)
}

/// `data/manifest.json`: what the dataset covers, where it came from, and which files it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    /// The build's folder: 16 lower-case hex digits derived from the hashes of all its files.
    pub build: String,
    /// The date the data describe, from the newest source snapshot (keeps builds reproducible).
    pub generated_at: String,
    pub area: Area,
    pub sources: Vec<Source>,
    pub files: Vec<DataFile>,
}

/// The area the dataset covers, and whether it is synthetic example data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub name: String,
    /// True for the project's synthetic example data: the app then says so on every page.
    pub example: bool,
    /// The council whose area most of the dataset's services are in (ONS code), when known:
    /// pages with no person's council yet (pre-rendered ones) use its pack.
    #[serde(default)]
    pub council: Option<String>,
    /// A real postcode from the dataset, for hints ("For example, OL1 1XX").
    #[serde(default)]
    pub example_postcode: Option<String>,
}

/// One input the builder read, with its provenance and what became of its records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    /// The input file's name (not its path on the machine that built the dataset).
    pub file: String,
    pub snapshot_date: String,
    pub licence: String,
    pub records: RecordCounts,
}

/// Accounting for one input: nothing is dropped without a counted reason.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordCounts {
    pub read: usize,
    pub kept: usize,
    pub rejected: usize,
    /// Rejections grouped by reason, largest first.
    pub reasons: Vec<ReasonCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReasonCount {
    pub reason: String,
    pub count: usize,
}

/// One file of the dataset, so a cache or a reviewer can check it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataFile {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Why a manifest cannot be used; the message names the problem in plain words.
#[derive(Clone, Debug, PartialEq)]
pub enum ManifestError {
    Malformed(String),
    WrongSchema {
        found: u32,
    },
    /// `build` is not 16 lower-case hex digits (it names a folder, so nothing else is allowed).
    BadBuild(String),
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ManifestError::Malformed(why) => write!(f, "{MANIFEST_PATH} is not a valid dataset manifest: {why}"),
            ManifestError::WrongSchema { found } => write!(
                f,
                "{MANIFEST_PATH} uses dataset schema {found}, but this version of carefinder reads schema {SCHEMA_VERSION}"
            ),
            ManifestError::BadBuild(build) => write!(f, "{MANIFEST_PATH} names the build {build:?}, which is not 16 lower-case hex digits"),
        }
    }
}

impl std::error::Error for ManifestError {}

/// Sources that share a publisher, title and licence (e.g. nine ONS postcode files), as one line.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceGroup {
    pub publisher: String,
    pub title: String,
    pub licence: String,
    pub files: usize,
    /// Distinct snapshot dates, oldest first.
    pub snapshot_dates: Vec<String>,
}

impl Manifest {
    /// The sources grouped for a short attribution (the footer), in first-seen order.
    pub fn source_groups(&self) -> Vec<SourceGroup> {
        let mut groups: Vec<SourceGroup> = Vec::new();
        for s in &self.sources {
            let found = groups.iter_mut().find(|g| {
                g.publisher == s.publisher && g.title == s.title && g.licence == s.licence
            });
            let group = match found {
                Some(g) => g,
                None => {
                    groups.push(SourceGroup {
                        publisher: s.publisher.clone(),
                        title: s.title.clone(),
                        licence: s.licence.clone(),
                        files: 0,
                        snapshot_dates: vec![],
                    });
                    groups.last_mut().expect("just pushed")
                }
            };
            group.files += 1;
            if !group.snapshot_dates.contains(&s.snapshot_date) {
                group.snapshot_dates.push(s.snapshot_date.clone());
                group.snapshot_dates.sort();
            }
        }
        groups
    }

    /// Reads and checks a manifest. Both the app and the builder's own checks use this.
    pub fn from_json(text: &str) -> Result<Manifest, ManifestError> {
        let manifest: Manifest =
            serde_json::from_str(text).map_err(|e| ManifestError::Malformed(e.to_string()))?;
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(ManifestError::WrongSchema {
                found: manifest.schema_version,
            });
        }
        if !is_build_name(&manifest.build) {
            return Err(ManifestError::BadBuild(manifest.build));
        }
        Ok(manifest)
    }

    /// The listing of one file, by its path in the build folder.
    pub fn file(&self, path: &str) -> Option<&DataFile> {
        self.files.iter().find(|f| f.path == path)
    }
}

/// 16 lower-case hex digits: the only names a build folder has.
pub fn is_build_name(name: &str) -> bool {
    name.len() == 16 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest {
            schema_version: SCHEMA_VERSION,
            build: "0123456789abcdef".into(),
            generated_at: "2025-03-13".into(),
            area: Area {
                name: "Oldham".into(),
                example: false,
                council: Some("E08000004".into()),
                example_postcode: Some("OL1 1UT".into()),
            },
            sources: vec![Source {
                publisher: "Care Quality Commission".into(),
                title: "CQC API location records".into(),
                file: "locations.json".into(),
                snapshot_date: "2025-03".into(),
                licence: "Open Government Licence v3.0".into(),
                records: RecordCounts {
                    read: 3,
                    kept: 1,
                    rejected: 2,
                    reasons: vec![ReasonCount {
                        reason: "deregistered".into(),
                        count: 2,
                    }],
                },
            }],
            files: vec![],
        }
    }

    #[test]
    fn finds_district_centroids() {
        let c: Vec<DistrictCentroid> =
            serde_json::from_str(r#"[["NR1",52.6,1.3],["NR2",52.63,1.28]]"#).unwrap();
        assert_eq!(find_centroid(&c, "NR2"), Some(Point::new(52.63, 1.28)));
        assert_eq!(find_centroid(&c, "NR3"), None);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"[["NR1",52.6,1.3],["NR2",52.63,1.28]]"#
        );
    }

    #[test]
    fn a_build_that_is_not_a_plain_folder_name_is_refused() {
        for bad in [
            "",
            "0123456789ABCDEF",
            "../../etc/passwd",
            "0123456789abcde",
            "0123456789abcdef0",
        ] {
            let mut m = sample();
            m.build = bad.into();
            let text = serde_json::to_string(&m).unwrap();
            assert_eq!(
                Manifest::from_json(&text),
                Err(ManifestError::BadBuild(bad.into()))
            );
        }
    }

    #[test]
    fn a_manifest_survives_a_round_trip() {
        let m = sample();
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(Manifest::from_json(&text), Ok(m));
    }

    #[test]
    fn a_truncated_manifest_is_malformed_with_a_reason() {
        let text = serde_json::to_string(&sample()).unwrap();
        let err = Manifest::from_json(&text[..text.len() / 2]).unwrap_err();
        assert!(matches!(err, ManifestError::Malformed(_)));
        assert!(
            err.to_string()
                .starts_with("manifest.json is not a valid dataset manifest: EOF"),
            "{err}"
        );
    }

    #[test]
    fn sources_with_the_same_publisher_and_title_are_grouped() {
        let mut m = sample();
        let mut postcodes = m.sources[0].clone();
        postcodes.publisher = "Office for National Statistics".into();
        postcodes.title = "Postcode coordinates".into();
        for (file, date) in [
            ("NR.csv", "2025-05"),
            ("PE.csv", "2025-05"),
            ("IP.csv", "2025-02"),
        ] {
            m.sources.push(Source {
                file: file.into(),
                snapshot_date: date.into(),
                ..postcodes.clone()
            });
        }
        let groups = m.source_groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].files, 1);
        assert_eq!(
            (groups[1].files, groups[1].snapshot_dates.clone()),
            (3, vec!["2025-02".to_string(), "2025-05".to_string()])
        );
    }

    #[test]
    fn another_schema_version_is_refused() {
        let mut m = sample();
        m.schema_version = SCHEMA_VERSION + 1;
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(
            Manifest::from_json(&text),
            Err(ManifestError::WrongSchema {
                found: SCHEMA_VERSION + 1
            })
        );
    }
}
