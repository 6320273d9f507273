//! A pathway's outcome: next steps, local help, searches and links, each fact with its source and
//! review date. Pre-rendered (no answers, no app) it leaves out what needs the app: the postcode
//! searches, printing and the shortlist.

use std::sync::Arc;

use carefinder_core::council::CouncilsFile;
use carefinder_core::format;
use carefinder_core::links::is_site_path;
use carefinder_core::local_help::fill;
use carefinder_core::pathway::journey::Journey;
#[cfg(not(target_arch = "wasm32"))]
use carefinder_core::pathway::Question;
use carefinder_core::pathway::{Outcome, Pathway};
use carefinder_core::query::SearchParams;
use carefinder_core::routes::{search_href, Route};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::exit::exit_this_page;
use super::local_help::{chosen_council, council_name, local_notes, who_to_contact};
use crate::data::{PageRequests, VisitData};
use crate::render_mode::app_running;
use crate::state::ShortlistStore;

/// An outcome: next steps, local help and searches. Pre-rendered (no answers, no app) it leaves
/// out what needs the app: the postcode searches, printing and the shortlist.
#[component]
pub fn OutcomePage(
    route: Arc<Pathway>,
    outcome: Outcome,
    answers: Vec<(String, String)>,
    councils: Arc<CouncilsFile>,
) -> impl IntoView {
    let app_running = app_running();
    let journey = Journey::new(&route, &answers);
    let chosen = chosen_council();
    let outcome_key = format!("{}/{}", route.id, outcome.id);
    // Everything that names the council follows the person's search.
    let local = {
        let (outcome, councils) = (outcome.clone(), councils.clone());
        move || {
            let chosen = chosen.get();
            let name = council_name(&councils, &chosen);
            let help = councils.local_help(chosen.council(), &outcome.local, &outcome_key);
            let summary = outcome
                .summary
                .iter()
                .map(|p| view! { <p>{fill(p, name.as_deref())}</p> })
                .collect_view();
            let steps = outcome
                .steps
                .iter()
                .map(|f| view! { <li><p>{fill(&f.text, name.as_deref())}</p><p class="source">{format!("Source: {}. Last reviewed {}.", f.source, format::date(&f.reviewed))}</p></li> })
                .collect_view();
            let contacts =
                (!outcome.local.is_empty()).then(|| who_to_contact(&help, &chosen, &councils));
            view! {
                {summary}
                {local_notes(&help.notes)}
                <h2>"What to do next"</h2>
                <ol class="list list--number">{steps}</ol>
                {contacts}
            }
        }
    };
    let searches = if app_running {
        outcome
            .searches
            .iter()
            .map(|s| {
                view! { <PresetSearch label=s.label.clone() query=s.query.clone() /> }.into_any()
            })
            .collect_view()
            .into_any()
    } else {
        view! { <SearchNeedsScript /> }.into_any()
    };
    // Checked when the content was built; checked again here by the same policy.
    let links = outcome
        .links
        .iter()
        .filter(|l| is_site_path(&l.href))
        .map(|l| {
            let label = l.label.clone();
            view! { <li><A href=l.href.clone()>{label}</A></li> }
        })
        .collect_view();
    let route_taken = journey
        .route_taken()
        .into_iter()
        .map(|(question, answer)| view! { <li>{format!("{question} {answer}")}</li> })
        .collect_view();
    view! {
        <Title text=outcome.title.clone() />
        {exit_this_page(&route)}
        {app_running.then(|| view! { <a href=journey.check_href() class="back-link no-print" prop:replace=true>"Back to your answers"</a> })}
        <span class="caption">{route.title.clone()}</span>
        <h1>{outcome.title.clone()}</h1>
        {local}
        {(!outcome.searches.is_empty()).then(|| view! { <h2>"Find services"</h2> })}
        {searches}
        {(!outcome.links.is_empty()).then(|| view! { <h2>"See also"</h2><ul class="list list--bullet">{links}</ul> })}
        {app_running.then(|| view! { <PrintYourAnswers route_taken=route_taken.into_any() /> })}
        <p class="no-print"><A href=route.start_page_href()>"Start this again"</A>" or "<A href=Route::Pathways.path()>"see other advice"</A>"."</p>
        <p class="hint">{format!("This advice was last reviewed on {}.", format::date(&route.reviewed))}</p>
    }
}

/// For print: the answers given and the shortlist, then a print button.
#[component]
fn PrintYourAnswers(route_taken: AnyView) -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let requests = PageRequests::new();
    let shortlisted = LocalResource::new(move || {
        VisitData::get().services(requests, store.with(|s| s.ids().to_vec()))
    });
    let shortlist = move || {
        let names: Vec<String> = shortlisted
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|p| format!("{} ({})", p.name, p.postcode))
            .collect();
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join("; ")
        }
    };
    view! {
        <div class="print-only">
            <h2>"Your answers"</h2>
            <ul class="list list--bullet">{route_taken}</ul>
            <p>{move || format!("Services on your shortlist: {}", shortlist())}</p>
        </div>
        <p class="no-print">
            <button type="button" class="button button--secondary" on:click=move |_| { let _ = window().print(); }>"Print your next steps"</button>
        </p>
    }
}

/// Where a pre-rendered page would offer a postcode search: what works without the app.
#[component]
pub fn SearchNeedsScript() -> impl IntoView {
    view! {
        <p>
            "Searching near a postcode needs JavaScript. Without it, "
            <A href=Route::Districts.path()>"browse services by postcode district"</A>
            ", or use the "<a href="https://www.cqc.org.uk/search/services">"Care Quality Commission's search"</a>"."
        </p>
    }
}

/// A question pre-rendered for use without JavaScript: each answer is a link to the step it
/// leads to, so the whole route can be followed with links alone.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn QuestionLinks(route: Arc<Pathway>, question: Question) -> impl IntoView {
    let links = route.static_question(&question);
    let answers = links
        .answers
        .into_iter()
        .map(|a| view! { <li><A href=a.href>{a.label}</A></li> })
        .collect_view();
    view! {
        <Title text=question.text.clone() />
        {exit_this_page(&route)}
        <A href=links.back_href attr:class="back-link">"Back"</A>
        <span class="caption">{route.title.clone()}</span>
        <h1>{question.text.clone()}</h1>
        {question.hint.clone().map(|h| view! { <div class="hint">{h}</div> })}
        <ul class="list answer-links">{answers}</ul>
    }
}

/// "Find dementia care homes within 5 miles" of a postcode the person types.
#[component]
fn PresetSearch(label: String, query: String) -> impl IntoView {
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();
    let id = format!("preset-{}", query.replace(['=', '&'], "-"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let postcode = input.get().map(|i| i.value()).unwrap_or_default();
        // The authored search with the postcode, all in the fragment.
        let params = SearchParams::from_fragment(&format!(
            "postcode={}&{query}",
            carefinder_core::query::encode(&postcode)
        ));
        let href = search_href(&params);
        navigate(&href, Default::default());
    };
    view! {
        <form class="preset-search no-print" on:submit=submit>
            <label class="label" for=id.clone()>"Postcode"</label>
            <input class="input input--postcode" id=id type="text" autocomplete="postal-code" node_ref=input />
            <button type="submit" class="button">{label}</button>
        </form>
    }
}
