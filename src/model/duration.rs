//! Processing times: `5 ngày làm việc`, `15 ngày`, `4 giờ`, `01 tháng`, `7,5 ngày làm việc`,
//! `trong ngày` (and the English forms), and the wording official lists use around them.

use std::fmt;

/// A positive quantity with up to two decimals, kept in hundredths (`7,5` is 750).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Qty(pub u32);

impl Qty {
    /// A whole number of units.
    pub const fn whole(n: u32) -> Qty {
        Qty(n * 100)
    }

    /// Parses `5`, `05`, `7,5`, `7.5`, `4,75`; at most two decimals.
    pub fn parse(text: &str) -> Option<Qty> {
        let (whole, fraction) = match text.split_once([',', '.']) {
            Some((w, f)) => (w, f),
            None => (text, ""),
        };
        if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || whole.len() > 6 {
            return None;
        }
        if fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) || text.ends_with([',', '.']) {
            return None;
        }
        let whole: u32 = whole.parse().ok()?;
        let hundredths: u32 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<u32>().ok()? * 10,
            _ => fraction.parse().ok()?,
        };
        Some(Qty(whole * 100 + hundredths))
    }

    /// From a float as the national portal gives it (`7.5`), rounded to hundredths.
    pub fn from_f64(value: f64) -> Option<Qty> {
        (value.is_finite() && value > 0.0 && value < 1_000_000.0).then(|| Qty((value * 100.0).round() as u32))
    }

    pub fn is_whole(self) -> bool {
        self.0.is_multiple_of(100)
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl fmt::Display for Qty {
    /// `7,5`, `4,75`, `15`: Vietnamese decimal comma.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, hundredths) = (self.0 / 100, self.0 % 100);
        match hundredths {
            0 => write!(f, "{whole}"),
            h if h % 10 == 0 => write!(f, "{whole},{}", h / 10),
            h => write!(f, "{whole},{h:02}"),
        }
    }
}

/// A statutory or promised processing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duration {
    WorkingDays(Qty),
    Days(Qty),
    Hours(Qty),
    Months(Qty),
    SameDay,
}

/// What an official wording of a time means (see [`Duration::from_wording`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wording {
    /// A duration, and what was written around it (conditions), to keep as a note.
    Duration { duration: Duration, note: Option<String> },
    /// No one duration can be read from it: publish it as written (`time.text`).
    Text,
}

impl Duration {
    /// Parses the forms FORMAT.md allows, Vietnamese or English, leading zeros and decimals allowed.
    pub fn parse(text: &str) -> Result<Duration, String> {
        let normalized: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if matches!(normalized.as_str(), "trong ngày" | "same day") {
            return Ok(Duration::SameDay);
        }
        let (number, unit) =
            normalized.split_once(' ').ok_or_else(|| format!("thiếu đơn vị thời gian trong `{text}`"))?;
        let count = Qty::parse(number).ok_or_else(|| format!("`{number}` không phải một số"))?;
        if count.0 == 0 {
            return Err("thời hạn phải lớn hơn 0; nếu giải quyết ngay, viết `trong ngày`".into());
        }
        Duration::with_unit(count, unit).ok_or_else(|| format!("không hiểu đơn vị `{unit}`"))
    }

    fn with_unit(count: Qty, unit: &str) -> Option<Duration> {
        match unit {
            "ngày làm việc" | "working days" | "working day" => Some(Duration::WorkingDays(count)),
            "ngày" | "days" | "day" => Some(Duration::Days(count)),
            "giờ" | "hours" | "hour" | "giờ làm việc" | "working hours" => Some(Duration::Hours(count)),
            "tháng" | "months" | "month" => Some(Duration::Months(count)),
            _ => None,
        }
    }

