//! Places and the distances between them, in miles, on a spherical Earth (the geo crate's
//! haversine), and the flat projection the results map draws with.

use geo::{Distance, Haversine};
use serde::{Deserialize, Serialize};

pub const METRES_PER_MILE: f64 = 1609.344;

/// The mean Earth radius the haversine uses (geo's, IUGG), in metres.
const EARTH_RADIUS_METRES: f64 = 6_371_008.8;
/// Miles in one degree of latitude, and in one degree of longitude at the equator (a degree of
/// longitude shrinks with the cosine of the latitude).
const MILES_PER_DEGREE: f64 = EARTH_RADIUS_METRES / METRES_PER_MILE * std::f64::consts::PI / 180.0;

/// A place, in degrees. Every position in carefinder (a service, a postcode, a district's
/// centre, the device's location) is one of these.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

impl Point {
    pub const fn new(lat: f64, lon: f64) -> Point {
        Point { lat, lon }
    }

    /// Miles of longitude per degree here.
    fn miles_per_degree_lon(self) -> f64 {
        MILES_PER_DEGREE * self.lat.to_radians().cos().max(0.01)
    }
}

/// Great-circle distance in miles.
pub fn miles(a: Point, b: Point) -> f64 {
    Haversine.distance(geo::Point::new(a.lon, a.lat), geo::Point::new(b.lon, b.lat))
        / METRES_PER_MILE
}

/// Miles east and north of an origin: the flat picture the results map draws. Distances on it
/// are within a fraction of a percent of the true ones over a search's 25 miles.
#[derive(Clone, Copy, Debug)]
pub struct Projection {
    origin: Point,
    miles_per_degree_lon: f64,
}

impl Projection {
    pub fn around(origin: Point) -> Projection {
        Projection {
            origin,
            miles_per_degree_lon: origin.miles_per_degree_lon(),
        }
    }

    /// (miles east, miles north) of the origin.
    pub fn miles_east_north(&self, p: Point) -> (f64, f64) {
        (
            (p.lon - self.origin.lon) * self.miles_per_degree_lon,
            (p.lat - self.origin.lat) * MILES_PER_DEGREE,
        )
    }
}

/// A latitude/longitude box that holds every point within `radius` miles of `centre`; a cheap
/// first test before the exact distance.
#[derive(Clone, Copy, Debug)]
pub struct BoundingBox {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

impl BoundingBox {
    pub fn around(centre: Point, radius: f64) -> BoundingBox {
        // A 1% margin covers the sphere's curvature at the box's corners.
        let dlat = radius / MILES_PER_DEGREE * 1.01;
        let dlon = radius / centre.miles_per_degree_lon() * 1.01;
        BoundingBox {
            min_lat: centre.lat - dlat,
            max_lat: centre.lat + dlat,
            min_lon: centre.lon - dlon,
            max_lon: centre.lon + dlon,
        }
    }

