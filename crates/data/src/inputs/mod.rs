//! Readers for each published input layout. Each returns a `Tally` of what it read, kept and
//! rejected, or an `InputError` naming the file, the record and the reason.

pub mod admit;
pub mod cqc_api;
pub mod cqc_directory;
pub mod csv_file;
pub mod pathways;
pub mod postcodes;
pub mod reference;
