//! What pages share beyond the dataset (see `data`): the shortlist, adviser mode and the last
//! search point. None of it leaves the device.

use carefinder_core::distance::Point;
use carefinder_core::shortlist::{Shortlist, STORAGE_KEY};
use leptos::prelude::*;

/// The shortlist, mirrored to local storage so it survives reloads (and never leaves the device).
#[derive(Clone, Copy)]
pub struct ShortlistStore(pub RwSignal<Shortlist>);

/// Where the last search was centred, so the comparison can show distances. Kept in memory only.
#[derive(Clone, Copy)]
pub struct LastSearch(pub RwSignal<Option<(Point, String)>>);

/// Adviser mode: larger text, a "Start a new session" button, and nothing kept on the device:
/// the shortlist made during a session lives in memory only.
#[derive(Clone, Copy)]
pub struct AdviserMode(pub RwSignal<bool>);

/// What needs no dataset, so the header can use it from the first paint: the shortlist (kept in
/// local storage, except in adviser mode), adviser mode, and the last search point.
pub fn provide_shortlist() {
    let adviser = RwSignal::new(false);
    let shortlist = RwSignal::new(stored_shortlist());
    Effect::new(move |_| {
        let text = shortlist.with(Shortlist::to_storage);
        // Private browsing can refuse storage; the shortlist then lasts for this visit only.
        if let (false, Some(storage)) = (adviser.get_untracked(), local_storage()) {
            let _ = storage.set_item(STORAGE_KEY, &text);
        }
    });
    Effect::new(move |was_on: Option<bool>| {
        let on = adviser.get();
        if let Some(html) = document().document_element() {
            let _ = html.class_list().toggle_with_force("adviser-mode", on);
        }
        if was_on == Some(true) && !on {
            // Leaving adviser mode: the session's list and visited files are not this browser's to keep.
            shortlist.set(stored_shortlist());
            forget_visited_data();
        }
        on
    });
    provide_context(ShortlistStore(shortlist));
    provide_context(AdviserMode(adviser));
    provide_context(LastSearch(RwSignal::new(None)));
}

/// "Start a new session": forgets everything this device holds about the last person.
pub fn start_new_session(shortlist: ShortlistStore, last_search: LastSearch) {
    shortlist.0.set(Shortlist::default());
    last_search.0.set(None);
    if let Some(s) = local_storage() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = window().session_storage() {
        let _ = s.clear();
    }
    forget_visited_data();
}

/// The service worker's cache of dataset files (named in public/sw.js) shows which districts and
/// services were looked at; dropping it costs only a re-download.
const VISITED_DATA_CACHE: &str = "carefinder-data-v1";

fn forget_visited_data() {
    // Absent outside secure contexts, where calling it would throw.
    if !js_sys::Reflect::has(&window(), &"caches".into()).unwrap_or(false) {
        return;
    }
    if let Ok(caches) = window().caches() {
        let _ = caches.delete(VISITED_DATA_CACHE);
    }
}

fn stored_shortlist() -> Shortlist {
    Shortlist::from_storage(local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).as_deref())
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}
