//! Starting on a pre-rendered page: the app renders hidden beside the static markup (CSS hides
//! everything but `#prerendered` while the body has `has-prerendered`), then swaps in once its
//! own page is ready, keeping the scroll position and the focused link. People see the same
//! page throughout, only now it is interactive.
//!
//! The static page is usable before the app arrives (its district form is sent to the site), so
//! someone may be typing into it, or pressing its button, when the app is ready. Nothing they do
//! there may be lost to the swap: it waits while a static form control has focus or a pointer is
//! pressed on the page, and while a field holds text the app's page has nowhere to put; a form
//! already sent to the site is left to go (the app does not take over a page that is being
//! left); and any other typed text is carried to the app's copy of its field.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::{focus_main_heading, APP_HEADING};

/// After this long the app takes over once it has finished loading even if its page never
/// matched (a data file failing, say): its own error message is then more use. While it is
/// still loading the static page stays, however long that takes.
const GIVE_UP_AFTER_MS: f64 = 5_000.0;
const CHECK_EVERY: Duration = Duration::from_millis(25);
/// What a person types into or sets on a form.
const FIELDS: &str = "input, select, textarea";
/// What a person types into or presses on a form: while one of these has focus, the person
/// is in the middle of using the static form.
const CONTROLS: &str = "input, select, textarea, button";

pub fn take_over_prerendered_page() {
    let Some(static_page) = document().get_element_by_id("prerendered") else {
        return;
    };
    let static_path = static_page.get_attribute("data-path");
    let static_heading = heading_text(&static_page);
    let started = js_sys::Date::now();
    let start_path = window().location().pathname().ok();
    let person = Rc::new(StaticPageUse::watch(&static_page));
    resume_when_restored();
    let handle: Rc<Cell<Option<IntervalHandle>>> = Rc::default();
    let stop = handle.clone();
    let interval = set_interval_with_handle(
        move || {
            let finish = || {
                person.stop_watching();
                if let Some(h) = stop.take() {
                    h.clear();
                }
            };
            // The static form was sent to the site and the browser is on its way to the answer:
            // the app's copy of this page would only be in the way until it comes (and anything
            // done there would be cut off by it), so the static page stays, and the answer page
            // gets its own takeover.
            if person.sent_a_form.get() {
                finish();
                return;
            }
            // On the page's own route the app's heading must match; on any other (the fallback
            // page, or a link followed before the takeover) any ready page will do.
            let here = window().location().pathname().ok();
            let same_route = static_path == here;
            // A change of address since the page loaded means a link was followed (or Back
            // pressed) before the takeover; the fallback page stands for the route it was served for.
            let followed_link = here != start_path;
            let wanted_heading = if same_route {
                static_heading.as_deref()
            } else {
                None
            };
            let ready = match app_page() {
                Some(AppPage {
                    heading,
                    loading: false,
                }) => {
                    wanted_heading.is_none_or(|w| w == heading)
                        || js_sys::Date::now() - started > GIVE_UP_AFTER_MS
                }
                _ => false,
            };
            // A link followed means the person has left the static page, typed text and all.
            if ready && (followed_link || !person.is_busy(&static_page)) {
                swap(&static_page, followed_link);
                finish();
            }
        },
        CHECK_EVERY,
    );
    handle.set(interval.ok());
}

/// Back to a page whose form was sent (the takeover stopped for it), restored from the
/// back/forward cache: start again from the server's page rather than stay half taken over.
fn resume_when_restored() {
    let restored =
        wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
            let persisted = property(&event, "persisted").as_bool().unwrap_or(false);
            if persisted && document().get_element_by_id("prerendered").is_some() {
                let _ = window().location().reload();
            }
        });
    let _ =
        window().add_event_listener_with_callback("pageshow", restored.as_ref().unchecked_ref());
    restored.forget();
}

/// What the person is doing on the static page, from events anywhere in the window.
struct StaticPageUse {
    /// A form on the static page was submitted (and no script stopped it): the browser is
    /// sending it to the site.
    sent_a_form: Rc<Cell<bool>>,
    /// A pointer was pressed on the static page and not yet released: the click it will make
    /// (which fires after the release) must land on the element it was pressed on.
    pressing: Rc<Cell<bool>>,
    listeners: RefCell<Vec<WindowListenerHandle>>,
}

impl StaticPageUse {
    fn watch(static_page: &web_sys::Element) -> StaticPageUse {
        let (sent_a_form, pressing) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(false)));
        let on_static_page = {
            let static_page = static_page.clone();
            move |ev: &web_sys::Event| {
                ev.target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .is_some_and(|n| static_page.contains(Some(&n)))
            }
        };
        let sent = sent_a_form.clone();
        let on_static = on_static_page.clone();
        // Window listeners hear a submit last, so defaultPrevented is the page's final word.
        let submit = window_event_listener_untyped("submit", move |ev| {
            if on_static(&ev) && !ev.default_prevented() {
                sent.set(true);
            }
        });
        let down = pressing.clone();
        let press = window_event_listener_untyped("pointerdown", move |ev| {
            if on_static_page(&ev) {
                down.set(true);
            }
        });
        let listeners = vec![submit, press]
            .into_iter()
            .chain(["pointerup", "pointercancel"].map(|name| {
                let up = pressing.clone();
                window_event_listener_untyped(name, move |_| up.set(false))
            }))
            .collect();
        StaticPageUse {
            sent_a_form,
            pressing,
            listeners: RefCell::new(listeners),
        }
    }

    /// Whether swapping now would cut the person off: they are in a static form control
    /// (typing, or about to press Enter or the button: the key or click must reach the element
    /// they aimed it at), pressing on the page, or have typed into a field that the app's page
    /// has no copy of (the text would vanish with the static page).
    fn is_busy(&self, static_page: &web_sys::Element) -> bool {
        let in_control = document().active_element().is_some_and(|el| {
            static_page.contains(Some(&el)) && el.matches(CONTROLS).unwrap_or(false)
        });
        in_control
            || self.pressing.get()
            || changed_fields(static_page)
                .iter()
                .any(|f| counterpart(f).is_none())
    }

    fn stop_watching(&self) {
        for listener in self.listeners.take() {
            listener.remove();
        }
    }
}

