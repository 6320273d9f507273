//! Made-up data, so carefinder can be run, tried and benchmarked without the real data: the
//! example dataset (`example`) and the England-scale benchmark dataset (`scale`).

pub mod example;
pub mod scale;
pub mod seeded;

/// The seed of every synthetic dataset unless one is given.
pub const DEFAULT_SEED: u64 = 2026;
