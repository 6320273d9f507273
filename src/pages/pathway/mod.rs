//! One pathway: its start page, one question per page (GOV.UK question pages), "check your
//! answers", and the outcome (`outcome.rs`). Answers live in the address's fragment
//! (`#answers=step.value,...`), which is never sent to a server, so the page's links keep them
//! and nothing is stored. Moving between the steps replaces the history entry rather than adding
//! one, so the browser's Back does not replay the answers after leaving; the pages' own Back
//! links still step back. Where each link leads is carefinder-core's `pathway::journey`;
//! "Exit this page" is `exit.rs`.

mod exit;
mod local_help;
mod outcome;

use std::sync::Arc;

use carefinder_core::council::CouncilsFile;
use carefinder_core::format;
use carefinder_core::pathway::journey::{Journey, PathwayAddress, PathwayPage as Page};
use carefinder_core::pathway::{Pathway, Question};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::form_parts::{described_by, error_message, group_class};
use crate::components::{with_heading, ErrorSummary, Waiting};
use crate::data::VisitData;
use crate::render_mode::app_running;
use exit::exit_this_page;
pub use outcome::OutcomePage;
#[cfg(not(target_arch = "wasm32"))]
pub use outcome::QuestionLinks;

type Answers = Vec<(String, String)>;

/// A pathway's start page or one of its steps, as the address names it.
#[component]
pub fn PathwayPage(pathway: String, step: Option<String>) -> impl IntoView {
    let location = use_location();
    // One reading of the address, so a navigation renders once.
    let address = Memo::new(move |_| {
        PathwayAddress::from_route(pathway.clone(), step.clone(), &location.hash.get())
    });
    let data = VisitData::get();
    move || {
        // Outcomes need the councils' packs as well as the routes.
        let both = match (data.pathways.get(), data.councils.get()) {
            (Some(Err(e)), _) | (_, Some(Err(e))) => Some(Err(e)),
            (Some(Ok(list)), Some(Ok(councils))) => Some(Ok((list, councils))),
            _ => None,
        };
        with_heading(
            "Information and advice",
            both,
            Waiting::default(),
            |(list, councils)| step_page(&address.get(), &list, councils),
        )
    }
}

fn step_page(address: &PathwayAddress, list: &[Pathway], councils: Arc<CouncilsFile>) -> AnyView {
    let Some((route, page)) = address.locate(list) else {
        return missing().into_any();
    };
    let route = Arc::new(route.clone());
    let answers = address.answers.clone();
    match page {
        Page::Start => start_page(&route).into_any(),
        Page::Check => view! { <CheckAnswers route answers /> }.into_any(),
        Page::Question(q) => view! { <QuestionPage route=route.clone() question=q.clone() answers from_check=address.from_check /> }.into_any(),
        Page::Outcome(o) => view! { <OutcomePage route=route.clone() outcome=o.clone() answers councils /> }.into_any(),
        Page::NotFound => missing().into_any(),
    }
}

fn missing() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <h1>"Page not found"</h1>
        <p>"There is no such advice page. " <A href="/pathways">"See all information and advice"</A>"."</p>
    }
}

/// A pathway's start page (the app's and the pre-rendered one).
pub fn start_page(route: &Pathway) -> impl IntoView {
    view! {
        <Title text=route.title.clone() />
        {exit_this_page(route)}
        <A href="/pathways" attr:class="back-link">"All information and advice"</A>
        <h1>{route.title.clone()}</h1>
        <p class="lead">{route.summary.clone()}</p>
        <p>{format!("{} questions at most. {}", route.questions.len(), if app_running() { ANSWERS_STAY } else { ANSWERS_WITHOUT_SCRIPT })}</p>
        <a href=route.first_question_href() class="button button--start" prop:replace=true>"Start now"</a>
        <p class="hint">{format!("Last reviewed {}.", format::date(&route.reviewed))}</p>
    }
}

/// What happens to the answers, said on each start page.
const ANSWERS_STAY: &str = "Your answers are not sent anywhere or saved: they are kept only in this page's address, and replace each other in your browsing history as you go.";

