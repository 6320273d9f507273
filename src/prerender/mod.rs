//! The app's own pages rendered to static HTML at build time (natively; crates/prerender writes
//! them), so pathways, service pages, district lists and "about the data" work without
//! JavaScript. Which pages exist comes from carefinder-core's route table; when the app starts
//! on one of them it takes it over in place (`takeover.rs`).

mod page;
mod site;

pub use page::StaticPage;
pub use site::{load_site, render_site, SiteData};

/// The data-path of the fallback page (every route not pre-rendered, e.g. /search).
pub const ANY_ROUTE: &str = "*";
