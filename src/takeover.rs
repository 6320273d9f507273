//! Starting on a pre-rendered page: the app renders hidden beside the static markup (CSS hides
//! everything but `#prerendered` while the body has `has-prerendered`), then swaps in once its
//! own page is ready, keeping the scroll position and the focused link. People see the same
//! page throughout, only now it is interactive.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{focus_main_heading, APP_HEADING};

/// The data-path of the fallback page (`app.html`, see prerender/site.rs): it stands for any route.
pub const ANY_ROUTE: &str = "*";

/// After this long the app takes over once it has finished loading even if its page never
/// matched (a data file failing, say): its own error message is then more use. While it is
/// still loading the static page stays, however long that takes.
const GIVE_UP_AFTER_MS: f64 = 5_000.0;
const CHECK_EVERY: Duration = Duration::from_millis(25);

pub fn take_over_prerendered_page() {
    let Some(static_page) = document().get_element_by_id("prerendered") else { return };
    let static_path = static_page.get_attribute("data-path");
    let static_heading = heading_text(&static_page);
    let started = js_sys::Date::now();
    let start_path = window().location().pathname().ok();
    let handle: Rc<Cell<Option<IntervalHandle>>> = Rc::default();
    // A form sent from the static page goes to the server as it is (the district form works
    // without the app); the page it leads to replaces this one, so nothing is swapped after.
    let on_submit = handle.clone();
    let submitted = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if let Some(h) = on_submit.take() {
            h.clear();
        }
    });
    let _ = static_page.add_event_listener_with_callback("submit", submitted.as_ref().unchecked_ref());
    submitted.forget();
    // Back to this page from the back/forward cache after such a submit: the takeover stopped,
    // so start again from the server's page.
    let restored = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let persisted = js_sys::Reflect::get(&event, &"persisted".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
        if persisted && document().get_element_by_id("prerendered").is_some() {
            let _ = window().location().reload();
        }
    });
    let _ = window().add_event_listener_with_callback("pageshow", restored.as_ref().unchecked_ref());
    restored.forget();
    let stop = handle.clone();
    let interval = set_interval_with_handle(
        move || {
            // On the page's own route the app's heading must match; on any other (the fallback
            // page, or a link followed before the takeover) any ready page will do.
            let here = window().location().pathname().ok();
            let same_route = static_path == here;
            // A change of address since the page loaded means a link was followed (or Back
            // pressed) before the takeover: the fallback page stands for the route it was served for.
            let followed_link = here != start_path;
            let wanted_heading = if same_route { static_heading.as_deref() } else { None };
            let ready = match app_page() {
                Some(AppPage { heading, loading: false }) => {
                    wanted_heading.is_none_or(|w| w == heading) || js_sys::Date::now() - started > GIVE_UP_AFTER_MS
                }
                _ => false,
            };
            // Never swap away text someone is typing that the app's page has no field for.
            if ready && (followed_link || !typing_without_counterpart(&static_page)) {
                swap(&static_page, followed_link);
                if let Some(h) = stop.take() {
                    h.clear();
                }
            }
        },
        CHECK_EVERY,
    );
    handle.set(interval.ok());
}

fn heading_text(root: &web_sys::Element) -> Option<String> {
    root.query_selector("main h1").ok().flatten().and_then(|h| h.text_content()).map(|t| t.trim().to_string())
}

/// The app's own page (not the static copy), once it has a heading.
struct AppPage {
    heading: String,
    loading: bool,
}

fn app_page() -> Option<AppPage> {
    let h1 = document().query_selector(APP_HEADING).ok().flatten()?;
    let main = h1.closest("main").ok().flatten()?;
    // Every page marks its main aria-busy while anything on it loads (components::loaded).
    let loading = main.get_attribute("aria-busy").as_deref() == Some("true");
    Some(AppPage { heading: h1.text_content().unwrap_or_default().trim().to_string(), loading })
}