    pub fn contains(&self, p: Point) -> bool {
        p.lat >= self.min_lat
            && p.lat <= self.max_lat
            && p.lon >= self.min_lon
            && p.lon <= self.max_lon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rosetta Code's published haversine example: Nashville BNA to Los Angeles LAX is
    /// 2887.2599506071106 km on a sphere of radius 6372.8 km. geo uses the IUGG mean radius
    /// (6371.0088 km), so scale the published figure to that radius.
    #[test]
    fn matches_a_published_reference_distance() {
        let km =
            miles(Point::new(36.12, -86.67), Point::new(33.94, -118.40)) * METRES_PER_MILE / 1000.0;
        let expected = 2887.2599506071106 * 6371.0088 / 6372.8;
        assert!((km - expected).abs() < 1e-6, "{km} vs {expected}");
    }

    /// An independent formula (the spherical law of cosines) agrees on places around England.
    #[test]
    fn agrees_with_the_spherical_law_of_cosines() {
        let cosines = |a: Point, b: Point| {
            let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
            let dl = (b.lon - a.lon).to_radians();
            let c = (p1.sin() * p2.sin() + p1.cos() * p2.cos() * dl.cos()).clamp(-1.0, 1.0);
            c.acos() * 6_371_008.8 / METRES_PER_MILE
        };
        let places = [
            (52.6309, 1.2974),
            (53.5409, -2.1114),
            (52.7517, 0.4023),
            (50.0657, -5.7132),
            (58.6373, -3.0689),
        ]
        .map(|(lat, lon)| Point::new(lat, lon));
        for a in places {
            for b in places {
                if a != b {
                    assert!((miles(a, b) - cosines(a, b)).abs() < 1e-6, "{a:?} {b:?}");
                }
            }
        }
        // Land's End to John o' Groats: about 603 miles as the crow flies.
        assert!(
            (miles(places[3], places[4]) - 603.0).abs() < 2.0,
            "{}",
            miles(places[3], places[4])
        );
    }

    /// The point `d` miles from `start` on `bearing` (degrees), by the spherical destination
    /// formula: independent of the box's own small-angle arithmetic.
    fn destination(start: Point, bearing: f64, d: f64) -> Point {
        let delta = d * METRES_PER_MILE / 6_371_008.8;
        let (lat1, lon1, theta) = (
            start.lat.to_radians(),
            start.lon.to_radians(),
            bearing.to_radians(),
        );
        let lat2 = (lat1.sin() * delta.cos() + lat1.cos() * delta.sin() * theta.cos()).asin();
        let lon2 = lon1
            + (theta.sin() * delta.sin() * lat1.cos()).atan2(delta.cos() - lat1.sin() * lat2.sin());
        Point::new(lat2.to_degrees(), lon2.to_degrees())
    }

    #[test]
    fn the_bounding_box_holds_every_point_on_the_radius_at_every_bearing() {
        // Oldham, Norfolk, Cornwall and Caithness; the radii people choose.
        for centre in [
            (53.54, -2.11),
            (52.63, 1.30),
            (50.07, -5.71),
            (58.64, -3.07),
        ]
        .map(|(lat, lon)| Point::new(lat, lon))
        {
            for radius in [1.0, 5.0, 10.0, 25.0] {
                let bbox = BoundingBox::around(centre, radius);
                for tenth_degree in 0..3600 {
                    let p = destination(centre, tenth_degree as f64 / 10.0, radius);
                    assert!(
                        (miles(centre, p) - radius).abs() < 1e-9,
                        "destination formula disagrees at {p:?}"
                    );
                    assert!(
                        bbox.contains(p),
                        "{p:?}, {radius} miles from {centre:?}, is outside the box"
                    );
                }
                // Just beyond the radius due north and due east lies outside the box's 1% margin.
                assert!(!bbox.contains(destination(centre, 0.0, radius * 1.02)));
                assert!(!bbox.contains(destination(centre, 90.0, radius * 1.03)));
            }
        }
    }

    /// The map's flat distances agree with the great-circle distance to within 0.5% over a
    /// search's radius, at every bearing: the map puts each service where it really is.
    #[test]
    fn the_map_projection_keeps_distances_and_directions() {
        for centre in
            [(53.54, -2.11), (52.63, 1.30), (50.07, -5.71)].map(|(lat, lon)| Point::new(lat, lon))
        {
            let map = Projection::around(centre);
            assert_eq!(map.miles_east_north(centre), (0.0, 0.0));
            for radius in [1.0, 5.0, 25.0] {
                for degrees in (0..360).step_by(15) {
                    let p = destination(centre, f64::from(degrees), radius);
                    let (east, north) = map.miles_east_north(p);
                    let flat = east.hypot(north);
                    assert!(
                        (flat - radius).abs() / radius < 0.005,
                        "{radius} mi at {degrees} degrees drawn {flat} mi away"
                    );
                    let bearing = east.atan2(north).to_degrees().rem_euclid(360.0);
                    let off = (bearing - f64::from(degrees)).abs();
                    assert!(
                        off.min(360.0 - off) < 0.5,
                        "{degrees} degrees drawn at {bearing}"
                    );
                }
            }
        }
    }
}
