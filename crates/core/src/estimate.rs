//! The cost estimator: what a person may pay for care under England's means test, worked out
//! from the rules in the dataset (never written into the UI). An estimate, not an assessment.

use crate::reference::MeansTestRules;

/// Everything the estimator asks, already checked (see `parse_money`).
#[derive(Clone, Debug, PartialEq)]
pub struct CareHomeCase {
    /// The home's weekly fee, in pounds.
    pub weekly_fee: f64,
    /// Savings and other capital, not counting the home.
    pub savings: f64,
    /// Weekly income (pensions, benefits).
    pub weekly_income: f64,
    /// The home's value, when the person owns it.
    pub home_value: Option<f64>,
    /// A partner or dependent relative still lives in the home (so it is never counted).
    pub someone_still_lives_there: bool,
    /// The council's usual weekly price for this kind of place, when known.
    pub council_usual_price: Option<f64>,
    /// NHS-funded nursing care paid to the home each week (nursing homes only).
    pub nhs_nursing_contribution: Option<f64>,
}

/// One stretch of time with its own sums: the first 12 weeks, and after (when the home may count).
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    /// Capital the means test counts in this phase.
    pub capital: f64,
    pub tariff_income: f64,
    /// True when capital is at or below the upper limit, so the council may help pay.
    pub council_may_contribute: bool,
    /// What the person pays each week towards the care (before any top-up).
    pub person_pays: f64,
    /// What the council would pay each week, when it helps and its usual price is known.
    pub council_pays: Option<f64>,
    /// The weekly difference between the fee and the council's usual price, when the council helps.
    pub top_up: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CareHomeEstimate {
    /// The fee less what the NHS pays for nursing.
    pub fee_after_nhs: f64,
    pub first_12_weeks: Phase,
    /// `None` when nothing changes after 12 weeks (no home, or someone still lives there).
    pub after_12_weeks: Option<Phase>,
    /// Weeks from moving in until capital (savings, and the home once counted) falls to the upper
    /// limit, paying the full fee from income and capital. `None` when it never falls or is already there.
    pub weeks_to_upper_limit: Option<f64>,
    /// A home counts and savings are under the upper limit: a deferred payment agreement must be offered.
    pub deferred_payment_offer: bool,
}

/// Tariff income: `per_step` a week for every `step` of capital, or part of one, above the lower limit.
pub fn tariff_income(capital: f64, rules: &MeansTestRules) -> f64 {
    let above = capital - rules.lower_capital_limit.amount;
    if above <= 0.0 || capital > rules.upper_capital_limit.amount {
        return 0.0;
    }
    (above / rules.tariff_step.amount).ceil() * rules.tariff_per_step.amount
}

fn phase(case: &CareHomeCase, rules: &MeansTestRules, capital: f64, fee: f64) -> Phase {
    let upper = rules.upper_capital_limit.amount;
    if capital > upper {
        return Phase { capital, tariff_income: 0.0, council_may_contribute: false, person_pays: fee, council_pays: None, top_up: None };
    }
    let tariff = tariff_income(capital, rules);
    // The person keeps the personal expenses allowance; the rest of their income and tariff
    // income goes towards the care, up to the amount the council would pay in total.
    let assessed = (case.weekly_income + tariff - rules.personal_expenses_allowance.amount).max(0.0);
    let ceiling = case.council_usual_price.map_or(fee, |usual| usual.min(fee));
    let person_pays = assessed.min(ceiling);
    let council_pays = case.council_usual_price.map(|usual| (usual.min(fee) - person_pays).max(0.0));
    let top_up = case.council_usual_price.filter(|usual| fee > *usual).map(|usual| fee - usual);
    Phase { capital, tariff_income: tariff, council_may_contribute: true, person_pays, council_pays, top_up }
}

/// Capital spent each week in a phase: whatever the person pays beyond their income.
fn drawn_each_week(case: &CareHomeCase, phase: &Phase) -> f64 {
    (phase.person_pays - case.weekly_income).max(0.0)
}

/// Weeks for `capital` to fall to the upper limit at `drawn` a week; `None` if it never does.
fn weeks_to_fall(capital: f64, drawn: f64, rules: &MeansTestRules) -> Option<f64> {
    let over = capital - rules.upper_capital_limit.amount;
    (over > 0.0 && drawn > 0.0).then(|| over / drawn)
}

