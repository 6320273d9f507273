use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Provider() -> impl IntoView {
    let id = move || use_params_map().with(|p| p.get("id").unwrap_or_default());
    view! {
        <Title text="Care service" />
        <h1>"Care service"</h1>
        <p>"CQC location ID: " {id}</p>
        <p>"Details of each service are not available in this version of carefinder yet."</p>
    }
}
