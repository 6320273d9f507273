use carefinder_core::shortlist::Shortlist;
use leptos::prelude::*;

use crate::render_mode::app_running;
use crate::state::ShortlistStore;

/// Adds a service to the shortlist or removes it; says so when the shortlist is full. The
/// label says what a press will do (no aria-pressed as well: that would say it twice).
#[component]
pub fn ShortlistButton(id: String, name: String) -> impl IntoView {
    // A pre-rendered page has no shortlist: keeping one needs the app.
    app_running().then(|| {
        let store = expect_context::<ShortlistStore>().0;
        view! { <Toggle store id name /> }
    })
}

#[component]
fn Toggle(store: RwSignal<Shortlist>, id: String, name: String) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let id_for_state = id.clone();
    let listed = Memo::new(move |_| store.with(|s: &Shortlist| s.contains(&id_for_state)));
    let toggle = move |_| {
        message.set(None);
        store.update(|s| {
            if s.contains(&id) {
                s.remove(&id);
            } else if let Err(e) = s.add(&id) {
                message.set(Some(e.message()));
            }
        });
    };
    view! {
        <button type="button" class="button button--secondary" class:button--listed=move || listed.get() on:click=toggle>
            {move || if listed.get() { "Remove from shortlist" } else { "Add to shortlist" }}
            <span class="visually-hidden">{format!(": {name}")}</span>
        </button>
        <p class="shortlist-message" role="status">{move || message.get()}</p>
    }
}
