use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::ShortlistStore;

/// The service name, the main sections and the shortlist count.
#[component]
pub fn Header() -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let shortlist_count = move || store.with(|l| l.len());
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
