//! What pages share beyond the dataset (see `data`): the shortlist, adviser mode and the last
//! search point. None of it leaves the device.

use carefinder_core::council::WhoseArea;
use carefinder_core::distance::Point;
use carefinder_core::shortlist::{Shortlist, STORAGE_KEY};
use leptos::prelude::*;

use crate::service_worker;

/// The shortlist, mirrored to local storage so it survives reloads (and never leaves the device).
/// In adviser mode it is mirrored to this tab's session storage instead.
#[derive(Clone, Copy)]
pub struct ShortlistStore(pub RwSignal<Shortlist>);

/// Where the last search was centred, so the comparison can show distances. Kept in memory only.
#[derive(Clone, Copy)]
pub struct LastSearch(pub RwSignal<Option<(Point, String)>>);

/// Whose area the person's last search was in (`None` before any search): pathway outcomes use
/// that council's pack, or say they cannot tell. Kept in memory only; before a search, pages
/// use the dataset's own council.
#[derive(Clone, Copy)]
pub struct PersonsCouncil(pub RwSignal<Option<WhoseArea>>);

/// Adviser mode: larger text, a "Start a new session" button, and nothing kept on the device
/// beyond this tab: the mode itself and the session's shortlist live in session storage (so a
/// reload keeps them, closing the tab forgets them), and nothing is cached for offline use.
#[derive(Clone, Copy)]
pub struct AdviserMode(pub RwSignal<bool>);

/// The session storage key that says adviser mode is on in this tab.
const ADVISER_KEY: &str = "carefinder.adviser.v1";

/// What needs no dataset, so the header can use it from the first paint: the shortlist, adviser
/// mode, and the last search point. Registers the service worker unless adviser mode is on.
pub fn provide_shortlist() {
    let adviser = RwSignal::new(adviser_mode_in_this_tab());
    let shortlist = RwSignal::new(stored_shortlist(adviser.get_untracked()));
    // Now, before the app's first request: a worker still running from before a reload in
    // adviser mode must not cache it.
    if adviser.get_untracked() {
        service_worker::stop_and_forget();
    } else {
        service_worker::register();
    }
    Effect::new(move |first_run: Option<()>| {
        let list = shortlist.get();
        // Written only when it changes, so a visit that shortlists nothing stores nothing. Private
        // browsing can refuse storage; the shortlist then lasts for this visit only.
        if let (Some(()), Some(storage)) = (first_run, storage_for(adviser.get_untracked())) {
            let _ = if list.is_empty() {
                storage.remove_item(STORAGE_KEY)
            } else {
                storage.set_item(STORAGE_KEY, &list.to_storage())
            };
        }
    });
    Effect::new(move |was_on: Option<bool>| {
        let on = adviser.get();
        if let Some(html) = document().document_element() {
            let _ = html.class_list().toggle_with_force("adviser-mode", on);
        }
        match (was_on, on) {
            (Some(false), true) => {
                if let Some(s) = session_storage() {
                    let _ = s.set_item(ADVISER_KEY, "on");
                    let _ = s.set_item(
                        STORAGE_KEY,
                        &shortlist.with_untracked(Shortlist::to_storage),
                    );
                }
                service_worker::stop_and_forget();
            }
            // Turned off: the session's list is not this browser's to keep.
            (Some(true), false) => {
                forget_session();
                shortlist.set(stored_shortlist(false));
                service_worker::register();
            }
            _ => {}
        }
        on
    });
    provide_context(ShortlistStore(shortlist));
    provide_context(AdviserMode(adviser));
    provide_context(LastSearch(RwSignal::new(None)));
    provide_context(PersonsCouncil(RwSignal::new(None)));
}

/// "Start a new session" (adviser mode only): forgets everything carefinder kept in this
/// browser about the last person (this tab's session, any shortlist in local storage, the caches)
/// and stays in adviser mode for the next one.
pub fn start_new_session(shortlist: ShortlistStore, last_search: LastSearch) {
    forget_session();
    if let Some(s) = local_storage() {
        let _ = s.clear();
    }
    if let Some(s) = session_storage() {
        let _ = s.set_item(ADVISER_KEY, "on");
    }
    shortlist.0.set(Shortlist::default());
    last_search.0.set(None);
    service_worker::delete_every_cache();
}

fn forget_session() {
    if let Some(s) = session_storage() {
        let _ = s.clear();
    }
}

fn stored_shortlist(adviser: bool) -> Shortlist {
    Shortlist::from_storage(
        storage_for(adviser)
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .as_deref(),
    )
}

/// Where the shortlist is kept: this tab only in adviser mode, otherwise this browser.
fn storage_for(adviser: bool) -> Option<web_sys::Storage> {
    if adviser {
        session_storage()
    } else {
        local_storage()
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whether adviser mode is on in this tab (read from session storage, so it holds from the first
/// request, before any component runs).
pub fn adviser_mode_in_this_tab() -> bool {
    session_storage()
        .and_then(|s| s.get_item(ADVISER_KEY).ok().flatten())
        .is_some()
}

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}
