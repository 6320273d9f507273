use leptos::prelude::*;

use super::JumpLink;

/// First focusable element: lets keyboard users jump past the header.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <JumpLink target="main-content".to_string() class="skip-link">"Skip to main content"</JumpLink> }
}
