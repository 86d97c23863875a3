//! Reading a site root from disk into the model: YAML, Markdown pages and the files folder.
//! Every problem becomes a diagnostic; loading goes on so one run reports them all.

mod page;
mod procedure;
pub mod results;
mod unit;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Place};
use crate::model::source::SiteSource;
use crate::model::{Date, Procedure, Site, SiteConfig, Spot};
use crate::yaml::{self, place_of};

/// The site and every problem met while reading it.
pub struct Loaded {
    pub site: Site,
    pub diagnostics: Diagnostics,
    /// False when content/site.yaml or content/units.yaml could not be read: checking other
    /// files against what could not be read would only repeat one slip thousands of times.
    pub cross_check: bool,
}

/// What a file's parse is kept against: its modification time and size.
pub(crate) type Stamp = (SystemTime, u64);

/// One procedure file, loaded: the procedure and its warnings, or the problems that stopped it.
type ProcedureLoad = Result<(Procedure, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parsed procedure and results files kept from one load to the next (the preview reloads
/// after every save): a file whose path, modification time and size are the same as last time
/// is not read again. What comes out is the same as a load without it, diagnostics included.
#[derive(Default)]
pub struct Cache {
    procedures: HashMap<PathBuf, (Stamp, ProcedureLoad)>,
    results: HashMap<PathBuf, (Stamp, results::FileLoad)>,
}

/// The stamp of `path`, or `None` when it cannot be read (then the file is never kept).
fn stamp_of(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// `file` with its stamp: `previous` when the file is unchanged since it was kept, else
/// parsed again. The stamp is taken before the file is read, so a save during the read makes
/// the next load read it again.
pub(crate) fn reuse_or_parse<T>(
    file: &Path,
    previous: Option<(Stamp, T)>,
    parse: impl Fn(&Path) -> T,
) -> (Option<Stamp>, T) {
    let stamp = stamp_of(file);
    match previous {
        Some((was, value)) if stamp == Some(was) => (stamp, value),
        _ => (stamp, parse(file)),
    }
}

/// Loads each file with `parse`, reusing what `kept` holds for a file unchanged since; `kept`
/// ends up holding exactly `files`.
fn load_kept<T: Clone + Send>(
    files: &[PathBuf],
    kept: Option<&mut HashMap<PathBuf, (Stamp, T)>>,
    parse: impl Fn(&Path) -> T + Sync,
) -> Vec<T> {
    let Some(kept) = kept else { return files.par_iter().map(|file| parse(file)).collect() };
    let mut previous = std::mem::take(kept);
    let candidates: Vec<(&PathBuf, Option<(Stamp, T)>)> = files.iter().map(|f| (f, previous.remove(f))).collect();
    let loaded: Vec<(Option<Stamp>, T)> =
        candidates.into_par_iter().map(|(file, candidate)| reuse_or_parse(file, candidate, &parse)).collect();
    loaded
        .into_iter()
        .zip(files)
        .map(|((stamp, value), file)| {
            if let Some(stamp) = stamp {
                kept.insert(file.clone(), (stamp, value.clone()));
            }
            value
        })
        .collect()
}

/// Reads `content/`, `procedures/` and `content/files/` under `root`; with a `cache`, only
/// the procedure and results files changed since the previous load are parsed.
pub fn load(root: &Path, mut cache: Option<&mut Cache>) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let content = root.join("content");
    let fence = Fence::new(root);
    // A source folder or file that is a link out of the site root is refused, never read.
    let mut inside = |path: &Path| match fence.check(path) {
        Ok(()) => true,
        Err(problem) => {
            diagnostics.push(problem);
            false
        }
    };
    let content_ok = inside(&content);
    let site_yaml_ok = content_ok && inside(&content.join("site.yaml"));
    let units_yaml_ok = content_ok && inside(&content.join("units.yaml"));
    let procedures_ok = inside(&root.join("procedures"));
    let results_ok = content_ok && inside(&content.join("results"));
    let files_ok = content_ok && inside(&content.join("files"));
    let mut cross_check = true;
    let not_a_site = !content.join("site.yaml").exists() && !root.join("procedures").is_dir();
    if not_a_site {
        diagnostics.push(not_a_site_folder(root));
    }
    if not_a_site || !(content_ok && site_yaml_ok && units_yaml_ok && procedures_ok && results_ok && files_ok) {
        let site = Site {
            root: root.to_path_buf(),
            config: placeholder_config(),
            units: Vec::new(),
            procedures: Vec::new(),
            pages: Vec::new(),
            files: Vec::new(),
            results: Vec::new(),
            synonyms: Vec::new(),
        };
        return Loaded { site, diagnostics, cross_check: false };
    }

    let config = match load_config(&content.join("site.yaml")) {
        Ok(config) => config,
        Err(problems) => {
            cross_check = false;
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
            // Reported once: procedures and results are not checked against a list that
            // could not be read.
            let hint = problem.hint.clone().map_or(String::new(), |h| format!("{h}; "));
            diagnostics.push(problem.with_hint(format!(
                "{hint}thủ tục và số liệu sẽ được đối chiếu với danh sách đơn vị sau khi tệp này đọc được"
            )));
            cross_check = false;
            Vec::new()
        }
    };
    ignored_files(root, &mut diagnostics);

    let procedure_files = yaml_files_under(&fence, &root.join("procedures"), &mut diagnostics);
    let results =
        load_kept(&procedure_files, cache.as_deref_mut().map(|c| &mut c.procedures), procedure::load_procedure);
    let mut procedures = Vec::with_capacity(results.len());
    for (result, file) in results.into_iter().zip(&procedure_files) {
        match result {
            Ok((procedure, problems)) => {
                diagnostics.extend(problems);
                procedures.push(procedure);
            }
            Err(problems) => {
                // The file's other mistakes are known; its units are checked here, since it
                // will not reach the site-wide checks.
                let readable = problems.iter().all(|p| p.place.file == *file && p.place.line > 0);
                diagnostics.extend(problems);
                if readable && cross_check {
                    diagnostics.extend(unknown_units_of(file, &units));
                }
            }
        }
    }

    let (pages, problems) = page::load_pages(&fence, &content);
    diagnostics.extend(problems);

    let files = list_files(&fence, &content.join("files"), &mut diagnostics);
    let results_dir = content.join("results");
    let mut outside = Vec::new();
    for entry in std::fs::read_dir(&results_dir).into_iter().flatten().filter_map(Result::ok) {
        if let Err(problem) = fence.check(&entry.path()) {
            outside.push(problem);
        }
    }
    let (results, problems) = if outside.is_empty() {
        results::load_results(&results_dir, cache.map(|c| &mut c.results))
    } else {
        (Vec::new(), outside)
    };
    diagnostics.extend(problems);
    // The site's own everyday words for search: optional, read like every other source.
    let search_yaml = content.join("search.yaml");
    let synonyms = if search_yaml.exists() || search_yaml.is_symlink() {
        match fence.check(&search_yaml).and_then(|()| read_source(&search_yaml)) {
            Ok(text) => crate::search::parse_synonyms(&search_yaml, &text).unwrap_or_else(|problem| {
                diagnostics.push(problem);
                Vec::new()
            }),
            Err(problem) => {
                diagnostics.push(problem);
                Vec::new()
            }
        }
    } else {
        Vec::new()
    };
    let site = Site { root: root.to_path_buf(), config, units, procedures, pages, files, results, synonyms };
    Loaded { site, diagnostics, cross_check }
}

/// Loads one procedure from its text as `check` would (used by imports before they write).
pub fn check_procedure_text(path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    match procedure::load_procedure_text(path, text) {
        Ok((_, problems)) if !problems.iter().any(Diagnostic::is_error) => Ok(()),
        Ok((_, problems)) | Err(problems) => Err(problems),
    }
}

/// The unit ids a procedure file names that are not in units.yaml (for a file that could not
/// be loaded whole).
fn unknown_units_of(file: &Path, units: &[crate::model::Unit]) -> Vec<Diagnostic> {
    #[derive(serde::Deserialize)]
    struct UnitsOnly {
        #[serde(default)]
        unit: Option<yaml::Located<String>>,
        #[serde(default)]
        units: Option<UnitList>,
    }
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum UnitList {
        Ids(Vec<yaml::Located<String>>),
        Other(serde::de::IgnoredAny),
    }
    let Ok(text) = read_source(file) else { return Vec::new() };
    let Ok(only) = yaml::parse::<UnitsOnly>(file, &text) else { return Vec::new() };
    let mut named: Vec<yaml::Located<String>> = only.unit.into_iter().collect();
    if let Some(UnitList::Ids(ids)) = only.units {
        named.extend(ids);
    }
    named
        .iter()
        .filter(|id| !units.iter().any(|u| u.id == id.value.trim()))
        .map(|id| {
            Diagnostic::error(
                place_of(file, id),
                format!("không có đơn vị `{}` trong content/units.yaml", crate::diagnostics::clip(id.value.trim(), 80)),
            )
            .with_hint(crate::diagnostics::unit_hint(
                id.value.trim(),
                units.iter().map(|u| (u.id.as_str(), u.name.as_str())),
            ))
        })
        .collect()
}

fn not_a_site_folder(root: &Path) -> Diagnostic {
    let shown = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    Diagnostic::error(
        Place::file(root.join("content/site.yaml")),
        format!(
            "`{}` không phải thư mục trang (not a site folder): không có tệp content/site.yaml",
            shown.display()
        ),
    )
    .with_hint("chuyển vào thư mục trang trước (`cd duong-dan/toi/trang`) rồi chạy lại, hoặc thêm `--root duong-dan/toi/trang`; tạo trang mới: `congkhai new site TEN-THU-MUC`")
}

/// A file or folder the generator does not read, though a clerk may think it does: a
/// warning that names it and says what to do (nothing is ignored silently).
fn ignored_files(root: &Path, diagnostics: &mut Diagnostics) {
    let warn = |path: &Path, what: &str, hint: String| {
        Diagnostic::warning(Place::file(path), format!("{what} không được đọc (ignored)")).with_hint(hint)
    };
    let skip = |name: &str| name.starts_with('.') || name.starts_with("~$") || name.ends_with('~');
    let names = |dir: &Path| -> Vec<(String, PathBuf, bool)> {
        let mut list: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| {
                        let name = e.file_name().into_string().ok()?;
                        let is_dir = e.file_type().ok()?.is_dir();
                        (!skip(&name)).then(|| (name, e.path(), is_dir))
                    })
                    .collect()
            })
            .unwrap_or_default();
        list.sort();
        list
    };
    // Folders beside content/ and procedures/ that look like one of them.
    for (name, path, is_dir) in names(root) {
        if !is_dir || ["content", "procedures", "themes", "public"].contains(&name.as_str()) {
            continue;
        }
        let folded = crate::text::fold(&name);
        let meant = if folded.starts_with("proc") || folded.starts_with("thu-tuc") || folded.starts_with("thu tuc") {
            Some("procedures")
        } else if folded.starts_with("content") || folded == "noi-dung" {
            Some("content")
        } else if folded.starts_with("theme") {
            Some("themes")
        } else {
            None
        };
        if let Some(meant) = meant {
            diagnostics.push(warn(
                &path,
                &format!("thư mục `{name}/`"),
                format!("chỉ thư mục `{meant}/` được đọc: đổi tên thành `{meant}` (chữ thường, đúng chính tả)"),
            ));
        }
    }
    // content/: settings, units, pages and two folders.
    let content = root.join("content");
    for (name, path, is_dir) in names(&content) {
        let lower = name.to_lowercase();
        if is_dir {
            if !["files", "results"].contains(&name.as_str()) {
                let meant = did_you_mean_folder(&lower);
                diagnostics.push(warn(
                    &path,
                    &format!("thư mục `content/{name}/`"),
                    match meant {
                        Some(m) => format!("có phải ý bạn là `content/{m}/`? Đổi tên thư mục cho đúng"),
                        None => "tệp để công bố đặt trong content/files/, số liệu trong content/results/".into(),
                    },
                ));
            }
            continue;
        }
        if lower.ends_with(".md") && name.ends_with(".md")
            || ["site.yaml", "units.yaml", "search.yaml"].contains(&name.as_str())
        {
            continue;
        }
        diagnostics.push(warn(&path, &format!("tệp `content/{name}`"), content_hint(&name)));
    }
    // procedures/: one procedure per .yaml file.
    for entry in WalkDir::new(root.join("procedures")).follow_links(false).sort_by_file_name().into_iter().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !entry.file_type().is_file()
            || skip(&name)
            || entry
                .path()
                .strip_prefix(root)
                .is_ok_and(|p| p.iter().any(|part| part.to_string_lossy().starts_with('.')))
        {
            continue;
        }
        if let Some("yaml" | "yml") = entry.path().extension().and_then(|e| e.to_str()) {
            continue;
        }
        let hint = match stripped_yaml_name(&name) {
            Some(fixed) => format!(
                "đổi tên thành `{fixed}` (có lẽ Notepad đã thêm đuôi); trong Windows, bật hiện đuôi tệp: View → File name extensions"
            ),
            None => "mỗi thủ tục là một tệp `.yaml`; xóa tệp này hoặc chuyển nó ra ngoài thư mục procedures/".into(),
        };
        diagnostics.push(warn(entry.path(), &format!("tệp `{name}` trong procedures/"), hint));
    }
    // content/results/: data as CSV (or Excel's "Unicode Text" .txt).
    for (name, path, is_dir) in names(&content.join("results")) {
        let lower = name.to_lowercase();
        if is_dir || results::is_results_file(&path) {
            continue;
        }
        let hint = if lower.ends_with(".xlsx") || lower.ends_with(".xls") || lower.ends_with(".ods") {
            "trong Excel chọn File → Save As → \"CSV UTF-8 (Comma delimited) (*.csv)\" hoặc \"Unicode Text (*.txt)\", lưu vào content/results/".to_string()
        } else {
            "số liệu là tệp .csv (hoặc .txt \"Unicode Text\" của Excel); xóa hoặc chuyển tệp này ra ngoài".to_string()
        };
        diagnostics.push(warn(&path, &format!("tệp `content/results/{name}`"), hint));
    }
}

