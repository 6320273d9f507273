//! `postcodes/<AREA>.json`: every unit postcode of one postcode area (the letters of a postcode:
//! OL, M, NR) with its coordinates. A search fetches the whole area, so the host learns the area
//! and nothing finer.
//!
//! Compact on the wire: per district, the inward codes run together ("1AA1AB1AD") and the
//! coordinates are differences from the previous postcode's, in hundred-thousandths of a
//! degree (about a metre: the precision the district files had, so distances shown to a tenth
//! of a mile do not change). Sorted postcodes lie near each other, so the differences are
//! short numbers that brotli packs to about three bytes a postcode.
//!
//! Each postcode's council (the one that runs adult social care there) is a run-length list per
//! district over an area-wide table of codes: most districts are one run, so it costs little.

use serde::{Deserialize, Serialize};

use crate::distance::Point;
use crate::postcode::Postcode;

/// Coordinates are whole multiples of 1/SCALE of a degree.
pub const SCALE: f64 = 100_000.0;

/// One postcode area's unit postcodes, checked when read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "AreaFile", into = "AreaFile")]
pub struct AreaPostcodes {
    area: String,
    /// The councils the area's postcodes fall in, sorted; units refer to them by index.
    councils: Vec<String>,
    /// Sorted by district name, each district's units sorted by inward code.
    districts: Vec<(String, Vec<Unit>)>,
}

/// One unit postcode: its inward code, its place in 1/SCALE degrees and its council (an
/// index into `councils`).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Unit {
    inward: [u8; 3],
    lat: i32,
    lon: i32,
    council: Option<u16>,
}

/// One (district, inward code, point, council code) row for `AreaPostcodes::with_councils`.
pub type CouncilRow = (String, String, Point, Option<String>);

/// The file as written: `{"area":"OL","districts":[{"district":"OL1","inward":"1AA1AB",
/// "lat":[5354151,33],"lon":[-209982,-1274]}]}`, plus, when councils are known,
/// `"councils":["E08000004"]` and per district `"council":[[0,2]]` (index or null, how many).
#[derive(Serialize, Deserialize)]
struct AreaFile {
    area: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    councils: Vec<String>,
    districts: Vec<DistrictColumns>,
}

#[derive(Serialize, Deserialize)]
struct DistrictColumns {
    district: String,
    inward: String,
    lat: Vec<i64>,
    lon: Vec<i64>,
    /// Runs of (council index, number of postcodes); empty when no postcode has a council.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    council: Vec<(Option<u16>, u32)>,
}

/// An ONS (GSS) code: a capital letter and eight digits, like E08000004.
pub fn is_council_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 9 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// A postcode's area: the letters its district starts with ("OL" for OL1, "M" for M14).
pub fn area_of(district: &str) -> &str {
    let letters = district.bytes().take_while(u8::is_ascii_alphabetic).count();
    &district[..letters]
}

fn to_grid(degrees: f64) -> i32 {
    (degrees * SCALE).round() as i32
}

impl AreaPostcodes {
    /// An area's file from (district, inward code, point) rows; rows from other areas, and
    /// malformed codes, are refused with the reason.
    pub fn new(
        area: &str,
        rows: impl IntoIterator<Item = (String, String, Point)>,
    ) -> Result<AreaPostcodes, String> {
        AreaPostcodes::with_councils(area, rows.into_iter().map(|(d, i, p)| (d, i, p, None)))
    }

