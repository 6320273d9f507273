//! What every page shares: the dataset's files once loaded, the shortlist, and today's date.

use std::sync::Arc;

use carefinder_core::dataset::DistrictCentroid;
use carefinder_core::pathway::Pathway;
use carefinder_core::service::ServiceSummary;
use carefinder_core::reference::Reference;
use carefinder_core::shortlist::{Shortlist, STORAGE_KEY};
use leptos::prelude::*;

use crate::data::{fetch_district_centroids, fetch_pathways, fetch_providers, fetch_reference, DataError};

/// The search index, downloaded once per visit.
#[derive(Clone, Copy)]
pub struct Index(pub LocalResource<Result<Arc<Vec<ServiceSummary>>, DataError>>);

/// Centroids of every postcode district, for searches from a district alone.
#[derive(Clone, Copy)]
pub struct Centroids(pub LocalResource<Result<Arc<Vec<DistrictCentroid>>, DataError>>);

/// Reference figures and means-test rules.
#[derive(Clone, Copy)]
pub struct ReferenceData(pub LocalResource<Result<Arc<Reference>, DataError>>);

/// The shortlist, mirrored to local storage so it survives reloads (and never leaves the device).
#[derive(Clone, Copy)]
pub struct ShortlistStore(pub RwSignal<Shortlist>);

/// The information-and-advice pathways.
#[derive(Clone, Copy)]
pub struct Pathways(pub LocalResource<Result<Arc<Vec<Pathway>>, DataError>>);

/// Where the last search was centred, so the comparison can show distances. Kept in memory only.
#[derive(Clone, Copy)]
pub struct LastSearch(pub RwSignal<Option<((f64, f64), String)>>);

/// Starts the downloads every search needs and puts the shared state in context.
pub fn provide_app_state() {
    provide_context(Index(LocalResource::new(|| async { fetch_providers().await.map(Arc::new) })));
    provide_context(Centroids(LocalResource::new(|| async { fetch_district_centroids().await.map(Arc::new) })));
    provide_context(ReferenceData(LocalResource::new(|| async { fetch_reference().await.map(Arc::new) })));
    provide_context(Pathways(LocalResource::new(|| async { fetch_pathways().await.map(Arc::new) })));
}

/// Adviser mode: larger text, a "Start a new session" button, and nothing kept on the device:
/// the shortlist made during a session lives in memory only.
#[derive(Clone, Copy)]
pub struct AdviserMode(pub RwSignal<bool>);

/// What needs no dataset, so the header can use it from the first paint: the shortlist (kept in
/// local storage, except in adviser mode), adviser mode, and the last search point.
pub fn provide_shortlist() {
    let adviser = RwSignal::new(false);
    let shortlist = RwSignal::new(stored_shortlist());
    Effect::new(move |_| {
        let text = shortlist.with(Shortlist::to_storage);
        // Private browsing can refuse storage; the shortlist then lasts for this visit only.
        if let (false, Some(storage)) = (adviser.get_untracked(), local_storage()) {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    });
    Effect::new(move |was_on: Option<bool>| {
        let on = adviser.get();
        if let Some(html) = document().document_element() {
            let _ = html.class_list().toggle_with_force("adviser-mode", on);
        }
        if was_on == Some(true) && !on {
            // Leaving adviser mode: the session's list and visited files are not this browser's to keep.
            shortlist.set(stored_shortlist());
            forget_visited_data();
        }
        on
    });
    provide_context(ShortlistStore(shortlist));
    provide_context(AdviserMode(adviser));
    provide_context(LastSearch(RwSignal::new(None)));
}

/// "Start a new session": forgets everything this device holds about the last person.
pub fn start_new_session(shortlist: ShortlistStore, last_search: LastSearch) {
    shortlist.0.set(Shortlist::default());
    last_search.0.set(None);
    if let Some(s) = local_storage() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = window().session_storage() {
        let _ = s.clear();
    }
    forget_visited_data();
}

/// The service worker's cache of dataset files (named in public/sw.js) shows which districts and
/// services were looked at; dropping it costs only a re-download.
const VISITED_DATA_CACHE: &str = "carefinder-data-v1";

fn forget_visited_data() {
    // Absent outside secure contexts, where calling it would throw.
    if !js_sys::Reflect::has(&window(), &"caches".into()).unwrap_or(false) {
        return;
    }
    if let Ok(caches) = window().caches() {
        let _ = caches.delete(VISITED_DATA_CACHE);
    }
}

fn stored_shortlist() -> Shortlist {
    Shortlist::from_storage(local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).as_deref())
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The date pages are rendered for, when not the device's own (the pre-rendered pages use the
/// day they were built).
#[derive(Clone)]
pub struct Today(pub String);

/// Today as YYYY-MM-DD, from the device's clock, for the age of ratings.
pub fn today() -> String {
    if let Some(Today(date)) = use_context::<Today>() {
        return date;
    }
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Full records for these service ids, fetched district by district, in the order given.
pub async fn load_services(index: Index, ids: Vec<String>) -> Result<Vec<carefinder_core::service::Service>, DataError> {
    let list = index.0.await?;
    let mut districts: Vec<String> = ids.iter().filter_map(|id| list.iter().find(|p| &p.id == id).map(|p| p.district.clone())).collect();
    districts.sort();
    districts.dedup();
    let mut records = Vec::new();
    for d in districts {
        records.extend(crate::data::fetch_provider_details(&d).await?);
    }
    Ok(ids.iter().filter_map(|id| records.iter().find(|p| &p.id == id).cloned()).collect())
}
