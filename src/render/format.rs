//! Vietnamese number, money, percentage and date formats, written once: `60.615`, `98,80%`,
//! `135.000 đ`, `15/01/2026`.

/// `60615` → `60.615`.
pub fn number(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `135000` → `135.000 đ`; `0` → `Miễn phí`.
pub fn money(amount: u64) -> String {
    if amount == 0 { "Miễn phí".to_string() } else { format!("{} đ", number(amount)) }
}

/// A rate with two decimals, `98,80%`; never shown as `100,00%` or `0,00%` unless exact.
pub fn rate(percent: f64) -> String {
    let mut hundredths = (percent * 100.0).round() as i64;
    if hundredths >= 10_000 && percent < 100.0 {
        hundredths = 9_999;
    }
    if hundredths <= 0 && percent > 0.0 {
        hundredths = 1;
    }
    format!("{},{:02}%", hundredths / 100, hundredths % 100)
}

/// A percentage without needless decimals: `80%`, `33,33%`.
pub fn percent_short(percent: f64) -> String {
    let hundredths = (percent * 100.0).round() as i64;
    if hundredths % 100 == 0 {
        format!("{}%", hundredths / 100)
    } else if hundredths % 10 == 0 {
        format!("{},{}%", hundredths / 100, (hundredths % 100) / 10)
    } else {
        format!("{},{:02}%", hundredths / 100, hundredths % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(60615), "60.615");
        assert_eq!(number(1234567), "1.234.567");
        assert_eq!(money(135000), "135.000 đ");
        assert_eq!(money(0), "Miễn phí");
    }

    #[test]
    fn rates_keep_two_decimals_and_never_round_to_the_ends() {
        assert_eq!(rate(59376.0 * 100.0 / 60098.0), "98,80%");
        assert_eq!(rate(59999.0 * 100.0 / 60000.0), "99,99%");
        assert_eq!(rate(100.0), "100,00%");
        assert_eq!(rate(1.0 * 100.0 / 60000.0), "0,01%");
        assert_eq!(rate(0.0), "0,00%");
    }

    #[test]
    fn short_percentages() {
        assert_eq!(percent_short(80.0), "80%");
        assert_eq!(percent_short(100.0 / 3.0), "33,33%");
        assert_eq!(percent_short(12.5), "12,5%");
    }
}
