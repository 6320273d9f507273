//! CQC Syndication API location records (`/locations/{id}` responses): a JSON array of them, or a
//! folder with one JSON file per location. Registered managers' names (in `regulatedActivities`)
//! are never read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use carefinder_core::distance::Point;
use carefinder_core::rating::Rating;
use carefinder_core::service::{Rated, Ratings, Service, ServiceType, Specialism};
use serde::Deserialize;
use serde_json::Value;

use super::admit::{brand, non_empty, website, Admission, Candidate};
use super::csv_file::{file_name, read_text};
use crate::accounting::{InputError, Tally};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApiLocation {
    location_id: String,
    name: Option<String>,
    provider_id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    registration_status: Option<String>,
    postal_address_line1: Option<String>,
    postal_address_line2: Option<String>,
    postal_address_town_city: Option<String>,
    postal_address_county: Option<String>,
    postal_code: Option<String>,
    onspd_latitude: Option<f64>,
    onspd_longitude: Option<f64>,
    local_authority: Option<String>,
    number_of_beds: Option<u32>,
    main_phone_number: Option<String>,
    website: Option<String>,
    #[serde(default)]
    gac_service_types: Vec<Named>,
    #[serde(default)]
    specialisms: Vec<Named>,
    current_ratings: Option<CurrentRatings>,
    last_inspection: Option<Dated>,
    brand_name: Option<String>,
    also_known_as: Option<String>,
}

#[derive(Deserialize)]
struct Named {
    name: String,
}

#[derive(Deserialize)]
struct Dated {
    date: Option<String>,
}

#[derive(Deserialize)]
struct CurrentRatings {
    overall: Option<OverallRating>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OverallRating {
    rating: Option<String>,
    report_date: Option<String>,
    #[serde(default)]
    key_question_ratings: Vec<KeyQuestionRating>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeyQuestionRating {
    name: String,
    rating: Option<String>,
    report_date: Option<String>,
}

/// Reads every location record from a JSON array file, or from a folder of JSON files.
/// Syntax errors and records of the wrong shape are errors naming the file and the record.
fn read_records(path: &Path) -> Result<Vec<(String, Value)>, InputError> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| InputError::file(&file_name(path), format!("cannot be read: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(InputError::file(
                &file_name(path),
                "the folder holds no .json files",
            ));
        }
        let mut out = Vec::with_capacity(files.len());
        for f in files {
            let name = file_name(&f);
            out.push((name.clone(), parse_json(&name, &read_text(&f)?)?));
        }
        return Ok(out);
    }
    let name = file_name(path);
    match parse_json(&name, &read_text(path)?)? {
        Value::Array(items) => Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("{name}: record {}", i + 1), v))
            .collect()),
        Value::Object(o) => Ok(vec![(name, Value::Object(o))]),
        _ => Err(InputError::file(
            &name,
            "expected a JSON array of CQC location records",
        )),
    }
}

fn parse_json(name: &str, text: &str) -> Result<Value, InputError> {
    serde_json::from_str(text).map_err(|e| {
        InputError::record(
            name,
            format!("line {} column {}", e.line(), e.column()),
            format!("is not valid JSON ({e})"),
        )
    })
}

/// Provider (organisation) names from `/providers/{id}` records, by provider id.
pub fn read_provider_names(path: &Path) -> Result<(BTreeMap<String, String>, Tally), InputError> {
    let mut names = BTreeMap::new();
    let mut tally = Tally::default();
    for (label, value) in read_records(path)? {
        tally.read += 1;
        let id = value.get("providerId").and_then(Value::as_str);
        let name = value.get("name").and_then(Value::as_str);
        let (Some(id), Some(name)) = (id, name) else {
            return Err(InputError::file(
                &label,
                "a provider record has no providerId or name",
            ));
        };
        // A repeated id keeps its first name; the repeat is counted, not silently overwritten.
        if names.contains_key(id) {
            tally.reject("duplicate providerId", format!("{label} ({id})"));
        } else {
            names.insert(id.to_string(), name.to_string());
            tally.kept += 1;
        }
    }
    Ok((names, tally))
}

