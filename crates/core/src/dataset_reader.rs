//! Reading a published dataset, whatever holds its files: the website that serves the app (the
//! browser fetches them) or a folder on disk (the pre-renderer and benchmarks). The manifest is
//! read first; every other file comes from the build folder it names and is used only when its
//! SHA-256 matches the manifest's, so a visit never mixes two builds. Paths, parsing, checks
//! and the words of every error live here once; a backend only fetches bytes and hashes them.

use std::future::Future;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::area_postcodes::AreaPostcodes;
use crate::dataset::{
    postcode_area_path, service_details_path, DistrictCentroid, Manifest, DISTRICTS_PATH,
    MANIFEST_PATH, PATHWAYS_PATH, REFERENCE_PATH, SERVICES_PATH,
};
use crate::pathway::Pathway;
use crate::reference::Reference;
use crate::service::{Service, ServiceSummary};

/// Why a dataset file could not be used, worded for the person looking at the page.
#[derive(Clone, Debug, PartialEq)]
pub enum DataError {
    /// The file could not be had (`status` is the HTTP status, when it came from a website).
    Missing {
        path: String,
        status: Option<u16>,
    },
    /// The network or the disk failed; trying again may work.
    Unreachable {
        path: String,
        reason: String,
    },
    Malformed {
        path: String,
        reason: String,
    },
    /// `manifest.json` is not one this code can read (its reason names the file).
    BadManifest(String),
    /// The file's bytes are not the ones the manifest lists: a deploy replaced the dataset, or
    /// the file was damaged on its way.
    Mismatch {
        path: String,
    },
    /// The page that asked for it has gone: nobody is waiting, so nothing is shown.
    Abandoned,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DataError::Missing {
                path,
                status: Some(status),
            } => {
                write!(f, "The care services data ({path}) could not be found on this website (HTTP {status}).")
            }
            DataError::Missing { path, status: None } => {
                write!(f, "The care services data ({path}) could not be found.")
            }
            DataError::Unreachable { path, reason } => write!(
                f,
                "The care services data ({path}) could not be downloaded: {reason}"
            ),
            DataError::Malformed { path, reason } => {
                write!(f, "The care services data is damaged: {path}: {reason}")
            }
            DataError::BadManifest(reason) => {
                write!(f, "The care services data is damaged: {reason}")
            }
            DataError::Mismatch { path } => {
                write!(f, "The care services data changed or was damaged while you were using it: {path} is not the file its {MANIFEST_PATH} lists.")
            }
            DataError::Abandoned => write!(f, "The page that asked for this data was closed."),
        }
    }
}

impl std::error::Error for DataError {}

impl DataError {
    /// The file is not the one the visit's manifest names, or its build folder has gone: a newer
    /// manifest may name files that are there.
    pub fn is_stale(&self) -> bool {
        matches!(
            self,
            DataError::Mismatch { .. }
                | DataError::Missing {
                    status: Some(404),
                    ..
                }
        )
    }
}

/// Where a dataset's files come from. `path` is relative to the dataset folder
/// (`manifest.json`, `<build>/services.json`).
pub trait DatasetFiles {
    fn bytes(&self, path: &str) -> impl Future<Output = Result<Vec<u8>, DataError>>;

    /// The SHA-256 of `bytes` in lower-case hex; `None` when this backend cannot compute one (a
    /// browser offers Web Crypto only to secure pages: https, or the loopback address).
    fn sha256(&self, bytes: &[u8]) -> impl Future<Output = Option<String>>;

    /// How messages name a file: its address on the website, or its place on disk.
    fn describe(&self, path: &str) -> String;
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A dataset folder on disk (native only: the app checks files with Web Crypto).
#[cfg(not(target_arch = "wasm32"))]
pub struct Folder(pub std::path::PathBuf);

#[cfg(not(target_arch = "wasm32"))]
impl DatasetFiles for Folder {
    async fn bytes(&self, path: &str) -> Result<Vec<u8>, DataError> {
        std::fs::read(self.0.join(path)).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => DataError::Missing {
                path: self.describe(path),
                status: None,
            },
            _ => DataError::Unreachable {
                path: self.describe(path),
                reason: e.to_string(),
            },
        })
    }

    async fn sha256(&self, bytes: &[u8]) -> Option<String> {
        use sha2::Digest;
        Some(hex(&sha2::Sha256::digest(bytes)))
    }

    fn describe(&self, path: &str) -> String {
        self.0.join(path).display().to_string()
    }
}

