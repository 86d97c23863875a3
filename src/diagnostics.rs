//! One diagnostics type for every problem the tool reports: severity, place, message, hint.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings are reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file; lines and columns count from 1, 0 means "unknown".
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub file: PathBuf,
    pub line: u64,
    pub column: u64,
}

impl Place {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Place { file: file.into(), line: 0, column: 0 }
    }

    pub fn at(file: impl Into<PathBuf>, line: u64, column: u64) -> Self {
        Place { file: file.into(), line, column }
    }
}

/// One problem found in the site's sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub place: Place,
    /// Plain Vietnamese, with English key names in backticks.
    pub message: String,
    /// What to change, when we can say.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(place: Place, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, place, message: message.into(), hint: None }
    }

    pub fn warning(place: Place, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, place, message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders like rustc: a header, `--> file:line:column`, the source line with a caret, a hint.
    /// `root` makes paths relative; `source` is the file's text when we have it.
    pub fn render(&self, root: &Path, source: Option<&str>) -> String {
        let line =
            source.filter(|_| self.place.line > 0).and_then(|text| text.lines().nth((self.place.line - 1) as usize));
        self.render_line(root, line)
    }

    /// Like [`Diagnostic::render`], given only the offending line. Long messages, hints and
    /// lines are cut so that one huge cell never gives a huge report.
    pub fn render_line(&self, root: &Path, line: Option<&str>) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        let _ = writeln!(out, "{label}: {}", clip(&self.message, MAX_MESSAGE));
        let _ = writeln!(out, "  --> {}", self.location(root));
        if let Some(line) = line.filter(|_| self.place.line > 0) {
            let number = self.place.line.to_string();
            let pad = " ".repeat(number.len());
            let line = line.trim_end_matches('\r');
            let column = self.place.column.saturating_sub(1) as usize;
            // A window of the line around the caret, never the whole of a huge line.
            let skip = column.saturating_sub(MAX_LINE / 2);
            let shown: String = line.chars().skip(skip).take(MAX_LINE).collect();
            let cut_after = line.chars().count() > skip + MAX_LINE;
            let shown = format!("{}{shown}{}", if skip > 0 { "…" } else { "" }, if cut_after { "…" } else { "" });
            let caret_at = line
                .chars()
                .skip(skip)
                .take(column - skip)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect::<String>();
            let caret_at = if skip > 0 { format!(" {caret_at}") } else { caret_at };
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(out, "{pad} | {caret_at}^");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = gợi ý: {}", clip(hint, MAX_MESSAGE));
        }
        out
    }

    /// `file:line:column` (or just the file), relative to `root`, with `/` separators.
    pub fn location(&self, root: &Path) -> String {
        let shown = self.place.file.strip_prefix(root).unwrap_or(&self.place.file);
        let shown = shown.display().to_string().replace('\\', "/");
        let shown = shown.strip_prefix("./").unwrap_or(&shown).to_string();
        if self.place.line > 0 { format!("{shown}:{}:{}", self.place.line, self.place.column.max(1)) } else { shown }
    }
}

/// Longest message or hint shown, in characters; longer ones end in `…`.
const MAX_MESSAGE: usize = 400;
/// Longest piece of a source line shown under a message.
const MAX_LINE: usize = 160;

/// `text` cut to `max` characters, with `…` when something was cut.
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Every problem found in one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, line and column so output never depends on thread timing.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| (&a.place, a.severity, &a.message).cmp(&(&b.place, b.severity, &b.message)));
        self.items.dedup();
        self.items
    }

    /// "2 lỗi, 1 cảnh báo".
    pub fn summary(&self) -> String {
        let errors = self.error_count();
        let warnings = self.warning_count();
        match (errors, warnings) {
            (0, 0) => "không có lỗi".to_string(),
            (e, 0) => format!("{e} lỗi"),
            (0, w) => format!("{w} cảnh báo"),
            (e, w) => format!("{e} lỗi, {w} cảnh báo"),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The source files that diagnostics point into, each read once however many messages
/// point into it (40,000 messages into one file read it once, not 40,000 times).
#[derive(Default)]
struct Sources {
    files: HashMap<PathBuf, Option<(String, Vec<usize>)>>,
}

impl Sources {
    /// The text of `line` (from 1) of `file`, when the file is text.
    fn line(&mut self, file: &Path, line: u64) -> Option<&str> {
        if line == 0 {
            return None;
        }
        let entry = self.files.entry(file.to_path_buf()).or_insert_with(|| {
            let bytes = std::fs::read(file).ok()?;
            let text = decode_for_display(&bytes)?;
            let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
            Some((text, starts))
        });
        let (text, starts) = entry.as_ref()?;
        let start = *starts.get((line - 1) as usize)?;
        let end = starts.get(line as usize).map_or(text.len(), |e| e - 1);
        Some(text[start..end].trim_end_matches('\r'))
    }
}

/// A file's text as a clerk's editor shows it: UTF-8 or UTF-16 with a BOM; not spreadsheets.
fn decode_for_display(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return None;
    }
    if let Some(text) = crate::load::decode_utf16(bytes) {
        return Some(text);
    }
    Some(String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).into_owned())
}