    /// As `new`, with each postcode's council code (or None where it is not known).
    pub fn with_councils(
        area: &str,
        rows: impl IntoIterator<Item = CouncilRow>,
    ) -> Result<AreaPostcodes, String> {
        let mut districts: Vec<(String, Vec<Unit>)> = Vec::new();
        let mut rows: Vec<CouncilRow> = rows.into_iter().collect();
        rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        let mut councils: Vec<String> = rows.iter().filter_map(|r| r.3.clone()).collect();
        if let Some(bad) = councils.iter().find(|c| !is_council_code(c)) {
            return Err(format!("{bad:?} is not a council's ONS code"));
        }
        councils.sort();
        councils.dedup();
        if councils.len() > usize::from(u16::MAX) {
            return Err(format!(
                "{} councils are too many for one area",
                councils.len()
            ));
        }
        for (district, inward, point, council) in rows {
            if area_of(&district) != area || district.len() == area.len() {
                return Err(format!(
                    "district {district:?} is not in postcode area {area}"
                ));
            }
            let inward: [u8; 3] = inward
                .as_bytes()
                .try_into()
                .map_err(|_| format!("{district} {inward}: an inward code has 3 characters"))?;
            let council = council.map(|c| councils.binary_search(&c).unwrap_or(0) as u16);
            let unit = Unit {
                inward,
                lat: to_grid(point.lat),
                lon: to_grid(point.lon),
                council,
            };
            match districts.last_mut() {
                Some((name, units)) if *name == district => units.push(unit),
                _ => districts.push((district, vec![unit])),
            }
        }
        let checked = AreaPostcodes {
            area: area.to_string(),
            councils,
            districts,
        };
        AreaPostcodes::try_from(AreaFile::from(checked))
    }

    pub fn area(&self) -> &str {
        &self.area
    }

    /// Whether the dataset has any postcode of this district.
    pub fn has_district(&self, district: &str) -> bool {
        self.district(district).is_some()
    }

    /// A unit postcode's coordinates, or `None` when this area's file does not hold it.
    pub fn find(&self, postcode: &Postcode) -> Option<Point> {
        let units = self.district(postcode.outward())?;
        let i = units
            .binary_search_by(|u| u.inward.as_slice().cmp(postcode.inward().as_bytes()))
            .ok()?;
        Some(Point::new(
            f64::from(units[i].lat) / SCALE,
            f64::from(units[i].lon) / SCALE,
        ))
    }

    /// The ONS code of the council that runs adult social care for a unit postcode, or `None`
    /// when the file does not hold the postcode or its council is not known.
    pub fn council_of(&self, postcode: &Postcode) -> Option<&str> {
        let units = self.district(postcode.outward())?;
        let i = units
            .binary_search_by(|u| u.inward.as_slice().cmp(postcode.inward().as_bytes()))
            .ok()?;
        let index = units[i].council?;
        self.councils.get(usize::from(index)).map(String::as_str)
    }

    /// The councils this area's postcodes fall in.
    pub fn councils(&self) -> &[String] {
        &self.councils
    }

    /// How many unit postcodes the file holds.
    pub fn len(&self) -> usize {
        self.districts.iter().map(|(_, units)| units.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn district(&self, district: &str) -> Option<&[Unit]> {
        let i = self
            .districts
            .binary_search_by(|(name, _)| name.as_str().cmp(district))
            .ok()?;
        Some(&self.districts[i].1)
    }
}

impl From<AreaPostcodes> for AreaFile {
    fn from(file: AreaPostcodes) -> AreaFile {
        let districts = file
            .districts
            .into_iter()
            .map(|(district, units)| {
                let inward = units
                    .iter()
                    .flat_map(|u| u.inward.map(char::from))
                    .collect();
                let deltas = |pick: fn(&Unit) -> i32| {
                    let mut previous = 0i64;
                    units
                        .iter()
                        .map(|u| {
                            let now = i64::from(pick(u));
                            let delta = now - previous;
                            previous = now;
                            delta
                        })
                        .collect()
                };
                DistrictColumns {
                    district,
                    inward,
                    lat: deltas(|u| u.lat),
                    lon: deltas(|u| u.lon),
                    council: runs(&units),
                }
            })
            .collect();
        AreaFile {
            area: file.area,
            councils: file.councils,
            districts,
        }
    }
}

impl TryFrom<AreaFile> for AreaPostcodes {
    type Error = String;

    fn try_from(file: AreaFile) -> Result<AreaPostcodes, String> {
        let area = file.area;
        if !(1..=2).contains(&area.len()) || !area.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "{area:?} is not a postcode area (one or two capital letters)"
            ));
        }
        let councils = file.councils;
        if let Some(bad) = councils.iter().find(|c| !is_council_code(c)) {
            return Err(format!("{bad:?} is not a council's ONS code"));
        }
        if councils.windows(2).any(|w| w[0] >= w[1]) || councils.len() > usize::from(u16::MAX) {
            return Err("the councils are out of order or repeated".into());
        }
        let mut districts: Vec<(String, Vec<Unit>)> = Vec::with_capacity(file.districts.len());
        for d in file.districts {
            let name = d.district;
            let after = name.get(area.len()..).unwrap_or("");
            if area_of(&name) != area
                || !after.starts_with(|c: char| c.is_ascii_digit())
                || !after.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return Err(format!(
                    "{name:?} is not a district of postcode area {area}"
                ));
            }
            if districts
                .last()
                .is_some_and(|(previous, _)| *previous >= name)
            {
                return Err(format!("district {name} is out of order or repeated"));
            }
            let mut units = units_of(&name, &d.inward, &d.lat, &d.lon)?;
            set_councils(&name, &mut units, &d.council, councils.len())?;
            districts.push((name.clone(), units));
        }
        Ok(AreaPostcodes {
            area,
            councils,
            districts,
        })
    }
}

