//! Which council runs adult social care for a postcode: mySociety's postcode → local authority
//! district range table (ONSPD Nov 2022), mySociety's authority tables (2022 districts → the
//! current authority, district → county) and GOV.UK's council list (names and home pages).
//! Layouts as ../shared/data/SOURCES.md §4–5 describe them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use carefinder_core::area_postcodes::is_council_code;
use carefinder_core::distance::Point;
use serde::Deserialize;

use super::csv_file::{file_name, read_text, CsvTable};
use crate::accounting::{InputError, Tally};

/// The four files a build needs to know each postcode's council.
#[derive(Clone, Debug)]
pub struct GeographyFiles {
    pub ranges: PathBuf,
    pub authorities: PathBuf,
    pub gss_lookup: PathBuf,
    pub govuk_councils: PathBuf,
}

/// GOV.UK keeps the old county codes for two councils that became unitary in 2023.
const GOVUK_OLD_CODES: [(&str, &str); 2] = [("E10000023", "E06000065"), ("E10000027", "E06000066")];

/// Postcode → 2022 district, as sorted base-36 keys each starting a range.
pub struct PostcodeRanges {
    keys: Vec<u64>,
    /// Each range's district code, None where the table gives none.
    values: Vec<Option<u16>>,
    codes: Vec<String>,
}

#[derive(Deserialize)]
struct RangesFile {
    postcode_keys: Vec<i64>,
    value_key: Vec<i64>,
    value_values: Vec<Option<String>>,
}

/// A postcode without spaces read as a base-36 number, as mySociety's table is keyed.
pub fn base36(postcode: &str) -> Option<u64> {
    let text: String = postcode.chars().filter(|c| !c.is_whitespace()).collect();
    if text.is_empty() || text.len() > 8 {
        return None;
    }
    u64::from_str_radix(&text, 36).ok()
}

