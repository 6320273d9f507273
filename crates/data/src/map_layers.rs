//! `map.json`, the results map's orientation layers: an outline of every postcode district the
//! dataset's postcodes cover (the convex hull of its unit postcodes), the names of the towns
//! and villages the services' addresses give (each at the median of its services), and, where
//! an open boundaries file covers them, the councils' boundaries. Every district, service and
//! boundary is accounted for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use carefinder_core::distance::{miles, Point};
use carefinder_core::map_layers::{
    outline, round4, simplified, CouncilBoundary, DistrictOutline, MapLayers, PlaceName,
};
use serde_json::Value;

use crate::accounting::{InputError, Tally};
use crate::assemble::UnitPostcode;
use crate::inputs::csv_file::{file_name, read_text};

/// A place name must gather its services within this many miles of their median.
pub const PLACE_SPREAD_MILES: f64 = 3.0;
/// Boundaries are simplified to about this many degrees (20 to 30 metres here).
const BOUNDARY_TOLERANCE: f64 = 0.0003;

/// One kept service's address names that could be its town or village, most specific first
/// ("Chadderton", then the post town "Oldham").
#[derive(Clone, Debug, PartialEq)]
pub struct NamedPlace {
    pub id: String,
    pub point: Point,
    pub names: Vec<String>,
}

/// The derived layers' accounting, reported as the inputs' is.
pub struct MapAccounts {
    pub districts: Tally,
    pub places: Tally,
}

impl MapAccounts {
    /// The rows of the build's table and report, named as the layers are.
    pub fn rows(&self) -> [(String, &Tally); 2] {
        [
            ("map: postcode districts".to_string(), &self.districts),
            ("map: services' towns".to_string(), &self.places),
        ]
    }
}

/// The district outlines and place names (council boundaries are added by `read_boundaries`).
pub fn layers(units: &[UnitPostcode], services: &[NamedPlace]) -> (MapLayers, MapAccounts) {
    let (districts, district_tally) = district_outlines(units);
    let (places, place_tally) = place_names(services);
    (
        MapLayers {
            districts,
            councils: vec![],
            places,
        },
        MapAccounts {
            districts: district_tally,
            places: place_tally,
        },
    )
}

fn district_outlines(units: &[UnitPostcode]) -> (Vec<DistrictOutline>, Tally) {
    let mut by_district: BTreeMap<&str, Vec<Point>> = BTreeMap::new();
    for u in units {
        by_district
            .entry(&u.district)
            .or_default()
            .push(Point::new(u.lat, u.lon));
    }
    let mut tally = Tally::default();
    let mut out = Vec::new();
    for (code, points) in by_district {
        tally.read += 1;
        let Some(ring) = outline(&points) else {
            tally.reject(
                "its postcodes enclose no area (too few, or in a line), so no outline",
                code,
            );
            continue;
        };
        let n = points.len() as f64;
        let lat = points.iter().map(|p| p.lat).sum::<f64>() / n;
        let lon = points.iter().map(|p| p.lon).sum::<f64>() / n;
        out.push(DistrictOutline {
            code: code.to_string(),
            label: [round4(lat), round4(lon)],
            ring,
        });
        tally.kept += 1;
    }
    (out, tally)
}

/// Words that end a street, building or estate name, never a town's.
const NOT_PLACE_WORDS: [&str; 38] = [
    "avenue",
    "brow",
    "building",
    "buildings",
    "business",
    "centre",
    "close",
    "court",
    "crescent",
    "drive",
    "estate",
    "fold",
    "floor",
    "gardens",
    "grove",
    "house",
    "industrial",
    "lane",
    "mews",
    "office",
    "parade",
    "park",
    "place",
    "precinct",
    "rd",
    "road",
    "row",
    "square",
    "st",
    "street",
    "suite",
    "terrace",
    "unit",
    "units",
    "walk",
    "way",
    "yard",
    "works",
];
/// Counties and countries, which addresses name but a map of a few miles should not.
const REGIONS: [&str; 8] = [
    "greater manchester",
    "lancashire",
    "cheshire",
    "west yorkshire",
    "norfolk",
    "suffolk",
    "england",
    "united kingdom",
];

