//! The results map's orientation layers (`map.json`): postcode district outlines, council
//! boundaries and town names, drawn under the markers so people can tell where things are
//! without map tiles. The builder makes the file; `MapView` picks what a search's map shows and
//! where, in the same miles-east/-north picture as the markers.

use geo::{ConvexHull, MultiPoint, Simplify};
use serde::{Deserialize, Serialize};

use crate::distance::{Point, Projection};

/// A closed line as `[lat, lon, lat, lon, ...]`, its first point not repeated: half the bytes
/// of a list of pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ring(pub Vec<f64>);

impl Ring {
    /// A ring through `points`, each rounded to 4 decimal places (about 10 metres).
    pub fn from_points(points: impl IntoIterator<Item = Point>) -> Ring {
        Ring(
            points
                .into_iter()
                .flat_map(|p| [round4(p.lat), round4(p.lon)])
                .collect(),
        )
    }

    pub fn points(&self) -> impl Iterator<Item = Point> + '_ {
        self.0.chunks_exact(2).map(|c| Point::new(c[0], c[1]))
    }

    pub fn len(&self) -> usize {
        self.0.len() / 2
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Four decimal places of a degree: about 10 metres, finer than a line on the map.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// One postcode district: its code, where its code is written, and its outline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistrictOutline {
    pub code: String,
    /// The district's centroid, `[lat, lon]`.
    pub label: [f64; 2],
    pub ring: Ring,
}

/// One council's boundary (generalised), by its ONS code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CouncilBoundary {
    pub code: String,
    pub name: String,
    /// Outer rings only: a council of several pieces has one each.
    pub rings: Vec<Ring>,
}

/// A town or village and where it is, published as `["Royton", lat, lon, services]`; the
/// number of services giving the name decides which label wins where two would overlap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "(String, f64, f64, u32)", from = "(String, f64, f64, u32)")]
pub struct PlaceName {
    pub name: String,
    pub at: Point,
    pub services: u32,
}

impl From<(String, f64, f64, u32)> for PlaceName {
    fn from((name, lat, lon, services): (String, f64, f64, u32)) -> PlaceName {
        PlaceName {
            name,
            at: Point::new(lat, lon),
            services,
        }
    }
}

impl From<PlaceName> for (String, f64, f64, u32) {
    fn from(p: PlaceName) -> (String, f64, f64, u32) {
        (p.name, p.at.lat, p.at.lon, p.services)
    }
}

/// `map.json`: everything the results map draws under its markers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapLayers {
    pub districts: Vec<DistrictOutline>,
    #[serde(default)]
    pub councils: Vec<CouncilBoundary>,
    #[serde(default)]
    pub places: Vec<PlaceName>,
}

/// The outline of a set of points: their convex hull, which holds every one of them (no
/// simplification, which could cut a corner off). None when the points enclose no area (fewer
/// than three, or all on a line, as a large user's district's often are).
pub fn outline(points: &[Point]) -> Option<Ring> {
    let hull = MultiPoint::from(
        points
            .iter()
            .map(|p| geo::Point::new(p.lon, p.lat))
            .collect::<Vec<_>>(),
    )
    .convex_hull();
    let mut ring: Vec<Point> = hull
        .exterior()
        .coords()
        .map(|c| Point::new(c.y, c.x))
        .collect();
    ring.pop(); // geo closes the ring by repeating its first point
    let mut ring = Ring::from_points(ring);
    // Rounding can make neighbouring corners one.
    let mut corners: Vec<Point> = ring.points().collect();
    corners.dedup();
    if corners.len() > 1 && corners.first() == corners.last() {
        corners.pop();
    }
    ring = Ring(corners.iter().flat_map(|p| [p.lat, p.lon]).collect());
    (ring.len() >= 3 && area(&corners) >= MIN_AREA).then_some(ring)
}

/// The smallest outline drawn, in square degrees (about 10 by 10 metres).
const MIN_AREA: f64 = 1e-8;

/// A ring's area in square degrees (the shoelace formula).
fn area(ring: &[Point]) -> f64 {
    let n = ring.len();
    let twice: f64 = (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.lon * b.lat - b.lon * a.lat
        })
        .sum();
    twice.abs() / 2.0
}

