//! The builder's accounting holds for arbitrary input: for every reader, records read = kept +
//! rejected, the count read is the count of records written (blank lines are not records), and
//! every rejection is one report line naming the input, the record and the reason. A row with
//! the wrong number of fields stops the read with the line it is on, never a panic.

use std::collections::BTreeMap;

use carefinder_core::location_id::is_location_id;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::accounting::{InputError, Tally};
use crate::inputs::admit::{Admission, AreaFilter};
use crate::inputs::postcodes::{read_centroids, PostcodeTable};
use crate::inputs::test_files::write;
use crate::inputs::{cqc_api, cqc_directory, reference};

/// Cases per property; the closing note of issue 13 reports them.
const CASES: u32 = 256;

/// Ids: mostly real-shaped from a small pool (so some repeat), else broken or anything at all.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (1u32..30).prop_map(|n| format!("1-{n}")),
        1 => Just(String::new()),
        1 => "1-[0-9]{0,3}[ a-z/.+-]{1,2}[0-9]{0,2}",
        1 => "[^\r\n]{0,10}",
    ]
}

/// Any cell without a line break (so each record is one line), quotes and commas included.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[A-Za-z0-9 ]{0,10}", 1 => "[^\r\n]{0,10}", 1 => Just(String::new())]
}

fn postcode() -> impl Strategy<Value = String> {
    prop_oneof![3 => "OL1 1A[A-E]", 1 => "[A-Z]{1,2}[0-9] ?[0-9][A-Z]{2}", 1 => cell()]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![3 => (-5.0f64..60.0).prop_map(|v| format!("{v:.3}")), 1 => Just(String::new()), 1 => "(NaN|inf|-inf|1e999|x|12,5)", 1 => cell()]
}

/// A CSV body: the records, as many blank lines, and maybe one row with a field too many.
#[derive(Debug)]
struct Body {
    rows: Vec<Vec<String>>,
    blanks: Vec<usize>,
    malformed: Option<usize>,
}

fn body(row: impl Strategy<Value = Vec<String>>) -> impl Strategy<Value = Body> {
    (
        vec(row, 0..24),
        vec(0usize..24, 0..3),
        prop::option::weighted(0.2, 0usize..24),
    )
        .prop_map(|(rows, blanks, malformed)| Body {
            malformed: malformed.filter(|&m| m < rows.len()),
            rows,
            blanks,
        })
}

impl Body {
    /// The file's text after `head` (which ends in its header line), and the 1-based line of
    /// the malformed row when there is one.
    fn text(&self, head: &str) -> (String, Option<usize>) {
        let mut out = head.to_string();
        let mut line = head.lines().count();
        let mut bad_line = None;
        for (i, row) in self.rows.iter().enumerate() {
            for _ in self.blanks.iter().filter(|&&b| b == i) {
                out.push('\n');
                line += 1;
            }
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(vec![]);
            w.write_record(row).unwrap();
            let mut record = String::from_utf8(w.into_inner().unwrap()).unwrap();
            line += 1;
            if self.malformed == Some(i) {
                record.insert_str(record.len() - 1, ",extra");
                bad_line = Some(line);
            }
            out += &record;
        }
        (out, bad_line)
    }
}

/// The property itself, for one reader's result.
fn accounted(
    result: Result<&Tally, &InputError>,
    input: &str,
    records: usize,
    bad_line: Option<usize>,
) -> Result<(), TestCaseError> {
    match (result, bad_line) {
        (Err(e), Some(line)) => {
            prop_assert_eq!(e.record.clone(), Some(format!("line {line}")), "{}", e);
            prop_assert!(e.reason.contains("fields where the header has"), "{}", e);
        }
        (Err(e), None) => prop_assert!(false, "a well-formed file failed: {}", e),
        (Ok(_), Some(line)) => {
            prop_assert!(false, "line {} has a field too many but was read", line)
        }
        (Ok(t), None) => {
            prop_assert_eq!(t.read, records);
            prop_assert_eq!(t.read, t.kept + t.rejected());
            let lines = t.report_lines(input);
            prop_assert_eq!(lines.len(), t.rejected());
            for l in &lines {
                let cells: Vec<&str> = l.split('\t').collect();
                prop_assert_eq!(cells.len(), 3, "{:?}", l);
                prop_assert!(
                    cells[0] == input && !cells[1].trim().is_empty() && !cells[2].is_empty(),
                    "{:?}",
                    l
                );
            }
        }
    }
    Ok(())
}

