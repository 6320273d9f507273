//! Calendar dates written `YYYY-MM-DD`, as the dataset and the authored content write them.
//! Strict: a real day of a real month, so "2026-02-30" or "2026-1-5" is refused, not shown.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads exactly `YYYY-MM-DD` (four, two and two ASCII digits) naming a day that exists.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &b[range];
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0')))
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::new(year, month.try_into().ok()?, day.try_into().ok()?)
    }

    /// The date, when the day exists in that month of that year.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (year <= 9999 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }
}

/// Gregorian months: February has 29 days in years divisible by 4, except centuries not divisible by 400.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_real_days_only() {
        assert_eq!(
            Date::parse("2026-11-23"),
            Some(Date {
                year: 2026,
                month: 11,
                day: 23
            })
        );
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2000-02-29").map(|d| d.day), Some(29));
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-1-05",
            "2026-01-5 ",
            "+026-01-05",
            "2026/01/05",
            "2026-01-0x",
            "",
            "２０２６-01-05",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Date::parse("0987-06-05").unwrap().to_string(), "0987-06-05");
    }
}
