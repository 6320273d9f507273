//! The search page: the form, then results for the search in the address bar.

use std::sync::Arc;

use carefinder_core::dataset::find_centroid;
use carefinder_core::distance::LatLon;
use carefinder_core::format;
use carefinder_core::postcode::PostcodeQuery;
use carefinder_core::service::ServiceSummary;
use carefinder_core::query::SearchParams;
use carefinder_core::search::{nearest, search, Hit, RADII};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::app::SharedManifest;
use crate::components::{ErrorSummary, ResultCard, ResultsMap, SearchForm};
use crate::data::fetch_district_postcodes;
use crate::state::{Centroids, Index, LastSearch};

/// Where a search is centred, or why it cannot be.
#[derive(Clone, Debug, PartialEq)]
enum Origin {
    Found { point: LatLon, label: String },
    /// Malformed, or well-formed but not in the data: both are the person's to fix.
    BadPostcode(String),
    /// A download failed; trying again may work.
    Failed(String),
}

async fn resolve(p: SearchParams, centroids: Centroids) -> Origin {
    if let Some(point) = p.location {
        return Origin::Found { point, label: "your location".into() };
    }
    match PostcodeQuery::parse(&p.postcode) {
        Err(e) => Origin::BadPostcode(e.message().into()),
        Ok(PostcodeQuery::District(district)) => match centroids.0.await {
            Ok(list) => match find_centroid(&list, &district) {
                Some(point) => Origin::Found { point, label: format!("the centre of the {district} postcode district") },
                None => Origin::BadPostcode(format!("We do not have {district} in our postcode data. Check it, or enter a full postcode")),
            },
            Err(e) => Origin::Failed(e.to_string()),
        },
        Ok(PostcodeQuery::Full(postcode)) => match fetch_district_postcodes(postcode.outward()).await {
            Ok(Some(file)) => match file.find(postcode.inward()) {
                Some(point) => Origin::Found { point, label: postcode.to_string() },
                None => Origin::BadPostcode(format!(
                    "We cannot find {postcode} in our postcode data. Check it, or enter just the first part, like {}",
                    postcode.outward()
                )),
            },
            Ok(None) => Origin::BadPostcode(format!("{postcode} is outside the area this service covers. Enter a postcode in the area")),
            Err(e) => Origin::Failed(e.to_string()),
        },
    }
}

/// The search index, compared by identity so a memo does not compare 30,000 records.
#[derive(Clone)]
struct Shared(Arc<Vec<ServiceSummary>>);

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, PartialEq)]
enum Outcome {
    NotAsked,
    Working,
    Problem(Origin),
    Results { point: LatLon, label: String, providers: Shared, hits: Vec<Hit>, nearest: Option<Hit> },
}