/// A postcode table that knows OL1 1AA to OL1 1AC (and so not OL1 1AD or OL1 1AE).
fn known_postcodes() -> PostcodeTable {
    let mut table = PostcodeTable::default();
    table
        .add_file(&write(
            "pc.csv",
            "Postcode,lat,long\nOL1 1AA,53.54,-2.11\nOL1 1AB,53.55,-2.12\nOL1 1AC,53.56,-2.13\n",
        ))
        .unwrap();
    table
}

const DIRECTORY_HEAD: &str = "CQC Locations data\nProduced on 1 August 2025\n\nName,Address,Postcode,Service types,Local authority,CQC Location ID (for office use only)\n";
const FILTERS_HEAD: &str = "Location ID,Location Latest Overall Rating,Location safe rating,Location effective rating,\
Location caring rating,Location responsive rating,Location well-led rating,Care homes beds,Location HSCA end date\n";
const FEES_HEAD: &str = "area,area_code,measure,care_setting,period,value,value_high,unit,source_publisher,source_url,source_published,notes\n";

fn directory_row() -> impl Strategy<Value = Vec<String>> {
    let service = prop_oneof![
        "(Residential homes|Nursing homes|Homecare agencies)",
        cell()
    ];
    (
        cell(),
        cell(),
        postcode(),
        service,
        prop_oneof!["(Oldham|oldham)", cell()],
        id(),
    )
        .prop_map(|(a, b, c, d, e, f)| vec![a, b, c, d, e, f])
}

fn filters_row() -> impl Strategy<Value = Vec<String>> {
    let rating = prop_oneof!["(Good|Outstanding|Inadequate|Requires improvement)", cell()];
    let beds = prop_oneof!["[0-9]{1,3}", Just(String::new()), cell()];
    (
        id(),
        vec(rating, 6),
        beds,
        prop_oneof![3 => Just(String::new()), 1 => cell()],
    )
        .prop_map(|(id, mut ratings, beds, end)| {
            ratings.truncate(6);
            let mut row = vec![id];
            row.extend(ratings);
            row.extend([beds, end]);
            row
        })
}

fn fees_row() -> impl Strategy<Value = Vec<String>> {
    let measure = prop_oneof!["(usual_price_care_home|minimum_price_homecare)", cell()];
    (
        prop_oneof!["(Oldham|England)", cell()],
        measure,
        "20(1[0-9]|2[0-6])-[0-9]{2}",
        number(),
        number(),
        prop_oneof!["(Council|DHSC)", cell()],
        cell(),
    )
        .prop_map(|(area, measure, period, value, high, publisher, url)| {
            vec![
                area,
                "E1".into(),
                measure,
                "care home".into(),
                period,
                value,
                high,
                "GBP per week".into(),
                publisher,
                url,
                "2025-04-01".into(),
                String::new(),
            ]
        })
}

