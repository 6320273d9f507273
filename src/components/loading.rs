use leptos::prelude::*;
use leptos_meta::Title;

/// Shown while the dataset's manifest downloads (usually a fraction of a second).
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <Title text="Loading" />
        <div class="page-width">
            <main id="main-content" class="main" tabindex="-1" aria-busy="true">
                <h1>"Loading care services data"</h1>
                <p role="status">"Please wait while carefinder downloads the care services data."</p>
            </main>
        </div>
    }
}