fn render_one(diagnostic: &Diagnostic, root_abs: &Path, sources: &mut Sources, color: bool) -> String {
    let line = sources.line(&diagnostic.place.file, diagnostic.place.line);
    let mut text = diagnostic.render_line(root_abs, line);
    if !root_abs.is_absolute() || diagnostic.place.file.is_relative() {
        text = text.replace(&format!("{}/", root_abs.display()), "");
    }
    if color {
        let (label, paint) = match diagnostic.severity {
            Severity::Error => ("lỗi", "\x1b[1;31m"),
            Severity::Warning => ("cảnh báo", "\x1b[1;33m"),
        };
        text = text.replacen(label, &format!("{paint}{label}\x1b[0m"), 1);
    }
    text.push('\n');
    text
}

/// Renders a whole list as the terminal and the preview overlay show it: paths relative to
/// `root`, the offending source line when the file is text, the label coloured when `color`.
pub fn render_list(root: &Path, diagnostics: &[Diagnostic], color: bool) -> String {
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut sources = Sources::default();
    diagnostics.iter().map(|d| render_one(d, &root_abs, &mut sources, color)).collect()
}

/// How much of the warnings a report shows (`--warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WarningMode {
    /// No warning, only their count in the summary.
    None,
    /// Counts per file and kind only.
    Summary,
    /// Each kind of warning once per file, the similar ones counted on one line.
    #[default]
    Grouped,
    /// Every warning in full.
    All,
}

/// Similar messages (same file, same kind) beyond this many are counted, not repeated.
const SHOWN_PER_GROUP: usize = 3;
/// At most this many errors are shown in full in one report (all of them with `All`).
const MAX_ERRORS_SHOWN: usize = 100;
/// At most this many files in the per-file counts.
const MAX_FILES_LISTED: usize = 20;

/// What two messages have in common when only their values differ: quoted values and
/// numbers are masked, so "kỳ 2022 của `a` không khớp" and "kỳ 2023 của `b` …" are one kind.
pub fn kind_of(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut last_digit = false;
    for c in message.chars() {
        if c == '`' {
            quoted = !quoted;
            if quoted {
                out.push_str("`…`");
            }
            continue;
        }
        if quoted {
            continue;
        }
        if c.is_ascii_digit() || (last_digit && (c == '.' || c == ',')) {
            if !last_digit {
                out.push('N');
            }
            last_digit = true;
            continue;
        }
        last_digit = false;
        out.push(c);
    }
    out
}

