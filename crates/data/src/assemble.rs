//! Turns kept providers and postcodes into the published files: the search index, one details
//! file per postcode district, one postcode file per postcode area and the district centroids.

use std::collections::BTreeMap;

use carefinder_core::area_postcodes::{area_of, AreaPostcodes, CouncilRow};
use carefinder_core::dataset::{
    postcode_area_path, service_details_path, DistrictCentroid, DISTRICTS_PATH, SERVICES_PATH,
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
    /// ONS code of the council that runs adult social care there, when known.
    pub council: Option<String>,
}

/// Adds every provider and postcode file to `writer`. Providers come sorted by id so the
/// output never depends on input order.
/// District centroids come from the unit postcodes where the dataset has them, and from
/// `other_centroids` (e.g. ONS's whole-UK table) for every other district. A postcode the
/// area files cannot hold (its district is not a postcode area's letters and digits) is an
/// error naming it.
pub fn add_files(
    writer: &mut DatasetWriter,
    mut providers: Vec<Service>,
    postcodes: &[UnitPostcode],
    other_centroids: &BTreeMap<String, Point>,
) -> Result<(), String> {
    providers.sort_by(|a, b| a.id.cmp(&b.id));
    let summaries: Vec<ServiceSummary> = providers.iter().map(Service::summary).collect();
    writer.add_json(SERVICES_PATH, &summaries);

    let mut by_area: BTreeMap<String, Vec<Service>> = BTreeMap::new();
    for p in providers {
        by_area
            .entry(area_of(p.district()).to_string())
            .or_default()
            .push(p);
    }
    for (area, records) in &by_area {
        writer.add_json(&service_details_path(area), records);
    }

    let mut units: BTreeMap<&str, Vec<&UnitPostcode>> = BTreeMap::new();
    for pc in postcodes {
        units.entry(&pc.district).or_default().push(pc);
    }
    let mut centroids: BTreeMap<String, Point> = other_centroids.clone();
    let mut areas: BTreeMap<&str, Vec<CouncilRow>> = BTreeMap::new();
    for (district, list) in units {
        let n = list.len() as f64;
        let lat = list.iter().map(|u| u.lat).sum::<f64>() / n;
        let lon = list.iter().map(|u| u.lon).sum::<f64>() / n;
        centroids.insert(district.to_string(), Point::new(round5(lat), round5(lon)));
        let rows = areas.entry(area_of(district)).or_default();
        rows.extend(list.iter().map(|u| {
            (
                u.district.clone(),
                u.inward.clone(),
                Point::new(u.lat, u.lon),
                u.council.clone(),
            )
        }));
    }
    for (area, rows) in areas {
        let file = AreaPostcodes::with_councils(area, rows)
            .map_err(|why| format!("postcode area {area}: {why}"))?;
        writer.add_json(&postcode_area_path(area), &file);
    }
    let rows: Vec<DistrictCentroid> = centroids
        .into_iter()
        .map(|(district, centre)| DistrictCentroid { district, centre })
        .collect();
    writer.add_json(DISTRICTS_PATH, &rows);
    Ok(())
}

/// Five decimal places of a degree is about a metre: enough, and shorter.
pub fn round5(x: f64) -> f64 {
    (x * 100_000.0).round() / 100_000.0
}
