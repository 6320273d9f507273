//! Where a search is centred: the device's location, the centre of a postcode district, or a
//! full postcode's own point; or, in plain words, why it cannot be. The app fetches what
//! `lookup` asks for and hands it back here, so every message is decided (and tested) in one place.

use crate::area_postcodes::AreaPostcodes;
use crate::dataset::{find_centroid, DistrictCentroid};
use crate::distance::Point;
use crate::postcode::{Postcode, PostcodeError, PostcodeQuery};
use crate::query::SearchParams;

/// A search's centre, or a problem the person can fix (a mistyped or unknown postcode).
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// `label` says what the distances are from ("OL1 1AA", "your location").
    Found {
        point: Point,
        label: String,
    },
    BadPostcode(String),
}

/// What finding the centre needs from the dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    /// Nothing more: the answer is known.
    Ready(Origin),
    /// The district centres file, to find this district's centre.
    DistrictCentre(String),
    /// The unit postcodes of this postcode's district.
    UnitPostcode(Postcode),
    /// No place: a search by name alone, which looks everywhere.
    Anywhere,
}

/// What the person reads when they give neither a place nor a name.
pub const NOTHING_TO_SEARCH: &str =
    "Enter a postcode, or the name of a care home, home care agency or provider";

/// The first step of centring the search in `params`.
pub fn lookup(params: &SearchParams) -> Lookup {
    if let Some(point) = params.location {
        return Lookup::Ready(Origin::Found {
            point,
            label: "your location".into(),
        });
    }
    match PostcodeQuery::parse(&params.postcode) {
        Err(PostcodeError::Empty) if !params.name.is_empty() => Lookup::Anywhere,
        Err(PostcodeError::Empty) => Lookup::Ready(Origin::BadPostcode(NOTHING_TO_SEARCH.into())),
        Err(e) => Lookup::Ready(Origin::BadPostcode(e.message().into())),
        Ok(PostcodeQuery::District(district)) => Lookup::DistrictCentre(district),
        Ok(PostcodeQuery::Full(postcode)) => Lookup::UnitPostcode(postcode),
    }
}

/// As `lookup`, with the dataset's own example postcode in the message for text that is not a
/// postcode, so the example is from the person's area (and none is given where it has none).
pub fn lookup_with_example(params: &SearchParams, example: Option<&str>) -> Lookup {
    match (lookup(params), PostcodeQuery::parse(&params.postcode)) {
        (Lookup::Ready(Origin::BadPostcode(_)), Err(PostcodeError::NotAPostcode))
            if params.location.is_none() =>
        {
            Lookup::Ready(Origin::BadPostcode(match example {
                Some(e) => format!("Enter a full postcode, like {e}"),
                None => "Enter a full postcode".into(),
            }))
        }
        (other, _) => other,
    }
}

/// A district's centre, from the dataset's district centres.
pub fn from_district_centre(district: &str, centroids: &[DistrictCentroid]) -> Origin {
    match find_centroid(centroids, district) {
        Some(point) => Origin::Found {
            point,
            label: format!("the centre of the {district} postcode district"),
        },
        None => Origin::BadPostcode(format!(
            "We do not have {district} in our postcode data. Check it, or enter a full postcode"
        )),
    }
}

