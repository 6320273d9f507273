//! The builder on the real shared data. Every expectation is worked out here from the source
//! file itself (read as plain JSON), not from the builder's own parsing.

mod common;

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

fn rated(rating: Option<&str>, date: Option<&str>) -> Value {
    match expected_rating(rating) {
        Value::Null => Value::Null,
        r => serde_json::json!({ "rating": r, "date": date }),
    }
}

#[test]
fn oldham_yields_exactly_its_registered_social_care_locations_with_their_facts() {
    let Some(shared) = shared() else { return };
    let out = temp("oldham");
    let run = run(&["default", "--shared", shared.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));

    let source = read_json(&shared.join("cqc/oldham_cqc_api_locations_2025-03.json"));
    let wanted: Vec<&Value> = source
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["type"] == "Social Care Org" && l["registrationStatus"] == "Registered")
        .collect();
    assert_eq!(wanted.len(), 106, "SOURCES.md counts 106 registered social care locations");

    let output = details(&out);
    let wanted_ids: Vec<&str> = wanted.iter().map(|l| l["locationId"].as_str().unwrap()).collect();
    let output_ids: Vec<&str> = output.keys().map(String::as_str).collect();
    let mut sorted = wanted_ids.clone();
    sorted.sort();
    assert_eq!(output_ids, sorted);

    for loc in wanted {
        let id = loc["locationId"].as_str().unwrap();
        let got = &output[id];
        assert_eq!(got["name"], loc["name"], "{id}");
        let postcode = loc["postalCode"].as_str().unwrap().to_uppercase();
        assert_eq!(got["postcode"].as_str().unwrap().replace(' ', ""), postcode.replace(' ', ""), "{id}");
        assert_eq!(got["lat"], loc["onspdLatitude"], "{id}");
        assert_eq!(got["lon"], loc["onspdLongitude"], "{id}");
        let overall = &loc["currentRatings"]["overall"];
        assert_eq!(got["ratings"]["overall"], rated(overall["rating"].as_str(), overall["reportDate"].as_str()), "{id}");
        let questions = overall["keyQuestionRatings"].as_array().cloned().unwrap_or_default();
        for (cqc_name, field) in [("Safe", "safe"), ("Effective", "effective"), ("Caring", "caring"), ("Responsive", "responsive"), ("Well-led", "well_led")] {
            let q = questions.iter().find(|q| q["name"] == cqc_name);
            let want = q.map_or(Value::Null, |q| rated(q["rating"].as_str(), q["reportDate"].as_str()));
            assert_eq!(got["ratings"][field], want, "{id} {cqc_name}");
        }
        assert_eq!(got["last_inspection"], loc["lastInspection"]["date"], "{id}");
    }

    // The search index holds the same services, with the same overall ratings.
    let index = read_json(&out.join("services.json"));
    assert_eq!(index.as_array().unwrap().len(), 106);
    for row in index.as_array().unwrap() {
        let got = &output[row[0].as_str().unwrap()];
        assert_eq!(row[1], got["name"]);
        assert_eq!(row[8], got["ratings"]["overall"]["rating"]);
    }
}

