//! Reference figures the app shows beside providers' own fees, and the means-test rules the cost
//! estimator applies. Every figure carries its period and its source; none is written into the UI.

use serde::{Deserialize, Serialize};

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

impl Reference {
    /// The latest period's value of a measure for an area, if any.
    pub fn latest(&self, area: &str, measure: &str) -> Option<&Figure> {
        self.figures.iter().filter(|f| f.area == area && f.measure == measure).max_by(|a, b| a.period.cmp(&b.period))
    }

    pub fn means_test(&self, period: &str) -> Option<&MeansTestRules> {
        self.means_tests.iter().find(|m| m.period == period)
    }
}
