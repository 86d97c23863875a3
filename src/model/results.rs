//! One-stop results: periods, the counts a unit publishes, and every figure computed from them.
//! A figure exists only when the counts it needs were reported; nothing is typed in by hand.

use std::fmt;

use super::Date;
use super::date::days_in_month;

/// A reporting period: `2022`, `2022-H1`, `2022-Q3` or `2022-07`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(u16),
    Half(u16, u8),
    Quarter(u16, u8),
    Month(u16, u8),
}

impl Period {
    pub fn parse(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let bad = || format!("`{text}` không phải kỳ báo cáo: viết `2022`, `2022-H1`, `2022-Q3` hoặc `2022-07`");
        let (year, rest) = match text.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (text, None),
        };
        if year.len() != 4 {
            return Err(bad());
        }
        let year: u16 = year.parse().map_err(|_| bad())?;
        if !(1990..=2100).contains(&year) {
            return Err(bad());
        }
        let Some(rest) = rest else { return Ok(Period::Year(year)) };
        let rest = rest.to_ascii_uppercase();
        let number = |s: &str, max: u8| s.parse::<u8>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(bad);
        if let Some(h) = rest.strip_prefix('H') {
            Ok(Period::Half(year, number(h, 2)?))
        } else if let Some(q) = rest.strip_prefix('Q') {
            Ok(Period::Quarter(year, number(q, 4)?))
        } else if rest.len() == 2 {
            Ok(Period::Month(year, number(&rest, 12)?))
        } else {
            Err(bad())
        }
    }

    fn months(self) -> (u16, u8, u8) {
        match self {
            Period::Year(y) => (y, 1, 12),
            Period::Half(y, h) => (y, (h - 1) * 6 + 1, h * 6),
            Period::Quarter(y, q) => (y, (q - 1) * 3 + 1, q * 3),
            Period::Month(y, m) => (y, m, m),
        }
    }

    pub fn start(self) -> Date {
        let (year, first, _) = self.months();
        Date { year, month: first, day: 1 }
    }

    pub fn end(self) -> Date {
        let (year, _, last) = self.months();
        Date { year, month: last, day: days_in_month(year, last) }
    }

    /// Length in months; charts never mix lengths.
    pub fn length(self) -> u8 {
        let (_, first, last) = self.months();
        last - first + 1
    }

    /// Sort key: end date, then shorter first.
    pub fn order(self) -> (Date, u8) {
        (self.end(), self.length())
    }

    /// Whether `self` ends the day before `next` starts.
    pub fn just_before(self, next: Period) -> bool {
        let end = self.end();
        let start = next.start();
        if start.month == 1 {
            end.year + 1 == start.year && end.month == 12 && end.day == 31
        } else {
            end.year == start.year && end.month + 1 == start.month && end.day == days_in_month(end.year, end.month)
        }
    }

    /// The address part: `2022`, `2022-h1`, `2022-q3`, `2022-07`.
    pub fn slug(self) -> String {
        self.to_string().to_lowercase()
    }

    /// "Năm 2022", "6 tháng đầu năm 2023", "Quý III/2022", "Tháng 7/2022".
    pub fn label(self) -> String {
        match self {
            Period::Year(y) => format!("Năm {y}"),
            Period::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Period::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Period::Quarter(y, q) => format!("Quý {}/{y}", ["I", "II", "III", "IV"][usize::from(q - 1)]),
            Period::Month(y, m) => format!("Tháng {m}/{y}"),
        }
    }

    /// Short label for chart axes: "T7/22", "Q3/22", "6T1/23", "2022".
    pub fn short_label(self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::Half(y, h) => format!("6T{}/{:02}", h, y % 100),
            Period::Quarter(y, q) => format!("Q{q}/{:02}", y % 100),
            Period::Month(y, m) => format!("T{m}/{:02}", y % 100),
        }
    }

    /// "năm", "6 tháng", "quý", "tháng".
    pub fn length_label(self) -> &'static str {
        match self {
            Period::Year(_) => "năm",
            Period::Half(..) => "6 tháng",
            Period::Quarter(..) => "quý",
            Period::Month(..) => "tháng",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

/// The counts of one published row; `None` is "not reported", never zero.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub carried_over: Option<u64>,
    pub received_online: Option<u64>,
    pub received_direct: Option<u64>,
    pub received_postal: Option<u64>,
    pub received: Option<u64>,
    pub resolved_early: Option<u64>,
    pub resolved_on_time: Option<u64>,
    pub resolved_in_time: Option<u64>,
    pub resolved_late: Option<u64>,
    pub pending_in_time: Option<u64>,
    pub pending_overdue: Option<u64>,
    pub withdrawn: Option<u64>,
    pub fee_payable: Option<u64>,
    pub paid_online: Option<u64>,
    pub digitized: Option<u64>,
    pub surveyed: Option<u64>,
    pub satisfied: Option<u64>,
}

/// A share in percent, only when the denominator is reported and not zero.
fn share(part: Option<u64>, whole: Option<u64>) -> Option<f64> {
    match (part, whole) {
        (Some(part), Some(whole)) if whole > 0 => Some(part as f64 * 100.0 / whole as f64),
        _ => None,
    }
}

impl Counts {
    /// Received in the period: the total column, or the channels added up.
    pub fn received_total(&self) -> Option<u64> {
        self.received
            .or_else(|| Some(self.received_online? + self.received_direct? + self.received_postal.unwrap_or(0)))
    }

    /// Resolved early or on time: the merged column, or the two added up.
    pub fn in_time(&self) -> Option<u64> {
        self.resolved_in_time.or_else(|| Some(self.resolved_early? + self.resolved_on_time?))
    }

