//! One service in depth: contact details, what it offers, every CQC rating with its date and
//! age, and its costs: fees (or a plain statement that none are published), then its council's,
//! nearby councils' and England's figures, each with its year and source.

use std::sync::Arc;

use carefinder_core::costs::{cost_lines, estimate_href, CostLine};
use carefinder_core::council::CouncilsFile;
use carefinder_core::format;
use carefinder_core::links::{phone_href, web_address};
use carefinder_core::reference::Reference;
use carefinder_core::routes::Route;
use carefinder_core::search::years_between;
use carefinder_core::service::{Rated, Service};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::{when_loaded, Pending, RatingSummary, ShortlistButton, Waiting};
use crate::data::{DataError, PageRequests, VisitData};
use crate::render_mode::today;

/// What looking a service up found.
#[derive(Clone)]
enum ServiceLookup {
    Found(Box<Service>),
    NotFound(String),
}

#[component]
pub fn ServicePage(id: String) -> impl IntoView {
    let requests = PageRequests::new();
    let data = VisitData::get();
    let service = LocalResource::new(move || {
        let id = id.clone();
        async move {
            let mut found = data.services(requests, vec![id.clone()]).await?;
            Ok::<_, DataError>(if found.is_empty() {
                ServiceLookup::NotFound(id)
            } else {
                ServiceLookup::Found(Box::new(found.remove(0)))
            })
        }
    });
    let retry = Callback::new(move |_| service.refetch());
    move || {
        match service.get() {
        Some(Ok(ServiceLookup::Found(s))) => {
            let (reference, councils) = (data.reference, data.councils);
            // A dataset without councils.json still shows its own and England's figures.
            let councils = Signal::derive(move || councils.get().map(|c| c.unwrap_or_default()));
            view! { <ServiceDetails service=*s reference=Signal::derive(move || reference.get().and_then(Result::ok)) councils /> }.into_any()
        }
        Some(Ok(ServiceLookup::NotFound(id))) => view! {
            <Title text="Care service not found" />
            <h1>"Care service not found"</h1>
            <p>{format!("There is no care service with the CQC location ID {id} in carefinder's data.")}</p>
            <p>"It may have closed, or the link may be wrong. " <A href=Route::Search.path()>"Search for care services"</A>" instead."</p>
        }
        .into_any(),
        other => view! { <Title text="Care service" /><h1>"Care service"</h1>{when_loaded(other, Waiting { retry: Some(retry), ..Waiting::failed("Sorry, the details of this service could not be loaded.") }, |_| ().into_any())} }.into_any(),
    }
    }
}

/// Everything about one service, from its record and the reference figures (once loaded). The
/// pre-rendered provider pages are this same component.
#[component]
pub fn ServiceDetails(
    service: Service,
    reference: Signal<Option<Arc<Reference>>>,
    councils: Signal<Option<Arc<CouncilsFile>>>,
) -> impl IntoView {
    let s = service;
    let types = s
        .services
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(", ");
    let mut specialisms: Vec<String> = s
        .specialisms
        .iter()
        .map(|x| x.label().to_string())
        .collect();
    specialisms.extend(s.other_specialisms.iter().cloned());
    let address = [s.address.join(", "), s.postcode.clone()].join(", ");
    let phone = s
        .phone
        .clone()
        .map(|n| view! { <a href=phone_href(&n)>{n.clone()}</a> });
    // CQC data is public input: the builder kept only web addresses, and so does the page.
    let website = s.website.as_deref().and_then(web_address).map(|w| {
        let text = w.clone();
        view! { <a href=w rel="noopener noreferrer">{text}<span class="visually-hidden">" (the service's own website)"</span></a> }
    });
    let question_rows = [
        ("Overall", s.ratings.overall.clone()),
        ("Safe", s.ratings.safe.clone()),
        ("Effective", s.ratings.effective.clone()),
        ("Caring", s.ratings.caring.clone()),
        ("Responsive", s.ratings.responsive.clone()),
        ("Well-led", s.ratings.well_led.clone()),
    ]
    .into_iter()
    .map(|(q, r)| rating_row(q, r))
    .collect_view();
    view! {
        <Title text=s.name.clone() />
        <span class="caption">{s.provider_name.clone().unwrap_or_else(|| "Care service".into())}</span>
        <h1>{s.name.clone()}</h1>
        <p class="lead">"Overall CQC rating: " <RatingSummary rated=s.ratings.overall.clone() /></p>
        <ShortlistButton id=s.id.clone() name=s.name.clone() />
        <h2>"Contact"</h2>
        <dl class="summary-list">
            <div class="summary-list__row"><dt>"Address"</dt><dd>{address}</dd></div>
            <div class="summary-list__row"><dt>"Phone"</dt><dd>{phone.map(IntoAny::into_any).unwrap_or_else(|| "Not published".into_any())}</dd></div>
            <div class="summary-list__row"><dt>"Website"</dt><dd>{website.map(IntoAny::into_any).unwrap_or_else(|| "Not published".into_any())}</dd></div>
            <div class="summary-list__row"><dt>"Run by"</dt><dd>{s.provider_name.clone().unwrap_or_else(|| format!("CQC provider ID {}", s.provider_id))}</dd></div>
        </dl>
        <h2>"What it offers"</h2>
        <dl class="summary-list">
            <div class="summary-list__row"><dt>"Type of care"</dt><dd>{types}</dd></div>
            <div class="summary-list__row"><dt>"Specialist care"</dt><dd>{if specialisms.is_empty() { "None listed".to_string() } else { specialisms.join(", ") }}</dd></div>
            {s.beds.map(|b| view! { <div class="summary-list__row"><dt>"Beds"</dt><dd>{b}</dd></div> })}
        </dl>
        <h2>"CQC ratings"</h2>
        <p>"The Care Quality Commission rates services on five questions, and overall."</p>
        <div class="table-wrapper" role="region" aria-label="CQC ratings" tabindex="0">
            <table class="table">
                <caption class="visually-hidden">{format!("CQC ratings for {}", s.name)}</caption>
                <thead><tr><th scope="col">"Question"</th><th scope="col">"Rating"</th><th scope="col">"Date of rating"</th><th scope="col">"Age"</th></tr></thead>
                <tbody>{question_rows}</tbody>
            </table>
        </div>
        <p>
            {s.last_inspection.clone().map(|d| format!("Last inspected {}. ", format::date(&d)))}
            <a href=s.cqc_url() rel="noopener noreferrer">{format!("Read CQC's reports on {}", s.name)}</a>
            {format!(" (CQC location ID {}).", s.id)}
        </p>
        <h2>"Costs"</h2>
        <CostsSection service=s.clone() reference councils />
    }
}