fn swap(static_page: &web_sys::Element, followed_link: bool) {
    let focused = document().active_element().filter(|el| static_page.contains(Some(el)));
    let focus_target = focused.as_ref().and_then(counterpart);
    copy_typed_text(static_page);
    // Keep what the reader was at (the focused element, else the heading) where they saw it:
    // the two copies differ a little (the no-JavaScript notice goes, buttons appear).
    let top = |el: &web_sys::Element| el.get_bounding_client_rect().top();
    let before = match &focused {
        Some(el) => Some(top(el)),
        None => static_page.query_selector("main h1").ok().flatten().map(|h| top(&h)),
    };
    static_page.remove();
    if let Some(body) = document().body() {
        let _ = body.class_list().remove_1("has-prerendered");
    }
    let after = match &focus_target {
        Some(el) => Some(top(el)),
        None => document().query_selector(APP_HEADING).ok().flatten().map(|h| top(&h)),
    };
    if let (Some(before), Some(after)) = (before, after) {
        window().scroll_by_with_x_and_y(0.0, after - before);
    }
    if followed_link {
        // The new page's heading takes focus, as on any navigation.
        focus_main_heading();
        return;
    }
    // Otherwise, whatever tried to take focus while the app was hidden (an error summary) has it.
    let target = focus_target.or_else(|| document().query_selector("main [data-takes-focus]").ok().flatten());
    if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The static page's text fields.
fn text_fields(static_page: &web_sys::Element) -> Vec<web_sys::HtmlInputElement> {
    let Ok(fields) = static_page.query_selector_all("input[type=text], input:not([type])") else { return vec![] };
    (0..fields.length()).filter_map(|i| fields.item(i)).filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok()).collect()
}

/// The app's field for a static one: the same id, else the same name, outside the static copy.
fn app_field(static_page: &web_sys::Element, field: &web_sys::HtmlInputElement) -> Option<web_sys::HtmlInputElement> {
    let outside = |found: Vec<web_sys::Element>| found.into_iter().find(|el| !static_page.contains(Some(el)));
    let by_id = (!field.id().is_empty()).then(|| outside(elements_with_id(&field.id()))).flatten();
    let by_name = || {
        let name = field.name();
        let found = document().get_elements_by_name(&name);
        (!name.is_empty()).then(|| outside((0..found.length()).filter_map(|i| found.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).collect())).flatten()
    };
    by_id.or_else(by_name).and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
}

/// Someone is typing into the static page (a field has focus, or holds text) and the app's page
/// has nowhere to put it: the fallback page's district form has no field on the app's /search.
fn typing_without_counterpart(static_page: &web_sys::Element) -> bool {
    let focused = document().active_element();
    text_fields(static_page).iter().any(|field| {
        let in_use = !field.value().is_empty() || focused.as_ref().is_some_and(|f| f == field.unchecked_ref::<web_sys::Element>());
        in_use && app_field(static_page, field).is_none()
    })
}

/// Text typed into the static page's fields carries over to the app's, with the caret where it was.
fn copy_typed_text(static_page: &web_sys::Element) {
    for field in text_fields(static_page) {
        if field.value().is_empty() {
            continue;
        }
        if let Some(input) = app_field(static_page, &field) {
            input.set_value(&field.value());
            let (start, end) = (field.selection_start().ok().flatten(), field.selection_end().ok().flatten());
            if let (Some(start), Some(end)) = (start, end) {
                let _ = input.set_selection_range(start, end);
            }
        }
    }
}

fn elements_with_id(id: &str) -> Vec<web_sys::Element> {
    let Ok(found) = document().query_selector_all(&format!("[id=\"{}\"]", id.replace('"', "\\\""))) else { return vec![] };
    (0..found.length()).filter_map(|i| found.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).collect()
}

/// The app's copy of a focused static element: by id, else a link by its address (in the main
/// content first, where most links are). Looked up while both copies are in the document.
fn counterpart(el: &web_sys::Element) -> Option<web_sys::Element> {
    let static_page = document().get_element_by_id("prerendered")?;
    let outside = |found: Vec<web_sys::Element>| found.into_iter().find(|f| !static_page.contains(Some(f)));
    if let Some(field) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        // A text field's counterpart is the one its typed text was copied into.
        return app_field(&static_page, field).map(Into::into);
    }
    if !el.id().is_empty() {
        return outside(elements_with_id(&el.id()));
    }
    let href = el.get_attribute("href")?.replace('"', "\\\"");
    let scope = if el.closest("main").ok().flatten().is_some() { "main " } else { "" };
    let Ok(found) = document().query_selector_all(&format!("{scope}a[href=\"{href}\"]")) else { return None };
    outside((0..found.length()).filter_map(|i| found.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).collect())
}
