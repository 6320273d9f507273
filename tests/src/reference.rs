//! Independent answers for the search journeys, worked out from the source files themselves
//! (CQC's JSON and ONS's postcode CSV), never from the app's dataset.

use std::path::Path;

use serde_json::Value;

/// One registered social care location from the CQC source file.
#[derive(Clone, Debug)]
pub struct SourceService {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub services: Vec<String>,
}

pub fn oldham_services(shared: &Path) -> Vec<SourceService> {
    let text = std::fs::read_to_string(shared.join("cqc/oldham_cqc_api_locations_2025-03.json")).expect("source JSON");
    let all: Vec<Value> = serde_json::from_str(&text).expect("valid JSON");
    all.iter()
        .filter(|l| l["type"] == "Social Care Org" && l["registrationStatus"] == "Registered")
        .map(|l| SourceService {
            id: l["locationId"].as_str().unwrap().into(),
            name: l["name"].as_str().unwrap().into(),
            lat: l["onspdLatitude"].as_f64().unwrap(),
            lon: l["onspdLongitude"].as_f64().unwrap(),
            services: l["gacServiceTypes"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_string()).collect(),
        })
        .collect()
}

/// A unit postcode's coordinates from an ONS `Postcode,lat,long` file (spaces ignored).
pub fn postcode(shared: &Path, area_file: &str, wanted: &str) -> (f64, f64) {
    let text = std::fs::read_to_string(shared.join("postcodes").join(area_file)).expect("postcode file");
    let key = wanted.replace(' ', "");
    text.lines()
        .skip(1)
        .find_map(|line| {
            let mut f = line.split(',');
            let (pc, lat, lon) = (f.next()?, f.next()?, f.next()?);
            (pc.replace(' ', "") == key).then(|| (lat.parse().ok(), lon.parse().ok())).and_then(|(a, b)| a.zip(b))
        })
        .expect("postcode in file")
}

/// The mean position of a district's located unit postcodes.
pub fn district_mean(shared: &Path, area_file: &str, district: &str) -> (f64, f64) {
    let text = std::fs::read_to_string(shared.join("postcodes").join(area_file)).expect("postcode file");
    let (mut lat, mut lon, mut n) = (0.0, 0.0, 0.0);
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let compact = f[0].replace(' ', "");
        if compact.len() < 5 || compact[..compact.len() - 3] != *district {
            continue;
        }
        if let (Ok(a), Ok(b)) = (f[1].parse::<f64>(), f[2].parse::<f64>()) {
            lat += a;
            lon += b;
            n += 1.0;
        }
    }
    let round = |x: f64| (x * 100_000.0).round() / 100_000.0;
    (round(lat / n), round(lon / n))
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
    let mut hits: Vec<(String, f64)> =
        services.iter().map(|s| (s.name.clone(), miles(origin, (s.lat, s.lon)))).filter(|(_, d)| *d <= radius).collect();
    hits.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    hits
}
