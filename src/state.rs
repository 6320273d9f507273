//! What every page shares: the dataset's files once loaded, the shortlist, and today's date.

use std::sync::Arc;

use carefinder_core::dataset::DistrictCentroid;
use carefinder_core::provider::ProviderSummary;
use carefinder_core::reference::Reference;
use carefinder_core::shortlist::{Shortlist, STORAGE_KEY};
use leptos::prelude::*;

use crate::data::{fetch_district_centroids, fetch_providers, fetch_reference, DataError};

/// The search index, downloaded once per visit.
#[derive(Clone, Copy)]
pub struct Index(pub LocalResource<Result<Arc<Vec<ProviderSummary>>, DataError>>);

/// Centroids of every postcode district, for searches from a district alone.
#[derive(Clone, Copy)]
pub struct Centroids(pub LocalResource<Result<Arc<Vec<DistrictCentroid>>, DataError>>);

/// Reference figures and means-test rules.
#[derive(Clone, Copy)]
pub struct ReferenceData(pub LocalResource<Result<Arc<Reference>, DataError>>);

/// The shortlist, mirrored to local storage so it survives reloads (and never leaves the device).
#[derive(Clone, Copy)]
pub struct ShortlistStore(pub RwSignal<Shortlist>);

/// Where the last search was centred, so the comparison can show distances. Kept in memory only.
#[derive(Clone, Copy)]
pub struct LastSearch(pub RwSignal<Option<((f64, f64), String)>>);

/// Starts the downloads every search needs and puts the shared state in context.
pub fn provide_app_state() {
    provide_context(Index(LocalResource::new(|| async { fetch_providers().await.map(Arc::new) })));
    provide_context(Centroids(LocalResource::new(|| async { fetch_district_centroids().await.map(Arc::new) })));
    provide_context(ReferenceData(LocalResource::new(|| async { fetch_reference().await.map(Arc::new) })));
    provide_context(LastSearch(RwSignal::new(None)));
}

/// The shortlist needs no dataset, so the header can count it from the first paint.
pub fn provide_shortlist() {
    let stored = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let shortlist = RwSignal::new(Shortlist::from_storage(stored.as_deref()));
    Effect::new(move |_| {
        let text = shortlist.with(Shortlist::to_storage);
        if let Some(storage) = local_storage() {
            // Private browsing can refuse storage; the shortlist then lasts for this visit only.
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    });
    provide_context(ShortlistStore(shortlist));
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Today as YYYY-MM-DD, from the device's clock, for the age of ratings.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Full records for these service ids, fetched district by district, in the order given.
pub async fn load_services(index: Index, ids: Vec<String>) -> Result<Vec<carefinder_core::provider::Provider>, DataError> {
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
