//! A search as it lives in the address bar, so back, forward, reload and a shared link all give
//! the same results. It lives in the fragment
//! (`#postcode=NR2+1AB&distance=5&type=care_home&need=dementia&rating=good&sort=distance`), which
//! browsers never send to a server nor put in a Referer. Unknown or out-of-range values fall back
//! to defaults rather than failing.

use crate::distance::Point;
use crate::rating::Rating;
use crate::search::{Criteria, SortOrder, DEFAULT_RADIUS, RADII};
use crate::service::{ServiceType, Specialism};

#[derive(Clone, Debug, PartialEq)]
pub struct SearchParams {
    /// Exactly as typed, so an error message can show it back.
    pub postcode: String,
    /// A place from the browser's location, rounded to about 100 m.
    pub location: Option<Point>,
    pub radius: u32,
    pub criteria: Criteria,
    pub sort: SortOrder,
    /// A service's or provider's name, as typed; empty when not searching by name.
    pub name: String,
    /// Which page of results, from 1.
    pub page: u32,
    /// True once the form has been sent, even with an empty postcode (which is then an error).
    pub submitted: bool,
}

impl Default for SearchParams {
    fn default() -> SearchParams {
        SearchParams {
            postcode: String::new(),
            location: None,
            radius: DEFAULT_RADIUS,
            criteria: Criteria {
                services: vec![],
                specialisms: vec![],
                min_rating: None,
            },
            sort: SortOrder::Distance,
            name: String::new(),
            page: 1,
            submitted: false,
        }
    }
}

impl SearchParams {
    /// Has the person asked for a search yet (as opposed to arriving at the empty form)?
    pub fn is_search(&self) -> bool {
        self.submitted
    }

    /// Reads the `key=value` pairs of an address's fragment (with or without its leading `#`),
    /// or of a form's data.
    pub fn from_fragment(query: &str) -> SearchParams {
        let mut p = SearchParams::default();
        let (mut lat, mut lon) = (None, None);
        for (key, value) in pairs(query) {
            match key.as_str() {
                "postcode" => {
                    p.postcode = value;
                    p.submitted = true;
                }
                "lat" => {
                    lat = value
                        .parse::<f64>()
                        .ok()
                        .filter(|v| (-90.0..=90.0).contains(v))
                }
                "lon" => {
                    lon = value
                        .parse::<f64>()
                        .ok()
                        .filter(|v| (-180.0..=180.0).contains(v))
                }
                "distance" => {
                    if let Some(r) = value.parse().ok().filter(|r| RADII.contains(r)) {
                        p.radius = r;
                    }
                }
                "type" => p
                    .criteria
                    .services
                    .extend(ServiceType::ALL.into_iter().find(|s| s.key() == value)),
                "need" => p
                    .criteria
                    .specialisms
                    .extend(Specialism::ALL.into_iter().find(|s| s.key() == value)),
                "rating" => p.criteria.min_rating = rating_from_key(&value),
                "sort" => p.sort = SortOrder::from_key(&value).unwrap_or_default(),
                "name" => {
                    p.name = value.trim().to_string();
                    p.submitted = true;
                }
                "page" => p.page = value.parse().ok().filter(|&n| n >= 1).unwrap_or(1),
                _ => {}
            }
        }
        p.location = lat.zip(lon).map(|(lat, lon)| Point::new(lat, lon));
        p.submitted |= p.location.is_some();
        p.criteria.services.sort();
        p.criteria.services.dedup();
        p.criteria.specialisms.sort();
        p.criteria.specialisms.dedup();
        p
    }

