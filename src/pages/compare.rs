use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn Compare() -> impl IntoView {
    view! {
        <Title text="Your shortlist" />
        <h1>"Your shortlist"</h1>
        <p>"Your shortlist is empty."</p>
        <p><A href="/search">"Search for care services"</A>" to add some and compare them side by side."</p>
    }
}
