//! The search page: the form, then results for the search in the address bar.

use std::sync::Arc;

use carefinder_core::council::WhoseArea;
use carefinder_core::distance::Point;
use carefinder_core::format;
use carefinder_core::postcode::PostcodeQuery;
use carefinder_core::query::SearchParams;
use carefinder_core::routes::{search_href, Route};
use carefinder_core::search::{nearest, search, Hit, RADII};
use carefinder_core::search_origin::{
    from_district_centre, from_unit_postcode, lookup_with_example, Lookup, Origin,
};
use carefinder_core::service::ServiceSummary;
use carefinder_core::whose_area::{
    whose_area_for_district, whose_area_for_postcode, whose_area_line,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::{
    BusyMark, ErrorSummary, LoadFailed, ResultCard, ResultsMap, SearchForm, Waiting,
};
use crate::data::{DataError, PageRequests, SharedManifest, VisitData};
use crate::state::{LastSearch, PersonsCouncil};

/// Where a search is centred, or why not: a problem the person can fix, or a download that
/// failed (trying again may work).
#[derive(Clone, Debug, PartialEq)]
enum Centre {
    Known(Origin, WhoseArea),
    Failed(DataError),
}

/// Finds the centre with carefinder-core's `search_origin`, fetching what it asks for, and
/// whose area it is in: a full postcode's own council, or a district's from the councils file.
async fn centre(p: SearchParams, requests: PageRequests, example: Option<String>) -> Centre {
    let data = VisitData::get();
    let origin = match lookup_with_example(&p, example.as_deref()) {
        Lookup::Ready(origin) => Ok((origin, WhoseArea::Unknown)),
        Lookup::DistrictCentre(district) => match data.district_centres.await {
            Ok(list) => {
                // Without the councils file the search still works; only the council is unknown.
                let whose = data.councils.await.map_or(WhoseArea::Unknown, |file| {
                    whose_area_for_district(&file, &district)
                });
                Ok((from_district_centre(&district, &list), whose))
            }
            Err(e) => Err(e),
        },
        Lookup::UnitPostcode(postcode) => VisitData::area_postcodes(requests, postcode.area())
            .await
            .map(|file| {
                (
                    from_unit_postcode(&postcode, file.as_ref()),
                    whose_area_for_postcode(&postcode, file.as_ref()),
                )
            }),
    };
    origin.map_or_else(Centre::Failed, |(o, w)| Centre::Known(o, w))
}

/// The search index, compared by identity so a memo does not compare 30,000 records.
#[derive(Clone)]
struct Index(Arc<Vec<ServiceSummary>>);

impl PartialEq for Index {
    fn eq(&self, other: &Index) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Where the search in the address has got to.
#[derive(Clone, PartialEq)]
enum SearchState {
    NotAsked,
    Working,
    BadPostcode(String),
    Failed(DataError),
    Results {
        point: Point,
        label: String,
        whose: WhoseArea,
        index: Index,
        hits: Vec<Hit>,
        nearest: Option<Hit>,
    },
}

#[component]
pub fn Search() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| SearchParams::from_fragment(&location.hash.get()));
    let retry = RwSignal::new(0u32);
    let requests = PageRequests::new();
    let index = VisitData::get().index;
    let example = expect_context::<SharedManifest>()
        .area
        .example_postcode
        .clone();
    let centre = LocalResource::new(move || {
        let p = params.get();
        retry.track();
        let example = example.clone();
        async move { p.is_search().then_some(centre(p, requests, example).await) }
    });
    let outcome = Memo::new(move |_| {
        let p = params.get();
        if !p.is_search() {
            return SearchState::NotAsked;
        }
        match centre.get() {
            None => SearchState::Working,
            Some(None) => SearchState::NotAsked,
            Some(Some(Centre::Failed(e))) => SearchState::Failed(e),
            Some(Some(Centre::Known(Origin::BadPostcode(message), _))) => {
                SearchState::BadPostcode(message)
            }
            Some(Some(Centre::Known(Origin::Found { point, label }, whose))) => match index.get() {
                None => SearchState::Working,
                Some(Err(e)) => SearchState::Failed(e),
                Some(Ok(list)) => {
                    let hits = search(&list, point, p.radius as f64, &p.criteria, p.sort);
                    let nearest = if hits.is_empty() {
                        nearest(&list, point, &p.criteria)
                    } else {
                        None
                    };
                    SearchState::Results {
                        point,
                        label,
                        whose,
                        index: Index(list),
                        hits,
                        nearest,
                    }
                }
            },
        }
    });
    // Remember the search point for the comparison's distances, and mark when results appear
    // (for the benchmark's "navigation to first results").
    let last_search = expect_context::<LastSearch>().0;
    let persons_council = expect_context::<PersonsCouncil>().0;
    Effect::new(move |_| match outcome.get() {
        SearchState::Results {
            point,
            label,
            whose,
            ..
        } => {
            last_search.set(Some((point, label)));
            // In memory only, for the pages that show this council's help.
            persons_council.set(Some(whose));
            if let Some(perf) = window().performance() {
                let _ = perf.mark("carefinder:results");
            }
        }
        // A search that found nowhere must not leave an earlier one's council in place.
        SearchState::BadPostcode(_) | SearchState::Failed(_) => persons_council.set(None),
        SearchState::NotAsked | SearchState::Working => {}
    });
    let postcode_error = Memo::new(move |_| match outcome.get() {
        SearchState::BadPostcode(message) => Some(message),
        _ => None,
    });
    let title = move || {
        if postcode_error.get().is_some() {
            "Error: Search for care services"
        } else {
            "Search for care services"
        }
    };
    // One live region whose words change, so each new count is announced.
    let status = move || match outcome.get() {
        SearchState::Working => "Searching…".to_string(),
        SearchState::Results { label, hits, .. } => {
            let p = params.get();
            format!(
                "{} within {} of {label}",
                format::count(hits.len(), "service", "services"),
                miles_phrase(p.radius)
            )
        }
        _ => String::new(),
    };
    let working =
        move || matches!(outcome.get(), SearchState::Working).then(|| view! { <BusyMark /> });
    let shown = Memo::new(move |_| shown(outcome.get(), params.with(|p| p.radius)));
    let area = expect_context::<SharedManifest>().area.name.clone();
    let councils = VisitData::get().councils;
    // "Your council for adult social care: …", or the split district's councils.
    let whose_line = move || {
        let SearchState::Results { whose, .. } = outcome.get() else {
            return None;
        };
        let district = match PostcodeQuery::parse(&params.with(|p| p.postcode.clone())) {
            Ok(PostcodeQuery::District(d)) => d,
            Ok(PostcodeQuery::Full(p)) => p.outward().to_string(),
            Err(_) => String::new(),
        };
        let file = councils.get()?.ok()?;
        whose_area_line(&file, &district, &whose)
            .map(|line| view! { <p class="whose-area">{line}</p> })
    };

    view! {
        <Title text=title />
        {move || postcode_error.get().map(|e| view! { <ErrorSummary errors=vec![("postcode".to_string(), e)] /> })}
        <h1>"Search for care services"</h1>
        <p>{format!("Care homes, nursing homes, home care and other services registered with the Care Quality Commission in {area}.")}</p>
        {move || view! { <SearchForm params=params.get() postcode_error=postcode_error.get() /> }}
        <p class="results-count" role="status">{status}</p>
        {whose_line}
        {working}
        {move || match outcome.get() {
            SearchState::Failed(error) => {
                let waiting = Waiting {
                    failed: Some("Sorry, carefinder could not download the data it needs for this search. Check your connection and try again."),
                    retry: Some(Callback::new(move |_| retry.update(|n| *n += 1))),
                    ..Waiting::default()
                };
                view! { <LoadFailed error waiting /> }.into_any()
            }
            SearchState::Results { index, hits, nearest, .. } if hits.is_empty() => {
                view! { <NoResults params=params.get() index=index.0 nearest=nearest /> }.into_any()
            }
            _ => ().into_any(),
        }}
        <Show when=move || shown.with(Option::is_some)>
            <Results shown />
        </Show>
    }
}