fn did_you_mean_folder(name: &str) -> Option<&'static str> {
    let folded = crate::text::fold(name);
    if folded.starts_with("file") || folded.starts_with("tep") {
        Some("files")
    } else if folded.starts_with("result") || folded.starts_with("ket-qua") || folded.starts_with("ket qua") {
        Some("results")
    } else {
        None
    }
}

/// `x.yaml.txt` → `x.yaml`; `x.yml.txt` → `x.yaml`.
fn stripped_yaml_name(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    for suffix in [".yaml.txt", ".yml.txt", ".yaml.yaml", ".yaml.bak"] {
        if lower.ends_with(suffix) {
            return Some(format!("{}.yaml", &name[..name.len() - suffix.len()]));
        }
    }
    None
}

fn content_hint(name: &str) -> String {
    let lower = name.to_lowercase();
    if let Some(stem) = lower.strip_suffix(".yml") {
        return format!("đổi tên thành `{stem}.yaml`");
    }
    if let Some(fixed) = stripped_yaml_name(name) {
        return format!("đổi tên thành `{fixed}` (có lẽ Notepad đã thêm đuôi .txt)");
    }
    if let Some(stem) = lower.strip_suffix(".md.txt") {
        return format!("đổi tên thành `{stem}.md` (có lẽ Notepad đã thêm đuôi .txt)");
    }
    if lower.ends_with(".csv") || lower.ends_with(".xlsx") {
        return "số liệu kết quả đặt trong content/results/".into();
    }
    "trang là tệp `.md`; tệp để công bố (biểu mẫu, văn bản) đặt trong content/files/".into()
}

