//! UK postcodes as people type them: any case, any spacing, stray punctuation.
//!
//! A full postcode is an outward code (the district, e.g. "NR2") and a three-character inward
//! code ("1AB"). People often type only the district, which is enough for a rough search.

use std::fmt;

/// What someone typed, once understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostcodeQuery {
    /// A whole unit postcode, e.g. NR2 1AB.
    Full(Postcode),
    /// Only the district (outward code), e.g. NR2.
    District(String),
}

/// A well-formed unit postcode, held in its standard form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Postcode {
    outward: String,
    inward: String,
}

/// Why typed text is not a postcode; `message` is the plain-English error to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostcodeError {
    Empty,
    NotAPostcode,
}

impl PostcodeError {
    pub fn message(self) -> &'static str {
        match self {
            PostcodeError::Empty => "Enter a postcode",
            PostcodeError::NotAPostcode => "Enter a real postcode, or the first half of one",
        }
    }
}

impl fmt::Display for PostcodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for PostcodeError {}

impl Postcode {
    /// Parses a full unit postcode; a district alone is an error here.
    pub fn parse(text: &str) -> Result<Postcode, PostcodeError> {
        match PostcodeQuery::parse(text)? {
            PostcodeQuery::Full(p) => Ok(p),
            PostcodeQuery::District(_) => Err(PostcodeError::NotAPostcode),
        }
    }

    /// The district, e.g. "NR2".
    pub fn outward(&self) -> &str {
        &self.outward
    }

    /// The area, e.g. "NR": names the postcode file a search needs, and is all it reveals.
    pub fn area(&self) -> &str {
        crate::area_postcodes::area_of(&self.outward)
    }

    /// The part after the space, e.g. "1AB".
    pub fn inward(&self) -> &str {
        &self.inward
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.outward, self.inward)
    }
}

impl PostcodeQuery {
    /// Understands a postcode or a district typed in any case, with or without spaces,
    /// ignoring punctuation people add by accident ("nr2-1ab", "NR2 1AB.").
    pub fn parse(text: &str) -> Result<PostcodeQuery, PostcodeError> {
        let compact: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return if text.chars().any(|c| !c.is_whitespace()) {
                Err(PostcodeError::NotAPostcode)
            } else {
                Err(PostcodeError::Empty)
            };
        }
        // Letters outside ASCII ("ÑR2") are not postcodes, even though we dropped them above.
        if text.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
            return Err(PostcodeError::NotAPostcode);
        }
        if let Some(district) = district_of_sector(text) {
            return Ok(PostcodeQuery::District(district));
        }
        if is_outward(&compact) {
            return Ok(PostcodeQuery::District(compact));
        }
        if compact.len() >= 5 {
            let (outward, inward) = compact.split_at(compact.len() - 3);
            if (is_outward(outward) && is_inward(inward)) || compact == "GIR0AA" {
                return Ok(PostcodeQuery::Full(Postcode {
                    outward: outward.to_string(),
                    inward: inward.to_string(),
                }));
            }
        }
        Err(PostcodeError::NotAPostcode)
    }
}

/// The postcode district of what someone typed: "nr2" is "NR2", the sector "OL1 0" is "OL1",
/// and the full postcode "NR2 1AB" is "NR2"; `None` when it is neither. The district pages and
/// the form that leads to them (in the app and, without JavaScript, the server) all use this,
/// so a full postcode is cut to its district the same way everywhere and never kept whole.
pub fn district_for(typed: &str) -> Option<String> {
    match PostcodeQuery::parse(typed).ok()? {
        PostcodeQuery::District(district) => Some(district),
        PostcodeQuery::Full(postcode) => Some(postcode.outward),
    }
}

/// A district as the dataset writes it ("NR2", "OL1", "W1A"): upper case, nothing else. Being
/// letters and digits only, it is also safe as a file name and a part of a page's address.
pub fn is_district(name: &str) -> bool {
    name.bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && is_outward(name)
}

/// "NR2 1" or "OL1 0A": a district followed by the start of an inward code. Squashing the
/// spaces out would misread these as districts NR21 and OL10, so the district typed first wins.
fn district_of_sector(text: &str) -> Option<String> {
    let mut parts = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_uppercase);
    let (outward, inward) = (parts.next()?, parts.next()?);
    let partial_inward = matches!(inward.as_bytes(), [d] | [d, b'A'..=b'Z'] if d.is_ascii_digit());
    (parts.next().is_none() && is_outward(&outward) && partial_inward).then_some(outward)
}

