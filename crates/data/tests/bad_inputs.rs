//! Bad input never panics and is never dropped silently: whole-file problems stop the build with
//! a message naming the file, the record and the reason; bad records are counted rejections.

mod common;

use common::*;

const RECORD: &str = r#"{"locationId":"1-100","name":"Rose House","providerId":"1-9","type":"Social Care Org",
 "registrationStatus":"Registered","postalCode":"OL1 1AA","onspdLatitude":53.54,"onspdLongitude":-2.11,
 "localAuthority":"Oldham","gacServiceTypes":[{"name":"Residential homes"}]}"#;

fn with(id: &str, postcode: &str, lat: f64, lon: f64) -> String {
    RECORD
        .replace("1-100", id)
        .replace("OL1 1AA", postcode)
        .replace("53.54", &lat.to_string())
        .replace("-2.11", &lon.to_string())
}

/// The compiled fee files' header, as published.
const FEE_HEADER: &str = "area,area_code,measure,care_setting,period,value,value_high,unit,source_publisher,source_url,source_published,notes";

/// A CQC API file with one service, for builds that test another input.
fn one_service(dir: &std::path::Path) -> std::path::PathBuf {
    write(
        dir,
        "locations.json",
        format!("[{}]", with("1-1", "OL1 1AA", 53.54, -2.11)),
    )
}

