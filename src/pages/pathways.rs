//! The pathways index: every information-and-advice route, with what it covers.

use std::sync::Arc;

use carefinder_core::pathway::Pathway;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::{when_loaded, Waiting};
use crate::data::VisitData;

#[component]
pub fn Pathways() -> impl IntoView {
    let pathways = VisitData::get().pathways;
    view! {
        <PathwaysIndex>
            {move || when_loaded(pathways.get(), Waiting::failed("Sorry, the advice could not be loaded."), |list| view! { <PathwayList list /> }.into_any())}
        </PathwaysIndex>
    }
}

/// The index page around its list (the app's, or the pre-rendered one).
#[component]
pub fn PathwaysIndex(children: Children) -> impl IntoView {
    view! {
        <Title text="Information and advice" />
        <h1>"Information and advice"</h1>
        <p class="lead">"Answer a few questions to find out what help there is and what to do next."</p>
        {children()}
    }
}

/// Every pathway with its summary; the pre-rendered index is this same list.
#[component]
pub fn PathwayList(list: Arc<Vec<Pathway>>) -> impl IntoView {
    let items = list
        .iter()
        .map(|p| {
            let href = p.start_page_href();
            let title = p.title.clone();
            view! { <li class="pathway-list__item"><h2 class="pathway-list__title"><A href=href>{title}</A></h2><p>{p.summary.clone()}</p></li> }
        })
        .collect_view();
    view! { <ul class="list pathway-list">{items}</ul> }
}
