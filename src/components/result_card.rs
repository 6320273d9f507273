use carefinder_core::format;
use carefinder_core::service::{ServiceSummary, ServiceType, Specialism};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::{RatingSummary, ShortlistButton};

/// One search result: name (linking to its page), type of care, distance, rating, beds,
/// specialisms and the shortlist button.
#[component]
pub fn ResultCard(provider: ServiceSummary, miles: f64, number: usize) -> impl IntoView {
    let types: Vec<&str> = ServiceType::ALL.into_iter().filter(|&s| provider.offers(s)).map(ServiceType::label).collect();
    let specialisms: Vec<&str> = Specialism::ALL.into_iter().filter(|&s| provider.specialises_in(s)).map(Specialism::label).collect();
    let home_care_only = provider.offers(ServiceType::HomeCare) && !provider.offers(ServiceType::CareHome) && !provider.offers(ServiceType::NursingHome);
    let distance = if home_care_only {
        format!("{} to the agency's office (home care staff visit you at home)", format::miles(miles))
    } else {
        format::miles(miles)
    };
    let href = format!("/provider/{}", provider.id);
    let (id, name, link_text) = (provider.id.clone(), provider.name.clone(), provider.name.clone());
    view! {
        <li class="result" id=format!("result-{}", provider.id.clone())>
            <h2 class="result__name">
                <span class="result__number" aria-hidden="true">{number}</span>
                <A href=href>{link_text}</A>
            </h2>
            <dl class="result__facts">
                <div><dt>"Type of care"</dt><dd>{types.join(", ")}</dd></div>
                <div><dt>"Distance"</dt><dd>{distance}</dd></div>
                <div><dt>"CQC rating"</dt><dd><RatingSummary rated=provider.overall.clone() /></dd></div>
                {(provider.beds > 0).then(|| view! { <div><dt>"Beds"</dt><dd>{provider.beds}</dd></div> })}
                {(!specialisms.is_empty()).then(|| view! { <div><dt>"Specialist care"</dt><dd>{specialisms.join(", ")}</dd></div> })}
            </dl>
            <ShortlistButton id=id name=name />
        </li>
    }
}
