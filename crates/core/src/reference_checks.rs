//! The checks an authored or compiled figure passes before it is published. An amount that is not
//! finite becomes `null` in JSON and breaks `reference.json`; a tariff step of 0 divides by zero.

use crate::reference::{Figure, MeansTestRules};

/// Why a figure cannot be published. The reasons are fixed words, so a build report can group them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureProblem {
    ValueNotFinite,
    ValueNegative,
    HighNotFinite,
    HighNegative,
    HighBelowValue,
    NoMeasure,
}

impl FigureProblem {
    pub fn reason(self) -> &'static str {
        match self {
            FigureProblem::ValueNotFinite => "value is not a finite number",
            FigureProblem::ValueNegative => "value is less than 0",
            FigureProblem::HighNotFinite => "value_high is not a finite number",
            FigureProblem::HighNegative => "value_high is less than 0",
            FigureProblem::HighBelowValue => "value_high is less than value",
            FigureProblem::NoMeasure => "measure is empty",
        }
    }
}

impl Figure {
    /// The first problem with this figure: prices, rates and thresholds are finite and not negative,
    /// and a range's top is not below its bottom.
    pub fn problem(&self) -> Option<FigureProblem> {
        let high = self.value_high;
        Some(if !self.value.is_finite() {
            FigureProblem::ValueNotFinite
        } else if self.value < 0.0 {
            FigureProblem::ValueNegative
        } else if high.is_some_and(|h| !h.is_finite()) {
            FigureProblem::HighNotFinite
        } else if high.is_some_and(|h| h < 0.0) {
            FigureProblem::HighNegative
        } else if high.is_some_and(|h| h < self.value) {
            FigureProblem::HighBelowValue
        } else if self.measure.trim().is_empty() {
            FigureProblem::NoMeasure
        } else {
            return None;
        })
    }
}

impl MeansTestRules {
    /// Every problem with one year's rules, each naming the field and what it must be.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !is_financial_year(&self.period) {
            out.push(format!(
                "period {:?} is not a financial year like 2025-26",
                self.period
            ));
        }
        let fields = [
            ("upper_capital_limit", self.upper_capital_limit.amount),
            ("lower_capital_limit", self.lower_capital_limit.amount),
            ("tariff_step", self.tariff_step.amount),
            ("tariff_per_step", self.tariff_per_step.amount),
            (
                "personal_expenses_allowance",
                self.personal_expenses_allowance.amount,
            ),
        ];
        for (field, amount) in fields {
            if !amount.is_finite() {
                out.push(format!(
                    "{field}.amount is {amount}; it must be a finite number"
                ));
            } else if field == "tariff_step" && amount <= 0.0 {
                out.push(format!(
                    "{field}.amount is {amount}; it must be more than 0"
                ));
            } else if amount < 0.0 {
                out.push(format!("{field}.amount is {amount}; it must be 0 or more"));
            }
        }
        let (upper, lower) = (
            self.upper_capital_limit.amount,
            self.lower_capital_limit.amount,
        );
        if upper < lower {
            out.push(format!("upper_capital_limit.amount ({upper}) is less than lower_capital_limit.amount ({lower})"));
        }
        out
    }
}

/// A value as a fees file prints it: digits, an optional decimal part, and thousands commas only
/// in groups of three ("2,128"). "NaN", "inf", "1e3" and "2,12" are not amounts.
pub fn parse_amount(text: &str) -> Option<f64> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let ok_digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    let whole_ok = if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len())
            && ok_digits(first)
            && groups.all(|g| g.len() == 3 && ok_digits(g))
    } else {
        !whole.is_empty() && ok_digits(whole)
    };
    if !whole_ok || !ok_digits(fraction) || (digits.contains('.') && fraction.is_empty()) {
        return None;
    }
    t.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The units carefinder knows, written one way: a resident's week is a week, a contact hour an hour.
pub fn normalise_unit(text: &str) -> Option<&'static str> {
    Some(match text.trim().to_ascii_lowercase().as_str() {
        "gbp per week" | "gbp per resident per week" => "GBP per week",
        "gbp per hour" | "gbp per contact hour" => "GBP per hour",
        "gbp" => "GBP",
        "percent" => "percent",
        _ => return None,
    })
}

/// A period as printed: a financial year ("2025-26"), optionally followed by the source's own
/// words ("2022-23 (April 2022 base)", "2021-22 cost data"), kept as a note; or blank, when the
/// source did not state the year (returned as ""). Anything else is None.
pub fn parse_period(text: &str) -> Option<(String, Option<String>)> {
    let t = text.trim();
    if t.is_empty() {
        return Some((String::new(), None));
    }
    let year = t.get(..7)?;
    let rest = t.get(7..)?;
    if !is_financial_year(year) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let note = Some(rest.trim().to_string()).filter(|n| !n.is_empty());
    Some((year.to_string(), note))
}