#[test]
fn registered_managers_names_never_reach_the_dataset() {
    let Some(shared) = shared() else { return };
    let out = temp("privacy");
    let run = run(&["default", "--shared", shared.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let source = read_json(&shared.join("cqc/oldham_cqc_api_locations_2025-03.json"));
    let mut names = Vec::new();
    for loc in source.as_array().unwrap() {
        for activity in loc["regulatedActivities"].as_array().into_iter().flatten() {
            for c in activity["contacts"].as_array().into_iter().flatten() {
                names.push(format!("{} {}", c["personGivenName"].as_str().unwrap_or(""), c["personFamilyName"].as_str().unwrap_or("")));
            }
        }
    }
    assert!(names.len() > 50, "the source names managers, so this check means something");
    // Some services are run by people in their own name (e.g. "Mr A Smith and Mrs B Smith"): that
    // is the registered provider's public name, which carefinder keeps. Leave those names aside.
    let providers = std::fs::read_to_string(shared.join("cqc/oldham_cqc_api_providers_2025-03.json")).unwrap();
    let public: Vec<&str> = source.as_array().unwrap().iter().filter_map(|l| l["name"].as_str()).collect();
    names.retain(|n| !providers.contains(n.as_str()) && !public.iter().any(|p| p.contains(n.as_str())));
    assert!(names.len() > 50);
    let mut text = String::new();
    for entry in std::fs::read_dir(out.join("providers")).unwrap() {
        text += &std::fs::read_to_string(entry.unwrap().path()).unwrap();
    }
    text += &std::fs::read_to_string(out.join("services.json")).unwrap();
    for name in names {
        assert!(!text.contains(&name), "a manager's name ({name}) is in the output");
    }
}

#[test]
fn the_accounting_matches_the_sources_own_counts() {
    let Some(shared) = shared() else { return };
    let out = temp("accounting");
    let run = run(&["default", "--shared", shared.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(run.status.success());
    let manifest = read_json(&out.join("manifest.json"));
    let source = |file: &str| manifest["sources"].as_array().unwrap().iter().find(|s| s["file"] == file).cloned().unwrap();
    // SOURCES.md: NR has 29,089 rows, 41 of them without coordinates.
    let nr = source("nspl_may2025_latlong_NR.csv");
    assert_eq!((nr["records"]["read"].as_u64(), nr["records"]["kept"].as_u64()), (Some(29_089), Some(29_048)));
    assert_eq!(nr["records"]["reasons"][0]["reason"], "no coordinates");
    let oldham = source("oldham_cqc_api_locations_2025-03.json");
    assert_eq!(oldham["records"]["read"], 451);
    assert_eq!(oldham["records"]["kept"], 106);
    assert_eq!(oldham["snapshot_date"], "2025-03");
    assert_eq!(oldham["licence"], "Open Government Licence v3.0");
    // The printed table names each input with its counts.
    let printed = stdout(&run);
    assert!(printed.lines().any(|l| l.starts_with("oldham_cqc_api_locations_2025-03.json") && l.contains("451") && l.contains("106")), "{printed}");
    // A unit postcode file per district; NR2 is there, and holds NR2 1AB's neighbours.
    let nr2 = read_json(&out.join("postcodes/NR2.json"));
    assert_eq!(nr2["district"], "NR2");
    assert!(nr2["units"].as_array().unwrap().len() > 100);
}

#[test]
fn reference_figures_carry_their_values_periods_and_sources() {
    let Some(shared) = shared() else { return };
    let out = temp("reference");
    assert!(run(&["default", "--shared", shared.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    let reference = read_json(&out.join("reference.json"));
    // Read the fees CSV independently: every row is published with its value and source.
    let mut csv = csv::Reader::from_path(shared.join("fees/care_fee_reference_rates.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let figures = reference["figures"].as_array().unwrap();
    for r in &rows {
        let found = figures.iter().any(|f| {
            f["measure"] == r[2] && f["period"] == r[4] && f["area"] == r[0] && f["value"].as_f64() == r[5].parse::<f64>().ok() && f["source"]["citation"] == r[9]
        });
        assert!(found, "missing {:?}", r);
    }
    // The means test for 2025-26 comes from the project's own sourced content.
    let rules = reference["means_tests"].as_array().unwrap().iter().find(|m| m["period"] == "2025-26").unwrap();
    assert_eq!(rules["upper_capital_limit"]["amount"], 23250.0);
    assert_eq!(rules["lower_capital_limit"]["amount"], 14250.0);
    assert!(rules["personal_expenses_allowance"]["source"]["publisher"].as_str().unwrap().len() > 3);
}

#[test]
fn the_same_inputs_give_byte_identical_output() {
    let Some(shared) = shared() else { return };
    let (a, b) = (temp("same-a"), temp("same-b"));
    for out in [&a, &b] {
        assert!(run(&["default", "--shared", shared.to_str().unwrap(), "--out", out.to_str().unwrap()]).status.success());
    }
    let manifest_a = std::fs::read(a.join("manifest.json")).unwrap();
    assert_eq!(manifest_a, std::fs::read(b.join("manifest.json")).unwrap());
    let listed = read_json(&a.join("manifest.json"))["files"].as_array().unwrap().len();
    assert!(listed > 200);
    for f in read_json(&a.join("manifest.json"))["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        assert_eq!(std::fs::read(a.join(path)).unwrap(), std::fs::read(b.join(path)).unwrap(), "{path}");
    }
}
