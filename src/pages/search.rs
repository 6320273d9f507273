use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Search() -> impl IntoView {
    view! {
        <Title text="Search for care services" />
        <h1>"Search for care services"</h1>
        <p>"Searching by postcode is not available in this version of carefinder yet."</p>
        <p>
            "Until it is, you can search on the "
            <a href="https://www.cqc.org.uk/search/services" rel="noopener noreferrer">"Care Quality Commission's website"</a>"."
        </p>
    }
}
