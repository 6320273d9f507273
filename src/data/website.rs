//! The browser's backend for carefinder-core's `DatasetReader`: the dataset's files fetched
//! from the site that serves the app.

use carefinder_core::dataset_reader::{DataError, DatasetFiles, DatasetReader};
use gloo_net::http::Request;
use leptos::prelude::{on_cleanup, LocalStorage, StoredValue, WithValue};

/// Where the dataset is published, from the site's root: absolute, so requests work from any
/// route (/provider/1-123 as well as /).
const DATASET_URL: &str = "/data/";

/// Fetches dataset files; with an abort signal, a page's own requests stop when it goes.
pub struct Website {
    abort: Option<web_sys::AbortSignal>,
}

impl Website {
    /// For files the whole visit shares: never abandoned.
    pub fn visit() -> DatasetReader<Website> {
        DatasetReader(Website { abort: None })
    }
}

impl DatasetFiles for Website {
    fn describe(&self, path: &str) -> String {
        format!("{DATASET_URL}{path}")
    }

    async fn text(&self, path: &str) -> Result<String, DataError> {
        let url = self.describe(path);
        let abandoned = || self.abort.as_ref().is_some_and(web_sys::AbortSignal::aborted);
        let response = Request::get(&url).abort_signal(self.abort.as_ref()).send().await.map_err(|e| {
            if abandoned() { DataError::Abandoned } else { DataError::Unreachable { path: url.clone(), reason: e.to_string() } }
        })?;
        if !response.ok() {
            return Err(DataError::Missing { path: url, status: Some(response.status()) });
        }
        response.text().await.map_err(|e| if abandoned() { DataError::Abandoned } else { DataError::Unreachable { path: url, reason: e.to_string() } })
    }
}

/// The requests one page makes. Made in the page's component, it aborts them when the page is
/// replaced (its owner is cleaned up), so a slow download never finishes into a page that is
/// gone or holds the connection for the next page.
/// A handle (`Copy`) that views and resources can hold.
#[derive(Clone, Copy)]
pub struct PageRequests {
    controller: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
}

impl PageRequests {
    #[allow(clippy::new_without_default)] // it registers a cleanup with the current page
    pub fn new() -> PageRequests {
        let controller = web_sys::AbortController::new().ok();
        if let Some(c) = controller.clone() {
            on_cleanup(move || c.abort());
        }
        PageRequests { controller: StoredValue::new_local(controller) }
    }

    pub fn reader(&self) -> DatasetReader<Website> {
        let abort = self.controller.try_with_value(|c| c.as_ref().map(web_sys::AbortController::signal)).flatten();
        DatasetReader(Website { abort })
    }
}
