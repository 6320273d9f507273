use std::cell::RefCell;
use std::collections::HashMap;

use sha2::Digest;

use super::*;
use crate::dataset::{Area, DataFile, SCHEMA_VERSION};

/// Runs a future that never waits (both test backends answer at once).
fn now<T>(f: impl Future<Output = T>) -> T {
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("the test backends never wait"),
    }
}

const BUILD: &str = "00112233aabbccdd";

/// A manifest listing these files of build BUILD, with hashes computed here by sha2.
fn manifest_for(files: &[(&str, &str)]) -> Manifest {
    Manifest {
        schema_version: SCHEMA_VERSION,
        build: BUILD.into(),
        generated_at: "2025-03-13".into(),
        area: Area {
            name: "Oldham".into(),
            example: false,
            council: None,
            example_postcode: None,
        },
        sources: vec![],
        files: files
            .iter()
            .map(|(path, text)| DataFile {
                path: path.to_string(),
                bytes: text.len() as u64,
                sha256: hex(&sha2::Sha256::digest(text)),
            })
            .collect(),
    }
}

/// Files held in memory, remembering every path asked for.
struct Memory {
    files: HashMap<String, Vec<u8>>,
    asked: RefCell<Vec<String>>,
}

impl DatasetFiles for Memory {
    async fn bytes(&self, path: &str) -> Result<Vec<u8>, DataError> {
        self.asked.borrow_mut().push(path.to_string());
        self.files.get(path).cloned().ok_or(DataError::Missing {
            path: path.to_string(),
            status: Some(404),
        })
    }

    async fn sha256(&self, bytes: &[u8]) -> Option<String> {
        Some(hex(&sha2::Sha256::digest(bytes)))
    }

    fn describe(&self, path: &str) -> String {
        format!("/data/{path}")
    }
}

/// A site whose manifest lists `listed` and whose build folder holds `served`.
fn site(listed: &[(&str, &str)], served: &[(&str, &str)]) -> DatasetReader<Memory> {
    let mut files: HashMap<String, Vec<u8>> = served
        .iter()
        .map(|(p, t)| (format!("{BUILD}/{p}"), t.as_bytes().to_vec()))
        .collect();
    files.insert(
        MANIFEST_PATH.into(),
        serde_json::to_vec(&manifest_for(listed)).unwrap(),
    );
    now(DatasetReader::open(Memory {
        files,
        asked: RefCell::default(),
    }))
    .unwrap()
}

const CENTRES: &str = r#"[["OL1",53.5,-2.1]]"#;

#[test]
fn files_come_from_the_build_the_manifest_names() {
    let data = site(&[(DISTRICTS_PATH, CENTRES)], &[(DISTRICTS_PATH, CENTRES)]);
    assert_eq!(now(data.district_centres()).unwrap()[0].district, "OL1");
    assert_eq!(
        *data.files.asked.borrow(),
        vec![
            MANIFEST_PATH.to_string(),
            format!("{BUILD}/{DISTRICTS_PATH}")
        ]
    );
}

#[test]
fn a_file_whose_bytes_differ_from_the_listing_is_a_mismatch_not_data() {
    // Same length, other bytes: only the hash can tell.
    let other = r#"[["OL2",53.5,-2.1]]"#;
    let data = site(&[(DISTRICTS_PATH, CENTRES)], &[(DISTRICTS_PATH, other)]);
    let err = now(data.district_centres()).unwrap_err();
    assert_eq!(
        err,
        DataError::Mismatch {
            path: format!("/data/{BUILD}/{DISTRICTS_PATH}")
        }
    );
    assert!(err.is_stale());
    assert!(
        err.to_string()
            .contains("is not the file its manifest.json lists"),
        "{err}"
    );
    // A different length is caught before hashing.
    let data = site(&[(DISTRICTS_PATH, CENTRES)], &[(DISTRICTS_PATH, "[]")]);
    assert!(matches!(
        now(data.district_centres()),
        Err(DataError::Mismatch { .. })
    ));
}

