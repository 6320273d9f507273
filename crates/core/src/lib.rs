//! carefinder-core: the published dataset's schema and every piece of pure logic the app and the
//! builder share. No browser here, and no I/O but reading a dataset folder (`dataset_reader`), so
//! `cargo test` checks it natively and quickly.

pub mod area_pack_checks;
pub mod area_postcodes;
pub mod cost_kind;
pub mod cost_summary;
pub mod costs;
pub mod council;
pub mod dataset;
pub mod dataset_reader;
pub mod date;
pub mod distance;
pub mod estimate;
pub mod filter_tags;
pub mod format;
pub mod links;
pub mod local_help;
pub mod location_id;
pub mod map_layers;
pub mod name_search;
pub mod pagination;
#[cfg(test)]
mod parser_properties;
pub mod pathway;
pub mod postcode;
#[cfg(test)]
mod properties;
pub mod query;
pub mod rating;
#[cfg(test)]
mod reader_properties;
pub mod reference;
pub mod reference_checks;
pub mod routes;
pub mod search;
pub mod search_origin;
pub mod service;
pub mod shortlist;
pub mod whose_area;
