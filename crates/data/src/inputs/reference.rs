//! Reference figures: the compiled fee and cost files (one figure per row, each with its
//! publisher, address and date) and the means-test rules authored in content/reference/.

use std::collections::BTreeSet;
use std::path::Path;

use carefinder_core::cost_kind::{kind_of, prices};
use carefinder_core::date::Date;
use carefinder_core::reference::{Figure, MeansTestRules, Reference, SourceRef};
use carefinder_core::reference_checks::{normalise_unit, parse_amount, parse_period};
use serde::Deserialize;

use super::admit::non_empty;
use super::csv_file::{file_name, read_text, CsvTable};
use crate::accounting::{InputError, Tally};

/// Reads a fees file in its published layout (`area,area_code,measure,care_setting,period,value,
/// value_high,unit,source_publisher,source_url,source_published,notes`; SOURCES.md section 3) into
/// `reference.figures`, classifying each figure's type of care and kind of cost. A value must be
/// a number as printed ("2,128" is one), the unit a known one and the period a financial year
/// (or blank: kept as "year not stated"); other rows are rejected, counted with the line.
/// Also returns the newest publication date among the rows, which dates the file as a whole.
pub fn read_fees_csv(
    path: &Path,
    reference: &mut Reference,
) -> Result<(Tally, Option<String>), InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let table = CsvTable::parse(&name, &text, |_| true)?;
    let [area, measure, setting, period, value, high, unit, publisher, url, published] = [
        "area",
        "measure",
        "care_setting",
        "period",
        "value",
        "value_high",
        "unit",
        "source_publisher",
        "source_url",
        "source_published",
    ]
    .map(|c| table.column(&[c]));
    let (area, measure, setting, period, value, high, unit, publisher, url, published) = (
        area?, measure?, setting?, period?, value?, high?, unit?, publisher?, url?, published?,
    );
    let notes = table.optional_column(&["notes"]);
    let code = table.optional_column(&["area_code"]);
    let mut tally = Tally::default();
    let mut seen = BTreeSet::new();
    let mut newest: Option<String> = None;
    for (line, row) in &table.rows {
        tally.read += 1;
        let label = format!("line {line} ({} {})", &row[measure], &row[period]);
        let Some(amount) = parse_amount(&row[value]) else {
            tally.reject("value is not a number", label);
            continue;
        };
        let value_high = match row[high].trim() {
            "" => None,
            h => match parse_amount(h) {
                Some(v) => Some(v),
                None => {
                    tally.reject("value_high is not a number", label);
                    continue;
                }
            },
        };
        let Some(unit_name) = normalise_unit(&row[unit]) else {
            tally.reject("unknown unit", label);
            continue;
        };
        let Some((year, period_note)) = parse_period(&row[period]) else {
            tally.reject("period is not a financial year", label);
            continue;
        };
        if row[publisher].trim().is_empty() || row[url].trim().is_empty() {
            tally.reject("no source", label);
            continue;
        }
        let date = non_empty(Some(&row[published]));
        let setting_text = row[setting].trim().to_string();
        let figure = Figure {
            area: row[area].trim().to_string(),
            area_code: code.and_then(|c| non_empty(row.get(c))),
            measure: row[measure].trim().to_string(),
            prices: prices(&setting_text),
            kind: kind_of(&row[measure]),
            care_setting: setting_text,
            period: year,
            period_note,
            value: amount,
            value_high,
            unit: unit_name.to_string(),
            source: SourceRef {
                publisher: row[publisher].trim().to_string(),
                citation: row[url].trim().to_string(),
                date: date.clone(),
            },
            notes: notes.and_then(|c| non_empty(row.get(c))),
        };
        if let Some(problem) = figure.problem() {
            tally.reject(problem.reason(), label);
            continue;
        }
        let key = [
            &figure.area,
            &figure.measure,
            &figure.care_setting,
            &figure.period,
        ]
        .map(String::clone);
        if !seen.insert((key, figure.period_note.clone())) {
            tally.reject(
                "duplicate figure (same area, measure, setting and period)",
                label,
            );
            continue;
        }
        if date
            .as_ref()
            .is_some_and(|d| newest.as_ref().is_none_or(|n| d > n))
        {
            newest = date;
        }
        reference.figures.push(figure);
        tally.kept += 1;
    }
    Ok((tally, newest))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthoredReference {
    /// When a person last checked every figure in the file against its source.
    reviewed: String,
    #[serde(default)]
    means_test: Vec<MeansTestRules>,
    #[serde(default)]
    figure: Vec<Figure>,
}