    pub fn resolved(&self) -> Option<u64> {
        Some(self.in_time()? + self.resolved_late?)
    }

    pub fn pending(&self) -> Option<u64> {
        Some(self.pending_in_time? + self.pending_overdue?)
    }

    /// Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / đã giải quyết.
    pub fn on_time_rate(&self) -> Option<f64> {
        share(self.in_time(), self.resolved())
    }

    pub fn early_rate(&self) -> Option<f64> {
        share(self.resolved_early, self.resolved())
    }

    pub fn late_rate(&self) -> Option<f64> {
        share(self.resolved_late, self.resolved())
    }

    pub fn online_share(&self) -> Option<f64> {
        share(self.received_online, self.received_total())
    }

    pub fn online_payment_share(&self) -> Option<f64> {
        share(self.paid_online, self.fee_payable)
    }

    pub fn digitization_share(&self) -> Option<f64> {
        share(self.digitized, self.received_total())
    }

    pub fn satisfaction(&self) -> Option<f64> {
        share(self.satisfied, self.surveyed)
    }

    /// carried over + received − (resolved + pending + withdrawn): zero when the row adds up.
    pub fn identity_difference(&self) -> Option<i64> {
        let came = self.carried_over? + self.received_total()?;
        let went = self.resolved()? + self.pending()? + self.withdrawn.unwrap_or(0);
        Some(came as i64 - went as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::format::rate;

    fn lam_ha_2022() -> Counts {
        Counts {
            carried_over: Some(0),
            received: Some(60615),
            resolved_in_time: Some(59376),
            resolved_late: Some(722),
            pending_in_time: Some(517),
            pending_overdue: Some(0),
            ..Counts::default()
        }
    }

    #[test]
    fn lam_ha_2022_reads_98_80() {
        let c = lam_ha_2022();
        assert_eq!(c.resolved(), Some(60098));
        assert_eq!(rate(c.on_time_rate().unwrap()), "98,80%");
        assert_eq!(c.identity_difference(), Some(0));
        assert_eq!(c.early_rate(), None, "early not reported separately");
    }

    #[test]
    fn none_late_is_a_hundred_percent_of_resolved() {
        let c = Counts {
            carried_over: Some(0),
            received: Some(51451),
            resolved_in_time: Some(50905),
            resolved_late: Some(0),
            pending_in_time: Some(400),
            pending_overdue: Some(0),
            withdrawn: Some(146),
            ..Counts::default()
        };
        assert_eq!(rate(c.on_time_rate().unwrap()), "100,00%");
        assert_eq!(c.identity_difference(), Some(0));
    }

    #[test]
    fn zero_resolved_gives_no_rate_not_nan() {
        let c = Counts { resolved_in_time: Some(0), resolved_late: Some(0), ..Counts::default() };
        assert_eq!(c.on_time_rate(), None);
        assert_eq!(c.late_rate(), None);
    }

    #[test]
    fn almost_all_is_not_all() {
        let c = Counts { resolved_in_time: Some(59999), resolved_late: Some(1), ..Counts::default() };
        assert_eq!(rate(c.on_time_rate().unwrap()), "99,99%");
        assert_eq!(rate(c.late_rate().unwrap()), "0,01%");
    }

    #[test]
    fn channels_add_up_and_missing_columns_give_nothing() {
        let c = Counts {
            received_online: Some(30),
            received_direct: Some(60),
            received_postal: Some(10),
            resolved_early: Some(50),
            resolved_on_time: Some(20),
            resolved_late: Some(5),
            paid_online: Some(5),
            fee_payable: Some(20),
            digitized: Some(80),
            surveyed: Some(40),
            satisfied: Some(39),
            ..Counts::default()
        };
        assert_eq!(c.received_total(), Some(100));
        assert_eq!(c.online_share(), Some(30.0));
        assert_eq!(c.in_time(), Some(70));
        assert_eq!(rate(c.early_rate().unwrap()), "66,67%");
        assert_eq!(c.online_payment_share(), Some(25.0));
        assert_eq!(c.digitization_share(), Some(80.0));
        assert_eq!(c.satisfaction(), Some(97.5));
        assert_eq!(c.identity_difference(), None, "carried over not reported");
        assert_eq!(Counts::default().received_total(), None);
    }

    #[test]
    fn periods_parse_order_and_chain() {
        let p = |s| Period::parse(s).unwrap();
        assert_eq!(p("2022-h1"), Period::Half(2022, 1));
        assert_eq!(p("2022-Q3").label(), "Quý III/2022");
        assert_eq!(p("2022-07").label(), "Tháng 7/2022");
        assert_eq!(p("2023-H1").label(), "6 tháng đầu năm 2023");
        assert!(Period::parse("2022-13").is_err());
        assert!(Period::parse("2022-H3").is_err());
        assert!(Period::parse("22").is_err());
        assert!(Period::parse("2022/07").is_err());
        // End date first, then the shorter period.
        let mut periods = vec![p("2022"), p("2022-12"), p("2022-H2"), p("2022-Q4"), p("2022-06")];
        periods.sort_by_key(|p| p.order());
        assert_eq!(periods, [p("2022-06"), p("2022-12"), p("2022-Q4"), p("2022-H2"), p("2022")]);
        for before in ["2022", "2022-H2", "2022-Q4", "2022-12"] {
            assert!(p(before).just_before(p("2023-H1")), "{before}");
        }
        assert!(p("2023-01").just_before(p("2023-02")));
        assert!(!p("2022-H1").just_before(p("2023-H1")));
        assert_eq!(p("2024-02").end().to_string(), "29/02/2024");
    }
}
