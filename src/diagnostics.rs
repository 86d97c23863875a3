//! One diagnostics type for every problem the tool reports: severity, place, message, hint.

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
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        let _ = writeln!(out, "{label}: {}", self.message);
        let shown = self.place.file.strip_prefix(root).unwrap_or(&self.place.file);
        let shown = shown.display().to_string().replace('\\', "/");
        if self.place.line > 0 {
            let _ = writeln!(out, "  --> {shown}:{}:{}", self.place.line, self.place.column.max(1));
        } else {
            let _ = writeln!(out, "  --> {shown}");
        }
        if let Some(text) = source.filter(|_| self.place.line > 0)
            && let Some(line) = text.lines().nth((self.place.line - 1) as usize)
        {
            let number = self.place.line.to_string();
            let pad = " ".repeat(number.len());
            let line = line.trim_end_matches('\r');
            let caret_at = line
                .chars()
                .take(self.place.column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect::<String>();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {line}");
            let _ = writeln!(out, "{pad} | {caret_at}^");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = gợi ý: {hint}");
        }
        out
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

/// Renders a whole list as the terminal and the preview overlay show it: paths relative to
/// `root`, the offending source line when the file is text, the label coloured when `color`.
pub fn render_list(root: &Path, diagnostics: &[Diagnostic], color: bool) -> String {
    let root_abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut out = String::new();
    for diagnostic in diagnostics {
        let source = std::fs::read(&diagnostic.place.file)
            .ok()
            .filter(|bytes| !bytes.starts_with(b"PK\x03\x04"))
            .map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"));
        let mut text = diagnostic.render(&root_abs, source.as_deref());
        if !root_abs.is_absolute() || diagnostic.place.file.is_relative() {
            text = text.replace(&format!("{}/", root_abs.display()), "");
        }
        text = text.replacen("  --> ./", "  --> ", 1);
        if color {
            let (label, paint) = match diagnostic.severity {
                Severity::Error => ("lỗi", "\x1b[1;31m"),
                Severity::Warning => ("cảnh báo", "\x1b[1;33m"),
            };
            text = text.replacen(label, &format!("{paint}{label}\x1b[0m"), 1);
        }
        out.push_str(&text);
        out.push('\n');
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
