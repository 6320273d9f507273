//! Reference figures the app shows beside providers' own fees, and the means-test rules the cost
//! estimator applies. Every figure carries its period and its source; none is written into the UI.

use serde::{Deserialize, Serialize};

use crate::service::{Fee, FeeUnit, ServiceType};

/// Where a figure comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    pub publisher: String,
    /// A web address or a document title, as the source was cited.
    pub citation: String,
    /// When the source was published or last checked, when known.
    pub date: Option<String>,
}

/// One published figure: a price, a benchmark, a rate or a threshold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// "England", "Norfolk", ...
    pub area: String,
    /// A stable name, e.g. "nhs_funded_nursing_care_standard_rate".
    pub measure: String,
    pub care_setting: String,
    /// Usually a financial year, e.g. "2025-26".
    pub period: String,
    pub value: f64,
    pub value_high: Option<f64>,
    /// e.g. "GBP per week", "GBP per hour", "percent".
    pub unit: String,
    pub source: SourceRef,
    pub notes: Option<String>,
}

/// An amount with its own source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourcedAmount {
    pub amount: f64,
    pub source: SourceRef,
}

/// The national means-test rules for one financial year (England).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeansTestRules {
    pub period: String,
    pub upper_capital_limit: SourcedAmount,
    pub lower_capital_limit: SourcedAmount,
    /// Tariff income: `tariff_per_step` a week for every `tariff_step`, or part of it, between the limits.
    pub tariff_step: SourcedAmount,
    pub tariff_per_step: SourcedAmount,
    /// What a care home resident keeps each week when the council helps pay.
    pub personal_expenses_allowance: SourcedAmount,
}

/// `data/reference.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub figures: Vec<Figure>,
    pub means_tests: Vec<MeansTestRules>,
}

/// The English financial year (April to March) a date falls in: "2026-11-23" -> "2026-27".
pub fn financial_year(today: &str) -> Option<String> {
    let year: u32 = today.get(..4)?.parse().ok()?;
    let month: u32 = today.get(5..7)?.parse().ok()?;
    let start = if month >= 4 {
        year
    } else {
        year.checked_sub(1)?
    };
    Some(format!("{start}-{:02}", (start + 1) % 100))
}

/// What a figure means, in words, for the measures carefinder shows.
pub fn measure_label(measure: &str) -> Option<&'static str> {
    Some(match measure {
        "minimum_price_homecare" => "Homecare Association's minimum price for home care",
        "average_la_fee_rate_paid" => "Average hourly rate councils in England paid for home care",
        "la_spot_price_home_support" => "The council's usual hourly price for home care",
        "usual_price_care_home" => "The council's usual weekly price for a care home place",
        "usual_price_nursing_home" => "The council's usual weekly price for a nursing home place",
        "nhs_funded_nursing_care_standard_rate" => {
            "NHS-funded nursing care: what the NHS pays the home each week towards nursing"
        }
        _ => return None,
    })
}

/// The measure that holds a council's usual price for a type of care.
fn usual_price_measure(care: ServiceType) -> Option<&'static str> {
    match care {
        ServiceType::HomeCare => Some("la_spot_price_home_support"),
        ServiceType::CareHome => Some("usual_price_care_home"),
        ServiceType::NursingHome => Some("usual_price_nursing_home"),
        _ => None,
    }
}

/// The benchmarks worth showing beside a service of these types: (area, measure) pairs.
fn benchmark_measures(service: ServiceType) -> &'static [(&'static str, &'static str)] {
    match service {
        ServiceType::HomeCare => &[
            ("", "la_spot_price_home_support"),
            ("England", "minimum_price_homecare"),
            ("England", "average_la_fee_rate_paid"),
        ],
        ServiceType::CareHome => &[("", "usual_price_care_home")],
        ServiceType::NursingHome => &[
            ("", "usual_price_nursing_home"),
            ("England", "nhs_funded_nursing_care_standard_rate"),
        ],
        _ => &[],
    }
}

/// A fee's excess over the council's usual price, or why it cannot be worked out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TopUp {
    Amount { amount: f64, unit: FeeUnit },
    NoFee,
    NoUsualPrice,
}

impl Reference {
    /// The latest period's value of a measure for an area, if any.
    pub fn latest(&self, area: &str, measure: &str) -> Option<&Figure> {
        self.figures
            .iter()
            .filter(|f| f.area == area && f.measure == measure)
            .max_by(|a, b| a.period.cmp(&b.period))
    }

