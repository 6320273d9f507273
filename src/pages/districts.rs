//! Services listed by postcode district: the way to find services that also works without
//! JavaScript (every district page is pre-rendered), and a plain list for anyone who prefers one.

use carefinder_core::postcode::{district_for, PostcodeQuery};
use carefinder_core::routes::Route;
use carefinder_core::search::{district_listing, districts_with_services};
use carefinder_core::service::ServiceSummary;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::form_parts::{described_by, error_message, group_class};
use crate::components::{with_heading, ErrorSummary, ResultCard, Waiting};
use crate::data::VisitData;
use crate::render_mode::app_running;

const INDEX_TITLE: &str = "Care services by postcode district";

#[component]
pub fn Districts() -> impl IntoView {
    let index = VisitData::get().index;
    move || {
        with_heading(INDEX_TITLE, index.get(), Waiting::default(), |list| {
            view! { <DistrictIndex districts=districts_with_services(&list) /> }.into_any()
        })
    }
}

#[component]
pub fn District(district: String) -> impl IntoView {
    let data = VisitData::get();
    let title = district_title(&district);
    move || {
        let both = data
            .index
            .get()
            .zip(data.district_centres.get())
            .map(|(index, centres)| index.and_then(|i| centres.map(|c| (i, c))));
        with_heading(&title, both, Waiting::default(), |(index, centres)| {
            let services = district_listing(&index, &centres, &district)
                .into_iter()
                .map(|h| (index[h.index].clone(), h.miles))
                .collect();
            view! { <DistrictServices district=district.clone() services /> }.into_any()
        })
    }
}

fn district_title(district: &str) -> String {
    format!("Care services in {district}")
}

/// Every district that has services, with a form to jump to one.
#[component]
pub fn DistrictIndex(districts: Vec<(String, usize)>) -> impl IntoView {
    let items = districts
        .into_iter()
        .map(|(d, n)| {
            let text = if n == 1 {
                format!("{d} (1 service)")
            } else {
                format!("{d} ({n} services)")
            };
            view! { <li><A href=Route::District { district: d }.path()>{text}</A></li> }
        })
        .collect_view();
    view! {
        <Title text=INDEX_TITLE />
        <h1>{INDEX_TITLE}</h1>
        <p class="lead">{format!("The first half of a postcode{} is its district. Each list shows the services based there, nearest the middle of the district first.", example_district().map_or(String::new(), |d| format!(", like {d},")))}</p>
        <DistrictForm />
        <h2>"All districts with services"</h2>
        <ul class="list district-list">{items}</ul>
    }
}

/// A district of the dataset's own area for examples ("OL8"), from its example postcode.
fn example_district() -> Option<String> {
    use_context::<crate::data::SharedManifest>()
        .and_then(|m| m.area.example_postcode.clone())
        .and_then(|p| p.split(' ').next().map(str::to_string))
}

/// ", like OL8," or nothing when the dataset names no example.
fn like_example(words: &str) -> String {
    example_district().map_or(String::new(), |d| format!("{words}{d}"))
}

/// Asks for a district. With the app running it goes straight to the list; without JavaScript
/// the form is sent to the site, which answers with that district's page.
#[component]
pub fn DistrictForm() -> impl IntoView {
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    // Exactly what happens to the district: a form without the app can only send it.
    let sent = if app_running() {
        "The district you enter is not sent anywhere: the list is made in your browser. The district is then in this page's address, which is sent to the site if you reload the page or open it from a bookmark."
    } else {
        "Without JavaScript, this form sends the district you enter to the site, which answers with that district's page."
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        // The same reading the server gives the form when JavaScript is off.
        match district_for(&typed) {
            Some(district) => navigate(&Route::District { district }.path(), Default::default()),
            None => error.set(Some(PostcodeQuery::parse(&typed).err().map_or(
                format!("Enter a postcode district{}", like_example(", like ")),
                |e| e.message().to_string(),
            ))),
        }
    };
    view! {
        <form class="district-form" method="get" action="/districts" on:submit=submit>
            {move || error.get().map(|m| view! { <ErrorSummary errors=vec![("district".to_string(), m)] /> })}
            <div class=group_class(error.into())>
                <label class="label" for="district">"Postcode district"</label>
                <div class="hint" id="district-hint">{format!("The first half of the postcode{}.", like_example(", for example "))}</div>
                {error_message("district-error".into(), error.into())}
                <input class="input input--postcode" id="district" name="district" type="text" autocomplete="off" spellcheck="false" node_ref=input
                    aria-describedby=described_by(Some("district-hint"), "district-error", error.into()) />
            </div>
            <button type="submit" class="button">"Show services"</button>
            <p class="hint">{sent}</p>
        </form>
    }
}

/// One district's services, nearest its centre first.
#[component]
pub fn DistrictServices(district: String, services: Vec<(ServiceSummary, f64)>) -> impl IntoView {
    let title = district_title(&district);
    let count = match services.len() {
        0 => format!("carefinder has no services based in {district}."),
        1 => format!("1 service is based in {district}."),
        n => format!(
            "{n} services are based in {district}, nearest the middle of the district first."
        ),
    };
    let cards = services
        .into_iter()
        .enumerate()
        .map(
            |(i, (service, miles))| view! { <ResultCard service miles=Some(miles) number=i + 1 /> },
        )
        .collect_view();
    view! {
        <Title text=title.clone() />
        <A href=Route::Districts.path() attr:class="back-link">"All districts"</A>
        <h1>{title}</h1>
        <p>{count}" Services in nearby districts may be closer to you: "<A href=Route::Search.path()>"search near a postcode"</A>" to see them."</p>
        <ol class="results__list">{cards}</ol>
    }
}
