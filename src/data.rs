//! Fetching the published dataset's files from the site that serves the app.

use carefinder_core::dataset::{
    district_postcodes_path, provider_details_path, DistrictCentroid, DistrictPostcodes, Manifest, DISTRICTS_PATH, MANIFEST_PATH,
    PATHWAYS_PATH, PROVIDERS_PATH, REFERENCE_PATH,
};
use carefinder_core::pathway::Pathway;
use carefinder_core::service::{Service, ServiceSummary};
use carefinder_core::reference::Reference;
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Why a dataset file could not be used, worded for the person looking at the page.
#[derive(Clone, Debug, Error, PartialEq)]
pub enum DataError {
    #[error("The care services data ({path}) could not be found on this website (HTTP {status}).")]
    Missing { path: String, status: u16 },
    #[error("The care services data ({path}) could not be downloaded: {reason}")]
    Unreachable { path: String, reason: String },
    #[error("The care services data is damaged: {0}")]
    Malformed(String),
}

/// The dataset lives at /data/; absolute, so requests work from any route (e.g. /provider/1-123).
fn site_path(path: &str) -> String {
    format!("/data/{path}")
}

/// Downloads a text file of the dataset, turning HTTP and network failures into `DataError`.
async fn fetch_text(path: &str) -> Result<String, DataError> {
    let url = site_path(path);
    let response = Request::get(&url)
        .send()
        .await
        .map_err(|e| DataError::Unreachable { path: url.clone(), reason: e.to_string() })?;
    if !response.ok() {
        return Err(DataError::Missing { path: url, status: response.status() });
    }
    response.text().await.map_err(|e| DataError::Unreachable { path: url, reason: e.to_string() })
}

async fn fetch_json<T: DeserializeOwned>(path: &str) -> Result<T, DataError> {
    let text = fetch_text(path).await?;
    serde_json::from_str(&text).map_err(|e| DataError::Malformed(format!("/data/{path}: {e}")))
}

/// Loads and checks `data/manifest.json`.
pub async fn fetch_manifest() -> Result<Manifest, DataError> {
    let text = fetch_text(MANIFEST_PATH).await?;
    Manifest::from_json(&text).map_err(|e| DataError::Malformed(e.to_string()))
}

/// The search index: every service's summary.
pub async fn fetch_providers() -> Result<Vec<ServiceSummary>, DataError> {
    fetch_json(PROVIDERS_PATH).await
}

pub async fn fetch_district_centroids() -> Result<Vec<DistrictCentroid>, DataError> {
    fetch_json(DISTRICTS_PATH).await
}

/// One district's unit postcodes; `Ok(None)` when the dataset has no file for that district.
pub async fn fetch_district_postcodes(district: &str) -> Result<Option<DistrictPostcodes>, DataError> {
    match fetch_json(&district_postcodes_path(district)).await {
        Ok(d) => Ok(Some(d)),
        Err(DataError::Missing { status: 404, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The full records of one district's services.
pub async fn fetch_provider_details(district: &str) -> Result<Vec<Service>, DataError> {
    fetch_json(&provider_details_path(district)).await
}

/// Reference figures (usual prices, benchmarks, means-test rules).
pub async fn fetch_reference() -> Result<Reference, DataError> {
    fetch_json(REFERENCE_PATH).await
}

/// The information-and-advice pathways.
pub async fn fetch_pathways() -> Result<Vec<Pathway>, DataError> {
    fetch_json(PATHWAYS_PATH).await
}
