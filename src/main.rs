//! Entry point: mounts the app. Everything else lives in the library.

fn main() {
    leptos::mount::mount_to_body(carefinder::App);
    carefinder::take_over_prerendered_page();
}
