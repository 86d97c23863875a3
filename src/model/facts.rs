//! What a procedure says, summed up once for every page: its times across cases, its fees
//! (known, free or unknown), its papers (listed, none or unknown), and what is still unfilled.
//! Renderers call these and never re-derive them; unknown is never shown as a fact.

use std::fmt;

use super::{Case, Channel, Currency, Duration, Fee, Limit, Procedure, ProcessingTime, Unit};
use crate::render::format::number;

/// What the site shows where a fee is unknown.
pub const FEE_UNKNOWN: &str = "Chưa có thông tin về phí, lệ phí";
/// What the site shows where papers are unknown.
pub const PAPERS_UNKNOWN: &str = "Chưa có thông tin về thành phần hồ sơ";
/// What the site shows for `papers: none`.
pub const PAPERS_NONE: &str = "Không yêu cầu giấy tờ";
/// The placeholder `congkhai new procedure` leaves in what staff must fill.
pub const PLACEHOLDER: &str = "SỬA";

/// An amount in its currency: `135.000 đ`, `25 USD`; `0` is `Miễn phí`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub amount: u64,
    pub currency: Currency,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.amount, self.currency) {
            (0, _) => f.write_str("Miễn phí"),
            (a, Currency::Vnd) => write!(f, "{} đ", number(a)),
            (a, Currency::Usd) => write!(f, "{} USD", number(a)),
        }
    }
}

impl Fee {
    /// The amount with its currency, when one is written.
    pub fn money(&self) -> Option<Money> {
        self.amount.map(|amount| Money { amount, currency: self.currency })
    }

    /// A line without an amount whose note says it is free ("Miễn phí", "Không thu phí").
    pub fn note_says_free(&self) -> bool {
        self.note.as_deref().is_some_and(says_free)
    }
}

/// Whether a text says that nothing is charged.
pub fn says_free(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["miễn phí", "miễn lệ phí", "không thu", "không mất phí", "không phải nộp", "free of charge"]
        .iter()
        .any(|w| lower.contains(w))
}

/// What is known about the fees of a procedure, a case, or all its cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeFacts {
    /// Nothing is known: no fee lines, or only lines without an amount whose note does not say
    /// free. Shown as [`FEE_UNKNOWN`] (with the lines' notes, when there are some), never "Miễn phí".
    Unknown,
    /// Every line is free (`amount: 0`, or a note that says so).
    Free,
    /// Some amounts, e.g. `135.000 đ`, `50.000 đ – 135.000 đ`, `25 USD`; `partial` when other
    /// lines give no amount (only a note).
    Amounts { lowest: Vec<Money>, highest: Vec<Money>, partial: bool },
}

impl FeeFacts {
    /// The facts of one list of fee lines.
    pub fn of(fees: &[Fee]) -> FeeFacts {
        FeeFacts::of_lines(fees.iter())
    }

    fn of_lines<'a>(fees: impl Iterator<Item = &'a Fee>) -> FeeFacts {
        let mut any = false;
        let mut unknown_lines = false;
        let mut paid: Vec<Money> = Vec::new();
        for fee in fees {
            any = true;
            match fee.money() {
                Some(m) if m.amount > 0 => paid.push(m),
                Some(_) => {}
                None if fee.note_says_free() => {}
                None => unknown_lines = true,
            }
        }
        if !any || (paid.is_empty() && unknown_lines) {
            return FeeFacts::Unknown;
        }
        if paid.is_empty() {
            return FeeFacts::Free;
        }
        let mut lowest = Vec::new();
        let mut highest = Vec::new();
        for currency in [Currency::Vnd, Currency::Usd] {
            let amounts = paid.iter().filter(|m| m.currency == currency).map(|m| m.amount);
            if let (Some(min), Some(max)) = (amounts.clone().min(), amounts.max()) {
                lowest.push(Money { amount: min, currency });
                highest.push(Money { amount: max, currency });
            }
        }
        FeeFacts::Amounts { lowest, highest, partial: unknown_lines }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, FeeFacts::Unknown)
    }

    /// One short line: `Miễn phí`, `135.000 đ`, `50.000 – 135.000 đ`, `25 USD`,
    /// `135.000 đ (và khoản khác)`, or [`FEE_UNKNOWN`].
    pub fn summary(&self) -> String {
        match self {
            FeeFacts::Unknown => FEE_UNKNOWN.to_string(),
            FeeFacts::Free => "Miễn phí".to_string(),
            FeeFacts::Amounts { lowest, highest, partial } => {
                let parts: Vec<String> = lowest
                    .iter()
                    .zip(highest)
                    .map(|(lo, hi)| {
                        if lo == hi {
                            lo.to_string()
                        } else {
                            let unit = match lo.currency {
                                Currency::Vnd => "đ",
                                Currency::Usd => "USD",
                            };
                            format!("{} – {} {unit}", number(lo.amount), number(hi.amount))
                        }
                    })
                    .collect();
                let mut text = parts.join("; ");
                if *partial {
                    text.push_str(" (và khoản khác)");
                }
                text
            }
        }
    }
}