pub fn estimate_care_home(case: &CareHomeCase, rules: &MeansTestRules) -> CareHomeEstimate {
    let fee = (case.weekly_fee - case.nhs_nursing_contribution.unwrap_or(0.0)).max(0.0);
    let upper = rules.upper_capital_limit.amount;
    let first = phase(case, rules, case.savings, fee);
    let home = case.home_value.filter(|_| !case.someone_still_lives_there);
    let (after, weeks_to_upper_limit) = match home {
        None => (None, weeks_to_fall(case.savings, drawn_each_week(case, &first), rules)),
        Some(home) => {
            // Savings spent while the home is disregarded (never below the upper limit: from there
            // the council helps), then the home joins them from week 13.
            let savings_left = (case.savings - DISREGARD_WEEKS * drawn_each_week(case, &first)).max(case.savings.min(upper));
            let after = phase(case, rules, savings_left + home, fee);
            let weeks = weeks_to_fall(after.capital, drawn_each_week(case, &after), rules).map(|w| DISREGARD_WEEKS + w);
            (Some(after), weeks)
        }
    };
    let deferred_payment_offer = home.is_some() && case.savings <= upper;
    CareHomeEstimate { fee_after_nhs: fee, first_12_weeks: first, after_12_weeks: after, weeks_to_upper_limit, deferred_payment_offer }
}

/// The home is ignored for the first 12 weeks of a permanent move into a care home.
const DISREGARD_WEEKS: f64 = 12.0;

/// Home care: the weekly cost of so many hours at an hourly rate.
pub fn home_care_weekly_cost(hourly_rate: f64, hours_a_week: f64) -> f64 {
    hourly_rate * hours_a_week
}

