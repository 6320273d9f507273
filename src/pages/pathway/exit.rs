//! "Exit this page", in the manner of the GOV.UK Design System's component: on pathways a
//! person may need to leave quickly (worries about abuse, caring), a button near the top and the
//! Shift key pressed three times replace this page, and its history entry, with a neutral site.
//! Without JavaScript the button is a plain link.

use carefinder_core::pathway::exit_shortcut::ShiftCount;
use carefinder_core::pathway::journey::NEUTRAL_PAGE;
use carefinder_core::pathway::Pathway;
use leptos::prelude::*;

use crate::render_mode::app_running;

const BUTTON: &str = ".exit-this-page__button";

/// The control, on the pathways that offer it.
pub fn exit_this_page(route: &Pathway) -> Option<impl IntoView> {
    route
        .offers_exit_this_page()
        .then(|| view! { <ExitThisPage /> })
}

#[component]
fn ExitThisPage() -> impl IntoView {
    let app = app_running();
    if app {
        listen_for_the_shortcut();
    }
    let leave_on_click = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        leave();
    };
    let hint = if app {
        "Or press the Shift key 3 times. Either one replaces this page, in your browsing history too, with the BBC weather page."
    } else {
        "This takes you to the BBC weather page. This page stays in your browsing history: you may want to delete it."
    };
    view! {
        <div class="exit-this-page no-print">
            <a href=NEUTRAL_PAGE class="button button--warning exit-this-page__button" role="button" rel="nofollow noreferrer" on:click=leave_on_click>
                <span class="visually-hidden">"Emergency: "</span>"Exit this page"
            </a>
            <p class="hint exit-this-page__hint">{hint}</p>
        </div>
    }
}

/// Replaces this page and its history entry. The target is the button's own link, so the page
/// says where it goes.
fn leave() {
    let target = document()
        .query_selector(BUTTON)
        .ok()
        .flatten()
        .and_then(|a| a.get_attribute("href"))
        .unwrap_or_else(|| NEUTRAL_PAGE.to_string());
    let _ = window().location().replace(&target);
}

/// Shift pressed on its own three times (carefinder-core's `ShiftCount` says when).
fn listen_for_the_shortcut() {
    let count = StoredValue::new(ShiftCount::default());
    let handle = window_event_listener(leptos::ev::keyup, move |ev| {
        let now = js_sys::Date::now();
        let leave_now = count
            .try_update_value(|c| c.key_up(ev.key() == "Shift", ev.shift_key(), now))
            .unwrap_or(false);
        if leave_now {
            leave();
        }
    });
    on_cleanup(move || handle.remove());
}
