//! Reference figures: the compiled fees and reference-rates CSV (one figure per row, each with
//! its publisher, address and date) and the means-test rules authored in content/reference/.

use std::collections::BTreeSet;
use std::path::Path;

use carefinder_core::reference::{Figure, MeansTestRules, Reference, SourceRef};
use serde::Deserialize;

use super::admit::non_empty;
use super::csv_file::{file_name, read_text, CsvTable};
use crate::accounting::{InputError, Tally};

/// Reads `area,area_code,measure,care_setting,period,value,value_high,unit,source_publisher,
/// source_url,source_published,notes` rows into `reference.figures`. Also returns the newest
/// publication date among them, which dates the file as a whole.
pub fn read_fees_csv(path: &Path, reference: &mut Reference) -> Result<(Tally, Option<String>), InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let table = CsvTable::parse(&name, &text, |_| true)?;
    let [area, measure, setting, period, value, high, unit, publisher, url, published] = [
        "area", "measure", "care_setting", "period", "value", "value_high", "unit", "source_publisher", "source_url", "source_published",
    ]
    .map(|c| table.column(&[c]));
    let (area, measure, setting, period, value, high, unit, publisher, url, published) =
        (area?, measure?, setting?, period?, value?, high?, unit?, publisher?, url?, published?);
    let notes = table.optional_column(&["notes"]);
    let mut tally = Tally::default();
    let mut seen = BTreeSet::new();
    let mut newest: Option<String> = None;
    for (line, row) in &table.rows {
        tally.read += 1;
        let label = format!("line {line} ({} {})", &row[measure], &row[period]);
        let Some(amount) = finite_number(&row[value]) else {
            tally.reject("value is not a number", label);
            continue;
        };
        let value_high = match row[high].trim() {
            "" => None,
            h => match finite_number(h) {
                Some(v) => Some(v),
                None => {
                    tally.reject("value_high is not a number", label);
                    continue;
                }
            },
        };
        if row[publisher].trim().is_empty() || row[url].trim().is_empty() {
            tally.reject("no source", label);
            continue;
        }
        let key = [area, measure, setting, period].map(|c| row[c].trim().to_string());
        if !seen.insert(key) {
            tally.reject("duplicate figure (same area, measure, setting and period)", label);
            continue;
        }
        let date = non_empty(Some(&row[published]));
        if date.as_ref().is_some_and(|d| newest.as_ref().is_none_or(|n| d > n)) {
            newest = date.clone();
        }
        reference.figures.push(Figure {
            area: row[area].trim().to_string(),
            measure: row[measure].trim().to_string(),
            care_setting: row[setting].trim().to_string(),
            period: row[period].trim().to_string(),
            value: amount,
            value_high,
            unit: row[unit].trim().to_string(),
            source: SourceRef {
                publisher: row[publisher].trim().to_string(),
                citation: row[url].trim().to_string(),
                date,
            },
            notes: notes.and_then(|c| non_empty(row.get(c))),
        });
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

/// A figure's value: a plain finite number ("NaN" and "inf" parse as floats but are not amounts).
fn finite_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads the project's own TOML of means-test rules and national figures; returns its review date.
pub fn read_authored(path: &Path, reference: &mut Reference) -> Result<(Tally, String), InputError> {
    let name = file_name(path);
    let text = read_text(path)?;
    let authored: AuthoredReference =
        toml::from_str(&text).map_err(|e| InputError::file(&name, format!("is not valid: {}", e.to_string().trim())))?;
    if let Some(f) = authored.figure.iter().find(|f| !f.value.is_finite() || f.value_high.is_some_and(|v| !v.is_finite())) {
        return Err(InputError::file(&name, format!("figure {} {} is not a finite number", f.measure, f.period)));
    }
    let n = authored.means_test.len() + authored.figure.len();
    reference.means_tests.extend(authored.means_test);
    reference.figures.extend(authored.figure);
    Ok((Tally::all_kept(n), authored.reviewed))
}

/// Sorts figures so output does not depend on input order.
pub fn finish(reference: &mut Reference) {
    reference.figures.sort_by(|a, b| (&a.area, &a.measure, &a.period, &a.care_setting).cmp(&(&b.area, &b.measure, &b.period, &b.care_setting)));
    reference.means_tests.sort_by(|a, b| a.period.cmp(&b.period));
}