/// The report a clerk reads after `check` or `build`: warnings first (similar ones grouped),
/// then the errors, then counts per file and kind, so the errors and the summary are the
/// last lines on the screen. Its length is bounded whatever the input (except `All`).
pub fn report(root: &Path, diagnostics: &[Diagnostic], mode: WarningMode, color: bool) -> String {
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut sources = Sources::default();
    let mut out = String::new();
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diagnostics.iter().partition(|d| d.is_error());
    let grouped = mode != WarningMode::All;
    if matches!(mode, WarningMode::Grouped | WarningMode::All) {
        render_grouped(&warnings, grouped, usize::MAX, &root_abs, &mut sources, color, &mut out);
    }
    let limit = if grouped { MAX_ERRORS_SHOWN } else { usize::MAX };
    render_grouped(&errors, grouped, limit, &root_abs, &mut sources, color, &mut out);
    // Counts per file once there are more than a screen's worth of messages.
    let many = diagnostics.len() > 8 || warnings.len() > 3;
    if (many && mode != WarningMode::None) || (mode == WarningMode::Summary && !diagnostics.is_empty()) {
        out.push_str(&counts_per_file(&root_abs, diagnostics, mode == WarningMode::Summary));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn render_grouped(
    items: &[&Diagnostic],
    grouped: bool,
    limit: usize,
    root_abs: &Path,
    sources: &mut Sources,
    color: bool,
    out: &mut String,
) {
    // Groups in order of first appearance: (file, kind) → members.
    let mut order: Vec<(&Path, String)> = Vec::new();
    let mut members: HashMap<(&Path, String), Vec<&Diagnostic>> = HashMap::new();
    for d in items {
        let key = (d.place.file.as_path(), if grouped { kind_of(&d.message) } else { String::new() });
        let list = members.entry(key.clone()).or_default();
        if list.is_empty() {
            order.push(key);
        }
        list.push(d);
    }
    let mut shown = 0;
    let mut hidden = 0;
    for key in order {
        let list = &members[&key];
        if !grouped {
            for d in list {
                out.push_str(&render_one(d, root_abs, sources, color));
            }
            continue;
        }
        let full = if list.len() > SHOWN_PER_GROUP + 1 { SHOWN_PER_GROUP } else { list.len() };
        for d in &list[..full] {
            if shown >= limit {
                hidden += 1;
                continue;
            }
            shown += 1;
            out.push_str(&render_one(d, root_abs, sources, color));
        }
        let rest = &list[full..];
        if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
            let label = if first.is_error() { "lỗi" } else { "cảnh báo" };
            let file = Diagnostic::warning(Place::file(&first.place.file), "").location(root_abs);
            let lines = if first.place.line == last.place.line {
                format!(", dòng {}", first.place.line)
            } else if first.place.line > 0 {
                format!(", dòng {}–{}", first.place.line, last.place.line)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "… và {} {label} tương tự trong {file}{lines}: {}\n  = xem tất cả: --warnings=all\n",
                rest.len(),
                clip(&kind_of(&first.message), 160)
            );
        }
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "… và {hidden} lỗi khác không hiện ở đây; sửa các lỗi trên rồi chạy lại, hoặc xem tất cả: --warnings=all\n"
        );
    }
}

/// "Theo tệp:" then one line per file with its counts and, with `kinds`, its kinds.
fn counts_per_file(root_abs: &Path, diagnostics: &[Diagnostic], kinds: bool) -> String {
    let mut files: Vec<(&Path, usize, usize, Vec<(String, usize)>)> = Vec::new();
    let mut index: HashMap<&Path, usize> = HashMap::new();
    for d in diagnostics {
        let i = *index.entry(&d.place.file).or_insert_with(|| {
            files.push((&d.place.file, 0, 0, Vec::new()));
            files.len() - 1
        });
        let entry = &mut files[i];
        if d.is_error() {
            entry.1 += 1
        } else {
            entry.2 += 1
        }
        let kind = format!("{}: {}", if d.is_error() { "lỗi" } else { "cảnh báo" }, clip(&kind_of(&d.message), 70));
        match entry.3.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => entry.3.push((kind, 1)),
        }
    }
    let mut out = String::from("Theo tệp:\n");
    for (file, errors, warnings, list) in files.iter().take(MAX_FILES_LISTED) {
        let name = Diagnostic::warning(Place::file(*file), "").location(root_abs);
        let counts = match (errors, warnings) {
            (0, w) => format!("{w} cảnh báo"),
            (e, 0) => format!("{e} lỗi"),
            (e, w) => format!("{e} lỗi, {w} cảnh báo"),
        };
        let _ = writeln!(out, "  {name}: {counts}");
        if kinds {
            for (kind, n) in list.iter().take(5) {
                let _ = writeln!(out, "      {n} × {kind}");
            }
            if list.len() > 5 {
                let _ = writeln!(out, "      … và {} loại khác", list.len() - 5);
            }
        }
    }
    if files.len() > MAX_FILES_LISTED {
        let _ = writeln!(out, "  … và {} tệp khác", files.len() - MAX_FILES_LISTED);
    }
    out
}

/// The closest candidate to a misspelt word, if one is close enough to be a useful hint.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(did_you_mean("fess", ["fees", "field", "form"]), Some("fees"));
        assert_eq!(did_you_mean("so-xay-dug", ["so-xay-dung", "so-tu-phap"]), Some("so-xay-dung"));
        assert_eq!(did_you_mean("zzz", ["fees", "field"]), None);
    }

    #[test]
    fn renders_a_caret_under_the_column() {
        let d = Diagnostic::error(Place::at("/r/procedures/a.yaml", 2, 7), "Khóa sai")
            .with_hint("có phải ý bạn là `fees`?");
        let text = d.render(Path::new("/r"), Some("code: \"1\"\nfess: []\n"));
        assert!(text.contains("--> procedures/a.yaml:2:7"), "{text}");
        assert!(text.contains("2 | fess: []"), "{text}");
        assert!(text.contains("  |       ^"), "{text}");
        assert!(text.contains("gợi ý: có phải ý bạn là `fees`?"), "{text}");
    }
}