fn heading_text(root: &web_sys::Element) -> Option<String> {
    root.query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .map(|t| t.trim().to_string())
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
    Some(AppPage {
        heading: h1.text_content().unwrap_or_default().trim().to_string(),
        loading,
    })
}

fn swap(static_page: &web_sys::Element, followed_link: bool) {
    // Never a form control (the swap waits while one has focus), so there is no caret to carry.
    let focused = document()
        .active_element()
        .filter(|el| static_page.contains(Some(el)));
    let focus_target = focused.as_ref().and_then(counterpart);
    carry_changed_fields(static_page);
    // Keep what the reader was at (the focused element, else the heading) where they saw it:
    // the two copies differ a little (the no-JavaScript notice goes, buttons appear).
    let top = |el: &web_sys::Element| el.get_bounding_client_rect().top();
    let before = match &focused {
        Some(el) => Some(top(el)),
        None => static_page
            .query_selector("main h1")
            .ok()
            .flatten()
            .map(|h| top(&h)),
    };
    static_page.remove();
    if let Some(body) = document().body() {
        let _ = body.class_list().remove_1("has-prerendered");
    }
    let after = match &focus_target {
        Some(el) => Some(top(el)),
        None => document()
            .query_selector(APP_HEADING)
            .ok()
            .flatten()
            .map(|h| top(&h)),
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
    let target = focus_target.or_else(|| {
        document()
            .query_selector("main [data-takes-focus]")
            .ok()
            .flatten()
    });
    if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

fn property(el: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(el, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn all(root: &web_sys::Element, css: &str) -> Vec<web_sys::Element> {
    let Ok(found) = root.query_selector_all(css) else {
        return vec![];
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// The static page's fields that the person has changed: their value is no longer the one the
/// page was written with (read through properties, so any kind of field will do).
fn changed_fields(static_page: &web_sys::Element) -> Vec<web_sys::Element> {
    all(static_page, FIELDS)
        .into_iter()
        .filter(changed)
        .collect()
}

fn changed(field: &web_sys::Element) -> bool {
    let differs =
        |el: &JsValue, now: &str, written: &str| property(el, now) != property(el, written);
    match field.tag_name().as_str() {
        "SELECT" => all(field, "option")
            .iter()
            .any(|o| differs(o, "selected", "defaultSelected")),
        "INPUT" => match property(field, "type")
            .as_string()
            .unwrap_or_default()
            .as_str()
        {
            "checkbox" | "radio" => differs(field, "checked", "defaultChecked"),
            "hidden" | "submit" | "button" | "reset" | "image" => false,
            _ => differs(field, "value", "defaultValue"),
        },
        _ => differs(field, "value", "defaultValue"),
    }
}

/// What the person typed or chose on the static page goes into the app's copy of each field,
/// which then hears the `input` and `change` events it would have heard had they used it.
fn carry_changed_fields(static_page: &web_sys::Element) {
    for field in changed_fields(static_page) {
        let Some(app_field) = counterpart(&field) else {
            continue;
        };
        let kind = property(&field, "type").as_string().unwrap_or_default();
        let key = if field.tag_name() == "INPUT" && (kind == "checkbox" || kind == "radio") {
            "checked"
        } else {
            "value"
        };
        let _ = js_sys::Reflect::set(&app_field, &JsValue::from_str(key), &property(&field, key));
        for name in ["input", "change"] {
            if let Ok(event) = document().create_event("Event") {
                event.init_event_with_bubbles_and_cancelable(name, true, false);
                let _ = app_field.dispatch_event(&event);
            }
        }
    }
}

/// Attribute values inside a CSS string.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The app's copy of a static element: by id; else a field by its name (and value, for
/// checkboxes and radios); else a link by its address (in the main content first, where most
/// links are). Looked up while both copies are in the document.
fn counterpart(el: &web_sys::Element) -> Option<web_sys::Element> {
    let static_page = document().get_element_by_id("prerendered")?;
    let body = document().body()?;
    let outside = |css: String| {
        all(&body, &css)
            .into_iter()
            .find(|f| !static_page.contains(Some(f)))
    };
    if !el.id().is_empty() {
        if let Some(found) = outside(format!("[id={}]", quoted(&el.id()))) {
            return Some(found);
        }
    }
    if let (Some(name), true) = (
        el.get_attribute("name"),
        el.matches(FIELDS).unwrap_or(false),
    ) {
        let kind = property(el, "type").as_string().unwrap_or_default();
        let value = if kind == "checkbox" || kind == "radio" {
            format!(
                "[value={}]",
                quoted(&el.get_attribute("value").unwrap_or_default())
            )
        } else {
            String::new()
        };
        return outside(format!(
            "{}[name={}]{value}",
            el.tag_name().to_lowercase(),
            quoted(&name)
        ));
    }
    let href = el.get_attribute("href")?;
    let scope = if el.closest("main").ok().flatten().is_some() {
        "main "
    } else {
        ""
    };
    outside(format!("{scope}a[href={}]", quoted(&href)))
}
