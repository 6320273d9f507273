//! The shortlist and a side-by-side comparison of up to five services, with a share link and a
//! print view. A shared link (`/compare#ids=...`: the fragment, which never reaches a server)
//! shows that list and offers to save it.

use carefinder_core::costs::{cost_lines, CostLine, CostRow};
use carefinder_core::distance::miles;
use carefinder_core::format;
use carefinder_core::query::{encode, value};
use carefinder_core::routes::Route;
use carefinder_core::service::{Rated, Service};
use carefinder_core::shortlist::Shortlist;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::{when_loaded, Waiting};
use crate::data::{PageRequests, VisitData};
use crate::render_mode::today;
use crate::state::{AdviserMode, LastSearch, ShortlistStore};

/// Where the list is, said exactly (see `state`).
const KEPT: &str = "Your shortlist is kept in this browser until you remove the services from it. The list is not sent anywhere; to show it, carefinder downloads the details of all the services in their postcode areas (the letters a postcode starts with, like NR).";
const KEPT_IN_ADVISER_MODE: &str = "In adviser mode your shortlist is kept in this tab only, until the tab is closed or a new session starts. The list is not sent anywhere; to show it, carefinder downloads the details of all the services in their postcode areas (the letters a postcode starts with, like NR).";

/// At most this many columns, so the table stays readable (and printable).
const COMPARE_AT_ONCE: usize = 5;

#[component]
pub fn Compare() -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let adviser = expect_context::<AdviserMode>().0;
    let location = use_location();
    // A shared link's ids, when the page was opened from one.
    let shared = Memo::new(move |_| {
        value(&location.hash.get(), "ids").map(|ids| Shortlist::from_share(&ids))
    });
    let ids = Memo::new(move |_| shared.get().unwrap_or_else(|| store.get()).ids().to_vec());
    let chosen = RwSignal::new(Vec::<String>::new());
    Effect::new(move |_| {
        let all = ids.get();
        chosen.update(|c| {
            c.retain(|id| all.contains(id));
            if c.is_empty() {
                c.extend(all.iter().take(COMPARE_AT_ONCE).cloned());
            }
        });
    });
    let requests = PageRequests::new();
    let services = LocalResource::new(move || VisitData::get().services(requests, ids.get()));
    // The records as last loaded, narrowed to the ids still listed: removing one leaves the
    // others' rows mounted (the keyed lists below) while the list is fetched again.
    let loaded = Memo::new(
        move |before: Option<&Option<Vec<Service>>>| match services.get() {
            Some(Ok(list)) => Some(list),
            _ => before.cloned().flatten(),
        },
    );
    let listed = Signal::derive(move || {
        let ids = ids.get();
        loaded
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|s| ids.contains(&s.id))
            .collect::<Vec<_>>()
    });
    let own = move || shared.with(Option::is_none);

    view! {
        <Title text="Your shortlist" />
        <h1>"Your shortlist"</h1>
        <Show when=own>
            <p>{move || if adviser.get() { KEPT_IN_ADVISER_MODE } else { KEPT }}</p>
        </Show>
        {move || shared.get().map(|list| view! { <SharedNotice list /> })}
        {move || {
            let all = ids.get();
            if all.is_empty() {
                return view! {
                    <p>"Your shortlist is empty."</p>
                    <p><A href=Route::Search.path()>"Search for care services"</A>" to add some and compare them side by side."</p>
                }
                .into_any();
            }
            if loaded.with(Option::is_some) {
                return ().into_any();
            }
            when_loaded(services.get(), Waiting { loading: Some("Loading your shortlist…"), ..Waiting::failed("Sorry, the shortlist could not be loaded.") }, |_| ().into_any())
        }}
        <Show when=move || !ids.with(Vec::is_empty) && loaded.with(Option::is_some)>
            {move || {
                // Services on the list that the dataset no longer has.
                let missing: Vec<String> = ids.get().into_iter().filter(|id| !loaded.with(|l| l.iter().flatten().any(|p| &p.id == id))).collect();
                (!missing.is_empty()).then(|| view! { <Missing ids=missing own=own() /> })
            }}
            <Chooser services=listed chosen own=own() />
            <Comparison services=listed chosen />
        </Show>
    }
}

/// Shown when the page came from someone else's link: their list, and a way to keep it.
#[component]
fn SharedNotice(list: Shortlist) -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let saved = RwSignal::new(false);
    let save = move |_| {
        store.set(list.clone());
        saved.set(true);
    };
    view! {
        <div class="inset">
            <p>"This is a shortlist someone shared with you. Saving it replaces your shortlist."</p>
            <button type="button" class="button button--secondary" on:click=save>"Save as my shortlist"</button>
            <p role="status">{move || saved.get().then_some("Saved. It is now your shortlist.")}</p>
        </div>
    }
}

