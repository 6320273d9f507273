//! Pieces that pages share, one component per file.

mod data_error_page;
mod error_summary;
mod example_banner;
mod filter_tags;
mod footer;
pub mod form_parts;
mod header;
mod jump_link;
mod loaded;
mod loading;
mod pagination;
mod rating_summary;
mod result_card;
mod results_map;
mod search_form;
mod shortlist_button;
mod skip_link;

pub use data_error_page::DataErrorPage;
pub use error_summary::ErrorSummary;
pub use example_banner::ExampleBanner;
pub use filter_tags::FilterTags;
pub use footer::Footer;
pub use header::Header;
pub use loaded::{when_loaded, with_heading, Busy, BusyMark, LoadFailed, Pending, Waiting};
pub use loading::Loading;
pub use pagination::ResultsPagination;
pub use rating_summary::RatingSummary;
pub use result_card::ResultCard;
pub use results_map::{Mark, ResultsMap};
pub use search_form::SearchForm;
pub use shortlist_button::ShortlistButton;
pub use skip_link::SkipLink;