/// Python writes NaN as a bare token, which JSON does not allow: null says the same.
fn nan_to_null(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_string && rest.starts_with("NaN") {
            out.push_str("null");
            rest = &rest[3..];
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Reads the range table: each range is a record, kept when it names a district.
pub fn read_ranges(path: &Path) -> Result<(PostcodeRanges, Tally), InputError> {
    let name = file_name(path);
    let text = nan_to_null(&read_text(path)?);
    let file: RangesFile = serde_json::from_str(&text).map_err(|e| {
        InputError::file(
            &name,
            format!("is not mySociety's postcode range table: {e}"),
        )
    })?;
    if file.postcode_keys.len() != file.value_key.len() {
        return Err(InputError::file(
            &name,
            format!(
                "{} postcode keys but {} value keys",
                file.postcode_keys.len(),
                file.value_key.len()
            ),
        ));
    }
    // Keys are differences from the one before.
    let mut keys = Vec::with_capacity(file.postcode_keys.len());
    let mut sum: i64 = 0;
    for (i, delta) in file.postcode_keys.iter().enumerate() {
        sum = sum.checked_add(*delta).unwrap_or(-1);
        if sum < 0 || (i > 0 && *delta <= 0) {
            return Err(InputError::record(
                &name,
                format!("postcode key {}", i + 1),
                "the keys do not increase",
            ));
        }
        keys.push(sum as u64);
    }
    // A 0 repeats the value two places back; then every value is one too high.
    let mut raw: Vec<i64> = Vec::with_capacity(file.value_key.len());
    for (i, &v) in file.value_key.iter().enumerate() {
        let v = if i >= 2 && v == 0 { raw[i - 2] } else { v };
        raw.push(v);
    }
    let mut tally = Tally::default();
    let mut values = Vec::with_capacity(raw.len());
    for (i, v) in raw.iter().map(|v| v - 1).enumerate() {
        tally.read += 1;
        let record = || format!("range {} (from {})", i + 1, to_base36(keys[i]));
        let value = usize::try_from(v)
            .ok()
            .and_then(|v| file.value_values.get(v).map(|code| (v, code)));
        match value {
            None => {
                tally.reject("no local authority (value out of range)", record());
                values.push(None);
            }
            Some((_, None)) => {
                tally.reject("no local authority (NaN)", record());
                values.push(None);
            }
            Some((_, Some(code))) if !is_council_code(code) => {
                tally.reject("not an ONS code", record());
                values.push(None);
            }
            Some((v, Some(_))) => {
                tally.kept += 1;
                values.push(u16::try_from(v).ok());
            }
        }
    }
    let codes = file
        .value_values
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    Ok((
        PostcodeRanges {
            keys,
            values,
            codes,
        },
        tally,
    ))
}

fn to_base36(mut n: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('?'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().collect::<String>().to_ascii_uppercase()
}

impl PostcodeRanges {
    /// The 2022 district of a postcode: the range starting at the last key not above it.
    pub fn district_of(&self, postcode: &str) -> Option<&str> {
        let key = base36(postcode)?;
        let i = self.keys.partition_point(|&k| k <= key).checked_sub(1)?;
        let v = self.values.get(i).copied().flatten()?;
        self.codes.get(usize::from(v)).map(String::as_str)
    }

    /// Every district code the table names.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.codes
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
    }
}

/// One row of mySociety's authority table.
#[derive(Clone, Debug)]
struct Authority {
    gss: String,
    official_name: String,
    nice_name: String,
    kind: String,
    county: String,
    replaced_by: String,
    current: bool,
    lower_or_unitary: bool,
    england: bool,
    centre: Option<Point>,
}

/// Districts → the councils that run adult social care, and what GOV.UK says of each council.
#[derive(Default)]
pub struct CouncilTables {
    /// mySociety three-letter code → authority.
    authorities: BTreeMap<String, Authority>,
    /// GSS code (present or former) → three-letter code.
    gss: BTreeMap<String, String>,
    /// Current ONS code → (GOV.UK name, home page, whether GOV.UK still uses the old code).
    govuk: BTreeMap<String, (String, Option<String>, bool)>,
}

/// What carefinder publishes about one council.
pub struct CouncilFacts {
    pub code: String,
    pub name: String,
    /// mySociety's short name ("Oldham"), for matching CQC's local authority names.
    pub short_name: String,
    pub homepage: Option<String>,
    pub centre: Option<Point>,
}

pub fn read_authorities(path: &Path, into: &mut CouncilTables) -> Result<Tally, InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let table = CsvTable::parse(&name, &text, |_| true)?;
    let col = |n: &str| table.column(&[n]);
    let (code, gss, official, nice, kind) = (
        col("local-authority-code")?,
        col("gss-code")?,
        col("official-name")?,
        col("nice-name")?,
        col("local-authority-type")?,
    );
    let (county, replaced, current, lower, nation) = (
        col("county-la")?,
        col("replaced-by")?,
        col("current-authority")?,
        col("lower-or-unitary")?,
        col("nation")?,
    );
    let (lat, lon) = (col("lat")?, col("long")?);
    let mut tally = Tally::default();
    for (line, row) in &table.rows {
        tally.read += 1;
        let key = row[code].trim().to_string();
        if key.is_empty() {
            tally.reject("no local authority code", format!("line {line}"));
            continue;
        }
        if into.authorities.contains_key(&key) {
            tally.reject("duplicate local authority code", key);
            continue;
        }
        let gss_code = row[gss].trim().to_string();
        if !gss_code.is_empty() && !is_council_code(&gss_code) {
            tally.reject("bad GSS code", format!("line {line} ({key})"));
            continue;
        }
        let centre = match (
            row[lat].trim().parse::<f64>(),
            row[lon].trim().parse::<f64>(),
        ) {
            (Ok(la), Ok(lo)) if super::postcodes::in_uk(la, lo) => Some(Point::new(la, lo)),
            _ => None,
        };
        into.authorities.insert(
            key,
            Authority {
                gss: gss_code,
                official_name: row[official].trim().to_string(),
                nice_name: row[nice].trim().to_string(),
                kind: row[kind].trim().to_string(),
                county: row[county].trim().to_string(),
                replaced_by: row[replaced].trim().to_string(),
                current: row[current].trim() == "True",
                lower_or_unitary: row[lower].trim() == "True",
                england: row[nation].trim() == "England",
                centre,
            },
        );
        tally.kept += 1;
    }
    Ok(tally)
}

pub fn read_gss_lookup(path: &Path, into: &mut CouncilTables) -> Result<Tally, InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let table = CsvTable::parse(&name, &text, |_| true)?;
    let (gss, code) = (
        table.column(&["gss-code"])?,
        table.column(&["local-authority-code"])?,
    );
    let mut tally = Tally::default();
    for (line, row) in &table.rows {
        tally.read += 1;
        let (g, c) = (row[gss].trim(), row[code].trim());
        if g.is_empty() {
            tally.reject("no GSS code", format!("line {line} ({c})"));
        } else if !is_council_code(g) {
            tally.reject("bad GSS code", format!("line {line} ({g:?})"));
        } else if !into.authorities.contains_key(c) {
            tally.reject(
                "unknown local authority code",
                format!("line {line} ({c:?})"),
            );
        } else if into.gss.contains_key(g) {
            tally.reject("duplicate GSS code", g.to_string());
        } else {
            into.gss.insert(g.to_string(), c.to_string());
            tally.kept += 1;
        }
    }
    Ok(tally)
}

