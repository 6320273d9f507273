//! Whose area a search is in: the council that runs adult social care for the postcode typed.
//! A full postcode has one council (from its area's postcode file); a district alone may be
//! split between councils, and then only the full postcode can say.

use crate::area_postcodes::AreaPostcodes;
use crate::council::{CouncilsFile, WhoseArea};
use crate::postcode::Postcode;

/// A full postcode's council, from its area's file (`None` when the dataset has no file for it).
pub fn whose_area_for_postcode(
    postcode: &Postcode,
    area_file: Option<&AreaPostcodes>,
) -> WhoseArea {
    match area_file.and_then(|f| f.council_of(postcode)) {
        Some(code) => WhoseArea::Council(code.to_string()),
        None => WhoseArea::Unknown,
    }
}

/// A postcode district's council: the one its postcodes fall in, or, when they fall in several,
/// all of them largest share first.
pub fn whose_area_for_district(file: &CouncilsFile, district: &str) -> WhoseArea {
    let Some(found) = file.districts.iter().find(|d| d.district == district) else {
        return WhoseArea::Unknown;
    };
    match found.councils.as_slice() {
        [] => WhoseArea::Unknown,
        [(code, _)] => WhoseArea::Council(code.clone()),
        several => WhoseArea::Split(several.iter().map(|(c, _)| c.clone()).collect()),
    }
}

/// The council's name as the councils file gives it, or its code when the file lacks it.
pub fn council_name<'a>(file: &'a CouncilsFile, code: &'a str) -> &'a str {
    file.council(code).map_or(code, |c| c.name.as_str())
}

/// What the search page says about whose area it is, or `None` when that is not known.
pub fn whose_area_line(file: &CouncilsFile, district: &str, area: &WhoseArea) -> Option<String> {
    match area {
        WhoseArea::Council(code) => Some(format!(
            "Your council for adult social care: {}",
            council_name(file, code)
        )),
        WhoseArea::Split(codes) => {
            let names: Vec<&str> = codes.iter().map(|c| council_name(file, c)).collect();
            Some(format!(
                "{district} is split between {}. Enter your full postcode to see which council's help applies.",
                and_list(&names)
            ))
        }
        WhoseArea::Unknown => None,
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::council::{Council, DistrictCouncils};
    use crate::distance::Point;

    fn councils() -> CouncilsFile {
        let council = |code: &str, name: &str| Council {
            code: code.into(),
            name: name.into(),
            homepage: None,
            centre: None,
        };
        let district = |d: &str, shares: &[(&str, f64)]| DistrictCouncils {
            district: d.into(),
            councils: shares.iter().map(|(c, s)| (c.to_string(), *s)).collect(),
        };
        CouncilsFile {
            councils: vec![
                council("E08000004", "Oldham Metropolitan Borough Council"),
                council("E08000005", "Rochdale Metropolitan Borough Council"),
                council("E08000008", "Tameside Metropolitan Borough Council"),
            ],
            districts: vec![
                district("OL1", &[("E08000004", 1.0)]),
                district("OL16", &[("E08000005", 0.9), ("E08000004", 0.1)]),
                district(
                    "OL5",
                    &[("E08000008", 0.5), ("E08000004", 0.3), ("E99999999", 0.2)],
                ),
                district("OL99", &[]),
            ],
            ..CouncilsFile::default()
        }
    }

    #[test]
    fn a_district_in_one_council_is_that_council_and_a_split_one_asks_for_the_full_postcode() {
        let file = councils();
        let one = whose_area_for_district(&file, "OL1");
        assert_eq!(one, WhoseArea::Council("E08000004".into()));
        assert_eq!(
            whose_area_line(&file, "OL1", &one).as_deref(),
            Some("Your council for adult social care: Oldham Metropolitan Borough Council")
        );
        let split = whose_area_for_district(&file, "OL16");
        assert_eq!(
            split,
            WhoseArea::Split(vec!["E08000005".into(), "E08000004".into()])
        );
        assert_eq!(
            whose_area_line(&file, "OL16", &split).as_deref(),
            Some("OL16 is split between Rochdale Metropolitan Borough Council and Oldham Metropolitan Borough Council. Enter your full postcode to see which council's help applies.")
        );
        // Three councils, one the file has no name for.
        let three = whose_area_for_district(&file, "OL5");
        assert!(whose_area_line(&file, "OL5", &three).unwrap().starts_with(
            "OL5 is split between Tameside Metropolitan Borough Council, Oldham Metropolitan Borough Council and E99999999."
        ));
        assert_eq!(whose_area_for_district(&file, "OL99"), WhoseArea::Unknown);
        assert_eq!(whose_area_for_district(&file, "M1"), WhoseArea::Unknown);
        assert_eq!(whose_area_line(&file, "M1", &WhoseArea::Unknown), None);
    }

    #[test]
    fn a_full_postcode_is_its_own_councils() {
        let file = AreaPostcodes::with_councils(
            "OL",
            [
                (
                    "OL1".to_string(),
                    "1AA".to_string(),
                    Point::new(53.5, -2.1),
                    Some("E08000004".to_string()),
                ),
                (
                    "OL1".to_string(),
                    "1AB".to_string(),
                    Point::new(53.5, -2.1),
                    None,
                ),
            ],
        )
        .unwrap();
        let pc = |t: &str| Postcode::parse(t).unwrap();
        assert_eq!(
            whose_area_for_postcode(&pc("OL1 1AA"), Some(&file)),
            WhoseArea::Council("E08000004".into())
        );
        assert_eq!(
            whose_area_for_postcode(&pc("OL1 1AB"), Some(&file)),
            WhoseArea::Unknown
        );
        assert_eq!(
            whose_area_for_postcode(&pc("OL1 1ZZ"), Some(&file)),
            WhoseArea::Unknown
        );
        assert_eq!(
            whose_area_for_postcode(&pc("OL1 1AA"), None),
            WhoseArea::Unknown
        );
    }
}
