//! Reading a published dataset, whatever holds its files: the website that serves the app (the
//! browser fetches them) or a folder on disk (the pre-renderer and benchmarks). Paths, parsing
//! and the words of every error live here once; a backend only fetches text.

use std::future::Future;
use std::path::PathBuf;

use serde::de::DeserializeOwned;

use crate::dataset::{
    district_postcodes_path, service_details_path, DistrictCentroid, DistrictPostcodes, Manifest, DISTRICTS_PATH, MANIFEST_PATH,
    PATHWAYS_PATH, REFERENCE_PATH, SERVICES_PATH,
};
use crate::pathway::Pathway;
use crate::reference::Reference;
use crate::service::{Service, ServiceSummary};

/// Why a dataset file could not be used, worded for the person looking at the page.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// The file could not be had (`status` is the HTTP status, when it came from a website).
    Missing { path: String, status: Option<u16> },
    /// The network or the disk failed; trying again may work.
    Unreachable { path: String, reason: String },
    Malformed { path: String, reason: String },
    /// `manifest.json` is not one this code can read (its reason names the file).
    BadManifest(String),
    /// The page that asked for it has gone: nobody is waiting, so nothing is shown.
    Abandoned,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DataError::Missing { path, status: Some(status) } => {
                write!(f, "The care services data ({path}) could not be found on this website (HTTP {status}).")
            }
            DataError::Missing { path, status: None } => write!(f, "The care services data ({path}) could not be found."),
            DataError::Unreachable { path, reason } => write!(f, "The care services data ({path}) could not be downloaded: {reason}"),
            DataError::Malformed { path, reason } => write!(f, "The care services data is damaged: {path}: {reason}"),
            DataError::BadManifest(reason) => write!(f, "The care services data is damaged: {reason}"),
            DataError::Abandoned => write!(f, "The page that asked for this data was closed."),
        }
    }
}

impl std::error::Error for DataError {}

/// Where a dataset's files come from. `path` is relative to the dataset folder.
pub trait DatasetFiles {
    fn text(&self, path: &str) -> impl Future<Output = Result<String, DataError>>;

    /// How messages name a file: its address on the website, or its place on disk.
    fn describe(&self, path: &str) -> String;
}

/// A dataset folder on disk.
pub struct Folder(pub PathBuf);

impl DatasetFiles for Folder {
    async fn text(&self, path: &str) -> Result<String, DataError> {
        std::fs::read_to_string(self.0.join(path)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DataError::Missing { path: self.describe(path), status: None },
            _ => DataError::Unreachable { path: self.describe(path), reason: e.to_string() },
        })
    }

    fn describe(&self, path: &str) -> String {
        self.0.join(path).display().to_string()
    }
}

/// The dataset's files, typed.
pub struct DatasetReader<F>(pub F);

impl<F: DatasetFiles> DatasetReader<F> {
    async fn json<T: DeserializeOwned>(&self, path: &str) -> Result<T, DataError> {
        let text = self.0.text(path).await?;
        serde_json::from_str(&text).map_err(|e| DataError::Malformed { path: self.0.describe(path), reason: e.to_string() })
    }

    /// `manifest.json`, checked for the schema this code reads.
    pub async fn manifest(&self) -> Result<Manifest, DataError> {
        let text = self.0.text(MANIFEST_PATH).await?;
        Manifest::from_json(&text).map_err(|e| DataError::BadManifest(e.to_string()))
    }

    /// The search index: every service's summary.
    pub async fn index(&self) -> Result<Vec<ServiceSummary>, DataError> {
        self.json(SERVICES_PATH).await
    }

    pub async fn district_centres(&self) -> Result<Vec<DistrictCentroid>, DataError> {
        self.json(DISTRICTS_PATH).await
    }

    pub async fn reference(&self) -> Result<Reference, DataError> {
        self.json(REFERENCE_PATH).await
    }

    pub async fn pathways(&self) -> Result<Vec<Pathway>, DataError> {
        self.json(PATHWAYS_PATH).await
    }

    /// One district's unit postcodes; `Ok(None)` when the dataset has no file for it (the
    /// district is outside the area).
    pub async fn district_postcodes(&self, district: &str) -> Result<Option<DistrictPostcodes>, DataError> {
        match self.json(&district_postcodes_path(district)).await {
            Ok(file) => Ok(Some(file)),
            // Only "no such file" means outside the area; a server error is a failed download.
            Err(DataError::Missing { status: None | Some(404), .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The full records of the services based in one postcode district.
    pub async fn services_in(&self, district: &str) -> Result<Vec<Service>, DataError> {
        self.json(&service_details_path(district)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a future that never waits (the disk backend's).
    fn now<T>(f: impl Future<Output = T>) -> T {
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => panic!("the disk backend never waits"),
        }
    }

    #[test]
    fn a_folder_reads_files_and_names_what_is_missing_or_damaged() {
        let dir = std::env::temp_dir().join(format!("carefinder-reader-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("postcodes")).unwrap();
        std::fs::write(dir.join(DISTRICTS_PATH), r#"[["OL1",53.5,-2.1]]"#).unwrap();
        std::fs::write(dir.join(SERVICES_PATH), "[[").unwrap();
        let data = DatasetReader(Folder(dir.clone()));
        assert_eq!(now(data.district_centres()).unwrap()[0].district, "OL1");
        assert_eq!(now(data.district_postcodes("OL9")), Ok(None));
        let Err(DataError::Malformed { path, .. }) = now(data.index()) else { panic!("a cut-off index is damaged") };
        assert_eq!(path, dir.join(SERVICES_PATH).display().to_string());
        let missing = now(data.reference()).unwrap_err();
        assert!(matches!(&missing, DataError::Missing { status: None, .. }), "{missing:?}");
        assert!(missing.to_string().contains(REFERENCE_PATH), "{missing}");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