/// Run lengths of the units' councils; none when no unit has one.
fn runs(units: &[Unit]) -> Vec<(Option<u16>, u32)> {
    let mut out: Vec<(Option<u16>, u32)> = Vec::new();
    if units.iter().all(|u| u.council.is_none()) {
        return out;
    }
    for u in units {
        match out.last_mut() {
            Some((c, n)) if *c == u.council => *n += 1,
            _ => out.push((u.council, 1)),
        }
    }
    out
}

/// Gives each unit its council from the district's runs, refusing runs a builder could not
/// have written: empty or unmerged runs, unknown councils, or counts that do not add up.
fn set_councils(
    district: &str,
    units: &mut [Unit],
    runs: &[(Option<u16>, u32)],
    councils: usize,
) -> Result<(), String> {
    if runs.is_empty() {
        return Ok(());
    }
    let total: u64 = runs.iter().map(|&(_, n)| u64::from(n)).sum();
    if total != units.len() as u64 {
        return Err(format!(
            "district {district}: council runs cover {total} postcodes but it has {}",
            units.len()
        ));
    }
    let mut at = 0usize;
    for (i, &(council, n)) in runs.iter().enumerate() {
        if n == 0 {
            return Err(format!(
                "district {district}: council run {} is empty",
                i + 1
            ));
        }
        if council.is_some_and(|c| usize::from(c) >= councils) {
            return Err(format!(
                "district {district}: council run {} names council {} of {councils}",
                i + 1,
                council.map_or(0, |c| c + 1)
            ));
        }
        if i > 0 && runs[i - 1].0 == council {
            return Err(format!(
                "district {district}: council runs {} and {} are the same council",
                i,
                i + 1
            ));
        }
        for u in &mut units[at..at + n as usize] {
            u.council = council;
        }
        at += n as usize;
    }
    Ok(())
}

