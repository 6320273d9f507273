//! The synthetic twins' sources: the example generator's own records (what `example` publishes),
//! made-up people's names, and the rating words each layout spells.

use carefinder_core::rating::Rating;
use serde_json::Value;

use super::checks::{rated, Expected};

/// The seed and count `carefinder-data example` uses when given neither (as the README says).
pub const EXAMPLE_SEED: u64 = 2026;
pub const EXAMPLE_COUNT: usize = 120;

/// A rating as the dataset spells it.
pub fn dataset_word(r: Rating) -> Value {
    match r {
        Rating::Outstanding => "outstanding",
        Rating::Good => "good",
        Rating::RequiresImprovement => "requires_improvement",
        Rating::Inadequate => "inadequate",
        Rating::InsufficientEvidence => "insufficient_evidence",
    }
    .into()
}

/// A rating as CQC's files spell it.
pub fn cqc_word(r: Rating) -> &'static str {
    match r {
        Rating::Outstanding => "Outstanding",
        Rating::Good => "Good",
        Rating::RequiresImprovement => "Requires improvement",
        Rating::Inadequate => "Inadequate",
        Rating::InsufficientEvidence => "Insufficient evidence to rate",
    }
}

/// The example generator's services for `count` and `seed`, as the dataset must publish them.
pub fn expected_services(count: usize, seed: u64) -> Vec<Expected> {
    let (_, services) = carefinder_data::synthetic::example::generate(count, seed);
    services
        .iter()
        .map(|p| {
            let r = &p.ratings;
            Expected {
                id: p.id.clone(),
                name: p.name.clone().into(),
                postcode: p.postcode.clone(),
                lat: p.lat.into(),
                lon: p.lon.into(),
                ratings: [
                    &r.overall,
                    &r.safe,
                    &r.effective,
                    &r.caring,
                    &r.responsive,
                    &r.well_led,
                ]
                .map(|q| {
                    q.as_ref().map_or(Value::Null, |q| {
                        rated(dataset_word(q.rating), q.date.as_deref())
                    })
                }),
                last_inspection: p.last_inspection.clone().into(),
            }
        })
        .collect()
}

/// A made-up registered manager for the `i`th service: (given name, family name), all different
/// for the first 120, and unlike any word the example data uses.
pub fn manager(i: usize) -> (&'static str, &'static str) {
    const GIVEN: [&str; 10] = [
        "Avery", "Bryony", "Cassian", "Darya", "Ellison", "Finola", "Gethin", "Harriet", "Idris",
        "Juno",
    ];
    const FAMILY: [&str; 12] = [
        "Quillon", "Rendell", "Stroud", "Tamworth", "Ulwin", "Varga", "Wenlock", "Yarrow",
        "Zeller", "Ormerod", "Pryce", "Nashby",
    ];
    (
        GIVEN[i % GIVEN.len()],
        FAMILY[(i / GIVEN.len()) % FAMILY.len()],
    )
}