/// GOV.UK's councils: England's county and unitary councils are kept (they run adult social
/// care); district councils and those outside England are counted out.
pub fn read_govuk_councils(path: &Path, into: &mut CouncilTables) -> Result<Tally, InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let table = CsvTable::parse(&name, &text, |_| true)?;
    let col = |n: &str| table.column(&[n]);
    let (gss, tier, country, homepage, council) = (
        col("gss")?,
        col("tier_id")?,
        col("country_name")?,
        col("homepage_url")?,
        col("name")?,
    );
    let mut tally = Tally::default();
    for (line, row) in &table.rows {
        tally.read += 1;
        let code = row[gss].trim();
        let record = || format!("line {line} ({code})");
        if !is_council_code(code) {
            tally.reject("bad GSS code", record());
            continue;
        }
        if row[country].trim() != "England" {
            tally.reject("not in England", record());
            continue;
        }
        match row[tier].trim() {
            "1" | "3" => {}
            "2" => {
                tally.reject(
                    "district council (adult social care is the county's)",
                    record(),
                );
                continue;
            }
            _ => {
                tally.reject("unknown tier", record());
                continue;
            }
        }
        let renamed = GOVUK_OLD_CODES.iter().find(|(old, _)| *old == code);
        let code = renamed.map_or(code, |(_, new)| *new);
        if into.govuk.contains_key(code) {
            tally.reject("duplicate council", record());
            continue;
        }
        let page = row[homepage].trim();
        let page =
            (page.starts_with("https://") || page.starts_with("http://")).then(|| page.to_string());
        into.govuk.insert(
            code.to_string(),
            (row[council].trim().to_string(), page, renamed.is_some()),
        );
        tally.kept += 1;
    }
    Ok(tally)
}

impl CouncilTables {
    /// The current English council that runs adult social care where a (2022 or later) district
    /// code applies: follow `replaced-by` to today's authority, then to its county if it is a
    /// non-metropolitan district.
    pub fn upper_tier_of_district(&self, gss: &str) -> Option<String> {
        let mut code = self.gss.get(gss)?.as_str();
        for _ in 0..4 {
            let a = self.authorities.get(code)?;
            if a.current {
                break;
            }
            // A district replaced by two authorities cannot say which one a postcode is in.
            if a.replaced_by.is_empty() || a.replaced_by.contains(',') {
                return None;
            }
            code = &a.replaced_by;
        }
        let mut a = self.authorities.get(code)?;
        if !a.current {
            return None;
        }
        if a.kind == "NMD" {
            a = self.authorities.get(&a.county)?;
        }
        (a.england && is_council_code(&a.gss)).then(|| a.gss.clone())
    }

