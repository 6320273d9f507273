use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::ShortlistStore;

/// The service name, the main sections and the shortlist count (when the data has loaded).
#[component]
pub fn Header() -> impl IntoView {
    let store = use_context::<ShortlistStore>();
    let shortlist_count = move || store.map_or(0, |s| s.0.with(|l| l.len()));
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
            </div>
        </header>
    }
}