    /// Reads a time as official lists word it: "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
    /// "30 ngày (không kể thời gian bổ sung hồ sơ)", "01 tháng", "Không quá 05 ngày làm việc",
    /// "5 ngày làm việc.", "Trong ngày làm việc", "Ngay trong ngày…". The duration comes first
    /// (after an optional "không quá"/"trong vòng"/"tối đa"), and what follows becomes the note.
    /// A wording with no duration, or with a second one ("15 ngày hoặc 30 ngày"), is
    /// [`Wording::Text`]: it must be published as written.
    pub fn from_wording(text: &str) -> Wording {
        let clean: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let clean = clean.trim().trim_start_matches(['-', '+', '*', '•']).trim();
        let lower = clean.to_lowercase();
        if let Ok(duration) = Duration::parse(lower.trim_end_matches(['.', ';'])) {
            return Wording::Duration { duration, note: None };
        }
        // Same-day wordings.
        for head in ["ngay trong ngày làm việc", "ngay trong ngày", "trong ngày làm việc", "trong ngày", "same day"]
        {
            if let Some(rest) = strip_head(&lower, clean, head) {
                return match note_of(rest) {
                    Ok(note) => Wording::Duration { duration: Duration::SameDay, note },
                    Err(()) => Wording::Text,
                };
            }
        }
        let mut body = (clean, lower.as_str());
        for lead in ["không quá", "trong vòng", "trong thời hạn", "tối đa", "trong", "within", "up to", "no more than"]
        {
            if let Some(rest) = strip_head(body.1, body.0, lead) {
                let cut = body.0.len() - rest.len();
                body = (rest, &body.1[cut..]);
                break;
            }
        }
        let (original, lower) = body;
        // Number, then the longest unit that follows it.
        let Some((number, _)) = lower.split_once(' ') else { return Wording::Text };
        let Some(count) = Qty::parse(number) else { return Wording::Text };
        if count.0 == 0 {
            return Wording::Text;
        }
        let after = &lower[number.len() + 1..];
        let units = [
            "ngày làm việc",
            "working days",
            "working day",
            "giờ làm việc",
            "working hours",
            "ngày",
            "days",
            "day",
            "giờ",
            "hours",
            "hour",
            "tháng",
            "months",
            "month",
        ];
        for unit in units {
            if let Some(tail) = after.strip_prefix(unit)
                && (tail.is_empty() || !tail.starts_with(char::is_alphanumeric))
            {
                let Some(duration) = Duration::with_unit(count, unit) else { continue };
                let rest = original.get(original.len().saturating_sub(tail.len())..).unwrap_or(tail);
                return match note_of(rest) {
                    Ok(note) => Wording::Duration { duration, note },
                    Err(()) => Wording::Text,
                };
            }
        }
        Wording::Text
    }

    /// Hundredths of a working day, when the time is counted in (working) days.
    fn day_hundredths(self) -> Option<u32> {
        match self {
            Duration::WorkingDays(q) | Duration::Days(q) => Some(q.0),
            Duration::SameDay => Some(100),
            _ => None,
        }
    }

    /// Whether `self` (a cut) is certainly longer than `statutory`.
    /// Working days are at least as long as calendar days; a same-day cut is one working day.
    pub fn exceeds(self, statutory: Duration) -> bool {
        use Duration::*;
        match (self, statutory) {
            (SameDay, _) => false,
            (WorkingDays(c), WorkingDays(s)) | (Days(c), Days(s)) | (Hours(c), Hours(s)) | (Months(c), Months(s)) => {
                c > s
            }
            (WorkingDays(c), Days(s)) => c > s,
            // n calendar days hold at most n working days; 7 calendar days hold at least 5.
            (Days(c), WorkingDays(s)) => c.0 > s.0 * 7 / 5 + 200,
            (WorkingDays(_) | Days(_) | Months(_), Hours(s)) => s.0 < 2400,
            (WorkingDays(_) | Days(_) | Months(_), SameDay) => true,
            (Hours(c), SameDay) => c.0 > 800,
            (Hours(c), WorkingDays(s) | Days(s)) => c.0 > s.0 * 24,
            (Hours(c), Months(s)) => c.0 > s.0 * 24 * 31,
            // A month holds at least 28 days and 20 working days.
            (Months(c), Days(s)) => c.0 * 28 > s.0,
            (Months(c), WorkingDays(s)) => c.0 * 20 > s.0 * 7 / 5 + 200,
            (Days(c) | WorkingDays(c), Months(s)) => c.0 > s.0 * 31,
        }
    }

    /// The percentage cut, when the two times are in comparable units.
    /// Same day counts as one working day: 5 working days → same day is 80%.
    pub fn cut_percent(statutory: Duration, cut: Duration) -> Option<f64> {
        use Duration::*;
        let (s, c) = match (statutory, cut) {
            (WorkingDays(s), WorkingDays(c)) | (Days(s), Days(c)) | (Hours(s), Hours(c)) | (Months(s), Months(c)) => {
                (s.0, c.0)
            }
            (WorkingDays(_) | Days(_), SameDay) => (statutory.day_hundredths()?, 100),
            _ => return None,
        };
        (c <= s && s > 0).then(|| f64::from(s - c) * 100.0 / f64::from(s))
    }

    /// A rough length in hours, only to order times ("10 ngày" before "01 tháng").
    pub fn rough_hours(self) -> f64 {
        match self {
            Duration::SameDay => 8.0,
            Duration::Hours(q) => q.as_f64(),
            Duration::WorkingDays(q) => q.as_f64() * 24.0 * 7.0 / 5.0,
            Duration::Days(q) => q.as_f64() * 24.0,
            Duration::Months(q) => q.as_f64() * 24.0 * 30.0,
        }
    }