#[component]
pub fn Search() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| SearchParams::from_query(&location.search.get()));
    let retry = RwSignal::new(0u32);
    let centroids = expect_context::<Centroids>();
    let index = expect_context::<Index>();
    let origin = LocalResource::new(move || {
        let p = params.get();
        retry.track();
        async move {
            if p.is_search() {
                Some(resolve(p, centroids).await)
            } else {
                None
            }
        }
    });
    let outcome = Memo::new(move |_| {
        let p = params.get();
        if !p.is_search() {
            return Outcome::NotAsked;
        }
        match origin.get() {
            None => Outcome::Working,
            Some(None) => Outcome::NotAsked,
            Some(Some(Origin::Found { point, label })) => match index.0.get() {
                None => Outcome::Working,
                Some(Err(e)) => Outcome::Problem(Origin::Failed(e.to_string())),
                Some(Ok(list)) => {
                    let hits = search(&list, point, p.radius as f64, &p.criteria, p.sort);
                    let nearest = if hits.is_empty() { nearest(&list, point, &p.criteria) } else { None };
                    Outcome::Results { point, label, providers: Shared(list), hits, nearest }
                }
            },
            Some(Some(problem)) => Outcome::Problem(problem),
        }
    });
    // Remember the search point for the comparison's distances, and mark when results appear
    // (for the benchmark's "navigation to first results").
    let last_search = expect_context::<LastSearch>().0;
    Effect::new(move |_| {
        if let Outcome::Results { point, label, .. } = outcome.get() {
            last_search.set(Some((point, label)));
            if let Some(perf) = window().performance() {
                let _ = perf.mark("carefinder:results");
            }
        }
    });
    let postcode_error = Memo::new(move |_| match outcome.get() {
        Outcome::Problem(Origin::BadPostcode(message)) => Some(message),
        _ => None,
    });
    let title = move || if postcode_error.get().is_some() { "Error: Search for care services" } else { "Search for care services" };
    let status = move || match outcome.get() {
        Outcome::Working => "Searching…".to_string(),
        Outcome::Results { label, hits, .. } => {
            let p = params.get();
            format!("{} within {} of {label}", format::count(hits.len(), "service", "services"), miles_phrase(p.radius))
        }
        _ => String::new(),
    };
    let area = expect_context::<SharedManifest>().area.name.clone();

    view! {
        <Title text=title />
        {move || postcode_error.get().map(|e| view! { <ErrorSummary errors=vec![("postcode".to_string(), e)] /> })}
        <h1>"Search for care services"</h1>
        <p>{format!("Care homes, nursing homes, home care and other services registered with the Care Quality Commission in {area}.")}</p>
        {move || view! { <SearchForm params=params.get() postcode_error=postcode_error.get() /> }}
        <p class="results-count" role="status">{status}</p>
        {move || match outcome.get() {
            Outcome::Problem(Origin::Failed(reason)) => view! {
                <div class="notice" role="alert">
                    <p>"Sorry, carefinder could not download the data it needs for this search. Check your connection and try again."</p>
                    <p class="notice__detail">{reason}</p>
                    <button type="button" class="button" on:click=move |_| retry.update(|n| *n += 1)>"Try again"</button>
                </div>
            }.into_any(),
            Outcome::Results { point, providers, hits, nearest, .. } => {
                let p = params.get();
                if hits.is_empty() {
                    view! { <NoResults params=p providers=providers.0 nearest=nearest /> }.into_any()
                } else {
                    results_view(p, point, providers.0, hits).into_any()
                }
            }
            _ => ().into_any(),
        }}
    }
}

fn miles_phrase(radius: u32) -> String {
    if radius == 1 { "1 mile".into() } else { format!("{radius} miles") }
}

fn results_view(p: SearchParams, point: LatLon, providers: Arc<Vec<ServiceSummary>>, hits: Vec<Hit>) -> impl IntoView {
    let points = hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let s = &providers[h.index];
            ((s.lat, s.lon), i + 1, s.name.clone())
        })
        .collect();
    let cards = hits
        .iter()
        .enumerate()
        .map(|(i, h)| view! { <ResultCard provider=providers[h.index].clone() miles=h.miles number=i + 1 /> })
        .collect_view();
    view! {
        <div class="results">
            <ol class="results__list">{cards}</ol>
            <ResultsMap origin=point radius=p.radius as f64 points=points />
        </div>
    }
}

/// Says nothing matched, names the nearest match, and offers a wider search.
#[component]
fn NoResults(params: SearchParams, providers: Arc<Vec<ServiceSummary>>, nearest: Option<Hit>) -> impl IntoView {
    let wider = RADII.into_iter().find(|&r| r > params.radius).map(|r| {
        let href = format!("/search?{}", SearchParams { radius: r, ..params.clone() }.to_query());
        view! { <p><A href=href>{format!("Search within {}", miles_phrase(r))}</A></p> }
    });
    let nearest = nearest.map(|h| {
        let s = providers[h.index].clone();
        view! {
            <p>
                "The nearest service that matches is "
                <A href=format!("/provider/{}", s.id)>{s.name}</A>
                {format!(", {} away.", format::miles(h.miles))}
            </p>
        }
    });
    view! {
        <div class="no-results">
            <h2>"No services match your search"</h2>
            {nearest}
            {wider}
            <p>"You could also choose fewer types of care or specialisms, or a lower rating."</p>
        </div>
    }
}
