use leptos::prelude::*;
use leptos_router::components::A;

/// The service name, the main sections and the shortlist count.
#[component]
pub fn Header() -> impl IntoView {
    // The shortlist arrives with provider pages; until then it is always empty.
    let shortlist_count = 0;
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
