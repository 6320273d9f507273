use leptos::prelude::*;
use leptos_router::components::A;

use leptos_router::hooks::use_navigate;

use crate::state::{start_new_session, AdviserMode, LastSearch, ShortlistStore};

/// The service name, the main sections and the shortlist count.
#[component]
pub fn Header() -> impl IntoView {
    let shortlist = expect_context::<ShortlistStore>();
    let last_search = expect_context::<LastSearch>();
    let store = shortlist.0;
    let shortlist_count = move || store.with(|l| l.len());
    let adviser = expect_context::<AdviserMode>().0;
    let navigate = use_navigate();
    let new_session = move |_| {
        start_new_session(shortlist, last_search);
        navigate("/", Default::default());
    };
    view! {
        <header class="header" role="banner">
            <div class="page-width header__inner">
                <A href="/" attr:class="header__service-name">"carefinder"</A>
                <nav aria-label="Main">
                    <ul class="header__nav">
                        <li><A href="/search">"Search"</A></li>
                        <li><A href="/pathways">"Advice"</A></li>
                        <li><A href="/about-data">"About the data"</A></li>
                        <li>
                            <A href="/compare">
                                "Shortlist "<span class="header__count">"(" {shortlist_count} ")"</span>
                            </A>
                        </li>
                    </ul>
                </nav>
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
            </div>
        </header>
    }
}
