//! Property tests for the money a person types into the cost estimator and for every date
//! reader in core: arbitrary text never panics, good input round-trips, and the answers match
//! sums worked out here independently.

use proptest::prelude::*;

use crate::date::{days_in_month, Date};
use crate::estimate::{parse_hours, parse_money, MoneyError};
use crate::format::{date as date_words, pounds};
use crate::reference::financial_year;
use crate::search::years_between;

/// Cases per property; the closing note of issue 13 reports them.
const CASES: u32 = 512;
const MAX: f64 = 50_000_000.0;
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "1234567" -> "1,234,567", grouped from the right: written here, not borrowed from `pounds`.
fn grouped(whole: u64) -> String {
    let digits: Vec<char> = whole.to_string().chars().rev().collect();
    let groups: Vec<String> = digits.chunks(3).map(|c| c.iter().rev().collect()).collect();
    groups.into_iter().rev().collect::<Vec<_>>().join(",")
}

/// A day that exists: day 1 to 28 always does, and the month's last day by the leap-year rule.
fn real_date() -> impl Strategy<Value = (u16, u8, u8)> {
    (0u16..=9999, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| {
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let last = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ][usize::from(m - 1)];
        (y, m, d.min(last))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn money_from_any_text_is_an_amount_in_range_or_a_reason(text in any::<String>()) {
        match parse_money(&text, "the fee", MAX) {
            Ok(v) => prop_assert!(v.is_finite() && (0.0..=MAX).contains(&v) && v.is_sign_positive(), "{text:?} gave {v}"),
            Err(e) => prop_assert!(!e.message().is_empty()),
        }
        let _ = parse_hours(&text, "the hours", 168.0);
    }

    #[test]
    fn money_as_people_type_it_reads_as_the_pence_it_says(whole in 0u64..50_000_000, pence in 0u64..100, pound_sign in any::<bool>(),
                                                         commas in any::<bool>(), pad in "[ ]{0,2}", show_pence in any::<bool>()) {
        let pence = if show_pence { pence } else { 0 };
        let number = if commas { grouped(whole) } else { whole.to_string() };
        let text = format!("{pad}{}{number}{}{pad}", if pound_sign { "£" } else { "" }, if show_pence { format!(".{pence:02}") } else { String::new() });
        let expected = (whole * 100 + pence) as f64 / 100.0;
        prop_assert_eq!(parse_money(&text, "the fee", MAX), Ok(expected));
        // And what `pounds` writes reads back as the same amount.
        prop_assert_eq!(parse_money(&pounds(expected), "the fee", MAX), Ok(expected));
    }

    #[test]
    fn money_refuses_negatives_overflows_and_words_for_infinity(whole in 1u64..1_000_000, word in "(?i)(inf|infinity|nan|\\+inf|-inf|1e999)") {
        prop_assert_eq!(parse_money(&format!("-{whole}"), "the fee", MAX), Err(MoneyError::Negative("the fee")));
        prop_assert_eq!(parse_money(&format!("-£{}", grouped(whole)), "the fee", MAX), Err(MoneyError::Negative("the fee")));
        prop_assert_eq!(parse_money(&word, "the fee", MAX), Err(MoneyError::NotANumber("the fee")));
        prop_assert_eq!(parse_money(&format!("{}", whole + 20_000), "the fee", 20_000.0), Err(MoneyError::TooLarge("the fee", "£20,000".into())));
    }

    #[test]
    fn any_text_is_a_date_only_if_it_writes_itself_back(text in any::<String>(), near in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        for t in [&text, &near] {
            if let Some(d) = Date::parse(t) {
                prop_assert_eq!(&d.to_string(), t);
                prop_assert!(d.day <= days_in_month(d.year, d.month) && (1..=12).contains(&d.month));
            }
            let _ = (date_words(t), financial_year(t), years_between(t, &near), years_between(&near, t));
        }
    }

    #[test]
    fn real_days_round_trip_and_read_as_words((y, m, d) in real_date()) {
        let iso = format!("{y:04}-{m:02}-{d:02}");
        prop_assert_eq!(Date::parse(&iso), Some(Date { year: y, month: m, day: d }));
        prop_assert_eq!(Date::parse(&iso).unwrap().to_string(), iso.clone());
        prop_assert_eq!(date_words(&iso), format!("{d} {} {y:04}", MONTHS[usize::from(m - 1)]));
        // Day 32, month 13 and month 0 never exist.
        prop_assert_eq!(Date::parse(&format!("{y:04}-{m:02}-32")), None);
        prop_assert_eq!(Date::parse(&format!("{y:04}-13-{d:02}")), None);
        prop_assert_eq!(Date::parse(&format!("{y:04}-00-{d:02}")), None);
    }

    #[test]
    fn financial_years_and_rating_ages_follow_the_calendar((y, m, d) in real_date(), later in 0u16..120) {
        prop_assume!(y >= 1 && y + later <= 9999);
        let iso = format!("{y:04}-{m:02}-{d:02}");
        let start = if m >= 4 { y } else { y - 1 };
        prop_assert_eq!(financial_year(&iso), Some(format!("{start}-{:02}", (start + 1) % 100)));
        // The same day `later` years on is `later` whole years; the day before it, one fewer.
        let on = format!("{:04}-{m:02}-{:02}", y + later, d.min(days_in_month(y + later, m)));
        let same_day = d <= days_in_month(y + later, m);
        prop_assert_eq!(years_between(&iso, &on), Some(u32::from(later - u16::from(!same_day && later > 0))));
        if later > 0 && d > 1 {
            let before = format!("{:04}-{m:02}-{:02}", y + later, d - 1);
            prop_assert_eq!(years_between(&iso, &before), Some(u32::from(later - 1)));
        }
    }
}
