//! Keeps what a person typed or chose out of every request: an old link's query
//! (`/search?postcode=...`) is moved into the fragment before the app fetches anything, so no
//! later request, Referer or cache key carries it. Which addresses move is carefinder-core's
//! `routes::moved_to_fragment`.

use leptos::prelude::window;

/// Rewrites the address in place (no new history entry, no reload). The request that loaded
/// this page already carried the query; nothing after it will.
pub fn move_old_link_into_fragment() {
    let location = window().location();
    let (Ok(path), Ok(query), Ok(fragment)) =
        (location.pathname(), location.search(), location.hash())
    else {
        return;
    };
    let Some(moved) = carefinder_core::routes::moved_to_fragment(&path, &query, &fragment) else {
        return;
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&moved));
    }
}