    /// The fragment for these parameters, without the leading `#`.
    pub fn to_fragment(&self) -> String {
        let mut parts: Vec<(&str, String)> = Vec::new();
        if let Some(Point { lat, lon }) = self.location {
            parts.push(("lat", format!("{lat:.3}")));
            parts.push(("lon", format!("{lon:.3}")));
        } else {
            parts.push(("postcode", self.postcode.clone()));
        }
        if !self.name.is_empty() {
            parts.push(("name", self.name.clone()));
        }
        parts.push(("distance", self.radius.to_string()));
        parts.extend(
            self.criteria
                .services
                .iter()
                .map(|s| ("type", s.key().to_string())),
        );
        parts.extend(
            self.criteria
                .specialisms
                .iter()
                .map(|s| ("need", s.key().to_string())),
        );
        if let Some(r) = self.criteria.min_rating {
            parts.push(("rating", r.key().to_string()));
        }
        parts.push(("sort", self.sort.key().to_string()));
        if self.page > 1 {
            parts.push(("page", self.page.to_string()));
        }
        parts
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// The minimum ratings people can ask for.
pub const MIN_RATINGS: [Rating; 3] = [
    Rating::Outstanding,
    Rating::Good,
    Rating::RequiresImprovement,
];

fn rating_from_key(key: &str) -> Option<Rating> {
    MIN_RATINGS.into_iter().find(|r| r.key() == key)
}

/// The decoded `key=value` pairs of a fragment or query string, with or without its leading `#`
/// or `?`, in order.
pub fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query
        .strip_prefix(['#', '?'])
        .unwrap_or(query)
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
}

/// The first value given for `key`, decoded: `value("?ids=1-2&ids=3", "ids")` is `"1-2"`.
pub fn value(query: &str, key: &str) -> Option<String> {
    pairs(query).find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Form-style encoding: letters, digits and `-._~` as they are, spaces as `+`, the rest as %XX.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Reverses `encode` (and what browsers send); malformed escapes are kept as they are, since a
/// form value is only ever read, never trusted to name anything.
pub fn decode(s: &str) -> String {
    let bytes = unescape(s, Escapes::Form).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Decodes a URL path: `None` for a malformed escape ("%zz", "%+A", a "%4" at the end) or bytes
/// that are not UTF-8, because a path that cannot be read exactly must not be guessed at. A `+`
/// in a path is a plus ("/a+b"), not a space.
pub fn decode_strict(s: &str) -> Option<String> {
    String::from_utf8(unescape(s, Escapes::Path)?).ok()
}

/// How the two kinds of URL text differ.
#[derive(Clone, Copy, PartialEq)]
enum Escapes {
    /// Query values: `+` is a space, a malformed escape stays as typed.
    Form,
    /// Paths: `+` is itself, a malformed escape refuses the whole text.
    Path,
}

/// The one %XX loop behind `decode` and `decode_strict`; `None` only for a malformed path.
fn unescape(s: &str, escapes: Escapes) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if escapes == Escapes::Form => out.push(b' '),
            b'%' => match bytes.get(i + 1..i + 3).and_then(hex_byte) {
                Some(byte) => {
                    out.push(byte);
                    i += 2;
                }
                None if escapes == Escapes::Path => return None,
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    Some(out)
}

/// Two hex digits as a byte; unlike `from_str_radix`, no sign ("+A") is allowed.
fn hex_byte(pair: &[u8]) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_search_survives_the_round_trip_through_the_address_bar() {
        let p = SearchParams {
            postcode: "nr2 1ab".into(),
            location: None,
            radius: 10,
            criteria: Criteria {
                services: vec![ServiceType::CareHome, ServiceType::NursingHome],
                specialisms: vec![Specialism::Dementia],
                min_rating: Some(Rating::Good),
            },
            sort: SortOrder::Rating,
            name: "St Mary's & Co".into(),
            page: 3,
            submitted: true,
        };
        let q = p.to_fragment();
        assert_eq!(q, "postcode=nr2+1ab&name=St+Mary%27s+%26+Co&distance=10&type=care_home&type=nursing_home&need=dementia&rating=good&sort=rating&page=3");
        assert_eq!(SearchParams::from_fragment(&format!("#{q}")), p);
        // An old link's query string reads the same.
        assert_eq!(SearchParams::from_fragment(&format!("?{q}")), p);
    }

    #[test]
    fn odd_values_fall_back_to_defaults_and_browser_encodings_are_read() {
        let p = SearchParams::from_fragment("postcode=NR2%201AB&distance=7&type=spaceship&type=home_care&type=home_care&rating=meh&sort=up");
        assert_eq!(p.postcode, "NR2 1AB");
        assert_eq!(p.radius, DEFAULT_RADIUS);
        assert_eq!(p.criteria.services, [ServiceType::HomeCare]);
        assert_eq!((p.criteria.min_rating, p.sort), (None, SortOrder::Distance));
        assert_eq!(
            SearchParams::from_fragment("postcode=%E2%9C%93%zz").postcode,
            "✓%zz"
        );
        // A sign is not a hex digit: "%+A" is a stray percent then an encoded space.
        assert_eq!(decode("%+A%4"), "% A%4");
    }

    #[test]
    fn a_location_search_keeps_about_100_metres_of_precision() {
        let p = SearchParams {
            location: Some(Point::new(53.540_912, -2.111_441)),
            submitted: true,
            ..SearchParams::default()
        };
        let q = p.to_fragment();
        assert!(q.starts_with("lat=53.541&lon=-2.111&distance=5"), "{q}");
        assert_eq!(
            SearchParams::from_fragment(&q).location,
            Some(Point::new(53.541, -2.111))
        );
        assert_eq!(SearchParams::from_fragment("lat=91&lon=0").location, None);
        assert!(!SearchParams::from_fragment("").is_search());
        assert!(SearchParams::from_fragment("postcode=&distance=5").is_search());
        assert!(SearchParams::from_fragment("name=Hadfield").is_search());
    }

    #[test]
    fn a_page_number_is_read_when_it_is_a_whole_number_from_one() {
        let page = |q: &str| SearchParams::from_fragment(q).page;
        assert_eq!(page("postcode=OL1&page=4"), 4);
        for bad in ["page=0", "page=-2", "page=two", "page=", "postcode=OL1"] {
            assert_eq!(page(bad), 1, "{bad}");
        }
    }

    #[test]
    fn pairs_and_values_are_read_in_order_with_or_without_the_question_mark() {
        let all: Vec<_> = pairs("?ids=1-1%2C2-2&&flag&answers=a+b").collect();
        let expected = [("ids", "1-1,2-2"), ("flag", ""), ("answers", "a b")];
        assert_eq!(all, expected.map(|(k, v)| (k.to_string(), v.to_string())));
        assert_eq!(value("ids=1-2&ids=3", "ids").as_deref(), Some("1-2"));
        assert_eq!(
            value("?district=OL1%200", "district").as_deref(),
            Some("OL1 0")
        );
        assert_eq!(value("d%69strict=NR2", "district").as_deref(), Some("NR2"));
        assert_eq!(value("districts=NR2&x=1", "district"), None);
        assert_eq!(value("", "ids"), None);
    }

    #[test]
    fn a_path_is_decoded_exactly_or_not_at_all() {
        assert_eq!(
            decode_strict("/districts/OL1%200").as_deref(),
            Some("/districts/OL1 0")
        );
        assert_eq!(decode_strict("/a+b%2Bc").as_deref(), Some("/a+b+c"));
        assert_eq!(decode_strict("/%E2%9c%93").as_deref(), Some("/✓"));
        assert_eq!(decode_strict("/%2e%2e/x").as_deref(), Some("/../x"));
        for bad in ["/%zz", "/%+A", "/%-1", "/%4", "/%", "/%FF", "/%C3"] {
            assert_eq!(decode_strict(bad), None, "{bad:?}");
        }
        // The lenient decoder reads the same text its own way: plus is a space, bad bytes kept.
        assert_eq!(decode("a+b%2Bc%4"), "a b+c%4");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }
}
