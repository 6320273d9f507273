//! Reading CSV inputs strictly: UTF-8 only (a clear error otherwise), an optional preamble before
//! the header, required columns checked by name, and every record tagged with its line number.

use std::path::Path;

use crate::accounting::InputError;

/// A CSV file read into memory, with its header and its records.
pub struct CsvTable {
    pub file: String,
    headers: Vec<String>,
    pub rows: Vec<(usize, csv::StringRecord)>,
}

/// The name used in messages and the manifest: the file name, not the machine's path.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a whole text file, refusing empty files and anything that is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let name = file_name(path);
    let bytes =
        std::fs::read(path).map_err(|e| InputError::file(&name, format!("cannot be read: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::file(&name, "the file is empty"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Err(InputError::record(
                &name,
                format!("line {line}"),
                "is not UTF-8 text (it may be in a Windows or Latin-1 encoding); save the file as UTF-8 and try again",
            ))
        }
    }
}

impl CsvTable {
    /// Parses `text`; the header is the first line for which `is_header` says yes, so preamble
    /// lines before it (as in CQC's care directory) are skipped.
    pub fn parse(
        file: &str,
        text: &str,
        is_header: impl Fn(&str) -> bool,
    ) -> Result<CsvTable, InputError> {
        let mut offset = 0;
        let mut skipped = 0;
        for line in text.split_inclusive('\n') {
            if is_header(line.trim_start_matches('\u{feff}')) {
                break;
            }
            offset += line.len();
            skipped += 1;
        }
        if offset >= text.len() {
            return Err(InputError::file(
                file,
                "no header line was found: is this the right kind of file?",
            ));
        }
        let body = &text.as_bytes()[offset..];
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(body);
        let headers = reader
            .headers()
            .map_err(|e| InputError::file(file, format!("the header cannot be read: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        // Lines are counted from the bytes: the csv crate's own count leaves out blank lines.
        let mut lines = LineCounter {
            body,
            byte: 0,
            line: 1 + skipped,
        };
        let mut rows = Vec::new();
        for result in reader.records() {
            let record = result.map_err(|e| {
                let line = e.position().map_or(0, |p| lines.at(p.byte()));
                InputError::record(file, format!("line {line}"), csv_reason(&e))
            })?;
            let line = record.position().map_or(0, |p| lines.at(p.byte()));
            rows.push((line, record));
        }
        Ok(CsvTable {
            file: file.to_string(),
            headers,
            rows,
        })
    }

    /// The index of the first of `names` present in the header (case-insensitive).
    pub fn column(&self, names: &[&str]) -> Result<usize, InputError> {
        self.optional_column(names).ok_or_else(|| {
            InputError::file(
                &self.file,
                format!("the column {:?} is missing from the header", names[0]),
            )
        })
    }

    pub fn optional_column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.headers.iter().position(|h| h.eq_ignore_ascii_case(n)))
    }
}

/// The line a record starting at a byte of the body is on, for bytes asked about in increasing order.
struct LineCounter<'a> {
    body: &'a [u8],
    byte: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn at(&mut self, byte: u64) -> usize {
        let mut byte = (byte as usize).min(self.body.len());
        // A position can be where reading began, before the blank lines the record follows.
        while matches!(self.body.get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        if byte > self.byte {
            self.line += self.body[self.byte..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.byte = byte;
        }
        self.line
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("has {len} fields where the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_a_preamble_and_numbers_lines_as_an_editor_would() {
        let text = "CQC Locations data\nThis data was produced on 1 May\nName,Postcode\nA,NR1 1AA\nB,NR1 1AB\n";
        let t = CsvTable::parse("d.csv", text, |l| l.starts_with("Name,")).unwrap();
        assert_eq!(t.column(&["postcode"]).unwrap(), 1);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].0, 5);
        assert_eq!(&t.rows[1].1[0], "B");
    }

    #[test]
    fn a_missing_column_and_a_short_row_are_errors_that_say_where() {
        let t = CsvTable::parse("p.csv", "Postcode,lat\nNR1 1AA,52.1\n", |_| true).unwrap();
        assert_eq!(
            t.column(&["long", "longitude"]).unwrap_err().to_string(),
            "p.csv: the column \"long\" is missing from the header"
        );
        let e = CsvTable::parse("p.csv", "Postcode,lat,long\nNR1 1AA,52.1\n", |_| true)
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "p.csv: line 2: has 2 fields where the header has 3"
        );
    }

    #[test]
    fn blank_lines_and_quoted_line_breaks_still_count_as_lines() {
        let text = "Name,Postcode\nA,NR1 1AA\n\n\n\"B\nHouse\",NR1 1AB\nC,NR1 1AD\n\nD\n";
        let t = CsvTable::parse("d.csv", text, |_| true);
        let e = t.err().unwrap();
        assert_eq!(
            e.to_string(),
            "d.csv: line 9: has 1 fields where the header has 2"
        );
        let t = CsvTable::parse("d.csv", &text.replace("\nD\n", ""), |_| true).unwrap();
        assert_eq!(
            t.rows.iter().map(|(line, _)| *line).collect::<Vec<_>>(),
            [2, 5, 7]
        );
    }
}