    /// The figure for `year` (e.g. "2026-27"), or else the latest one before it. Areas match
    /// whatever their case: CQC writes "Norfolk", a fees file might write "NORFOLK".
    pub fn current(&self, area: &str, measure: &str, year: &str) -> Option<&Figure> {
        self.figures
            .iter()
            .filter(|f| {
                f.area.eq_ignore_ascii_case(area)
                    && f.measure == measure
                    && f.period.as_str() <= year
            })
            .max_by(|a, b| a.period.cmp(&b.period))
    }

    /// What `council` usually pays for `care`, current on `today`, when carefinder knows it.
    pub fn usual_price(&self, care: ServiceType, council: &str, today: &str) -> Option<&Figure> {
        self.current(council, usual_price_measure(care)?, &financial_year(today)?)
    }

    /// How far a service's published fee is above its council's usual price for the same care:
    /// the top-up someone may be asked to pay if the council arranges the place.
    pub fn top_up(&self, fees: &[Fee], council: &str, today: &str) -> TopUp {
        if fees.is_empty() {
            return TopUp::NoFee;
        }
        let priced = fees
            .iter()
            .find_map(|fee| Some((fee, self.usual_price(fee.care, council, today)?)));
        match priced {
            Some((fee, usual)) if fee.unit.matches(&usual.unit) => TopUp::Amount {
                amount: (fee.from - usual.value).max(0.0),
                unit: fee.unit,
            },
            _ => TopUp::NoUsualPrice,
        }
    }

    /// Usual prices and national benchmarks for these types of care, with `area` the council
    /// the service is in, current on `today`. Usual prices are left out when carefinder has none.
    pub fn benchmarks(&self, services: &[ServiceType], area: &str, today: &str) -> Vec<&Figure> {
        let Some(year) = financial_year(today) else {
            return vec![];
        };
        let mut out: Vec<&Figure> = Vec::new();
        for &service in services {
            for (fixed_area, measure) in benchmark_measures(service) {
                let area = if fixed_area.is_empty() {
                    area
                } else {
                    fixed_area
                };
                if let Some(f) = self.current(area, measure, &year) {
                    if !out.iter().any(|o| std::ptr::eq(*o, f)) {
                        out.push(f);
                    }
                }
            }
        }
        out
    }