/// What is known about the papers of a procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperFacts {
    /// No papers and no cases, and no `papers: none`: shown as [`PAPERS_UNKNOWN`].
    Unknown,
    /// `papers: none`: written as needing none.
    None,
    /// Papers are listed (common ones, cases' ones, or both).
    Listed,
}

/// One line of a procedure's times: for every applicant (`case: None`) or for one case.
#[derive(Debug, Clone)]
pub struct TimeRow<'a> {
    /// The case's index and name, when the time is that case's.
    pub case: Option<(usize, &'a str)>,
    pub time: &'a ProcessingTime,
}

/// A coordinating unit as written: a unit of the site, or only a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party<'a> {
    /// Index into `Site::units`.
    Unit(usize),
    Name(&'a str),
}

impl Case {
    /// The anchor of a case's section on the procedure page: `truong-hop-1`, `truong-hop-2`, …
    pub fn anchor(index: usize) -> String {
        format!("truong-hop-{}", index + 1)
    }
}

impl Procedure {
    /// The time that applies to case `case` (its own, or the procedure's), or the procedure's.
    pub fn time_of(&self, case: Option<usize>) -> &ProcessingTime {
        case.and_then(|c| self.cases.get(c)).and_then(|c| c.time.as_ref()).unwrap_or(&self.time)
    }

    /// The fee lines that apply to case `case` (its own, or the procedure's), or the procedure's.
    pub fn fees_of(&self, case: Option<usize>) -> &[Fee] {
        case.and_then(|c| self.cases.get(c)).and_then(|c| c.fees.as_deref()).unwrap_or(&self.fees)
    }

    /// Whether some case has its own time.
    pub fn times_vary(&self) -> bool {
        self.cases.iter().any(|c| c.time.is_some())
    }

    /// Whether some case has its own fees.
    pub fn fees_vary(&self) -> bool {
        self.cases.iter().any(|c| c.fees.is_some())
    }

