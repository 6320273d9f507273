//! Independent answers for the journeys, worked out here from a dataset's source files, never
//! from what the app shows: for the real data, CQC's JSON and ONS's postcode CSVs in
//! ../shared/data; for the example data (synthetic, it has no other source), the JSON files
//! `carefinder-data example` wrote into target/datasets/example, read directly.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{root, shared_data, Data};

/// One care service as the source files describe it.
#[derive(Clone, Debug)]
pub struct SourceService {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// The source's own words for its types of care: CQC's ("Residential homes") or the
    /// example data's keys ("care_home").
    pub services: Vec<String>,
    /// (question, rating as people read it, ISO date) for each question rated with a date:
    /// "Overall", "Safe", "Effective", "Caring", "Responsive", "Well-led".
    pub ratings: Vec<(String, String, String)>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub publishes_fees: bool,
    /// The registered provider's name, where the source names it.
    pub provider: Option<String>,
}

impl SourceService {
    /// A question's rating and its date, if it has one.
    pub fn rating(&self, question: &str) -> Option<(&str, &str)> {
        self.ratings
            .iter()
            .find(|r| r.0 == question)
            .map(|r| (r.1.as_str(), r.2.as_str()))
    }
}

/// The key questions CQC rates besides the overall rating, as pages name them.
pub const KEY_QUESTIONS: [&str; 5] = ["Safe", "Effective", "Caring", "Responsive", "Well-led"];

/// Which dataset a journey runs on, and where its source files are.
#[derive(Clone, Debug)]
pub enum Source {
    /// ../shared/data (served by a `Data::Default` site, which scripts/test builds from it).
    Real(PathBuf),
    /// target/datasets/example (served by a `Data::Example` site).
    Example(PathBuf),
}

impl Source {
    /// The real data, or None (having said SKIPPED) when this machine lacks it; under CI=true a
    /// missing folder fails instead (see `shared_data`).
    pub fn real() -> Option<Source> {
        shared_data().map(Source::Real)
    }

    pub fn example() -> Source {
        Source::Example(root().join("target/datasets/example"))
    }

    /// The site data a journey on this source serves.
    pub fn data(&self) -> Data {
        match self {
            Source::Real(_) => Data::Default,
            Source::Example(_) => Data::Example,
        }
    }

