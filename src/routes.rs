//! The app's half of the route table (carefinder-core's `routes::TABLE`): the page each route
//! shows. The pre-renderer writes the static pages from the same table (`prerender::site`).

use carefinder_core::routes::Route;
use leptos::prelude::*;

use crate::pages;

pub fn page(route: Option<Route>) -> AnyView {
    let Some(route) = route else {
        return view! { <pages::NotFound /> }.into_any();
    };
    match route {
        Route::Home => view! { <pages::Home /> }.into_any(),
        Route::Search => view! { <pages::Search /> }.into_any(),
        Route::Compare => view! { <pages::Compare /> }.into_any(),
        Route::Costs => view! { <pages::Costs /> }.into_any(),
        Route::AboutData => view! { <pages::AboutData /> }.into_any(),
        Route::Accessibility => view! { <pages::Accessibility /> }.into_any(),
        Route::Pathways => view! { <pages::Pathways /> }.into_any(),
        Route::Pathway { pathway, step } => {
            view! { <pages::PathwayPage pathway step /> }.into_any()
        }
        Route::Service { id } => view! { <pages::ServicePage id /> }.into_any(),
        Route::Districts => view! { <pages::Districts /> }.into_any(),
        Route::District { district } => view! { <pages::District district /> }.into_any(),
    }
}
