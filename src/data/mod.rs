//! The dataset as one visit sees it. The files every page needs (the search index, district
//! centres, reference figures, pathways) are fetched once and shared; each district's full
//! records are fetched in parallel when a page asks for them and kept for the visit. Every file
//! comes from the one build the visit's manifest names (carefinder-core's `DatasetReader`
//! checks each against its hash); `Deploy` handles the build changing under the visit.

mod deploy;
mod website;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use carefinder_core::area_postcodes::{area_of, AreaPostcodes};
use carefinder_core::council::CouncilsFile;
use carefinder_core::dataset::DistrictCentroid;
pub use carefinder_core::dataset_reader::DataError;
use carefinder_core::dataset_reader::DatasetReader;
use carefinder_core::map_layers::MapLayers;
use carefinder_core::pathway::Pathway;
use carefinder_core::reference::Reference;
use carefinder_core::service::{Service, ServiceSummary};
use leptos::prelude::*;

pub use deploy::Deploy;
pub use website::{PageRequests, Website};

/// The loaded dataset manifest, shared with every page by context.
pub type SharedManifest = Arc<carefinder_core::dataset::Manifest>;

/// A file loaded for the whole visit (shared by every page that needs it).
pub type Shared<T> = LocalResource<Result<Arc<T>, DataError>>;

/// Each postcode area's full records once fetched this visit, by area.
type AreaRecords = Arc<Mutex<HashMap<String, Arc<Vec<Service>>>>>;

/// Each postcode area's unit postcodes once fetched and checked this visit, by area, so a
/// second search in the same area starts at once.
type AreaUnits = Arc<Mutex<HashMap<String, Arc<Option<AreaPostcodes>>>>>;

/// The visit's dataset, in context for every page below the manifest.
#[derive(Clone, Copy)]
pub struct VisitData {
    pub index: Shared<Vec<ServiceSummary>>,
    pub district_centres: Shared<Vec<DistrictCentroid>>,
    pub reference: Shared<Reference>,
    pub pathways: Shared<Vec<Pathway>>,
    pub councils: Shared<CouncilsFile>,
    services: StoredValue<AreaRecords>,
    postcodes: StoredValue<AreaUnits>,
    /// The map's layers once read (`None` inside: the dataset has none usable).
    map: StoredValue<Option<Option<Arc<MapLayers>>>>,
    build: StoredValue<String>,
    deploy: Deploy,
}

impl VisitData {
    pub fn get() -> VisitData {
        expect_context::<VisitData>()
    }
}

/// One file of the build `manifest` names, read once for the visit.
fn shared<T: 'static, Read: Future<Output = Result<T, DataError>> + 'static>(
    manifest: &SharedManifest,
    deploy: Deploy,
    read: impl Fn(DatasetReader<Website>) -> Read + 'static,
) -> Shared<T> {
    let manifest = manifest.clone();
    LocalResource::new(move || {
        let (build, reading) = (
            manifest.build.clone(),
            read(Website::visit(manifest.clone())),
        );
        async move { deploy.watch(&build, reading.await).map(Arc::new) }
    })
}

impl VisitData {
    /// Starts the downloads every page shares, from the build `manifest` names, and puts them
    /// in context.
    pub fn provide(manifest: &SharedManifest) {
        let deploy = Deploy::get();
        let data =
            VisitData {
                index: shared(manifest, deploy, |r| async move { r.index().await }),
                district_centres: shared(manifest, deploy, |r| async move {
                    r.district_centres().await
                }),
                reference: shared(manifest, deploy, |r| async move { r.reference().await }),
                pathways: shared(manifest, deploy, |r| async move { r.pathways().await }),
                councils: shared(manifest, deploy, |r| async move { r.councils().await }),
                services: StoredValue::new(Arc::default()),
                postcodes: StoredValue::new(Arc::default()),
                map: StoredValue::new(None),
                build: StoredValue::new(manifest.build.clone()),
                deploy,
            };
        provide_context(data);
    }

    /// Full records for these service ids, in the order given (ids the dataset no longer has
    /// are left out). Postcode areas not yet fetched this visit are fetched at once, in
    /// parallel, and abandoned if the page that asked goes away.
    pub async fn services(
        self,
        requests: PageRequests,
        ids: Vec<String>,
    ) -> Result<Vec<Service>, DataError> {
        let index = self.index.await?;
        let mut areas: Vec<String> = ids
            .iter()
            .filter_map(|id| {
                index
                    .iter()
                    .find(|s| &s.id == id)
                    .map(|s| area_of(&s.district).to_string())
            })
            .collect();
        areas.sort();
        areas.dedup();
        let cache = self.services.get_value();
        let wanted: Vec<String> = areas
            .iter()
            .filter(|a| !cache.lock().expect("not poisoned").contains_key(*a))
            .cloned()
            .collect();
        let reader = requests.reader();
        let fetched =
            futures::future::join_all(wanted.iter().map(|a| reader.services_in_area(a))).await;
        let mut kept = cache.lock().expect("not poisoned");
        for (area, records) in wanted.into_iter().zip(fetched) {
            kept.insert(
                area,
                Arc::new(self.deploy.watch(&self.build.get_value(), records)?),
            );
        }
        let records: Vec<&Service> = areas
            .iter()
            .filter_map(|a| kept.get(a))
            .flat_map(|list| list.iter())
            .collect();
        Ok(ids
            .iter()
            .filter_map(|id| records.iter().find(|s| &s.id == id).map(|s| (*s).clone()))
            .collect())
    }

    /// The results map's orientation layers, read once a visit and only when a map asks, so
    /// they never hold up the results. They are decoration: a dataset without the file, or
    /// with a broken one, gives `None` (the map shows its markers alone) and never an error page.
    pub async fn map_layers(self, manifest: SharedManifest) -> Option<Arc<MapLayers>> {
        if let Some(known) = self.map.get_value() {
            return known;
        }
        let read = Website::visit(manifest)
            .map_layers()
            .await
            .ok()
            .map(Arc::new);
        self.map.set_value(Some(read.clone()));
        read
    }

    /// One postcode area's unit postcodes (`None` when the dataset has no such area), fetched
    /// the first time this visit asks for it.
    pub async fn area_postcodes(
        self,
        requests: PageRequests,
        area: &str,
    ) -> Result<Arc<Option<AreaPostcodes>>, DataError> {
        let cache = self.postcodes.get_value();
        if let Some(known) = cache.lock().expect("not poisoned").get(area) {
            return Ok(known.clone());
        }
        let read = requests.reader().area_postcodes(area).await;
        let file = Arc::new(self.deploy.watch(&self.build.get_value(), read)?);
        cache
            .lock()
            .expect("not poisoned")
            .insert(area.to_string(), file.clone());
        Ok(file)
    }
}
