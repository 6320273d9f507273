//! Entry point: mounts the app. Everything else lives in the library.

fn main() {
    // First, before any request: an old link's search or answers leave the query.
    carefinder::move_old_link_into_fragment();
    leptos::mount::mount_to_body(carefinder::App);
    carefinder::take_over_prerendered_page();
}