/// Decodes one district's columns, refusing anything a correct builder could not have written.
fn units_of(district: &str, inward: &str, lat: &[i64], lon: &[i64]) -> Result<Vec<Unit>, String> {
    let codes = inward.as_bytes();
    if !codes.len().is_multiple_of(3) || codes.len() / 3 != lat.len() || lat.len() != lon.len() {
        return Err(format!("district {district}: {} characters of inward codes, {} latitudes and {} longitudes do not match", codes.len(), lat.len(), lon.len()));
    }
    let (mut y, mut x) = (0i64, 0i64);
    let mut units: Vec<Unit> = Vec::with_capacity(lat.len());
    for (i, code) in codes.chunks_exact(3).enumerate() {
        let inward: [u8; 3] = [code[0], code[1], code[2]];
        if !(inward[0].is_ascii_digit()
            && inward[1].is_ascii_uppercase()
            && inward[2].is_ascii_uppercase())
        {
            return Err(format!("district {district}: postcode {} has an inward code that is not a digit and two capitals", i + 1));
        }
        if units.last().is_some_and(|u| u.inward >= inward) {
            return Err(format!(
                "district {district}: inward codes are out of order at postcode {}",
                i + 1
            ));
        }
        y = y.saturating_add(lat[i]);
        x = x.saturating_add(lon[i]);
        let in_range = |v: i64, max: f64| (v as f64).abs() <= max * SCALE;
        if !in_range(y, 90.0) || !in_range(x, 180.0) {
            return Err(format!(
                "district {district}: postcode {} lies off the globe",
                i + 1
            ));
        }
        units.push(Unit {
            inward,
            lat: y as i32,
            lon: x as i32,
            council: None,
        });
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pc(text: &str) -> Postcode {
        Postcode::parse(text).unwrap()
    }

    #[test]
    fn finds_postcodes_to_the_nearest_hundred_thousandth_of_a_degree() {
        let rows = vec![
            (
                "OL1".to_string(),
                "1AB".to_string(),
                Point::new(53.541844, -2.112556),
            ),
            (
                "OL1".to_string(),
                "1AA".to_string(),
                Point::new(53.54151, -2.09982),
            ),
            (
                "OL10".to_string(),
                "4AA".to_string(),
                Point::new(53.59, -2.2),
            ),
        ];
        let file = AreaPostcodes::new("OL", rows).unwrap();
        assert_eq!(
            file.find(&pc("OL1 1AB")),
            Some(Point::new(53.54184, -2.11256))
        );
        assert_eq!(
            file.find(&pc("ol1 1aa")),
            Some(Point::new(53.54151, -2.09982))
        );
        assert_eq!(file.find(&pc("OL10 4AA")), Some(Point::new(53.59, -2.2)));
        assert_eq!(file.find(&pc("OL1 1AD")), None);
        assert_eq!(file.find(&pc("OL9 1AA")), None);
        assert!(file.has_district("OL10") && !file.has_district("OL9"));
        assert_eq!(file.len(), 3);
    }

    #[test]
    fn the_file_holds_codes_together_and_coordinates_as_differences() {
        let rows = vec![
            (
                "M1".to_string(),
                "1AA".to_string(),
                Point::new(53.4801, -2.2301),
            ),
            (
                "M1".to_string(),
                "1AB".to_string(),
                Point::new(53.4799, -2.2290),
            ),
        ];
        let text = serde_json::to_string(&AreaPostcodes::new("M", rows).unwrap()).unwrap();
        // 5347990 - 5348010 = -20; -222900 - -223010 = 110
        assert_eq!(
            text,
            r#"{"area":"M","districts":[{"district":"M1","inward":"1AA1AB","lat":[5348010,-20],"lon":[-223010,110]}]}"#
        );
    }

    #[test]
    fn a_file_a_builder_could_not_have_written_is_refused_with_the_reason() {
        let read = |text: &str| {
            serde_json::from_str::<AreaPostcodes>(text)
                .unwrap_err()
                .to_string()
        };
        let one = |inward: &str, lat: &str| {
            format!(
                r#"{{"area":"OL","districts":[{{"district":"OL1","inward":"{inward}","lat":{lat},"lon":[1,1]}}]}}"#
            )
        };
        assert!(read(&one("1AA1A", "[1,1]"))
            .contains("5 characters of inward codes, 2 latitudes and 2 longitudes"));
        assert!(read(&one("1AB1AA", "[1,1]")).contains("out of order at postcode 2"));
        assert!(read(&one("1AAXAB", "[1,1]")).contains("postcode 2 has an inward code"));
        assert!(read(&one("1AA1AB", "[9000001,0]")).contains("off the globe"));
        assert!(
            read(&one("1AA1AB", "[9223372036854775807,9223372036854775807]"))
                .contains("off the globe")
        );
        assert!(read(
            r#"{"area":"OL","districts":[{"district":"M1","inward":"","lat":[],"lon":[]}]}"#
        )
        .contains("not a district of postcode area OL"));
        assert!(read(r#"{"area":"ol","districts":[]}"#).contains("not a postcode area"));
        assert!(AreaPostcodes::new(
            "OL",
            vec![("M1".into(), "1AA".into(), Point::new(0.0, 0.0))]
        )
        .is_err());
    }

    fn council_rows() -> Vec<CouncilRow> {
        let row = |d: &str, i: &str, c: Option<&str>| {
            (
                d.to_string(),
                i.to_string(),
                Point::new(53.5, -2.1),
                c.map(str::to_string),
            )
        };
        vec![
            row("OL1", "1AA", Some("E08000004")),
            row("OL1", "1AB", Some("E08000004")),
            row("OL1", "1AD", None),
            row("OL10", "1AA", Some("E08000005")),
            row("OL10", "1AB", Some("E08000004")),
        ]
    }

    #[test]
    fn each_postcode_keeps_its_council_in_runs() {
        let file = AreaPostcodes::with_councils("OL", council_rows()).unwrap();
        assert_eq!(file.council_of(&pc("OL1 1AB")), Some("E08000004"));
        assert_eq!(file.council_of(&pc("OL1 1AD")), None);
        assert_eq!(file.council_of(&pc("OL10 1AA")), Some("E08000005"));
        assert_eq!(file.council_of(&pc("OL10 1AB")), Some("E08000004"));
        assert_eq!(file.council_of(&pc("OL1 1ZZ")), None);
        assert_eq!(file.councils(), ["E08000004", "E08000005"]);
        let text = serde_json::to_string(&file).unwrap();
        assert!(
            text.contains(r#""councils":["E08000004","E08000005"]"#),
            "{text}"
        );
        assert!(text.contains(r#""council":[[0,2],[null,1]]"#), "{text}");
        assert!(text.contains(r#""council":[[1,1],[0,1]]"#), "{text}");
        let read: AreaPostcodes = serde_json::from_str(&text).unwrap();
        assert_eq!(read, file);
        // Without councils the file is as it was.
        let plain =
            AreaPostcodes::new("OL", [("OL1".into(), "1AA".into(), Point::new(53.5, -2.1))])
                .unwrap();
        assert!(!serde_json::to_string(&plain).unwrap().contains("council"));
        assert_eq!(plain.council_of(&pc("OL1 1AA")), None);
        let bad = vec![(
            "OL1".to_string(),
            "1AA".to_string(),
            Point::new(53.5, -2.1),
            Some("Oldham".to_string()),
        )];
        assert!(AreaPostcodes::with_councils("OL", bad)
            .unwrap_err()
            .contains("not a council's ONS code"));
    }

    #[test]
    fn malformed_council_runs_are_refused_with_the_reason() {
        let read = |councils: &str, runs: &str| {
            let text = format!(
                r#"{{"area":"OL","councils":{councils},"districts":[{{"district":"OL1","inward":"1AA1AB","lat":[1,1],"lon":[1,1],"council":{runs}}}]}}"#
            );
            serde_json::from_str::<AreaPostcodes>(&text)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string())
        };
        let one = r#"["E08000004"]"#;
        assert_eq!(read(one, "[[0,2]]"), "");
        assert_eq!(read(one, "[[0,1],[null,1]]"), "");
        assert!(read(one, "[[0,1]]").contains("council runs cover 1 postcodes but it has 2"));
        assert!(read(one, "[[0,3]]").contains("cover 3 postcodes"));
        assert!(read(one, "[[0,2],[null,0]]").contains("council run 2 is empty"));
        assert!(read(one, "[[1,2]]").contains("council run 1 names council 2 of 1"));
        assert!(read(one, "[[0,1],[0,1]]").contains("runs 1 and 2 are the same council"));
        assert!(read(r#"["Oldham"]"#, "[[0,2]]").contains("not a council's ONS code"));
        assert!(read(r#"["E08000005","E08000004"]"#, "[[0,2]]").contains("out of order"));
        assert!(
            read(one, "[[0,4294967295],[null,4294967295]]").contains("cover 8589934590 postcodes")
        );
        assert!(!read(one, r#"[["x",2]]"#).is_empty());
    }

    #[test]
    fn areas_are_the_letters_of_a_district() {
        assert_eq!(
            (area_of("OL1"), area_of("M14"), area_of("SW1A"), area_of("")),
            ("OL", "M", "SW", "")
        );
    }
}