/// District shapes: A9, A99, AA9, AA99, A9A, AA9A (letters A, digits 9).
fn is_outward(s: &str) -> bool {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if !(1..=2).contains(&letters) || b.len() <= letters {
        return false;
    }
    let rest = &b[letters..];
    match rest {
        [d] => d.is_ascii_digit(),
        [d1, d2] => d1.is_ascii_digit() && (d2.is_ascii_digit() || d2.is_ascii_alphabetic()),
        _ => false,
    }
}

/// The inward code: a digit then two letters.
fn is_inward(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_alphabetic()
        && b[2].is_ascii_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> String {
        match PostcodeQuery::parse(text) {
            Ok(PostcodeQuery::Full(p)) => p.to_string(),
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn a_district_name_is_an_outward_code_in_capitals_and_nothing_else() {
        for good in ["NR2", "OL1", "OL16", "W1A", "EC1V", "M6"] {
            assert!(is_district(good), "{good}");
        }
        for bad in [
            "", "nr2", "NR2 ", " NR2", "NR2 1AB", "NR2/..", "..", "../OL1", "OL1\\", "NR", "2NR",
            "NR123", "ÑR2",
        ] {
            assert!(!is_district(bad), "{bad:?}");
        }
    }

    #[test]
    fn accepts_any_case_and_spacing() {
        assert_eq!(full("nr21ab"), "NR2 1AB");
        assert_eq!(full(" NR2  1AB "), "NR2 1AB");
        assert_eq!(full("nr2-1ab."), "NR2 1AB");
        assert_eq!(full("NR103AA"), "NR10 3AA");
        assert_eq!(full("M1 1AE"), "M1 1AE");
        assert_eq!(full("W1A 0AX"), "W1A 0AX");
        assert_eq!(full("EC1A1BB"), "EC1A 1BB");
        assert_eq!(full("gir 0aa"), "GIR 0AA");
    }

    #[test]
    fn a_district_alone_is_understood_as_a_district() {
        assert_eq!(
            PostcodeQuery::parse("nr2"),
            Ok(PostcodeQuery::District("NR2".into()))
        );
        assert_eq!(
            PostcodeQuery::parse(" pe30 "),
            Ok(PostcodeQuery::District("PE30".into()))
        );
        assert_eq!(
            PostcodeQuery::parse("NR21"),
            Ok(PostcodeQuery::District("NR21".into()))
        );
    }

    #[test]
    fn a_sector_is_searched_from_the_district_typed_not_a_longer_one() {
        // OL10 and NR21 are real districts elsewhere; the space says OL1 and NR2 were meant.
        assert_eq!(
            PostcodeQuery::parse("OL1 0"),
            Ok(PostcodeQuery::District("OL1".into()))
        );
        assert_eq!(
            PostcodeQuery::parse("nr2 1a"),
            Ok(PostcodeQuery::District("NR2".into()))
        );
        assert_eq!(
            PostcodeQuery::parse("NR2 1"),
            Ok(PostcodeQuery::District("NR2".into()))
        );
        assert_eq!(full("OL1 0AB"), "OL1 0AB");
        assert_eq!(
            PostcodeQuery::parse("OL10"),
            Ok(PostcodeQuery::District("OL10".into()))
        );
    }

    #[test]
    fn nonsense_gets_a_plain_message() {
        for bad in [
            "hello", "12345", "NR21A", "NR2 1ABC", "NR2 1 2", "N", "NRR2 1AB", "ÑR2 1AB", "?",
            "NR2 AAB",
        ] {
            assert_eq!(
                PostcodeQuery::parse(bad),
                Err(PostcodeError::NotAPostcode),
                "{bad:?}"
            );
        }
        assert_eq!(PostcodeQuery::parse("   "), Err(PostcodeError::Empty));
        assert_eq!(
            PostcodeError::NotAPostcode.message(),
            "Enter a real postcode, or the first half of one"
        );
    }

    #[test]
    fn what_was_typed_is_reduced_to_its_district() {
        assert_eq!(district_for("nr2").as_deref(), Some("NR2"));
        assert_eq!(district_for("OL1 0").as_deref(), Some("OL1"));
        assert_eq!(district_for("NR2 1AB").as_deref(), Some("NR2"));
        assert_eq!(district_for(" ec1a1bb ").as_deref(), Some("EC1A"));
        assert_eq!(district_for("OL10").as_deref(), Some("OL10"));
        for bad in ["", "  ", "<script>", "hello", "NR2 1ABC", "ÑR2"] {
            assert_eq!(district_for(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn full_postcode_parse_rejects_a_district() {
        assert_eq!(Postcode::parse("NR2"), Err(PostcodeError::NotAPostcode));
        let p = Postcode::parse("nr2 1ab").unwrap();
        assert_eq!((p.outward(), p.inward()), ("NR2", "1AB"));
    }
}
