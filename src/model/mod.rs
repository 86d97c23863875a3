//! The site as data: plain types, parsed once at load time. Templates never re-parse strings.

pub mod date;
pub mod duration;
pub mod facts;
pub mod results;
pub mod source;

use std::path::PathBuf;

pub use date::Date;
pub use duration::{Duration, Qty, Wording};
pub use facts::{FeeFacts, Money, PaperFacts, TimeRow};
pub use source::{Channel, Currency, FeeKind, Level, Officer, Online, Targets, Thresholds, UnitKind};

use crate::diagnostics::Place;

/// A value with the place it was written, for checks that run after loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot<T> {
    pub value: T,
    pub place: Place,
}

/// Everything read from a site root.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub units: Vec<Unit>,
    pub procedures: Vec<Procedure>,
    pub pages: Vec<Page>,
    /// Paths under `content/files/`, with `/` separators, sorted.
    pub files: Vec<String>,
    /// Rows of content/results/*.csv, in file and line order.
    pub results: Vec<crate::load::results::ResultRow>,
    /// The site's own everyday words for search (content/search.yaml), folded.
    pub synonyms: Vec<(String, Vec<String>)>,
}

/// content/site.yaml, parsed.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Without a trailing slash.
    pub base_url: String,
    pub organization: Option<String>,
    pub hotline: Option<String>,
    pub feedback: Option<String>,
    pub as_of: Option<Date>,
    pub fields: Option<Vec<Spot<String>>>,
    pub thresholds: Option<Thresholds>,
    pub targets: Option<Targets>,
    pub lookup_url: Option<String>,
    pub theme: String,
}

/// One unit (cơ quan, đơn vị).
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub place: Place,
    pub name: String,
    pub kind: UnitKind,
    pub parent: Option<Spot<String>>,
    pub address: Option<String>,
    pub hotline: Option<String>,
    pub email: Option<String>,
    pub hours: Option<String>,
    pub feedback: Option<String>,
    pub lookup_url: Option<String>,
    pub reception_officers: Vec<Officer>,
}

/// Which units handle a procedure, as written.
#[derive(Debug, Clone)]
pub enum UnitRef {
    One(Spot<String>),
    Many(Vec<Spot<String>>),
    Kind { kind: UnitKind, parent: Option<Spot<String>>, place: Place },
}

/// One administrative procedure.
#[derive(Debug, Clone)]
pub struct Procedure {
    pub file: PathBuf,
    pub code: Spot<String>,
    pub name: String,
    pub slug: Option<Spot<String>>,
    pub keywords: Vec<String>,
    pub field: Spot<String>,
    /// The first level written (lists and boards group by it); `levels` holds them all.
    pub level: Level,
    /// Every level written, at least one, in the order written (`level: [province, commune]`).
    pub levels: Vec<Level>,
    pub units: UnitRef,
    pub submit_at: Option<String>,
    pub online_url: Option<String>,
    pub applicants: Option<String>,
    pub channels: Vec<Channel>,
    pub online: Online,
    /// The procedure's time; a case with its own time replaces it for that case.
    pub time: ProcessingTime,
    /// The procedure's fees; empty means unknown, unless a case has its own. See [`Procedure::fee_facts`].
    pub fees: Vec<Fee>,
    pub sets: u32,
    /// Papers every applicant brings (all of them when there are no cases).
    pub papers: Vec<Paper>,
    /// `papers: none`: written as needing no paper at all. Without it, no papers means unknown.
    pub no_papers: bool,
    /// Cases, in the order written; names are unique.
    pub cases: Vec<Case>,
    pub steps: Vec<String>,
    pub requirements: Option<String>,
    /// One text or several (`result: [...]`); empty when not given.
    pub result: Vec<String>,
    pub legal_basis: Vec<String>,
    pub hotline: Option<String>,
    pub updated: Date,
    /// Phi địa giới: can be filed at any office of its level.
    pub anywhere: bool,
    /// How the result can be received, in the order written.
    pub result_delivery: Vec<Channel>,
    /// Units that take part, as written: unit ids (see [`Procedure::coordinating_units`]) or names.
    pub coordinating: Vec<Spot<String>>,
    /// The decision that published the procedure.
    pub published: Option<Published>,
}

/// One case of a procedure: what to bring depends on the applicant's situation.
#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub place: Place,
    /// Replaces the procedure's time for this case.
    pub time: Option<ProcessingTime>,
    /// Replaces the procedure's fees for this case (`Some(vec![])` is written but says nothing).
    pub fees: Option<Vec<Fee>>,
    /// This case's papers, shown after the common ones.
    pub papers: Vec<Paper>,
}

/// The decision that published a procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub decision: String,
    pub date: Option<Date>,
    pub by: Option<String>,
}

/// A published time limit: a duration, or words when it is none (`time.text`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Limit {
    Duration(Duration),
    Text(String),
}

impl Limit {
    pub fn duration(&self) -> Option<Duration> {
        match self {
            Limit::Duration(d) => Some(*d),
            Limit::Text(_) => None,
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Duration(d) => d.fmt(f),
            Limit::Text(t) => f.write_str(t),
        }
    }
}