/// A boundary given as lon/lat pairs (GeoJSON's order) simplified to about `tolerance`
/// degrees and rounded; None when fewer than three points are left.
pub fn simplified(lon_lat: &[[f64; 2]], tolerance: f64) -> Option<Ring> {
    let line = geo::LineString::from(
        lon_lat
            .iter()
            .map(|&[x, y]| geo::coord! { x: x, y: y })
            .collect::<Vec<_>>(),
    );
    let mut points: Vec<Point> = line
        .simplify(&tolerance)
        .coords()
        .map(|c| Point::new(c.y, c.x))
        .collect();
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    let ring = Ring::from_points(points);
    (ring.len() >= 3).then_some(ring)
}

/// A shape ready for SVG: its `points` attribute in the map's coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub code: String,
    pub points: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LabelKind {
    Place,
    District,
}

/// A label placed where no other label is.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub kind: LabelKind,
}

/// What one map shows of the layers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawn {
    pub districts: Vec<Shape>,
    pub councils: Vec<Shape>,
    pub labels: Vec<Label>,
}

/// A results map: a square of `radius` miles (and a margin) around the search point, with
/// north up. SVG's y grows downwards, so a point's y is minus its miles north.
#[derive(Clone, Copy, Debug)]
pub struct MapView {
    projection: Projection,
    /// Half the square's side, in miles.
    pub half: f64,
}

impl MapView {
    pub fn around(origin: Point, radius: f64) -> MapView {
        MapView {
            projection: Projection::around(origin),
            half: radius.max(0.5) * 1.05,
        }
    }

    /// The SVG `viewBox`.
    pub fn view_box(&self) -> String {
        let h = self.half;
        format!("{} {} {} {}", -h, -h, 2.0 * h, 2.0 * h)
    }

    /// Where a place is drawn.
    pub fn xy(&self, p: Point) -> (f64, f64) {
        let (east, north) = self.projection.miles_east_north(p);
        (east, -north)
    }

    /// The size of place names; district codes are a little smaller.
    pub fn font_size(&self) -> f64 {
        self.half * 0.068
    }

    /// A marker's radius: a 28th of the distance searched, grown by 60% to hold its number.
    pub fn marker_radius(&self) -> f64 {
        self.half / 1.05 / 28.0 * 1.6
    }

    fn shape(&self, code: &str, ring: &Ring) -> Option<Shape> {
        let xy: Vec<(f64, f64)> = ring.points().map(|p| self.xy(p)).collect();
        let h = self.half;
        let (min_x, max_x) = xy
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (min_y, max_y) = xy
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
        // Only shapes whose box meets the view; the SVG clips the rest of them.
        let meets = min_x <= h && max_x >= -h && min_y <= h && max_y >= -h;
        (meets && xy.len() >= 3).then(|| Shape {
            code: code.to_string(),
            points: xy
                .iter()
                .map(|(x, y)| format!("{x:.3},{y:.3}"))
                .collect::<Vec<_>>()
                .join(" "),
        })
    }

