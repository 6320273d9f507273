//! Search: the services that match what someone needs, within a distance of a place, in the
//! order they asked for. Pure and allocation-light: it runs on every search in the browser.

use std::cmp::Ordering;

use crate::dataset::{find_centroid, DistrictCentroid};
use crate::distance::{miles, BoundingBox, Point};
use crate::rating::Rating;
use crate::service::{ServiceSummary, ServiceType, Specialism};

/// The distances people can choose, in miles.
pub const RADII: [u32; 4] = [1, 5, 10, 25];
pub const DEFAULT_RADIUS: u32 = 5;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    Distance,
    /// Best overall rating first; services never rated come last.
    Rating,
    /// Most recently inspected first.
    RecentlyInspected,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [
        SortOrder::Distance,
        SortOrder::Rating,
        SortOrder::RecentlyInspected,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SortOrder::Distance => "distance",
            SortOrder::Rating => "rating",
            SortOrder::RecentlyInspected => "inspected",
        }
    }

    pub fn from_key(key: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Distance => "Distance (nearest first)",
            SortOrder::Rating => "CQC rating (best first)",
            SortOrder::RecentlyInspected => "Most recently inspected",
        }
    }
}

/// What to look for.
#[derive(Clone, Debug, PartialEq)]
pub struct Criteria {
    /// Any of these types of care (none chosen means every type).
    pub services: Vec<ServiceType>,
    /// All of these specialisms.
    pub specialisms: Vec<Specialism>,
    /// Only services rated at least this well (services never rated are then left out).
    pub min_rating: Option<Rating>,
}

impl Criteria {
    pub fn matches(&self, p: &ServiceSummary) -> bool {
        (self.services.is_empty() || self.services.iter().any(|&s| p.offers(s)))
            && self.specialisms.iter().all(|&s| p.specialises_in(s))
            && self.min_rating.is_none_or(|min| {
                p.overall.as_ref().is_some_and(|r| {
                    r.rating.rank() >= min.rank() && r.rating != Rating::InsufficientEvidence
                })
            })
    }
}

/// One result: which service (its position in the index) and how far away it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub index: usize,
    pub miles: f64,
}

/// Every matching service within `radius` miles of `origin`, in `order`. Ties fall back to
/// distance, then name, so the order is always the same.
pub fn search(
    providers: &[ServiceSummary],
    origin: Point,
    radius: f64,
    criteria: &Criteria,
    order: SortOrder,
) -> Vec<Hit> {
    let bbox = BoundingBox::around(origin, radius);
    let mut hits: Vec<Hit> = providers
        .iter()
        .enumerate()
        .filter(|(_, p)| bbox.contains(p.point()) && criteria.matches(p))
        .map(|(index, p)| Hit {
            index,
            miles: miles(origin, p.point()),
        })
        .filter(|h| h.miles <= radius)
        .collect();
    sort(providers, &mut hits, order);
    hits
}

/// Every service in a postcode district, nearest `centre` first: the district lists that work
/// without JavaScript.
pub fn in_district(providers: &[ServiceSummary], district: &str, centre: Point) -> Vec<Hit> {
    let mut hits: Vec<Hit> = providers
        .iter()
        .enumerate()
        .filter(|(_, p)| p.district == district)
        .map(|(index, p)| Hit {
            index,
            miles: miles(centre, p.point()),
        })
        .collect();
    sort(providers, &mut hits, SortOrder::Distance);
    hits
}

/// A district's own list: its services nearest the district's centre first, or nothing when
/// the dataset has no centre for it (a district with no postcodes in the data).
pub fn district_listing(
    providers: &[ServiceSummary],
    centroids: &[DistrictCentroid],
    district: &str,
) -> Vec<Hit> {
    find_centroid(centroids, district)
        .map_or_else(Vec::new, |centre| in_district(providers, district, centre))
}

