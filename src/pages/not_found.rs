use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>"If you typed the web address, check it is correct."</p>
        <p>"If you pasted the web address, check you copied the entire address."</p>
        <p>"You can:"</p>
        <ul class="list list--bullet">
            <li><A href="/search">"search for care services near a postcode"</A></li>
            <li><A href="/pathways">"get information and advice"</A></li>
            <li><A href="/">"go to the carefinder home page"</A></li>
        </ul>
    }
}
