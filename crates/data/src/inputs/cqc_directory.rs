//! CQC's two monthly files for councils without an API key, joined on the CQC location id:
//! - the care directory CSV: a few preamble lines, then 15 columns with addresses and postcodes
//!   but no ratings;
//! - the "care directory with filters" CSV: ratings, beds and the people supported, but no
//!   address or postcode. Its "Registered manager" column is never read.

use std::collections::BTreeMap;
use std::path::Path;

use carefinder_core::date::Date;
use carefinder_core::location_id::{is_location_id, NOT_A_LOCATION_ID};
use carefinder_core::rating::Rating;
use carefinder_core::service::{Rated, Ratings, Service, ServiceType, Specialism};

use super::admit::{brand, non_empty, website, Admission, Candidate};
use super::csv_file::{file_name, read_text, CsvTable};
use crate::accounting::{InputError, Tally};

/// What the "with filters" file adds to a directory record.
struct Enrichment {
    ratings: Ratings,
    beds: Option<u32>,
    specialisms: Vec<String>,
    services: Vec<String>,
    provider_name: Option<String>,
    brand: Option<String>,
    deregistered: bool,
}

/// Reads the directory (and the "with filters" file when given) and admits the joined records.
/// Returns the directory's tally and the filters file's tally.
pub fn import(
    directory: &Path,
    filters: Option<&Path>,
    admission: &mut Admission,
    kept: &mut Vec<Service>,
) -> Result<(Tally, Option<Tally>), InputError> {
    let mut extra = match filters {
        Some(path) => Some(read_filters(path)?),
        None => None,
    };
    let name = file_name(directory);
    let text = read_text(directory)?;
    let table = CsvTable::parse(&name, &text, |line| {
        line.starts_with("Name,") || line.starts_with("\"Name\",")
    })?;
    let col = Columns {
        name: table.column(&["Name"])?,
        address: table.column(&["Address"])?,
        postcode: table.column(&["Postcode"])?,
        phone: table.optional_column(&["Phone number"]),
        website: table.optional_column(&["Service's website (if available)"]),
        services: table.column(&["Service types"])?,
        latest_check: table.optional_column(&["Date of latest check"]),
        specialisms: table.optional_column(&["Specialisms/services"]),
        provider_name: table.optional_column(&["Provider name"]),
        also_known_as: table.optional_column(&["Also known as"]),
        local_authority: table.optional_column(&["Local authority"]),
        location_id: table.column(&["CQC Location ID (for office use only)"])?,
        provider_id: table.optional_column(&["CQC Provider ID (for office use only)"]),
    };
    let mut tally = Tally::default();
    let mut joined: BTreeMap<String, bool> = BTreeMap::new();
    for (line, row) in &table.rows {
        tally.read += 1;
        let id = row[col.location_id].trim().to_string();
        let enrichment = extra.as_mut().and_then(|(rows, _)| rows.remove(&id));
        let had_enrichment = enrichment.is_some();
        let candidate = candidate(&col, row, (*line, id.clone()), enrichment);
        let admitted = admission.admit(candidate, &mut tally);
        if had_enrichment {
            joined.insert(id, admitted.is_some());
        }
        kept.extend(admitted);
    }
    let filters_tally = extra.map(|(unmatched, mut t)| {
        for (id, was_kept) in joined {
            if was_kept {
                t.kept += 1;
            } else {
                t.reject(
                    "its care directory record was left out (see the directory's reasons)",
                    id,
                );
            }
        }
        for id in unmatched.into_keys() {
            t.reject("not in the care directory, so no address or postcode", id);
        }
        t
    });
    Ok((tally, filters_tally))
}

struct Columns {
    name: usize,
    address: usize,
    postcode: usize,
    phone: Option<usize>,
    website: Option<usize>,
    services: usize,
    latest_check: Option<usize>,
    specialisms: Option<usize>,
    provider_name: Option<usize>,
    also_known_as: Option<usize>,
    local_authority: Option<usize>,
    location_id: usize,
    provider_id: Option<usize>,
}

fn candidate(
    col: &Columns,
    row: &csv::StringRecord,
    (line, id): (usize, String),
    extra: Option<Enrichment>,
) -> Candidate {
    let get = |c: Option<usize>| c.and_then(|c| non_empty(row.get(c)));
    let mut service_names: Vec<String> = row[col.services].split('|').map(str::to_string).collect();
    let mut specialism_names: Vec<String> = get(col.specialisms)
        .map(|s| s.split('|').map(str::to_string).collect())
        .unwrap_or_default();
    let (mut ratings, mut beds, mut provider_name, mut deregistered) =
        (Ratings::default(), None, get(col.provider_name), false);
    let mut brand = None;
    if let Some(e) = extra {
        brand = e.brand;
        ratings = e.ratings;
        beds = e.beds;
        provider_name = provider_name.or(e.provider_name);
        deregistered = e.deregistered;
        service_names.extend(e.services);
        specialism_names.extend(e.specialisms);
    }
    let mut services: Vec<ServiceType> = service_names
        .iter()
        .filter_map(|s| ServiceType::from_cqc(s))
        .collect();
    services.sort();
    services.dedup();
    let (mut specialisms, mut other_specialisms) = (Vec::new(), Vec::new());
    for s in specialism_names
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        match Specialism::from_cqc(s) {
            Some(k) => specialisms.push(k),
            None if !other_specialisms
                .iter()
                .any(|o: &String| o.eq_ignore_ascii_case(s)) =>
            {
                other_specialisms.push(s.to_string())
            }
            None => {}
        }
    }
    specialisms.sort();
    specialisms.dedup();
    let social_care = !services.is_empty();
    let provider = Service {
        id,
        name: row[col.name].trim().to_string(),
        provider_id: get(col.provider_id).unwrap_or_default(),
        provider_name,
        brand,
        also_known_as: get(col.also_known_as),
        address: row[col.address]
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        postcode: String::new(),
        lat: 0.0,
        lon: 0.0,
        local_authority: get(col.local_authority).unwrap_or_default(),
        council: None,
        services,
        specialisms,
        other_specialisms,
        beds,
        ratings,
        last_inspection: get(col.latest_check).and_then(|d| directory_date(&d)),
        phone: get(col.phone),
        website: website(get(col.website).as_deref()),
        fees: vec![],
        accepts_council_funding: None,
        vacancies: None,
    };
    // "Neville Street, Chadderton, Oldham": after the street, the locality then the post town.
    let places = provider.address.iter().skip(1).cloned().collect();
    Candidate {
        places,
        place: format!("line {line}"),
        provider,
        raw_postcode: row[col.postcode].to_string(),
        source_coordinates: None,
        registered: !deregistered,
        social_care,
    }
}

