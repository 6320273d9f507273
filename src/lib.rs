//! The carefinder web app: a Leptos single-page app over the published dataset.
//!
//! `app.rs` is the frame (contexts, router, layout); `routes.rs` names the page for each route of
//! carefinder-core's route table; `pages/` has one module per route and `components/` the pieces
//! pages share; `data/` is the dataset as a visit sees it; `state.rs` the shortlist and adviser
//! mode; `render_mode.rs` whether this is the app or a static page. `prerender/` (native only)
//! renders the same pages to static HTML; `takeover.rs` lets the app replace such a page in
//! place. Logic lives in carefinder-core.

// Natively (for pre-rendering) views keep their full types, which nest deeper than the default.
#![recursion_limit = "256"]

mod address;
mod app;
#[cfg(feature = "bench")]
mod bench;
mod components;
mod data;
mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod render_mode;
mod routes;
mod service_worker;
mod state;
mod takeover;

pub use address::move_old_link_into_fragment;
pub use app::App;
pub use takeover::take_over_prerendered_page;
