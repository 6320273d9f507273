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
        return Phase {
            capital,
            tariff_income: 0.0,
            council_may_contribute: false,
            person_pays: fee,
            council_pays: None,
            top_up: None,
        };
    }
    let tariff = tariff_income(capital, rules);
    // The person keeps the personal expenses allowance; the rest of their income and tariff
    // income goes towards the care, up to the amount the council would pay in total.
    let assessed =
        (case.weekly_income + tariff - rules.personal_expenses_allowance.amount).max(0.0);
    let ceiling = case.council_usual_price.map_or(fee, |usual| usual.min(fee));
    let person_pays = assessed.min(ceiling);
    let council_pays = case
        .council_usual_price
        .map(|usual| (usual.min(fee) - person_pays).max(0.0));
    let top_up = case
        .council_usual_price
        .filter(|usual| fee > *usual)
        .map(|usual| fee - usual);
    Phase {
        capital,
        tariff_income: tariff,
        council_may_contribute: true,
        person_pays,
        council_pays,
        top_up,
    }
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
        None => (
            None,
            weeks_to_fall(case.savings, drawn_each_week(case, &first), rules),
        ),
        Some(home) => {
            // Savings spent while the home is disregarded (never below the upper limit: from there
            // the council helps), then the home joins them from week 13.
            let savings_left = (case.savings - DISREGARD_WEEKS * drawn_each_week(case, &first))
                .max(case.savings.min(upper));
            let after = phase(case, rules, savings_left + home, fee);
            let weeks = weeks_to_fall(after.capital, drawn_each_week(case, &after), rules)
                .map(|w| DISREGARD_WEEKS + w);
            (Some(after), weeks)
        }
    };
    let deferred_payment_offer = home.is_some() && case.savings <= upper;
    CareHomeEstimate {
        fee_after_nhs: fee,
        first_12_weeks: first,
        after_12_weeks: after,
        weeks_to_upper_limit,
        deferred_payment_offer,
    }
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
            MoneyError::NotANumber(what) => format!(
                "{} must be an amount in pounds, like 1,250 or 1250.50",
                capitalise(what)
            ),
            MoneyError::Negative(what) => format!("{} cannot be less than 0", capitalise(what)),
            MoneyError::TooLarge(what, max) => {
                format!("{} must be {max} or less", capitalise(what))
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
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

fn parse_amount(
    text: &str,
    what: &'static str,
    max: f64,
    max_text: &str,
) -> Result<f64, MoneyError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '£' | ',' | ' '))
        .collect();
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
    // "-0" is 0, not a negative zero that prints as "-£0" in a sum.
    Ok(value + 0.0)
}

/// What the estimator form asked for, once every answer has been checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// `nursing` adds NHS-funded nursing care (its rate comes from the dataset, not the person).
    CareHome { case: CareHomeCase, nursing: bool },
    HomeCare {
        hourly_rate: f64,
        hours_a_week: f64,
        savings: f64,
    },
}

/// Upper bounds that catch slips (an extra zero) without refusing real, large figures.
const MAX_WEEKLY_FEE: f64 = 20_000.0;
const MAX_CAPITAL: f64 = 50_000_000.0;
const MAX_WEEKLY_INCOME: f64 = 20_000.0;
const MAX_HOURLY_RATE: f64 = 500.0;
const MAX_HOURS: f64 = 168.0;

/// Checks the estimator form. `field` gives each answer by name; the errors name the field (for
/// the error summary's links) and say what to do, in the order the form asks.
pub fn read_form(
    field: &dyn Fn(&str) -> Option<String>,
) -> Result<Request, Vec<(&'static str, String)>> {
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
                    errors
                        .borrow_mut()
                        .push(("owns", "Select yes if you own your home".into()));
                    None
                }
            };
            let lives_there = field("lives_there").unwrap_or_default();
            if home_value.is_some() && !matches!(lives_there.as_str(), "yes" | "no") {
                errors.borrow_mut().push((
                    "lives_there",
                    "Select yes if a partner or dependent relative still lives in the home".into(),
                ));
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
            hours_a_week: parse_hours(
                &field("hours").unwrap_or_default(),
                "the hours of care a week",
                MAX_HOURS,
            )
            .unwrap_or_else(|e| {
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
mod tests;
