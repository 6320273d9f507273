//! Services listed by postcode district: the way to find services that also works without
//! JavaScript (every district page is pre-rendered), and a plain list for anyone who prefers one.

use carefinder_core::dataset::find_centroid;
use carefinder_core::postcode::PostcodeQuery;
use carefinder_core::service::ServiceSummary;
use carefinder_core::search::{districts_with_services, in_district};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::form_parts::{described_by, error_message, group_class};
use crate::components::{ErrorSummary, ResultCard};
use crate::state::{Centroids, Index};

#[component]
pub fn Districts() -> impl IntoView {
    let index = expect_context::<Index>();
    view! {
        {move || match index.0.get() {
            None => view! { <DistrictIndexHeading /><p role="status">"Loading…"</p> }.into_any(),
            Some(Err(e)) => view! { <DistrictIndexHeading /><p class="notice">{e.to_string()}</p> }.into_any(),
            Some(Ok(list)) => view! { <DistrictIndex districts=districts_with_services(&list) /> }.into_any(),
        }}
    }
}

#[component]
pub fn District() -> impl IntoView {
    let district = Memo::new(move |_| use_params_map().with(|p| p.get("district").unwrap_or_default()));
    let (index, centroids) = (expect_context::<Index>(), expect_context::<Centroids>());
    move || {
        let district = district.get();
        match (index.0.get(), centroids.0.get()) {
            (Some(Ok(list)), Some(Ok(centres))) => {
                let centre = find_centroid(&centres, &district);
                let services = centre.map(|c| in_district(&list, &district, c).into_iter().map(|h| (list[h.index].clone(), h.miles)).collect()).unwrap_or_default();
                view! { <DistrictServices district services /> }.into_any()
            }
            (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <Title text=format!("Care services in {district}") /><h1>{format!("Care services in {district}")}</h1><p class="notice">{e.to_string()}</p> }.into_any(),
            _ => view! { <Title text=format!("Care services in {district}") /><h1>{format!("Care services in {district}")}</h1><p role="status">"Loading…"</p> }.into_any(),
        }
    }
}

#[component]
fn DistrictIndexHeading() -> impl IntoView {
    view! {
        <Title text="Care services by postcode district" />
        <h1>"Care services by postcode district"</h1>
    }
}

/// Every district that has services, with a form to jump to one.
#[component]
pub fn DistrictIndex(districts: Vec<(String, usize)>) -> impl IntoView {
    let items = districts
        .into_iter()
        .map(|(d, n)| {
            let text = if n == 1 { format!("{d} (1 service)") } else { format!("{d} ({n} services)") };
            view! { <li><A href=format!("/districts/{d}")>{text}</A></li> }
        })
        .collect_view();
    view! {
        <DistrictIndexHeading />
        <p class="lead">"The first half of a postcode, like NR2, is its district. Each list shows the services based there, nearest the middle of the district first."</p>
        <DistrictForm />
        <h2>"All districts with services"</h2>
        <ul class="list district-list">{items}</ul>
    }
}

/// Asks for a district. With the app running it goes straight to the list; without JavaScript
/// the form is sent to the site, which answers with that district's page.
#[component]
pub fn DistrictForm() -> impl IntoView {
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        match PostcodeQuery::parse(&typed) {
            Ok(PostcodeQuery::District(d)) => navigate(&format!("/districts/{d}"), Default::default()),
            Ok(PostcodeQuery::Full(p)) => navigate(&format!("/districts/{}", p.outward()), Default::default()),
            Err(e) => error.set(Some(e.message().to_string())),
        }
    };
    view! {
        <form class="district-form" method="get" action="/districts" on:submit=submit>
            {move || error.get().map(|m| view! { <ErrorSummary errors=vec![("district".to_string(), m)] /> })}
            <div class=group_class(error.into())>
                <label class="label" for="district">"Postcode district"</label>
                <div class="hint" id="district-hint">"The first half of the postcode, for example NR2."</div>
                {error_message("district-error".into(), error.into())}
                <input class="input input--postcode" id="district" name="district" type="text" autocomplete="off" spellcheck="false" node_ref=input
                    aria-describedby=described_by(Some("district-hint"), "district-error", error.into()) />
            </div>
            <button type="submit" class="button">"Show services"</button>
        </form>
    }
}

/// One district's services, nearest its centre first.
#[component]
pub fn DistrictServices(district: String, services: Vec<(ServiceSummary, f64)>) -> impl IntoView {
    let title = format!("Care services in {district}");
    let count = match services.len() {
        0 => format!("carefinder has no services based in {district}."),
        1 => format!("1 service is based in {district}."),
        n => format!("{n} services are based in {district}, nearest the middle of the district first."),
    };
    let cards = services
        .into_iter()
        .enumerate()
        .map(|(i, (provider, miles))| view! { <ResultCard provider miles number=i + 1 /> })
        .collect_view();
    view! {
        <Title text=title.clone() />
        <A href="/districts" attr:class="back-link">"All districts"</A>
        <h1>{title}</h1>
        <p>{count}" Services in nearby districts may be closer to you: "<A href="/search">"search near a postcode"</A>" to see them."</p>
        <ol class="results__list">{cards}</ol>
    }
}