/// A full postcode's point, from its area's file (`None` when the dataset has no file for that
/// area). A district the file does not hold is outside the dataset too.
pub fn from_unit_postcode(postcode: &Postcode, area_file: Option<&AreaPostcodes>) -> Origin {
    let Some(file) = area_file.filter(|f| f.has_district(postcode.outward())) else {
        return Origin::BadPostcode(format!(
            "{postcode} is outside the area this service covers. Enter a postcode in the area"
        ));
    };
    match file.find(postcode) {
        Some(point) => Origin::Found { point, label: postcode.to_string() },
        None => Origin::BadPostcode(format!(
            "We cannot find {postcode} in our postcode data. Check it, or enter just the first part, like {}",
            postcode.outward()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(query: &str) -> SearchParams {
        SearchParams::from_fragment(query)
    }

    #[test]
    fn each_kind_of_answer_asks_for_what_it_needs() {
        assert_eq!(
            lookup(&params("postcode=ol1")),
            Lookup::DistrictCentre("OL1".into())
        );
        assert_eq!(
            lookup(&params("postcode=ol28lt")),
            Lookup::UnitPostcode(Postcode::parse("OL2 8LT").unwrap())
        );
        let here = lookup(&params("lat=53.541&lon=-2.111"));
        assert_eq!(
            here,
            Lookup::Ready(Origin::Found {
                point: Point::new(53.541, -2.111),
                label: "your location".into()
            })
        );
        // The words the person reads for an empty or a malformed postcode.
        assert_eq!(
            lookup(&params("postcode=")),
            Lookup::Ready(Origin::BadPostcode(NOTHING_TO_SEARCH.into()))
        );
        assert_eq!(lookup(&params("postcode=&name=Hadfield")), Lookup::Anywhere);
        // A name beside a place is searched near that place.
        assert_eq!(
            lookup(&params("postcode=ol1&name=Hadfield")),
            Lookup::DistrictCentre("OL1".into())
        );
        assert_eq!(
            lookup(&params("postcode=hello")),
            Lookup::Ready(Origin::BadPostcode(
                "Enter a real postcode, or the first half of one".into()
            ))
        );
    }

    #[test]
    fn the_example_in_a_message_is_the_datasets_own() {
        let bad = |example| lookup_with_example(&params("postcode=hello"), example);
        assert_eq!(
            bad(Some("OL8 1HG")),
            Lookup::Ready(Origin::BadPostcode(
                "Enter a full postcode, like OL8 1HG".into()
            ))
        );
        assert_eq!(
            bad(None),
            Lookup::Ready(Origin::BadPostcode("Enter a full postcode".into()))
        );
        assert_eq!(
            lookup_with_example(&params("postcode="), Some("OL8 1HG")),
            Lookup::Ready(Origin::BadPostcode(NOTHING_TO_SEARCH.into()))
        );
        assert_eq!(
            lookup_with_example(&params("postcode=ol1"), Some("OL8 1HG")),
            Lookup::DistrictCentre("OL1".into())
        );
    }

    #[test]
    fn districts_and_postcodes_not_in_the_data_say_what_to_do() {
        let centres: Vec<DistrictCentroid> =
            serde_json::from_str(r#"[["OL1",53.54,-2.11]]"#).unwrap();
        assert_eq!(
            from_district_centre("OL1", &centres),
            Origin::Found {
                point: Point::new(53.54, -2.11),
                label: "the centre of the OL1 postcode district".into()
            }
        );
        assert_eq!(
            from_district_centre("OL9", &centres),
            Origin::BadPostcode(
                "We do not have OL9 in our postcode data. Check it, or enter a full postcode"
                    .into()
            )
        );
        let file = AreaPostcodes::new(
            "OL",
            [("OL1".to_string(), "1AA".to_string(), Point::new(53.5, -2.1))],
        )
        .unwrap();
        let known = Postcode::parse("ol1 1aa").unwrap();
        assert_eq!(
            from_unit_postcode(&known, Some(&file)),
            Origin::Found {
                point: Point::new(53.5, -2.1),
                label: "OL1 1AA".into()
            }
        );
        let unknown = Postcode::parse("OL1 9ZZ").unwrap();
        assert_eq!(
            from_unit_postcode(&unknown, Some(&file)),
            Origin::BadPostcode("We cannot find OL1 9ZZ in our postcode data. Check it, or enter just the first part, like OL1".into())
        );
        assert_eq!(
            from_unit_postcode(&unknown, None),
            Origin::BadPostcode(
                "OL1 9ZZ is outside the area this service covers. Enter a postcode in the area"
                    .into()
            )
        );
        // The area is in the data but this district is not.
        assert_eq!(
            from_unit_postcode(&Postcode::parse("OL9 1AA").unwrap(), Some(&file)),
            Origin::BadPostcode(
                "OL9 1AA is outside the area this service covers. Enter a postcode in the area"
                    .into()
            )
        );
    }
}
