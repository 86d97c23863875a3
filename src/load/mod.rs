//! Reading a site root from disk into the model: YAML, Markdown pages and the files folder.
//! Every problem becomes a diagnostic; loading goes on so one run reports them all.

mod page;
mod procedure;
pub mod results;
mod unit;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Place};
use crate::model::source::SiteSource;
use crate::model::{Date, Site, SiteConfig, Spot};
use crate::yaml::{self, place_of};

/// The site and every problem met while reading it.
pub struct Loaded {
    pub site: Site,
    pub diagnostics: Diagnostics,
}

/// Reads `content/`, `procedures/` and `content/files/` under `root`.
pub fn load(root: &Path) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let content = root.join("content");

    let config = match load_config(&content.join("site.yaml")) {
        Ok(config) => config,
        Err(problems) => {
            diagnostics.extend(problems);
            placeholder_config()
        }
    };

    let units = match unit::load_units(&content.join("units.yaml")) {
        Ok((units, problems)) => {
            diagnostics.extend(problems);
            units
        }
        Err(problem) => {
            diagnostics.push(problem);
            Vec::new()
        }
    };

    let procedure_files = yaml_files_under(&root.join("procedures"), &mut diagnostics);
    let results: Vec<_> = procedure_files.par_iter().map(|file| procedure::load_procedure(file)).collect();
    let mut procedures = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok((procedure, problems)) => {
                diagnostics.extend(problems);
                procedures.push(procedure);
            }
            Err(problems) => diagnostics.extend(problems),
        }
    }

    let (pages, problems) = page::load_pages(&content);
    diagnostics.extend(problems);

    let files = list_files(&content.join("files"));
    let (results, problems) = results::load_results(&content.join("results"));
    diagnostics.extend(problems);
    let site = Site { root: root.to_path_buf(), config, units, procedures, pages, files, results };
    Loaded { site, diagnostics }
}

/// Loads one procedure from its text as `check` would (used by imports before they write).
pub fn check_procedure_text(path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    procedure::load_procedure_text(path, text).map(|_| ())
}

/// Reads a text file as UTF-8 (a BOM is dropped, CRLF becomes LF); anything else is explained.
pub fn read_source(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(Place::file(path), format!("không đọc được tệp: {}", io_reason(&e))))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(path, bytes, e.valid_up_to()))?;
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() })
}

fn not_utf8(path: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
    Diagnostic::error(
        Place::at(path, line, column),
        "tệp không phải UTF-8 (file is not UTF-8): có lẽ đã được lưu bằng bảng mã Windows-1258 hoặc TCVN3",
    )
    .with_hint("mở tệp trong trình soạn thảo, chọn \"Lưu thành…\" (Save As) với bảng mã (Encoding) UTF-8, rồi chạy lại")
}

pub(crate) fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp (not found)".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc (permission denied)".into(),
        _ => error.to_string(),
    }
}

/// Every `*.yaml`/`*.yml` file under a folder, sorted by path so output never depends on the disk.
fn yaml_files_under(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                if let Some("yaml" | "yml") = path.extension().and_then(|e| e.to_str()) {
                    files.push(path)
                }
            }
            Ok(_) => {}
            Err(e) => diagnostics
                .push(Diagnostic::error(Place::file(e.path().unwrap_or(dir)), format!("không đọc được thư mục: {e}"))),
        }
    }
    files
}

fn list_files(dir: &Path) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<String> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?;
            let parts: Vec<&str> = relative.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
            // Hidden files (editor backups, .DS_Store) are never published.
            (!parts.iter().any(|p| p.starts_with('.'))).then(|| parts.join("/"))
        })
        .collect();
    files.sort();
    files
}

fn load_config(path: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let text = read_source(path).map_err(|d| {
        vec![if d.message.contains("not found") {
            Diagnostic::error(Place::file(path), "thiếu tệp cài đặt content/site.yaml")
                .with_hint("tạo tệp với ít nhất hai khóa `title:` và `base_url:`")
        } else {
            d
        }]
    })?;
    let source: SiteSource = yaml::parse(path, &text).map_err(|d| vec![d])?;
    let mut problems = Vec::new();

    let base_url = source.base_url.value.trim().trim_end_matches('/').to_string();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) || base_url.contains(char::is_whitespace)
    {
        problems.push(
            Diagnostic::error(
                place_of(path, &source.base_url),
                format!("`base_url` không phải địa chỉ web: `{base_url}`"),
            )
            .with_hint("viết đầy đủ, ví dụ `base_url: \"https://congkhai.example.gov.vn\"`"),
        );
    }
    let as_of = source.as_of.as_ref().and_then(|d| match Date::parse(&d.value) {
        Ok(date) => Some(date),
        Err(why) => {
            problems.push(Diagnostic::error(place_of(path, d), format!("`as_of`: {why}")));
            None
        }
    });
    let lookup_url = source.lookup_url.as_ref().and_then(|u| check_lookup_url(path, u, &mut problems));
    let theme = match &source.theme {
        Some(theme) if !crate::text::is_slug(&theme.value) => {
            problems.push(
                Diagnostic::error(place_of(path, theme), format!("tên giao diện `{}` không hợp lệ", theme.value))
                    .with_hint("tên thư mục trong themes/, chỉ gồm chữ thường không dấu, số và `-`"),
            );
            "default".to_string()
        }
        Some(theme) => theme.value.clone(),
        None => "default".to_string(),
    };
    let fields = source.fields.map(|fields| {
        fields.into_iter().map(|f| Spot { place: place_of(path, &f), value: f.value.trim().to_string() }).collect()
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SiteConfig {
        title: source.title,
        base_url,
        organization: source.organization,
        hotline: source.hotline,
        feedback: source.feedback,
        as_of,
        fields,
        thresholds: source.thresholds,
        targets: source.targets,
        lookup_url,
        theme,
    })
}

/// A look-up address must be http(s) and carry `{ma}` in its query.
pub(crate) fn check_lookup_url(
    path: &Path,
    url: &yaml::Located<String>,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    let value = url.value.trim();
    let query_has_code = value.split_once('?').is_some_and(|(_, q)| q.contains("{ma}"));
    if !(value.starts_with("https://") || value.starts_with("http://")) || !query_has_code {
        problems.push(
            Diagnostic::error(place_of(path, url), format!("`lookup_url` không hợp lệ: `{value}`"))
                .with_hint("một địa chỉ http(s) có `{ma}` trong phần sau dấu `?`, ví dụ `https://motcua.example.gov.vn/tra-cuu?ma={ma}`"),
        );
        return None;
    }
    Some(value.to_string())
}

fn placeholder_config() -> SiteConfig {
    SiteConfig {
        title: String::new(),
        base_url: String::new(),
        organization: None,
        hotline: None,
        feedback: None,
        as_of: None,
        fields: None,
        thresholds: None,
        targets: None,
        lookup_url: None,
        theme: "default".into(),
    }
}
