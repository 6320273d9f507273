//! The local part of an outcome: whose council the advice is for, its contacts for the roles the
//! outcome asks for, and national help wherever carefinder has none of that council's. The
//! words come from carefinder-core's `local_help`; this only lays them out.

use std::sync::Arc;

use carefinder_core::council::{Council, CouncilsFile, NationalHelp, PackContact};
use carefinder_core::format;
use carefinder_core::links::{phone_href, web_address};
use carefinder_core::local_help::{whose_help, LocalHelp, WhoseHelp, WhyThisCouncil};
use carefinder_core::pathway::Fact;
use carefinder_core::routes::Route;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::data::SharedManifest;
use crate::state::PersonsCouncil;

/// GOV.UK's own council finder: a link for people whose council carefinder cannot tell.
const FIND_YOUR_COUNCIL: &str = "https://www.gov.uk/find-local-council";

/// Whose help the page gives: the council the person's search found, or none when it could not
/// tell; before any search, the dataset's own council.
pub fn chosen_council() -> Signal<WhoseHelp> {
    let searched = use_context::<PersonsCouncil>().map(|c| c.0);
    let own = use_context::<SharedManifest>().and_then(|m| m.area.council.clone());
    Signal::derive(move || whose_help(searched.and_then(|s| s.get()).as_ref(), own.as_deref()))
}

/// The council's name, for `{council}` in pathway words.
pub fn council_name(councils: &CouncilsFile, chosen: &WhoseHelp) -> Option<String> {
    chosen
        .council()
        .and_then(|(code, _)| councils.council(code))
        .map(|c| c.name.clone())
}

/// The pack's local notes for this outcome, after its summary.
pub fn local_notes(notes: &[&Fact]) -> impl IntoView {
    notes
        .iter()
        .map(|n| view! { <div class="local-note"><p>{n.text.clone()}</p><p class="source">{format!("Source: {}. Last reviewed {}.", n.source, format::date(&n.reviewed))}</p></div> })
        .collect_view()
}

/// "Who to contact": whose help it is, the council's own contacts under its name, then national help.
pub fn who_to_contact(
    help: &LocalHelp<'_>,
    chosen: &WhoseHelp,
    councils: &Arc<CouncilsFile>,
) -> AnyView {
    let whose = match (help.council, chosen) {
        (Some((council, why)), _) => whose_advice(council, why).into_any(),
        (None, WhoseHelp::Unsure(codes)) if !codes.is_empty() => {
            let names: Vec<String> = codes.iter().map(|c| councils.council(c).map_or(c.clone(), |x| x.name.clone())).collect();
            view! {
                <p class="whose-council">
                    {format!("The area you searched is split between {}. ", names.join(" and "))}
                    <A href=Route::Search.path()>"Search with your full postcode"</A>" to see your council's help."
                </p>
            }
            .into_any()
        }
        _ => view! {
            <p class="whose-council">
                "carefinder cannot tell which council's area you are in. "
                <a href=FIND_YOUR_COUNCIL rel="noopener noreferrer">"Find your council on GOV.UK"</a>
                " and contact its adult social care team."
            </p>
        }
        .into_any(),
    };
    let council = help.council.map(|(c, _)| {
        let contacts = help.contacts.iter().map(|x| pack_contact(x)).collect_view();
        // Without a pack contact for some role, the council itself is still the way in.
        let home = (!help.uncovered.is_empty())
            .then(|| council_home_page(c, &councils.council_list_source));
        view! { <h3>{c.name.clone()}</h3>{contacts}{home} }
    });
    let national = (!help.national.is_empty()).then(|| {
        let items = help
            .national
            .iter()
            .map(|n| national_help(n))
            .collect_view();
        view! { <h3>"National help"</h3><p>"These services cover all of England:"</p>{items} }
    });
    view! { <h2>"Who to contact"</h2>{whose}{council}{national} }.into_any()
}

fn whose_advice(council: &Council, why: WhyThisCouncil) -> impl IntoView {
    let because = match why {
        WhyThisCouncil::Searched => "the council for the postcode you searched",
        WhyThisCouncil::DatasetsOwn => "the council for the area carefinder covers",
    };
    view! {
        <p class="whose-council">
            {format!("This advice is for {}, {because}. ", council.name)}
            {(why == WhyThisCouncil::DatasetsOwn).then(|| view! {
                "If you live somewhere else, "<A href=Route::Search.path()>"search with your postcode"</A>
                " to see your council's help, or "<a href=FIND_YOUR_COUNCIL rel="noopener noreferrer">"find your council on GOV.UK"</a>"."
            })}
        </p>
    }
}

fn council_home_page(council: &Council, list_source: &str) -> impl IntoView {
    let link = council.homepage.as_deref().and_then(web_address).map(|w| {
        let text = w.clone();
        view! { <p>"Website: "<a href=w rel="noopener noreferrer">{text}</a></p> }
    });
    view! {
        <div class="contact">
            <h4>"Its website"</h4>
            <p>"carefinder does not have this council's contact details for this yet. Its website will have them."</p>
            {link}
            <p class="source">{format!("Source: {list_source}.")}</p>
        </div>
    }
}

fn phone_and_web(phone: Option<&str>, web: Option<&str>, hours: Option<&str>) -> impl IntoView {
    let phone = phone.map(|p| view! { <p>"Phone: "<a href=phone_href(p)>{p.to_string()}</a></p> });
    // The builder refused any other website (pack checks use the same policy).
    let web = web.and_then(web_address).map(|w| {
        let text = w.clone();
        view! { <p>"Website: "<a href=w rel="noopener noreferrer">{text}</a></p> }
    });
    let hours = hours.map(|h| view! { <p>{format!("Open: {h}")}</p> });
    (phone, web, hours)
}

fn pack_contact(c: &PackContact) -> impl IntoView {
    view! {
        <div class="contact">
            <h4>{c.name.clone()}</h4>
            {phone_and_web(c.phone.as_deref(), c.web.as_deref(), c.hours.as_deref())}
            <p class="source">{format!("Source: {}. Last reviewed {}.", c.source, format::date(&c.reviewed))}</p>
        </div>
    }
}

fn national_help(n: &NationalHelp) -> impl IntoView {
    view! {
        <div class="contact">
            <h4>{n.name.clone()}</h4>
            <p>{n.offers.clone()}</p>
            {phone_and_web(n.phone.as_deref(), n.web.as_deref(), n.hours.as_deref())}
            <p class="source">{format!("Source: {}. Last reviewed {}.", n.source, format::date(&n.reviewed))}</p>
        </div>
    }
}