    /// "real" or "example", to name a journey's site and its evidence folder.
    pub fn label(&self) -> &'static str {
        match self {
            Source::Real(_) => "real",
            Source::Example(_) => "example",
        }
    }

    /// Every service a search can find.
    pub fn services(&self) -> Vec<SourceService> {
        match self {
            Source::Real(dir) => cqc_services(dir),
            Source::Example(dir) => example_services(dir),
        }
    }

    /// The services that offer one type of care, by the app's key for it ("care_home").
    pub fn offering(&self, key: &str) -> Vec<SourceService> {
        let word = match self {
            // CQC's names for the types these journeys filter by.
            Source::Real(_) => match key {
                "care_home" => "Residential homes",
                "shared_lives" => "Shared lives",
                other => panic!("no CQC name is written here for the type {other:?}"),
            },
            Source::Example(_) => key,
        };
        self.services()
            .into_iter()
            .filter(|s| s.services.iter().any(|t| t == word))
            .collect()
    }

    /// A service by its id (the CQC location id; the example's own ids).
    pub fn service(&self, id: &str) -> SourceService {
        self.services()
            .into_iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("{id} is not in the source files"))
    }

    /// A district's unit postcodes, as "OUT IN", with their positions (none outside the area).
    pub fn district_units(&self, district: &str) -> Vec<(String, (f64, f64))> {
        match self {
            Source::Real(dir) => {
                let area: String = district
                    .chars()
                    .take_while(char::is_ascii_alphabetic)
                    .collect();
                let file = dir.join(format!("postcodes/nspl_may2025_latlong_{area}.csv"));
                if !file.is_file() {
                    return vec![];
                }
                ons_rows(&file)
                    .into_iter()
                    .filter(|(pc, _)| pc.split(' ').next() == Some(district))
                    .collect()
            }
            Source::Example(dir) => example_units(dir, district),
        }
    }

    /// A unit postcode's position (spaces and case ignored).
    pub fn postcode(&self, wanted: &str) -> (f64, f64) {
        self.find_postcode(wanted)
            .unwrap_or_else(|| panic!("{wanted} is not in the source's postcode files"))
    }

    pub fn find_postcode(&self, wanted: &str) -> Option<(f64, f64)> {
        let key = compact(wanted);
        let district = &key[..key.len().saturating_sub(3)];
        self.district_units(district)
            .into_iter()
            .find(|(pc, _)| compact(pc) == key)
            .map(|(_, at)| at)
    }

    /// The mean position of a district's located unit postcodes, rounded as the dataset keeps
    /// positions (5 decimal places).
    pub fn district_centre(&self, district: &str) -> (f64, f64) {
        let units = self.district_units(district);
        assert!(
            !units.is_empty(),
            "{district} has no postcodes in the source files"
        );
        let n = units.len() as f64;
        let round = |x: f64| (x * 100_000.0).round() / 100_000.0;
        (
            round(units.iter().map(|u| u.1 .0).sum::<f64>() / n),
            round(units.iter().map(|u| u.1 .1).sum::<f64>() / n),
        )
    }

    /// A full postcode with plenty of services around it, as a person would write it.
    pub fn home_postcode(&self) -> String {
        match self {
            Source::Real(_) => "OL1 1AA".into(),
            // The first service's own postcode: at least one service is 0 miles from it.
            Source::Example(dir) => example_records(dir)[0]["postcode"]
                .as_str()
                .unwrap()
                .to_string(),
        }
    }

    /// Postcodes to search from, each as someone might type it, with a distance.
    pub fn typed_postcodes(&self) -> Vec<(String, f64)> {
        match self {
            Source::Real(_) => vec![
                ("ol1 1aa".into(), 1.0),
                ("OL9 6LD".into(), 5.0),
                ("OL4  2SF".into(), 10.0),
            ],
            Source::Example(dir) => {
                // Three services' postcodes (so every search finds something), typed in lower
                // case, as written, and with a doubled space.
                let all = example_records(dir);
                let pc = |i: usize| {
                    all[i * all.len() / 3]["postcode"]
                        .as_str()
                        .unwrap()
                        .to_string()
                };
                vec![
                    (pc(0).to_lowercase(), 1.0),
                    (pc(1), 5.0),
                    (pc(2).replace(' ', "  "), 10.0),
                ]
            }
        }
    }

    /// A full postcode whose nearest service of type `key` is more than a mile away, though
    /// one is within 5 miles: a search within 1 mile finds none and can offer a wider one.
    pub fn postcode_beyond_a_mile_of(&self, key: &str) -> String {
        match self {
            Source::Real(_) => "OL1 1AA".into(),
            Source::Example(dir) => {
                let offering = self.offering(key);
                // Every district the example has postcodes in, from its district centres.
                let centres: Vec<Value> = serde_json::from_str(
                    &std::fs::read_to_string(example_build(dir).join("postcodes/districts.json"))
                        .expect("district centres"),
                )
                .expect("centres JSON");
                let mut districts: Vec<String> = centres
                    .iter()
                    .map(|c| c[0].as_str().unwrap().to_string())
                    .collect();
                districts.sort();
                let nearest = |at: (f64, f64)| {
                    offering
                        .iter()
                        .map(|s| miles(at, (s.lat, s.lon)))
                        .fold(f64::INFINITY, f64::min)
                };
                districts
                    .iter()
                    .flat_map(|d| self.district_units(d))
                    .find(|(_, at)| (1.2..4.5).contains(&nearest(*at)))
                    .map(|(pc, _)| pc)
                    .unwrap_or_else(|| panic!("no example postcode is between 1 and 5 miles from the nearest {key} service"))
            }
        }
    }

    /// A well-formed postcode in the area's districts that the postcode files do not list.
    pub fn unlisted_postcode(&self) -> String {
        let postcode = match self {
            Source::Real(_) => "OL1 0AA",
            Source::Example(_) => "ZZ5 9ZZ",
        };
        assert!(
            self.find_postcode(postcode).is_none(),
            "the check needs a well-formed postcode that the source does not list"
        );
        postcode.into()
    }

    /// A well-formed postcode outside the area the dataset covers.
    pub fn outside_postcode(&self) -> String {
        match self {
            Source::Real(_) => "ZZ9 9ZZ".into(),
            Source::Example(_) => "OL1 1AA".into(),
        }
    }

    /// A device position inside the area (as a browser reports it: more decimals than kept).
    pub fn a_position(&self) -> (f64, f64) {
        match self {
            Source::Real(_) => (53.54113, -2.11701),
            Source::Example(_) => (52.62813, 1.28701),
        }
    }
}

