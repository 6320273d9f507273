//! Which static pages there are (carefinder-core's route table walked over the dataset) and
//! what each one shows: the same components the app uses, given the data up front.

use std::sync::Arc;

use carefinder_core::area_postcodes::area_of;
use carefinder_core::council::CouncilsFile;
use carefinder_core::dataset::{DistrictCentroid, Manifest};
use carefinder_core::dataset_reader::{DataError, DatasetReader, Folder};
use carefinder_core::pathway::journey::{PathwayAddress, PathwayPage};
use carefinder_core::pathway::Pathway;
use carefinder_core::postcode::is_district;
use carefinder_core::reference::Reference;
use carefinder_core::routes::{static_routes, Route};
use carefinder_core::search::{district_listing, districts_with_services};
use carefinder_core::service::{Service, ServiceSummary};
use leptos::prelude::*;

use super::page::{render, StaticPage};
use super::ANY_ROUTE;
use crate::pages;

/// Everything the pages are made from: one loaded dataset.
pub struct SiteData {
    pub manifest: Manifest,
    pub index: Vec<ServiceSummary>,
    /// Every service's full record, by id.
    pub services: Vec<Service>,
    pub reference: Reference,
    pub pathways: Vec<Pathway>,
    /// Councils, their packs and national help.
    pub councils: Arc<CouncilsFile>,
    pub centroids: Vec<DistrictCentroid>,
    /// The day the pages are built: ratings' ages are worked out as of this day.
    pub today: String,
}

/// Reads a built dataset folder (the build its manifest names, each file checked against its
/// hash), every district's records included. The error says what is wrong.
pub async fn load_site(folder: std::path::PathBuf, today: String) -> Result<SiteData, String> {
    let text = |e: DataError| e.to_string();
    let data = DatasetReader::open(Folder(folder)).await.map_err(text)?;
    let index = data.index().await.map_err(text)?;
    check_districts(&index)?;
    let mut services = Vec::with_capacity(index.len());
    let areas: std::collections::BTreeSet<&str> =
        index.iter().map(|s| area_of(&s.district)).collect();
    for area in areas {
        services.extend(data.services_in_area(area).await.map_err(text)?);
    }
    services.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(SiteData {
        manifest: data.manifest().as_ref().clone(),
        reference: data.reference().await.map_err(text)?,
        pathways: data.pathways().await.map_err(text)?,
        councils: Arc::new(data.councils().await.map_err(text)?),
        centroids: data.district_centres().await.map_err(text)?,
        index,
        services,
        today,
    })
}

/// A district names a file to read and a page to write, so one that is not a postcode district
/// (a "/", "..", a space) is refused by name before anything is read or written for it.
fn check_districts(index: &[ServiceSummary]) -> Result<(), String> {
    match index.iter().find(|s| !is_district(&s.district)) {
        Some(s) => Err(format!(
            "service {} is in the district {:?}, which is not a postcode district like OL1, so no file or page can be named after it: rebuild the dataset",
            s.id, s.district
        )),
        None => Ok(()),
    }
}

/// Every page, in the route table's order, then the fallback page for the routes that need the
/// app. A page the dataset cannot fill (a service in the index without its record) is an error
/// naming it: a site missing pages must not be published quietly.
pub fn render_site(site: &SiteData) -> Result<Vec<StaticPage>, String> {
    check_districts(&site.index)?;
    let mut pages = Vec::new();
    for route in static_routes(&site.index, &site.pathways) {
        let page = page_for(site, &route).ok_or_else(|| {
            format!(
                "{} cannot be written: the dataset does not hold what it names",
                route.path()
            )
        })?;
        pages.push(page);
    }
    pages.push(render(&site.manifest, &site.today, ANY_ROUTE, || {
        view! {
            <leptos_meta::Title text="This page needs JavaScript" />
            <h1>"This page needs JavaScript"</h1>
            <p>"Without JavaScript you can still see the services based in a postcode district."</p>
            <pages::DistrictForm />
        }
        .into_any()
    }));
    Ok(pages)
}

/// One route's static page; `None` when the dataset does not hold what it names (or the route
/// has no static page).
fn page_for(site: &SiteData, route: &Route) -> Option<StaticPage> {
    let path = route.path();
    let content: Box<dyn FnOnce() -> AnyView + Send> = match route.clone() {
        Route::Home => Box::new(|| view! { <pages::Home /> }.into_any()),
        Route::AboutData => {
            let (reference, councils) = (Arc::new(site.reference.clone()), site.councils.clone());
            Box::new(move || {
                view! { <pages::AboutData reference=reference.clone() councils=councils.clone() /> }
                    .into_any()
            })
        }
        Route::Accessibility => Box::new(|| view! { <pages::Accessibility /> }.into_any()),
        Route::Pathways => {
            let list = Arc::new(site.pathways.clone());
            Box::new(move || {
                view! { <pages::PathwaysIndex><pages::PathwayList list /></pages::PathwaysIndex> }
                    .into_any()
            })
        }
        Route::Pathway { pathway, step } => {
            let address = PathwayAddress::from_route(pathway, step, "");
            let (route, page) = address.locate(&site.pathways)?;
            let route = Arc::new(route.clone());
            match page {
                PathwayPage::Start => Box::new(move || pages::start_page(&route).into_any()),
                PathwayPage::Question(q) => {
                    let question = q.clone();
                    Box::new(move || view! { <pages::QuestionLinks route question /> }.into_any())
                }
                PathwayPage::Outcome(o) => {
                    let (outcome, councils) = (o.clone(), site.councils.clone());
                    Box::new(move || {
                        view! { <pages::OutcomePage route outcome answers=Vec::new() councils /> }
                            .into_any()
                    })
                }
                PathwayPage::Check | PathwayPage::NotFound => return None,
            }
        }
        Route::Service { id } => {
            let i = site.services.binary_search_by(|s| s.id.cmp(&id)).ok()?;
            let (service, reference, councils) = (
                site.services[i].clone(),
                Some(Arc::new(site.reference.clone())),
                Some(site.councils.clone()),
            );
            Box::new(move || {
                view! { <pages::ServiceDetails service reference=Signal::stored(reference) councils=Signal::stored(councils) /> }
                    .into_any()
            })
        }
        Route::Districts => {
            let districts = districts_with_services(&site.index);
            Box::new(move || view! { <pages::DistrictIndex districts /> }.into_any())
        }
        Route::District { district } => {
            let services = district_listing(&site.index, &site.centroids, &district)
                .into_iter()
                .map(|h| (site.index[h.index].clone(), h.miles))
                .collect();
            Box::new(move || view! { <pages::DistrictServices district services /> }.into_any())
        }
        Route::Search | Route::Compare | Route::Costs => return None,
    };
    Some(render(&site.manifest, &site.today, &path, content))
}
