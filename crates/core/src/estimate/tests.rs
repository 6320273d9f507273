use super::*;
use crate::reference::{SourceRef, SourcedAmount};

/// The 2025-26 rules: limits £14,250 and £23,250; £1 a week per £250 or part; PEA £30.65.
fn rules() -> MeansTestRules {
    let a = |amount| SourcedAmount {
        amount,
        source: SourceRef {
            publisher: "test".into(),
            citation: "test".into(),
            date: None,
        },
    };
    MeansTestRules {
        period: "2025-26".into(),
        upper_capital_limit: a(23_250.0),
        lower_capital_limit: a(14_250.0),
        tariff_step: a(250.0),
        tariff_per_step: a(1.0),
        personal_expenses_allowance: a(30.65),
    }
}

fn case() -> CareHomeCase {
    CareHomeCase {
        weekly_fee: 1_000.0,
        savings: 10_000.0,
        weekly_income: 250.0,
        home_value: None,
        someone_still_lives_there: false,
        council_usual_price: Some(800.0),
        nhs_nursing_contribution: None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn case_1_capital_below_the_lower_limit_pays_from_income_only() {
    // £10,000 < £14,250: no tariff. Pays £250 - £30.65 = £219.35. Council pays £800 - £219.35
    // = £580.65. Top-up £1,000 - £800 = £200.
    let e = estimate_care_home(&case(), &rules());
    let p = &e.first_12_weeks;
    assert!(p.council_may_contribute);
    assert_eq!(p.tariff_income, 0.0);
    assert!(close(p.person_pays, 219.35));
    assert!(close(p.council_pays.unwrap(), 580.65));
    assert_eq!(p.top_up, Some(200.0));
    assert_eq!(e.after_12_weeks, None);
    assert_eq!(e.weeks_to_upper_limit, None);
}

#[test]
fn case_2_capital_between_the_limits_adds_tariff_income() {
    // £20,000 - £14,250 = £5,750 = exactly 23 steps of £250: tariff £23.
    // Pays £250 + £23 - £30.65 = £242.35.
    let e = estimate_care_home(
        &CareHomeCase {
            savings: 20_000.0,
            ..case()
        },
        &rules(),
    );
    assert_eq!(e.first_12_weeks.tariff_income, 23.0);
    assert!(close(e.first_12_weeks.person_pays, 242.35));
}

#[test]
fn case_3_a_part_band_of_250_counts_as_a_whole_one() {
    // £14,251 is £1 over: one part band, so £1 a week. £14,500 is exactly one band: £1.
    // £14,500.01 starts a second: £2.
    assert_eq!(tariff_income(14_251.0, &rules()), 1.0);
    assert_eq!(tariff_income(14_500.0, &rules()), 1.0);
    assert_eq!(tariff_income(14_500.01, &rules()), 2.0);
    assert_eq!(tariff_income(14_250.0, &rules()), 0.0);
    // At the upper limit, £9,000 over = 36 bands: £36.
    assert_eq!(tariff_income(23_250.0, &rules()), 36.0);
}

#[test]
fn case_4_capital_above_the_upper_limit_pays_the_full_fee() {
    // £50,000 > £23,250: pays all £1,000. Each week £1,000 - £250 income = £750 comes from
    // savings; (£50,000 - £23,250) / £750 = 35.666... weeks to reach the upper limit.
    let e = estimate_care_home(
        &CareHomeCase {
            savings: 50_000.0,
            ..case()
        },
        &rules(),
    );
    let p = &e.first_12_weeks;
    assert!(!p.council_may_contribute);
    assert_eq!(p.person_pays, 1_000.0);
    assert_eq!(p.top_up, None);
    assert!(close(e.weeks_to_upper_limit.unwrap(), 26_750.0 / 750.0));
}

#[test]
fn case_5_the_home_is_ignored_for_12_weeks_then_counts() {
    // Savings £10,000, home £200,000, nobody left living there.
    // First 12 weeks: capital £10,000, pays £219.35 (as case 1).
    // After: capital £210,000 > upper limit: pays £1,000; (£210,000 - £23,250) / £750
    // = 249 weeks after the 12 disregarded ones: 261 from moving in. The £200 top-up applies
    // only while the council helps (the first 12 weeks). Savings are under the upper limit,
    // so a deferred payment must be offered.
    let e = estimate_care_home(
        &CareHomeCase {
            home_value: Some(200_000.0),
            ..case()
        },
        &rules(),
    );
    assert!(close(e.first_12_weeks.person_pays, 219.35));
    let after = e.after_12_weeks.as_ref().unwrap();
    assert_eq!(after.capital, 210_000.0);
    assert!(!after.council_may_contribute);
    assert_eq!(after.person_pays, 1_000.0);
    assert_eq!(e.first_12_weeks.top_up, Some(200.0));
    assert_eq!(after.top_up, None);
    assert!(close(e.weeks_to_upper_limit.unwrap(), 261.0));
    assert!(e.deferred_payment_offer);
}

#[test]
fn case_6_a_partner_still_at_home_means_the_home_never_counts() {
    let e = estimate_care_home(
        &CareHomeCase {
            home_value: Some(200_000.0),
            someone_still_lives_there: true,
            ..case()
        },
        &rules(),
    );
    assert_eq!(e.after_12_weeks, None);
    assert!(close(e.first_12_weeks.person_pays, 219.35));
    assert!(!e.deferred_payment_offer);
}

#[test]
fn case_7_nursing_care_takes_off_what_the_nhs_pays() {
    // Fee £1,300 with the 2025-26 standard NHS rate £254.06: the person's fee is £1,045.94.
    // Self-funding with £40,000 and income £300: (£40,000 - £23,250) / (£1,045.94 - £300)
    // = £16,750 / £745.94 = 22.4549... weeks.
    let e = estimate_care_home(
        &CareHomeCase {
            weekly_fee: 1_300.0,
            savings: 40_000.0,
            weekly_income: 300.0,
            nhs_nursing_contribution: Some(254.06),
            ..case()
        },
        &rules(),
    );
    assert!(close(e.fee_after_nhs, 1_045.94));
    assert!(close(e.first_12_weeks.person_pays, 1_045.94));
    assert!(close(e.weeks_to_upper_limit.unwrap(), 16_750.0 / 745.94));
}

#[test]
fn case_8_income_above_the_usual_price_is_capped_at_it() {
    // Income £900 + no tariff - £30.65 = £869.35, but the council's price is £800: pays £800,
    // council £0, top-up £200 on top.
    let e = estimate_care_home(
        &CareHomeCase {
            weekly_income: 900.0,
            ..case()
        },
        &rules(),
    );
    assert_eq!(e.first_12_weeks.person_pays, 800.0);
    assert_eq!(e.first_12_weeks.council_pays, Some(0.0));
    assert_eq!(e.first_12_weeks.top_up, Some(200.0));
}

#[test]
fn case_9_without_a_usual_price_the_council_share_and_top_up_are_unknown() {
    // Between the limits (£15,000: £750 over = 3 bands, £3): pays £250 + £3 - £30.65 = £222.35.
    let e = estimate_care_home(
        &CareHomeCase {
            savings: 15_000.0,
            council_usual_price: None,
            ..case()
        },
        &rules(),
    );
    assert!(close(e.first_12_weeks.person_pays, 222.35));
    assert_eq!(e.first_12_weeks.council_pays, None);
    assert_eq!(e.first_12_weeks.top_up, None);
}

#[test]
fn case_10_income_that_covers_the_fee_never_runs_savings_down() {
    // £30,000 of savings, fee £600, income £650: nothing is drawn from savings.
    let e = estimate_care_home(
        &CareHomeCase {
            savings: 30_000.0,
            weekly_fee: 600.0,
            weekly_income: 650.0,
            ..case()
        },
        &rules(),
    );
    assert_eq!(e.first_12_weeks.person_pays, 600.0);
    assert_eq!(e.weeks_to_upper_limit, None);
}

#[test]
fn case_12_savings_spent_during_the_disregard_then_the_home_counts() {
    // Savings £30,000 (over the limit), home £100,000, fee £1,000, income £250.
    // Weeks 1-12: self-funding, £750 a week from savings: 12 x £750 = £9,000 leaves £21,000,
    // but spending stops mattering at the £23,250 limit, so £23,250 is carried forward.
    // From week 13: £23,250 + £100,000 = £123,250; (£123,250 - £23,250) / £750 = 133.33 weeks,
    // 145.33 from moving in. Savings were over the limit, so no deferred payment offer.
    let e = estimate_care_home(
        &CareHomeCase {
            savings: 30_000.0,
            home_value: Some(100_000.0),
            ..case()
        },
        &rules(),
    );
    assert!(!e.first_12_weeks.council_may_contribute);
    assert_eq!(e.after_12_weeks.as_ref().unwrap().capital, 123_250.0);
    assert!(close(
        e.weeks_to_upper_limit.unwrap(),
        12.0 + 100_000.0 / 750.0
    ));
    assert!(!e.deferred_payment_offer);
}

#[test]
fn case_11_home_care_is_hours_times_the_hourly_rate() {
    // 10 hours at £32.14 (the 2025-26 minimum price for home care) = £321.40 a week.
    assert!(close(home_care_weekly_cost(32.14, 10.0), 321.40));
    assert_eq!(home_care_weekly_cost(28.0, 0.0), 0.0);
}

fn form<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        pairs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

#[test]
fn a_complete_care_home_form_becomes_a_request() {
    let answers = [
        ("care", "nursing_home"),
        ("fee", "£1,300"),
        ("savings", "40000"),
        ("income", "300"),
        ("owns", "yes"),
        ("home_value", "180,000"),
        ("lives_there", "no"),
        ("usual", ""),
    ];
    let answered = form(&answers);
    match read_form(&answered) {
        Ok(Request::CareHome { case, nursing }) => {
            assert!(nursing);
            assert_eq!(
                (case.weekly_fee, case.savings, case.home_value),
                (1_300.0, 40_000.0, Some(180_000.0))
            );
            assert_eq!(case.council_usual_price, None);
            assert!(!case.someone_still_lives_there);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_and_bad_answers_each_get_a_message_naming_the_field() {
    let answers = [
        ("care", "care_home"),
        ("fee", "-10"),
        ("savings", ""),
        ("income", "lots"),
        ("owns", "yes"),
        ("home_value", ""),
    ];
    let answered = form(&answers);
    let errors = read_form(&answered).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.0).collect();
    assert_eq!(
        fields,
        ["fee", "savings", "income", "home_value", "lives_there"]
    );
    assert_eq!(errors[0].1, "The weekly fee cannot be less than 0");
    assert_eq!(errors[1].1, "Enter savings and other capital");
    let nothing = form(&[]);
    assert_eq!(
        read_form(&nothing).unwrap_err(),
        vec![("care", "Select the type of care".to_string())]
    );
    let home_care = [
        ("care", "home_care"),
        ("rate", "32.14"),
        ("hours", "200"),
        ("savings", "0"),
    ];
    let answered = form(&home_care);
    assert_eq!(
        read_form(&answered).unwrap_err()[0],
        (
            "hours",
            "The hours of care a week must be 168 hours or less".to_string()
        )
    );
}

#[test]
fn amounts_are_read_as_people_type_them_and_bad_ones_explained() {
    assert_eq!(
        parse_money("£1,250.50", "the weekly fee", 20_000.0),
        Ok(1_250.5)
    );
    assert_eq!(
        parse_money(" 300 ", "your weekly income", 20_000.0),
        Ok(300.0)
    );
    assert_eq!(
        parse_money("", "the weekly fee", 1.0)
            .unwrap_err()
            .message(),
        "Enter the weekly fee"
    );
    assert_eq!(
        parse_money("lots", "the weekly fee", 1.0)
            .unwrap_err()
            .message(),
        "The weekly fee must be an amount in pounds, like 1,250 or 1250.50"
    );
    assert_eq!(
        parse_money("-5", "your savings", 1.0)
            .unwrap_err()
            .message(),
        "Your savings cannot be less than 0"
    );
    assert_eq!(
        parse_money("1e9", "the weekly fee", 20_000.0)
            .unwrap_err()
            .message(),
        "The weekly fee must be £20,000 or less"
    );
    assert_eq!(
        parse_money("NaN", "the weekly fee", 20_000.0),
        Err(MoneyError::NotANumber("the weekly fee"))
    );
}