    /// Every current English council that runs adult social care, with its GOV.UK name and home
    /// page (mySociety's name where GOV.UK lacks it), sorted by code.
    pub fn english_councils(&self) -> Vec<CouncilFacts> {
        let mut out: BTreeMap<String, CouncilFacts> = BTreeMap::new();
        for a in self.authorities.values() {
            if !(a.current && a.england && a.lower_or_unitary) {
                continue;
            }
            let upper = if a.kind == "NMD" {
                self.authorities.get(&a.county)
            } else {
                Some(a)
            };
            let Some(u) = upper.filter(|u| is_council_code(&u.gss)) else {
                continue;
            };
            let govuk = self.govuk.get(&u.gss);
            out.entry(u.gss.clone()).or_insert_with(|| CouncilFacts {
                code: u.gss.clone(),
                // Where GOV.UK keeps an old code it keeps the old name too.
                name: match govuk {
                    Some((name, _, false)) => name.clone(),
                    _ => u.official_name.clone(),
                },
                short_name: u.nice_name.clone(),
                homepage: govuk.and_then(|g| g.1.clone()),
                centre: u.centre,
            });
        }
        out.into_values().collect()
    }
}

/// Everything read from the geography files, with each file's tally.
pub struct Geography {
    pub ranges: PostcodeRanges,
    pub tables: CouncilTables,
    /// 2022 district code → upper-tier council code, for every district the ranges name.
    pub district_council: BTreeMap<String, Option<String>>,
    pub tallies: [Tally; 4],
}

pub fn read(files: &GeographyFiles) -> Result<Geography, InputError> {
    let (ranges, ranges_tally) = read_ranges(&files.ranges)?;
    let mut tables = CouncilTables::default();
    let authorities = read_authorities(&files.authorities, &mut tables)?;
    let lookup = read_gss_lookup(&files.gss_lookup, &mut tables)?;
    let govuk = read_govuk_councils(&files.govuk_councils, &mut tables)?;
    let district_council = ranges
        .codes()
        .map(|c| (c.to_string(), tables.upper_tier_of_district(c)))
        .collect();
    Ok(Geography {
        ranges,
        tables,
        district_council,
        tallies: [ranges_tally, authorities, lookup, govuk],
    })
}

