use proptest::prelude::*;

use super::*;
use crate::rating::Rating;
use crate::service::{NameKind, Rated, ServiceType};

const OLDHAM: Point = Point::new(53.5409, -2.1114);

fn service(name: &str, others: &[(NameKind, &str)], lat: f64) -> ServiceSummary {
    ServiceSummary {
        id: format!("1-{name}"),
        name: name.into(),
        district: "OL1".into(),
        lat,
        lon: -2.1114,
        services: 1 << (ServiceType::CareHome as u8),
        specialisms: 0,
        beds: 20,
        overall: Some(Rated {
            rating: Rating::Good,
            date: None,
        }),
        last_inspection: None,
        other_names: others
            .iter()
            .map(|&(kind, name)| OtherName {
                kind,
                name: name.into(),
            })
            .collect(),
    }
}

fn anything() -> Criteria {
    Criteria {
        services: vec![],
        specialisms: vec![],
        min_rating: None,
    }
}

/// The names found for `query`, best first.
fn found(services: &[ServiceSummary], query: &str, origin: Option<Point>) -> Vec<String> {
    NameIndex::new(services)
        .search(services, query, origin, &anything())
        .into_iter()
        .map(|h| services[h.index].name.clone())
        .collect()
}

fn homes() -> Vec<ServiceSummary> {
    vec![
        service("Hadfield House Nursing Home", &[], 53.60),
        service("Hadfield House", &[], 53.55),
        service("Hatfield Court", &[], 53.54),
        service("St. Mary's Care & Nursing Home", &[], 53.56),
        service("The Laurels", &[], 53.57),
        service(
            "Werneth Lodge",
            &[(NameKind::Provider, "Werneth Lodge Limited")],
            53.53,
        ),
        service(
            "Care Quality Services Oldham",
            &[(NameKind::Brand, "Cera Care")],
            53.52,
        ),
    ]
}

#[test]
fn names_are_read_as_plain_words() {
    assert_eq!(
        words("St. Mary's Care & Nursing Home Ltd"),
        ["saint", "marys", "care", "and", "nursing", "home", "limited"]
    );
    assert_eq!(words("  BEECH–HOUSE  (Shaw) "), ["beech", "house", "shaw"]);
    assert_eq!(words("St Anne’s"), words("saint annes"));
    assert!(words("&").iter().all(|w| w == "and"));
    assert!(words("…!?").is_empty());
}

#[test]
fn a_typo_still_finds_the_home_and_the_exact_name_comes_first() {
    let homes = homes();
    assert_eq!(
        found(&homes, "hadfeld house", None)[..2],
        ["Hadfield House", "Hadfield House Nursing Home"]
    );
    // "Hatfield" is one slip from "hadfield" too, but its second word does not match.
    assert!(!found(&homes, "hadfeld house", None).contains(&"Hatfield Court".to_string()));
    assert_eq!(found(&homes, "HADFIELD HOUSE", None)[0], "Hadfield House");
}

#[test]
fn case_punctuation_ampersands_and_saint_do_not_matter() {
    let homes = homes();
    for typed in [
        "st marys care and nursing home",
        "Saint Mary's Care & Nursing Home",
        "ST. MARYS",
        "saint mary",
    ] {
        assert_eq!(
            found(&homes, typed, None).first().map(String::as_str),
            Some("St. Mary's Care & Nursing Home"),
            "{typed}"
        );
    }
    assert_eq!(found(&homes, "laurels", None), ["The Laurels"]);
}

#[test]
fn short_words_must_be_typed_exactly_or_as_a_start() {
    let homes = homes();
    assert_eq!(found(&homes, "had", None).len(), 2);
    assert!(found(&homes, "hod", None).is_empty());
    assert!(found(&homes, "nothing like it", None).is_empty());
    assert!(found(&homes, "", None).is_empty());
    assert!(found(&homes, " ,.; ", None).is_empty());
}

#[test]
fn a_provider_or_brand_name_finds_its_services_and_says_which_name_matched() {
    let homes = homes();
    let index = NameIndex::new(&homes);
    let hits = index.search(&homes, "werneth lodge ltd", None, &anything());
    assert_eq!(hits.len(), 1);
    assert_eq!(homes[hits[0].index].name, "Werneth Lodge");
    assert_eq!(
        hits[0]
            .matched_other
            .as_ref()
            .map(OtherName::sentence)
            .as_deref(),
        Some("Run by Werneth Lodge Limited")
    );
    // Its own name matches as well as the provider's, so the card need not explain.
    let own = index.search(&homes, "werneth lodge", None, &anything());
    assert_eq!(own[0].matched_other, None);
    let brand = index.search(&homes, "cera care", None, &anything());
    assert_eq!(homes[brand[0].index].name, "Care Quality Services Oldham");
    assert_eq!(
        brand[0].matched_other.as_ref().map(|o| o.kind),
        Some(NameKind::Brand)
    );
}

#[test]
fn equal_matches_come_nearest_first_with_their_distances() {
    let homes = vec![
        service("Moorside House", &[], 53.70),
        service("Moorside House", &[], 53.55),
        service("Moorside House", &[], 53.60),
    ];
    let hits = NameIndex::new(&homes).search(&homes, "moorside house", Some(OLDHAM), &anything());
    let lats: Vec<f64> = hits.iter().map(|h| homes[h.index].lat).collect();
    assert_eq!(lats, [53.55, 53.60, 53.70]);
    for h in &hits {
        let expected = miles(OLDHAM, homes[h.index].point());
        assert_eq!(h.miles, Some(expected));
    }
}

#[test]
fn the_filters_still_apply() {
    let mut homes = homes();
    homes[1].services = 1 << (ServiceType::HomeCare as u8);
    let only_homes = Criteria {
        services: vec![ServiceType::CareHome],
        ..anything()
    };
    let hits = NameIndex::new(&homes).search(&homes, "hadfield house", None, &only_homes);
    let names: Vec<&str> = hits.iter().map(|h| homes[h.index].name.as_str()).collect();
    assert_eq!(names, ["Hadfield House Nursing Home"]);
}

#[test]
fn a_very_long_query_is_cut_short_not_refused() {
    let homes = homes();
    let long = "hadfield ".repeat(5_000);
    assert_eq!(found(&homes, &long, None).len(), 2);
}

proptest! {
    /// Any name, typed exactly as written, finds that service first (or one named the same).
    #[test]
    fn every_name_typed_as_written_comes_first(
        names in prop::collection::vec("[A-Za-z&' ]{1,30}", 1..20),
        pick in any::<prop::sample::Index>(),
    ) {
        let services: Vec<ServiceSummary> =
            names.iter().map(|n| service(n, &[], 53.5)).collect();
        let wanted = &names[pick.index(names.len())];
        let hits = found(&services, wanted, None);
        if key_words(wanted).is_empty() {
            prop_assert!(hits.is_empty());
        } else {
            prop_assert_eq!(key_words(&hits[0]), key_words(wanted));
        }
    }
}
