use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Pathways() -> impl IntoView {
    view! {
        <Title text="Information and advice" />
        <h1>"Information and advice"</h1>
        <p>"Step-by-step advice for carers, paying for care and leaving hospital is not in this version of carefinder yet."</p>
        <p>"Norfolk County Council's social care line: " <a href="tel:03448008020">"0344 800 8020"</a>"."</p>
    }
}
