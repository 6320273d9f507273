//! carefinder-data: builds carefinder's published dataset from CQC's and ONS's open data.
//!
//! Which module uses which (none uses one that uses it back):
//! - `cli` (clap's commands and flags) -> `synthetic` (for the generators' defaults)
//! - `commands` (one function per command) -> `cli`, `bench`, `pipeline`, `shared_layout`, `synthetic`,
//!   `inputs` (check-pathways)
//! - `bench` (the `bench` command's measurements) -> `pipeline`, `shared_layout`, `synthetic`
//! - `synthetic` (the example and England-scale generators) -> `shared_layout` and the layers below
//! - `shared_layout` (every file of ../shared/data and of content/) -> `pipeline` (the real build's plan)
//! - `pipeline` (`BuildPlan` -> read inputs -> account -> write) -> the layers below
//! - below: `map_layers` (map.json from the postcodes, services' addresses and boundaries),
//!   `inputs` (readers), `accounting`, `sources` (provenance), `assemble`, `output` (files) -> `publish`
//!   (build folders, the manifest's atomic replacement, pruning)

pub mod cli;
pub mod commands;
pub mod councils;
pub mod pipeline;
pub mod shared_layout;
pub mod synthetic;

mod accounting;
#[cfg(test)]
mod accounting_properties;
mod assemble;
mod bench;
mod inputs;
mod map_layers;
mod output;
#[cfg(test)]
mod properties;
mod publish;
mod sources;
