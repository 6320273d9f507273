use leptos::prelude::*;
use leptos_router::components::A;

/// Shown on every page while the synthetic example dataset is loaded, so nobody mistakes it
/// for real services.
#[component]
pub fn ExampleBanner() -> impl IntoView {
    view! {
        <div class="example-banner" role="note" aria-label="Example data">
            <strong class="example-banner__tag">"Example data: not real services"</strong>
            " Every service shown here is made up, to show how carefinder works. "
            <A href="/about-data">"About the data"</A>
        </div>
    }
}
