use leptos::prelude::*;
use leptos_meta::Title;

use crate::data::SharedManifest;

/// Where every figure comes from, how fresh it is, and what the builder kept and left out.
#[component]
pub fn AboutData() -> impl IntoView {
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
    }
}
