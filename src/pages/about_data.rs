use std::sync::Arc;

use carefinder_core::cost_summary::council_figures;
use carefinder_core::council::CouncilsFile;
use carefinder_core::reference::Reference;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::Pending;
use crate::data::{SharedManifest, VisitData};

/// Where every figure comes from, how fresh it is, and what the builder kept and left out. The
/// pre-renderer hands over the reference figures and councils; the app reads them for the visit.
#[component]
pub fn AboutData(
    #[prop(optional)] reference: Option<Arc<Reference>>,
    #[prop(optional)] councils: Option<Arc<CouncilsFile>>,
) -> impl IntoView {
    let manifest = expect_context::<SharedManifest>();
    let example = manifest.area.example;
    let rows = manifest
        .sources
        .iter()
        .map(|s| {
            let reasons = s.records.reasons.iter().map(|r| format!("{} ({})", r.reason, r.count)).collect::<Vec<_>>().join("; ");
            view! {
                <tr>
                    <th scope="row">{s.title.clone()}<span class="table__secondary">{s.publisher.clone()}</span></th>
                    <td>{s.file.clone()}</td>
                    <td>{s.snapshot_date.clone()}</td>
                    <td>{s.licence.clone()}</td>
                    <td class="table__number">{s.records.read}</td>
                    <td class="table__number">{s.records.kept}</td>
                    <td class="table__number">{s.records.rejected}</td>
                    <td>{if reasons.is_empty() { "None".to_string() } else { reasons }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text="About the data" />
        <h1>"About the data"</h1>
        <Show when=move || example>
            <p class="inset">"This is example data made up by carefinder's own generator. None of these services is real."</p>
        </Show>
        <dl class="summary-list">
            <div class="summary-list__row"><dt>"Area"</dt><dd>{manifest.area.name.clone()}</dd></div>
            <div class="summary-list__row"><dt>"Data as of"</dt><dd>{manifest.generated_at.clone()}</dd></div>
        </dl>
        <p>
            "Ratings come from the Care Quality Commission (CQC), which inspects care services in England. "
            "carefinder leaves out the names of registered managers and other individuals."
        </p>
        <h2>"Sources"</h2>
        <p>"Every record read from each source was either kept or left out for the reason shown."</p>
        <div class="table-wrapper" role="region" aria-label="Data sources" tabindex="0">
            <table class="table">
                <caption class="visually-hidden">"Data sources, their dates and licences, and what was kept"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Source"</th>
                        <th scope="col">"File"</th>
                        <th scope="col">"Snapshot"</th>
                        <th scope="col">"Licence"</th>
                        <th scope="col" class="table__number">"Read"</th>
                        <th scope="col" class="table__number">"Kept"</th>
                        <th scope="col" class="table__number">"Left out"</th>
                        <th scope="col">"Why left out"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>"Cost figures by council"</h2>
        <p>"The fee and cost figures the dataset has for each council, of each kind, with their years. Services show their own council's figures first, then the nearest councils' and England's."</p>
        <CostFigures reference councils />
    }
}

/// Per council: what kinds of cost figure there are, for which years, and how many.
#[component]
fn CostFigures(
    reference: Option<Arc<Reference>>,
    councils: Option<Arc<CouncilsFile>>,
) -> impl IntoView {
    let visit = use_context::<VisitData>();
    move || {
        let reference = reference
            .clone()
            .or_else(|| visit.and_then(|v| v.reference.get().and_then(Result::ok)));
        let councils = councils
            .clone()
            .or_else(|| visit.and_then(|v| v.councils.get().map(|c| c.unwrap_or_default())));
        let (Some(r), Some(c)) = (reference, councils) else {
            return view! { <Pending message="Loading…" /> }.into_any();
        };
        let list = council_figures(&r, &c);
        if list.is_empty() {
            return view! { <p>"This dataset has no fee or cost figures."</p> }.into_any();
        }
        // One row group per council, its name heading the group.
        let groups = list
            .into_iter()
            .map(|council| {
                let n = council.kinds.len();
                let rows = council
                    .kinds
                    .into_iter()
                    .enumerate()
                    .map(|(i, k)| {
                        let name = (i == 0).then(|| view! { <th scope="rowgroup" rowspan=n>{council.name.clone()}<span class="table__secondary">{council.code.clone()}</span></th> });
                        // Every council's figures are listed here as that council's, so none is advice.
                        view! { <tr data-other-council="">{name}<td>{k.kind}</td><td>{k.periods.join(", ")}</td><td class="table__number">{k.count}</td></tr> }
                    })
                    .collect_view();
                view! { <tbody>{rows}</tbody> }
            })
            .collect_view();
        view! {
            <div class="table-wrapper" role="region" aria-label="Cost figures by council" tabindex="0">
                <table class="table">
                    <caption class="visually-hidden">"Cost figures in the dataset, by council and kind"</caption>
                    <thead><tr><th scope="col">"Council"</th><th scope="col">"Kind of figure"</th><th scope="col">"Years"</th><th scope="col" class="table__number">"Figures"</th></tr></thead>
                    {groups}
                </table>
            </div>
        }
        .into_any()
    }
}
