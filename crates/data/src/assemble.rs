//! Turns kept providers and postcodes into the published files: the search index, one details
//! file per postcode district, one postcode file per district and the district centroids.

use std::collections::BTreeMap;

use carefinder_core::dataset::{
    district_postcodes_path, service_details_path, DistrictCentroid, DistrictPostcodes, DISTRICTS_PATH, SERVICES_PATH,
};
use carefinder_core::distance::Point;
use carefinder_core::service::{Service, ServiceSummary};

use crate::output::DatasetWriter;

/// One located unit postcode: district ("NR2"), inward code ("1AB"), latitude, longitude.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitPostcode {
    pub district: String,
    pub inward: String,
    pub lat: f64,
    pub lon: f64,
}

/// Adds every provider and postcode file to `writer`. Providers come sorted by id so the
/// output never depends on input order.
/// District centroids come from the unit postcodes where the dataset has them, and from
/// `other_centroids` (e.g. ONS's whole-UK table) for every other district.
pub fn add_files(
    writer: &mut DatasetWriter,
    mut providers: Vec<Service>,
    postcodes: &[UnitPostcode],
    other_centroids: &BTreeMap<String, Point>,
) {
    providers.sort_by(|a, b| a.id.cmp(&b.id));
    let summaries: Vec<ServiceSummary> = providers.iter().map(Service::summary).collect();
    writer.add_json(SERVICES_PATH, &summaries);

    let mut by_district: BTreeMap<String, Vec<Service>> = BTreeMap::new();
    for p in providers {
        by_district.entry(p.district().to_string()).or_default().push(p);
    }
    for (district, records) in &by_district {
        writer.add_json(&service_details_path(district), records);
    }

    let mut units: BTreeMap<&str, Vec<(String, f64, f64)>> = BTreeMap::new();
    for pc in postcodes {
        units.entry(&pc.district).or_default().push((pc.inward.clone(), pc.lat, pc.lon));
    }
    let mut centroids: BTreeMap<String, Point> = other_centroids.clone();
    for (district, mut list) in units {
        list.sort_by(|a, b| a.0.cmp(&b.0));
        let n = list.len() as f64;
        let lat = list.iter().map(|u| u.1).sum::<f64>() / n;
        let lon = list.iter().map(|u| u.2).sum::<f64>() / n;
        centroids.insert(district.to_string(), Point::new(round5(lat), round5(lon)));
        writer.add_json(&district_postcodes_path(district), &DistrictPostcodes { district: district.to_string(), units: list });
    }
    let rows: Vec<DistrictCentroid> = centroids.into_iter().map(|(district, centre)| DistrictCentroid { district, centre }).collect();
    writer.add_json(DISTRICTS_PATH, &rows);
}

/// Five decimal places of a degree is about a metre: enough, and shorter.
pub fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}