fn compact(postcode: &str) -> String {
    postcode.to_uppercase().split_whitespace().collect()
}

fn cqc_services(shared: &Path) -> Vec<SourceService> {
    let text = std::fs::read_to_string(shared.join("cqc/oldham_cqc_api_locations_2025-03.json"))
        .expect("source JSON");
    let all: Vec<Value> = serde_json::from_str(&text).expect("valid JSON");
    // Providers' names are in CQC's providers file, by provider id.
    let providers: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(shared.join("cqc/oldham_cqc_api_providers_2025-03.json"))
            .expect("providers JSON"),
    )
    .expect("valid JSON");
    let provider = |id: &Value| {
        providers
            .iter()
            .find(|p| &p["providerId"] == id)
            .and_then(|p| p["name"].as_str())
            .map(str::to_string)
    };
    all.iter()
        .filter(|l| l["type"] == "Social Care Org" && l["registrationStatus"] == "Registered")
        .map(|l| SourceService {
            id: l["locationId"].as_str().unwrap().into(),
            name: l["name"].as_str().unwrap().into(),
            lat: l["onspdLatitude"].as_f64().unwrap(),
            lon: l["onspdLongitude"].as_f64().unwrap(),
            services: l["gacServiceTypes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["name"].as_str().unwrap().to_string())
                .collect(),
            ratings: cqc_ratings(&l["currentRatings"]["overall"]),
            phone: l["mainPhoneNumber"].as_str().map(str::to_string),
            website: l["website"].as_str().map(str::to_string),
            // CQC publishes no fees.
            publishes_fees: false,
            provider: provider(&l["providerId"]),
        })
        .collect()
}

/// CQC's overall rating and its key question ratings; "No published rating" is no rating.
fn cqc_ratings(overall: &Value) -> Vec<(String, String, String)> {
    let rated = |question: &str, r: &Value| match (r["rating"].as_str(), r["reportDate"].as_str()) {
        (Some(rating), Some(date)) if rating != "No published rating" => {
            Some((question.to_string(), rating.to_string(), date.to_string()))
        }
        _ => None,
    };
    let questions = overall["keyQuestionRatings"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rated("Overall", overall)
        .into_iter()
        .chain(KEY_QUESTIONS.iter().filter_map(|k| {
            questions
                .iter()
                .find(|q| q["name"] == *k)
                .and_then(|q| rated(k, q))
        }))
        .collect()
}

/// The example's detail files, one per postcode area (data/<build>/services/ZZ.json).
fn example_records(dir: &Path) -> Vec<Value> {
    let mut records = Vec::new();
    for entry in
        std::fs::read_dir(example_build(dir).join("services")).expect("example services folder")
    {
        let path = entry.expect("folder entry").path();
        // Compressed copies (.br, .gz) sit beside the files when the dataset was compressed.
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let list: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("details file"))
                .expect("details JSON");
        records.extend(list);
    }
    // In id order, whatever order the folder lists its files in.
    records.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    records
}

