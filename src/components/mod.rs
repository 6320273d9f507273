//! Pieces of the layout that several pages share, one component per file.

mod data_error_page;
mod example_banner;
mod footer;
mod header;
mod loading;
mod skip_link;

pub use data_error_page::DataErrorPage;
pub use example_banner::ExampleBanner;
pub use footer::Footer;
pub use header::Header;
pub use loading::Loading;
pub use skip_link::SkipLink;
