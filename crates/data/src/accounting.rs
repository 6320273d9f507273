//! Accounting for every input: records read, kept and rejected, each rejection with its reason,
//! so nothing is ever dropped silently. Also the error type for input that cannot be read at all.

use std::collections::BTreeMap;
use std::fmt;

use carefinder_core::dataset::{ReasonCount, RecordCounts};

/// What happened to one input's records.
#[derive(Debug, Default)]
pub struct Tally {
    pub read: usize,
    pub kept: usize,
    /// reason -> the records (ids or postcodes) rejected for it, in input order.
    rejected: BTreeMap<&'static str, Vec<String>>,
}

impl Tally {
    /// An input whose every record was kept.
    pub fn all_kept(n: usize) -> Tally {
        Tally {
            read: n,
            kept: n,
            ..Tally::default()
        }
    }

    pub fn reject(&mut self, reason: &'static str, record: impl Into<String>) {
        self.rejected.entry(reason).or_default().push(record.into());
    }

    pub fn rejected(&self) -> usize {
        self.rejected.values().map(Vec::len).sum()
    }

    /// The counts published in the manifest: reasons largest first, ties by name.
    pub fn counts(&self) -> RecordCounts {
        let mut reasons: Vec<ReasonCount> = self
            .rejected
            .iter()
            .map(|(reason, records)| ReasonCount {
                reason: reason.to_string(),
                count: records.len(),
            })
            .collect();
        reasons.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(&b.reason)));
        RecordCounts {
            read: self.read,
            kept: self.kept,
            rejected: self.rejected(),
            reasons,
        }
    }

    /// Every rejected record with its reason, one per line, for the build report.
    pub fn report_lines(&self, input: &str) -> Vec<String> {
        self.rejected
            .iter()
            .flat_map(|(reason, records)| {
                records
                    .iter()
                    .map(move |r| format!("{}\t{}\t{reason}", one_cell(input), one_cell(r)))
            })
            .collect()
    }

    /// Records that arrived minus those kept and rejected: must be zero.
    pub fn unaccounted(&self) -> isize {
        self.read as isize - self.kept as isize - self.rejected() as isize
    }
}

/// An input that cannot be used at all. Names the file, the record when there is one, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub file: String,
    pub record: Option<String>,
    pub reason: String,
}

impl InputError {
    pub fn file(file: &str, reason: impl Into<String>) -> InputError {
        InputError {
            file: file.to_string(),
            record: None,
            reason: reason.into(),
        }
    }

    pub fn record(file: &str, record: impl Into<String>, reason: impl Into<String>) -> InputError {
        InputError {
            file: file.to_string(),
            record: Some(record.into()),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some(record) => write!(f, "{}: {}: {}", self.file, record, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl From<InputError> for String {
    fn from(e: InputError) -> String {
        e.to_string()
    }
}

/// The table printed at the end of a build: one row per input.
pub fn table(rows: &[(String, RecordCounts)]) -> String {
    let width = rows
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let mut out = format!(
        "{:<width$}  {:>8}  {:>8}  {:>8}  reasons\n",
        "input", "read", "kept", "rejected"
    );
    for (name, c) in rows {
        let reasons: Vec<String> = c
            .reasons
            .iter()
            .map(|r| format!("{} {}", r.reason, r.count))
            .collect();
        out += &format!(
            "{:<width$}  {:>8}  {:>8}  {:>8}  {}\n",
            name,
            c.read,
            c.kept,
            c.rejected,
            reasons.join("; ")
        );
    }
    out
}

/// Raw input can hold tabs and line breaks; as spaces they cannot split the report's rows.
fn one_cell(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_reasons_largest_first_and_account_for_every_record() {
        let mut t = Tally {
            read: 6,
            kept: 2,
            ..Tally::default()
        };
        t.reject("deregistered", "1-1");
        t.reject("not adult social care", "1-2");
        t.reject("deregistered", "1-3");
        t.reject("duplicate id", "1-4");
        let c = t.counts();
        assert_eq!((c.read, c.kept, c.rejected), (6, 2, 4));
        assert_eq!(
            c.reasons[0],
            ReasonCount {
                reason: "deregistered".into(),
                count: 2
            }
        );
        assert_eq!(c.reasons.len(), 3);
        assert_eq!(t.unaccounted(), 0);
        assert_eq!(t.report_lines("f.json")[0], "f.json\t1-1\tderegistered");
        t.reject("bad postcode", "line 2 (NR2\t1AB\r\n)");
        assert_eq!(
            t.report_lines("f.csv")[0],
            "f.csv\tline 2 (NR2 1AB  )\tbad postcode"
        );
    }

    #[test]
    fn errors_name_the_file_and_the_record() {
        let e = InputError::record(
            "locations.json",
            "record 3 (1-99)",
            "numberOfBeds is not a number",
        );
        assert_eq!(
            e.to_string(),
            "locations.json: record 3 (1-99): numberOfBeds is not a number"
        );
    }
}