    /// The outlines and boundaries in view, and the labels that fit: place names first, most
    /// services first, then district codes; a label that would overlap one already placed or
    /// one of the `markers` (drawn above it), or run off the map, is left out.
    pub fn draw(&self, layers: &MapLayers, markers: &[Point]) -> Drawn {
        let districts = layers
            .districts
            .iter()
            .filter_map(|d| self.shape(&d.code, &d.ring))
            .collect();
        let councils = layers
            .councils
            .iter()
            .flat_map(|c| c.rings.iter().filter_map(|r| self.shape(&c.code, r)))
            .collect();
        let mut places: Vec<&PlaceName> = layers.places.iter().collect();
        places.sort_by(|a, b| b.services.cmp(&a.services).then(a.name.cmp(&b.name)));
        let wanted = places
            .into_iter()
            .map(|p| (p.name.as_str(), p.at, LabelKind::Place))
            .chain(layers.districts.iter().map(|d| {
                (
                    d.code.as_str(),
                    Point::new(d.label[0], d.label[1]),
                    LabelKind::District,
                )
            }));
        let mut labels: Vec<Label> = Vec::new();
        let m = self.marker_radius();
        let mut taken: Vec<[f64; 4]> = markers
            .iter()
            .map(|p| {
                let (x, y) = self.xy(*p);
                [x - m, y - m, x + m, y + m]
            })
            .collect();
        let h = self.half;
        for (text, at, kind) in wanted {
            let (x, y) = self.xy(at);
            // A place off the map is not named on it, however near.
            if x.abs() > h || y.abs() > h {
                continue;
            }
            // On the place, else the nearest free spot above, below or beside it, at most four
            // lines away (nearer than a town's own extent on these maps).
            let step = self.font_size() * 1.3;
            let centred = self.label_box(text, x, y, kind);
            let beside = (centred[2] - centred[0]) / 2.0 + self.font_size() * 0.3;
            let mut tries: Vec<(f64, f64)> = (-4..=4)
                .flat_map(|k| [0.0, beside, -beside].map(|dx| (dx, f64::from(k) * step)))
                .collect();
            // Nearest first; between equals, above before below and right before left.
            tries.sort_by(|a, b| {
                a.0.hypot(a.1)
                    .total_cmp(&b.0.hypot(b.1))
                    .then(a.1.total_cmp(&b.1))
                    .then(b.0.total_cmp(&a.0))
            });
            let free = tries.into_iter().find_map(|(dx, dy)| {
                let (x, y) = (x + dx, y + dy);
                let b = self.label_box(text, x, y, kind);
                let inside = b[0] >= -h && b[2] <= h && b[1] >= -h && b[3] <= h;
                (inside && !taken.iter().any(|t| overlap(t, &b))).then_some((x, y, b))
            });
            if let Some((x, y, b)) = free {
                taken.push(b);
                labels.push(Label {
                    text: text.to_string(),
                    x,
                    y,
                    kind,
                });
            }
        }
        Drawn {
            districts,
            councils,
            labels,
        }
    }

    /// The box a label's text covers, `[left, top, right, bottom]`, written centred on (x, y)
    /// as the map writes it (middle anchor, central baseline), with a little room around.
    pub fn label_box(&self, text: &str, x: f64, y: f64, kind: LabelKind) -> [f64; 4] {
        let size = match kind {
            LabelKind::Place => self.font_size(),
            LabelKind::District => self.font_size() * 0.8,
        };
        // An average letter of a sans-serif face is about 0.6 of its size wide.
        let half_w = text.chars().count() as f64 * size * 0.3 + size * 0.2;
        let half_h = size * 0.65;
        [x - half_w, y - half_h, x + half_w, y + half_h]
    }
}

