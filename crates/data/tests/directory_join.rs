//! Councils without a CQC API key: the care directory CSV (addresses, no ratings) joined with the
//! "care directory with filters" CSV (ratings, no addresses) on the CQC location id: on the real
//! Norfolk sample, and on the example generator's services written in the same layouts.

mod common;

use std::path::Path;

use carefinder_data::shared_layout::{NORFOLK_FILTERS_SAMPLE, NR_POSTCODES};
use common::synthetic::{cqc_word, manager, EXAMPLE_SEED};
use common::*;

const HEADER: &str = "Name,Also known as,Address,Postcode,Phone number,Service's website (if available),Service types,\
Date of latest check,Specialisms/services,Provider name,Local authority,Region,Location URL,\
CQC Location ID (for office use only),CQC Provider ID (for office use only)";

/// A directory in CQC's published layout: preamble lines, then the 15-column header.
fn directory(rows: &[String]) -> String {
    format!(
        "CQC Locations data\nThis data was produced on 1 August 2025\n\n{HEADER}\n{}\n",
        rows.join("\n")
    )
}

fn row(name: &str, postcode: &str, services: &str, id: &str) -> String {
    format!(
        "\"{name}\",,\"1 Church Road, Norwich\",{postcode},01603 000000,www.example.org,{services},09/Jan/2024 - 00:00,\
Dementia|Caring for adults over 65 yrs,Example Service,Norfolk,East,https://www.cqc.org.uk/location/{id},{id},1-P"
    )
}

#[test]
fn the_real_filters_sample_joins_to_a_directory_on_location_id() {
    let Some(shared) = shared() else { return };
    // Made-up addresses on real NR postcodes; NR18 8AB has no grid reference in the ONS file.
    let postcodes = ["NR1 1AA", "NR1 1AB", "NR18 8AB", "NR1 1AE", "NR1 1AF"];
    check_join(
        "join",
        &NORFOLK_FILTERS_SAMPLE.path(&shared),
        &NR_POSTCODES.path(&shared),
        postcodes,
    );
}

#[test]
fn example_services_in_the_filters_layout_join_to_a_directory_on_location_id() {
    let dir = temp("example-join-inputs");
    let (units, services) = carefinder_data::synthetic::example::generate(10, EXAMPLE_SEED);
    // The first ten example services as CQC's "with filters" file, each with a made-up manager.
    let header = "\"Location Name\",\"Location ID\",\"Registered manager\",\"Location Latest Overall Rating\",\
\"Location safe rating\",\"Location effective rating\",\"Location caring rating\",\"Location responsive rating\",\
\"Location well-led rating\"";
    let mut filters = vec![header.to_string()];
    for (i, p) in services.iter().enumerate() {
        let r = &p.ratings;
        let words = [
            &r.overall,
            &r.safe,
            &r.effective,
            &r.caring,
            &r.responsive,
            &r.well_led,
        ]
        .map(|q| format!("\"{}\"", q.as_ref().map_or("", |q| cqc_word(q.rating))));
        let (given, family) = manager(i);
        // Example ids ("X-000001") are not CQC's; the builder admits only CQC's shape.
        let id = format!("1-{}", 900_000 + i);
        filters.push(format!(
            "\"{}\",\"{id}\",\"{family}, {given}, Mx\",{}",
            p.name,
            words.join(",")
        ));
    }
    let filters = write(
        &dir,
        "example_care_directory_with_filters.csv",
        filters.join("\n") + "\n",
    );
    // The example's postcodes as an ONS file, the third of them without coordinates.
    let pcs: Vec<String> = units
        .iter()
        .take(5)
        .map(|u| format!("{} {}", u.district, u.inward))
        .collect();
    let mut ons = vec!["Postcode,lat,long".to_string()];
    ons.extend(
        units
            .iter()
            .map(|u| format!("{} {},{},{}", u.district, u.inward, u.lat, u.lon))
            .filter(|l| !l.starts_with(&pcs[2])),
    );
    ons.push(format!("{},,", pcs[2]));
    let ons = write(&dir, "example_postcodes.csv", ons.join("\n") + "\n");
    check_join(
        "example-join",
        &filters,
        &ons,
        [&pcs[0], &pcs[1], &pcs[2], &pcs[3], &pcs[4]].map(String::as_str),
    );
}

