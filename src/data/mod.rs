//! The dataset as one visit sees it. The files every page needs (the search index, district
//! centres, reference figures, pathways) are fetched once and shared; each district's full
//! records are fetched in parallel when a page asks for them and kept for the visit. Reading and
//! parsing are carefinder-core's `DatasetReader`; this module only decides when.

mod website;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use carefinder_core::dataset::{DistrictCentroid, DistrictPostcodes};
use carefinder_core::pathway::Pathway;
use carefinder_core::reference::Reference;
use carefinder_core::service::{Service, ServiceSummary};
pub use carefinder_core::dataset_reader::DataError;
use leptos::prelude::*;

pub use website::{PageRequests, Website};

/// The loaded dataset manifest, shared with every page by context.
pub type SharedManifest = Arc<carefinder_core::dataset::Manifest>;

/// A file loaded for the whole visit (shared by every page that needs it).
pub type Shared<T> = LocalResource<Result<Arc<T>, DataError>>;

/// Each district's full records once fetched this visit, by district.
type DistrictRecords = Arc<Mutex<HashMap<String, Arc<Vec<Service>>>>>;

/// The visit's dataset, in context for every page below the manifest.
#[derive(Clone, Copy)]
pub struct VisitData {
    pub index: Shared<Vec<ServiceSummary>>,
    pub district_centres: Shared<Vec<DistrictCentroid>>,
    pub reference: Shared<Reference>,
    pub pathways: Shared<Vec<Pathway>>,
    services: StoredValue<DistrictRecords>,
}

impl VisitData {
    pub fn get() -> VisitData {
        expect_context::<VisitData>()
    }
}

impl VisitData {
    /// Starts the downloads every page shares and puts them in context.
    pub fn provide() {
        let data = VisitData {
            index: LocalResource::new(|| async { Website::visit().index().await.map(Arc::new) }),
            district_centres: LocalResource::new(|| async { Website::visit().district_centres().await.map(Arc::new) }),
            reference: LocalResource::new(|| async { Website::visit().reference().await.map(Arc::new) }),
            pathways: LocalResource::new(|| async { Website::visit().pathways().await.map(Arc::new) }),
            services: StoredValue::new(Arc::default()),
        };
        provide_context(data);
    }

    /// Full records for these service ids, in the order given (ids the dataset no longer has
    /// are left out). Districts not yet fetched this visit are fetched at once, in parallel, and
    /// abandoned if the page that asked goes away.
    pub async fn services(self, requests: PageRequests, ids: Vec<String>) -> Result<Vec<Service>, DataError> {
        let index = self.index.await?;
        let mut districts: Vec<String> = ids.iter().filter_map(|id| index.iter().find(|s| &s.id == id).map(|s| s.district.clone())).collect();
        districts.sort();
        districts.dedup();
        let cache = self.services.get_value();
        let wanted: Vec<String> = districts.iter().filter(|d| !cache.lock().expect("not poisoned").contains_key(*d)).cloned().collect();
        let reader = requests.reader();
        let fetched = futures::future::join_all(wanted.iter().map(|d| reader.services_in(d))).await;
        let mut kept = cache.lock().expect("not poisoned");
        for (district, records) in wanted.into_iter().zip(fetched) {
            kept.insert(district, Arc::new(records?));
        }
        let records: Vec<&Service> = districts.iter().filter_map(|d| kept.get(d)).flat_map(|list| list.iter()).collect();
        Ok(ids.iter().filter_map(|id| records.iter().find(|s| &s.id == id).map(|s| (*s).clone())).collect())
    }

    /// One district's unit postcodes (`None` when the dataset has no such district).
    pub async fn district_postcodes(requests: PageRequests, district: &str) -> Result<Option<DistrictPostcodes>, DataError> {
        requests.reader().district_postcodes(district).await
    }
}
