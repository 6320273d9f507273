//! Fetching the published dataset's files from the site that serves the app.

use carefinder_core::dataset::{Manifest, MANIFEST_PATH};
use gloo_net::http::Request;
use thiserror::Error;

/// Why the dataset could not be used, worded for the person looking at the page.
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
    response
        .text()
        .await
        .map_err(|e| DataError::Unreachable { path: url, reason: e.to_string() })
}

/// Loads and checks `data/manifest.json`.
pub async fn fetch_manifest() -> Result<Manifest, DataError> {
    let text = fetch_text(MANIFEST_PATH).await?;
    Manifest::from_json(&text).map_err(|e| DataError::Malformed(e.to_string()))
}
