//! Property tests for what the app reads at run time: the manifest, the search index
//! (services.json), reference.json, pathways.json and the postcode-area files. Whatever bytes
//! or JSON arrive, reading never panics and a bad file is a typed error; valid values survive a
//! round trip. Cases per property are set below (the counts the closing note quotes).

use proptest::prelude::*;
use serde_json::Value;

use crate::area_postcodes::AreaPostcodes;
use crate::dataset::{
    Area, DataFile, Manifest, ManifestError, RecordCounts, Source, SCHEMA_VERSION,
};
use crate::distance::Point;
use crate::pathway::Pathway;
use crate::postcode::Postcode;
use crate::rating::Rating;
use crate::reference::{Figure, MeansTestRules, Reference, SourceRef, SourcedAmount};
use crate::service::{Rated, ServiceSummary};

/// Any JSON value, a few levels deep, with the keys the readers look for among random ones.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("schema_version".to_string()),
        Just("build".to_string()),
        Just("files".to_string()),
        Just("area".to_string()),
        Just("districts".to_string()),
        Just("district".to_string()),
        Just("inward".to_string()),
        Just("lat".to_string()),
        Just("lon".to_string()),
        Just("figures".to_string()),
        Just("means_tests".to_string()),
        "[a-z_]{1,8}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::from(SCHEMA_VERSION)),
        "[0-9a-fA-Z]{0,17}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Reads `bytes` as each run-time file; each answer must be a value or an error, not a panic.
fn read_everything(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = Manifest::from_json(&text);
    let _ = serde_json::from_slice::<Vec<ServiceSummary>>(bytes);
    let _ = serde_json::from_slice::<Reference>(bytes);
    let _ = serde_json::from_slice::<Vec<Pathway>>(bytes);
    let _ = serde_json::from_slice::<AreaPostcodes>(bytes);
}

fn words() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ,.'&()-]{0,24}"
}

fn manifest() -> impl Strategy<Value = Manifest> {
    let source = (
        words(),
        words(),
        words(),
        "[0-9]{4}-[0-9]{2}",
        words(),
        0usize..100_000,
        0usize..100_000,
    )
        .prop_map(|(p, t, f, d, l, kept, rejected)| Source {
            publisher: p,
            title: t,
            file: f,
            snapshot_date: d,
            licence: l,
            records: RecordCounts {
                read: kept + rejected,
                kept,
                rejected,
                reasons: vec![],
            },
        });
    let file =
        ("[a-z/]{1,20}\\.json", any::<u32>(), "[0-9a-f]{64}").prop_map(|(path, bytes, sha256)| {
            DataFile {
                path,
                bytes: u64::from(bytes),
                sha256,
            }
        });
    (
        "[0-9a-f]{16}",
        words(),
        any::<bool>(),
        prop::collection::vec(source, 0..4),
        prop::collection::vec(file, 0..6),
    )
        .prop_map(|(build, name, example, sources, files)| Manifest {
            schema_version: SCHEMA_VERSION,
            build,
            generated_at: "2025-03-13".into(),
            area: Area {
                name,
                example,
                council: None,
                example_postcode: None,
            },
            sources,
            files,
        })
}

fn coordinate(max: f64) -> impl Strategy<Value = f64> {
    (-max..max).prop_map(|x| (x * 100_000.0).round() / 100_000.0)
}

fn summary() -> impl Strategy<Value = ServiceSummary> {
    let rating = prop_oneof![
        Just(Rating::Outstanding),
        Just(Rating::Good),
        Just(Rating::RequiresImprovement),
        Just(Rating::Inadequate),
        Just(Rating::InsufficientEvidence)
    ];
    let rated = prop::option::of(
        (rating, prop::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]"))
            .prop_map(|(rating, date)| Rated { rating, date }),
    );
    (
        "1-[0-9]{1,11}",
        words(),
        "[A-Z]{1,2}[0-9]{1,2}",
        coordinate(90.0),
        coordinate(180.0),
        any::<u8>(),
        any::<u8>(),
        any::<u32>(),
        rated,
        prop::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]"),
    )
        .prop_map(
            |(
                id,
                name,
                district,
                lat,
                lon,
                services,
                specialisms,
                beds,
                overall,
                last_inspection,
            )| ServiceSummary {
                id,
                name,
                district,
                lat,
                lon,
                services,
                specialisms,
                beds,
                overall,
                last_inspection,
                other_names: vec![],
            },
        )
}