/// A manifest source's rejection reasons and counts.
fn reasons_of(records: &serde_json::Value) -> Vec<(String, u64)> {
    let list = records["reasons"].as_array().unwrap();
    list.iter()
        .map(|r| {
            (
                r["reason"].as_str().unwrap().to_string(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn build(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let out = dir.join("out");
    let mut all = vec!["build", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    run(&all)
}

fn assert_fails_with(o: &std::process::Output, expected: &str) {
    assert!(!o.status.success(), "the build should have failed");
    assert_eq!(
        o.status.code(),
        Some(1),
        "a clear error, not a panic: {}",
        stderr(o)
    );
    let e = stderr(o);
    assert!(e.contains(expected), "expected {expected:?} in:\n{e}");
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn truncated_json_names_the_file_and_where_it_stops() {
    let dir = temp("truncated");
    let text = format!(
        "[{},{}]",
        with("1-1", "OL1 1AA", 53.5, -2.1),
        with("1-2", "OL1 1AB", 53.5, -2.1)
    );
    let cut = &text[..text.len() - 40];
    let f = write(&dir, "locations.json", cut);
    let o = build(&dir, &["--cqc-api", f.to_str().unwrap()]);
    // The file ends part-way through: the message points at its very end.
    let (line, column) = (cut.lines().count(), cut.lines().last().unwrap().len());
    assert_fails_with(
        &o,
        &format!("carefinder-data: locations.json: line {line} column {column}:"),
    );
    assert_fails_with(&o, "is not valid JSON (EOF while parsing");
}

#[test]
fn a_record_of_the_wrong_shape_names_its_position_and_id() {
    let dir = temp("shape");
    let bad = with("1-2", "OL1 1AB", 53.5, -2.1).replace(
        r#""name":"Rose House""#,
        r#""name":"Rose House","numberOfBeds":"twelve""#,
    );
    let f = write(
        &dir,
        "locations.json",
        format!("[{},{bad}]", with("1-1", "OL1 1AA", 53.5, -2.1)),
    );
    let o = build(&dir, &["--cqc-api", f.to_str().unwrap()]);
    assert_fails_with(&o, "locations.json: record 2: location 1-2: is not a CQC location record: invalid type: string \"twelve\"");
}

#[test]
fn a_csv_missing_a_column_names_the_column() {
    let dir = temp("column");
    let api = write(
        &dir,
        "locations.json",
        format!("[{}]", with("1-1", "OL1 1AA", 53.5, -2.1)),
    );
    let pc = write(&dir, "OL.csv", "Postcode,lat\nOL1 1AA,53.5\n");
    let o = build(
        &dir,
        &[
            "--cqc-api",
            api.to_str().unwrap(),
            "--postcodes",
            pc.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, "OL.csv: the column \"long\" is missing from the header");
}

#[test]
fn an_empty_file_and_a_wrong_encoding_are_clear_errors() {
    let dir = temp("empty");
    let empty = write(&dir, "locations.json", "");
    assert_fails_with(
        &build(&dir, &["--cqc-api", empty.to_str().unwrap()]),
        "locations.json: the file is empty",
    );
    let api = write(
        &dir,
        "ok.json",
        format!("[{}]", with("1-1", "OL1 1AA", 53.5, -2.1)),
    );
    // "Bront\xEB" in Latin-1: a file saved by a spreadsheet in the wrong encoding.
    let latin1 = write(
        &dir,
        "directory.csv",
        b"Postcode,lat,long\nOL1 1AA,53.5,-2.1\nOL1 1AB,53.5,-2.1 Bront\xEB\n".as_slice(),
    );
    let o = build(
        &dir,
        &[
            "--cqc-api",
            api.to_str().unwrap(),
            "--postcodes",
            latin1.to_str().unwrap(),
        ],
    );
    assert_fails_with(&o, "directory.csv: line 3: is not UTF-8 text");
}

#[test]
fn bad_postcodes_wild_coordinates_and_duplicate_ids_are_counted_rejections() {
    let dir = temp("records");
    let records = [
        with("1-1", "OL1 1AA", 53.54, -2.11),
        with("1-2", "NOT A POSTCODE", 53.54, -2.11),
        with("1-3", "OL1 1AB", 5.0, 120.0),
        with("1-1", "OL1 1AA", 53.54, -2.11),
        with("1-5", "OL1 1AD", 53.55, -2.12).replace("Registered", "Deregistered"),
        with("1-6", "OL1 1AE", 53.55, -2.12).replace("Social Care Org", "Primary Dental Care"),
    ];
    let f = write(&dir, "locations.json", format!("[{}]", records.join(",")));
    let o = build(&dir, &["--cqc-api", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest = read_json(&dir.join("out/manifest.json"));
    let records = &manifest["sources"][0]["records"];
    assert_eq!(
        (
            records["read"].as_u64(),
            records["kept"].as_u64(),
            records["rejected"].as_u64()
        ),
        (Some(6), Some(1), Some(5))
    );
    let reasons = reasons_of(records);
    for want in [
        "bad postcode",
        "coordinates out of range",
        "duplicate id",
        "not registered (deregistered or archived)",
        "not adult social care",
    ] {
        assert!(
            reasons.contains(&(want.to_string(), 1)),
            "{want} missing from {reasons:?}"
        );
    }
    // Each rejection is listed with its record in the build report.
    let report = std::fs::read_to_string(built(&dir.join("out")).join("build-report.tsv")).unwrap();
    assert!(
        report.contains("locations.json\t1-2 (\"NOT A POSTCODE\")\tbad postcode"),
        "{report}"
    );
    assert!(
        report.contains("locations.json\t1-3 (OL1 1AB)\tcoordinates out of range"),
        "{report}"
    );
}

#[test]
fn a_wrong_source_position_falls_back_to_the_postcodes_own_coordinates() {
    let dir = temp("fallback");
    let f = write(
        &dir,
        "locations.json",
        format!("[{}]", with("1-1", "OL1 1AB", 5.0, 120.0)),
    );
    let pc = write(
        &dir,
        "OL.csv",
        "Postcode,lat,long\nOL1 1AB,53.54321,-2.11111\n",
    );
    let o = build(
        &dir,
        &[
            "--cqc-api",
            f.to_str().unwrap(),
            "--postcodes",
            pc.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let p = &details(&dir.join("out"))["1-1"];
    assert_eq!(
        (p["lat"].as_f64(), p["lon"].as_f64()),
        (Some(53.54321), Some(-2.11111))
    );
}

#[test]
fn unknown_options_and_missing_inputs_are_explained() {
    let dir = temp("usage");
    // A mistyped option is a usage error: clap names it and the near one, and exits 2.
    let mistyped = build(&dir, &["--cqc-apii", "x.json"]);
    assert_eq!(mistyped.status.code(), Some(2), "{}", stderr(&mistyped));
    assert!(
        stderr(&mistyped).contains("unexpected argument '--cqc-apii'"),
        "{}",
        stderr(&mistyped)
    );
    assert!(
        stderr(&mistyped).contains("a similar argument exists: '--cqc-api'"),
        "{}",
        stderr(&mistyped)
    );
    assert_fails_with(
        &build(&dir, &[]),
        "no providers to build from: give --cqc-api or --cqc-directory",
    );
    assert_fails_with(
        &build(&dir, &["--cqc-api", "/no/such/file.json"]),
        "file.json: cannot be read",
    );
}

#[test]
fn a_folder_with_one_file_per_location_reads_like_an_array() {
    let dir = temp("folder");
    let folder = dir.join("locations");
    std::fs::create_dir_all(&folder).unwrap();
    write(
        &folder,
        "location_1-1.json",
        with("1-1", "OL1 1AA", 53.54, -2.11),
    );
    write(
        &folder,
        "location_1-2.json",
        with("1-2", "OL1 1AB", 53.55, -2.12),
    );
    write(&folder, "README.txt", "not a location");
    let o = build(&dir, &["--cqc-api", folder.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = details(&dir.join("out"));
    assert_eq!(all.keys().collect::<Vec<_>>(), ["1-1", "1-2"]);
    assert_eq!(all["1-2"]["postcode"], "OL1 1AB");
}

#[test]
fn area_filters_keep_only_the_chosen_authorities_and_postcode_areas() {
    let dir = temp("filters");
    let other = with("1-3", "M1 1AE", 53.48, -2.24).replace(
        r#""localAuthority":"Oldham""#,
        r#""localAuthority":"Manchester""#,
    );
    let f = write(
        &dir,
        "locations.json",
        format!(
            "[{},{},{other}]",
            with("1-1", "OL1 1AA", 53.54, -2.11),
            with("1-2", "OL9 6LD", 53.54, -2.13)
        ),
    );
    let by_authority = build(
        &dir,
        &[
            "--cqc-api",
            f.to_str().unwrap(),
            "--local-authority",
            "oldham",
        ],
    );
    assert!(by_authority.status.success(), "{}", stderr(&by_authority));
    assert_eq!(
        details(&dir.join("out")).keys().collect::<Vec<_>>(),
        ["1-1", "1-2"]
    );
    let manifest = read_json(&dir.join("out/manifest.json"));
    assert_eq!(manifest["area"]["name"], "oldham");
    assert_eq!(
        manifest["sources"][0]["records"]["reasons"][0]["reason"],
        "outside the chosen area"
    );

    let by_area = build(
        &dir,
        &["--cqc-api", f.to_str().unwrap(), "--postcode-area", "m"],
    );
    assert!(by_area.status.success());
    assert_eq!(
        details(&dir.join("out")).keys().collect::<Vec<_>>(),
        ["1-3"]
    );
}

#[test]
fn the_manifest_lists_every_file_with_its_true_size_and_hash() {
    use sha2::{Digest, Sha256};
    let dir = temp("manifest");
    let f = write(
        &dir,
        "locations.json",
        format!("[{}]", with("1-1", "OL1 1AA", 53.54, -2.11)),
    );
    let pc = write(
        &dir,
        "OL.csv",
        "Postcode,lat,long\nOL1 1AA,53.54,-2.11\nOL1 1AB,53.55,-2.12\n",
    );
    assert!(build(
        &dir,
        &[
            "--cqc-api",
            f.to_str().unwrap(),
            "--postcodes",
            pc.to_str().unwrap()
        ]
    )
    .status
    .success());
    let manifest = read_json(&dir.join("out/manifest.json"));
    let files = manifest["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    for want in [
        "services.json",
        "services/OL.json",
        "postcodes/OL.json",
        "postcodes/districts.json",
        "reference.json",
        "build-report.tsv",
    ] {
        assert!(paths.contains(&want), "{want} not in {paths:?}");
    }
    for f in files {
        let bytes =
            std::fs::read(built(&dir.join("out")).join(f["path"].as_str().unwrap())).unwrap();
        assert_eq!(f["bytes"].as_u64(), Some(bytes.len() as u64));
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(f["sha256"].as_str(), Some(hash.as_str()));
    }
    assert_eq!(
        manifest["schema_version"], 5,
        "schema 5: each summary row carries the names a service is also found by"
    );
    // The build's name is the first 16 hex digits of the SHA-256 of each listed path and hash.
    let mut all = Sha256::new();
    for f in files {
        all.update(format!(
            "{}\0{}\n",
            f["path"].as_str().unwrap(),
            f["sha256"].as_str().unwrap()
        ));
    }
    let name: String = all.finalize().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(manifest["build"].as_str(), Some(&name[..16]));
}

#[test]
fn a_folder_that_is_not_a_dataset_is_never_wiped() {
    let dir = temp("not-a-dataset");
    let f = write(
        &dir,
        "locations.json",
        format!("[{}]", with("1-1", "OL1 1AA", 53.54, -2.11)),
    );
    // `--out` pointing at a folder of someone's work: refused, and the work is untouched.
    std::fs::create_dir_all(dir.join("out")).unwrap();
    let precious = write(&dir.join("out"), "notes.txt", "my work");
    assert_fails_with(
        &build(&dir, &["--cqc-api", f.to_str().unwrap()]),
        "holds files but no manifest.json",
    );
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "my work");
    // An earlier dataset (it has a manifest) is written into, leaving no half-written folders.
    std::fs::remove_file(&precious).unwrap();
    assert!(build(&dir, &["--cqc-api", f.to_str().unwrap()])
        .status
        .success());
    let names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names.len(),
        2,
        "the manifest and one build folder: {names:?}"
    );
}

#[test]
fn fee_figures_that_are_not_finite_or_repeat_once_trimmed_are_rejected_by_name() {
    let dir = temp("fees");
    let api = one_service(&dir);
    let head = FEE_HEADER;
    let row = |value: &str, area: &str| {
        format!("{area},E1,usual_price_care_home,care home,2025-26,{value},,GBP per week,Council,https://example.org,2025-04-01,")
    };
    let csv = [
        head.to_string(),
        row("800", "Oldham"),
        row("NaN", "Oldham"),
        row("inf", "Bury"),
        row("810", " Oldham "),
    ]
    .join("\n");
    let fees = write(&dir, "fees.csv", csv);
    let o = build(
        &dir,
        &[
            "--cqc-api",
            api.to_str().unwrap(),
            "--fees",
            fees.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest = read_json(&dir.join("out/manifest.json"));
    let fee_source = manifest["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"] == "fees.csv")
        .expect("fees source listed");
    let records = &fee_source["records"];
    assert_eq!(
        (records["read"].as_u64(), records["kept"].as_u64()),
        (Some(4), Some(1)),
        "{records}"
    );
    let reasons = reasons_of(records);
    assert!(
        reasons.contains(&("value is not a number".into(), 2)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&(
            "duplicate figure (same area, measure, setting and period)".into(),
            1
        )),
        "{reasons:?}"
    );
}

#[test]
fn a_fee_row_with_a_bad_number_unit_or_period_is_a_counted_rejection_with_its_reason() {
    let dir = temp("fee-rules");
    let api = one_service(&dir);
    let head = FEE_HEADER;
    let row = |period: &str, value: &str, unit: &str| {
        format!("Rochdale,E08000005,council_fee_rate,care home - residential,{period},\"{value}\",,{unit},Rochdale Borough Council,https://example.org,,")
    };
    let csv = [
        head.to_string(),
        row("2025-26", "2,128", "GBP per week"),
        row("2024-25", "2,12", "GBP per week"),
        row("2023-24", "abc", "GBP per week"),
        row("2022-23", "700", "GBP per fortnight"),
        row("2025", "700", "GBP per week"),
        row("current at page capture", "700", "GBP"),
        row(
            "2022-23 (April 2022 base)",
            "653.44",
            "GBP per resident per week",
        ),
        row("", "450", "GBP per week"),
    ]
    .join("\n");
    let fees = write(&dir, "council_fees.csv", csv);
    let o = build(
        &dir,
        &[
            "--cqc-api",
            api.to_str().unwrap(),
            "--fees",
            fees.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let manifest = read_json(&dir.join("out/manifest.json"));
    let records = &checks::source(&manifest, "council_fees.csv")["records"];
    assert_eq!(
        (
            records["read"].as_u64(),
            records["kept"].as_u64(),
            records["rejected"].as_u64()
        ),
        (Some(8), Some(3), Some(5)),
        "{records}"
    );
    let reasons = reasons_of(records);
    assert_eq!(
        reasons,
        [
            ("period is not a financial year".to_string(), 2),
            ("value is not a number".to_string(), 2),
            ("unknown unit".to_string(), 1),
        ]
    );
    // Each rejection is in the build report with its line.
    let report = std::fs::read_to_string(built(&dir.join("out")).join("build-report.tsv")).unwrap();
    for (line, reason) in [
        ("line 3", "value is not a number"),
        ("line 4", "value is not a number"),
        ("line 5", "unknown unit"),
        ("line 6", "period is not a financial year"),
        ("line 7", "period is not a financial year"),
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.contains("council_fees.csv") && l.contains(line) && l.ends_with(reason)),
            "{line} {reason}:\n{report}"
        );
    }
    // The kept rows: the comma read as a thousands separator, the period's words kept as a
    // note, the resident's week a week, and the blank year kept as not stated.
    let reference = read_json(&built(&dir.join("out")).join("reference.json"));
    let kept: Vec<(f64, String, Option<String>, String)> = reference["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["value"].as_f64().unwrap(),
                f["period"].as_str().unwrap().into(),
                f["period_note"].as_str().map(String::from),
                f["unit"].as_str().unwrap().into(),
            )
        })
        .collect();
    let week = || "GBP per week".to_string();
    for want in [
        (2128.0, "2025-26".into(), None, week()),
        (
            653.44,
            "2022-23".into(),
            Some("(April 2022 base)".into()),
            week(),
        ),
        (450.0, String::new(), None, week()),
    ] {
        assert!(kept.contains(&want), "{want:?} in {kept:?}");
    }
    assert!(reference["figures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["area_code"] == "E08000005"
            && f["prices"] == "care_home"
            && f["kind"] == "council_rate"));
}
