//! One pathway: its start page, one question per page (GOV.UK question pages), "check your
//! answers", and the outcome with next steps, contacts, sources and ready-made searches.
//! Answers live in the address (`?answers=step.value,...`), so back, forward and change links
//! keep them and nothing is stored.

use std::sync::Arc;

use carefinder_core::format;
use carefinder_core::pathway::{answer, parse_answers, step_href, Outcome, Pathway as Route, Question, Step, CHECK_STEP};
use carefinder_core::query::decode;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::form_parts::{described_by, error_message, group_class};
use crate::components::ErrorSummary;
use crate::state::{load_services, Index, Pathways, ShortlistStore};

type Answers = Vec<(String, String)>;

/// The pathway start page (`/pathways/:id`) and its steps (`/pathways/:id/:step`).
#[component]
pub fn Pathway() -> impl IntoView {
    let location = use_location();
    // Pathway, step and answers from one reading of the address, so a navigation renders once.
    let place = Memo::new(move |_| {
        let path = location.pathname.get();
        let mut parts = path.trim_start_matches("/pathways/").split('/').map(str::to_string);
        let (id, step) = (parts.next().unwrap_or_default(), parts.next().filter(|s| !s.is_empty()));
        let search = location.search.get();
        let query = search.trim_start_matches('?');
        let raw = query.split('&').find_map(|kv| kv.strip_prefix("answers=")).map(decode).unwrap_or_default();
        let from_check = query.split('&').any(|kv| kv == "from=check");
        (id, step, parse_answers(&raw), from_check)
    });
    let pathways = expect_context::<Pathways>();
    move || {
        let (id, step, answers, from_check) = place.get();
        let list = match pathways.0.get() {
            None => return view! { <Title text="Information and advice" /><h1>"Information and advice"</h1><p role="status">"Loading…"</p> }.into_any(),
            Some(Err(e)) => return view! { <Title text="Information and advice" /><h1>"Information and advice"</h1><p class="notice">{e.to_string()}</p> }.into_any(),
            Some(Ok(list)) => list,
        };
        let Some(route) = list.iter().find(|p| p.id == id).cloned() else { return missing().into_any() };
        let route = Arc::new(route);
        match step.as_deref() {
            None => start_page(&route).into_any(),
            Some(CHECK_STEP) => view! { <CheckAnswers route answers /> }.into_any(),
            Some(step) => match route.step(step) {
                Some(Step::Question(q)) => view! { <QuestionPage route=route.clone() question=q.clone() answers from_check /> }.into_any(),
                Some(Step::Outcome(o)) => view! { <OutcomePage route=route.clone() outcome=o.clone() answers /> }.into_any(),
                None => missing().into_any(),
            },
        }
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
pub fn start_page(route: &Route) -> impl IntoView {
    view! {
        <Title text=route.title.clone() />
        <A href="/pathways" attr:class="back-link">"All information and advice"</A>
        <h1>{route.title.clone()}</h1>
        <p class="lead">{route.summary.clone()}</p>
        <p>{format!("{} questions at most. Nothing you answer is stored.", route.questions.len())}</p>
        <A href=step_href(&route.id, &route.start, &[]) attr:class="button button--start">"Start now"</A>
        <p class="hint">{format!("Last reviewed {}.", format::date(&route.reviewed))}</p>
    }
}

/// Where "Back" goes from `step`: the step before it on the route, or the start page.
fn back_href(route: &Route, step: &str, answers: &Answers) -> String {
    let (dest, used) = route.follow(answers);
    let mut order: Vec<String> = used.into_iter().map(|(s, _)| s).collect();
    order.push(dest);
    match order.iter().position(|s| s == step) {
        Some(i) if i > 0 => step_href(&route.id, &order[i - 1], answers),
        _ => format!("/pathways/{}", route.id),
    }
}

/// One question. Continue goes to the question the answer leads to (its answer kept, if any) or,
/// at the end of the route, to "check your answers". Opened from a Change link, it returns to
/// "check your answers" as soon as the route is complete again.
#[component]
fn QuestionPage(route: Arc<Route>, question: Question, answers: Answers, from_check: bool) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let current = answers.iter().find(|(s, _)| *s == question.id).map(|(_, v)| v.clone());
    let back = back_href(&route, &question.id, &answers);
    let form = NodeRef::<leptos::html::Form>::new();
    let (qid, rid) = (question.id.clone(), route.id.clone());
    let submit = {
        let route = route.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let chosen = form.get().and_then(|f| web_sys::FormData::new_with_form(&f).ok()).and_then(|d| d.get("answer").as_string());
            let Some(value) = chosen else {
                error.set(Some("Select an answer".into()));
                return;
            };
            let updated = answer(&answers, &qid, &value);
            let (dest, _) = route.follow(&updated);
            let following = route.step(&qid).and_then(|s| match s {
                Step::Question(q) => q.answers.iter().find(|a| a.value == value).map(|a| a.next.clone()),
                Step::Outcome(_) => None,
            });
            let next = match (route.step(&dest), following) {
                (Some(Step::Outcome(_)), _) if from_check => step_href(&rid, CHECK_STEP, &updated),
                (_, Some(next)) if matches!(route.step(&next), Some(Step::Question(_))) => step_href(&rid, &next, &updated),
                _ => step_href(&rid, CHECK_STEP, &updated),
            };
            navigate(&next, Default::default());
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
    let first_id = question.answers.first().map(|a| format!("answer-{}", a.value)).unwrap_or_default();
    let title = question.text.clone();
    view! {
        <Title text=move || if error.get().is_some() { format!("Error: {title}") } else { title.clone() } />
        <A href=back attr:class="back-link">"Back"</A>
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
fn CheckAnswers(route: Arc<Route>, answers: Answers) -> impl IntoView {
    let (dest, used) = route.follow(&answers);
    let finished = matches!(route.step(&dest), Some(Step::Outcome(_)));
    let rows = used
        .iter()
        .map(|(step, value)| {
            let Some(Step::Question(q)) = route.step(step) else { return ().into_any() };
            let label = q.answers.iter().find(|a| a.value == *value).map(|a| a.label.clone()).unwrap_or_default();
            let change = format!("{}&from=check", step_href(&route.id, step, &answers));
            let q_text = q.text.clone();
            view! {
                <div class="summary-list__row">
                    <dt>{q.text.clone()}</dt>
                    <dd>{label}</dd>
                    <dd class="summary-list__actions"><A href=change>"Change"<span class="visually-hidden">{format!(" your answer to: {q_text}")}</span></A></dd>
                </div>
            }
            .into_any()
        })
        .collect_view();
    let back = used.last().map_or(format!("/pathways/{}", route.id), |(s, _)| step_href(&route.id, s, &answers));
    view! {
        <Title text="Check your answers" />
        <A href=back attr:class="back-link">"Back"</A>
        <span class="caption">{route.title.clone()}</span>
        <h1>"Check your answers"</h1>
        <dl class="summary-list summary-list--actions">{rows}</dl>
        {if finished {
            view! { <A href=step_href(&route.id, &dest, &answers) attr:class="button">"Continue"</A> }.into_any()
        } else {
            view! { <p>"There is another question to answer. "<A href=step_href(&route.id, &dest, &answers)>"Continue"</A></p> }.into_any()
        }}
    }
}

/// An outcome: next steps, contacts and searches. Pre-rendered (no answers, no app) it leaves
/// out what needs the app: the postcode searches, printing and the shortlist.
#[component]
pub fn OutcomePage(route: Arc<Route>, outcome: Outcome, answers: Answers) -> impl IntoView {
    let app_running = use_context::<ShortlistStore>().is_some();
    let steps = outcome
        .steps
        .iter()
        .map(|f| view! { <li><p>{f.text.clone()}</p><p class="source">{format!("Source: {}. Last reviewed {}.", f.source, format::date(&f.reviewed))}</p></li> })
        .collect_view();
    let contacts = outcome
        .contacts
        .iter()
        .map(|c| {
            let phone = c.phone.clone().map(|p| view! { <p>"Phone: "<a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></p> });
            let web = c.web.clone().filter(|w| w.starts_with("https://")).map(|w| {
                let text = w.clone();
                view! { <p>"Website: "<a href=w rel="noopener noreferrer">{text}</a></p> }
            });
            view! {
                <div class="contact">
                    <h3>{c.name.clone()}</h3>
                    {phone}
                    {web}
                    <p class="source">{format!("Source: {}. Last reviewed {}.", c.source, format::date(&c.reviewed))}</p>
                </div>
            }
        })
        .collect_view();
    let searches = if app_running {
        outcome.searches.iter().map(|s| view! { <PresetSearch label=s.label.clone() query=s.query.clone() /> }.into_any()).collect_view().into_any()
    } else {
        view! { <SearchNeedsScript /> }.into_any()
    };
    let links = outcome
        .links
        .iter()
        .map(|l| {
            let label = l.label.clone();
            view! { <li><A href=l.href.clone()>{label}</A></li> }
        })
        .collect_view();
    let (_, used) = route.follow(&answers);
    let route_taken = used
        .iter()
        .filter_map(|(step, value)| match route.step(step) {
            Some(Step::Question(q)) => q.answers.iter().find(|a| a.value == *value).map(|a| format!("{} {}", q.text, a.label)),
            _ => None,
        })
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    view! {
        <Title text=outcome.title.clone() />
        {app_running.then(|| view! { <A href=step_href(&route.id, CHECK_STEP, &answers) attr:class="back-link no-print">"Back to your answers"</A> })}
        <span class="caption">{route.title.clone()}</span>
        <h1>{outcome.title.clone()}</h1>
        {outcome.summary.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
        <h2>"What to do next"</h2>
        <ol class="list list--number">{steps}</ol>
        {(!outcome.contacts.is_empty()).then(|| view! { <h2>"Who to contact"</h2> })}
        {contacts}
        {(!outcome.searches.is_empty()).then(|| view! { <h2>"Find services"</h2> })}
        {searches}
        {(!outcome.links.is_empty()).then(|| view! { <h2>"See also"</h2><ul class="list list--bullet">{links}</ul> })}
        {app_running.then(|| view! { <PrintYourAnswers route_taken=route_taken.into_any() /> })}
        <p class="no-print"><A href=format!("/pathways/{}", route.id)>"Start this again"</A>" or "<A href="/pathways">"see other advice"</A>"."</p>
        <p class="hint">{format!("This advice was last reviewed on {}.", format::date(&route.reviewed))}</p>
    }
}

/// For print: the answers given and the shortlist, then a print button.
#[component]
fn PrintYourAnswers(route_taken: AnyView) -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let index = expect_context::<Index>();
    let shortlisted = LocalResource::new(move || load_services(index, store.with(|s| s.ids().to_vec())));
    let shortlist = move || {
        let names: Vec<String> = shortlisted.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|p| format!("{} ({})", p.name, p.postcode)).collect();
        if names.is_empty() { "none".to_string() } else { names.join("; ") }
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
            <A href="/districts">"browse services by postcode district"</A>
            ", or use the "<a href="https://www.cqc.org.uk/search/services">"Care Quality Commission's search"</a>"."
        </p>
    }
}

/// A question pre-rendered for use without JavaScript: each answer is a link to the step it
/// leads to, so the whole route can be followed with links alone.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn QuestionLinks(route: Arc<Route>, question: Question) -> impl IntoView {
    let back = back_href(&route, &question.id, &Vec::new());
    let answers = question
        .answers
        .iter()
        .map(|a| {
            let (href, label) = (step_href(&route.id, &a.next, &[]), a.label.clone());
            view! { <li><A href=href>{label}</A></li> }
        })
        .collect_view();
    view! {
        <Title text=question.text.clone() />
        <A href=back attr:class="back-link">"Back"</A>
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
        let href = format!("/search?postcode={}&{query}", carefinder_core::query::encode(&postcode));
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