    /// The times to show: one row for everyone, or one per case when some case has its own.
    pub fn time_rows(&self) -> Vec<TimeRow<'_>> {
        if !self.times_vary() {
            return vec![TimeRow { case: None, time: &self.time }];
        }
        self.cases
            .iter()
            .enumerate()
            .map(|(i, c)| TimeRow { case: Some((i, c.name.as_str())), time: self.time_of(Some(i)) })
            .collect()
    }

    /// Every time a citizen may meet (cut where promised, else statutory), distinct, shortest first.
    fn shown_limits(&self) -> Vec<Limit> {
        let mut limits: Vec<Limit> = Vec::new();
        for row in self.time_rows() {
            let shown = row.time.shown();
            if !limits.contains(&shown) {
                limits.push(shown);
            }
        }
        limits.sort_by(|a, b| limit_order(a).total_cmp(&limit_order(b)));
        limits
    }

    /// One short line for lists, boards and search: `5 ngày làm việc`, `10–15 ngày`,
    /// `10 ngày – 1 tháng`, `Tùy trường hợp`, the text as written, plus `(trực tuyến: 10 ngày)`
    /// when filing online is faster or slower for everyone.
    pub fn time_summary(&self) -> String {
        let limits = self.shown_limits();
        let mut text = match limits.as_slice() {
            [] => String::new(),
            [one] => one.to_string(),
            many => {
                let durations: Vec<Duration> = many.iter().filter_map(Limit::duration).collect();
                if durations.len() < many.len() {
                    "Tùy trường hợp".to_string()
                } else {
                    range(durations[0], durations[durations.len() - 1])
                }
            }
        };
        let rows = self.time_rows();
        let onlines: Vec<Option<Duration>> = rows.iter().map(|r| r.time.online).collect();
        if let Some(Some(online)) = onlines.first()
            && onlines.iter().all(|o| *o == Some(*online))
            && limits.len() == 1
        {
            text.push_str(&format!(" (trực tuyến: {})", lower_first(&online.to_string())));
        }
        text
    }

    /// A number to sort by time: hours of the shortest shown time; `None` (sorted last) for words.
    pub fn time_sort_hours(&self) -> Option<f64> {
        self.shown_limits().first().and_then(Limit::duration).map(Duration::rough_hours)
    }

    /// The fee facts of everyone, or of all cases together when some case has its own fees.
    pub fn fee_facts(&self) -> FeeFacts {
        if !self.fees_vary() {
            return FeeFacts::of(&self.fees);
        }
        let per_case: Vec<FeeFacts> = (0..self.cases.len()).map(|c| FeeFacts::of(self.fees_of(Some(c)))).collect();
        if per_case.iter().all(FeeFacts::is_unknown) {
            return FeeFacts::Unknown;
        }
        if per_case.iter().all(|f| *f == FeeFacts::Free) {
            return FeeFacts::Free;
        }
        let lines = (0..self.cases.len()).flat_map(|c| self.fees_of(Some(c)).iter());
        match FeeFacts::of_lines(lines) {
            FeeFacts::Amounts { lowest, highest, partial } => {
                FeeFacts::Amounts { lowest, highest, partial: partial || per_case.iter().any(FeeFacts::is_unknown) }
            }
            other => other,
        }
    }

    /// One short line: see [`FeeFacts::summary`].
    pub fn fee_summary(&self) -> String {
        self.fee_facts().summary()
    }

    /// The fee lines that apply to one channel: lines for that channel, and lines for any.
    pub fn fees_for_channel(&self, case: Option<usize>, channel: Channel) -> Vec<&Fee> {
        self.fees_of(case).iter().filter(|f| f.channel.is_none_or(|c| c == channel)).collect()
    }

    /// Whether the papers are listed, written as none, or unknown.
    pub fn paper_facts(&self) -> PaperFacts {
        let listed = self.papers.iter().any(|p| !p.is_note) || self.cases.iter().any(|c| !c.papers.is_empty());
        if listed {
            PaperFacts::Listed
        } else if self.no_papers {
            PaperFacts::None
        } else {
            PaperFacts::Unknown
        }
    }

    /// Coordinating units as written, resolved against the site's units by id.
    pub fn coordinating_units<'a>(&'a self, units: &[Unit]) -> Vec<Party<'a>> {
        self.coordinating
            .iter()
            .map(|c| match units.iter().position(|u| u.id == c.value) {
                Some(u) => Party::Unit(u),
                None => Party::Name(c.value.as_str()),
            })
            .collect()
    }

    /// Facts still unfilled, in Vietnamese, for `check` to name: fees and papers unknown, and
    /// the `SỬA` placeholders `congkhai new procedure` leaves.
    pub fn unfilled(&self) -> Vec<String> {
        let mut missing = Vec::new();
        if self.fee_facts().is_unknown() {
            missing.push("phí, lệ phí (chưa có `fees`, hoặc chưa có `amount`)".to_string());
        }
        if self.paper_facts() == PaperFacts::Unknown {
            missing.push("thành phần hồ sơ (chưa có `papers`)".to_string());
        }
        let mut placeholders: Vec<&str> = Vec::new();
        let mut look = |key: &'static str, text: &str| {
            if text.contains(PLACEHOLDER) && !placeholders.contains(&key) {
                placeholders.push(key);
            }
        };
        look("name", &self.name);
        look("field", &self.field.value);
        self.applicants.iter().for_each(|t| look("applicants", t));
        self.submit_at.iter().for_each(|t| look("submit_at", t));
        self.requirements.iter().for_each(|t| look("requirements", t));
        self.time.note.iter().for_each(|t| look("time.note", t));
        if let Limit::Text(t) = &self.time.statutory {
            look("time.text", t);
        }
        self.steps.iter().for_each(|t| look("steps", t));
        self.result.iter().for_each(|t| look("result", t));
        self.legal_basis.iter().for_each(|t| look("legal_basis", t));
        for fee in self.fees.iter().chain(self.cases.iter().flat_map(|c| c.fees.iter().flatten())) {
            look("fees", &fee.name);
            fee.note.iter().for_each(|t| look("fees", t));
        }
        for paper in self.papers.iter().chain(self.cases.iter().flat_map(|c| c.papers.iter())) {
            look("papers", &paper.name);
            paper.note.iter().for_each(|t| look("papers", t));
        }
        if !placeholders.is_empty() {
            missing.push(format!(
                "chỗ còn ghi `{PLACEHOLDER}` ({})",
                placeholders.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ));
        }
        missing
    }
}

