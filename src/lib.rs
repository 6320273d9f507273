//! The carefinder web app: a Leptos single-page app over the published dataset.
//!
//! `app.rs` holds the layout and routes, `state.rs` what pages share, `pages/` one module per
//! route, `components/` the pieces pages share, and `data.rs` the fetching of dataset files.
//! Logic lives in carefinder-core.

mod app;
#[cfg(feature = "bench")]
mod bench;
mod components;
mod data;
mod pages;
mod state;

pub use app::App;
