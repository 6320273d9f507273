//! Whose area each postcode and service is in. On the real data every expectation comes from
//! the derived best-fit tables in ../shared/data/geography, read here with a few lines of
//! test code (not the builder's geography reader); the example data has its one made-up council.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use carefinder_core::postcode::Postcode;
use carefinder_data::shared_layout::{
    postcode_files, DISTRICT_BEST_FIT, GOVUK_COUNCILS, SECTOR_BEST_FIT,
};
use common::checks::area_file;
use common::*;

/// A best-fit table by its first column: (upper-tier code, share, number of LADs, other LADs).
fn best_fit(path: &Path) -> BTreeMap<String, (String, String, String, String)> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let (upper, share, n_lads, other) = (
        col("upper_tier_code"),
        col("share"),
        col("n_lads"),
        col("other_lads"),
    );
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[0].to_string(),
                (
                    r[upper].into(),
                    r[share].into(),
                    r[n_lads].into(),
                    r[other].into(),
                ),
            )
        })
        .collect()
}

const OLDHAM: &str = "E08000004";

#[test]
fn every_postcode_in_a_sector_wholly_in_one_council_is_published_with_that_council() {
    let Some((shared, out, run)) = real_dataset("councils-postcodes") else {
        return;
    };
    assert!(stdout(&run).contains("Councils:"), "{}", stdout(&run));
    let sectors = best_fit(&SECTOR_BEST_FIT.path(&shared));
    let mut checked = 0;
    for path in postcode_files(&shared).unwrap() {
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let mut file = None;
        for row in reader.records() {
            let row = row.unwrap();
            if row[1].trim().is_empty() {
                continue;
            }
            let postcode = Postcode::parse(&row[0]).unwrap();
            let file = file.get_or_insert_with(|| area_file(&out, postcode.area()));
            let sector = format!("{} {}", postcode.outward(), &postcode.inward()[..1]);
            let Some((upper, share, n_lads, _)) = sectors.get(&sector) else {
                continue;
            };
            if share == "1.000" && n_lads == "1" {
                assert_eq!(
                    file.council_of(&postcode),
                    Some(upper.as_str()),
                    "{postcode}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 150_000, "only {checked} postcodes checked");
    for (postcode, council) in [
        ("NR2 1TF", "E10000020"),
        ("OL1 1UT", OLDHAM),
        ("M1 1AE", "E08000003"),
    ] {
        let p = Postcode::parse(postcode).unwrap();
        assert_eq!(
            area_file(&out, p.area()).council_of(&p),
            Some(council),
            "{postcode}"
        );
    }
}

#[test]
fn every_oldham_service_is_oldhams_and_the_dataset_says_so() {
    let Some((shared, out, _)) = real_dataset("councils-services") else {
        return;
    };
    let sectors = best_fit(&SECTOR_BEST_FIT.path(&shared));
    let services = details(&out);
    assert_eq!(services.len(), 106);
    for s in services.values() {
        assert_eq!(s["local_authority"], "Oldham");
        assert_eq!(s["council"], OLDHAM, "{}", s["id"]);
        // Independently: its sector is Oldham's, or partly Oldham's.
        let p = Postcode::parse(s["postcode"].as_str().unwrap()).unwrap();
        let (upper, _, _, other) = &sectors[&format!("{} {}", p.outward(), &p.inward()[..1])];
        assert!(upper == OLDHAM || other.contains(OLDHAM), "{p}");
    }
    let manifest = read_json(&out.join("manifest.json"));
    assert_eq!(manifest["area"]["council"], OLDHAM);
    let example = Postcode::parse(manifest["area"]["example_postcode"].as_str().unwrap()).unwrap();
    assert_eq!(
        area_file(&out, example.area()).council_of(&example),
        Some(OLDHAM)
    );

    // The council list: every English upper-tier council, Oldham named as GOV.UK names it.
    let councils = read_json(&built(&out).join("councils.json"));
    let list = councils["councils"].as_array().unwrap();
    assert_eq!(list.len(), 153);
    let mut govuk = csv::Reader::from_path(GOVUK_COUNCILS.path(&shared)).unwrap();
    let headers = govuk.headers().unwrap().clone();
    let col = |n: &str| headers.iter().position(|h| h == n).unwrap();
    let oldham = govuk
        .records()
        .map(Result::unwrap)
        .find(|r| &r[col("gss")] == OLDHAM)
        .unwrap();
    let published = list.iter().find(|c| c["code"] == OLDHAM).unwrap();
    assert_eq!(published["name"], &oldham[col("name")]);
    assert_eq!(published["homepage"], &oldham[col("homepage_url")]);
    assert!(published["centre"]["lat"].as_f64().is_some());
    // North Yorkshire under its current code, not GOV.UK's old one.
    assert!(list.iter().any(|c| c["code"] == "E06000065"));
    assert!(!list.iter().any(|c| c["code"] == "E10000023"));

    // District shares: whole districts have one council, split ones several.
    let districts = best_fit(&DISTRICT_BEST_FIT.path(&shared));
    let shares = councils["districts"].as_array().unwrap();
    let of = |d: &str| {
        shares.iter().find(|x| x["district"] == d).unwrap()["councils"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert_eq!(districts["OL1"].2, "1");
    assert_eq!(of("OL1").len(), 1);
    assert_eq!(of("OL1")[0][0], OLDHAM);
    // M35: Oldham and Tameside, as the derived table says.
    assert!(districts["M35"].3.contains("E08000008"));
    let m35: Vec<String> = of("M35")
        .iter()
        .map(|c| c[0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(m35[..2], [OLDHAM, "E08000008"], "{m35:?}");
}

#[test]
fn the_example_data_has_its_one_made_up_council() {
    let (out, _) = example_dataset("councils-example", &[]);
    let councils = read_json(&built(&out).join("councils.json"));
    assert_eq!(councils["councils"][0]["code"], "X00000001");
    assert!(councils["councils"][0]["name"]
        .as_str()
        .unwrap()
        .contains("example"));
    let manifest = read_json(&out.join("manifest.json"));
    assert_eq!(manifest["area"]["council"], "X00000001");
    let example = Postcode::parse(manifest["area"]["example_postcode"].as_str().unwrap()).unwrap();
    assert_eq!(example.area(), "ZZ");
    assert_eq!(
        area_file(&out, "ZZ").council_of(&example),
        Some("X00000001")
    );
    for s in details(&out).values() {
        assert_eq!(s["council"], "X00000001");
    }
}

/// The `build` command takes the four whose-area files together: with them a service's council
/// is the one its postcode's sector is wholly in (the derived table, read here); with only some
/// of them the build stops, saying which go together.
#[test]
fn the_build_command_places_services_with_the_four_geography_files_and_refuses_some_of_them() {
    let Some(shared) = shared() else { return };
    use carefinder_data::shared_layout::{
        GSS_TO_REGISTRY, LOCAL_AUTHORITIES, POSTCODE_DISTRICT_RANGES,
    };
    let dir = temp("geography-flags");
    let record = r#"[{"locationId":"1-100","name":"Rose House","providerId":"1-9","type":"Social Care Org",
      "registrationStatus":"Registered","postalCode":"OL1 1UT","onspdLatitude":53.54,"onspdLongitude":-2.11,
      "localAuthority":"Oldham","gacServiceTypes":[{"name":"Residential homes"}]}]"#;
    let api = write(&dir, "locations.json", record);
    let postcodes = shared.join("postcodes/nspl_may2025_latlong_OL.csv");
    let files = [
        (
            "--postcode-districts",
            POSTCODE_DISTRICT_RANGES.path(&shared),
        ),
        ("--authority-names", LOCAL_AUTHORITIES.path(&shared)),
        ("--gss-lookup", GSS_TO_REGISTRY.path(&shared)),
        ("--govuk-councils", GOVUK_COUNCILS.path(&shared)),
    ];
    let args = |n: usize, out: &Path| {
        let mut a: Vec<String> = [
            "build",
            "--out",
            out.to_str().unwrap(),
            "--cqc-api",
            api.to_str().unwrap(),
            "--postcodes",
            postcodes.to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec();
        for (flag, path) in &files[..n] {
            a.extend([flag.to_string(), path.to_str().unwrap().to_string()]);
        }
        a
    };
    let out = dir.join("all");
    let o = run(&args(4, &out).iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    let sector = best_fit(&SECTOR_BEST_FIT.path(&shared))["OL1 1"].clone();
    assert_eq!(sector.1, "1.000", "OL1 1 is wholly in one council");
    let service = &details(&out)["1-100"];
    assert_eq!(service["council"].as_str(), Some(sector.0.as_str()));
    let o = run(&args(3, &dir.join("some"))
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("go together: give all four, or none"),
        "{}",
        stderr(&o)
    );
}