fn limit_order(limit: &Limit) -> f64 {
    limit.duration().map_or(f64::MAX, Duration::rough_hours)
}

/// `10–15 ngày` when both ends share a unit, else `10 ngày – 1 tháng`.
fn range(low: Duration, high: Duration) -> String {
    if low == high {
        return low.to_string();
    }
    match (low.parts(), high.parts()) {
        ((Some(a), unit_a), (Some(b), unit_b)) if unit_a == unit_b => format!("{a}–{b} {unit_a}"),
        _ => format!("{low} – {}", lower_first(&high.to_string())),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Place;
    use crate::model::duration::Qty;
    use crate::model::{Date, Level, Online, Paper, Spot, UnitRef};

    fn fee(amount: Option<u64>, currency: Currency, note: Option<&str>) -> Fee {
        Fee { name: "Lệ phí".into(), kind: None, amount, currency, channel: None, note: note.map(String::from) }
    }

    fn time(statutory: Duration) -> ProcessingTime {
        ProcessingTime { statutory: Limit::Duration(statutory), cut: None, online: None, note: None }
    }

    fn paper(name: &str) -> Paper {
        Paper {
            name: name.into(),
            originals: 1,
            copies: 0,
            is_note: false,
            present: false,
            parts: vec![],
            note: None,
            form: None,
        }
    }

    fn procedure() -> Procedure {
        let place = Place::at("p.yaml", 1, 1);
        Procedure {
            file: "p.yaml".into(),
            code: Spot { value: "1.000001".into(), place: place.clone() },
            name: "Thủ tục".into(),
            slug: None,
            keywords: vec![],
            field: Spot { value: "Hộ tịch".into(), place: place.clone() },
            level: Level::Province,
            levels: vec![Level::Province],
            units: UnitRef::One(Spot { value: "so".into(), place }),
            submit_at: None,
            online_url: None,
            applicants: None,
            channels: vec![],
            online: Online::None,
            time: time(Duration::Days(Qty::whole(15))),
            fees: vec![],
            sets: 1,
            papers: vec![],
            no_papers: false,
            cases: vec![],
            steps: vec![],
            requirements: None,
            result: vec![],
            legal_basis: vec![],
            hotline: None,
            updated: Date { year: 2026, month: 1, day: 15 },
            anywhere: false,
            result_delivery: vec![],
            coordinating: vec![],
            published: None,
        }
    }

    fn case(name: &str, t: Option<Duration>, fees: Option<Vec<Fee>>) -> Case {
        Case { name: name.into(), place: Place::at("p.yaml", 1, 1), time: t.map(time), fees, papers: vec![paper("x")] }
    }

    #[test]
    fn unknown_fees_are_never_free() {
        let vnd = Currency::Vnd;
        assert_eq!(FeeFacts::of(&[]), FeeFacts::Unknown);
        assert_eq!(FeeFacts::of(&[fee(None, vnd, Some("Theo quy định của Bộ Tài chính"))]), FeeFacts::Unknown);
        assert_eq!(FeeFacts::of(&[fee(None, vnd, Some("Miễn phí"))]), FeeFacts::Free);
        assert_eq!(FeeFacts::of(&[fee(Some(0), vnd, None)]), FeeFacts::Free);
        assert_eq!(FeeFacts::of(&[]).summary(), FEE_UNKNOWN);
        assert_eq!(FeeFacts::of(&[fee(Some(135_000), vnd, None)]).summary(), "135.000 đ");
        assert_eq!(
            FeeFacts::of(&[fee(Some(50_000), vnd, None), fee(Some(135_000), vnd, None)]).summary(),
            "50.000 – 135.000 đ"
        );
        assert_eq!(
            FeeFacts::of(&[fee(Some(135_000), vnd, None), fee(None, vnd, Some("tùy hồ sơ"))]).summary(),
            "135.000 đ (và khoản khác)"
        );
    }

    #[test]
    fn usd_is_shown_as_usd() {
        let facts = FeeFacts::of(&[fee(Some(25), Currency::Usd, None)]);
        assert_eq!(facts.summary(), "25 USD");
        let mixed = FeeFacts::of(&[fee(Some(25), Currency::Usd, None), fee(Some(100_000), Currency::Vnd, None)]);
        assert_eq!(mixed.summary(), "100.000 đ; 25 USD");
        assert_eq!(Money { amount: 1200, currency: Currency::Usd }.to_string(), "1.200 USD");
    }

    #[test]
    fn times_across_cases_make_a_range() {
        let mut p = procedure();
        assert_eq!(p.time_summary(), "15 ngày");
        p.cases =
            vec![case("Nhà ở riêng lẻ", Some(Duration::Days(Qty::whole(10))), None), case("Công trình", None, None)];
        assert_eq!(p.time_rows().len(), 2);
        assert_eq!(p.time_summary(), "10–15 ngày");
        assert_eq!(p.time_of(Some(0)).statutory, Limit::Duration(Duration::Days(Qty::whole(10))));
        assert_eq!(p.time_of(Some(1)).statutory, Limit::Duration(Duration::Days(Qty::whole(15))));
        p.cases[0].time = Some(time(Duration::Months(Qty::whole(1))));
        assert_eq!(p.time_summary(), "15 ngày – 1 tháng");
        p.cases[0].time = Some(ProcessingTime {
            statutory: Limit::Text("Ngay sau khi nhận đủ hồ sơ".into()),
            cut: None,
            online: None,
            note: None,
        });
        assert_eq!(p.time_summary(), "Tùy trường hợp");
    }

    #[test]
    fn online_time_is_named() {
        let mut p = procedure();
        p.time.online = Some(Duration::Days(Qty::whole(10)));
        assert_eq!(p.time_summary(), "15 ngày (trực tuyến: 10 ngày)");
        p.time.statutory = Limit::Text("Theo thỏa thuận".into());
        assert_eq!(p.time_sort_hours(), None);
    }

    #[test]
    fn fees_across_cases() {
        let vnd = Currency::Vnd;
        let mut p = procedure();
        assert!(p.fee_facts().is_unknown());
        p.fees = vec![fee(Some(0), vnd, None)];
        assert_eq!(p.fee_summary(), "Miễn phí");
        p.cases = vec![case("A", None, Some(vec![fee(Some(50_000), vnd, None)])), case("B", None, None)];
        assert_eq!(p.fee_summary(), "50.000 đ");
        assert_eq!(p.fees_of(Some(1)).len(), 1);
        p.cases[1].fees = Some(vec![]);
        assert_eq!(p.fee_summary(), "50.000 đ (và khoản khác)");
    }

    #[test]
    fn papers_unknown_none_or_listed() {
        let mut p = procedure();
        assert_eq!(p.paper_facts(), PaperFacts::Unknown);
        p.no_papers = true;
        assert_eq!(p.paper_facts(), PaperFacts::None);
        p.no_papers = false;
        p.cases = vec![case("A", None, None)];
        assert_eq!(p.paper_facts(), PaperFacts::Listed);
        assert_eq!(Case::anchor(1), "truong-hop-2");
    }

    #[test]
    fn unfilled_facts_are_named() {
        let mut p = procedure();
        p.name = "SỬA: tên thủ tục".into();
        let missing = p.unfilled();
        assert_eq!(missing.len(), 3, "{missing:?}");
        assert!(missing[2].contains("`name`"), "{missing:?}");
        p.name = "Thủ tục".into();
        p.fees = vec![fee(Some(0), Currency::Vnd, None)];
        p.papers = vec![paper("Đơn")];
        assert!(p.unfilled().is_empty());
    }
}