/// Services on the list that the current dataset no longer has (closed, or left the register).
/// They are said out loud rather than dropped quietly, and can be cleared from one's own list.
#[component]
fn Missing(ids: Vec<String>, own: bool) -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let count = ids.len();
    let text = if count == 1 {
        "1 service on this list is no longer in carefinder's data: it may have closed or left the CQC register.".to_string()
    } else {
        format!("{count} services on this list are no longer in carefinder's data: they may have closed or left the CQC register.")
    };
    let clear = move |_| store.update(|s| ids.iter().for_each(|id| s.remove(id)));
    view! {
        <div class="inset">
            <p>{text}</p>
            {own.then(|| view! { <button type="button" class="button button--secondary" on:click=clear>"Remove them from my shortlist"</button> })}
        </div>
    }
}

/// The list with a checkbox each: which to compare (up to five). On one's `own` shortlist,
/// remove buttons and a share link too; a shared list is only looked at (or saved).
#[component]
fn Chooser(
    services: Signal<Vec<Service>>,
    chosen: RwSignal<Vec<String>>,
    own: bool,
) -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let message = RwSignal::new(None::<String>);
    // Keyed by service, so ticking or removing one leaves the others' rows (and focus) alone.
    let items = view! {
        <For each=move || services.get() key=|p| p.id.clone() let:p>
            <ChooserItem id=p.id name=p.name chosen own message />
        </For>
    };
    let share = move || {
        let ids = store.with(Shortlist::share_value);
        format!(
            "{}/compare#ids={}",
            window().location().origin().unwrap_or_default(),
            encode(&ids)
        )
    };
    view! {
        <fieldset class="fieldset no-print">
            <legend class="fieldset__legend">"Choose up to 5 to compare"</legend>
            <ul class="list">{items}</ul>
            <p class="error-message" role="status">{move || message.get()}</p>
        </fieldset>
        {own.then(|| view! { <p class="no-print">"Link to share this shortlist. Nothing is sent anywhere until you share it yourself, and the list is in the part after the #, which browsers do not send to the site: "<a href=share class="share-link">{share}</a></p> })}
        <button type="button" class="button button--secondary no-print" on:click=move |_| { let _ = window().print(); }>"Print or save as PDF"</button>
    }
}

/// One service on the list: its tick box and, on one's own list, a remove button.
#[component]
fn ChooserItem(
    id: String,
    name: String,
    chosen: RwSignal<Vec<String>>,
    own: bool,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = expect_context::<ShortlistStore>().0;
    let box_id = format!("compare-{id}");
    let checked = {
        let id = id.clone();
        move || chosen.with(|c| c.contains(&id))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            message.set(None);
            chosen.update(|c| {
                if let Some(i) = c.iter().position(|x| *x == id) {
                    c.remove(i);
                } else if c.len() >= COMPARE_AT_ONCE {
                    message.set(Some(format!("You can compare up to {COMPARE_AT_ONCE} services at a time. Untick one first.")));
                } else {
                    c.push(id.clone());
                }
            });
        }
    };
    let remove = own.then(|| {
        let name = name.clone();
        view! { <button type="button" class="link-button" on:click=move |_| store.update(|s| s.remove(&id))>"Remove"<span class="visually-hidden">{format!(" {name} from your shortlist")}</span></button> }
    });
    view! {
        <li class="checkboxes__item">
            <input class="checkboxes__input" type="checkbox" id=box_id.clone() prop:checked=checked on:change=toggle />
            <label class="checkboxes__label" for=box_id>{name.clone()}</label>
            {remove}
        </li>
    }
}

