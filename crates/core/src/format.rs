//! Words and numbers as GOV.UK style writes them: "3 March 2024", "2.3 miles", "£1,234.50".

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "2024-03-03" -> "3 March 2024"; "2025-03" -> "March 2025"; anything else is shown as it is.
pub fn date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .map(|m| MONTHS[m - 1])
    };
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            match (month(m), d.get(..2).and_then(|d| d.parse::<u32>().ok())) {
                (Some(m), Some(d)) => format!("{d} {m} {y}"),
                _ => iso.to_string(),
            }
        }
        [y, m] if y.len() == 4 => month(m).map_or_else(|| iso.to_string(), |m| format!("{m} {y}")),
        _ => iso.to_string(),
    }
}

/// Distance to one decimal place: "0.4 miles", "1.0 mile", "12.3 miles".
pub fn miles(m: f64) -> String {
    let rounded = format!("{m:.1}");
    if rounded == "1.0" {
        "1.0 mile".into()
    } else {
        format!("{rounded} miles")
    }
}

/// Pounds with thousands separators; pence only when there are some: "£23,250", "£30.65".
pub fn pounds(amount: f64) -> String {
    let pence = (amount.abs() * 100.0).round() as u64;
    let (whole, part) = (pence / 100, pence % 100);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount < 0.0 && pence > 0 { "-" } else { "" };
    if part == 0 {
        format!("{sign}£{grouped}")
    } else {
        format!("{sign}£{grouped}.{part:02}")
    }
}

/// "1 service" / "12 services".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(date("2024-03-03"), "3 March 2024");
        assert_eq!(date("2025-12-25"), "25 December 2025");
        assert_eq!(date("2025-03"), "March 2025");
        assert_eq!(date("2025-13-01"), "2025-13-01");
        assert_eq!(date("not stated"), "not stated");
    }

    #[test]
    fn distances_money_and_counts() {
        assert_eq!(miles(0.04), "0.0 miles");
        assert_eq!(miles(0.96), "1.0 mile");
        assert_eq!(miles(12.345), "12.3 miles");
        assert_eq!(pounds(23250.0), "£23,250");
        assert_eq!(pounds(30.65), "£30.65");
        assert_eq!(pounds(1234567.5), "£1,234,567.50");
        assert_eq!(pounds(-12.0), "-£12");
        assert_eq!(count(1, "service", "services"), "1 service");
        assert_eq!(count(0, "service", "services"), "0 services");
    }
}
