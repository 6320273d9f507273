//! The builder on the real shared data. Every expectation is worked out here from the source
//! file itself (read as plain JSON), not from the builder's own parsing. Each test has a twin on
//! the synthetic example data in example_data.rs, which runs where ../shared/data is missing.

mod common;

use carefinder_data::shared_layout::{FEE_FILES, NR_POSTCODES, OLDHAM_LOCATIONS, OLDHAM_PROVIDERS};
use common::checks::{self, rated, Expected};
use common::*;
use serde_json::Value;

/// CQC's rating words, spelled as the dataset publishes them.
fn expected_rating(cqc: Option<&str>) -> Value {
    match cqc {
        Some("Outstanding") => "outstanding".into(),
        Some("Good") => "good".into(),
        Some("Requires improvement") => "requires_improvement".into(),
        Some("Inadequate") => "inadequate".into(),
        Some("Insufficient evidence to rate") => "insufficient_evidence".into(),
        _ => Value::Null,
    }
}

fn cqc_rated(r: Option<&Value>) -> Value {
    r.map_or(Value::Null, |r| {
        rated(
            expected_rating(r["rating"].as_str()),
            r["reportDate"].as_str(),
        )
    })
}

#[test]
fn oldham_yields_exactly_its_registered_social_care_locations_with_their_facts() {
    let Some((shared, out, _)) = real_dataset("oldham") else {
        return;
    };
    let source = read_json(&OLDHAM_LOCATIONS.path(&shared));
    let wanted: Vec<&Value> = source
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["type"] == "Social Care Org" && l["registrationStatus"] == "Registered")
        .collect();
    assert_eq!(
        wanted.len(),
        106,
        "SOURCES.md counts 106 registered social care locations"
    );

    let expected: Vec<Expected> = wanted
        .iter()
        .map(|loc| {
            let overall = &loc["currentRatings"]["overall"];
            let questions = overall["keyQuestionRatings"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let question =
                |cqc_name: &str| cqc_rated(questions.iter().find(|q| q["name"] == cqc_name));
            Expected {
                id: loc["locationId"].as_str().unwrap().to_string(),
                name: loc["name"].clone(),
                postcode: loc["postalCode"].as_str().unwrap().to_string(),
                lat: loc["onspdLatitude"].clone(),
                lon: loc["onspdLongitude"].clone(),
                ratings: [
                    cqc_rated(Some(overall)),
                    question("Safe"),
                    question("Effective"),
                    question("Caring"),
                    question("Responsive"),
                    question("Well-led"),
                ],
                last_inspection: loc["lastInspection"]["date"].clone(),
            }
        })
        .collect();
    checks::assert_services(&out, &expected);
}

#[test]
fn registered_managers_names_never_reach_the_dataset() {
    let Some((shared, out, _)) = real_dataset("privacy") else {
        return;
    };
    let source = read_json(&OLDHAM_LOCATIONS.path(&shared));
    let mut names = Vec::new();
    for loc in source.as_array().unwrap() {
        for activity in loc["regulatedActivities"].as_array().into_iter().flatten() {
            for c in activity["contacts"].as_array().into_iter().flatten() {
                names.push(format!(
                    "{} {}",
                    c["personGivenName"].as_str().unwrap_or(""),
                    c["personFamilyName"].as_str().unwrap_or("")
                ));
            }
        }
    }
    assert!(
        names.len() > 50,
        "the source names managers, so this check means something"
    );
    // Some services are run by people in their own name (e.g. "Mr A Smith and Mrs B Smith"): that
    // is the registered provider's public name, which carefinder keeps. Leave those names aside.
    let providers = std::fs::read_to_string(OLDHAM_PROVIDERS.path(&shared)).unwrap();
    let public: Vec<&str> = source
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["name"].as_str())
        .collect();
    names.retain(|n| {
        !providers.contains(n.as_str()) && !public.iter().any(|p| p.contains(n.as_str()))
    });
    checks::assert_no_name_published(&out, &names);
}

#[test]
fn the_accounting_matches_the_sources_own_counts() {
    let Some((_, out, run)) = real_dataset("accounting") else {
        return;
    };
    let manifest = read_json(&out.join("manifest.json"));
    // SOURCES.md: NR has 29,089 rows, 41 of them without coordinates.
    let nr = checks::source(&manifest, NR_POSTCODES.name);
    assert_eq!(checks::read_kept(&nr), (Some(29_089), Some(29_048)));
    assert_eq!(nr["records"]["reasons"][0]["reason"], "no coordinates");
    let oldham = checks::source(&manifest, OLDHAM_LOCATIONS.name);
    assert_eq!(oldham["records"]["read"], 451);
    assert_eq!(oldham["records"]["kept"], 106);
    assert_eq!(oldham["snapshot_date"], "2025-03");
    assert_eq!(oldham["licence"], "Open Government Licence v3.0");
    // The printed table names each input with its counts.
    let printed = stdout(&run);
    assert!(
        printed.lines().any(|l| l.starts_with(OLDHAM_LOCATIONS.name)
            && l.contains("451")
            && l.contains("106")),
        "{printed}"
    );
    // One postcode file per area: NR's holds every NR postcode the builder kept.
    assert_eq!(checks::area_file(&out, "NR").len(), 29_048);
}

#[test]
fn reference_figures_carry_their_values_periods_and_sources() {
    let Some((shared, out, _)) = real_dataset("reference") else {
        return;
    };
    let reference = read_json(&built(&out).join("reference.json"));
    // Read the fee files independently: every row with a financial year (or none) is published
    // with its value and source; the period's own words ("(April 2022 base)") are left off.
    let mut rows: Vec<checks::Figure> = Vec::new();
    for file in FEE_FILES {
        let mut csv = csv::Reader::from_path(file.path(&shared)).unwrap();
        for r in csv.records().map(Result::unwrap) {
            let period = match r[4].split(' ').next().unwrap_or("") {
                p if p.is_empty() || (p.len() == 7 && p.as_bytes()[4] == b'-') => p.to_string(),
                _ => continue,
            };
            rows.push((
                r[0].into(),
                r[2].into(),
                period,
                r[5].replace(',', "").parse().unwrap(),
                r[9].into(),
            ));
        }
    }
    checks::assert_figures(&reference, &rows);
    checks::assert_means_test_2025_26(&reference);
}

#[test]
fn the_same_inputs_give_byte_identical_output() {
    let Some((_, a, _)) = real_dataset("same-a") else {
        return;
    };
    let Some((_, b, _)) = real_dataset("same-b") else {
        return;
    };
    // The shared files and the nine postcode areas around Oldham.
    checks::assert_identical(&a, &b, 12);
}
