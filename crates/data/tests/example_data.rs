//! Twins of the real-data tests (real_data.rs) on the synthetic example data, so a machine
//! without ../shared/data still runs every check. The dataset comes from the builder's own
//! `example` command; what it must hold is worked out from the generator's inputs (its seed and
//! count, its records, the authored content files), never from the dataset itself.

mod common;

use std::collections::BTreeSet;

use carefinder_core::postcode::Postcode;

use carefinder_data::shared_layout;
use common::checks;
use common::synthetic::{expected_services, manager, EXAMPLE_COUNT, EXAMPLE_SEED};
use common::*;
use serde_json::{json, Value};

#[test]
fn the_example_yields_exactly_its_generated_services_with_their_facts() {
    let (out, _) = example_dataset("example-services", &[]);
    let expected = expected_services(EXAMPLE_COUNT, EXAMPLE_SEED);
    assert_eq!(
        expected.len(),
        120,
        "the example has 120 services unless told otherwise"
    );
    for e in &expected {
        assert!(
            e.name.as_str().unwrap().starts_with("Example: "),
            "{}",
            e.name
        );
        assert!(e.postcode.starts_with("ZZ"), "{}", e.postcode);
    }
    checks::assert_services(&out, &expected);
    let manifest = read_json(&out.join("manifest.json"));
    // The example postcode is the one of the service nearest the middle of them all.
    let coordinate =
        |e: &common::checks::Expected| (e.lat.as_f64().unwrap(), e.lon.as_f64().unwrap());
    let n = expected.len() as f64;
    let (mid_lat, mid_lon) = expected
        .iter()
        .map(coordinate)
        .fold((0.0, 0.0), |(a, b), (lat, lon)| (a + lat / n, b + lon / n));
    let away = |e: &&common::checks::Expected| {
        let (lat, lon) = coordinate(e);
        (lat - mid_lat).powi(2) + ((lon - mid_lon) * mid_lat.to_radians().cos()).powi(2)
    };
    let middle = expected
        .iter()
        .min_by(|a, b| away(a).total_cmp(&away(b)))
        .unwrap();
    assert_eq!(
        manifest["area"],
        json!({
            "name": "Example County (made-up data)",
            "example": true,
            "council": "X00000001",
            "example_postcode": middle.postcode
        })
    );
}

#[test]
fn managers_names_in_cqc_records_never_reach_the_dataset() {
    // The example services as CQC API records, each naming a made-up registered manager.
    let dir = temp("example-privacy");
    let (_, services) = carefinder_data::synthetic::example::generate(EXAMPLE_COUNT, EXAMPLE_SEED);
    let mut names = Vec::new();
    let records: Vec<Value> = services
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (given, family) = manager(i);
            names.push(format!("{given} {family}"));
            // Example ids ("X-000001") are not CQC's; the builder admits only CQC's shape.
            json!({
                "locationId": format!("1-{}", 900_000 + i), "name": p.name, "providerId": p.provider_id, "type": "Social Care Org",
                "registrationStatus": "Registered", "postalCode": p.postcode, "onspdLatitude": p.lat,
                "onspdLongitude": p.lon, "localAuthority": p.local_authority,
                "gacServiceTypes": [{ "name": "Residential homes" }],
                "regulatedActivities": [{
                    "name": "Accommodation for persons who require nursing or personal care",
                    "contacts": [{ "personTitle": "Mx", "personGivenName": given, "personFamilyName": family,
                                   "personRoles": ["Registered Manager"] }],
                }],
            })
        })
        .collect();
    let api = write(
        &dir,
        "locations.json",
        serde_json::to_string(&records).unwrap(),
    );
    let out = dir.join("out");
    let o = run(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--cqc-api",
        api.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest = read_json(&out.join("manifest.json"));
    let kept = EXAMPLE_COUNT as u64;
    assert_eq!(
        checks::read_kept(&checks::source(&manifest, "locations.json")),
        (Some(kept), Some(kept))
    );
    checks::assert_no_name_published(&out, &names);
}

