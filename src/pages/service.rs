//! One service in depth: contact details, what it offers, every CQC rating with its date and
//! age, fees (or a plain statement that none are published) beside usual prices and benchmarks.

use std::sync::Arc;

use carefinder_core::format;
use carefinder_core::links::{phone_href, web_address};
use carefinder_core::reference::{measure_label, Reference};
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
            let reference = data.reference;
            view! { <ServiceDetails service=*s reference=Signal::derive(move || reference.get().and_then(Result::ok)) /> }.into_any()
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
        <PriceComparison service=s.clone() reference />
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

/// Published fees, or a plain statement that there are none; then usual prices and benchmarks.
#[component]
fn PriceComparison(service: Service, reference: Signal<Option<Arc<Reference>>>) -> impl IntoView {
    let council = service.local_authority.clone();
    let fees = if service.fees.is_empty() {
        view! { <p>"This provider has not published its fees. Ask the provider what they charge, and what the fee includes."</p> }.into_any()
    } else {
        let rows = service
            .fees
            .iter()
            .map(|f| {
                let unit = f.unit.label();
                let amount = match f.to {
                    Some(to) => format!("{} to {} {unit}", format::pounds(f.from), format::pounds(to)),
                    None => format!("From {} {unit}", format::pounds(f.from)),
                };
                view! { <tr><th scope="row">{f.care.label()}</th><td>{amount}</td><td>{format::date(&f.date)}</td><td>{f.source.clone()}</td></tr> }
            })
            .collect_view();
        view! {
            <table class="table">
                <caption class="visually-hidden">"Fees published by the provider"</caption>
                <thead><tr><th scope="col">"Care"</th><th scope="col">"Fee"</th><th scope="col">"Date"</th><th scope="col">"Source"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let services = service.services.clone();
    let benchmarks = move || {
        let Some(r) = reference.get() else {
            return view! { <Pending message="Loading…" /> }.into_any();
        };
        let figures = r.benchmarks(&services, &council, &today());
        if figures.is_empty() {
            return view! { <p>"carefinder has no usual price or national benchmark for this type of care. Ask the council what it usually pays."</p> }.into_any();
        }
        let items = figures
            .into_iter()
            .map(|f| {
                let label = measure_label(&f.measure).unwrap_or(&f.measure).to_string();
                let unit = f.unit.replace("GBP per ", "a ").replace("a hour", "an hour");
                let source = f.source.date.as_deref().map_or(f.source.publisher.clone(), |d| format!("{}, {}", f.source.publisher, format::date(d)));
                view! {
                    <div class="summary-list__row">
                        <dt>{label}</dt>
                        <dd>{format!("{} {unit} in {}", format::pounds(f.value), f.period)}<span class="table__secondary">{format!("Source: {source}")}</span></dd>
                    </div>
                }
            })
            .collect_view();
        let no_usual_price = (!services.iter().any(|s| r.usual_price(*s, &council, &today()).is_some()))
            .then(|| view! { <p>{format!("What {council} council usually pays is not in carefinder's data yet; ask the council.")}</p> });
        view! { <h3>"Prices to compare with"</h3><dl class="summary-list">{items}</dl>{no_usual_price} }.into_any()
    };
    view! { {fees} {benchmarks} <p><A href=Route::Costs.path()>"Estimate what you might pay"</A>" under the means test."</p> }
}
