use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A link to an element on this page that also moves keyboard focus there. A plain "#id" link
/// is caught by the router, which scrolls but leaves focus behind: a keyboard user's next Tab
/// would start from the link again.
#[component]
pub fn JumpLink(
    target: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let href = format!("#{target}");
    let jump = move |ev: leptos::ev::MouseEvent| {
        let element = document()
            .get_element_by_id(&target)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            ev.prevent_default();
            element.scroll_into_view();
            let _ = element.focus();
        }
    };
    view! { <a href=href class=class on:click=jump>{children()}</a> }
}
