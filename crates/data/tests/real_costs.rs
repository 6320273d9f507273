//! Every care home and nursing home in the real dataset gets at least one £ figure with a year
//! and a named source, and every figure it is shown is one the fee files print: the files are
//! read here with the csv crate, not the builder's reader.

mod common;

use std::collections::BTreeMap;

use carefinder_core::costs::{cost_lines, CostLine, CostRow};
use carefinder_core::council::{Council, CouncilsFile};
use carefinder_core::distance::Point;
use carefinder_core::reference::Reference;
use carefinder_core::service::{Service, ServiceType};
use carefinder_data::shared_layout::{FEE_FILES, OLDHAM_LOCATIONS};
use common::*;

const OLDHAM: &str = "E08000004";
const TODAY: &str = "2026-12-02";

/// One printed row: area code, period as the builder publishes it, value, citation, care
/// setting (lower case) and unit (lower case).
type Printed = (String, String, f64, String, String, String);

/// Every row with a financial year or none; rows with any other period are the builder's rejections.
fn printed_figures(shared: &std::path::Path) -> Vec<Printed> {
    let mut out = Vec::new();
    for file in FEE_FILES {
        let mut csv = csv::Reader::from_path(file.path(shared)).unwrap();
        for r in csv.records().map(Result::unwrap) {
            let period = r[4].trim();
            let year = period.get(..7).filter(|y| {
                y.as_bytes()[4] == b'-'
                    && y.bytes()
                        .enumerate()
                        .all(|(i, c)| i == 4 || c.is_ascii_digit())
            });
            let period = match (period.is_empty(), year) {
                (true, _) => String::new(),
                (false, Some(y)) if period.len() == 7 || period.as_bytes()[7] == b' ' => {
                    y.to_string()
                }
                _ => continue,
            };
            let Ok(value) = r[5].replace(',', "").parse::<f64>() else {
                continue;
            };
            out.push((
                r[1].to_string(),
                period,
                value,
                r[9].to_string(),
                r[3].to_lowercase(),
                r[7].to_lowercase(),
            ));
        }
    }
    out
}

/// Councils with their names and centres from mySociety's list (the GEO helper's councils.json
/// holds the same after merge).
fn councils(shared: &std::path::Path) -> CouncilsFile {
    let path = shared.join("geography/mysociety_uk_local_authorities_2025-07.csv");
    let mut csv = csv::Reader::from_path(path).unwrap();
    let head = csv.headers().unwrap().clone();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let (code, name, lat, lon, end) = (
        col("gss-code"),
        col("official-name"),
        col("lat"),
        col("long"),
        col("end-date"),
    );
    let mut councils = Vec::new();
    for r in csv.records().map(Result::unwrap) {
        if !r[code].starts_with('E') || !r[end].is_empty() {
            continue;
        }
        let centre = match (r[lat].parse(), r[lon].parse()) {
            (Ok(a), Ok(b)) => Some(Point::new(a, b)),
            _ => None,
        };
        councils.push(Council {
            code: r[code].into(),
            name: r[name].into(),
            homepage: None,
            centre,
        });
    }
    CouncilsFile {
        councils,
        ..CouncilsFile::default()
    }
}

#[test]
fn every_care_home_and_nursing_home_shows_a_dated_sourced_pound_figure_from_the_fee_files() {
    let Some((shared, out, _)) = real_dataset("costs") else {
        return;
    };
    // Every Oldham CQC record names Oldham as its local authority, so its council is Oldham's.
    let locations: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(OLDHAM_LOCATIONS.path(&shared)).unwrap())
            .unwrap();
    let authority: BTreeMap<String, String> = locations
        .iter()
        .map(|l| {
            (
                l["locationId"].as_str().unwrap().into(),
                l["localAuthority"].as_str().unwrap().into(),
            )
        })
        .collect();
    let reference: Reference =
        serde_json::from_value(read_json(&built(&out).join("reference.json"))).unwrap();
    let printed = printed_figures(&shared);
    // The councils' names and centres: mySociety's list read here, not the build's councils.json.
    let councils = councils(&shared);
    let code_of: BTreeMap<&str, &str> = councils
        .councils
        .iter()
        .map(|c| (c.name.as_str(), c.code.as_str()))
        .collect();
    let mut checked = 0;
    let mut example: Option<Vec<CostLine>> = None;
    for (id, record) in details(&out) {
        let service: Service = serde_json::from_value(record).unwrap();
        if !service
            .services
            .iter()
            .any(|t| matches!(t, ServiceType::CareHome | ServiceType::NursingHome))
        {
            continue;
        }
        assert_eq!(
            authority.get(&id).map(String::as_str),
            Some("Oldham"),
            "{id}"
        );
        assert_eq!(service.council.as_deref(), Some(OLDHAM), "{id}");
        let lines = cost_lines(&service, &reference, &councils, TODAY);
        assert!(
            lines.iter().any(|l| l.amount > 0.0
                && l.period.is_some()
                && !l.source.publisher.is_empty()
                && l.row != CostRow::National),
            "{id} has no dated, sourced £ figure: {lines:#?}"
        );
        for l in lines.iter().filter(|l| l.row != CostRow::PublishedFee) {
            let council = match l.row {
                CostRow::National => "E92000001",
                CostRow::CouncilRate | CostRow::CouncilCharge | CostRow::FairCost => OLDHAM,
                _ => code_of[l.whose.split(", the ").next().unwrap()],
            };
            let period = l.period.clone().unwrap_or_default();
            for value in [Some(l.amount), l.lower_quartile, l.upper_quartile]
                .into_iter()
                .flatten()
            {
                // The same row, for the same kind of care, in the same unit.
                let row = printed.iter().find(|(c, p, v, cite, _, _)| {
                    c == council && *p == period && *v == value && *cite == l.source.citation
                });
                let Some((_, _, _, _, setting, unit)) = row else {
                    panic!("{id}: {} {value} {period} is not in the fee files", l.label);
                };
                let hourly = unit.contains("hour");
                assert_eq!(
                    hourly,
                    l.unit == carefinder_core::service::FeeUnit::PerHour,
                    "{id}: {} is {unit}",
                    l.label
                );
                match l.care {
                    ServiceType::NursingHome => assert!(
                        setting.contains("nursing"),
                        "{id}: {setting:?} shown as nursing care"
                    ),
                    ServiceType::CareHome => assert!(
                        !setting.contains("nursing")
                            || setting.contains("without nursing")
                            || setting.contains("residential"),
                        "{id}: {setting:?} shown as a care home without nursing"
                    ),
                    _ => {}
                }
            }
        }
        checked += 1;
        if service.services == [ServiceType::CareHome] && example.is_none() {
            example = Some(lines);
        }
    }
    assert!(checked > 30, "only {checked} care homes and nursing homes");
    for l in example.unwrap_or_default() {
        eprintln!(
            "{:?} | {} | {} | {} | {} | {}",
            l.row,
            l.label,
            l.amount_text(),
            l.when(),
            l.whose,
            l.source.publisher
        );
    }
}
