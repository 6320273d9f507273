//! Property tests: thousands of generated inputs for the functions that read what people type
//! or what arrives in an address. None may panic, and well-formed input must round-trip.

use proptest::prelude::*;

use crate::postcode::{Postcode, PostcodeQuery};
use crate::query::SearchParams;

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
        let p = SearchParams::from_query(&query);
        if p.is_search() {
            prop_assert_eq!(SearchParams::from_query(&p.to_query()).criteria, p.criteria.clone());
        }
    }
}
