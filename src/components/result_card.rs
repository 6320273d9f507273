use carefinder_core::format;
use carefinder_core::routes::Route;
use carefinder_core::service::{OtherName, ServiceSummary, ServiceType, Specialism};
use leptos::prelude::*;

use crate::components::{RatingSummary, ShortlistButton};

/// How many specialisms a card names; the service's page lists them all.
const CARD_SPECIALISMS: usize = 3;

/// One search result, kept short so a phone shows more than one: name (linking to its page),
/// type of care, distance, rating with its date, the main specialisms and the shortlist
/// button. `matched_other` is the other name a search by name found it by.
#[component]
pub fn ResultCard(
    service: ServiceSummary,
    miles: Option<f64>,
    number: usize,
    #[prop(default = None)] matched_other: Option<OtherName>,
) -> impl IntoView {
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
    let more = specialisms.len().saturating_sub(CARD_SPECIALISMS);
    let specialisms = match more {
        0 => specialisms.join(", "),
        n => format!(
            "{} and {n} more",
            specialisms[..CARD_SPECIALISMS].join(", ")
        ),
    };
    let distance = miles.map(|m| {
        if service.is_home_care_only() {
            format!(
                "{} to the office (staff visit you at home)",
                format::miles(m)
            )
        } else {
            format::miles(m)
        }
    });
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
                <a href=href>{link_text}</a>
            </h2>
            {matched_other.map(|other| view! { <p class="result__also">{other.sentence()}</p> })}
            <dl class="result__facts">
                <div><dt>"Type of care"</dt><dd>{types.join(", ")}</dd></div>
                {distance.map(|d| view! { <div><dt>"Distance"</dt><dd>{d}</dd></div> })}
                <div><dt>"CQC rating"</dt><dd><RatingSummary rated=service.overall.clone() compact=true /></dd></div>
                {(!specialisms.is_empty()).then(|| view! { <div><dt>"Specialist care"</dt><dd>{specialisms}</dd></div> })}
            </dl>
            <ShortlistButton id=id name=name />
        </li>
    }
}
