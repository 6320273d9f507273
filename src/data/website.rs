//! The browser's backend for carefinder-core's `DatasetReader`: the dataset's files fetched
//! from the site that serves the app, and hashed with the browser's own Web Crypto (so the
//! wasm carries no SHA-256 of its own).

use std::sync::Arc;

use carefinder_core::dataset::{Manifest, MANIFEST_PATH};
use carefinder_core::dataset_reader::{hex, read_manifest, DataError, DatasetFiles, DatasetReader};
use gloo_net::http::Request;
use leptos::prelude::{expect_context, on_cleanup, GetValue, LocalStorage, StoredValue, WithValue};
use wasm_bindgen::JsCast;

/// Where the dataset is published, from the site's root: absolute, so requests work from any
/// route (/provider/1-123 as well as /).
const DATASET_URL: &str = "/data/";

thread_local! {
    /// Set once a file did not match its manifest: from then on this visit asks the server
    /// again for every file, since the browser keeps build files for a year under one name.
    static PAST_THE_HTTP_CACHE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn fetch_past_the_http_cache() {
    PAST_THE_HTTP_CACHE.with(|c| c.set(true));
}

/// Fetches dataset files; with an abort signal, a page's own requests stop when it goes.
pub struct Website {
    abort: Option<web_sys::AbortSignal>,
}

impl Website {
    /// The site's `manifest.json`, asked of the server each time (never a stale HTTP cache), so
    /// a reload after a deploy sees the new build.
    pub async fn manifest() -> Result<Manifest, DataError> {
        read_manifest(&Website { abort: None }).await
    }

    /// For files the whole visit shares: never abandoned.
    pub fn visit(manifest: Arc<Manifest>) -> DatasetReader<Website> {
        DatasetReader::new(Website { abort: None }, manifest)
    }
}

impl DatasetFiles for Website {
    fn describe(&self, path: &str) -> String {
        format!("{DATASET_URL}{path}")
    }

    async fn bytes(&self, path: &str) -> Result<Vec<u8>, DataError> {
        let url = self.describe(path);
        let abandoned = || {
            self.abort
                .as_ref()
                .is_some_and(web_sys::AbortSignal::aborted)
        };
        let mut request = Request::get(&url).abort_signal(self.abort.as_ref());
        if crate::state::adviser_mode_in_this_tab() {
            // Kept by neither the browser's HTTP cache nor the service worker (public/sw.js).
            request = request.cache(web_sys::RequestCache::NoStore);
        } else if PAST_THE_HTTP_CACHE.with(std::cell::Cell::get) {
            request = request.cache(web_sys::RequestCache::Reload);
        } else if path == MANIFEST_PATH {
            request = request.cache(web_sys::RequestCache::NoCache);
        }
        let response = request.send().await.map_err(|e| {
            if abandoned() {
                DataError::Abandoned
            } else {
                DataError::Unreachable {
                    path: url.clone(),
                    reason: e.to_string(),
                }
            }
        })?;
        if !response.ok() {
            return Err(DataError::Missing {
                path: url,
                status: Some(response.status()),
            });
        }
        response.binary().await.map_err(|e| {
            if abandoned() {
                DataError::Abandoned
            } else {
                DataError::Unreachable {
                    path: url,
                    reason: e.to_string(),
                }
            }
        })
    }

    /// Web Crypto's SHA-256; `None` where the page is not a secure context (plain http to
    /// another machine), the only place browsers leave it out.
    async fn sha256(&self, bytes: &[u8]) -> Option<String> {
        let subtle = web_sys::window()?.crypto().ok()?.subtle();
        let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
        let digest = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        let digest = digest.dyn_into::<js_sys::ArrayBuffer>().ok()?;
        Some(hex(&js_sys::Uint8Array::new(&digest).to_vec()))
    }
}

/// The requests one page makes. Made in the page's component, it aborts them when the page is
/// replaced (its owner is cleaned up), so a slow download never finishes into a page that is
/// gone or holds the connection for the next page.
/// A handle (`Copy`) that views and resources can hold.
#[derive(Clone, Copy)]
pub struct PageRequests {
    controller: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    manifest: StoredValue<Arc<Manifest>>,
}

impl PageRequests {
    #[allow(clippy::new_without_default)] // it registers a cleanup with the current page
    pub fn new() -> PageRequests {
        let controller = web_sys::AbortController::new().ok();
        if let Some(c) = controller.clone() {
            on_cleanup(move || c.abort());
        }
        let manifest = expect_context::<super::SharedManifest>();
        PageRequests {
            controller: StoredValue::new_local(controller),
            manifest: StoredValue::new(manifest),
        }
    }

    pub fn reader(&self) -> DatasetReader<Website> {
        let abort = self
            .controller
            .try_with_value(|c| c.as_ref().map(web_sys::AbortController::signal))
            .flatten();
        DatasetReader::new(Website { abort }, self.manifest.get_value())
    }
}
