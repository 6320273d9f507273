use leptos::prelude::*;

use super::jump_link::JumpLink;

/// GOV.UK's error summary: "There is a problem", with links that move focus to the fields at
/// fault (`errors` pairs each field's id with its message). It takes focus when it appears so
/// screen reader and keyboard users meet it first (or when the app takes over a pre-rendered
/// page, if it appeared while hidden: `data-takes-focus`).
#[component]
pub fn ErrorSummary(errors: Vec<(String, String)>) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let _ = el.focus();
        }
    });
    view! {
        <div class="error-summary" role="alert" tabindex="-1" node_ref=node aria-labelledby="error-summary-title" data-takes-focus="">
            <h2 class="error-summary__title" id="error-summary-title">"There is a problem"</h2>
            <ul class="error-summary__list">
                {errors.into_iter().map(|(field, message)| view! { <li><JumpLink target=field>{message}</JumpLink></li> }).collect_view()}
            </ul>
        </div>
    }
}