/// The name as a town's name, or None when it is plainly not one (a street, a unit, a number).
fn as_place(raw: &str) -> Option<String> {
    let name = raw.trim().trim_matches(|c: char| c == ',' || c == '.');
    let lower = name.to_lowercase();
    let plain = name
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
    let words: Vec<&str> = lower.split_whitespace().collect();
    if name.len() < 3
        || !plain
        || words.is_empty()
        || words.len() > 3
        || words.iter().any(|w| NOT_PLACE_WORDS.contains(w))
        || REGIONS.contains(&lower.as_str())
    {
        return None;
    }
    // "OLDHAM" and "oldham" are written "Oldham".
    if name == name.to_uppercase() || name == lower {
        return Some(
            words
                .iter()
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// Each service's most specific place name, gathered by name. A name most of whose services
/// give a more specific one is a post town over other places ("Manchester" for Failsworth),
/// not a place; a name with fewer than half its services within `PLACE_SPREAD_MILES` of their
/// median is not one place either, and a service farther than that does not count for it.
pub fn place_names(services: &[NamedPlace]) -> (Vec<PlaceName>, Tally) {
    let mut tally = Tally::default();
    let mut chosen: BTreeMap<String, Vec<(&str, Point)>> = BTreeMap::new();
    // How often a name was passed over for a more specific one.
    let mut above: BTreeMap<String, usize> = BTreeMap::new();
    for s in services {
        tally.read += 1;
        let names: Vec<String> = s.names.iter().filter_map(|n| as_place(n)).collect();
        let Some(first) = names.first() else {
            tally.reject("no town or village in the address", &s.id);
            continue;
        };
        for broader in names.iter().skip(1).collect::<BTreeSet<_>>() {
            if broader != first {
                *above.entry(broader.clone()).or_default() += 1;
            }
        }
        chosen
            .entry(first.clone())
            .or_default()
            .push((&s.id, s.point));
    }
    let mut out = Vec::new();
    for (name, list) in chosen {
        if above.get(&name).copied().unwrap_or(0) > list.len() {
            for (id, _) in &list {
                tally.reject(
                    "its town is a post town over other places",
                    format!("{id} ({name})"),
                );
            }
            continue;
        }
        let at = Point::new(
            median(list.iter().map(|(_, p)| p.lat).collect()),
            median(list.iter().map(|(_, p)| p.lon).collect()),
        );
        let (near, far): (Vec<_>, Vec<_>) = list
            .iter()
            .partition(|(_, p)| miles(at, *p) <= PLACE_SPREAD_MILES);
        if near.len() * 2 < list.len() {
            for (id, _) in &list {
                tally.reject(
                    "its town's services are spread too widely to be one place",
                    format!("{id} ({name})"),
                );
            }
            continue;
        }
        for (id, _) in &far {
            tally.reject(
                "more than 3 miles from the other services naming its town",
                format!("{id} ({name})"),
            );
        }
        tally.kept += near.len();
        out.push(PlaceName {
            name,
            at: Point::new(round4(at.lat), round4(at.lon)),
            services: near.len() as u32,
        });
    }
    (out, tally)
}

/// Council boundaries from a GeoJSON FeatureCollection in lon/lat (ONS's generalised
/// boundaries, with `area_code` and `area_name` properties): the councils in `covered`, each
/// simplified. A file that is not such a collection is an error naming it; a feature that
/// cannot be used is a counted rejection.
pub fn read_boundaries(
    path: &Path,
    covered: &BTreeSet<String>,
) -> Result<(Vec<CouncilBoundary>, Tally), InputError> {
    let name = file_name(path);
    let value: Value = serde_json::from_str(&read_text(path)?)
        .map_err(|e| InputError::file(&name, format!("is not valid JSON ({e})")))?;
    let Some(features) = value.get("features").and_then(Value::as_array) else {
        return Err(InputError::file(
            &name,
            "is not a GeoJSON FeatureCollection",
        ));
    };
    let mut tally = Tally::default();
    let mut out = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        tally.read += 1;
        let record = format!("feature {}", i + 1);
        let props = feature.get("properties");
        let text = |key: &str| props.and_then(|p| p.get(key)).and_then(Value::as_str);
        let (Some(code), Some(council)) = (text("area_code"), text("area_name")) else {
            tally.reject("no area_code or area_name", record);
            continue;
        };
        if !covered.contains(code) {
            tally.reject(
                "not a council the dataset covers",
                format!("{record} ({code})"),
            );
            continue;
        }
        let rings = outer_rings(feature.get("geometry"));
        if rings.is_empty() {
            tally.reject(
                "no polygon with usable coordinates",
                format!("{record} ({code})"),
            );
            continue;
        }
        out.push(CouncilBoundary {
            code: code.to_string(),
            name: council.to_string(),
            rings,
        });
        tally.kept += 1;
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok((out, tally))
}

/// The outer ring of each polygon of a Polygon or MultiPolygon geometry, simplified.
fn outer_rings(geometry: Option<&Value>) -> Vec<carefinder_core::map_layers::Ring> {
    let Some(g) = geometry else { return vec![] };
    let coordinates = g.get("coordinates");
    let polygons: Vec<&Value> = match g.get("type").and_then(Value::as_str) {
        Some("Polygon") => coordinates.into_iter().collect(),
        Some("MultiPolygon") => coordinates
            .and_then(Value::as_array)
            .map(|list| list.iter().collect())
            .unwrap_or_default(),
        _ => vec![],
    };
    polygons
        .into_iter()
        .filter_map(|polygon| {
            let outer = polygon.as_array()?.first()?.as_array()?;
            let points: Option<Vec<[f64; 2]>> = outer
                .iter()
                .map(|pair| {
                    let (lon, lat) = (pair.get(0)?.as_f64()?, pair.get(1)?.as_f64()?);
                    crate::inputs::postcodes::in_uk(lat, lon).then_some([lon, lat])
                })
                .collect();
            simplified(&points?, BOUNDARY_TOLERANCE)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::test_files;

    fn service(id: &str, lat: f64, lon: f64, names: &[&str]) -> NamedPlace {
        NamedPlace {
            id: id.into(),
            point: Point::new(lat, lon),
            names: names.iter().map(|n| n.to_string()).collect(),
        }
    }

    #[test]
    fn streets_units_and_numbers_are_not_places() {
        for bad in [
            "Chapel Road",
            "Unit 50",
            "184-188",
            "Oldham Broadway Business Park",
            "Greater Manchester",
            "",
            "St",
        ] {
            assert_eq!(as_place(bad), None, "{bad}");
        }
        assert_eq!(as_place(" ROYTON ").as_deref(), Some("Royton"));
        assert_eq!(
            as_place("Ashton-under-Lyne").as_deref(),
            Some("Ashton-under-Lyne")
        );
    }

    #[test]
    fn places_sit_at_their_services_median_and_post_towns_over_other_places_are_dropped() {
        let services = vec![
            service("1-1", 53.540, -2.110, &["Oldham"]),
            service("1-2", 53.542, -2.112, &["Oldham"]),
            service("1-3", 53.544, -2.100, &["Chapel Road", "Oldham"]),
            // Manchester is only the post town of Failsworth's services.
            service("1-4", 53.508, -2.160, &["Failsworth", "Manchester"]),
            service("1-5", 53.509, -2.161, &["Crown Street", "Manchester"]),
            service("1-6", 53.510, -2.158, &["Failsworth", "Manchester"]),
            service("1-7", 53.506, -2.163, &["Failsworth", "Manchester"]),
            // An address with no town at all.
            service("1-8", 53.5, -2.1, &["Unit 4"]),
        ];
        let (places, tally) = place_names(&services);
        let names: Vec<(&str, u32)> = places
            .iter()
            .map(|p| (p.name.as_str(), p.services))
            .collect();
        assert_eq!(names, [("Failsworth", 3), ("Oldham", 3)]);
        assert_eq!(places[1].at, Point::new(53.542, -2.11));
        assert_eq!((tally.read, tally.kept, tally.rejected()), (8, 6, 2));
        assert_eq!(tally.unaccounted(), 0);
    }

    #[test]
    fn a_name_spread_over_many_miles_is_not_one_place_and_a_stray_service_is_counted() {
        let mut services: Vec<NamedPlace> = (0..4)
            .map(|i| {
                service(
                    &format!("1-{i}"),
                    53.0 + f64::from(i) * 0.1,
                    -2.0,
                    &["Everywhere"],
                )
            })
            .collect();
        for i in 0..4 {
            services.push(service(
                &format!("1-1{i}"),
                53.54,
                -2.11 + f64::from(i) * 0.001,
                &["Royton"],
            ));
        }
        services.push(service("1-20", 53.9, -2.11, &["Royton"]));
        let (places, tally) = place_names(&services);
        assert_eq!(places.len(), 1);
        assert_eq!((places[0].name.as_str(), places[0].services), ("Royton", 4));
        let reasons: Vec<(String, usize)> = tally
            .counts()
            .reasons
            .into_iter()
            .map(|r| (r.reason, r.count))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    "its town's services are spread too widely to be one place".to_string(),
                    4
                ),
                (
                    "more than 3 miles from the other services naming its town".to_string(),
                    1
                )
            ]
        );
    }

    #[test]
    fn districts_with_too_few_positions_have_no_outline() {
        let unit = |d: &str, lat: f64, lon: f64| UnitPostcode {
            district: d.into(),
            inward: "1AA".into(),
            lat,
            lon,
            council: None,
        };
        let units = [
            unit("OL1", 53.54, -2.11),
            unit("OL1", 53.55, -2.11),
            unit("OL1", 53.54, -2.10),
            unit("OL2", 53.56, -2.12),
        ];
        let (layers, accounts) = layers(&units, &[]);
        assert_eq!(layers.districts.len(), 1);
        assert_eq!(layers.districts[0].ring.len(), 3);
        assert_eq!(layers.districts[0].label, [53.5433, -2.1067]);
        assert_eq!((accounts.districts.read, accounts.districts.kept), (2, 1));
    }

    #[test]
    fn boundaries_keep_the_covered_councils_and_count_the_rest() {
        let path = test_files::write(
            "b.geojson",
            r#"{"type":"FeatureCollection","features":[
              {"properties":{"area_code":"E08000004","area_name":"Oldham"},"geometry":{"type":"Polygon","coordinates":[[[-2.2,53.5],[-2.0,53.5],[-2.0,53.6],[-2.2,53.6],[-2.2,53.5]]]}},
              {"properties":{"area_code":"E08000005","area_name":"Rochdale"},"geometry":{"type":"Polygon","coordinates":[[[-2.2,53.6],[-2.0,53.6],[-2.0,53.7]]]}},
              {"properties":{"area_code":"E08000001","area_name":"Bolton"},"geometry":{"type":"Point","coordinates":[-2.4,53.58]}},
              {"properties":{}}
            ]}"#,
        );
        let covered: BTreeSet<String> = ["E08000004", "E08000001"].map(String::from).into();
        let (list, tally) = read_boundaries(&path, &covered).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(
            list[0].rings[0].0,
            [53.5, -2.2, 53.5, -2.0, 53.6, -2.0, 53.6, -2.2]
        );
        assert_eq!((tally.read, tally.kept, tally.rejected()), (4, 1, 3));
        let broken = test_files::write("b.geojson", "{\"type\":");
        let err = read_boundaries(&broken, &covered).unwrap_err();
        assert!(
            err.to_string().starts_with("b.geojson: is not valid JSON"),
            "{err}"
        );
        let not_geojson = test_files::write("b.geojson", "[1,2]");
        assert!(read_boundaries(&not_geojson, &covered).is_err());
    }
}