/// The comparison table: one column per chosen service, one row per fact.
#[component]
fn Comparison(services: Signal<Vec<Service>>, chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let last = expect_context::<LastSearch>().0;
    let (reference, councils) = (VisitData::get().reference, VisitData::get().councils);
    move || {
        let ids = chosen.get();
        let cols: Vec<Service> = services
            .get()
            .into_iter()
            .filter(|p| ids.contains(&p.id))
            .collect();
        if cols.is_empty() {
            return view! { <p>"Tick at least one service to compare."</p> }.into_any();
        }
        let origin = last.get();
        let reference = reference.get().and_then(Result::ok);
        let row_marked = |label: &str, cells: Vec<String>, another_councils: bool| {
            let tds = cells
                .into_iter()
                .map(|c| view! { <td>{c}</td> })
                .collect_view();
            view! { <tr data-other-council=another_councils.then_some("")><th scope="row">{label.to_string()}</th>{tds}</tr> }
        };
        let row = |label: &str, cells: Vec<String>| row_marked(label, cells, false);
        let distance_label = origin.as_ref().map_or("Distance".to_string(), |(_, l)| {
            format!("Distance from {l}")
        });
        let distances = cols
            .iter()
            .map(|p| {
                origin
                    .as_ref()
                    .map_or("Search first to see distances".into(), |(o, _)| {
                        format::miles(miles(*o, p.point()))
                    })
            })
            .collect();
        let rated = |r: &Option<Rated>| match r {
            Some(r) => match &r.date {
                Some(d) => format!("{} ({})", r.rating.label(), format::date(d)),
                None => format!("{} (date not published)", r.rating.label()),
            },
            None => "Not rated".into(),
        };
        // Each service's cost lines, once the figures are in; one row per kind of figure.
        let councils = councils.get().map(|c| c.unwrap_or_default());
        let lines: Vec<Vec<CostLine>> = cols
            .iter()
            .map(|p| match (&reference, &councils) {
                (Some(r), Some(c)) => cost_lines(p, r, c, &today()),
                _ => vec![],
            })
            .collect();
        let cost_rows: Vec<(CostRow, Vec<String>)> = CostRow::ALL
            .into_iter()
            .filter(|row| {
                *row == CostRow::PublishedFee || lines.iter().flatten().any(|l| l.row == *row)
            })
            .map(|row| (row, lines.iter().map(|ls| cost_cell(ls, row)).collect()))
            .collect();
        let headers = cols
            .iter()
            .map(|p| {
                let name = p.name.clone();
                view! { <th scope="col"><A href=Route::Service { id: p.id.clone() }.path()>{name}</A></th> }
            })
            .collect_view();
        let rows = vec![
            row(&distance_label, distances),
            row(
                "Type of care",
                cols.iter()
                    .map(|p| {
                        p.services
                            .iter()
                            .map(|s| s.label())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .collect(),
            ),
            row(
                "Overall CQC rating",
                cols.iter().map(|p| rated(&p.ratings.overall)).collect(),
            ),
            row(
                "Safe",
                cols.iter().map(|p| rated(&p.ratings.safe)).collect(),
            ),
            row(
                "Effective",
                cols.iter().map(|p| rated(&p.ratings.effective)).collect(),
            ),
            row(
                "Caring",
                cols.iter().map(|p| rated(&p.ratings.caring)).collect(),
            ),
            row(
                "Responsive",
                cols.iter().map(|p| rated(&p.ratings.responsive)).collect(),
            ),
            row(
                "Well-led",
                cols.iter().map(|p| rated(&p.ratings.well_led)).collect(),
            ),
            row(
                "Beds",
                cols.iter()
                    .map(|p| p.beds.map_or("None".into(), |b| b.to_string()))
                    .collect(),
            ),
            row(
                "Specialist care",
                cols.iter()
                    .map(|p| {
                        p.specialisms
                            .iter()
                            .map(|s| s.label())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .collect(),
            ),
        ];
        let rows = rows
            .into_iter()
            .chain(
                cost_rows
                    .into_iter()
                    .map(|(r, cells)| row_marked(r.label(), cells, r.is_another_councils())),
            )
            .collect_view();
        view! {
            <h2>"Side by side"</h2>
            <div class="table-wrapper" role="region" aria-label="Comparison of shortlisted services" tabindex="0">
                <table class="table table--compare">
                    <caption class="visually-hidden">"Shortlisted services compared"</caption>
                    <thead><tr><th scope="col">"Service"</th>{headers}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="print-only">{format!("Printed from carefinder on {}. Ratings from the Care Quality Commission; see the sources below.", format::date(&today()))}</p>
            <p><A href=Route::Costs.path()>"Estimate what you might pay"</A></p>
        }
        .into_any()
    }
}

/// A service's figures of one kind, each with its year and whose it is; "Not published" only
/// where there is truly none.
fn cost_cell(lines: &[CostLine], row: CostRow) -> String {
    // Each figure says what it is for, which care, when and whose, and where it comes from.
    let several_kinds = lines
        .iter()
        .map(|l| l.care)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        > 1;
    let of_kind: Vec<String> = lines
        .iter()
        .filter(|l| l.row == row)
        .map(|l| {
            let care = if several_kinds {
                format!("{}: ", l.care.label())
            } else {
                String::new()
            };
            format!(
                "{care}{} {} ({}), {}. Source: {}",
                l.label,
                l.amount_text(),
                l.when(),
                l.whose,
                l.source.publisher
            )
        })
        .collect();
    match (of_kind.is_empty(), row) {
        (false, _) => of_kind.join("; "),
        (true, CostRow::PublishedFee) => "Not published".into(),
        (true, _) => "No figure in carefinder's data".into(),
    }
}
