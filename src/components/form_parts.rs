//! Small pieces of GOV.UK-style form markup that every question shares, so a field's hint and
//! error are always tied to it in the same way.

use leptos::prelude::*;

/// Describes a control by its hint and, when there is one, its error, so both are read out.
/// `None` (no attribute) when there is neither.
pub fn described_by(
    hint_id: Option<&str>,
    error_id: &str,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> {
    let (hint_id, error_id) = (hint_id.map(str::to_string), error_id.to_string());
    move || {
        let error = error.with(Option::is_some).then_some(error_id.as_str());
        let ids: Vec<&str> = hint_id.iter().map(String::as_str).chain(error).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The message under a question, prefixed "Error:" for screen readers as GOV.UK does.
pub fn error_message(id: String, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|m| view! { <p class="error-message" id=id.clone()><span class="visually-hidden">"Error: "</span>{m}</p> })
    }
}

/// A question's wrapper, marked (red bar) while it has an error.
pub fn group_class(error: Signal<Option<String>>) -> impl Fn() -> &'static str {
    move || {
        if error.with(Option::is_some) {
            "form-group form-group--error"
        } else {
            "form-group"
        }
    }
}
