use carefinder_core::distance::Point;
use carefinder_core::query::{SearchParams, MIN_RATINGS};
use carefinder_core::routes::search_href;
use carefinder_core::search::{SortOrder, RADII};
use carefinder_core::service::{ServiceType, Specialism};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::{JsCast, JsValue};

use crate::data::SharedManifest;

/// The search question page: postcode, distance, types of care, specialist care, minimum rating
/// and order. Submitting puts the search in the address bar; the page reads it back from there.
#[component]
pub fn SearchForm(
    params: SearchParams,
    postcode_error: Option<String>,
    /// Runs when the person presses Search (the page then moves focus to the results).
    on_search: Callback<()>,
) -> impl IntoView {
    let form = NodeRef::<leptos::html::Form>::new();
    let location_message = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let go = move |p: SearchParams| navigate(&search_href(&p), Default::default());
    let read_form = move || -> Option<SearchParams> {
        let el = form.get()?;
        let data = web_sys::FormData::new_with_form(&el).ok()?;
        let query =
            web_sys::UrlSearchParams::new_with_str_sequence_sequence(&JsValue::from(data)).ok()?;
        Some(SearchParams::from_fragment(&String::from(
            query.to_string(),
        )))
    };
    let submit = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(p) = read_form() {
                on_search.run(());
                go(p);
            }
        }
    };
    let use_location = move |_| {
        location_message.set(Some("Finding your location…".into()));
        let go = go.clone();
        let on_found = move |lat: f64, lon: f64| {
            location_message.set(None);
            let mut p = read_form().unwrap_or_default();
            p.location = Some(Point::new(lat, lon));
            p.submitted = true;
            on_search.run(());
            go(p);
        };
        locate(on_found, move |message| location_message.set(Some(message)));
    };

    let error_id = postcode_error.as_ref().map(|_| "postcode-error");
    let hint = postcode_hint(
        expect_context::<SharedManifest>()
            .area
            .example_postcode
            .as_deref(),
    );
    let services = ServiceType::ALL.map(|s| {
        let checked = params.criteria.services.contains(&s);
        let id = format!("type-{}", s.key());
        view! {
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" name="type" id=id.clone() value=s.key() prop:checked=checked />
                <label class="checkboxes__label" for=id>{s.label()}</label>
            </div>
        }
    });
    let specialisms = Specialism::ALL.map(|s| {
        let checked = params.criteria.specialisms.contains(&s);
        let id = format!("need-{}", s.key());
        view! {
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" name="need" id=id.clone() value=s.key() prop:checked=checked />
                <label class="checkboxes__label" for=id>{s.label()}</label>
            </div>
        }
    });
    let chosen = params.criteria.services.len()
        + params.criteria.specialisms.len()
        + usize::from(params.criteria.min_rating.is_some())
        + usize::from(params.sort != SortOrder::Distance);
    let summary = if chosen == 0 {
        "Filter and sort".to_string()
    } else {
        format!("Filter and sort ({chosen} chosen)")
    };
    // Before a search the filters are open; after one they fold away so results come first.
    let open = !params.is_search();
    let radius = params.radius;
    let min_rating = params.criteria.min_rating;
    let sort = params.sort;
    view! {
        <form class="search-form" method="get" action="/search" node_ref=form on:submit=submit novalidate>
            <div class=if postcode_error.is_some() { "form-group form-group--error" } else { "form-group" }>
                <label class="label" for="postcode">"Postcode"</label>
                <div class="hint" id="postcode-hint">{hint}</div>
                {postcode_error.clone().map(|e| view! { <p class="error-message" id="postcode-error"><span class="visually-hidden">"Error: "</span>{e}</p> })}
                <input class=if postcode_error.is_some() { "input input--postcode input--error" } else { "input input--postcode" }
                    id="postcode" name="postcode" type="text" autocomplete="postal-code" spellcheck="false"
                    prop:value=params.postcode.clone()
                    aria-describedby=move || match error_id { Some(e) => format!("postcode-hint {e}"), None => "postcode-hint".to_string() } />
            </div>
            <div class="form-group">
                <button type="button" class="button button--secondary" on:click=use_location>"Use my location"</button>
                <p class="location-message" role="status">{move || location_message.get()}</p>
            </div>
            <div class="form-group">
                <label class="label" for="name">"Name of a care home, agency or provider (optional)"</label>
                <div class="hint" id="name-hint">"Part of the name is enough. With no postcode, carefinder looks everywhere it has data."</div>
                <input class="input" id="name" name="name" type="text" autocomplete="off" spellcheck="false"
                    aria-describedby="name-hint" prop:value=params.name.clone() />
            </div>
            <div class="form-group">
                <label class="label" for="distance">"Distance"</label>
                <select class="select" id="distance" name="distance">
                    {RADII.map(|r| view! { <option value=r.to_string() prop:selected=r == radius>{format!("Within {r} {}", if r == 1 { "mile" } else { "miles" })}</option> })}
                </select>
            </div>
            <details class="filters" open=open>
            <summary class="filters__summary">{summary}</summary>
            <div class="filters__body">
            <fieldset class="fieldset form-group" aria-describedby="type-hint">
                <legend class="fieldset__legend">"Type of care"</legend>
                <div class="hint" id="type-hint">"Select all that you would consider. Leave all unticked to see every type."</div>
                <div class="checkboxes">{services}</div>
            </fieldset>
            <fieldset class="fieldset form-group" aria-describedby="need-hint">
                <legend class="fieldset__legend">"Specialist care"</legend>
                <div class="hint" id="need-hint">"Services must offer every kind you select."</div>
                <div class="checkboxes">{specialisms}</div>
            </fieldset>
            <div class="form-group">
                <label class="label" for="rating">"Lowest CQC rating to show"</label>
                <select class="select" id="rating" name="rating">
                    <option value="" prop:selected=min_rating.is_none()>"Any rating, or not yet rated"</option>
                    {MIN_RATINGS.map(|r| view! { <option value=r.key() prop:selected=min_rating == Some(r)>{format!("{} or better", r.label())}</option> })}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="sort">"Order results by"</label>
                <select class="select" id="sort" name="sort">
                    {SortOrder::ALL.map(|s| view! { <option value=s.key() prop:selected=s == sort>{s.label()}</option> })}
                </select>
            </div>
            </div>
            </details>
            <button type="submit" class="button">"Search"</button>
        </form>
    }
}