impl Geography {
    /// The council that runs adult social care for a postcode, from the range table.
    pub fn council_of(&self, postcode: &str) -> Option<&str> {
        let district = self.ranges.district_of(postcode)?;
        self.district_council.get(district)?.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::test_files::write;

    #[test]
    fn bare_nan_becomes_null_outside_strings_only() {
        assert_eq!(
            nan_to_null(r#"{"a":["NaN",NaN,"x\"NaN"],"b":NaN}"#),
            r#"{"a":["NaN",null,"x\"NaN"],"b":null}"#
        );
    }

    #[test]
    fn decodes_the_range_table_as_mysociety_does() {
        // Keys 10, 15, 20, 30; value keys 1, 2, 0 (= 1 again, two back), 3 (out of range).
        let path = write(
            "ranges.json",
            r#"{"postcode_keys":[10,5,5,10],"value_key":[1,2,0,4],"value_values":["E07000148",NaN,"E08000004"]}"#,
        );
        let (ranges, tally) = read_ranges(&path).unwrap();
        assert_eq!((tally.read, tally.kept, tally.rejected()), (4, 2, 2));
        let reasons: Vec<String> = tally
            .counts()
            .reasons
            .into_iter()
            .map(|r| r.reason)
            .collect();
        assert_eq!(
            reasons,
            [
                "no local authority (NaN)",
                "no local authority (value out of range)"
            ]
        );
        let at = |n: u64| ranges.district_of(&to_base36(n));
        assert_eq!(at(9), None);
        assert_eq!((at(10), at(14)), (Some("E07000148"), Some("E07000148")));
        assert_eq!(at(15), None);
        assert_eq!((at(20), at(29)), (Some("E07000148"), Some("E07000148")));
        assert_eq!(at(30), None);
        assert_eq!(base36("nr2 1tf"), base36("NR21TF"));
        assert_eq!(base36("NR2-1TF"), None);
    }

    #[test]
    fn a_malformed_range_table_is_an_error_naming_the_file_and_record() {
        let bad = |text: &str| {
            read_ranges(&write("r.json", text))
                .err()
                .unwrap()
                .to_string()
        };
        assert!(bad("[1,2]").starts_with("r.json: is not mySociety's postcode range table"));
        assert!(
            bad(r#"{"postcode_keys":[1],"value_key":[],"value_values":[]}"#)
                .contains("1 postcode keys but 0 value keys")
        );
        assert_eq!(
            bad(r#"{"postcode_keys":[5,3,0],"value_key":[1,1,1],"value_values":["E1"]}"#),
            "r.json: postcode key 3: the keys do not increase"
        );
        assert!(bad(
            r#"{"postcode_keys":[1,9223372036854775807],"value_key":[1,1],"value_values":[]}"#
        )
        .contains("postcode key 2"));
    }

    const AUTHORITIES: &str = "local-authority-code,official-name,nice-name,gss-code,replaced-by,nation,local-authority-type,county-la,current-authority,lower-or-unitary,lat,long
NOW,Norwich City Council,Norwich,E07000148,,England,NMD,NFK,True,True,52.6,1.3
NFK,Norfolk County Council,Norfolk,E10000020,,England,CTY,,True,False,52.7,1.0
OLD,Oldham Metropolitan Borough Council,Oldham,E08000004,,England,MD,,True,True,53.5,-2.1
HAG,Harrogate Borough Council,Harrogate,E07000165,NYE,England,NMD,NYK,False,True,54.0,-1.5
NYE,North Yorkshire Council,North Yorkshire,E06000065,,England,UA,,True,True,54.1,-1.4
CAR,Carlisle City Council,Carlisle,E07000028,\"CBD,WAF\",England,NMD,CMA,False,True,54.9,-2.9
ABD,Aberdeenshire Council,Aberdeenshire,S12000034,,Scotland,SCO,,True,True,57.2,-2.6
,No Code,No Code,E99999999,,England,UA,,True,True,,
NOW,Norwich again,Norwich,E07000148,,England,NMD,NFK,True,True,52.6,1.3
BAD,Bad Code Council,Bad,E1,,England,UA,,True,True,52.6,1.3
";

    fn tables() -> (CouncilTables, [Tally; 3]) {
        let mut t = CouncilTables::default();
        let a = read_authorities(&write("la.csv", AUTHORITIES), &mut t).unwrap();
        let g = read_gss_lookup(
            &write(
                "gss.csv",
                "gss-code,local-authority-code\nE07000148,NOW\nE10000020,NFK\nE08000004,OLD\nE07000165,HAG\nE06000065,NYE\nE07000028,CAR\nS12000034,ABD\nE07000999,ZZZ\nnot-a-code,OLD\nE08000004,OLD\n",
            ),
            &mut t,
        )
        .unwrap();
        let u = read_govuk_councils(
            &write(
                "govuk.csv",
                "id,gss,snac,local_custodian_code,tier_id,parent_local_authority_id,slug,country_name,homepage_url,name\n\
                 1,E10000020,,,1,,norfolk,England,https://www.norfolk.gov.uk,\"Norfolk County Council\"\n\
                 2,E07000148,,,2,1,norwich,England,https://www.norwich.gov.uk,\"Norwich City Council\"\n\
                 3,E08000004,,,3,,oldham,England,http://www.oldham.gov.uk,\"Oldham Metropolitan Borough Council\"\n\
                 4,E10000023,,,3,,north-yorkshire,England,https://www.northyorks.gov.uk,\"North Yorkshire County Council\"\n\
                 5,S12000034,,,3,,aberdeenshire,Scotland,https://www.aberdeenshire.gov.uk,\"Aberdeenshire Council\"\n\
                 6,E0800,,,3,,broken,England,https://example.org,\"Broken\"\n",
            ),
            &mut t,
        )
        .unwrap();
        (t, [a, g, u])
    }

    #[test]
    fn districts_map_to_the_council_that_runs_adult_social_care() {
        let (t, _) = tables();
        assert_eq!(
            t.upper_tier_of_district("E07000148").as_deref(),
            Some("E10000020")
        );
        assert_eq!(
            t.upper_tier_of_district("E08000004").as_deref(),
            Some("E08000004")
        );
        // Harrogate (2022) is now North Yorkshire Council.
        assert_eq!(
            t.upper_tier_of_district("E07000165").as_deref(),
            Some("E06000065")
        );
        // A district split between two successors, a Scottish one, and an unknown one.
        assert_eq!(t.upper_tier_of_district("E07000028"), None);
        assert_eq!(t.upper_tier_of_district("S12000034"), None);
        assert_eq!(t.upper_tier_of_district("E07000999"), None);
        let councils = t.english_councils();
        let names: Vec<(&str, &str, Option<&str>)> = councils
            .iter()
            .map(|c| (c.code.as_str(), c.name.as_str(), c.homepage.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                (
                    "E06000065",
                    "North Yorkshire Council",
                    Some("https://www.northyorks.gov.uk")
                ),
                (
                    "E08000004",
                    "Oldham Metropolitan Borough Council",
                    Some("http://www.oldham.gov.uk")
                ),
                (
                    "E10000020",
                    "Norfolk County Council",
                    Some("https://www.norfolk.gov.uk")
                ),
            ]
        );
        assert_eq!(councils[2].centre, Some(Point::new(52.7, 1.0)));
    }

    #[test]
    fn every_row_of_the_council_tables_is_kept_or_rejected_with_its_reason() {
        let (_, [a, g, u]) = tables();
        let reasons = |t: &Tally| -> Vec<(String, usize)> {
            t.counts()
                .reasons
                .into_iter()
                .map(|r| (r.reason, r.count))
                .collect()
        };
        assert_eq!((a.read, a.kept), (10, 7));
        assert_eq!(
            reasons(&a),
            [
                ("bad GSS code".into(), 1),
                ("duplicate local authority code".into(), 1),
                ("no local authority code".into(), 1)
            ]
        );
        assert_eq!((g.read, g.kept), (10, 7));
        assert_eq!(
            reasons(&g),
            [
                ("bad GSS code".into(), 1),
                ("duplicate GSS code".into(), 1),
                ("unknown local authority code".into(), 1)
            ]
        );
        assert_eq!((u.read, u.kept), (6, 3));
        assert_eq!(a.unaccounted() + g.unaccounted() + u.unaccounted(), 0);
        assert_eq!(
            u.report_lines("govuk.csv")[0],
            "govuk.csv\tline 7 (E0800)\tbad GSS code"
        );
    }

    #[test]
    fn a_csv_without_its_columns_is_an_error_naming_the_file() {
        let mut t = CouncilTables::default();
        let e = read_gss_lookup(&write("gss.csv", "gss,code\nE1,X\n"), &mut t).unwrap_err();
        assert_eq!(
            e.to_string(),
            "gss.csv: the column \"gss-code\" is missing from the header"
        );
        let e = read_authorities(
            &write("la.csv", "local-authority-code,x\n\"NOW,1\n"),
            &mut t,
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("la.csv"), "{e}");
    }
}
