use carefinder_core::format;
use carefinder_core::rating::Rating;
use carefinder_core::search::{years_between, OLD_RATING_YEARS};
use carefinder_core::service::Rated;
use leptos::prelude::*;

use crate::render_mode::today;

/// A CQC rating in words (never colour alone), its date, and a warning when it is old or missing.
/// `compact` (a result card) keeps each warning to a few words; the service's page says more.
#[component]
pub fn RatingSummary(rated: Option<Rated>, #[prop(optional)] compact: bool) -> impl IntoView {
    let Some(r) = rated else {
        let why = if compact {
            "No rating published yet."
        } else {
            "CQC has not rated this service yet. New services are usually inspected within a year."
        };
        return view! {
            <span class="rating rating--none">"Not yet rated"</span>
            <span class="warning-text">{why}</span>
        }
        .into_any();
    };
    let class = format!("rating rating--{}", r.rating.key());
    let (when, warning) = match r.date.as_deref() {
        Some(date) => {
            let age = years_between(date, &today());
            let warning = age.filter(|&y| y >= OLD_RATING_YEARS).map(|y| {
                if compact {
                    format!("{y} years old: the service may have changed.")
                } else {
                    format!("This rating is {y} years old. The service may have changed since; check CQC's website for any newer report.")
                }
            });
            (format!(" (rated {})", format::date(date)), warning)
        }
        None => (" (date of rating not published)".to_string(), None),
    };
    let insufficient = (r.rating == Rating::InsufficientEvidence && !compact)
        .then_some("CQC did not have enough evidence to rate this service.");
    view! {
        <span class=class>{r.rating.label()}</span>
        <span class="rating__date">{when}</span>
        {warning.map(|w| view! { <span class="warning-text">{w}</span> })}
        {insufficient.map(|w| view! { <span class="warning-text">{w}</span> })}
    }
    .into_any()
}
