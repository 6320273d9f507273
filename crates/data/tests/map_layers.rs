//! The map's layers (`map.json`) checked against independent readings of their sources: the ONS
//! postcode files and CQC's records for the real data (../shared/data: required on CI, reported
//! as SKIPPED elsewhere, like every real-data check), the generator's own records for the example.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use carefinder_core::distance::{miles, Point};
use carefinder_data::shared_layout::{OLDHAM_LOCATIONS, POSTCODES_FOLDER};
use carefinder_data::synthetic::example;
use common::synthetic::{EXAMPLE_COUNT, EXAMPLE_SEED};
use common::*;
use serde_json::Value;

/// Rounding to 4 decimal places moves a corner by at most this much (in degrees).
const ROUNDING: f64 = 0.00008;

type Ring = Vec<(f64, f64)>;

fn ring(v: &Value) -> Ring {
    let flat: Vec<f64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(flat.len() % 2, 0, "a ring is lat, lon pairs");
    flat.chunks(2).map(|c| (c[0], c[1])).collect()
}

/// Twice the signed area (degrees squared): not zero for a ring that encloses something.
fn area2(r: &Ring) -> f64 {
    (0..r.len())
        .map(|i| {
            let (a, b) = (r[i], r[(i + 1) % r.len()]);
            a.1 * b.0 - b.1 * a.0
        })
        .sum()
}

/// The distance in degrees from a point to a segment.
fn to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = dx * dx + dy * dy;
    let t = if len == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len).clamp(0.0, 1.0)
    };
    ((p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)).sqrt()
}

/// Inside by ray casting, or within `tolerance` degrees of an edge.
fn inside_or_on(p: (f64, f64), r: &Ring, tolerance: f64) -> bool {
    let mut inside = false;
    for i in 0..r.len() {
        let (a, b) = (r[i], r[(i + 1) % r.len()]);
        if to_segment(p, a, b) <= tolerance {
            return true;
        }
        if (a.0 > p.0) != (b.0 > p.0) && p.1 < (b.1 - a.1) * (p.0 - a.0) / (b.0 - a.0) + a.1 {
            inside = !inside;
        }
    }
    inside
}

fn map_file(out: &Path) -> Value {
    let manifest = read_json(&out.join("manifest.json"));
    let listed = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "map.json");
    let listed = listed.expect("the manifest lists map.json");
    let path = built(out).join("map.json");
    assert_eq!(
        listed["bytes"].as_u64(),
        Some(std::fs::metadata(&path).unwrap().len())
    );
    read_json(&path)
}