/// Districts that have services, with how many each, in postcode order (NR2 before NR10).
pub fn districts_with_services(providers: &[ServiceSummary]) -> Vec<(String, usize)> {
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for p in providers {
        *counts.entry(p.district.clone()).or_default() += 1;
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by_key(|(d, _)| district_order(d));
    list
}

/// Sorts districts as people expect: by area letters, then district number, then the rest.
fn district_order(district: &str) -> (String, u32, String) {
    let letters: String = district
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let rest = &district[letters.len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (
        letters,
        digits.parse().unwrap_or(0),
        rest[digits.len()..].to_string(),
    )
}

/// The nearest matching service at any distance: what to offer when a search finds nothing.
pub fn nearest(providers: &[ServiceSummary], origin: Point, criteria: &Criteria) -> Option<Hit> {
    providers
        .iter()
        .enumerate()
        .filter(|(_, p)| criteria.matches(p))
        .map(|(index, p)| Hit {
            index,
            miles: miles(origin, p.point()),
        })
        .min_by(|a, b| a.miles.total_cmp(&b.miles))
}

fn sort(providers: &[ServiceSummary], hits: &mut [Hit], order: SortOrder) {
    let by_distance = |a: &Hit, b: &Hit| {
        a.miles
            .total_cmp(&b.miles)
            .then_with(|| providers[a.index].name.cmp(&providers[b.index].name))
    };
    match order {
        SortOrder::Distance => hits.sort_by(by_distance),
        SortOrder::Rating => {
            let rank = |h: &Hit| {
                providers[h.index]
                    .overall
                    .as_ref()
                    .map_or(-1, |r| r.rating.rank() as i32)
            };
            hits.sort_by(|a, b| rank(b).cmp(&rank(a)).then_with(|| by_distance(a, b)));
        }
        SortOrder::RecentlyInspected => {
            let date = |h: &Hit| providers[h.index].last_inspection.as_deref();
            hits.sort_by(|a, b| match (date(a), date(b)) {
                (Some(x), Some(y)) => y.cmp(x).then_with(|| by_distance(a, b)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => by_distance(a, b),
            });
        }
    }
}

/// A fixed set of searches for benchmarks, the same natively and in the browser: centred on
/// services spread through the index, alternating 5 and 25 miles, every type of care.
pub fn benchmark_queries(providers: &[ServiceSummary], count: usize) -> Vec<(Point, f64)> {
    if providers.is_empty() {
        return vec![];
    }
    (0..count)
        .map(|i| {
            let p = &providers[(i * 7919) % providers.len()];
            (
                Point::new(p.lat + 0.003, p.lon - 0.004),
                if i % 2 == 0 { 5.0 } else { 25.0 },
            )
        })
        .collect()
}

/// Median and 95th percentile of timings (any unit).
pub fn p50_p95(mut times: Vec<f64>) -> (f64, f64) {
    if times.is_empty() {
        return (0.0, 0.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    (at(0.5), at(0.95))
}

/// How old a rating dated `date` is on `today` (both YYYY-MM-DD), in whole years.
pub fn years_between(date: &str, today: &str) -> Option<u32> {
    let parse = |d: &str| -> Option<(i32, i32, i32)> {
        let mut it = d.get(..10)?.split('-');
        Some((
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
        ))
    };
    let ((y1, m1, d1), (y2, m2, d2)) = (parse(date)?, parse(today)?);
    let mut years = y2 - y1;
    if (m2, d2) < (m1, d1) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// Ratings older than this many years get a warning: the service may have changed since.
pub const OLD_RATING_YEARS: u32 = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::Rated;

    fn p(
        name: &str,
        lat: f64,
        lon: f64,
        services: &[ServiceType],
        rating: Option<Rating>,
        inspected: Option<&str>,
    ) -> ServiceSummary {
        let bits = |s: &[ServiceType]| s.iter().fold(0u8, |b, s| b | (1 << (*s as u8)));
        ServiceSummary {
            id: name.into(),
            name: name.into(),
            district: "OL1".into(),
            lat,
            lon,
            services: bits(services),
            specialisms: 1 << (Specialism::Dementia as u8),
            beds: 0,
            overall: rating.map(|rating| Rated {
                rating,
                date: inspected.map(str::to_string),
            }),
            last_inspection: inspected.map(str::to_string),
            other_names: vec![],
        }
    }

    const HOME: Point = Point::new(53.5409, -2.1114);

    fn all() -> Criteria {
        Criteria {
            services: vec![],
            specialisms: vec![],
            min_rating: None,
        }
    }

    fn sample() -> Vec<ServiceSummary> {
        use ServiceType::*;
        vec![
            // About 0.7, 2.8, 4.2, 6.9 and 0.3 miles north of HOME (1 mile is ~0.01449 degrees of latitude).
            p(
                "B far",
                53.5509,
                -2.1114,
                &[CareHome],
                Some(Rating::Good),
                Some("2024-01-01"),
            ),
            p(
                "C",
                53.5809,
                -2.1114,
                &[HomeCare],
                Some(Rating::Outstanding),
                Some("2022-05-01"),
            ),
            p("D", 53.6009, -2.1114, &[NursingHome], None, None),
            p(
                "E",
                53.6409,
                -2.1114,
                &[CareHome],
                Some(Rating::Inadequate),
                Some("2025-02-01"),
            ),
            p(
                "A near",
                53.5449,
                -2.1114,
                &[CareHome, NursingHome],
                Some(Rating::RequiresImprovement),
                Some("2023-03-01"),
            ),
        ]
    }

    fn names(ps: &[ServiceSummary], hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| ps[h.index].name.clone()).collect()
    }

    #[test]
    fn finds_what_is_within_the_radius_nearest_first() {
        let ps = sample();
        let hits = search(&ps, HOME, 5.0, &all(), SortOrder::Distance);
        assert_eq!(names(&ps, &hits), ["A near", "B far", "C", "D"]);
        assert!(
            hits.iter().all(|h| h.miles <= 5.0),
            "a hit beyond the radius"
        );
        assert!(
            hits.windows(2).all(|w| w[0].miles <= w[1].miles),
            "not nearest first"
        );
        assert_eq!(search(&ps, HOME, 1.0, &all(), SortOrder::Distance).len(), 2);
    }

    #[test]
    fn a_district_lists_only_its_own_services_nearest_its_centre_first() {
        let mut ps = sample();
        // Put "B far" and "D" in OL2, the rest in OL1.
        for p in ps.iter_mut() {
            p.district = if p.name == "B far" || p.name == "D" {
                "OL2".into()
            } else {
                "OL1".into()
            };
        }
        let hits = in_district(&ps, "OL2", HOME);
        let centroids = vec![DistrictCentroid {
            district: "OL2".into(),
            centre: HOME,
        }];
        assert_eq!(district_listing(&ps, &centroids, "OL2"), hits);
        assert!(
            district_listing(&ps, &centroids, "OL1").is_empty(),
            "OL1 has services but no centre in the data"
        );
        let mut expected: Vec<(f64, String)> = ps
            .iter()
            .filter(|p| p.district == "OL2")
            .map(|p| (miles(HOME, p.point()), p.name.clone()))
            .collect();
        expected.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert_eq!(
            names(&ps, &hits),
            expected.into_iter().map(|e| e.1).collect::<Vec<_>>()
        );
        assert!(in_district(&ps, "OL9", HOME).is_empty());
    }

    #[test]
    fn districts_are_listed_in_the_order_people_expect() {
        let mut ps = sample();
        for (p, d) in ps.iter_mut().zip(["NR10", "NR2", "NR2", "EC1A"]) {
            p.district = d.into();
        }
        let listed = districts_with_services(&ps);
        assert_eq!(
            listed[..3],
            [
                ("EC1A".to_string(), 1),
                ("NR2".to_string(), 2),
                ("NR10".to_string(), 1)
            ]
        );
    }

    #[test]
    fn types_are_any_of_specialisms_all_of_and_a_minimum_rating_leaves_out_the_unrated() {
        use ServiceType::*;
        let ps = sample();
        let homes = Criteria {
            services: vec![NursingHome, HomeCare],
            ..all()
        };
        assert_eq!(
            names(&ps, &search(&ps, HOME, 25.0, &homes, SortOrder::Distance)),
            ["A near", "C", "D"]
        );
        let good = Criteria {
            min_rating: Some(Rating::Good),
            ..all()
        };
        assert_eq!(
            names(&ps, &search(&ps, HOME, 25.0, &good, SortOrder::Distance)),
            ["B far", "C"]
        );
        let mental = Criteria {
            specialisms: vec![Specialism::Dementia, Specialism::MentalHealth],
            ..all()
        };
        assert!(search(&ps, HOME, 25.0, &mental, SortOrder::Distance).is_empty());
    }

    #[test]
    fn sorts_by_rating_or_inspection_date_with_the_unknown_last() {
        let ps = sample();
        let by_rating = search(&ps, HOME, 25.0, &all(), SortOrder::Rating);
        assert_eq!(names(&ps, &by_rating), ["C", "B far", "A near", "E", "D"]);
        let by_date = search(&ps, HOME, 25.0, &all(), SortOrder::RecentlyInspected);
        assert_eq!(names(&ps, &by_date), ["E", "B far", "A near", "C", "D"]);
    }

    #[test]
    fn when_nothing_is_near_the_nearest_match_is_named() {
        let ps = sample();
        let nursing = Criteria {
            services: vec![ServiceType::NursingHome],
            ..all()
        };
        let far_away = Point::new(52.63, 1.29);
        assert!(search(&ps, far_away, 25.0, &nursing, SortOrder::Distance).is_empty());
        let n = nearest(&ps, far_away, &nursing).unwrap();
        assert_eq!(ps[n.index].name, "A near");
        assert!(n.miles > 100.0);
    }

    #[test]
    fn percentiles_pick_the_nearest_rank() {
        let times: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(p50_p95(times), (50.0, 95.0));
        assert_eq!(p50_p95(vec![3.0, 1.0, 2.0]), (2.0, 3.0));
        assert_eq!(benchmark_queries(&sample(), 4).len(), 4);
    }

    #[test]
    fn rating_age_counts_whole_years() {
        assert_eq!(years_between("2021-11-24", "2025-11-23"), Some(3));
        assert_eq!(years_between("2021-11-23", "2025-11-23"), Some(4));
        assert_eq!(years_between("2026-01-01", "2025-11-23"), None);
        assert_eq!(years_between("soon", "2025-11-23"), None);
    }
}
