//! Checks shared by the real-data tests and their twins on the synthetic example data: each test
//! works out what a dataset must hold from its own source, and these compare the dataset with it.

use std::path::Path;

use carefinder_core::area_postcodes::AreaPostcodes;
use serde_json::Value;

use super::{built, details, read_json};

/// A published rating with its date, or null when there is no rating word.
pub fn rated(word: Value, date: Option<&str>) -> Value {
    match word {
        Value::Null => Value::Null,
        r => serde_json::json!({ "rating": r, "date": date }),
    }
}

/// The rating fields of a published service, in the order `Expected::ratings` holds them.
pub const RATING_FIELDS: [&str; 6] = [
    "overall",
    "safe",
    "effective",
    "caring",
    "responsive",
    "well_led",
];

/// What one service's published record must say, worked out from its source.
pub struct Expected {
    pub id: String,
    pub name: Value,
    /// Compared without spaces, as sources write postcodes either way.
    pub postcode: String,
    pub lat: Value,
    pub lon: Value,
    /// `rated(..)` for each of `RATING_FIELDS`.
    pub ratings: [Value; 6],
    pub last_inspection: Value,
}

/// The dataset in `out` holds exactly the `expected` services with their facts, in its
/// details files and in its search index.
pub fn assert_services(out: &Path, expected: &[Expected]) {
    let output = details(out);
    let mut wanted_ids: Vec<&str> = expected.iter().map(|e| e.id.as_str()).collect();
    wanted_ids.sort();
    let output_ids: Vec<&str> = output.keys().map(String::as_str).collect();
    assert_eq!(output_ids, wanted_ids);

    for want in expected {
        let id = &want.id;
        let got = &output[id];
        assert_eq!(got["name"], want.name, "{id}");
        assert_eq!(
            got["postcode"].as_str().unwrap().replace(' ', ""),
            want.postcode.to_uppercase().replace(' ', ""),
            "{id}"
        );
        assert_eq!(got["lat"], want.lat, "{id}");
        assert_eq!(got["lon"], want.lon, "{id}");
        for (field, rating) in RATING_FIELDS.iter().zip(&want.ratings) {
            assert_eq!(&got["ratings"][field], rating, "{id} {field}");
        }
        assert_eq!(got["last_inspection"], want.last_inspection, "{id}");
    }

    // The search index holds the same services, with the same overall ratings.
    let index = read_json(&built(out).join("services.json"));
    assert_eq!(index.as_array().unwrap().len(), expected.len());
    for row in index.as_array().unwrap() {
        let got = &output[row[0].as_str().unwrap()];
        assert_eq!(row[1], got["name"]);
        assert_eq!(row[8], got["ratings"]["overall"]["rating"]);
    }
}

/// None of `names` (people's names from the sources) appears anywhere in the services' files.
pub fn assert_no_name_published(out: &Path, names: &[String]) {
    assert!(
        names.len() > 50,
        "the source names people, so this check means something"
    );
    let mut text = String::new();
    for entry in std::fs::read_dir(built(out).join("services")).unwrap() {
        text += &std::fs::read_to_string(entry.unwrap().path()).unwrap();
    }
    text += &std::fs::read_to_string(built(out).join("services.json")).unwrap();
    for name in names {
        assert!(
            !text.contains(name.as_str()),
            "a manager's name ({name}) is in the output"
        );
    }
}

/// The manifest's entry for the input `file`.
pub fn source(manifest: &Value, file: &str) -> Value {
    let sources = manifest["sources"].as_array().unwrap();
    sources
        .iter()
        .find(|s| s["file"] == file)
        .cloned()
        .unwrap_or_else(|| panic!("no source {file} in {sources:?}"))
}

/// (read, kept) of a manifest source.
pub fn read_kept(source: &Value) -> (Option<u64>, Option<u64>) {
    (
        source["records"]["read"].as_u64(),
        source["records"]["kept"].as_u64(),
    )
}

/// A postcode area's file, read with the app's own reader, after checking it names its area.
pub fn area_file(out: &Path, area: &str) -> AreaPostcodes {
    let text = std::fs::read_to_string(built(out).join(format!("postcodes/{area}.json"))).unwrap();
    let file: AreaPostcodes = serde_json::from_str(&text).unwrap();
    assert_eq!(file.area(), area);
    file
}

/// One reference figure as its source states it: area, measure, period, value, citation.
pub type Figure = (String, String, String, f64, String);

/// Every figure is published with its value, period, area and source.
pub fn assert_figures(reference: &Value, wanted: &[Figure]) {
    let figures = reference["figures"].as_array().unwrap();
    assert!(!wanted.is_empty());
    for (area, measure, period, value, citation) in wanted {
        let found = figures.iter().any(|f| {
            f["measure"] == measure.as_str()
                && f["period"] == period.as_str()
                && f["area"] == area.as_str()
                && f["value"].as_f64() == Some(*value)
                && f["source"]["citation"] == citation.as_str()
        });
        assert!(
            found,
            "missing {:?}",
            (area, measure, period, value, citation)
        );
    }
}

/// The means test for 2025-26 comes from the project's own sourced content.
pub fn assert_means_test_2025_26(reference: &Value) {
    let rules = reference["means_tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["period"] == "2025-26")
        .unwrap();
    assert_eq!(rules["upper_capital_limit"]["amount"], 23250.0);
    assert_eq!(rules["lower_capital_limit"]["amount"], 14250.0);
    assert!(
        rules["personal_expenses_allowance"]["source"]["publisher"]
            .as_str()
            .unwrap()
            .len()
            > 3
    );
}

/// Two datasets built from the same inputs are the same to the byte (the manifest, and every
/// file of the build it names), and list more than `more_than` files.
pub fn assert_identical(a: &Path, b: &Path, more_than: usize) {
    let manifest_a = std::fs::read(a.join("manifest.json")).unwrap();
    assert_eq!(manifest_a, std::fs::read(b.join("manifest.json")).unwrap());
    let listed = read_json(&a.join("manifest.json"))["files"]
        .as_array()
        .unwrap()
        .clone();
    assert!(listed.len() > more_than, "{} files", listed.len());
    for f in listed {
        let path = f["path"].as_str().unwrap();
        assert_eq!(
            std::fs::read(built(a).join(path)).unwrap(),
            std::fs::read(built(b).join(path)).unwrap(),
            "{path}"
        );
    }
}
