use carefinder_core::format;
use carefinder_core::routes::Route;
use carefinder_core::service::{ServiceSummary, ServiceType, Specialism};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{RatingSummary, ShortlistButton};

/// One search result: name (linking to its page), type of care, distance, rating, beds,
/// specialisms and the shortlist button.
#[component]
pub fn ResultCard(service: ServiceSummary, miles: f64, number: usize) -> impl IntoView {
    let types: Vec<&str> = ServiceType::ALL
        .into_iter()
        .filter(|&s| service.offers(s))
        .map(ServiceType::label)
        .collect();
    let specialisms: Vec<&str> = Specialism::ALL
        .into_iter()
        .filter(|&s| service.specialises_in(s))
        .map(Specialism::label)
        .collect();
    let distance = if service.is_home_care_only() {
        format!(
            "{} to the agency's office (home care staff visit you at home)",
            format::miles(miles)
        )
    } else {
        format::miles(miles)
    };
    let href = Route::Service {
        id: service.id.clone(),
    }
    .path();
    let (id, name, link_text) = (
        service.id.clone(),
        service.name.clone(),
        service.name.clone(),
    );
    view! {
        <li class="result" id=format!("result-{}", service.id.clone())>
            <h2 class="result__name">
                <span class="result__number" aria-hidden="true">{number}</span>
                <A href=href>{link_text}</A>
            </h2>
            <dl class="result__facts">
                <div><dt>"Type of care"</dt><dd>{types.join(", ")}</dd></div>
                <div><dt>"Distance"</dt><dd>{distance}</dd></div>
                <div><dt>"CQC rating"</dt><dd><RatingSummary rated=service.overall.clone() /></dd></div>
                {(service.beds > 0).then(|| view! { <div><dt>"Beds"</dt><dd>{service.beds}</dd></div> })}
                {(!specialisms.is_empty()).then(|| view! { <div><dt>"Specialist care"</dt><dd>{specialisms.join(", ")}</dd></div> })}
            </dl>
            <ShortlistButton id=id name=name />
        </li>
    }
}
