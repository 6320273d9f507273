use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::render_mode::app_running;
use crate::state::{start_new_session, AdviserMode, LastSearch, ShortlistStore};

/// The service name, the main sections and, when the app is running, the shortlist count and
/// adviser mode (a pre-rendered page has neither: both need the app).
#[component]
pub fn Header() -> impl IntoView {
    let shortlist = app_running().then(expect_context::<ShortlistStore>);
    let count = shortlist.map(|s| {
        let store = s.0;
        view! { " "<span class="header__count">"(" {move || store.with(|l| l.len())} ")"</span> }
    });
    view! {
        <header class="header" role="banner">
            <div class="page-width header__inner">
                <A href="/" attr:class="header__service-name">"carefinder"</A>
                <nav aria-label="Main">
                    <ul class="header__nav">
                        <li><A href="/search">"Search"</A></li>
                        <li><A href="/pathways">"Advice"</A></li>
                        <li><A href="/about-data">"About the data"</A></li>
                        <li><A href="/compare">"Shortlist"{count}</A></li>
                    </ul>
                </nav>
                {shortlist.map(|s| view! { <AdviserControls shortlist=s /> })}
            </div>
        </header>
    }
}

/// The adviser-mode toggle and, while it is on, "Start a new session".
#[component]
fn AdviserControls(shortlist: ShortlistStore) -> impl IntoView {
    let last_search = expect_context::<LastSearch>();
    let adviser = expect_context::<AdviserMode>().0;
    let navigate = use_navigate();
    let new_session = move |_| {
        start_new_session(shortlist, last_search);
        navigate("/", Default::default());
    };
    view! {
        <div class="header__adviser">
            // A toggle keeps one name; aria-pressed tells assistive technology its state,
            // and the visible "on"/"off" tells everyone else.
            <button type="button" class="header__toggle" aria-pressed=move || adviser.get().to_string() on:click=move |_| adviser.update(|a| *a = !*a)>
                "Adviser mode"<span aria-hidden="true">{move || if adviser.get() { ": on" } else { ": off" }}</span>
            </button>
            <Show when=move || adviser.get()>
                <button type="button" class="header__toggle header__new-session" on:click=new_session.clone()>"Start a new session"</button>
            </Show>
        </div>
    }
}