/// Reads a text file as UTF-8 (a BOM is dropped, CRLF becomes LF), or UTF-16 with a BOM as
/// Excel's "Unicode Text" and Notepad's "Unicode" write it; anything else is explained.
/// Every source text passes through here, so the limits below hold for all of them: size,
/// line length, no control characters, bounded nesting.
pub fn read_source(path: &Path) -> Result<String, Diagnostic> {
    let is_table = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let limit = if is_table { crate::text::limits::TABLE_BYTES } else { crate::text::limits::SOURCE_BYTES };
    let size = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(Place::file(path), format!("không đọc được tệp: {}", io_reason(&e))))?
        .len();
    if size > limit {
        return Err(Diagnostic::error(
            Place::file(path),
            format!(
                "tệp quá lớn: {} MB, giới hạn là {} MB",
                crate::render::format::number(size / 1_000_000),
                crate::render::format::number(limit / 1_000_000)
            ),
        )
        .with_hint("tách tệp thành nhiều tệp nhỏ hơn, hoặc kiểm tra xem tệp có bị dán nhầm nội dung không"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(Place::file(path), format!("không đọc được tệp: {}", io_reason(&e))))?;
    let decoded = decode_utf16(&bytes);
    let bytes = match &decoded {
        Some(text) => text.as_bytes(),
        None => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes),
    };
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(path, bytes, e.valid_up_to()))?;
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    crate::text::limits::check_text(&text).map_err(|(line, column, problem)| {
        Diagnostic::error(Place::at(path, line, column), problem.message()).with_hint(problem.hint())
    })?;
    Ok(text)
}