    /// The means-test rules for the financial year `today` falls in, or else the latest year
    /// before it the dataset has (rules are published each spring; last year's still guide).
    pub fn means_test(&self, today: &str) -> Option<&MeansTestRules> {
        let year = financial_year(today)?;
        self.means_tests
            .iter()
            .filter(|m| m.period <= year)
            .max_by(|a, b| a.period.cmp(&b.period))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(area: &str, measure: &str, period: &str, value: f64) -> Figure {
        Figure {
            area: area.into(),
            measure: measure.into(),
            care_setting: String::new(),
            period: period.into(),
            value,
            value_high: None,
            unit: "GBP per week".into(),
            source: SourceRef {
                publisher: "x".into(),
                citation: "y".into(),
                date: None,
            },
            notes: None,
        }
    }

    #[test]
    fn financial_years_run_april_to_march() {
        assert_eq!(financial_year("2026-11-23").as_deref(), Some("2026-27"));
        assert_eq!(financial_year("2026-03-31").as_deref(), Some("2025-26"));
        assert_eq!(financial_year("2026-04-01").as_deref(), Some("2026-27"));
        assert_eq!(financial_year("1999-12-01").as_deref(), Some("1999-00"));
        assert_eq!(financial_year("soon"), None);
        assert_eq!(financial_year("0000-01-01"), None);
    }

    #[test]
    fn benchmarks_use_this_years_figure_or_the_latest_before_it() {
        let r = Reference {
            figures: vec![
                figure(
                    "England",
                    "nhs_funded_nursing_care_standard_rate",
                    "2025-26",
                    254.06,
                ),
                figure(
                    "England",
                    "nhs_funded_nursing_care_standard_rate",
                    "2026-27",
                    267.68,
                ),
                figure("England", "minimum_price_homecare", "2025-26", 32.14),
                figure("Norfolk", "la_spot_price_home_support", "2019-20", 18.24),
            ],
            means_tests: vec![],
        };
        let nursing = r.benchmarks(&[ServiceType::NursingHome], "Oldham", "2026-11-23");
        assert_eq!(
            nursing.iter().map(|f| f.value).collect::<Vec<_>>(),
            [267.68]
        );
        let earlier = r.benchmarks(&[ServiceType::NursingHome], "Oldham", "2025-06-01");
        assert_eq!(earlier[0].value, 254.06);
        let home_care = r.benchmarks(&[ServiceType::HomeCare], "Norfolk", "2026-11-23");
        assert_eq!(
            home_care.iter().map(|f| f.value).collect::<Vec<_>>(),
            [18.24, 32.14]
        );
        assert!(r
            .benchmarks(&[ServiceType::HomeCare], "Oldham", "2026-11-23")
            .iter()
            .all(|f| f.area == "England"));
        assert!(r
            .benchmarks(&[ServiceType::SharedLives], "Norfolk", "2026-11-23")
            .is_empty());
    }

    fn fee(care: ServiceType, from: f64, unit: FeeUnit) -> Fee {
        Fee {
            care,
            from,
            to: None,
            unit,
            date: "2026-01-01".into(),
            source: "provider".into(),
        }
    }

    #[test]
    fn a_top_up_compares_a_fee_with_the_usual_price_for_the_same_care_in_the_services_own_council()
    {
        let mut hourly = figure("Norfolk", "la_spot_price_home_support", "2025-26", 25.0);
        hourly.unit = "GBP per hour".into();
        let r = Reference {
            figures: vec![
                figure("NORFOLK", "usual_price_care_home", "2025-26", 800.0),
                hourly,
            ],
            means_tests: vec![],
        };
        let today = "2026-11-23";
        // The nursing fee has no usual price, so the care home fee (£950 - £800) is the one priced.
        let fees = [
            fee(ServiceType::NursingHome, 1_200.0, FeeUnit::PerWeek),
            fee(ServiceType::CareHome, 950.0, FeeUnit::PerWeek),
        ];
        assert_eq!(
            r.top_up(&fees, "Norfolk", today),
            TopUp::Amount {
                amount: 150.0,
                unit: FeeUnit::PerWeek
            }
        );
        // The same home in another council: no usual price there.
        assert_eq!(r.top_up(&fees, "Suffolk", today), TopUp::NoUsualPrice);
        // Home care at £28 an hour against £25: £3 an hour.
        let hour = TopUp::Amount {
            amount: 3.0,
            unit: FeeUnit::PerHour,
        };
        assert_eq!(
            r.top_up(
                &[fee(ServiceType::HomeCare, 28.0, FeeUnit::PerHour)],
                "Norfolk",
                today
            ),
            hour
        );
        // A weekly home care fee cannot be set against an hourly price.
        assert_eq!(
            r.top_up(
                &[fee(ServiceType::HomeCare, 280.0, FeeUnit::PerWeek)],
                "Norfolk",
                today
            ),
            TopUp::NoUsualPrice
        );
        assert_eq!(r.top_up(&[], "Norfolk", today), TopUp::NoFee);
        // Under the usual price there is nothing to top up.
        assert_eq!(
            r.top_up(
                &[fee(ServiceType::CareHome, 700.0, FeeUnit::PerWeek)],
                "Norfolk",
                today
            ),
            TopUp::Amount {
                amount: 0.0,
                unit: FeeUnit::PerWeek
            }
        );
    }

    #[test]
    fn means_test_rules_are_this_years_or_the_latest_before() {
        let amount = |amount: f64| SourcedAmount {
            amount,
            source: SourceRef {
                publisher: "DHSC".into(),
                citation: "c".into(),
                date: None,
            },
        };
        let rules = |period: &str, upper: f64| MeansTestRules {
            period: period.into(),
            upper_capital_limit: amount(upper),
            lower_capital_limit: amount(14_250.0),
            tariff_step: amount(250.0),
            tariff_per_step: amount(1.0),
            personal_expenses_allowance: amount(30.65),
        };
        let r = Reference {
            figures: vec![],
            means_tests: vec![
                rules("2026-27", 23_250.0),
                rules("2024-25", 23_000.0),
                rules("2025-26", 23_100.0),
            ],
        };
        // 1 April starts a financial year; March still belongs to the one before.
        assert_eq!(
            r.means_test("2026-04-01").map(|m| m.period.as_str()),
            Some("2026-27")
        );
        assert_eq!(
            r.means_test("2026-03-31").map(|m| m.period.as_str()),
            Some("2025-26")
        );
        assert_eq!(
            r.means_test("2030-06-01").map(|m| m.period.as_str()),
            Some("2026-27")
        );
        assert_eq!(r.means_test("2023-06-01"), None);
        assert_eq!(r.means_test("not a date"), None);
    }
}