/// Statutory and promised processing time.
#[derive(Debug, Clone)]
pub struct ProcessingTime {
    /// The statutory time, or `time.text` as written.
    pub statutory: Limit,
    /// The unit's promised, shorter time (only with a statutory duration).
    pub cut: Option<Duration>,
    /// A different time when filed online.
    pub online: Option<Duration>,
    pub note: Option<String>,
}

impl ProcessingTime {
    /// The percentage cut, when there is a cut in comparable units.
    pub fn cut_percent(&self) -> Option<f64> {
        let statutory = self.statutory.duration()?;
        self.cut.and_then(|cut| Duration::cut_percent(statutory, cut))
    }

    /// The time a citizen can count on: the cut when there is one, else the statutory time.
    pub fn shown(&self) -> Limit {
        match self.cut {
            Some(cut) => Limit::Duration(cut),
            None => self.statutory.clone(),
        }
    }

    /// The cut, only when it differs from the statutory time.
    pub fn real_cut(&self) -> Option<Duration> {
        self.cut.filter(|c| self.statutory.duration() != Some(*c))
    }
}

/// A fee or charge.
#[derive(Debug, Clone)]
pub struct Fee {
    pub name: String,
    pub kind: Option<FeeKind>,
    /// Whole units of `currency`; `Some(0)` is free; `None` when only the note tells.
    pub amount: Option<u64>,
    pub currency: Currency,
    /// Only for this channel.
    pub channel: Option<Channel>,
    pub note: Option<String>,
}

/// One paper to hand in or show, or a note line among papers.
#[derive(Debug, Clone)]
pub struct Paper {
    pub name: String,
    /// Originals and copies; 0 when not written.
    pub originals: u32,
    pub copies: u32,
    /// Written `originals: 0` and `copies: 0`: a note among the papers, not a paper to bring.
    pub is_note: bool,
    /// Shown at the desk (xuất trình), not handed in.
    pub present: bool,
    /// The paper's own items.
    pub parts: Vec<String>,
    pub note: Option<String>,
    /// A path under content/files/, or an https:// address (see [`Paper::form_url`]).
    pub form: Option<Spot<String>>,
}

impl Paper {
    /// The form when it is a web address (`https://…`) rather than a file under content/files/.
    pub fn form_url(&self) -> Option<&str> {
        self.form.as_ref().map(|f| f.value.as_str()).filter(|v| v.starts_with("https://") || v.starts_with("http://"))
    }

    /// The form's path under content/files/, when it is a file.
    pub fn form_file(&self) -> Option<&Spot<String>> {
        self.form.as_ref().filter(|_| self.form_url().is_none())
    }
}

/// A free Markdown page from content/<slug>.md.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub file: PathBuf,
    pub title: String,
    pub description: Option<String>,
    pub menu: bool,
    pub weight: i32,
    pub markdown: String,
}

impl UnitKind {
    /// Vietnamese name of the kind.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Province => "UBND tỉnh",
            UnitKind::Department => "Sở, ban, ngành",
            UnitKind::Police => "Công an",
            UnitKind::Center => "Trung tâm Phục vụ hành chính công",
            UnitKind::District => "Huyện (trước 1/7/2025)",
            UnitKind::Commune => "Xã, phường",
            UnitKind::Other => "Đơn vị khác",
        }
    }

    /// The units of the kind as a list names them: "xã, phường".
    pub fn plural(self) -> &'static str {
        match self {
            UnitKind::Province => "UBND tỉnh",
            UnitKind::Department => "sở, ban, ngành",
            UnitKind::Police => "cơ quan công an",
            UnitKind::Center => "trung tâm phục vụ hành chính công",
            UnitKind::District => "huyện",
            UnitKind::Commune => "xã, phường",
            UnitKind::Other => "đơn vị khác",
        }
    }

    /// Every unit of the kind, as a sentence says it: "mọi xã, phường".
    pub fn every(self) -> String {
        format!("mọi {}", self.plural())
    }

    /// The kind as written in YAML and in page anchors: `commune`.
    pub fn key(self) -> String {
        format!("{self:?}").to_lowercase()
    }

    pub const ALL: [UnitKind; 7] = [
        UnitKind::Province,
        UnitKind::Center,
        UnitKind::Department,
        UnitKind::Police,
        UnitKind::Commune,
        UnitKind::District,
        UnitKind::Other,
    ];
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Central => "Trung ương",
            Level::Province => "Cấp tỉnh",
            Level::District => "Cấp huyện",
            Level::Commune => "Cấp xã",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::InPerson => "Trực tiếp",
            Channel::Online => "Trực tuyến",
            Channel::Postal => "Bưu chính công ích",
        }
    }
}

impl Online {
    pub fn label(self) -> &'static str {
        match self {
            Online::None => "Không",
            Online::Partial => "Một phần",
            Online::Full => "Toàn trình",
        }
    }
}

impl FeeKind {
    pub fn label(self) -> &'static str {
        match self {
            FeeKind::Phi => "Phí",
            FeeKind::LePhi => "Lệ phí",
            FeeKind::Gia => "Giá",
        }
    }
}
