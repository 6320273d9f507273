//! The app's frame: contexts, the router, the layout, and the page for the address (read with
//! carefinder-core's route table; `routes.rs` names the page for each route).

use std::sync::Arc;

use carefinder_core::routes::Route;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route as RouterRoute, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::{Busy, DataErrorPage, ExampleBanner, Footer, Header, Loading, SkipLink};
use crate::data::{Deploy, SharedManifest, VisitData, Website};
use crate::routes;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Also registers the service worker, unless adviser mode is on.
    crate::state::provide_shortlist();
    // Read again when a file no longer matches it (a deploy during the visit: `Deploy`).
    let deploy = Deploy::provide();
    // Each read is numbered, so a reload that finds the same manifest still starts the pages
    // again (a resource does not announce a value equal to the one it had).
    let manifest = LocalResource::new(move || {
        let read = deploy.reloads();
        async move { (read, Website::manifest().await) }
    });
    let retry = Callback::new(move |_| deploy.retry());

    view! {
        <PageTitle />
        <Router>
            <SkipLink />
            <Header />
            {move || match (deploy.failed(), manifest.get().map(|(_, read)| read)) {
                (Some(error), _) | (None, Some(Err(error))) => view! { <DataErrorPage error retry /> }.into_any(),
                (None, None) => view! { <Loading /> }.into_any(),
                (None, Some(Ok(loaded))) => {
                    deploy.reading(&loaded.build);
                    view! { <WithDataset manifest=Arc::new(loaded) /> }.into_any()
                }
            }}
        </Router>
    }
}

/// Every page's title ends with the service's name (the static pages use it too).
#[component]
pub fn PageTitle() -> impl IntoView {
    view! { <Title formatter=|page: String| format!("{page} - carefinder") /> }
}

/// Everything that needs the dataset: the example-data banner, the page and the footer.
#[component]
fn WithDataset(manifest: SharedManifest) -> impl IntoView {
    let example = manifest.area.example;
    VisitData::provide(&manifest);
    provide_context(manifest);
    // For the benchmark: when the dataset's manifest has loaded and the app is usable.
    if let Some(perf) = window().performance() {
        let _ = perf.mark("carefinder:ready");
    }
    let location = use_location();
    let route = Memo::new(move |_| Route::from_path(&location.pathname.get()));
    move_focus_to_heading_on_route_change(route);
    // The router matches every address to one view, which asks carefinder-core's route table
    // for the page (the router must match something to complete a navigation: history, scroll).
    // Each route change replaces the page; its requests and busy marks go with it.
    let page = move || routes::page(route.get());
    view! {
        <Layout example>
            <Routes fallback=page>
                <RouterRoute path=path!("/") view=page />
                <RouterRoute path=path!("/*any") view=page />
            </Routes>
        </Layout>
    }
}

/// Below the header: the example-data banner when it applies, the page, and the footer. The
/// pre-rendered pages use the same layout.
#[component]
pub fn Layout(example: bool, children: Children) -> impl IntoView {
    let busy = Busy::provide();
    view! {
        <div class="page-width">
            {example.then(|| view! { <ExampleBanner /> })}
            <main id="main-content" class="main" tabindex="-1" aria-busy=move || busy.is_busy().then_some("true")>{children()}</main>
        </div>
        <Footer />
    }
}

/// Screen-reader and keyboard users need to know the page changed: after each client-side
/// navigation to another page (not the first load) focus the new page's h1, as GOV.UK services do.
fn move_focus_to_heading_on_route_change(route: Memo<Option<Route>>) {
    Effect::new(move |previous: Option<Option<Route>>| {
        let now = route.get();
        if previous.is_some_and(|p| p != now) {
            request_animation_frame(focus_main_heading);
        }
        now
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