/// Reads the file (or folder) and admits its records into `kept`.
pub fn import(
    path: &Path,
    provider_names: &BTreeMap<String, String>,
    admission: &mut Admission,
    kept: &mut Vec<Service>,
) -> Result<Tally, InputError> {
    let mut tally = Tally::default();
    for (label, value) in read_records(path)? {
        tally.read += 1;
        let id_hint = value
            .get("locationId")
            .and_then(Value::as_str)
            .unwrap_or("no locationId")
            .to_string();
        let record: ApiLocation = serde_json::from_value(value).map_err(|e| {
            InputError::record(
                &label,
                format!("location {id_hint}"),
                format!("is not a CQC location record: {e}"),
            )
        })?;
        if let Some(p) = admission.admit(candidate(record, label, provider_names), &mut tally) {
            kept.push(p);
        }
    }
    Ok(tally)
}

fn candidate(
    r: ApiLocation,
    place: String,
    provider_names: &BTreeMap<String, String>,
) -> Candidate {
    let mut services: Vec<ServiceType> = r
        .gac_service_types
        .iter()
        .filter_map(|s| ServiceType::from_cqc(&s.name))
        .collect();
    let social_care = r.kind.as_deref() == Some("Social Care Org");
    if social_care && services.is_empty() {
        // A social care location whose service type carefinder has no name for.
        services.push(ServiceType::Community);
    }
    services.sort();
    services.dedup();
    let (mut specialisms, mut other_specialisms) = (Vec::new(), Vec::new());
    for s in &r.specialisms {
        match Specialism::from_cqc(&s.name) {
            Some(known) => specialisms.push(known),
            None => other_specialisms.push(s.name.clone()),
        }
    }
    specialisms.sort();
    specialisms.dedup();
    let address = [
        &r.postal_address_line1,
        &r.postal_address_line2,
        &r.postal_address_town_city,
        &r.postal_address_county,
    ]
    .into_iter()
    .filter_map(|l| non_empty(l.as_deref()))
    .collect();
    let source_coordinates = r
        .onspd_latitude
        .zip(r.onspd_longitude)
        .map(|(lat, lon)| Point::new(lat, lon));
    let provider_name = r
        .provider_id
        .as_ref()
        .and_then(|id| provider_names.get(id).cloned());
    let provider = Service {
        id: r.location_id,
        name: r.name.unwrap_or_default(),
        provider_id: r.provider_id.unwrap_or_default(),
        provider_name,
        brand: brand(r.brand_name.as_deref()),
        also_known_as: non_empty(r.also_known_as.as_deref()),
        address,
        postcode: String::new(),
        lat: 0.0,
        lon: 0.0,
        local_authority: r.local_authority.unwrap_or_default(),
        council: None,
        services,
        specialisms,
        other_specialisms,
        beds: r.number_of_beds.filter(|&b| b > 0),
        ratings: ratings(r.current_ratings),
        last_inspection: r.last_inspection.and_then(|d| d.date),
        phone: non_empty(r.main_phone_number.as_deref()),
        website: website(r.website.as_deref()),
        fees: vec![],
        accepts_council_funding: None,
        vacancies: None,
    };
    // Line 2 often ends with the locality ("Crown Street, Failsworth"); the town is the post town.
    let places = [
        r.postal_address_line2
            .as_deref()
            .and_then(|l| l.rsplit(',').next()),
        r.postal_address_town_city.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|n| n.trim().to_string())
    .filter(|n| !n.is_empty())
    .collect();
    Candidate {
        places,
        place,
        provider,
        raw_postcode: r.postal_code.unwrap_or_default(),
        source_coordinates,
        registered: r.registration_status.as_deref() == Some("Registered"),
        social_care,
    }
}

fn ratings(current: Option<CurrentRatings>) -> Ratings {
    let Some(overall) = current.and_then(|c| c.overall) else {
        return Ratings::default();
    };
    let rated = |rating: &Option<String>, date: &Option<String>| {
        rating
            .as_deref()
            .and_then(Rating::from_cqc)
            .map(|rating| Rated {
                rating,
                date: date.clone(),
            })
    };
    let question = |name: &str| {
        overall
            .key_question_ratings
            .iter()
            .find(|k| k.name.eq_ignore_ascii_case(name))
            .and_then(|k| rated(&k.rating, &k.report_date))
    };
    Ratings {
        overall: rated(&overall.rating, &overall.report_date),
        safe: question("Safe"),
        effective: question("Effective"),
        caring: question("Caring"),
        responsive: question("Responsive"),
        well_led: question("Well-led"),
    }
}