/// The directory writes dates as `09/Jan/2018 - 00:00`.
pub fn directory_date(text: &str) -> Option<String> {
    let date = text.split(" - ").next()?.trim();
    let mut parts = date.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let m = months
        .iter()
        .position(|m| month.to_ascii_lowercase().starts_with(m))?
        + 1;
    let digits = |s: &str, most: usize| {
        (1..=most).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(day, 2) || !digits(year, 4) || year.len() != 4 {
        return None;
    }
    // A day that exists: "31/Feb/2020" is refused, not published as 2020-02-31.
    Date::new(year.parse().ok()?, m as u8, day.parse().ok()?).map(|d| d.to_string())
}

fn read_filters(path: &Path) -> Result<(BTreeMap<String, Enrichment>, Tally), InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let table = CsvTable::parse(&name, &text, |_| true)?;
    let id = table.column(&["Location ID"])?;
    let overall = table.column(&["Location Latest Overall Rating"])?;
    let questions = [
        table.column(&["Location safe rating"])?,
        table.column(&["Location effective rating"])?,
        table.column(&["Location caring rating"])?,
        table.column(&["Location responsive rating"])?,
        table.column(&["Location well-led rating"])?,
    ];
    let beds = table.optional_column(&["Care homes beds"]);
    let supported = table.optional_column(&["Service users supported"]);
    let services = table.optional_column(&["Service Types"]);
    let provider_name = table.optional_column(&["Provider Name"]);
    let brand_name = table.optional_column(&["Brand Name"]);
    let end_date = table.optional_column(&["Location HSCA end date"]);
    let mut rows = BTreeMap::new();
    let mut tally = Tally::default();
    for (line, row) in &table.rows {
        tally.read += 1;
        let location = row[id].trim().to_string();
        if !is_location_id(&location) {
            tally.reject(NOT_A_LOCATION_ID, format!("line {line} ({location:?})"));
            continue;
        }
        if rows.contains_key(&location) {
            tally.reject("duplicate id", location);
            continue;
        }
        // This file gives no rating dates (its "Publication Date" is the registration date).
        let rated = |c: usize| Rating::from_cqc(&row[c]).map(|rating| Rated { rating, date: None });
        let bed_text = beds.map(|c| row[c].trim()).unwrap_or("");
        let bed_count = match bed_text.parse::<u32>() {
            Ok(n) => Some(n).filter(|&n| n > 0),
            Err(_) if bed_text.is_empty() => None,
            Err(_) => {
                tally.reject(
                    "\"Care homes beds\" is not a whole number",
                    format!("line {line} ({location}: {bed_text:?})"),
                );
                continue;
            }
        };
        let list = |c: Option<usize>, sep: char| -> Vec<String> {
            c.map(|c| {
                row[c]
                    .split(sep)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
        };
        rows.insert(
            location,
            Enrichment {
                ratings: Ratings {
                    overall: rated(overall),
                    safe: rated(questions[0]),
                    effective: rated(questions[1]),
                    caring: rated(questions[2]),
                    responsive: rated(questions[3]),
                    well_led: rated(questions[4]),
                },
                beds: bed_count,
                specialisms: list(supported, ','),
                services: list(services, ','),
                provider_name: provider_name.and_then(|c| non_empty(row.get(c))),
                brand: brand(brand_name.and_then(|c| row.get(c))),
                deregistered: end_date.is_some_and(|c| !row[c].trim().is_empty()),
            },
        );
    }
    Ok((rows, tally))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_directorys_date_format() {
        assert_eq!(
            directory_date("09/Jan/2018 - 00:00").as_deref(),
            Some("2018-01-09")
        );
        assert_eq!(
            directory_date("25/February/2026").as_deref(),
            Some("2026-02-25")
        );
        assert_eq!(directory_date("yesterday"), None);
        assert_eq!(
            directory_date("29/Feb/2024 - 00:00").as_deref(),
            Some("2024-02-29")
        );
        for bad in [
            "31/Feb/2020",
            "29/Feb/2023 - 00:00",
            "0/Jan/2020",
            "+1/Jan/2020",
            "1/Jan/20",
            "1/Jan/+202",
        ] {
            assert_eq!(directory_date(bad), None, "{bad}");
        }
    }
}
