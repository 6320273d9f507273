//! Distances between places, in miles, on a spherical Earth (the geo crate's haversine).

use geo::{Distance, Haversine, Point};

pub const METRES_PER_MILE: f64 = 1609.344;

/// A place as (latitude, longitude) in degrees.
pub type LatLon = (f64, f64);

/// Great-circle distance in miles.
pub fn miles(a: LatLon, b: LatLon) -> f64 {
    Haversine.distance(Point::new(a.1, a.0), Point::new(b.1, b.0)) / METRES_PER_MILE
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
    pub fn around(centre: LatLon, radius: f64) -> BoundingBox {
        // One degree of latitude is about 69 miles; a degree of longitude shrinks with cos(lat).
        // A 1% margin covers the sphere's curvature at the box's corners.
        let dlat = radius / 68.7 * 1.01;
        let cos = centre.0.to_radians().cos().max(0.01);
        let dlon = radius / (69.17 * cos) * 1.01;
        BoundingBox { min_lat: centre.0 - dlat, max_lat: centre.0 + dlat, min_lon: centre.1 - dlon, max_lon: centre.1 + dlon }
    }

    pub fn contains(&self, p: LatLon) -> bool {
        p.0 >= self.min_lat && p.0 <= self.max_lat && p.1 >= self.min_lon && p.1 <= self.max_lon
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
        let km = miles((36.12, -86.67), (33.94, -118.40)) * METRES_PER_MILE / 1000.0;
        let expected = 2887.2599506071106 * 6371.0088 / 6372.8;
        assert!((km - expected).abs() < 1e-6, "{km} vs {expected}");
    }

    /// An independent formula (the spherical law of cosines) agrees on places around England.
    #[test]
    fn agrees_with_the_spherical_law_of_cosines() {
        let cosines = |a: LatLon, b: LatLon| {
            let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
            let dl = (b.1 - a.1).to_radians();
            let c = (p1.sin() * p2.sin() + p1.cos() * p2.cos() * dl.cos()).clamp(-1.0, 1.0);
            c.acos() * 6_371_008.8 / METRES_PER_MILE
        };
        let places = [(52.6309, 1.2974), (53.5409, -2.1114), (52.7517, 0.4023), (50.0657, -5.7132), (58.6373, -3.0689)];
        for a in places {
            for b in places {
                if a != b {
                    assert!((miles(a, b) - cosines(a, b)).abs() < 1e-6, "{a:?} {b:?}");
                }
            }
        }
        // Land's End to John o' Groats: about 603 miles as the crow flies.
        assert!((miles(places[3], places[4]) - 603.0).abs() < 2.0, "{}", miles(places[3], places[4]));
    }

    /// The point `d` miles from `start` on `bearing` (degrees), by the spherical destination
    /// formula: independent of the box's own small-angle arithmetic.
    fn destination(start: LatLon, bearing: f64, d: f64) -> LatLon {
        let delta = d * METRES_PER_MILE / 6_371_008.8;
        let (lat1, lon1, theta) = (start.0.to_radians(), start.1.to_radians(), bearing.to_radians());
        let lat2 = (lat1.sin() * delta.cos() + lat1.cos() * delta.sin() * theta.cos()).asin();
        let lon2 = lon1 + (theta.sin() * delta.sin() * lat1.cos()).atan2(delta.cos() - lat1.sin() * lat2.sin());
        (lat2.to_degrees(), lon2.to_degrees())
    }

    #[test]
    fn the_bounding_box_holds_every_point_on_the_radius_at_every_bearing() {
        // Oldham, Norfolk, Cornwall and Caithness; the radii people choose.
        for centre in [(53.54, -2.11), (52.63, 1.30), (50.07, -5.71), (58.64, -3.07)] {
            for radius in [1.0, 5.0, 10.0, 25.0] {
                let bbox = BoundingBox::around(centre, radius);
                for tenth_degree in 0..3600 {
                    let p = destination(centre, tenth_degree as f64 / 10.0, radius);
                    assert!((miles(centre, p) - radius).abs() < 1e-9, "destination formula disagrees at {p:?}");
                    assert!(bbox.contains(p), "{p:?}, {radius} miles from {centre:?}, is outside the box");
                }
                // Just beyond the radius due north and due east lies outside the box's 1% margin.
                assert!(!bbox.contains(destination(centre, 0.0, radius * 1.02)));
                assert!(!bbox.contains(destination(centre, 90.0, radius * 1.03)));
            }
        }
    }
}
