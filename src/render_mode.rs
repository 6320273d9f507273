//! Whether the page is the running app or a static page written at build time. Pages ask this
//! rather than guessing from which contexts exist.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum RenderMode {
    /// The app, running in the browser.
    App,
    /// A pre-rendered page; ratings' ages count from the day it was built (YYYY-MM-DD).
    // Only the native pre-renderer makes these; the browser only reads the mode.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    Static { built_on: String },
}

/// The mode in context; the app provides none, so its absence means the app.
pub fn render_mode() -> RenderMode {
    use_context::<RenderMode>().unwrap_or(RenderMode::App)
}

/// Things that need the app (the shortlist, printing, postcode searches) show only then.
pub fn app_running() -> bool {
    render_mode() == RenderMode::App
}

/// Today as YYYY-MM-DD, for the age of ratings: the device's date, or the build day.
pub fn today() -> String {
    match render_mode() {
        RenderMode::Static { built_on } => built_on,
        RenderMode::App => device_today(),
    }
}

#[cfg(target_arch = "wasm32")]
fn device_today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// Natively (pre-rendering) every page is static; this is never reached there.
#[cfg(not(target_arch = "wasm32"))]
fn device_today() -> String {
    unreachable!("natively, pages render in RenderMode::Static")
}
