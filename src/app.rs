//! Layout and routes. The manifest is loaded once; every page renders inside the loaded layout.

use std::sync::Arc;

use carefinder_core::dataset::Manifest;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::{DataErrorPage, ExampleBanner, Footer, Header, Loading, SkipLink};
use crate::data::fetch_manifest;
use crate::pages;

/// The loaded dataset manifest, shared with every page by context.
pub type SharedManifest = Arc<Manifest>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::state::provide_shortlist();
    register_service_worker();
    let manifest = LocalResource::new(fetch_manifest);
    let retry = Callback::new(move |_| manifest.refetch());

    view! {
        <Title formatter=|page: String| format!("{page} - carefinder") />
        <Router>
            <SkipLink />
            <Header />
            {move || match manifest.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <DataErrorPage error retry /> }.into_any(),
                Some(Ok(loaded)) => view! { <Loaded manifest=Arc::new(loaded) /> }.into_any(),
            }}
        </Router>
    }
}

/// Everything that needs the dataset: the example-data banner, the routes and the footer.
#[component]
fn Loaded(manifest: SharedManifest) -> impl IntoView {
    let example = manifest.area.example;
    provide_context(manifest);
    crate::state::provide_app_state();
    // For the benchmark: when the dataset's manifest has loaded and the app is usable.
    if let Some(perf) = window().performance() {
        let _ = perf.mark("carefinder:ready");
    }
    move_focus_to_heading_on_route_change();

    view! {
        <Layout example>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/") view=pages::Home />
                <Route path=path!("/search") view=pages::Search />
                <Route path=path!("/provider/:id") view=pages::Service />
                <Route path=path!("/compare") view=pages::Compare />
                <Route path=path!("/costs") view=pages::Costs />
                <Route path=path!("/pathways") view=pages::Pathways />
                <Route path=path!("/pathways/:id") view=pages::Pathway />
                <Route path=path!("/pathways/:id/:step") view=pages::Pathway />
                <Route path=path!("/about-data") view=pages::AboutData />
                <Route path=path!("/accessibility") view=pages::Accessibility />
                <Route path=path!("/districts") view=pages::Districts />
                <Route path=path!("/districts/:district") view=pages::District />
            </Routes>
        </Layout>
    }
}

/// Below the header: the example-data banner when it applies, the page, and the footer. The
/// pre-rendered pages use the same layout.
#[component]
pub fn Layout(example: bool, children: Children) -> impl IntoView {
    view! {
        <div class="page-width">
            {example.then(|| view! { <ExampleBanner /> })}
            <main id="main-content" class="main" tabindex="-1">{children()}</main>
        </div>
        <Footer />
    }
}

/// Screen-reader and keyboard users need to know the page changed: after each client-side
/// navigation (not the first page load) focus the new page's h1, as GOV.UK services do.
fn move_focus_to_heading_on_route_change() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(focus_main_heading);
        }
        path
    });
}

/// The app's own heading: a pre-rendered copy of the page may still be in the document.
pub const APP_HEADING: &str = "body > :not(#prerendered) main h1";

pub fn focus_main_heading() {
    let heading = document()
        .query_selector(APP_HEADING)
        .ok()
        .flatten()
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
    if let Some(h1) = heading {
        let _ = h1.set_attribute("tabindex", "-1");
        let _ = h1.focus();
    }
}

/// Lets a second visit work offline (public/sw.js). Where service workers are unavailable
/// (old browsers, private modes) the app simply needs the network.
fn register_service_worker() {
    let navigator = window().navigator();
    // Absent outside secure contexts; calling it there would throw.
    if js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        let _ = navigator.service_worker().register("/sw.js");
    }
}