/// One CQC API record with arbitrary id, kind, status, postcode and (maybe) coordinates.
fn api_record() -> impl Strategy<Value = serde_json::Value> {
    let kind = prop_oneof!["Social Care Org", "NHS Healthcare Organisation", cell()];
    let status = prop_oneof!["Registered", "Deregistered", cell()];
    let coordinates = prop::option::of((-90.0f64..90.0, -180.0f64..180.0));
    let near = prop::option::of((53.5f64..53.6, -2.2f64..-2.0));
    (id(), kind, status, postcode(), prop_oneof![coordinates, near], prop_oneof!["(Oldham)", cell()]).prop_map(|(id, kind, status, pc, at, la)| {
        let mut r = serde_json::json!({"locationId": id, "type": kind, "registrationStatus": status, "postalCode": pc, "localAuthority": la,
            "gacServiceTypes": [{"name": "Residential homes"}]});
        if let Some((lat, lon)) = at {
            r["onspdLatitude"] = lat.into();
            r["onspdLongitude"] = lon.into();
        }
        r
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn api_records_are_all_accounted_for(records in vec(api_record(), 0..24)) {
        let path = write("locations.json", serde_json::to_string(&records).unwrap());
        let (filter, postcodes) = (AreaFilter { local_authorities: vec!["Oldham".into()], ..AreaFilter::default() }, known_postcodes());
        let mut kept = Vec::new();
        let result = cqc_api::import(&path, &BTreeMap::new(), &mut Admission::new(&filter, &postcodes), &mut kept);
        accounted(result.as_ref(), "locations.json", records.len(), None)?;
        let mut ids: Vec<&str> = kept.iter().map(|s| s.id.as_str()).collect();
        prop_assert!(ids.iter().all(|id| is_location_id(id)), "{:?}", ids);
        ids.dedup();
        prop_assert_eq!(ids.len(), kept.len());
    }

    #[test]
    fn provider_records_are_all_accounted_for(ids in vec(id(), 0..24)) {
        let records: Vec<_> = ids.iter().map(|id| serde_json::json!({"providerId": id, "name": "Group"})).collect();
        let path = write("providers.json", serde_json::to_string(&records).unwrap());
        let result = cqc_api::read_provider_names(&path);
        accounted(result.as_ref().map(|(_, t)| t), "providers.json", ids.len(), None)?;
    }

    #[test]
    fn directory_and_filters_rows_are_all_accounted_for(directory in body(directory_row()), filters in body(filters_row())) {
        let (dir_text, dir_bad) = directory.text(DIRECTORY_HEAD);
        let (filters_text, filters_bad) = filters.text(FILTERS_HEAD);
        let (dir_path, filters_path) = (write("directory.csv", dir_text), write("filters.csv", filters_text));
        let (filter, postcodes) = (AreaFilter::default(), known_postcodes());
        let mut kept = Vec::new();
        let result = cqc_directory::import(&dir_path, Some(&filters_path), &mut Admission::new(&filter, &postcodes), &mut kept);
        // The filters file is read first, so its malformed row is the one reported.
        let bad = filters_bad.or(dir_bad);
        match &result {
            Ok((dir_tally, filters_tally)) => {
                accounted(Ok(dir_tally), "directory.csv", directory.rows.len(), bad)?;
                accounted(Ok(filters_tally.as_ref().unwrap()), "filters.csv", filters.rows.len(), None)?;
            }
            Err(e) => {
                let (name, line) = if filters_bad.is_some() { ("filters.csv", filters_bad) } else { ("directory.csv", dir_bad) };
                prop_assert_eq!(&e.file, name);
                accounted(Err(e), name, 0, line)?;
            }
        }
        prop_assert!(kept.iter().all(|s| is_location_id(&s.id)));
    }

    #[test]
    fn postcode_and_centroid_rows_are_all_accounted_for(units in body((postcode(), number(), number()).prop_map(|(a, b, c)| vec![a, b, c])),
                                                       districts in body((prop_oneof!["OL[0-9]{1,2}", cell()], number(), number()).prop_map(|(a, b, c)| vec![a, b, c]))) {
        let (text, bad) = units.text("Postcode,lat,long\n");
        let result = PostcodeTable::default().add_file(&write("nspl.csv", text));
        accounted(result.as_ref(), "nspl.csv", units.rows.len(), bad)?;
        let (text, bad) = districts.text("outcode,lat,long\n");
        let result = read_centroids(&write("centroids.csv", text));
        accounted(result.as_ref().map(|(_, t)| t), "centroids.csv", districts.rows.len(), bad)?;
    }

    #[test]
    fn fee_rows_are_all_accounted_for(fees in body(fees_row())) {
        let (text, bad) = fees.text(FEES_HEAD);
        let mut kept = Default::default();
        let result = reference::read_fees_csv(&write("fees.csv", text), &mut kept);
        accounted(result.as_ref().map(|(t, _)| t), "fees.csv", fees.rows.len(), bad)?;
        prop_assert!(kept.figures.iter().all(|f| f.problem().is_none()));
        prop_assert_eq!(kept.figures.len(), result.map_or(0, |(t, _)| t.kept));
    }
}
