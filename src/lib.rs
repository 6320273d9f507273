//! The carefinder web app: a Leptos single-page app over the published dataset.
//!
//! `app.rs` holds the layout and routes, `state.rs` what pages share, `pages/` one module per
//! route, `components/` the pieces pages share, and `data.rs` the fetching of dataset files.
//! `prerender.rs` (native only) renders the same pages to static HTML; `takeover.rs` lets the
//! app replace such a page in place. Logic lives in carefinder-core.

// Natively (for pre-rendering) views keep their full types, which nest deeper than the default.
#![recursion_limit = "256"]

mod app;
#[cfg(feature = "bench")]
mod bench;
mod components;
mod data;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod state;
mod takeover;

pub use app::App;
pub use takeover::take_over_prerendered_page;