fn source_ref() -> impl Strategy<Value = SourceRef> {
    (words(), words(), prop::option::of("20[0-9]{2}-[01][0-9]")).prop_map(
        |(publisher, citation, date)| SourceRef {
            publisher,
            citation,
            date,
        },
    )
}

/// Money as the sources state it, in pounds and pence. (serde_json without its
/// `float_roundtrip` feature may read back a 17-digit float one unit in the last place off.)
fn pounds() -> impl Strategy<Value = f64> {
    (0u64..100_000_000).prop_map(|pence| pence as f64 / 100.0)
}

fn amount() -> impl Strategy<Value = SourcedAmount> {
    (pounds(), source_ref()).prop_map(|(amount, source)| SourcedAmount { amount, source })
}

fn reference() -> impl Strategy<Value = Reference> {
    let source = source_ref();
    let figure = (
        words(),
        words(),
        words(),
        "20[0-9]{2}-[0-9]{2}",
        pounds(),
        prop::option::of(pounds()),
        words(),
        source,
        prop::option::of(words()),
    )
        .prop_map(
            |(area, measure, care_setting, period, value, value_high, unit, source, notes)| {
                Figure {
                    area,
                    measure,
                    care_setting,
                    period,
                    value,
                    value_high,
                    unit,
                    source,
                    notes,
                    ..Figure::default()
                }
            },
        );
    let rules = (
        "20[0-9]{2}-[0-9]{2}",
        amount(),
        amount(),
        amount(),
        amount(),
        amount(),
    )
        .prop_map(|(period, u, l, s, t, p)| MeansTestRules {
            period,
            upper_capital_limit: u,
            lower_capital_limit: l,
            tariff_step: s,
            tariff_per_step: t,
            personal_expenses_allowance: p,
        });
    (
        prop::collection::vec(figure, 0..5),
        prop::collection::vec(rules, 0..3),
    )
        .prop_map(|(figures, means_tests)| Reference {
            figures,
            means_tests,
        })
}

/// (district, inward code, point) rows of one area, "OL", at most one per postcode.
fn area_rows() -> impl Strategy<Value = Vec<(String, String, Point)>> {
    let row = (
        "OL[0-9]{1,2}",
        "[0-9][ABDEFGHJLNPQRSTUWXYZ]{2}",
        -90.0..90.0f64,
        -180.0..180.0f64,
    )
        .prop_map(|(d, i, lat, lon)| (d, i, Point::new(lat, lon)));
    prop::collection::btree_map(
        (row.clone()).prop_map(|(d, i, _)| (d, i)),
        row.prop_map(|r| r.2),
        0..60,
    )
    .prop_map(|rows| rows.into_iter().map(|((d, i), p)| (d, i, p)).collect())
}

/// Area rows each with a council from a few codes, or none.
fn council_rows() -> impl Strategy<Value = Vec<crate::area_postcodes::CouncilRow>> {
    let council = prop_oneof![
        Just(None),
        Just(Some("E08000004".to_string())),
        Just(Some("E08000005".to_string())),
        Just(Some("E10000020".to_string())),
    ];
    (area_rows(), prop::collection::vec(council, 60)).prop_map(|(rows, councils)| {
        rows.into_iter()
            .zip(councils)
            .map(|((d, i, p), c)| (d, i, p, c))
            .collect()
    })
}