/// The postcode hint, with a real postcode from the dataset's own area when it has one.
fn postcode_hint(example: Option<&str>) -> String {
    match example.map(|e| (e, e.split(' ').next().unwrap_or(e))) {
        Some((postcode, outward)) => {
            format!("For example, {postcode}. The first half, like {outward}, also works.")
        }
        None => "A full postcode, or just its first half, works.".into(),
    }
}

/// Asks the browser for the device's position; reports refusal or failure in plain words.
fn locate(on_found: impl FnOnce(f64, f64) + 'static, on_error: impl FnOnce(String) + 'static) {
    let Some(geolocation) = window().navigator().geolocation().ok() else {
        on_error("Your browser cannot share your location. Enter a postcode instead.".into());
        return;
    };
    let on_error = std::rc::Rc::new(std::cell::RefCell::new(Some(on_error)));
    let fail = on_error.clone();
    let success = wasm_bindgen::closure::Closure::once_into_js(move |position: JsValue| {
        let coords =
            js_sys::Reflect::get(&position, &"coords".into()).unwrap_or(JsValue::UNDEFINED);
        let number = |key: &str| {
            js_sys::Reflect::get(&coords, &key.into())
                .ok()
                .and_then(|v| v.as_f64())
        };
        match (number("latitude"), number("longitude")) {
            (Some(lat), Some(lon)) => on_found(lat, lon),
            _ => {
                if let Some(f) = fail.borrow_mut().take() {
                    f(
                        "Your location is not available right now. Enter a postcode instead."
                            .into(),
                    );
                }
            }
        }
    });
    let failure = wasm_bindgen::closure::Closure::once_into_js(move |error: JsValue| {
        let code = js_sys::Reflect::get(&error, &"code".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let message = if code == 1.0 {
            "You did not allow carefinder to use your location. Enter a postcode instead, or allow location in your browser's settings."
        } else if code == 3.0 {
            "Finding your location took too long. Try again, or enter a postcode instead."
        } else {
            "Your location is not available right now. Enter a postcode instead."
        };
        if let Some(f) = on_error.borrow_mut().take() {
            f(message.into());
        }
    });
    let options = web_sys::PositionOptions::new();
    options.set_timeout(15_000);
    let _ = geolocation.get_current_position_with_error_callback_and_options(
        success.unchecked_ref(),
        Some(failure.unchecked_ref()),
        &options,
    );
}
