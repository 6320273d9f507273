//! Reference figures the app shows beside providers' own fees, and the means-test rules the cost
//! estimator applies. Every figure carries its period and its source; none is written into the UI.

use serde::{Deserialize, Serialize};

use crate::service::ServiceType;

/// Where a figure comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    pub publisher: String,
    /// A web address or a document title, as the source was cited.
    pub citation: String,
    /// When the source was published or last checked, when known.
    pub date: Option<String>,
}

/// One published figure: a price, a benchmark, a rate or a threshold.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// "England", "Norfolk", ...
    pub area: String,
    /// The area's ONS code as the source file gives it, e.g. "E08000005" (Rochdale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// A stable name, e.g. "nhs_funded_nursing_care_standard_rate".
    pub measure: String,
    pub care_setting: String,
    /// A financial year, e.g. "2025-26", or empty when the source did not state the year.
    pub period: String,
    /// Words the source put after the year, e.g. "(April 2022 base)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_note: Option<String>,
    pub value: f64,
    pub value_high: Option<f64>,
    /// e.g. "GBP per week", "GBP per hour", "percent".
    pub unit: String,
    pub source: SourceRef,
    pub notes: Option<String>,
    /// The type of care this figure prices, decided at build time from its wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<ServiceType>,
    /// What kind of cost it is; None for figures that are not a service's cost (uplifts,
    /// fee-model components, premiums, thresholds, allowances).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CostKind>,
}

/// What kind of cost a figure is, for someone paying for themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// What a council pays providers for places it arranges.
    CouncilRate,
    /// What a council charges people for care it arranges (the full cost, for those over the limit).
    CouncilCharge,
    /// 2022-23 fair cost of care exercise: providers' median reported cost, and its quartiles.
    FairCostMedian,
    FairCostLowerQuartile,
    FairCostUpperQuartile,
    /// A national price or average for England.
    NationalBenchmark,
    /// What the NHS pays a nursing home towards a resident's nursing (not a price).
    NhsNursingContribution,
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

impl Reference {
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
