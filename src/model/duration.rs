//! Processing times: `5 ngày làm việc`, `15 ngày`, `4 giờ`, `trong ngày` (and the English forms).

use std::fmt;

/// A statutory or promised processing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duration {
    WorkingDays(u32),
    Days(u32),
    Hours(u32),
    SameDay,
}

impl Duration {
    /// Parses the forms FORMAT.md allows, Vietnamese or English, leading zeros allowed.
    pub fn parse(text: &str) -> Result<Duration, String> {
        let normalized: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if matches!(normalized.as_str(), "trong ngày" | "same day") {
            return Ok(Duration::SameDay);
        }
        let (number, unit) =
            normalized.split_once(' ').ok_or_else(|| format!("thiếu đơn vị thời gian trong `{text}`"))?;
        let count: u32 = number.parse().map_err(|_| format!("`{number}` không phải một số nguyên"))?;
        if count == 0 {
            return Err("thời hạn phải lớn hơn 0; nếu giải quyết ngay, viết `trong ngày`".into());
        }
        match unit {
            "ngày làm việc" | "working days" | "working day" => Ok(Duration::WorkingDays(count)),
            "ngày" | "days" | "day" => Ok(Duration::Days(count)),
            "giờ" | "hours" | "hour" | "giờ làm việc" | "working hours" => Ok(Duration::Hours(count)),
            other => Err(format!("không hiểu đơn vị `{other}`")),
        }
    }

    /// Whether `self` (a cut) is certainly longer than `statutory`.
    /// Working days are at least as long as calendar days; a same-day cut is one working day.
    pub fn exceeds(self, statutory: Duration) -> bool {
        use Duration::*;
        match (self, statutory) {
            (SameDay, _) => false,
            (WorkingDays(c), WorkingDays(s)) | (Days(c), Days(s)) | (Hours(c), Hours(s)) => c > s,
            (WorkingDays(c), Days(s)) => c > s,
            // n calendar days hold at most n working days; 7 calendar days hold at least 5.
            (Days(c), WorkingDays(s)) => c > s * 7 / 5 + 2,
            (WorkingDays(_) | Days(_), Hours(s)) => s < 24,
            (WorkingDays(_) | Days(_), SameDay) => true,
            (Hours(c), SameDay) => c > 8,
            (Hours(c), WorkingDays(s) | Days(s)) => c > s * 24,
        }
    }

    /// The percentage cut, when the two times are in comparable units.
    /// Same day counts as one working day: 5 working days → same day is 80%.
    pub fn cut_percent(statutory: Duration, cut: Duration) -> Option<f64> {
        use Duration::*;
        let (s, c) = match (statutory, cut) {
            (WorkingDays(s), WorkingDays(c)) | (Days(s), Days(c)) | (Hours(s), Hours(c)) => (s, c),
            (WorkingDays(s) | Days(s), SameDay) => (s, 1),
            _ => return None,
        };
        (c <= s && s > 0).then(|| f64::from(s - c) * 100.0 / f64::from(s))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Duration::WorkingDays(n) => write!(f, "{n} ngày làm việc"),
            Duration::Days(n) => write!(f, "{n} ngày"),
            Duration::Hours(n) => write!(f, "{n} giờ"),
            Duration::SameDay => write!(f, "Trong ngày"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Duration::*;
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Duration::parse("5 ngày làm việc"), Ok(WorkingDays(5)));
        assert_eq!(Duration::parse("05 ngày làm việc"), Ok(WorkingDays(5)));
        assert_eq!(Duration::parse("5 working days"), Ok(WorkingDays(5)));
        assert_eq!(Duration::parse("15 ngày"), Ok(Days(15)));
        assert_eq!(Duration::parse("15  Days"), Ok(Days(15)));
        assert_eq!(Duration::parse("4 giờ"), Ok(Hours(4)));
        assert_eq!(Duration::parse("4 hours"), Ok(Hours(4)));
        assert_eq!(Duration::parse("Trong ngày"), Ok(SameDay));
        assert_eq!(Duration::parse("same day"), Ok(SameDay));
        assert!(Duration::parse("5 tuần").is_err());
        assert!(Duration::parse("năm ngày").is_err());
        assert!(Duration::parse("0 ngày").is_err());
        assert!(Duration::parse("5").is_err());
    }

    #[test]
    fn same_day_from_five_working_days_is_an_eighty_percent_cut() {
        assert_eq!(Duration::cut_percent(WorkingDays(5), SameDay), Some(80.0));
        assert_eq!(Duration::cut_percent(WorkingDays(10), WorkingDays(7)), Some(30.0));
        assert_eq!(Duration::cut_percent(WorkingDays(5), WorkingDays(5)), Some(0.0));
        assert_eq!(Duration::cut_percent(Hours(8), SameDay), None);
    }

    #[test]
    fn a_cut_may_not_exceed_the_statutory_time() {
        assert!(WorkingDays(7).exceeds(WorkingDays(5)));
        assert!(!WorkingDays(5).exceeds(WorkingDays(5)));
        assert!(!SameDay.exceeds(WorkingDays(1)));
        assert!(WorkingDays(1).exceeds(SameDay));
        assert!(WorkingDays(20).exceeds(Days(15)));
        assert!(!Days(5).exceeds(WorkingDays(5)));
        assert!(Hours(48).exceeds(Days(1)));
    }
}