/// Without JavaScript each answer is a link to the next page, fetched from the site.
const ANSWERS_WITHOUT_SCRIPT: &str = "Your answers are not saved. Without JavaScript each answer opens the next page from the site, so the site sees which pages you open, and each one stays in your browsing history.";

/// Moving between steps replaces the history entry: see the module's note.
fn replacing() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        ..NavigateOptions::default()
    }
}

/// One question. Continue goes where the journey says (the next question, or "check your answers").
#[component]
fn QuestionPage(
    route: Arc<Pathway>,
    question: Question,
    answers: Answers,
    from_check: bool,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let journey = Journey::new(&route, &answers);
    let current = journey.chosen(&question.id).map(str::to_string);
    let back = journey.back_href(&question.id);
    let form = NodeRef::<leptos::html::Form>::new();
    let submit = {
        let (route, answers, qid) = (route.clone(), answers.clone(), question.id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let chosen = form
                .get()
                .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
                .and_then(|d| d.get("answer").as_string());
            match chosen {
                Some(value) => navigate(
                    &Journey::new(&route, &answers).continue_href(&qid, &value, from_check),
                    replacing(),
                ),
                None => error.set(Some("Select an answer".into())),
            }
        }
    };
    let radios = question
        .answers
        .iter()
        .map(|a| {
            let id = format!("answer-{}", a.value);
            let checked = current.as_deref() == Some(a.value.as_str());
            view! {
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="radio" name="answer" id=id.clone() value=a.value.clone() prop:checked=checked />
                    <label class="checkboxes__label" for=id>{a.label.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let first_id = question
        .answers
        .first()
        .map(|a| format!("answer-{}", a.value))
        .unwrap_or_default();
    let title = question.text.clone();
    view! {
        <Title text=move || if error.get().is_some() { format!("Error: {title}") } else { title.clone() } />
        {exit_this_page(&route)}
        <a href=back class="back-link" prop:replace=true>"Back"</a>
        {move || error.get().map(|e| view! { <ErrorSummary errors=vec![(first_id.clone(), e)] /> })}
        <form node_ref=form on:submit=submit novalidate>
            <div class=group_class(error.into())>
                <fieldset class="fieldset" aria-describedby=described_by(question.hint.as_ref().map(|_| "question-hint"), "question-error", error.into())>
                    <legend class="fieldset__legend fieldset__legend--page">
                        <span class="caption">{route.title.clone()}</span>
                        <h1 class="fieldset__heading">{question.text.clone()}</h1>
                    </legend>
                    {question.hint.clone().map(|h| view! { <div class="hint" id="question-hint">{h}</div> })}
                    {error_message("question-error".into(), error.into())}
                    <div class="checkboxes">{radios}</div>
                </fieldset>
            </div>
            <button type="submit" class="button">"Continue"</button>
        </form>
    }
}

#[component]
fn CheckAnswers(route: Arc<Pathway>, answers: Answers) -> impl IntoView {
    let check = Journey::new(&route, &answers).check_answers();
    let rows = check
        .rows
        .into_iter()
        .map(|row| {
            let question = row.question.clone();
            view! {
                <div class="summary-list__row">
                    <dt>{row.question}</dt>
                    <dd>{row.answer}</dd>
                    <dd class="summary-list__actions"><a href=row.change_href prop:replace=true>"Change"<span class="visually-hidden">{format!(" your answer to: {question}")}</span></a></dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <Title text="Check your answers" />
        {exit_this_page(&route)}
        <a href=check.back_href class="back-link" prop:replace=true>"Back"</a>
        <span class="caption">{route.title.clone()}</span>
        <h1>"Check your answers"</h1>
        <dl class="summary-list summary-list--actions">{rows}</dl>
        {if check.finished {
            view! { <a href=check.continue_href class="button" prop:replace=true>"Continue"</a> }.into_any()
        } else {
            view! { <p>"There is another question to answer. "<a href=check.continue_href prop:replace=true>"Continue"</a></p> }.into_any()
        }}
    }
}