/// What the results list and map show: kept apart from the search's state, so the list stays
/// mounted from one search to the next and its keyed cards are reused.
#[derive(Clone, PartialEq)]
struct Shown {
    radius: u32,
    point: Point,
    /// Each result's number in the list, summary and distance.
    cards: Vec<(usize, ServiceSummary, f64)>,
}

fn shown(state: SearchState, radius: u32) -> Option<Shown> {
    let SearchState::Results {
        point, index, hits, ..
    } = state
    else {
        return None;
    };
    let cards = hits
        .iter()
        .enumerate()
        .map(|(i, h)| (i + 1, index.0[h.index].clone(), h.miles))
        .collect::<Vec<_>>();
    (!cards.is_empty()).then_some(Shown {
        radius,
        point,
        cards,
    })
}

fn miles_phrase(radius: u32) -> String {
    if radius == 1 {
        "1 mile".into()
    } else {
        format!("{radius} miles")
    }
}

/// The numbered results and their map. Cards are keyed by service and number, so a search
/// that keeps a service in the same place (a wider radius, another filter) keeps its card.
#[component]
fn Results(shown: Memo<Option<Shown>>) -> impl IntoView {
    let cards = move || shown.with(|s| s.as_ref().map(|s| s.cards.clone()).unwrap_or_default());
    let map = move || {
        shown.get().map(|s| {
            let marks = s
                .cards
                .iter()
                .map(|(n, service, _)| (service.point(), *n, service.name.clone()))
                .collect();
            view! { <ResultsMap origin=s.point radius=f64::from(s.radius) marks /> }
        })
    };
    view! {
        <div class="results">
            <ol class="results__list">
                <For each=cards key=|(number, s, _)| (s.id.clone(), *number) let((number, service, miles))>
                    <ResultCard service miles number />
                </For>
            </ol>
            {map}
        </div>
    }
}

/// Says nothing matched, names the nearest match, and offers a wider search.
#[component]
fn NoResults(
    params: SearchParams,
    index: Arc<Vec<ServiceSummary>>,
    nearest: Option<Hit>,
) -> impl IntoView {
    let wider = RADII.into_iter().find(|&r| r > params.radius).map(|r| {
        let href = search_href(&SearchParams {
            radius: r,
            ..params.clone()
        });
        view! { <p><A href=href>{format!("Search within {}", miles_phrase(r))}</A></p> }
    });
    let nearest = nearest.map(|h| {
        let s = index[h.index].clone();
        view! {
            <p>
                "The nearest service that matches is "
                <A href=Route::Service { id: s.id }.path()>{s.name}</A>
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
