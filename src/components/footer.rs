use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::SharedManifest;

/// Names every data source with its snapshot date and licence, read from the loaded dataset.
#[component]
pub fn Footer() -> impl IntoView {
    let manifest = use_context::<SharedManifest>();
    let sources = manifest.map(|m| {
        m.sources
            .iter()
            .map(|s| {
                view! {
                    <li>
                        {format!("{}: {} ({}), snapshot {}. {}.", s.publisher, s.title, s.file, s.snapshot_date, s.licence)}
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <footer class="footer" role="contentinfo">
            <div class="page-width">
                <h2 class="footer__heading">"Where this information comes from"</h2>
                <ul class="footer__sources">{sources}</ul>
                <p>
                    <A href="/about-data">"About the data"</A>
                    " · carefinder stores nothing about you: what you type stays in your browser."
                </p>
            </div>
        </footer>
    }
}