/// Reads the project's own TOML of means-test rules and national figures; returns its review date.
pub fn read_authored(
    path: &Path,
    reference: &mut Reference,
) -> Result<(Tally, String), InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let authored: AuthoredReference = toml::from_str(&text)
        .map_err(|e| InputError::file(&name, format!("is not valid: {}", e.to_string().trim())))?;
    if Date::parse(&authored.reviewed).is_none() {
        return Err(InputError::file(
            &name,
            format!(
                "reviewed: {:?} is not a date like 2026-11-23",
                authored.reviewed
            ),
        ));
    }
    for rules in &authored.means_test {
        if let Some(problem) = rules.problems().into_iter().next() {
            return Err(InputError::file(
                &name,
                format!("means_test {}: {problem}", rules.period),
            ));
        }
    }
    for f in &authored.figure {
        if let Some(problem) = f.problem() {
            let values = f.value_high.map_or(format!("value {}", f.value), |h| {
                format!("value {}, value_high {h}", f.value)
            });
            return Err(InputError::file(
                &name,
                format!(
                    "figure {} {}: {} ({values})",
                    f.measure,
                    f.period,
                    problem.reason()
                ),
            ));
        }
    }
    let n = authored.means_test.len() + authored.figure.len();
    reference.means_tests.extend(authored.means_test);
    reference.figures.extend(authored.figure);
    Ok((Tally::all_kept(n), authored.reviewed))
}

/// Sorts figures so output does not depend on input order.
pub fn finish(reference: &mut Reference) {
    reference.figures.sort_by(|a, b| {
        (&a.area, &a.measure, &a.period, &a.care_setting).cmp(&(
            &b.area,
            &b.measure,
            &b.period,
            &b.care_setting,
        ))
    });
    reference
        .means_tests
        .sort_by(|a, b| a.period.cmp(&b.period));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared_layout::means_test_rules;

    /// The real authored file with one edit, read as the build reads it.
    fn read_edited(from: &str, to: &str) -> Result<(Tally, String), InputError> {
        let text = std::fs::read_to_string(means_test_rules()).unwrap();
        assert!(
            text.contains(from),
            "the authored file no longer holds {from:?}"
        );
        let path = crate::inputs::test_files::write("means-test.toml", text.replacen(from, to, 1));
        read_authored(&path, &mut Reference::default())
    }

    fn error(from: &str, to: &str) -> String {
        read_edited(from, to)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_else(|| panic!("{to:?} was accepted"))
    }

    #[test]
    fn the_real_authored_figures_pass_and_are_all_counted() {
        let text = std::fs::read_to_string(means_test_rules()).unwrap();
        let tables = text
            .lines()
            .filter(|l| l.trim() == "[[means_test]]" || l.trim() == "[[figure]]")
            .count();
        let (tally, reviewed) =
            read_authored(&means_test_rules(), &mut Reference::default()).unwrap();
        assert_eq!(
            (tally.read, tally.kept, tally.rejected()),
            (tables, tables, 0)
        );
        assert!(Date::parse(&reviewed).is_some(), "{reviewed}");
    }

    #[test]
    fn a_zero_or_nan_tariff_step_stops_the_build_naming_the_field() {
        // TOML reads bare `nan` and `inf` as floats: they must be refused, not published as null.
        let step = "[means_test.tariff_step]\namount = 250";
        assert_eq!(
            error(step, "[means_test.tariff_step]\namount = 0"),
            "means-test.toml: means_test 2025-26: tariff_step.amount is 0; it must be more than 0"
        );
        assert_eq!(error(step, "[means_test.tariff_step]\namount = nan"), "means-test.toml: means_test 2025-26: tariff_step.amount is NaN; it must be a finite number");
        assert_eq!(error(step, "[means_test.tariff_step]\namount = -inf"), "means-test.toml: means_test 2025-26: tariff_step.amount is -inf; it must be a finite number");
        // `NaN` is not TOML at all, so it is a parse error with the line.
        assert!(error(step, "[means_test.tariff_step]\namount = NaN")
            .starts_with("means-test.toml: is not valid: TOML parse error at line"));
    }

    #[test]
    fn limits_allowances_figures_and_the_review_date_are_checked() {
        let upper = "[means_test.upper_capital_limit]\namount = 23250";
        assert_eq!(
            error(upper, "[means_test.upper_capital_limit]\namount = 2325"),
            "means-test.toml: means_test 2025-26: upper_capital_limit.amount (2325) is less than lower_capital_limit.amount (14250)"
        );
        assert_eq!(
            error("amount = 30.65", "amount = -30.65"),
            "means-test.toml: means_test 2025-26: personal_expenses_allowance.amount is -30.65; it must be 0 or more"
        );
        assert_eq!(
            error("value = 110.40", "value = inf"),
            "means-test.toml: figure attendance_allowance_higher_rate 2025-26: value is not a finite number (value inf)"
        );
        assert_eq!(
            error("value = 73.90", "value = 73.90\nvalue_high = 7.39"),
            "means-test.toml: figure attendance_allowance_lower_rate 2025-26: value_high is less than value (value 73.9, value_high 7.39)"
        );
        assert_eq!(error("period = \"2025-26\"", "period = \"2025\""), "means-test.toml: means_test 2025: period \"2025\" is not a financial year like 2025-26");
        assert_eq!(
            error("reviewed = \"2026-11-23\"", "reviewed = \"2026-11-31\""),
            "means-test.toml: reviewed: \"2026-11-31\" is not a date like 2026-11-23"
        );
    }
}