fn example_services(dir: &Path) -> Vec<SourceService> {
    example_records(dir)
        .iter()
        .map(|p| SourceService {
            id: p["id"].as_str().unwrap().into(),
            name: p["name"].as_str().unwrap().into(),
            lat: p["lat"].as_f64().unwrap(),
            lon: p["lon"].as_f64().unwrap(),
            services: p["services"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect(),
            ratings: ["Overall"]
                .iter()
                .chain(KEY_QUESTIONS.iter())
                .filter_map(|q| example_rating(q, &p["ratings"]))
                .collect(),
            phone: p["phone"].as_str().map(str::to_string),
            website: p["website"].as_str().map(str::to_string),
            publishes_fees: p["fees"].as_array().is_some_and(|f| !f.is_empty()),
            provider: p["provider_name"].as_str().map(str::to_string),
        })
        .collect()
}

/// One of the example's ratings ({"rating": "requires_improvement", "date": ...}) as people read it.
fn example_rating(question: &str, ratings: &Value) -> Option<(String, String, String)> {
    let field = if question == "Well-led" {
        "well_led".to_string()
    } else {
        question.to_lowercase()
    };
    let r = &ratings[field];
    let words = match r["rating"].as_str()? {
        "outstanding" => "Outstanding",
        "good" => "Good",
        "requires_improvement" => "Requires improvement",
        "inadequate" => "Inadequate",
        other => panic!("unknown rating {other:?}"),
    };
    Some((
        question.to_string(),
        words.to_string(),
        r["date"].as_str()?.to_string(),
    ))
}

/// Rows of an ONS `Postcode,lat,long` file, skipping postcodes without a position.
fn ons_rows(path: &Path) -> Vec<(String, (f64, f64))> {
    let text = std::fs::read_to_string(path).expect("postcode file");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut f = line.split(',');
            let (pc, lat, lon) = (f.next()?, f.next()?, f.next()?);
            Some((
                pc.split_whitespace().collect::<Vec<_>>().join(" "),
                (lat.parse().ok()?, lon.parse().ok()?),
            ))
        })
        .collect()
}

/// The units of an example district file ({"district": "ZZ1", "units": [["1AB", lat, lon]...]}).
/// The folder of the build the example dataset's manifest names, where its files are.
fn example_build(dir: &Path) -> PathBuf {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("example manifest"),
    )
    .expect("manifest JSON");
    dir.join(
        manifest["build"]
            .as_str()
            .expect("the manifest names its build"),
    )
}

/// One district's postcodes from the example's area file, decoded here: inward codes run
/// together, coordinates as running sums of hundred-thousandths of a degree.
fn example_units(dir: &Path, district: &str) -> Vec<(String, (f64, f64))> {
    let area: String = district
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let path = example_build(dir).join(format!("postcodes/{area}.json"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return vec![];
    };
    let file: Value = serde_json::from_str(&text).expect("postcode JSON");
    let Some(d) = file["districts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["district"] == district)
    else {
        return vec![];
    };
    let codes = d["inward"].as_str().unwrap();
    let sums = |key: &str| {
        let mut total = 0i64;
        d[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                total += v.as_i64().unwrap();
                total as f64 / 100_000.0
            })
            .collect::<Vec<f64>>()
    };
    let (lat, lon) = (sums("lat"), sums("lon"));
    (0..lat.len())
        .map(|i| {
            (
                format!("{district} {}", &codes[3 * i..3 * i + 3]),
                (lat[i], lon[i]),
            )
        })
        .collect()
}

/// Great-circle distance in miles, written out here (haversine, mean Earth radius 6371.0088 km).
pub fn miles(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let (dp, dl) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin() / 1609.344
}

/// Services within `radius` miles of `origin`, nearest first (ties by name), with distances.
pub fn within(services: &[SourceService], origin: (f64, f64), radius: f64) -> Vec<(String, f64)> {
    let mut hits: Vec<(String, f64)> = services
        .iter()
        .map(|s| (s.name.clone(), miles(origin, (s.lat, s.lon))))
        .filter(|(_, d)| *d <= radius)
        .collect();
    hits.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    hits
}

/// "2024-03-02" -> "2 March 2024", written out here rather than borrowed from the app.
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let p: Vec<&str> = iso.split('-').collect();
    format!(
        "{} {} {}",
        p[2].trim_start_matches('0'),
        MONTHS[p[1].parse::<usize>().unwrap() - 1],
        p[0]
    )
}