/// Builds a directory of the filters file's first four services on `postcodes[..4]` (the third
/// has no coordinates in `postcode_file`) and a hospital on `postcodes[4]`, joined with the
/// ten-row `filters` file, and checks the join against `filters` read as plain CSV.
fn check_join(name: &str, filters: &Path, postcode_file: &Path, postcodes: [&str; 5]) {
    let dir = temp(name);
    // Read the filters file independently: id -> (overall, safe, well-led) ratings.
    let mut reader = csv::Reader::from_path(filters).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, overall, safe, well_led) = (
        col("Location ID"),
        col("Location Latest Overall Rating"),
        col("Location safe rating"),
        col("Location well-led rating"),
    );
    let sample: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(sample.len(), 10);

    // A directory holding the first four sample services, plus one hospital that is not social care.
    let mut rows: Vec<String> = sample[..4]
        .iter()
        .zip(postcodes)
        .map(|(r, pc)| {
            row(
                &format!("Service {}", &r[id]),
                pc,
                "Residential homes",
                &r[id],
            )
        })
        .collect();
    rows.push(row(
        "A Hospital",
        postcodes[4],
        "Acute services with overnight beds",
        "1-H",
    ));
    let directory_file = write(&dir, "01_August_2025_CQC_directory.csv", directory(&rows));
    let out = dir.join("out");
    let o = run(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--cqc-directory",
        directory_file.to_str().unwrap(),
        "--cqc-filters",
        filters.to_str().unwrap(),
        "--postcodes",
        postcode_file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let details = details(&out);
    let rating = |s: &str| match s {
        "" => serde_json::Value::Null,
        "Good" => "good".into(),
        "Inadequate" => "inadequate".into(),
        "Outstanding" => "outstanding".into(),
        "Requires improvement" => "requires_improvement".into(),
        other => panic!("unexpected rating {other}"),
    };
    let kept: Vec<_> = sample[..4]
        .iter()
        .filter(|r| details.contains_key(&r[id]))
        .collect();
    // The third postcode has no coordinates: that service is rejected for "no coordinates",
    // and the rest join.
    assert_eq!(kept.len(), 3, "{:?}", details.keys().collect::<Vec<_>>());
    for r in kept {
        let p = &details[&r[id]];
        assert_eq!(
            p["ratings"]["overall"]["rating"],
            rating(&r[overall]),
            "{}",
            &r[id]
        );
        assert_eq!(p["ratings"]["safe"]["rating"], rating(&r[safe]));
        assert_eq!(p["ratings"]["well_led"]["rating"], rating(&r[well_led]));
        assert_eq!(p["last_inspection"], "2024-01-09");
        assert_eq!(
            p["address"],
            serde_json::json!(["1 Church Road", "Norwich"])
        );
        assert_eq!(p["website"], "https://www.example.org");
    }
    let manifest = read_json(&out.join("manifest.json"));
    let src = |title: &str| {
        manifest["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["title"] == title)
            .unwrap()
            .clone()
    };
    let dir_counts = &src("CQC care directory")["records"];
    assert_eq!(
        (dir_counts["read"].as_u64(), dir_counts["kept"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(src("CQC care directory")["snapshot_date"], "2025-08-01");
    let filter_counts = &src("CQC care directory with filters (ratings)")["records"];
    assert_eq!(
        (
            filter_counts["read"].as_u64(),
            filter_counts["kept"].as_u64(),
            filter_counts["rejected"].as_u64()
        ),
        (Some(10), Some(3), Some(7))
    );
    let reasons = &filter_counts["reasons"];
    assert_eq!(
        reasons[0],
        serde_json::json!({"reason": "not in the care directory, so no address or postcode", "count": 6})
    );
    assert_eq!(reasons[1]["count"], 1);
    // The registered manager column of the filters file never reaches the output.
    let mut managers = csv::Reader::from_path(filters).unwrap();
    let m = managers
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Registered manager")
        .unwrap();
    let everything: String = details.values().map(|v| v.to_string()).collect();
    for r in managers.records().map(Result::unwrap) {
        let surname = r[m].split(',').next().unwrap_or("").trim().to_string();
        assert!(
            surname.len() < 3 || !everything.contains(&surname),
            "manager {surname} leaked"
        );
    }
}