/// Why an amount typed into the estimator cannot be used, in words for the person.
#[derive(Clone, Debug, PartialEq)]
pub enum MoneyError {
    Missing(&'static str),
    NotANumber(&'static str),
    Negative(&'static str),
    /// The field, and the largest amount allowed, already written out ("£20,000", "168 hours").
    TooLarge(&'static str, String),
}

impl MoneyError {
    pub fn message(&self) -> String {
        match self {
            MoneyError::Missing(what) => format!("Enter {what}"),
            MoneyError::NotANumber(what) => format!("{} must be an amount in pounds, like 1,250 or 1250.50", capitalise(what)),
            MoneyError::Negative(what) => format!("{} cannot be less than 0", capitalise(what)),
            MoneyError::TooLarge(what, max) => format!("{} must be {max} or less", capitalise(what)),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Reads an amount as people type it ("£1,250", "1250.50", " 300 "). `what` names the field in
/// messages ("the weekly fee"); `max` rejects slips like an extra zero.
pub fn parse_money(text: &str, what: &'static str, max: f64) -> Result<f64, MoneyError> {
    parse_amount(text, what, max, &crate::format::pounds(max))
}

/// Hours, read like money but limited and described in hours.
pub fn parse_hours(text: &str, what: &'static str, max: f64) -> Result<f64, MoneyError> {
    parse_amount(text, what, max, &format!("{max} hours"))
}

fn parse_amount(text: &str, what: &'static str, max: f64, max_text: &str) -> Result<f64, MoneyError> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, '£' | ',' | ' ')).collect();
    if cleaned.is_empty() {
        return Err(MoneyError::Missing(what));
    }
    let value: f64 = cleaned.parse().map_err(|_| MoneyError::NotANumber(what))?;
    if !value.is_finite() {
        return Err(MoneyError::NotANumber(what));
    }
    if value < 0.0 {
        return Err(MoneyError::Negative(what));
    }
    if value > max {
        return Err(MoneyError::TooLarge(what, max_text.to_string()));
    }
    Ok(value)
}

/// What the estimator form asked for, once every answer has been checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// `nursing` adds NHS-funded nursing care (its rate comes from the dataset, not the person).
    CareHome { case: CareHomeCase, nursing: bool },
    HomeCare { hourly_rate: f64, hours_a_week: f64, savings: f64 },
}

/// Upper bounds that catch slips (an extra zero) without refusing real, large figures.
const MAX_WEEKLY_FEE: f64 = 20_000.0;
const MAX_CAPITAL: f64 = 50_000_000.0;
const MAX_WEEKLY_INCOME: f64 = 20_000.0;
const MAX_HOURLY_RATE: f64 = 500.0;
const MAX_HOURS: f64 = 168.0;

/// Checks the estimator form. `field` gives each answer by name; the errors name the field (for
/// the error summary's links) and say what to do, in the order the form asks.
pub fn read_form(field: &dyn Fn(&str) -> Option<String>) -> Result<Request, Vec<(&'static str, String)>> {
    let errors: std::cell::RefCell<Vec<(&'static str, String)>> = Default::default();
    let money = |name: &'static str, what: &'static str, max: f64| -> f64 {
        parse_money(&field(name).unwrap_or_default(), what, max).unwrap_or_else(|e| {
            errors.borrow_mut().push((name, e.message()));
            0.0
        })
    };
    let care = field("care").unwrap_or_default();
    let request = match care.as_str() {
        "care_home" | "nursing_home" => {
            let weekly_fee = money("fee", "the weekly fee", MAX_WEEKLY_FEE);
            let savings = money("savings", "savings and other capital", MAX_CAPITAL);
            let weekly_income = money("income", "weekly income", MAX_WEEKLY_INCOME);
            let owns = field("owns").unwrap_or_default();
            let home_value = match owns.as_str() {
                "yes" => Some(money("home_value", "the value of the home", MAX_CAPITAL)),
                "no" => None,
                _ => {
                    errors.borrow_mut().push(("owns", "Select yes if you own your home".into()));
                    None
                }
            };
            let lives_there = field("lives_there").unwrap_or_default();
            if home_value.is_some() && !matches!(lives_there.as_str(), "yes" | "no") {
                errors.borrow_mut().push(("lives_there", "Select yes if a partner or dependent relative still lives in the home".into()));
            }
            let usual_text = field("usual").unwrap_or_default();
            let council_usual_price = if usual_text.trim().is_empty() {
                None
            } else {
                Some(money("usual", "the council's usual price", MAX_WEEKLY_FEE))
            };
            Request::CareHome {
                case: CareHomeCase {
                    weekly_fee,
                    savings,
                    weekly_income,
                    home_value,
                    someone_still_lives_there: lives_there == "yes",
                    council_usual_price,
                    nhs_nursing_contribution: None,
                },
                nursing: care == "nursing_home",
            }
        }
        "home_care" => Request::HomeCare {
            hourly_rate: money("rate", "the hourly rate", MAX_HOURLY_RATE),
            hours_a_week: parse_hours(&field("hours").unwrap_or_default(), "the hours of care a week", MAX_HOURS).unwrap_or_else(|e| {
                errors.borrow_mut().push(("hours", e.message()));
                0.0
            }),
            savings: money("savings", "savings and other capital", MAX_CAPITAL),
        },
        _ => return Err(vec![("care", "Select the type of care".into())]),
    };
    let errors = errors.into_inner();
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{SourceRef, SourcedAmount};

    /// The 2025-26 rules: limits £14,250 and £23,250; £1 a week per £250 or part; PEA £30.65.
    fn rules() -> MeansTestRules {
        let a = |amount| SourcedAmount { amount, source: SourceRef { publisher: "test".into(), citation: "test".into(), date: None } };
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
        let e = estimate_care_home(&CareHomeCase { savings: 20_000.0, ..case() }, &rules());
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
        let e = estimate_care_home(&CareHomeCase { savings: 50_000.0, ..case() }, &rules());
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
        let e = estimate_care_home(&CareHomeCase { home_value: Some(200_000.0), ..case() }, &rules());
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
        let e = estimate_care_home(&CareHomeCase { home_value: Some(200_000.0), someone_still_lives_there: true, ..case() }, &rules());
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
            &CareHomeCase { weekly_fee: 1_300.0, savings: 40_000.0, weekly_income: 300.0, nhs_nursing_contribution: Some(254.06), ..case() },
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
        let e = estimate_care_home(&CareHomeCase { weekly_income: 900.0, ..case() }, &rules());
        assert_eq!(e.first_12_weeks.person_pays, 800.0);
        assert_eq!(e.first_12_weeks.council_pays, Some(0.0));
        assert_eq!(e.first_12_weeks.top_up, Some(200.0));
    }

    #[test]
    fn case_9_without_a_usual_price_the_council_share_and_top_up_are_unknown() {
        // Between the limits (£15,000: £750 over = 3 bands, £3): pays £250 + £3 - £30.65 = £222.35.
        let e = estimate_care_home(&CareHomeCase { savings: 15_000.0, council_usual_price: None, ..case() }, &rules());
        assert!(close(e.first_12_weeks.person_pays, 222.35));
        assert_eq!(e.first_12_weeks.council_pays, None);
        assert_eq!(e.first_12_weeks.top_up, None);
    }

    #[test]
    fn case_10_income_that_covers_the_fee_never_runs_savings_down() {
        // £30,000 of savings, fee £600, income £650: nothing is drawn from savings.
        let e = estimate_care_home(&CareHomeCase { savings: 30_000.0, weekly_fee: 600.0, weekly_income: 650.0, ..case() }, &rules());
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
        let e = estimate_care_home(&CareHomeCase { savings: 30_000.0, home_value: Some(100_000.0), ..case() }, &rules());
        assert!(!e.first_12_weeks.council_may_contribute);
        assert_eq!(e.after_12_weeks.as_ref().unwrap().capital, 123_250.0);
        assert!(close(e.weeks_to_upper_limit.unwrap(), 12.0 + 100_000.0 / 750.0));
        assert!(!e.deferred_payment_offer);
    }

    #[test]
    fn case_11_home_care_is_hours_times_the_hourly_rate() {
        // 10 hours at £32.14 (the 2025-26 minimum price for home care) = £321.40 a week.
        assert!(close(home_care_weekly_cost(32.14, 10.0), 321.40));
        assert_eq!(home_care_weekly_cost(28.0, 0.0), 0.0);
    }

    fn form<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn a_complete_care_home_form_becomes_a_request() {
        let answers = [("care", "nursing_home"), ("fee", "£1,300"), ("savings", "40000"), ("income", "300"), ("owns", "yes"), ("home_value", "180,000"), ("lives_there", "no"), ("usual", "")];
        let answered = form(&answers);
        match read_form(&answered) {
            Ok(Request::CareHome { case, nursing }) => {
                assert!(nursing);
                assert_eq!((case.weekly_fee, case.savings, case.home_value), (1_300.0, 40_000.0, Some(180_000.0)));
                assert_eq!(case.council_usual_price, None);
                assert!(!case.someone_still_lives_there);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_and_bad_answers_each_get_a_message_naming_the_field() {
        let answers = [("care", "care_home"), ("fee", "-10"), ("savings", ""), ("income", "lots"), ("owns", "yes"), ("home_value", "")];
        let answered = form(&answers);
        let errors = read_form(&answered).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["fee", "savings", "income", "home_value", "lives_there"]);
        assert_eq!(errors[0].1, "The weekly fee cannot be less than 0");
        assert_eq!(errors[1].1, "Enter savings and other capital");
        let nothing = form(&[]);
        assert_eq!(read_form(&nothing).unwrap_err(), vec![("care", "Select the type of care".to_string())]);
        let home_care = [("care", "home_care"), ("rate", "32.14"), ("hours", "200"), ("savings", "0")];
        let answered = form(&home_care);
        assert_eq!(read_form(&answered).unwrap_err()[0], ("hours", "The hours of care a week must be 168 hours or less".to_string()));
    }

    #[test]
    fn amounts_are_read_as_people_type_them_and_bad_ones_explained() {
        assert_eq!(parse_money("£1,250.50", "the weekly fee", 20_000.0), Ok(1_250.5));
        assert_eq!(parse_money(" 300 ", "your weekly income", 20_000.0), Ok(300.0));
        assert_eq!(parse_money("", "the weekly fee", 1.0).unwrap_err().message(), "Enter the weekly fee");
        assert_eq!(
            parse_money("lots", "the weekly fee", 1.0).unwrap_err().message(),
            "The weekly fee must be an amount in pounds, like 1,250 or 1250.50"
        );
        assert_eq!(parse_money("-5", "your savings", 1.0).unwrap_err().message(), "Your savings cannot be less than 0");
        assert_eq!(parse_money("1e9", "the weekly fee", 20_000.0).unwrap_err().message(), "The weekly fee must be £20,000 or less");
        assert_eq!(parse_money("NaN", "the weekly fee", 20_000.0), Err(MoneyError::NotANumber("the weekly fee")));
    }
}
