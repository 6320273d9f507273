//! The search page: the form, then a page of results for the search in the address bar, with
//! the filters in force, the pages, and a map of the page's results.

use std::sync::Arc;

use carefinder_core::council::WhoseArea;
use carefinder_core::distance::Point;
use carefinder_core::format;
use carefinder_core::name_search::NameIndex;
use carefinder_core::pagination::Pagination;
use carefinder_core::postcode::PostcodeQuery;
use carefinder_core::query::SearchParams;
use carefinder_core::routes::{search_href, Route};
use carefinder_core::search::{nearest, search, Hit, RADII};
use carefinder_core::search_origin::{
    from_district_centre, from_unit_postcode, lookup_with_example, Lookup, Origin,
};
use carefinder_core::service::{OtherName, ServiceSummary};
use carefinder_core::whose_area::{
    whose_area_for_district, whose_area_for_postcode, whose_area_line,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::{
    BusyMark, ErrorSummary, FilterTags, LoadFailed, ResultCard, ResultsMap, ResultsPagination,
    SearchForm, Waiting,
};
use crate::data::{DataError, PageRequests, SharedManifest, VisitData};
use crate::state::{LastSearch, PersonsCouncil};

/// Where a search is centred, or why not: a problem the person can fix, or a download that
/// failed (trying again may work). A search by name alone has no centre.
#[derive(Clone, Debug, PartialEq)]
enum Centre {
    Known(Origin, WhoseArea),
    Anywhere,
    Failed(DataError),
}

/// Finds the centre with carefinder-core's `search_origin`, fetching what it asks for, and
/// whose area it is in: a full postcode's own council, or a district's from the councils file.
async fn centre(p: SearchParams, requests: PageRequests, example: Option<String>) -> Centre {
    let data = VisitData::get();
    let origin = match lookup_with_example(&p, example.as_deref()) {
        Lookup::Anywhere => return Centre::Anywhere,
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
        Lookup::UnitPostcode(postcode) => {
            data.area_postcodes(requests, postcode.area())
                .await
                .map(|file| {
                    (
                        from_unit_postcode(&postcode, file.as_ref().as_ref()),
                        whose_area_for_postcode(&postcode, file.as_ref().as_ref()),
                    )
                })
        }
    };
    origin.map_or_else(Centre::Failed, |(o, w)| Centre::Known(o, w))
}

/// Only what decides the centre, so changing a filter or a page does not look the place up again.
fn place_of(p: &SearchParams) -> SearchParams {
    SearchParams {
        postcode: p.postcode.clone(),
        location: p.location,
        name: p.name.clone(),
        submitted: p.submitted,
        ..SearchParams::default()
    }
}

/// The search index, compared by identity so a memo does not compare 30,000 records.
#[derive(Clone)]
struct Index(Arc<Vec<ServiceSummary>>);

impl PartialEq for Index {
    fn eq(&self, other: &Index) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One result in order: which service, how far (none for a search by name alone), and the
/// other name it was found by (its provider's, say).
#[derive(Clone, Debug, PartialEq)]
struct Row {
    index: usize,
    miles: Option<f64>,
    matched_other: Option<OtherName>,
}

/// Where the search in the address has got to.
#[derive(Clone, PartialEq)]
enum SearchState {
    NotAsked,
    Working,
    BadPostcode(String),
    Failed(DataError),
    Results {
        /// `None` for a search by name alone.
        place: Option<(Point, String)>,
        whose: WhoseArea,
        index: Index,
        rows: Vec<Row>,
        nearest: Option<Hit>,
    },
}

#[component]
pub fn Search() -> impl IntoView {
    let location = use_location();
    let params = Memo::new(move |_| SearchParams::from_fragment(&location.hash.get()));
    let place = Memo::new(move |_| params.with(place_of));
    let retry = RwSignal::new(0u32);
    let requests = PageRequests::new();
    let index = VisitData::get().index;
    let names = StoredValue::new_local(None::<(Index, Arc<NameIndex>)>);
    let example = expect_context::<SharedManifest>()
        .area
        .example_postcode
        .clone();
    let centre = LocalResource::new(move || {
        let p = place.get();
        retry.track();
        let example = example.clone();
        async move { p.is_search().then_some(centre(p, requests, example).await) }
    });
    let outcome = Memo::new(move |_| {
        let p = params.get();
        if !p.is_search() {
            return SearchState::NotAsked;
        }
        let found = match centre.get() {
            None => return SearchState::Working,
            Some(None) => return SearchState::NotAsked,
            Some(Some(Centre::Failed(e))) => return SearchState::Failed(e),
            Some(Some(Centre::Known(Origin::BadPostcode(message), _))) => {
                return SearchState::BadPostcode(message)
            }
            Some(Some(Centre::Known(Origin::Found { point, label }, whose))) => {
                (Some((point, label)), whose)
            }
            Some(Some(Centre::Anywhere)) => (None, WhoseArea::Unknown),
        };
        let list = match index.get() {
            None => return SearchState::Working,
            Some(Err(e)) => return SearchState::Failed(e),
            Some(Ok(list)) => Index(list),
        };
        let (place, whose) = found;
        let point = place.as_ref().map(|(point, _)| *point);
        let rows: Vec<Row> = if p.name.is_empty() {
            // While a new place is looked up, the centre can still be the last search's
            // (a search by name alone has none): wait for this one's.
            let Some(point) = point else {
                return SearchState::Working;
            };
            search(&list.0, point, p.radius as f64, &p.criteria, p.sort)
                .into_iter()
                .map(|h| Row {
                    index: h.index,
                    miles: Some(h.miles),
                    matched_other: None,
                })
                .collect()
        } else {
            name_index(names, &list)
                .search(&list.0, &p.name, point, &p.criteria)
                .into_iter()
                // Beside a place, a name narrows the search within the distance chosen.
                .filter(|h| h.miles.is_none_or(|m| m <= f64::from(p.radius)))
                .map(|h| Row {
                    index: h.index,
                    miles: h.miles,
                    matched_other: h.matched_other,
                })
                .collect()
        };
        let nearest = match point {
            Some(point) if rows.is_empty() && p.name.is_empty() => {
                nearest(&list.0, point, &p.criteria)
            }
            _ => None,
        };
        SearchState::Results {
            place,
            whose,
            index: list,
            rows,
            nearest,
        }
    });
    // Remember the search point for the comparison's distances, and mark when results appear
    // (for the benchmark's "navigation to first results").
    let last_search = expect_context::<LastSearch>().0;
    let persons_council = expect_context::<PersonsCouncil>().0;
    Effect::new(move |_| match outcome.get() {
        SearchState::Results { place, whose, .. } => {
            if let Some(place) = place {
                last_search.set(Some(place));
                // In memory only, for the pages that show this council's help.
                persons_council.set(Some(whose));
            }
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
    let pagination = Memo::new(move |_| match outcome.get() {
        SearchState::Results { rows, .. } => {
            Some(Pagination::new(rows.len(), params.with(|p| p.page)))
        }
        _ => None,
    });
    let title = move || {
        // The page shown, which is the last one when the address asks for one past the end.
        let page = pagination.get().map_or(1, |p| p.page);
        match (postcode_error.get().is_some(), page) {
            (true, _) => "Error: Search for care services".to_string(),
            (false, 1) => "Search for care services".to_string(),
            (false, n) => format!("Search for care services (page {n})"),
        }
    };
    // One live region whose words change, so each new count is announced.
    let status = move || match outcome.get() {
        SearchState::Working => "Searching…".to_string(),
        SearchState::Results { place, rows, .. } => {
            let p = params.get();
            let count = format::count(rows.len(), "service", "services");
            match (p.name.is_empty(), place) {
                (true, Some((_, label))) => {
                    format!("{count} within {} of {label}", miles_phrase(p.radius))
                }
                (false, Some((_, label))) => format!(
                    "{count} named like “{}” within {} of {label}, nearest first",
                    p.name,
                    miles_phrase(p.radius)
                ),
                (_, None) => format!("{count} named like “{}”", p.name),
            }
        }
        _ => String::new(),
    };
    let working =
        move || matches!(outcome.get(), SearchState::Working).then(|| view! { <BusyMark /> });
    let shown = Memo::new(move |_| shown(outcome.get(), pagination.get(), params.get()));
    let area = expect_context::<SharedManifest>().area.name.clone();
    let councils = VisitData::get().councils;
    // "Your council for adult social care: …", or the split district's councils.
    let whose_line = move || {
        let SearchState::Results {
            whose,
            place: Some(_),
            ..
        } = outcome.get()
        else {
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
    // After Search, or a new page of results, the results' heading takes focus so the first
    // card is on screen (and a screen reader starts from the count).
    let focus_results = RwSignal::new(false);
    Effect::new(move |_| {
        // A new page changes what is shown without a new search outcome.
        shown.track();
        // A bad postcode's error summary takes focus itself.
        let settled = matches!(
            outcome.get(),
            SearchState::Results { .. } | SearchState::Failed(_)
        );
        if matches!(outcome.get_untracked(), SearchState::BadPostcode(_)) {
            focus_results.set(false);
        }
        if settled && focus_results.get_untracked() {
            focus_results.set(false);
            request_animation_frame(focus_results_heading);
        }
    });
    let on_search = Callback::new(move |_| focus_results.set(true));

    view! {
        <Title text=title />
        {move || postcode_error.get().map(|e| view! { <ErrorSummary errors=vec![("postcode".to_string(), e)] /> })}
        <h1>"Search for care services"</h1>
        <p>{format!("Care homes, nursing homes, home care and other services registered with the Care Quality Commission in {area}.")}</p>
        {move || view! { <SearchForm params=params.get() postcode_error=postcode_error.get() on_search /> }}
        <div class="results-heading" id="results-heading" tabindex="-1">
            <p class="results-count" role="status">{status}</p>
            {whose_line}
            {move || shown.with(|s| s.is_some()).then(|| view! { <FilterTags params=params.get() /> })}
            {move || pagination.get().and_then(|p| p.showing()).map(|s| view! { <p class="results-showing">{s}</p> })}
        </div>
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
            SearchState::Results { index, rows, nearest, .. } if rows.is_empty() => {
                view! { <NoResults params=params.get() index=index.0 nearest=nearest /> }.into_any()
            }
            _ => ().into_any(),
        }}
        <Show when=move || shown.with(Option::is_some)>
            <Results shown />
            {move || pagination.get().map(|pages| view! { <ResultsPagination pages params=params.get() on_page=on_search /> })}
        </Show>
    }
}

/// Builds the name index the first time a search by name needs it, once per loaded index.
fn name_index(
    names: StoredValue<Option<(Index, Arc<NameIndex>)>, LocalStorage>,
    list: &Index,
) -> Arc<NameIndex> {
    if let Some(built) = names.with_value(|n| {
        n.as_ref()
            .filter(|(i, _)| i == list)
            .map(|(_, n)| n.clone())
    }) {
        return built;
    }
    let built = Arc::new(NameIndex::new(&list.0));
    names.set_value(Some((list.clone(), built.clone())));
    built
}

fn focus_results_heading() {
    let heading = document()
        .get_element_by_id("results-heading")
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
    if let Some(h) = heading {
        let _ = h.focus();
        h.scroll_into_view();
    }
}

/// One page of results and its map: kept apart from the search's state, so the list stays
/// mounted from one search to the next and its keyed cards are reused.
#[derive(Clone, PartialEq)]
struct Shown {
    radius: u32,
    /// The search point; `None` for a search by name alone, which has no map.
    point: Option<Point>,
    /// The number of the page's first result.
    start: usize,
    /// Each result's number in the whole list, summary, distance and the other name matched.
    cards: Vec<(usize, ServiceSummary, Option<f64>, Option<OtherName>)>,
}

fn shown(state: SearchState, pages: Option<Pagination>, p: SearchParams) -> Option<Shown> {
    let (
        SearchState::Results {
            place, index, rows, ..
        },
        Some(pages),
    ) = (state, pages)
    else {
        return None;
    };
    let range = pages.range();
    let cards = rows[range.clone()]
        .iter()
        .zip(range.clone())
        .map(|(r, i)| {
            (
                i + 1,
                index.0[r.index].clone(),
                r.miles,
                r.matched_other.clone(),
            )
        })
        .collect::<Vec<_>>();
    (!cards.is_empty()).then_some(Shown {
        radius: p.radius,
        point: place.map(|(point, _)| point).filter(|_| p.name.is_empty()),
        start: range.start + 1,
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

/// Which of the list and the map a small screen shows; a wide one shows both.
#[derive(Clone, Copy, PartialEq)]
enum View {
    List,
    Map,
}

/// The numbered results and their map. Cards are keyed by service and number, so a search
/// that keeps a service in the same place (a wider radius, another filter) keeps its card.
#[component]
fn Results(shown: Memo<Option<Shown>>) -> impl IntoView {
    let view_shown = RwSignal::new(View::List);
    let cards = move || shown.with(|s| s.as_ref().map(|s| s.cards.clone()).unwrap_or_default());
    let start = move || shown.with(|s| s.as_ref().map_or(1, |s| s.start));
    // A marker leads to its card: show the list, then move focus to the card's link.
    let on_choose = Callback::new(move |id: String| {
        view_shown.set(View::List);
        request_animation_frame(move || focus_card(&id));
    });
    let has_map = move || shown.with(|s| s.as_ref().is_some_and(|s| s.point.is_some()));
    let map = move || {
        shown.get().and_then(|s| {
            let origin = s.point?;
            let marks = s
                .cards
                .iter()
                .map(|(n, service, _, _)| crate::components::Mark {
                    point: service.point(),
                    number: *n,
                    name: service.name.clone(),
                    id: service.id.clone(),
                })
                .collect();
            Some(view! { <ResultsMap origin radius=f64::from(s.radius) marks on_choose /> })
        })
    };
    let switch = move |v: View, label: &'static str| {
        view! {
            <button type="button" class="view-switch__button" aria-pressed=move || (view_shown.get() == v).to_string()
                on:click=move |_| view_shown.set(v)>{label}</button>
        }
    };
    view! {
        <Show when=has_map>
            <div class="view-switch" role="group" aria-label="Show results as">
                {switch(View::List, "List")}
                {switch(View::Map, "Map")}
            </div>
        </Show>
        <div class="results" data-view=move || if view_shown.get() == View::Map { "map" } else { "list" }>
            <ol class="results__list" start=start>
                <For each=cards key=|(number, s, _, _)| (s.id.clone(), *number) let((number, service, miles, matched_other))>
                    <ResultCard service miles number matched_other />
                </For>
            </ol>
            {map}
        </div>
    }
}

fn focus_card(id: &str) {
    let link = document()
        .query_selector(&format!("#result-{id} .result__name a"))
        .ok()
        .flatten()
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
    if let Some(link) = link {
        let _ = link.focus();
    }
}

/// Says nothing matched, names the nearest match, and offers a wider search.
#[component]
fn NoResults(
    params: SearchParams,
    index: Arc<Vec<ServiceSummary>>,
    nearest: Option<Hit>,
) -> impl IntoView {
    let by_name = !params.name.is_empty();
    let wider = RADII
        .into_iter()
        .find(|&r| r > params.radius)
        .filter(|_| !by_name)
        .map(|r| {
            let href = search_href(&SearchParams {
                radius: r,
                page: 1,
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
    let advice = if by_name {
        "Check the spelling, or try part of the name (one word is enough). You could also choose fewer types of care or specialisms, or a lower rating."
    } else {
        "You could also choose fewer types of care or specialisms, or a lower rating."
    };
    view! {
        <div class="no-results">
            <h2>"No services match your search"</h2>
            {nearest}
            {wider}
            <p>{advice}</p>
        </div>
    }
}