/// The site root, resolved once: a path whose real location lies outside it is refused.
pub(crate) struct Fence {
    root: Option<PathBuf>,
}

impl Fence {
    pub(crate) fn new(root: &Path) -> Fence {
        Fence { root: std::fs::canonicalize(root).ok() }
    }

    /// Ok when `path` does not exist, or lies inside the root once every link is followed.
    /// The path is resolved, never opened: an outside file is not read, not even for the error.
    pub(crate) fn check(&self, path: &Path) -> Result<(), Diagnostic> {
        let Some(root) = &self.root else { return Ok(()) };
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let real = match std::fs::canonicalize(path) {
            Ok(real) => real,
            // A dangling link: refused too; a missing path is simply absent.
            Err(_) if is_link => PathBuf::from("/"),
            Err(_) => return Ok(()),
        };
        if real.starts_with(root) {
            return Ok(());
        }
        Err(Diagnostic::error(
            Place::file(path),
            format!(
                "`{}` là liên kết (symlink) trỏ ra ngoài thư mục trang; không đọc và không đăng",
                path.strip_prefix(root).unwrap_or(path).display()
            ),
        )
        .with_hint("chép tệp hoặc thư mục thật vào trong thư mục trang thay cho liên kết, hoặc xóa liên kết"))
    }