#[test]
fn a_build_folder_that_has_gone_is_stale_and_an_unlisted_file_is_not_fetched() {
    let data = site(&[(DISTRICTS_PATH, CENTRES)], &[]);
    assert!(now(data.district_centres()).unwrap_err().is_stale());
    let data = site(&[], &[]);
    let err = now(data.services_in_area("OL")).unwrap_err();
    assert_eq!(
        err,
        DataError::Missing {
            path: format!("/data/{BUILD}/services/OL.json"),
            status: None
        }
    );
    assert!(!err.is_stale());
    assert_eq!(now(data.area_postcodes("NR")), Ok(None));
    assert_eq!(
        *data.files.asked.borrow(),
        vec![MANIFEST_PATH.to_string()],
        "nothing but the manifest was fetched"
    );
}

#[test]
fn an_area_file_is_read_and_checked() {
    let area = r#"{"area":"OL","districts":[{"district":"OL1","inward":"1AA","lat":[5354151],"lon":[-209982]}]}"#;
    let data = site(
        &[("postcodes/OL.json", area)],
        &[("postcodes/OL.json", area)],
    );
    let file = now(data.area_postcodes("OL")).unwrap().expect("listed");
    let postcode = crate::postcode::Postcode::parse("OL1 1AA").unwrap();
    assert_eq!(
        file.find(&postcode),
        Some(crate::distance::Point::new(53.54151, -2.09982))
    );
    let bad = r#"{"area":"OL","districts":[{"district":"OL1","inward":"1AA","lat":[],"lon":[]}]}"#;
    let data = site(&[("postcodes/OL.json", bad)], &[("postcodes/OL.json", bad)]);
    let Err(DataError::Malformed { path, reason }) = now(data.area_postcodes("OL")) else {
        panic!("a damaged area file is malformed")
    };
    assert_eq!(path, format!("/data/{BUILD}/postcodes/OL.json"));
    assert!(
        reason.contains("3 characters of inward codes, 0 latitudes"),
        "{reason}"
    );
}

#[test]
fn a_folder_reads_the_manifest_then_the_build_and_names_what_is_damaged() {
    let dir = std::env::temp_dir().join(format!("carefinder-reader-{}", std::process::id()));
    std::fs::create_dir_all(dir.join(BUILD).join("postcodes")).unwrap();
    let manifest = manifest_for(&[(DISTRICTS_PATH, CENTRES), (SERVICES_PATH, "[[")]);
    std::fs::write(
        dir.join(MANIFEST_PATH),
        serde_json::to_vec(&manifest).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join(BUILD).join(DISTRICTS_PATH), CENTRES).unwrap();
    std::fs::write(dir.join(BUILD).join(SERVICES_PATH), "[[").unwrap();
    let data = now(DatasetReader::open(Folder(dir.clone()))).unwrap();
    assert_eq!(data.manifest().build, BUILD);
    assert_eq!(now(data.district_centres()).unwrap()[0].district, "OL1");
    let Err(DataError::Malformed { path, .. }) = now(data.index()) else {
        panic!("a cut-off index is damaged")
    };
    assert_eq!(
        path,
        dir.join(BUILD).join(SERVICES_PATH).display().to_string()
    );
    let missing = now(data.reference()).unwrap_err();
    assert!(
        matches!(&missing, DataError::Missing { status: None, .. }),
        "{missing:?}"
    );
    assert!(missing.to_string().contains(REFERENCE_PATH), "{missing}");
    std::fs::write(
        dir.join(BUILD).join(DISTRICTS_PATH),
        CENTRES.replace("OL1", "OL2"),
    )
    .unwrap();
    assert!(matches!(
        now(data.district_centres()),
        Err(DataError::Mismatch { .. })
    ));
    std::fs::write(dir.join(MANIFEST_PATH), b"\xff\xfe").unwrap();
    let Err(DataError::BadManifest(why)) = now(read_manifest(&Folder(dir.clone()))) else {
        panic!("bytes that are not text")
    };
    assert!(why.contains("not UTF-8"), "{why}");
    std::fs::remove_dir_all(dir).unwrap();
}
