//! One module per route. Each page sets its document title and has exactly one h1.

mod about_data;
mod accessibility;
mod compare;
mod costs;
mod districts;
mod home;
mod not_found;
mod pathway;
mod pathways;
mod search;
mod service;

pub use about_data::AboutData;
pub use accessibility::Accessibility;
pub use compare::Compare;
pub use costs::Costs;
pub use districts::{District, Districts};
pub use home::Home;
pub use not_found::NotFound;
pub use pathway::PathwayPage;
pub use pathways::Pathways;
pub use search::Search;
pub use service::ServicePage;

/// What the pre-rendered pages are made of (see prerender.rs): the same components, given data.
#[cfg(not(target_arch = "wasm32"))]
pub use {
    districts::{DistrictForm, DistrictIndex, DistrictServices},
    pathway::{start_page, OutcomePage, QuestionLinks},
    pathways::{PathwayList, PathwaysIndex},
    service::ServiceDetails,
};