#[test]
fn the_example_accounting_matches_its_inputs_own_counts() {
    let (out, run) = example_dataset("example-accounting", &[]);
    let manifest = read_json(&out.join("manifest.json"));
    let generator = checks::source(
        &manifest,
        &format!("generated (seed {EXAMPLE_SEED}, {EXAMPLE_COUNT} services)"),
    );
    assert_eq!(checks::read_kept(&generator), (Some(120), Some(120)));
    assert_eq!(generator["records"]["rejected"], 0);
    assert_eq!(generator["snapshot_date"], "2025-04-01");
    assert!(
        generator["licence"]
            .as_str()
            .unwrap()
            .starts_with("Made up"),
        "{generator}"
    );
    // The authored inputs, counted from the files themselves.
    let pathway_files = std::fs::read_dir(shared_layout::pathways())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count() as u64;
    let pathways = checks::source(&manifest, "pathways");
    assert_eq!(
        checks::read_kept(&pathways),
        (Some(pathway_files), Some(pathway_files))
    );
    let rules = authored_reference();
    let entries = (rules["means_test"].as_array().unwrap().len()
        + rules["figure"].as_array().unwrap().len()) as u64;
    let means_test = checks::source(&manifest, "means-test.toml");
    assert_eq!(
        checks::read_kept(&means_test),
        (Some(entries), Some(entries))
    );
    assert_eq!(
        means_test["snapshot_date"],
        rules["reviewed"].as_str().unwrap()
    );
    // The printed line says how many services and files.
    let files = manifest["files"].as_array().unwrap().len() + 1;
    assert!(
        stdout(&run).contains(&format!("120 services, {files} files.")),
        "{}",
        stdout(&run)
    );
    // One postcode file for the area ZZ, holding each generated postcode at its point (to the
    // hundred-thousandth of a degree the file keeps).
    let (postcodes, _) = carefinder_data::synthetic::example::generate(EXAMPLE_COUNT, EXAMPLE_SEED);
    let districts: BTreeSet<&str> = postcodes.iter().map(|pc| pc.district.as_str()).collect();
    assert_eq!(districts.len(), 9, "districts ZZ1 to ZZ9");
    let file = checks::area_file(&out, "ZZ");
    assert_eq!(file.len(), postcodes.len());
    for pc in &postcodes {
        let found = file
            .find(&Postcode::parse(&format!("{} {}", pc.district, pc.inward)).unwrap())
            .expect("every generated postcode");
        assert!(
            (found.lat - pc.lat).abs() <= 0.000005 + 1e-12
                && (found.lon - pc.lon).abs() <= 0.000005 + 1e-12,
            "{pc:?} at {found:?}"
        );
    }
}

/// content/reference/means-test.toml, read as plain TOML (not through the builder).
fn authored_reference() -> Value {
    let text = std::fs::read_to_string(shared_layout::means_test_rules()).unwrap();
    serde_json::to_value(toml::from_str::<toml::Value>(&text).unwrap()).unwrap()
}

#[test]
fn example_reference_figures_carry_their_values_periods_and_sources() {
    let (out, _) = example_dataset("example-reference", &[]);
    let reference = read_json(&built(&out).join("reference.json"));
    // Every figure of the authored TOML is published with its value and source.
    let rows: Vec<checks::Figure> = authored_reference()["figure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap().to_string();
            (
                text("area"),
                text("measure"),
                text("period"),
                f["value"].as_f64().unwrap(),
                f["source"]["citation"].as_str().unwrap().into(),
            )
        })
        .collect();
    checks::assert_figures(&reference, &rows);
    checks::assert_means_test_2025_26(&reference);
}

#[test]
fn the_same_seed_gives_a_byte_identical_example() {
    let (a, _) = example_dataset("example-same-a", &["--count", "50", "--seed", "7"]);
    let (b, _) = example_dataset("example-same-b", &["--count", "50", "--seed", "7"]);
    // Nine districts of details and of postcodes, the index, the centroids, reference, pathways.
    checks::assert_identical(&a, &b, 5);
    let manifest = read_json(&a.join("manifest.json"));
    checks::source(&manifest, "generated (seed 7, 50 services)");
    checks::assert_services(&a, &expected_services(50, 7));
}