    /// The number and the unit apart, for ranges: (`Some(15)`, "ngày").
    pub fn parts(self) -> (Option<Qty>, &'static str) {
        match self {
            Duration::WorkingDays(q) => (Some(q), "ngày làm việc"),
            Duration::Days(q) => (Some(q), "ngày"),
            Duration::Hours(q) => (Some(q), "giờ"),
            Duration::Months(q) => (Some(q), "tháng"),
            Duration::SameDay => (None, "Trong ngày"),
        }
    }
}

/// `rest` after `head` in `clean`, when `lower` (its lowercase) starts with `head` as whole words.
fn strip_head<'a>(lower: &str, clean: &'a str, head: &str) -> Option<&'a str> {
    let tail = lower.strip_prefix(head)?;
    if tail.starts_with(char::is_alphanumeric) {
        return None;
    }
    // Lowercasing keeps byte lengths for Vietnamese letters, but be safe with char boundaries.
    let cut = clean.len().checked_sub(tail.len())?;
    clean.get(cut..).map(str::trim_start)
}

/// What follows a duration, as a note: "kể từ ngày …" stays, "(…)" loses its brackets, a final
/// "." goes. Another duration in it ("hoặc 30 ngày") means the wording is no single duration.
fn note_of(rest: &str) -> Result<Option<String>, ()> {
    let mut note = rest.trim().trim_start_matches([',', ';', ':', '-', '–']).trim();
    if note.starts_with('(') && note.ends_with(')') && note.matches('(').count() == 1 {
        note = note[1..note.len() - 1].trim();
    } else if note.starts_with('(') && note.ends_with(").") && note.matches('(').count() == 1 {
        note = note[1..note.len() - 2].trim();
    }
    let note = note.trim_end_matches(['.', ';', ',']).trim();
    if note.is_empty() || note == "…" || note == "..." {
        return Ok(None);
    }
    if contains_duration(note) {
        return Err(());
    }
    Ok(Some(note.trim_end_matches(['…']).trim_end_matches("...").trim().to_string()).filter(|n| !n.is_empty()))
}