/// Each district's outline holds every one of its postcodes, is a real area in England, and
/// is labelled at the mean of its postcodes.
fn check_districts(map: &Value, units: &BTreeMap<String, Vec<(f64, f64)>>) {
    let outlines: BTreeMap<&str, &Value> = map["districts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d))
        .collect();
    for (district, points) in units {
        let mut distinct = points.clone();
        distinct.sort_by(|a, b| a.partial_cmp(b).unwrap());
        distinct.dedup();
        let Some(d) = outlines.get(district.as_str()) else {
            // Left out only when its positions are too few or (nearly) in a line.
            assert!(
                distinct.len() <= 12,
                "{district} has {} positions but no outline",
                distinct.len()
            );
            for a in &distinct {
                for b in &distinct {
                    for c in &distinct {
                        let twice = ((b.1 - a.1) * (c.0 - a.0) - (c.1 - a.1) * (b.0 - a.0)).abs();
                        assert!(
                            twice < 2e-7,
                            "{district}'s positions enclose an area but it has no outline"
                        );
                    }
                }
            }
            continue;
        };
        let r = ring(&d["ring"]);
        assert!(
            r.len() >= 3 && area2(&r).abs() > 1e-9,
            "{district}'s outline encloses nothing"
        );
        for &(lat, lon) in &r {
            assert!(
                (49.8..=55.9).contains(&lat) && (-6.5..=1.8).contains(&lon),
                "{district} reaches {lat},{lon}"
            );
        }
        for &p in points {
            assert!(
                inside_or_on(p, &r, ROUNDING),
                "{district}'s postcode at {p:?} is outside its outline"
            );
        }
        let n = points.len() as f64;
        let mean = (
            points.iter().map(|p| p.0).sum::<f64>() / n,
            points.iter().map(|p| p.1).sum::<f64>() / n,
        );
        let label = (
            d["label"][0].as_f64().unwrap(),
            d["label"][1].as_f64().unwrap(),
        );
        assert!(
            (label.0 - mean.0).abs() < 1e-4 && (label.1 - mean.1).abs() < 1e-4,
            "{district} labelled at {label:?}, mean {mean:?}"
        );
    }
    assert_eq!(
        outlines.keys().filter(|k| !units.contains_key(**k)).count(),
        0,
        "outlines of districts with no postcodes"
    );
}

fn places(map: &Value) -> BTreeMap<String, (Point, u64)> {
    map["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let point = Point::new(p[1].as_f64().unwrap(), p[2].as_f64().unwrap());
            (
                p[0].as_str().unwrap().to_string(),
                (point, p[3].as_u64().unwrap()),
            )
        })
        .collect()
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

/// Most of the services whose address names a place are within 3 miles of where it is shown.
fn check_near_their_services(name: &str, at: Point, naming: &[Point]) {
    assert!(!naming.is_empty(), "no service's address names {name}");
    let near = naming.iter().filter(|p| miles(at, **p) <= 3.0).count();
    assert!(
        near * 2 >= naming.len(),
        "{name}: only {near} of the {} services naming it are within 3 miles",
        naming.len()
    );
}

#[test]
fn real_district_outlines_hold_their_postcodes_and_place_names_sit_among_their_services() {
    let Some((shared, out, run)) = real_dataset("map-real") else {
        return;
    };
    let map = map_file(&out);

    // Every located unit postcode, read here from ONS's files.
    let mut units: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for entry in std::fs::read_dir(shared.join(POSTCODES_FOLDER)).unwrap() {
        let path = entry.unwrap().path();
        if !path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("nspl_")
        {
            continue;
        }
        for row in csv::Reader::from_path(&path).unwrap().records() {
            let row = row.unwrap();
            let (pc, lat, lon) = (row[0].replace(' ', "").to_uppercase(), &row[1], &row[2]);
            let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>()) else {
                continue;
            };
            if lat == 0.0 || pc.len() < 5 {
                continue;
            }
            units
                .entry(pc[..pc.len() - 3].to_string())
                .or_default()
                .push((lat, lon));
        }
    }
    assert!(
        units["OL1"].len() > 500,
        "OL1 has {} postcodes",
        units["OL1"].len()
    );
    check_districts(&map, &units);
    let codes: Vec<&str> = map["districts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"OL1") && codes.contains(&"NR2") && codes.contains(&"M1"),
        "{codes:?}"
    );

    // The places, against CQC's own records: where a service's address names each.
    let source = read_json(&OLDHAM_LOCATIONS.path(&shared));
    let services: Vec<&Value> = source
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["type"] == "Social Care Org" && l["registrationStatus"] == "Registered")
        .collect();
    let naming = |name: &str| -> Vec<Point> {
        services
            .iter()
            .filter(|l| {
                let locality = l["postalAddressLine2"]
                    .as_str()
                    .and_then(|a| a.rsplit(',').next())
                    .map(str::trim);
                locality == Some(name) || l["postalAddressTownCity"].as_str() == Some(name)
            })
            .map(|l| {
                Point::new(
                    l["onspdLatitude"].as_f64().unwrap(),
                    l["onspdLongitude"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    let shown = places(&map);
    for name in ["Oldham", "Royton", "Shaw", "Chadderton", "Failsworth"] {
        assert!(
            shown.contains_key(name),
            "{name} is not on the map: {shown:?}"
        );
    }
    for (name, (at, count)) in &shown {
        check_near_their_services(name, *at, &naming(name));
        assert!(
            *count >= 1 && *count as usize <= naming(name).len(),
            "{name} counts {count}"
        );
    }
    // A locality's name sits at the median of the services giving it.
    for name in ["Royton", "Shaw", "Chadderton"] {
        let list = naming(name);
        let median = Point::new(
            median(list.iter().map(|p| p.lat).collect()),
            median(list.iter().map(|p| p.lon).collect()),
        );
        assert!(
            miles(shown[name].0, median) < 0.05,
            "{name} is drawn {} miles from its services' median",
            miles(shown[name].0, median)
        );
    }
    // "Manchester" is only the post town of Failsworth and Middleton here: not a place on this map.
    assert!(!shown.contains_key("Manchester"));

    // Council boundaries: Greater Manchester's ten, and Oldham's holds Oldham's services.
    let councils = map["councils"].as_array().unwrap();
    assert_eq!(councils.len(), 10, "{}", councils.len());
    let oldham = councils
        .iter()
        .find(|c| c["code"] == "E08000004")
        .expect("Oldham's boundary");
    assert_eq!(oldham["name"], "Oldham");
    let rings: Vec<Ring> = oldham["rings"]
        .as_array()
        .unwrap()
        .iter()
        .map(ring)
        .collect();
    let in_oldham = services
        .iter()
        .filter(|l| l["localAuthority"] == "Oldham")
        .map(|l| {
            (
                l["onspdLatitude"].as_f64().unwrap(),
                l["onspdLongitude"].as_f64().unwrap(),
            )
        })
        .collect::<Vec<_>>();
    let held = in_oldham
        .iter()
        .filter(|p| rings.iter().any(|r| inside_or_on(**p, r, 0.0005)))
        .count();
    assert!(
        held * 100 >= in_oldham.len() * 98,
        "Oldham's boundary holds {held} of its {} services",
        in_oldham.len()
    );

    // Small enough to fetch after the results: well under 150 KB before compression.
    let bytes = std::fs::metadata(built(&out).join("map.json"))
        .unwrap()
        .len();
    assert!(bytes < 150_000, "map.json is {bytes} bytes");
    assert!(
        stdout(&run).contains("The map (map.json): "),
        "{}",
        stdout(&run)
    );
}

#[test]
fn example_district_outlines_and_place_names_come_from_the_generators_own_records() {
    let (out, _) = example_dataset("map-example", &[]);
    let map = map_file(&out);
    let (postcodes, services) = example::generate(EXAMPLE_COUNT, EXAMPLE_SEED);
    let mut units: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for u in &postcodes {
        units
            .entry(u.district.clone())
            .or_default()
            .push((u.lat, u.lon));
    }
    check_districts(&map, &units);
    assert_eq!(map["districts"].as_array().unwrap().len(), 9);
    assert!(
        map["councils"].as_array().unwrap().is_empty(),
        "the example has no real boundaries"
    );
    let shown = places(&map);
    assert!(shown.len() >= 6, "{shown:?}");
    for (name, (at, _)) in &shown {
        assert!(
            name.starts_with("Example"),
            "{name} does not read as made up"
        );
        let naming: Vec<Point> = services
            .iter()
            .filter(|s| s.address.iter().any(|a| a == name))
            .map(|s| Point::new(s.lat, s.lon))
            .collect();
        check_near_their_services(name, *at, &naming);
    }
}
