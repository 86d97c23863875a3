//! The site as data: plain types, parsed once at load time. Templates never re-parse strings.

pub mod date;
pub mod duration;
pub mod results;
pub mod source;

use std::path::PathBuf;

pub use date::Date;
pub use duration::Duration;
pub use source::{Channel, FeeKind, Level, Officer, Online, Targets, Thresholds, UnitKind};

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
    pub level: Level,
    pub units: UnitRef,
    pub submit_at: Option<String>,
    pub online_url: Option<String>,
    pub applicants: Option<String>,
    pub channels: Vec<Channel>,
    pub online: Online,
    pub time: ProcessingTime,
    pub fees: Vec<Fee>,
    pub sets: u32,
    pub papers: Vec<Paper>,
    pub steps: Vec<String>,
    pub requirements: Option<String>,
    pub result: Option<String>,
    pub legal_basis: Vec<String>,
    pub hotline: Option<String>,
    pub updated: Date,
}

/// Statutory and promised processing time.
#[derive(Debug, Clone)]
pub struct ProcessingTime {
    pub statutory: Duration,
    pub cut: Option<Duration>,
    pub note: Option<String>,
}

impl ProcessingTime {
    /// The percentage cut, when there is a cut in comparable units.
    pub fn cut_percent(&self) -> Option<f64> {
        self.cut.and_then(|cut| Duration::cut_percent(self.statutory, cut))
    }
}

/// A fee or charge, in whole đồng.
#[derive(Debug, Clone)]
pub struct Fee {
    pub name: String,
    pub kind: Option<FeeKind>,
    pub amount: Option<u64>,
    pub note: Option<String>,
}

/// One required paper.
#[derive(Debug, Clone)]
pub struct Paper {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    pub note: Option<String>,
    /// A path under content/files/.
    pub form: Option<Spot<String>>,
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
        }
    }
}