/// Reads and checks `manifest.json`.
pub async fn read_manifest<F: DatasetFiles>(files: &F) -> Result<Manifest, DataError> {
    let bytes = files.bytes(MANIFEST_PATH).await?;
    let text = String::from_utf8(bytes)
        .map_err(|e| DataError::BadManifest(format!("{MANIFEST_PATH} is not UTF-8 text: {e}")))?;
    Manifest::from_json(&text).map_err(|e| DataError::BadManifest(e.to_string()))
}

/// The files of the one build a manifest names, checked and typed.
pub struct DatasetReader<F> {
    files: F,
    manifest: Arc<Manifest>,
}

impl<F: DatasetFiles> DatasetReader<F> {
    pub fn new(files: F, manifest: Arc<Manifest>) -> DatasetReader<F> {
        DatasetReader { files, manifest }
    }

    /// Reads the manifest, then reads from the build it names.
    pub async fn open(files: F) -> Result<DatasetReader<F>, DataError> {
        let manifest = read_manifest(&files).await?;
        Ok(DatasetReader::new(files, Arc::new(manifest)))
    }

    pub fn manifest(&self) -> &Arc<Manifest> {
        &self.manifest
    }

    /// Whether the build lists this file (path relative to the build folder).
    pub fn has(&self, path: &str) -> bool {
        self.manifest.file(path).is_some()
    }

    /// One file of the build, only once its size and SHA-256 match the manifest's listing.
    pub async fn file(&self, path: &str) -> Result<Vec<u8>, DataError> {
        let in_build = format!("{}/{path}", self.manifest.build);
        let Some(listed) = self.manifest.file(path) else {
            return Err(DataError::Missing {
                path: self.files.describe(&in_build),
                status: None,
            });
        };
        let bytes = self.files.bytes(&in_build).await?;
        let mismatch = || DataError::Mismatch {
            path: self.files.describe(&in_build),
        };
        if bytes.len() as u64 != listed.bytes {
            return Err(mismatch());
        }
        match self.files.sha256(&bytes).await {
            Some(hash) if hash != listed.sha256 => Err(mismatch()),
            _ => Ok(bytes),
        }
    }

    async fn json<T: DeserializeOwned>(&self, path: &str) -> Result<T, DataError> {
        let bytes = self.file(path).await?;
        let describe = || {
            self.files
                .describe(&format!("{}/{path}", self.manifest.build))
        };
        serde_json::from_slice(&bytes).map_err(|e| DataError::Malformed {
            path: describe(),
            reason: e.to_string(),
        })
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

    pub async fn councils(&self) -> Result<crate::council::CouncilsFile, DataError> {
        self.json(crate::dataset::COUNCILS_PATH).await
    }

    pub async fn pathways(&self) -> Result<Vec<Pathway>, DataError> {
        self.json(PATHWAYS_PATH).await
    }

    pub async fn map_layers(&self) -> Result<crate::map_layers::MapLayers, DataError> {
        self.json(crate::dataset::MAP_PATH).await
    }

    /// One postcode area's unit postcodes; `Ok(None)`, without a download, when the build has
    /// no file for that area (it is outside the dataset).
    pub async fn area_postcodes(&self, area: &str) -> Result<Option<AreaPostcodes>, DataError> {
        let path = postcode_area_path(area);
        if !self.has(&path) {
            return Ok(None);
        }
        self.json(&path).await.map(Some)
    }

    /// The full records of the services based in one postcode area ("OL").
    pub async fn services_in_area(&self, area: &str) -> Result<Vec<Service>, DataError> {
        self.json(&service_details_path(area)).await
    }
}

#[cfg(test)]
#[path = "dataset_reader_tests.rs"]
mod tests;