    /// For a walked entry: whether to use it. Links out of the root become a problem; links
    /// inside the root are used when they lead to a file.
    pub(crate) fn entry_is_file(&self, entry: &walkdir::DirEntry, problems: &mut Vec<Diagnostic>) -> bool {
        if entry.file_type().is_file() {
            return true;
        }
        if !entry.path_is_symlink() {
            return false;
        }
        match self.check(entry.path()) {
            Ok(()) => entry.path().is_file(),
            Err(problem) => {
                problems.push(problem);
                false
            }
        }
    }
}

/// The text of UTF-16 bytes that start with a byte-order mark (LE `FF FE` or BE `FE FF`).
pub fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (little, body) = if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        (true, body)
    } else {
        (false, bytes.strip_prefix(b"\xFE\xFF")?)
    };
    let units = body.chunks(2).map(|pair| {
        let pair = [pair[0], pair.get(1).copied().unwrap_or(0)];
        if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
    });
    Some(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
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
fn yaml_files_under(fence: &Fence, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(entry) if fence.entry_is_file(&entry, &mut problems) => {
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
    diagnostics.extend(problems);
    files
}

/// Files under content/files/ that may be published, relative with `/`. Links out of the root,
/// names a link cannot carry and file types that could run script on the site are refused.
fn list_files(fence: &Fence, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<String> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).into_iter().filter_map(Result::ok) {
        if !fence.entry_is_file(&entry, &mut problems) {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(dir) else { continue };
        let Some(parts) = relative.iter().map(|p| p.to_str()).collect::<Option<Vec<&str>>>() else {
            problems.push(
                Diagnostic::error(Place::file(entry.path()), "tên tệp không phải UTF-8")
                    .with_hint("đổi tên tệp, chỉ dùng chữ, số, `-` và `_`"),
            );
            continue;
        };
        // Hidden files (editor backups, .DS_Store) are never published.
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        let relative = parts.join("/");
        if let Some(problem) = crate::text::limits::file_name_problem(&relative) {
            problems.push(Diagnostic::error(Place::file(entry.path()), problem.0).with_hint(problem.1));
            continue;
        }
        files.push(relative);
    }
    files.sort();
    diagnostics.extend(problems);
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
    if let Err(why) = check_base_url(&base_url) {
        problems.push(
            Diagnostic::error(
                place_of(path, &source.base_url),
                format!("`base_url` không phải địa chỉ web hợp lệ: `{}` ({why})", base_url.escape_debug()),
            )
            .with_hint("viết `http(s)://`, tên miền, rồi (nếu có) đường dẫn gồm chữ không dấu, số, `-`, `_`, `.`; ví dụ `base_url: \"https://congkhai.example.gov.vn\"` hoặc `\"https://example.gov.vn/cong-khai\"`"),
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

/// `base_url` parsed as a URL, without a trailing slash: `http` or `https`, a host name (and a
/// port), then a clean path. Anything a browser could read as another host or scheme is refused
/// (`//evil`, `/\\evil`, `user@`, backslashes, `..`, a query). The reason, when refused.
pub(crate) fn check_base_url(url: &str) -> Result<(), &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("phải bắt đầu bằng `https://` hoặc `http://`")?;
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    if authority.contains('@') {
        return Err("không được có tên người dùng `…@`");
    }
    let (host, port) = authority.rsplit_once(':').map_or((authority, None), |(h, p)| (h, Some(p)));
    if let Some(port) = port
        && (port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("cổng (port) sau dấu `:` phải là số");
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
        return Err("tên miền chỉ gồm chữ không dấu, số, `-` và `.`");
    }
    for segment in path.split('/').skip(1) {
        if segment.is_empty() {
            return Err("đường dẫn có hai dấu `/` liền nhau");
        }
        if segment == "." || segment == ".." {
            return Err("đường dẫn không được có `.` hoặc `..`");
        }
        if !segment.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')) {
            return Err("đường dẫn chỉ gồm chữ không dấu, số, `-`, `_`, `.`, `~`");
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        for entry in WalkDir::new(from).into_iter().filter_map(Result::ok) {
            let target = to.join(entry.path().strip_prefix(from).expect("under the fixture"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("make folder");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy file");
            }
        }
    }

    /// The site and its problems, in a form two loads can be compared by.
    fn shown(loaded: Loaded) -> (String, Vec<Diagnostic>, bool) {
        (format!("{:?}", loaded.site), loaded.diagnostics.sorted(), loaded.cross_check)
    }

    #[test]
    fn a_warm_cache_loads_the_same_as_a_cold_load_after_edits() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/results-ok"), &root);
        let first = root.join("procedures/a.yaml");
        let text = std::fs::read_to_string(&first).expect("fixture");
        let other = |code: &str, name: &str| text.replace("1.002804", code).replace("Đổi giấy phép lái xe", name);
        std::fs::write(root.join("procedures/b.yaml"), other("1.002805", "Cấp giấy phép lái xe")).expect("write");
        std::fs::write(root.join("procedures/c.yaml"), other("1.002806", "Cấp lại giấy phép lái xe")).expect("write");

        let mut cache = Cache::default();
        assert_eq!(shown(load(&root, Some(&mut cache))), shown(load(&root, None)));

        // One procedure renamed, one with a mistake, one deleted, one new, one results file
        // with a bad count; the rest unchanged.
        std::fs::write(&first, text.replace("Đổi giấy phép lái xe", "Đổi giấy phép lái xe quốc tế")).expect("edit");
        let b = root.join("procedures/b.yaml");
        let b_text = std::fs::read_to_string(&b).expect("read");
        std::fs::write(&b, b_text.replace("level: province", "level: provinse")).expect("edit");
        std::fs::remove_file(root.join("procedures/c.yaml")).expect("delete");
        std::fs::write(root.join("procedures/d.yaml"), other("1.002807", "Gia hạn giấy phép lái xe")).expect("write");
        let results = root.join("content/results/thang.csv");
        let csv = std::fs::read_to_string(&results).expect("read");
        std::fs::write(&results, csv.replacen("2026-01,xa-a,,10,", "2026-01,xa-a,,mười,", 1)).expect("edit");

        let (warm, cold) = (shown(load(&root, Some(&mut cache))), shown(load(&root, None)));
        assert_eq!(warm, cold);
        assert!(warm.0.contains("Đổi giấy phép lái xe quốc tế") && warm.0.contains("Gia hạn giấy phép lái xe"));
        assert!(!warm.0.contains("Cấp lại giấy phép lái xe"));
        assert!(warm.1.iter().any(|d| d.place.file.ends_with("b.yaml")), "{:?}", warm.1);
        assert!(warm.1.iter().any(|d| d.place.file.ends_with("thang.csv")), "{:?}", warm.1);
        assert_eq!(cache.procedures.len(), 3);

        // Unchanged since: the same again, from the cache alone.
        assert_eq!(shown(load(&root, Some(&mut cache))), cold);
    }
}
