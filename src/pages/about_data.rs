use leptos::prelude::*;
use leptos_meta::Title;

use crate::app::SharedManifest;

/// Where every figure comes from, how fresh it is, and what the builder kept and left out.
#[component]
pub fn AboutData() -> impl IntoView {
    let manifest = expect_context::<SharedManifest>();
    let example = manifest.area.example;
    let sources = manifest
        .sources
        .iter()
        .map(|s| {
            let reasons = s
                .records
                .reasons
                .iter()
                .map(|r| view! { <li>{format!("{}: {}", r.reason, r.count)}</li> })
                .collect_view();
            view! {
                <h2>{s.title.clone()}</h2>
                <dl class="summary-list">
                    <div class="summary-list__row"><dt>"Publisher"</dt><dd>{s.publisher.clone()}</dd></div>
                    <div class="summary-list__row"><dt>"File"</dt><dd>{s.file.clone()}</dd></div>
                    <div class="summary-list__row"><dt>"Snapshot date"</dt><dd>{s.snapshot_date.clone()}</dd></div>
                    <div class="summary-list__row"><dt>"Licence"</dt><dd>{s.licence.clone()}</dd></div>
                    <div class="summary-list__row">
                        <dt>"Records"</dt>
                        <dd>{format!("{} read, {} kept, {} left out", s.records.read, s.records.kept, s.records.rejected)}</dd>
                    </div>
                </dl>
                <Show when={let any = !s.records.reasons.is_empty(); move || any}>
                    <p>"Why records were left out:"</p>
                </Show>
                <ul class="list list--bullet">{reasons}</ul>
            }
        })
        .collect_view();
    view! {
        <Title text="About the data" />
        <h1>"About the data"</h1>
        <Show when=move || example>
            <p class="inset">"This is example data made up by carefinder's own generator. None of these services is real."</p>
        </Show>
        <p>{format!("Area: {}. Data as of {}.", manifest.area.name, manifest.generated_at)}</p>
        <p>"carefinder leaves out the names of registered managers and other individuals."</p>
        {sources}
    }
}
