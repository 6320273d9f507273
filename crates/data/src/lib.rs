//! carefinder-data: builds carefinder's published dataset from CQC's and ONS's open data.
//!
//! The modules, from the command line down (each uses only those below it):
//! - `cli`: the commands and flags; `commands`: what each command does; `bench`: the benchmarks;
//! - `pipeline`: one build (`BuildPlan` -> read inputs -> account -> write), and `synthetic`:
//!   the made-up example and England-scale datasets; both find files through `shared_layout`;
//! - `inputs` (readers), `accounting`, `sources` (provenance), `assemble` and `output` (files).

pub mod cli;
pub mod commands;
pub mod pipeline;
pub mod shared_layout;
pub mod synthetic;

mod accounting;
mod assemble;
mod bench;
mod inputs;
mod output;
#[cfg(test)]
mod properties;
mod sources;
