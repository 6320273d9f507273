//! Property tests: thousands of generated inputs for the functions that read what people type
//! or what arrives in an address. None may panic, and well-formed input must round-trip.

use proptest::prelude::*;

use crate::pathway::journey::PathwayAddress;
use crate::pathway::step_href;
use crate::postcode::{Postcode, PostcodeQuery};
use crate::query::{encode, value, SearchParams};
use crate::routes::{moved_to_fragment, Route};
use crate::shortlist::{Shortlist, SHORTLIST_LIMIT};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    fn the_postcode_parser_never_panics(text in any::<String>()) {
        let _ = PostcodeQuery::parse(&text);
    }

    #[test]
    fn the_postcode_parser_never_panics_on_near_misses(text in "[A-Za-z0-9 .,-]{0,12}") {
        if let Ok(PostcodeQuery::Full(p)) = PostcodeQuery::parse(&text) {
            // Whatever it accepts, it accepts again in its standard form.
            prop_assert_eq!(Postcode::parse(&p.to_string()), Ok(p));
        }
    }

    #[test]
    fn real_shapes_parse_however_they_are_typed(
        area in "[A-Z]{1,2}", district in "[0-9]{1,2}", unit in "[0-9][ABDEFGHJLNPQRSTUWXYZ]{2}",
        lower in any::<bool>(), spaces in 0usize..3
    ) {
        let standard = format!("{area}{district} {unit}");
        let typed = format!("{area}{district}{}{unit}", " ".repeat(spaces));
        let typed = if lower { typed.to_lowercase() } else { typed };
        let parsed = Postcode::parse(&typed).map(|p| p.to_string());
        prop_assert_eq!(parsed, Ok(standard));
    }

    #[test]
    fn any_address_reads_without_panicking_and_rereads_the_same(query in any::<String>()) {
        let p = SearchParams::from_fragment(&query);
        if p.is_search() {
            prop_assert_eq!(SearchParams::from_fragment(&p.to_fragment()).criteria, p.criteria.clone());
        }
    }
}

/// A step or answer id as authored content spells them (`pathway::plain_id`).
const PLAIN_ID: &str = "[a-z0-9_]{1,12}";
/// A CQC-style location id, as share links carry them.
const LOCATION_ID: &str = "1-[0-9]{1,11}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    fn any_stored_shortlist_reads_without_panicking_as_at_most_ten_distinct_ids(text in any::<String>()) {
        let list = Shortlist::from_storage(Some(&text));
        prop_assert!(list.len() <= SHORTLIST_LIMIT);
        let mut ids = list.ids().to_vec();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), list.len());
    }

    #[test]
    fn a_stored_list_of_any_strings_keeps_the_first_ten_distinct_in_order(ids in proptest::collection::vec(any::<String>(), 0..25)) {
        // Written as an older version or a hand edit might have: repeats and more than ten.
        let text = serde_json::json!({ "ids": ids }).to_string();
        let list = Shortlist::from_storage(Some(&text));
        let mut expected: Vec<String> = Vec::new();
        for id in &ids {
            if !expected.contains(id) {
                expected.push(id.clone());
            }
        }
        expected.truncate(SHORTLIST_LIMIT);
        prop_assert_eq!(list.ids(), &expected[..]);
        prop_assert_eq!(Shortlist::from_storage(Some(&list.to_storage())), list);
    }

    #[test]
    fn any_share_link_reads_without_panicking_as_plausible_ids(fragment in any::<String>()) {
        let list = value(&fragment, "ids").map(|ids| Shortlist::from_share(&ids)).unwrap_or_default();
        prop_assert!(list.len() <= SHORTLIST_LIMIT);
        for id in list.ids() {
            prop_assert!(!id.is_empty() && id.len() <= 20 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{}", id);
        }
    }

    #[test]
    fn a_shortlist_survives_its_share_link(ids in proptest::collection::vec(LOCATION_ID, 0..SHORTLIST_LIMIT)) {
        let mut list = Shortlist::default();
        for id in &ids {
            list.add(id).unwrap();
        }
        // As the compare page writes it into the link's fragment and reads it back.
        let fragment = format!("#ids={}", encode(&list.share_value()));
        let read = value(&fragment, "ids").map(|ids| Shortlist::from_share(&ids));
        prop_assert_eq!(read, Some(list));
    }

    #[test]
    fn any_pathway_fragment_reads_without_panicking_as_plain_answers(fragment in any::<String>(), step in proptest::option::of(PLAIN_ID)) {
        let address = PathwayAddress::from_route("worried".into(), step.clone(), &fragment);
        prop_assert_eq!(address.step, step);
        let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        for (s, v) in &address.answers {
            prop_assert!(plain(s) && plain(v), "{}.{}", s, v);
        }
    }

    #[test]
    fn pathway_answers_survive_the_address(answers in proptest::collection::vec((PLAIN_ID, PLAIN_ID), 0..8), step in PLAIN_ID, from_check in any::<bool>()) {
        let href = step_href("worried", &step, &answers);
        prop_assert!(!href.contains('?'), "{}", href);
        let href = if from_check && !answers.is_empty() { format!("{href}&from=check") } else { href };
        let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
        let read = PathwayAddress::from_route("worried".into(), Route::from_path(path).and_then(|r| match r {
            Route::Pathway { step, .. } => step,
            _ => None,
        }), fragment);
        prop_assert_eq!(read.step.as_deref(), Some(step.as_str()));
        prop_assert_eq!(read.answers, answers.clone());
        prop_assert_eq!(read.from_check, from_check && !answers.is_empty());
    }

    #[test]
    fn an_old_link_moved_into_the_fragment_says_what_it_said(query in any::<String>(), path in "/(search|compare|pathways/worried/[a-z]{1,5}|costs|provider/1-[0-9]{3})") {
        let query: String = query.chars().filter(|c| *c != '#').collect();
        match moved_to_fragment(&path, &query, "") {
            Some(moved) => {
                let (moved_path, fragment) = moved.split_once('#').unwrap();
                prop_assert_eq!(moved_path, path.as_str());
                prop_assert!(!moved_path.contains('?'));
                prop_assert_eq!(SearchParams::from_fragment(fragment), SearchParams::from_fragment(&query));
                prop_assert_eq!(value(fragment, "answers"), value(&query, "answers"));
            }
            None => prop_assert!(query.trim_start_matches('?').is_empty() || !Route::from_path(&path).unwrap().keeps_state_in_fragment()),
        }
    }
}
