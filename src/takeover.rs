//! Starting on a pre-rendered page: the app renders hidden beside the static markup (CSS hides
//! everything but `#prerendered` while the body has `has-prerendered`), then swaps in once its
//! own page is ready, keeping the scroll position and the focused link. People see the same
//! page throughout, only now it is interactive.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// After this long the app takes over even if its page never matched (a data file failing,
/// say): its own error messages are then more use than a static page.
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
            // page, data-path "*", or a link followed before the takeover) any ready page will do.
            let same_route = static_path == window().location().pathname().ok();
            let wanted_heading = if same_route { static_heading.as_deref() } else { None };
            let ready = app_page_ready(&static_page, wanted_heading);
            if ready || js_sys::Date::now() - started > GIVE_UP_AFTER_MS {
                swap(&static_page);
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

/// The app's own main content (not the static copy) has the page's heading and no loading message.
fn app_page_ready(static_page: &web_sys::Element, wanted_heading: Option<&str>) -> bool {
    let Ok(mains) = document().query_selector_all("main") else { return false };
    (0..mains.length()).filter_map(|i| mains.item(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()).any(|main| {
        if static_page.contains(Some(&main)) {
            return false;
        }
        let heading = main.query_selector("h1").ok().flatten().and_then(|h| h.text_content()).map(|t| t.trim().to_string());
        let loading = main.get_attribute("aria-busy").as_deref() == Some("true") || still_loading(&main);
        heading.is_some() && !loading && wanted_heading.is_none_or(|w| heading.as_deref() == Some(w))
    })
}

fn still_loading(main: &web_sys::Element) -> bool {
    let Ok(statuses) = main.query_selector_all("[role=status]") else { return false };
    (0..statuses.length()).filter_map(|i| statuses.item(i)).any(|s| s.text_content().is_some_and(|t| t.trim_start().starts_with(LOADING)))
}

fn swap(static_page: &web_sys::Element) {
    let scroll = window().scroll_y().unwrap_or(0.0);
    let focused = document().active_element().filter(|el| static_page.contains(Some(el))).map(|el| counterpart_selector(&el));
    static_page.remove();
    if let Some(body) = document().body() {
        let _ = body.class_list().remove_1("has-prerendered");
    }
    window().scroll_to_with_x_and_y(0.0, scroll);
    // Otherwise, whatever tried to take focus while the app was hidden (an error summary) has it.
    let selector = focused.flatten().unwrap_or_else(|| "main [data-takes-focus]".to_string());
    let target = document().query_selector(&selector).ok().flatten();
    if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// How to find the app's copy of a focused static element: by id, else a link by its address
/// (in the main content first, where most links are).
fn counterpart_selector(el: &web_sys::Element) -> Option<String> {
    if !el.id().is_empty() {
        return Some(format!("#{}", el.id()));
    }
    let href = el.get_attribute("href")?.replace('"', "\\\"");
    let in_main = el.closest("main").ok().flatten().is_some();
    Some(if in_main { format!("main a[href=\"{href}\"]") } else { format!("a[href=\"{href}\"]") })
}