/// "2025-26": a year and the last two digits of the next, as `financial_year` writes them.
pub fn is_financial_year(period: &str) -> bool {
    let b = period.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        period
            .get(r)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse::<u32>().ok())
    };
    match (b.len() == 7 && b[4] == b'-', digits(0..4), digits(5..7)) {
        (true, Some(start), Some(end)) => (start + 1) % 100 == end,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{SourceRef, SourcedAmount};

    fn amount(amount: f64) -> SourcedAmount {
        SourcedAmount {
            amount,
            source: SourceRef {
                publisher: "DHSC".into(),
                citation: "LAC".into(),
                date: None,
            },
        }
    }

    fn rules_2025() -> MeansTestRules {
        MeansTestRules {
            period: "2025-26".into(),
            upper_capital_limit: amount(23_250.0),
            lower_capital_limit: amount(14_250.0),
            tariff_step: amount(250.0),
            tariff_per_step: amount(1.0),
            personal_expenses_allowance: amount(30.65),
        }
    }

    #[test]
    fn this_years_real_rules_pass() {
        assert_eq!(rules_2025().problems(), Vec::<String>::new());
        let mut r = rules_2025();
        r.period = "1999-00".into();
        assert_eq!(r.problems(), Vec::<String>::new());
    }

    #[test]
    fn a_zero_step_a_nan_a_negative_and_swapped_limits_are_each_named() {
        let mut r = rules_2025();
        r.tariff_step.amount = 0.0;
        r.personal_expenses_allowance.amount = f64::NAN;
        r.tariff_per_step.amount = -1.0;
        r.upper_capital_limit.amount = 14_250.0;
        r.lower_capital_limit.amount = 23_250.0;
        r.period = "2025/26".into();
        assert_eq!(
            r.problems(),
            [
                "period \"2025/26\" is not a financial year like 2025-26",
                "tariff_step.amount is 0; it must be more than 0",
                "tariff_per_step.amount is -1; it must be 0 or more",
                "personal_expenses_allowance.amount is NaN; it must be a finite number",
                "upper_capital_limit.amount (14250) is less than lower_capital_limit.amount (23250)",
            ]
        );
        let mut r = rules_2025();
        r.upper_capital_limit.amount = f64::INFINITY;
        assert_eq!(
            r.problems(),
            ["upper_capital_limit.amount is inf; it must be a finite number"]
        );
        for period in ["2025-27", "25-26", "2025-2026", "２025-26"] {
            r = rules_2025();
            r.period = period.into();
            assert_eq!(r.problems().len(), 1, "{period}");
        }
    }

    #[test]
    fn figures_are_finite_not_negative_and_ranges_run_upwards() {
        let figure = |value: f64, value_high: Option<f64>| Figure {
            area: "England".into(),
            measure: "carers_allowance".into(),
            care_setting: "benefit".into(),
            period: "2025-26".into(),
            value,
            value_high,
            unit: "GBP per week".into(),
            source: SourceRef {
                publisher: "DWP".into(),
                citation: "rates".into(),
                date: None,
            },
            notes: None,
            ..Figure::default()
        };
        assert_eq!(figure(83.30, None).problem(), None);
        assert_eq!(figure(0.0, Some(0.0)).problem(), None);
        assert_eq!(figure(700.0, Some(950.0)).problem(), None);
        assert_eq!(
            figure(f64::NAN, None).problem(),
            Some(FigureProblem::ValueNotFinite)
        );
        assert_eq!(
            figure(f64::NEG_INFINITY, None).problem(),
            Some(FigureProblem::ValueNotFinite)
        );
        assert_eq!(
            figure(-0.5, None).problem(),
            Some(FigureProblem::ValueNegative)
        );
        assert_eq!(
            figure(10.0, Some(f64::INFINITY)).problem(),
            Some(FigureProblem::HighNotFinite)
        );
        assert_eq!(
            figure(0.0, Some(-1.0)).problem(),
            Some(FigureProblem::HighNegative)
        );
        assert_eq!(
            figure(950.0, Some(700.0)).problem(),
            Some(FigureProblem::HighBelowValue)
        );
        let mut unnamed = figure(1.0, None);
        unnamed.measure = " ".into();
        assert_eq!(
            unnamed.problem().map(FigureProblem::reason),
            Some("measure is empty")
        );
    }

    #[test]
    fn amounts_units_and_periods_as_the_fees_files_print_them() {
        assert_eq!(parse_amount("2,128"), Some(2128.0));
        assert_eq!(parse_amount(" 1141.55 "), Some(1141.55));
        assert_eq!(parse_amount("1,234,567.5"), Some(1_234_567.5));
        assert_eq!(parse_amount("-3"), Some(-3.0));
        for bad in [
            "2,12", "abc", "NaN", "inf", "1e3", "", ",128", "12,", "1.", "£450", "1,2345",
        ] {
            assert_eq!(parse_amount(bad), None, "{bad:?}");
        }
        assert_eq!(
            normalise_unit("GBP per resident per week"),
            Some("GBP per week")
        );
        assert_eq!(normalise_unit("GBP per contact hour"), Some("GBP per hour"));
        assert_eq!(normalise_unit("percent"), Some("percent"));
        assert_eq!(normalise_unit("GBP per fortnight"), None);
        assert_eq!(parse_period("2024-25"), Some(("2024-25".into(), None)));
        assert_eq!(
            parse_period("2022-23 (April 2022 base)"),
            Some(("2022-23".into(), Some("(April 2022 base)".into())))
        );
        assert_eq!(
            parse_period("2017-18 basis (announced for April 2018)"),
            Some((
                "2017-18".into(),
                Some("basis (announced for April 2018)".into())
            ))
        );
        assert_eq!(parse_period(""), Some((String::new(), None)));
        for bad in [
            "2025",
            "current at page capture",
            "2025-27",
            "2024-25x",
            "2024/25",
        ] {
            assert_eq!(parse_period(bad), None, "{bad:?}");
        }
    }
}
