//! One module per route. Each page sets its document title and has exactly one h1.

mod about_data;
mod accessibility;
mod compare;
mod costs;
mod home;
mod not_found;
mod pathway;
mod pathways;
mod provider;
mod search;

pub use about_data::AboutData;
pub use accessibility::Accessibility;
pub use compare::Compare;
pub use costs::Costs;
pub use home::Home;
pub use not_found::NotFound;
pub use pathway::Pathway;
pub use pathways::Pathways;
pub use provider::Provider;
pub use search::Search;
