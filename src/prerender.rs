//! The app's own pages rendered to static HTML at build time (natively; see crates/prerender),
//! so pathways, provider pages, district lists and "about the data" work without JavaScript.
//! When the app starts on one of these pages it takes it over in place (see `takeover.rs`).

use std::sync::Arc;

use carefinder_core::dataset::{find_centroid, DistrictCentroid, Manifest};
use carefinder_core::pathway::Pathway;
use carefinder_core::service::{Service, ServiceSummary};
use carefinder_core::reference::Reference;
use carefinder_core::search::{districts_with_services, in_district};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;

use crate::app::{Layout, SharedManifest};
use crate::components::{Header, SkipLink};
use crate::pages;
use crate::state::Today;

/// Everything the pages are made from: one loaded dataset.
pub struct SiteData {
    pub manifest: Manifest,
    pub index: Vec<ServiceSummary>,
    pub services: Vec<Service>,
    pub reference: Reference,
    pub pathways: Vec<Pathway>,
    pub centroids: Vec<DistrictCentroid>,
    /// The day the pages are built: ratings' ages are worked out as of this day.
    pub today: String,
}

/// One page: where it is served, its document title, and the markup for inside `<body>`.
pub struct StaticPage {
    pub path: String,
    pub title: String,
    pub body: String,
}

/// The path the fallback page (every route not pre-rendered, e.g. /search) is marked with.
pub use crate::takeover::ANY_ROUTE;

/// Every page, in a fixed order.
pub fn render_site(site: &SiteData) -> Vec<StaticPage> {
    let mut pages = vec![
        page(site, "/", "Find and compare adult social care", || view! { <pages::Home /> }.into_any()),
        page(site, ANY_ROUTE, "This page needs JavaScript", || {
            view! {
                <h1>"This page needs JavaScript"</h1>
                <p>"Without JavaScript you can still see the services based in a postcode district."</p>
                <pages::DistrictForm />
            }
            .into_any()
        }),
        page(site, "/about-data", "About the data", || view! { <pages::AboutData /> }.into_any()),
        page(site, "/accessibility", "Accessibility statement", || view! { <pages::Accessibility /> }.into_any()),
    ];
    let list = Arc::new(site.pathways.clone());
    pages.push(page(site, "/pathways", "Information and advice", move || {
        view! { <pages::PathwaysIndex><pages::PathwayList list /></pages::PathwaysIndex> }.into_any()
    }));
    for route in &site.pathways {
        let route = Arc::new(route.clone());
        let start = route.clone();
        pages.push(page(site, &format!("/pathways/{}", route.id), &route.title, move || pages::start_page(&start).into_any()));
        for q in &route.questions {
            let (route, question) = (route.clone(), q.clone());
            pages.push(page(site, &format!("/pathways/{}/{}", route.id, q.id), &q.text, move || view! { <pages::QuestionLinks route question /> }.into_any()));
        }
        for o in &route.outcomes {
            let (route, outcome) = (route.clone(), o.clone());
            pages.push(page(site, &format!("/pathways/{}/{}", route.id, o.id), &o.title, move || {
                view! { <pages::OutcomePage route outcome answers=Vec::new() /> }.into_any()
            }));
        }
    }
    let reference = Some(Arc::new(site.reference.clone()));
    for service in &site.services {
        let (service, reference) = (service.clone(), reference.clone());
        pages.push(page(site, &format!("/provider/{}", service.id), &service.name.clone(), move || {
            view! { <pages::ServiceDetails service reference=Signal::stored(reference) /> }.into_any()
        }));
    }
    let districts = districts_with_services(&site.index);
    let all = districts.clone();
    pages.push(page(site, "/districts", "Care services by postcode district", move || view! { <pages::DistrictIndex districts=all /> }.into_any()));
    for (district, _) in districts {
        let services: Vec<(ServiceSummary, f64)> = find_centroid(&site.centroids, &district)
            .map(|centre| in_district(&site.index, &district, centre).into_iter().map(|h| (site.index[h.index].clone(), h.miles)).collect())
            .unwrap_or_default();
        let title = format!("Care services in {district}");
        pages.push(page(site, &format!("/districts/{district}"), &title, move || view! { <pages::DistrictServices district services /> }.into_any()));
    }
    pages
}

/// Renders one page inside the app's own header and layout, with the contexts the app would
/// provide (the manifest, the date, the address) and none that need a running app.
fn page(site: &SiteData, path: &str, title: &str, content: impl FnOnce() -> AnyView + Send + 'static) -> StaticPage {
    let manifest: SharedManifest = Arc::new(site.manifest.clone());
    let example = manifest.area.example;
    let today = site.today.clone();
    // The fallback stands for routes like /search: an address no navigation link points at, so
    // none is marked as the current page.
    let url = if path == ANY_ROUTE { "/app".to_string() } else { path.to_string() };
    let owner = Owner::new();
    let body = owner.with(|| {
        provide_meta_context();
        provide_context(manifest);
        provide_context(Today(today));
        provide_context(RequestUrl::new(&url));
        view! {
            <Router>
                <SkipLink />
                <Header />
                <Layout example>
                    <WithoutJavaScript />
                    {content()}
                </Layout>
            </Router>
        }
        .to_html()
    });
    owner.unset();
    StaticPage { path: path.to_string(), title: format!("{title} - carefinder"), body }
}

/// What works here without JavaScript, and what does not. The app removes it when it takes over.
#[component]
fn WithoutJavaScript() -> impl IntoView {
    view! {
        <div class="notice without-js" role="note" aria-label="Without JavaScript">
            <p>
                "Searching near a postcode, the shortlist and the cost estimator need JavaScript, which is off or still loading. "
                "Without it you can still "<a href="/districts">"browse services by postcode district"</a>", read every service's page, "
                "follow the "<a href="/pathways">"information and advice"</a>", or use the "
                <a href="https://www.cqc.org.uk/search/services">"Care Quality Commission's search"</a>". "
                "Without JavaScript, a postcode district you enter is sent to this website to find its page."
            </p>
        </div>
    }
}
