use leptos::prelude::*;

/// First focusable element: lets keyboard users jump past the header.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a href="#main-content" class="skip-link">"Skip to main content"</a> }
}
