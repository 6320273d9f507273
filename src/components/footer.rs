use leptos::prelude::*;
use leptos_router::components::A;

use crate::data::SharedManifest;
use crate::render_mode::app_running;

/// What happens to what people type, exactly (the README's Privacy section has the detail).
const IN_THE_APP: &str = " · Searches run in your browser: what you type is not sent anywhere (to look up a postcode, carefinder downloads all of its postcode area, like NR). Your shortlist is kept in this browser until you remove it (in adviser mode, only until the tab is closed).";
const WITHOUT_THE_APP: &str = " · Without JavaScript, the district form sends the district you enter to this site; nothing else you type is sent anywhere.";

/// Names every data source with its snapshot date and licence, read from the loaded dataset.
#[component]
pub fn Footer() -> impl IntoView {
    let manifest = use_context::<SharedManifest>();
    let sources = manifest.map(|m| {
        m.source_groups()
            .into_iter()
            .map(|g| {
                let files = if g.files == 1 { String::new() } else { format!(" ({} files)", g.files) };
                let dates = g.snapshot_dates.join(", ");
                view! { <li>{format!("{}: {}{files}, snapshot {dates}. {}.", g.publisher, g.title, g.licence)}</li> }
            })
            .collect_view()
    });
    view! {
        <footer class="footer" role="contentinfo">
            <div class="page-width">
                <h2 class="footer__heading">"Where this information comes from"</h2>
                <ul class="footer__sources">{sources}</ul>
                <p>
                    <A href="/about-data">"About the data"</A>" · "<A href="/accessibility">"Accessibility statement"</A>
                    {if app_running() { IN_THE_APP } else { WITHOUT_THE_APP }}
                </p>
            </div>
        </footer>
    }
}
