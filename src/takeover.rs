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

/// The data-path of the fallback page (`app.html`, see prerender.rs): it stands for any route.
pub const ANY_ROUTE: &str = "*";

/// After this long the app takes over once it has finished loading even if its page never
/// matched (a data file failing, say): its own error message is then more use. While it is
/// still loading the static page stays, however long that takes.
const GIVE_UP_AFTER_MS: f64 = 5_000.0;
const CHECK_EVERY: Duration = Duration::from_millis(25);
/// How a page still fetching its data says so, in a status message ("Loading…").
const LOADING: &str = "Loading";

pub fn take_over_prerendered_page() {
    let Some(static_page) = document().get_element_by_id("prerendered") else { return };
    let static_path = static_page.get_attribute("data-path");
    let static_heading = heading_text(&static_page);
    let started = js_sys::Date::now();
    let handle: Rc<Cell<Option<IntervalHandle>>> = Rc::default();
    let stop = handle.clone();
    let interval = set_interval_with_handle(
        move || {
            // On the page's own route the app's heading must match; on any other (the fallback
            // page, or a link followed before the takeover) any ready page will do.
            let here = window().location().pathname().ok();
            let same_route = static_path == here;
            // The fallback page stands for whatever route it was served for; any other change of
            // address means a link on the static page was followed before the takeover.
            let followed_link = !same_route && static_path.as_deref() != Some(ANY_ROUTE);
            let wanted_heading = if same_route { static_heading.as_deref() } else { None };
            let ready = match app_page() {
                Some(AppPage { heading, loading: false }) => {
                    wanted_heading.is_none_or(|w| w == heading) || js_sys::Date::now() - started > GIVE_UP_AFTER_MS
                }
                _ => false,
            };
            if ready {
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
    let loading = main.get_attribute("aria-busy").as_deref() == Some("true") || still_loading(&main);
    Some(AppPage { heading: h1.text_content().unwrap_or_default().trim().to_string(), loading })
}

fn still_loading(main: &web_sys::Element) -> bool {
    let Ok(statuses) = main.query_selector_all("[role=status]") else { return false };
    (0..statuses.length()).filter_map(|i| statuses.item(i)).any(|s| s.text_content().is_some_and(|t| t.trim_start().starts_with(LOADING)))
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

/// Text typed into the static page's fields (the district form) carries over to the app's.
fn copy_typed_text(static_page: &web_sys::Element) {
    let Ok(fields) = static_page.query_selector_all("input[type=text]") else { return };
    for field in (0..fields.length()).filter_map(|i| fields.item(i)).filter_map(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        let id = field.id();
        if id.is_empty() || field.value().is_empty() {
            continue;
        }
        // Ids repeat between the two copies: the app's field is the match outside the static one.
        if let Some(app_field) = elements_with_id(&id).into_iter().find(|el| !static_page.contains(Some(el))) {
            if let Ok(input) = app_field.dyn_into::<web_sys::HtmlInputElement>() {
                input.set_value(&field.value());
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
    if !el.id().is_empty() {
        return outside(elements_with_id(&el.id()));
    }
    let href = el.get_attribute("href")?.replace('"', "\\\"");
    let scope = if el.closest("main").ok().flatten().is_some() { "main " } else { "" };
    let Ok(found) = document().query_selector_all(&format!("{scope}a[href=\"{href}\"]")) else { return None };
    outside((0..found.length()).filter_map(|i| found.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).collect())
}