fn rating_row(question: &'static str, rated: Option<Rated>) -> impl IntoView {
    let date = rated.as_ref().and_then(|r| r.date.clone());
    let age = date
        .as_deref()
        .and_then(|d| years_between(d, &today()))
        .map(|y| match y {
            0 => "Less than a year".to_string(),
            1 => "1 year".to_string(),
            n => format!("{n} years"),
        });
    let label = rated.as_ref().map_or("Not rated", |r| r.rating.label());
    let class = rated
        .as_ref()
        .map_or("rating rating--none".to_string(), |r| {
            format!("rating rating--{}", r.rating.key())
        });
    view! {
        <tr>
            <th scope="row">{question}</th>
            <td><span class=class>{label}</span></td>
            <td>{date.as_deref().map_or("Not published".to_string(), format::date)}</td>
            <td>{age.unwrap_or_else(|| "Not known".into())}</td>
        </tr>
    }
}

/// Every cost line for the service, best first: its own fees, its council's figures, the nearest
/// councils' and England's, each with its year, source and what it means.
#[component]
fn CostsSection(
    service: Service,
    reference: Signal<Option<Arc<Reference>>>,
    councils: Signal<Option<Arc<CouncilsFile>>>,
) -> impl IntoView {
    let no_fees = service.fees.is_empty().then(|| view! { <p>"This provider has not published its fees. Ask the provider what they charge, and what the fee includes."</p> });
    let estimate = estimate_href(&service.id);
    let name = service.name.clone();
    let figures = move || {
        let (Some(r), Some(c)) = (reference.get(), councils.get()) else {
            return view! { <Pending message="Loading…" /> }.into_any();
        };
        let lines = cost_lines(&service, &r, &c, &today());
        if lines.is_empty() {
            return view! { <p>"carefinder has no cost figures for this type of care. Ask the provider what they charge, and the council what it pays."</p> }.into_any();
        }
        let several = lines.iter().any(|l| l.care != lines[0].care);
        let rows = lines
            .into_iter()
            .map(|l| cost_row(l, several))
            .collect_view();
        view! {
            <p>"Best figure first. Most are not this provider's own price: each says what it means for someone paying for themselves."</p>
            <div class="table-wrapper" role="region" aria-label="Cost figures" tabindex="0">
                <table class="table">
                    <caption class="visually-hidden">{format!("Cost figures for {name}")}</caption>
                    <thead><tr><th scope="col">"Figure"</th><th scope="col">"Amount"</th><th scope="col">"Year"</th><th scope="col">"Source"</th><th scope="col">"What it means if you pay for yourself"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! { {no_fees} {figures} <p><a href=estimate>"Estimate what this would cost you"</a>" under the means test, starting from these figures."</p> }
}

fn cost_row(l: CostLine, several: bool) -> impl IntoView {
    let label = if several {
        format!("{}: {}", l.care.label(), l.label)
    } else {
        l.label.clone()
    };
    let source = match web_address(&l.source.citation) {
        Some(url) => {
            view! { <a href=url rel="noopener noreferrer">{l.source.publisher.clone()}</a> }
                .into_any()
        }
        None => format!("{} ({})", l.source.publisher, l.source.citation).into_any(),
    };
    let published = l
        .source
        .date
        .as_deref()
        .map(|d| format!(", {}", format::date(d)));
    view! {
        <tr data-other-council=l.row.is_another_councils().then_some("")>
            <th scope="row">{label}<span class="table__secondary">{l.whose.clone()}</span></th>
            <td>{l.amount_text()}{l.quartiles_text().map(|q| view! { <span class="table__secondary">{q}</span> })}</td>
            <td>{l.when()}</td>
            <td>{source}{published}</td>
            <td>{l.meaning.clone()}</td>
        </tr>
    }
}