fn overlap(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLDHAM: Point = Point::new(53.5409, -2.1114);

    fn square(lat: f64, lon: f64, d: f64) -> Ring {
        Ring::from_points([
            Point::new(lat - d, lon - d),
            Point::new(lat - d, lon + d),
            Point::new(lat + d, lon + d),
            Point::new(lat + d, lon - d),
        ])
    }

    #[test]
    fn the_outline_holds_every_point_and_is_only_the_corners() {
        let mut points = vec![];
        for i in 0..=10 {
            for j in 0..=10 {
                points.push(Point::new(53.5 + i as f64 * 0.001, -2.1 + j as f64 * 0.001));
            }
        }
        let ring = outline(&points).unwrap();
        let mut corners: Vec<(i64, i64)> = ring
            .points()
            .map(|p| ((p.lat * 1e4).round() as i64, (p.lon * 1e4).round() as i64))
            .collect();
        corners.sort();
        assert_eq!(
            corners,
            [
                (535000, -21000),
                (535000, -20900),
                (535100, -21000),
                (535100, -20900)
            ]
        );
        // Too few points for an area.
        assert_eq!(outline(&points[..2]), None);
        assert_eq!(outline(&[OLDHAM, OLDHAM, OLDHAM]), None);
        // Three corners, two of them a metre apart: one after rounding, so only a line.
        let line = [
            Point::new(53.48737, -2.22719),
            Point::new(53.48737, -2.22720),
            Point::new(53.47929, -2.24455),
        ];
        assert_eq!(outline(&line), None);
    }

    #[test]
    fn a_boundary_is_simplified_and_its_closing_point_dropped() {
        // A square with a point half-way along one side, closed as GeoJSON closes rings.
        let lon_lat = [
            [-2.0, 53.0],
            [-1.95, 53.0],
            [-1.9, 53.0],
            [-1.9, 53.1],
            [-2.0, 53.1],
            [-2.0, 53.0],
        ];
        let ring = simplified(&lon_lat, 0.0005).unwrap();
        assert_eq!(ring.0, [53.0, -2.0, 53.0, -1.9, 53.1, -1.9, 53.1, -2.0]);
        assert_eq!(simplified(&lon_lat[..2], 0.0005), None);
    }

    #[test]
    fn the_file_is_compact_and_reads_back() {
        let layers = MapLayers {
            districts: vec![DistrictOutline {
                code: "OL1".into(),
                label: [53.54, -2.11],
                ring: square(53.54, -2.11, 0.01),
            }],
            councils: vec![],
            places: vec![PlaceName {
                name: "Royton".into(),
                at: Point::new(53.566, -2.121),
                services: 8,
            }],
        };
        let text = serde_json::to_string(&layers).unwrap();
        assert!(
            text.contains(r#""places":[["Royton",53.566,-2.121,8]]"#),
            "{text}"
        );
        assert!(
            text.contains(r#""ring":[53.53,-2.12,53.53,-2.1,"#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<MapLayers>(&text).unwrap(), layers);
        // A file without the optional layers still reads.
        let bare: MapLayers = serde_json::from_str(r#"{"districts":[]}"#).unwrap();
        assert!(bare.places.is_empty() && bare.councils.is_empty());
    }

    #[test]
    fn only_outlines_that_meet_the_view_are_drawn_in_the_markers_coordinates() {
        let view = MapView::around(OLDHAM, 1.0);
        let near = square(OLDHAM.lat, OLDHAM.lon, 0.005);
        let far = square(52.63, 1.29, 0.01); // Norwich
        let edge = square(OLDHAM.lat + 0.02, OLDHAM.lon, 0.01); // about 0.7 to 2 miles north
        let layers = MapLayers {
            districts: [("OL1", &near), ("NR2", &far), ("OL2", &edge)]
                .into_iter()
                .map(|(code, ring)| DistrictOutline {
                    code: code.into(),
                    label: [ring.0[0], ring.0[1]],
                    ring: ring.clone(),
                })
                .collect(),
            ..MapLayers::default()
        };
        let drawn = view.draw(&layers, &[]);
        let codes: Vec<&str> = drawn.districts.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(codes, ["OL1", "OL2"]);
        // The first corner of OL1 is south-west of the origin: west is -x, south is +y.
        let first = drawn.districts[0].points.split(' ').next().unwrap();
        let (x, y) = first.split_once(',').unwrap();
        let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
        let expected = view.xy(Point::new(OLDHAM.lat - 0.005, OLDHAM.lon - 0.005));
        assert!((x - expected.0).abs() < 1e-3 && (y - expected.1).abs() < 1e-3);
        assert!(x < 0.0 && y > 0.0, "{x},{y}");
        assert_eq!(view.xy(OLDHAM), (0.0, -0.0));
    }

    fn place(name: &str, lat: f64, lon: f64, services: u32) -> PlaceName {
        PlaceName {
            name: name.into(),
            at: Point::new(lat, lon),
            services,
        }
    }

    #[test]
    fn overlapping_labels_give_way_to_the_place_with_more_services() {
        let view = MapView::around(OLDHAM, 5.0);
        let layers = MapLayers {
            places: vec![
                // Two names a few hundred metres apart: only the busier one is written.
                place("Lees", OLDHAM.lat + 0.001, OLDHAM.lon + 0.002, 2),
                place("Oldham", OLDHAM.lat, OLDHAM.lon, 28),
                place("Royton", 53.566, -2.121, 8),
                // Off the map.
                place("Norwich", 52.63, 1.29, 50),
            ],
            districts: vec![DistrictOutline {
                code: "OL1".into(),
                label: [OLDHAM.lat, OLDHAM.lon],
                ring: square(OLDHAM.lat, OLDHAM.lon, 0.01),
            }],
            ..MapLayers::default()
        };
        let drawn = view.draw(&layers, &[]);
        let texts: Vec<&str> = drawn.labels.iter().map(|l| l.text.as_str()).collect();
        // Lees moves off Oldham's name to just above it, and OL1's code to just below.
        assert_eq!(texts, ["Oldham", "Royton", "Lees", "OL1"]);
        let (oldham, lees, code) = (&drawn.labels[0], &drawn.labels[2], &drawn.labels[3]);
        assert!(lees.y < oldham.y && code.y > oldham.y, "{drawn:?}");
        // When the room round a place runs out, the names with fewest services are left out.
        let mut crowded = layers.clone();
        for i in 0..40 {
            crowded
                .places
                .push(place(&format!("Hamlet {i:02}"), OLDHAM.lat, OLDHAM.lon, 1));
        }
        let packed = view.draw(&crowded, &[]);
        let texts: Vec<&str> = packed.labels.iter().map(|l| l.text.as_str()).collect();
        assert!(
            texts.starts_with(&["Oldham", "Royton", "Lees"]),
            "{texts:?}"
        );
        assert!(
            texts.len() < 25 && !texts.contains(&"Hamlet 39"),
            "{texts:?}"
        );
        for (i, a) in packed.labels.iter().enumerate() {
            for b in &packed.labels[i + 1..] {
                let ba = view.label_box(&a.text, a.x, a.y, a.kind);
                let bb = view.label_box(&b.text, b.x, b.y, b.kind);
                assert!(!overlap(&ba, &bb), "{} and {} overlap", a.text, b.text);
            }
        }
        for (i, a) in drawn.labels.iter().enumerate() {
            for b in &drawn.labels[i + 1..] {
                let ba = view.label_box(&a.text, a.x, a.y, a.kind);
                let bb = view.label_box(&b.text, b.x, b.y, b.kind);
                assert!(!overlap(&ba, &bb), "{} and {} overlap", a.text, b.text);
            }
        }
    }

    #[test]
    fn a_label_moves_off_a_marker_or_is_left_out() {
        let view = MapView::around(OLDHAM, 5.0);
        let layers = MapLayers {
            places: vec![
                place("Oldham", OLDHAM.lat, OLDHAM.lon, 28),
                place("Royton", 53.566, -2.121, 8),
            ],
            ..MapLayers::default()
        };
        let texts = |markers: &[Point]| -> Vec<String> {
            view.draw(&layers, markers)
                .labels
                .into_iter()
                .map(|l| l.text)
                .collect()
        };
        assert_eq!(texts(&[]), ["Oldham", "Royton"]);
        // A marker just east of the search point covers the end of "Oldham": it moves clear.
        let marker = Point::new(OLDHAM.lat, OLDHAM.lon + 0.01);
        let moved = view.draw(&layers, &[marker]).labels;
        let (x, y) = view.xy(marker);
        let m = view.marker_radius();
        let b = view.label_box("Oldham", moved[0].x, moved[0].y, LabelKind::Place);
        assert!(
            moved[0].text == "Oldham" && (moved[0].x, moved[0].y) != (0.0, 0.0),
            "{moved:?}"
        );
        assert!(!overlap(&b, &[x - m, y - m, x + m, y + m]), "{moved:?}");
        // A crowd of markers all round the place leaves its name no room.
        let crowd: Vec<Point> = (-4..=4)
            .flat_map(|i| {
                (-4..=4).map(move |j| {
                    Point::new(
                        OLDHAM.lat + 0.006 * f64::from(i),
                        OLDHAM.lon + 0.01 * f64::from(j),
                    )
                })
            })
            .collect();
        assert_eq!(texts(&crowd), ["Royton"]);
    }

    #[test]
    fn a_label_that_would_run_off_the_map_moves_in_beside_its_place() {
        let view = MapView::around(OLDHAM, 1.0);
        // Just inside the east edge: the name's right half would be cut off.
        let (lat, lon) = (OLDHAM.lat, OLDHAM.lon + 0.0235);
        assert!(view.xy(Point::new(lat, lon)).0 < view.half);
        let drawn = view.draw(
            &MapLayers {
                places: vec![place("Springhead", lat, lon, 3)],
                ..MapLayers::default()
            },
            &[],
        );
        let l = &drawn.labels[0];
        let b = view.label_box(&l.text, l.x, l.y, l.kind);
        assert!(l.x < 0.966 && b[2] <= view.half, "{:?}", drawn.labels);
    }
}