fn contains_duration(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == '(' || c == ')').collect();
    words.windows(2).any(|pair| {
        Qty::parse(pair[0]).is_some_and(|q| q.0 > 0)
            && ["ngày", "giờ", "tháng", "days", "day", "hours", "months"]
                .iter()
                .any(|u| pair[1].trim_end_matches([',', '.', ';']) == *u)
    })
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Duration::WorkingDays(n) => write!(f, "{n} ngày làm việc"),
            Duration::Days(n) => write!(f, "{n} ngày"),
            Duration::Hours(n) => write!(f, "{n} giờ"),
            Duration::Months(n) => write!(f, "{n} tháng"),
            Duration::SameDay => write!(f, "Trong ngày"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Duration::*;
    use super::*;

    const fn q(n: u32) -> Qty {
        Qty::whole(n)
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(Duration::parse("5 ngày làm việc"), Ok(WorkingDays(q(5))));
        assert_eq!(Duration::parse("05 ngày làm việc"), Ok(WorkingDays(q(5))));
        assert_eq!(Duration::parse("5 working days"), Ok(WorkingDays(q(5))));
        assert_eq!(Duration::parse("15 ngày"), Ok(Days(q(15))));
        assert_eq!(Duration::parse("15  Days"), Ok(Days(q(15))));
        assert_eq!(Duration::parse("4 giờ"), Ok(Hours(q(4))));
        assert_eq!(Duration::parse("4 hours"), Ok(Hours(q(4))));
        assert_eq!(Duration::parse("Trong ngày"), Ok(SameDay));
        assert_eq!(Duration::parse("same day"), Ok(SameDay));
        assert!(Duration::parse("5 tuần").is_err());
        assert!(Duration::parse("năm ngày").is_err());
        assert!(Duration::parse("0 ngày").is_err());
        assert!(Duration::parse("5").is_err());
    }

    #[test]
    fn parses_months() {
        assert_eq!(Duration::parse("01 tháng"), Ok(Months(q(1))));
        assert_eq!(Duration::parse("1 month"), Ok(Months(q(1))));
        assert_eq!(Duration::parse("2 months"), Ok(Months(q(2))));
        assert_eq!(Months(q(1)).to_string(), "1 tháng");
    }

    #[test]
    fn parses_decimals() {
        assert_eq!(Duration::parse("7,5 ngày làm việc"), Ok(WorkingDays(Qty(750))));
        assert_eq!(Duration::parse("7.5 working days"), Ok(WorkingDays(Qty(750))));
        assert_eq!(Duration::parse("4,75 ngày làm việc"), Ok(WorkingDays(Qty(475))));
        assert_eq!(WorkingDays(Qty(750)).to_string(), "7,5 ngày làm việc");
        assert_eq!(WorkingDays(Qty(475)).to_string(), "4,75 ngày làm việc");
        assert!(Duration::parse("7,555 ngày").is_err());
        assert!(Duration::parse("7, ngày").is_err());
        assert!(Duration::parse("0,0 ngày").is_err());
        assert_eq!(Qty::from_f64(17.5), Some(Qty(1750)));
    }

    #[test]
    fn same_day_from_five_working_days_is_an_eighty_percent_cut() {
        assert_eq!(Duration::cut_percent(WorkingDays(q(5)), SameDay), Some(80.0));
        assert_eq!(Duration::cut_percent(WorkingDays(q(10)), WorkingDays(q(7))), Some(30.0));
        assert_eq!(Duration::cut_percent(WorkingDays(q(5)), WorkingDays(q(5))), Some(0.0));
        assert_eq!(Duration::cut_percent(Hours(q(8)), SameDay), None);
        assert_eq!(Duration::cut_percent(WorkingDays(Qty(750)), WorkingDays(Qty(600))), Some(20.0));
    }

    #[test]
    fn a_cut_may_not_exceed_the_statutory_time() {
        assert!(WorkingDays(q(7)).exceeds(WorkingDays(q(5))));
        assert!(!WorkingDays(q(5)).exceeds(WorkingDays(q(5))));
        assert!(!SameDay.exceeds(WorkingDays(q(1))));
        assert!(WorkingDays(q(1)).exceeds(SameDay));
        assert!(WorkingDays(q(20)).exceeds(Days(q(15))));
        assert!(!Days(q(5)).exceeds(WorkingDays(q(5))));
        assert!(Hours(q(48)).exceeds(Days(q(1))));
        assert!(!Days(q(20)).exceeds(Months(q(1))));
        assert!(Days(q(40)).exceeds(Months(q(1))));
        assert!(Months(q(1)).exceeds(Days(q(15))));
    }

    fn wording(text: &str) -> Wording {
        Duration::from_wording(text)
    }

    fn with_note(duration: Duration, note: &str) -> Wording {
        Wording::Duration { duration, note: Some(note.to_string()) }
    }

    #[test]
    fn reads_the_wording_of_official_lists() {
        assert_eq!(
            wording("15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"),
            with_note(Days(q(15)), "kể từ ngày nhận đủ hồ sơ hợp lệ")
        );
        assert_eq!(
            wording("30 ngày (không kể thời gian bổ sung hồ sơ)"),
            with_note(Days(q(30)), "không kể thời gian bổ sung hồ sơ")
        );
        assert_eq!(wording("01 tháng"), Wording::Duration { duration: Months(q(1)), note: None });
        assert_eq!(
            wording("Không quá 05 ngày làm việc"),
            Wording::Duration { duration: WorkingDays(q(5)), note: None }
        );
        assert_eq!(wording("5 ngày làm việc."), Wording::Duration { duration: WorkingDays(q(5)), note: None });
        assert_eq!(wording("Trong ngày làm việc"), Wording::Duration { duration: SameDay, note: None });
        assert_eq!(wording("Ngay trong ngày…"), Wording::Duration { duration: SameDay, note: None });
        assert_eq!(wording("Ngay trong ngày tiếp nhận hồ sơ"), with_note(SameDay, "tiếp nhận hồ sơ"));
        assert_eq!(
            wording("Không quá 7,5 ngày làm việc kể từ ngày nhận đủ hồ sơ"),
            with_note(WorkingDays(Qty(750)), "kể từ ngày nhận đủ hồ sơ")
        );
        assert_eq!(wording("  - 10 ngày làm việc; "), Wording::Duration { duration: WorkingDays(q(10)), note: None });
    }

    #[test]
    fn wording_without_one_duration_is_text() {
        assert_eq!(wording("Ngay sau khi nhận đủ hồ sơ"), Wording::Text);
        assert_eq!(wording("15 ngày hoặc 30 ngày đối với hồ sơ phức tạp"), Wording::Text);
        assert_eq!(wording("Theo thỏa thuận"), Wording::Text);
        assert_eq!(wording(""), Wording::Text);
        assert_eq!(wording("5 tuần"), Wording::Text);
        assert_eq!(wording("15 ngàyx"), Wording::Text);
    }
}