/// The authored pathways, as published.
fn authored_pathways() -> Vec<Pathway> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/pathways");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| toml::from_str(&std::fs::read_to_string(f).unwrap()).expect("an authored pathway"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn arbitrary_bytes_never_panic_any_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        read_everything(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics_any_reader_and_a_bad_manifest_says_why(value in json()) {
        let text = value.to_string();
        read_everything(text.as_bytes());
        if let Err(e) = Manifest::from_json(&text) {
            let _: ManifestError = e.clone();
            prop_assert!(e.to_string().starts_with("manifest.json "), "{}", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn a_manifest_round_trips_and_a_cut_or_altered_one_is_refused(m in manifest(), cut in any::<prop::sample::Index>()) {
        let text = serde_json::to_string(&m).unwrap();
        prop_assert_eq!(Manifest::from_json(&text), Ok(m));
        let at = cut.index(text.len());
        // A manifest cut short is never read as a (smaller) valid one.
        prop_assert!(Manifest::from_json(&text[..at]).is_err());
    }

    #[test]
    fn the_search_index_round_trips(rows in prop::collection::vec(summary(), 0..20)) {
        let text = serde_json::to_string(&rows).unwrap();
        prop_assert_eq!(serde_json::from_str::<Vec<ServiceSummary>>(&text).unwrap(), rows);
    }

    #[test]
    fn reference_figures_round_trip(reference in reference()) {
        let text = serde_json::to_string(&reference).unwrap();
        prop_assert_eq!(serde_json::from_str::<Reference>(&text).unwrap(), reference);
    }

    #[test]
    fn an_area_file_finds_every_postcode_it_was_made_from(rows in area_rows()) {
        let file = AreaPostcodes::new("OL", rows.clone()).unwrap();
        let read: AreaPostcodes = serde_json::from_str(&serde_json::to_string(&file).unwrap()).unwrap();
        prop_assert_eq!(&read, &file);
        prop_assert_eq!(read.len(), rows.len());
        for (district, inward, point) in rows {
            let found = read.find(&Postcode::parse(&format!("{district} {inward}")).unwrap()).expect("every postcode it holds");
            // Kept to the nearest hundred-thousandth of a degree.
            prop_assert!((found.lat - point.lat).abs() <= 0.000005 + 1e-9 && (found.lon - point.lon).abs() <= 0.000005 + 1e-9);
        }
    }

    #[test]
    fn an_area_file_keeps_every_postcodes_council(rows in council_rows()) {
        let file = AreaPostcodes::with_councils("OL", rows.clone()).unwrap();
        let read: AreaPostcodes = serde_json::from_str(&serde_json::to_string(&file).unwrap()).unwrap();
        prop_assert_eq!(&read, &file);
        for (district, inward, _, council) in rows {
            let postcode = Postcode::parse(&format!("{district} {inward}")).unwrap();
            prop_assert_eq!(read.council_of(&postcode), council.as_deref());
        }
    }

    #[test]
    fn an_area_file_with_altered_council_runs_never_panics(rows in council_rows(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut text = serde_json::to_vec(&AreaPostcodes::with_councils("OL", rows).unwrap()).unwrap();
        let i = at.index(text.len());
        text[i] = byte;
        if let Ok(file) = serde_json::from_slice::<AreaPostcodes>(&text) {
            // Whatever is read back is a file a builder could write: it round-trips.
            let again: AreaPostcodes = serde_json::from_str(&serde_json::to_string(&file).unwrap()).unwrap();
            prop_assert_eq!(again, file);
        }
    }

    #[test]
    fn an_area_file_with_altered_numbers_or_codes_never_panics(rows in area_rows(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut text = serde_json::to_vec(&AreaPostcodes::new("OL", rows).unwrap()).unwrap();
        let i = at.index(text.len());
        text[i] = byte;
        let _ = serde_json::from_slice::<AreaPostcodes>(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn pathways_round_trip_and_damaged_copies_never_panic(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let pathways = authored_pathways();
        let text = serde_json::to_vec(&pathways).unwrap();
        prop_assert_eq!(serde_json::from_slice::<Vec<Pathway>>(&text).unwrap(), pathways);
        let i = at.index(text.len());
        let mut damaged = text.clone();
        damaged[i] = byte;
        let _ = serde_json::from_slice::<Vec<Pathway>>(&damaged);
        prop_assert!(serde_json::from_slice::<Vec<Pathway>>(&text[..i]).is_err(), "a cut-off pathways file is an error");
    }
}
