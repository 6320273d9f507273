use leptos::prelude::*;

use super::jump_link::JumpLink;

/// First focusable element: lets keyboard users jump past the header.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <JumpLink target="main-content".to_string() class="skip-link">"Skip to main content"</JumpLink> }
}
