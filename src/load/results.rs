//! content/results/*.csv → result rows, exactly as FORMAT.md specifies: UTF-8 with or without
//! BOM, comma or semicolon, columns by name or Vietnamese title in any order, `60.615` counts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Place, did_you_mean};
use crate::load::read_source;
use crate::model::Spot;
use crate::model::results::{Counts, Period};
use crate::text::fold;

/// One published row: a unit (and maybe one procedure) in one period.
#[derive(Debug, Clone)]
pub struct ResultRow {
    pub place: Place,
    pub period: Period,
    pub unit: Spot<String>,
    pub procedure: Option<Spot<String>>,
    pub counts: Counts,
}

type Setter = fn(&mut Counts, Option<u64>);

/// Every column FORMAT.md allows: name, Vietnamese title, where the count goes.
const COUNT_COLUMNS: [(&str, &str, Setter); 17] = [
    ("carried_over", "Kỳ trước chuyển qua", |c, v| c.carried_over = v),
    ("received_online", "Tiếp nhận trực tuyến", |c, v| c.received_online = v),
    ("received_direct", "Tiếp nhận trực tiếp", |c, v| c.received_direct = v),
    ("received_postal", "Tiếp nhận qua bưu chính", |c, v| c.received_postal = v),
    ("received", "Tiếp nhận trong kỳ", |c, v| c.received = v),
    ("resolved_early", "Giải quyết trước hạn", |c, v| c.resolved_early = v),
    ("resolved_on_time", "Giải quyết đúng hạn", |c, v| c.resolved_on_time = v),
    ("resolved_in_time", "Giải quyết trước và đúng hạn", |c, v| c.resolved_in_time = v),
    ("resolved_late", "Giải quyết quá hạn", |c, v| c.resolved_late = v),
    ("pending_in_time", "Đang giải quyết trong hạn", |c, v| c.pending_in_time = v),
    ("pending_overdue", "Đang giải quyết quá hạn", |c, v| c.pending_overdue = v),
    ("withdrawn", "Rút hoặc trả lại hồ sơ", |c, v| c.withdrawn = v),
    ("fee_payable", "Hồ sơ phải nộp phí", |c, v| c.fee_payable = v),
    ("paid_online", "Thanh toán trực tuyến", |c, v| c.paid_online = v),
    ("digitized", "Số hóa", |c, v| c.digitized = v),
    ("surveyed", "Lượt đánh giá", |c, v| c.surveyed = v),
    ("satisfied", "Hài lòng", |c, v| c.satisfied = v),
];
const KEY_COLUMNS: [(&str, &str); 3] = [("period", "Kỳ"), ("unit", "Đơn vị"), ("procedure", "Mã thủ tục")];

/// Largest results file read, in bytes: a province's monthly tables are a few megabytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most result rows in one site (all files together).
pub const MAX_ROWS: usize = 300_000;

/// Whether a file in content/results/ is data: `.csv`, or `.txt`/`.tsv` as Excel's "Unicode
/// Text" and the one-stop software save tables (tab-separated).
pub fn is_results_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["csv", "txt", "tsv"].iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// One results file, loaded: its rows and its problems.
pub type FileLoad = (Vec<ResultRow>, Vec<Diagnostic>);

/// Every results file directly in content/results/, sorted; with `kept` (see
/// [`crate::load::Cache`]), only the files changed since the previous load are read.
pub fn load_results(
    dir: &Path,
    kept: Option<&mut HashMap<PathBuf, (crate::load::Stamp, FileLoad)>>,
) -> (Vec<ResultRow>, Vec<Diagnostic>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_results_file(p))
                .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(['.', '~'])))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    // One file after the other, so that past the row bound no further file is read; with
    // `kept`, unchanged files come from it and it ends up holding the files read.
    let mut kept = kept;
    let mut previous = kept.as_deref_mut().map(std::mem::take).unwrap_or_default();
    for file in &files {
        let (stamp, (mut file_rows, file_problems)) =
            crate::load::reuse_or_parse(file, previous.remove(file), load_one);
        if let (Some(kept), Some(stamp)) = (kept.as_deref_mut(), stamp) {
            kept.insert(file.clone(), (stamp, (file_rows.clone(), file_problems.clone())));
        }
        rows.append(&mut file_rows);
        problems.extend(file_problems);
        if rows.len() > MAX_ROWS {
            problems.push(
                Diagnostic::error(
                    Place::file(file),
                    format!("quá nhiều dòng số liệu: hơn {} dòng trong content/results/", crate::render::format::number(MAX_ROWS as u64)),
                )
                .with_hint("chỉ công bố số tổng hợp theo kỳ, đơn vị và thủ tục; chuyển các tệp cũ hoặc chi tiết ra ngoài content/results/"),
            );
            rows.clear();
            break;
        }
    }
    (rows, problems)
}

/// One results file on its own: its rows, or why it was refused.
fn load_one(file: &Path) -> FileLoad {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        problems.push(
            Diagnostic::error(
                Place::file(file),
                format!(
                    "tệp số liệu quá lớn: {} MB, giới hạn {} MB",
                    size / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .with_hint("chia số liệu thành nhiều tệp (ví dụ mỗi năm một tệp), hoặc bỏ các dòng theo từng hồ sơ: chỉ công bố số tổng hợp theo kỳ, đơn vị và thủ tục"),
        );
        return (rows, problems);
    }
    match read_source(file) {
        Ok(text) => load_file(file, &text, &mut rows, &mut problems),
        Err(problem) => problems.push(problem),
    }
    (rows, problems)
}

/// What a header cell names.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    Key(usize),
    Count(usize),
    /// `STT`: a row number, read and dropped.
    Ignored,
}

fn normalize(header: &str) -> String {
    header.trim().trim_matches('"').split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn column_of(header: &str) -> Option<Column> {
    let wanted = normalize(header);
    let folded = fold(&wanted);
    let matches = |name: &str, title: &str| wanted == name || wanted == title.to_lowercase() || folded == fold(title);
    if ["stt", "tt", "so tt", "so thu tu"].contains(&folded.trim_end_matches('.')) {
        return Some(Column::Ignored);
    }
    KEY_COLUMNS
        .iter()
        .position(|(n, t)| matches(n, t))
        .map(Column::Key)
        .or_else(|| COUNT_COLUMNS.iter().position(|(n, t, _)| matches(n, t)).map(Column::Count))
}

/// The title under a merged header cell: "Số hồ sơ tiếp nhận" over "Trực tuyến" is
/// "Tiếp nhận trực tuyến"; "Đang giải quyết" over "Quá hạn" is "Đang giải quyết quá hạn".
fn combined_title(parent: &str, child: &str) -> String {
    if child.trim().is_empty() {
        return parent.to_string();
    }
    if parent.trim().is_empty() || column_of(child).is_some() {
        return child.to_string();
    }
    let folded_child = fold(&normalize(child));
    if ["tong so", "tong", "tong cong", "cong"].contains(&folded_child.as_str()) {
        return parent.to_string();
    }
    let mut stem = normalize(parent);
    for prefix in ["số lượng hồ sơ ", "số hồ sơ ", "hồ sơ ", "số lượng ", "số ", "đã "] {
        if let Some(rest) = stem.strip_prefix(prefix) {
            stem = rest.to_string();
        }
    }
    let stem = stem.trim_end_matches(" trong kỳ").to_string();
    let joined = format!("{stem} {}", normalize(child));
    if column_of(&joined).is_some() {
        return joined;
    }
    // "Giải quyết" over "Trước hạn" / "Đúng hạn": the title FORMAT.md gives, word for word.
    format!("{} / {}", parent.trim(), child.trim())
}

fn is_rate_title(header: &str) -> bool {
    let folded = fold(&normalize(header));
    folded.contains("ty le") || folded.contains('%') || folded.contains("ti le")
}

/// A totals row ("Tổng cộng", "Cộng", "Toàn tỉnh"): its figures are sums the site computes.
fn is_totals_row(cells: &[&str]) -> bool {
    cells.iter().any(|cell| {
        let folded = fold(&normalize(cell));
        let folded = folded.trim_end_matches([':', '.']);
        folded.starts_with("tong cong")
            || folded.starts_with("tong so")
            || folded == "tong"
            || folded == "cong"
            || folded.starts_with("toan tinh")
            || folded.starts_with("toan huyen")
            || folded.starts_with("toan thanh pho")
    })
}

/// A row like `(1) (2) (3)` under the header.
fn is_numbering_row(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            c.strip_prefix('(')
                .and_then(|c| c.strip_suffix(')'))
                .is_some_and(|n| !n.is_empty() && n.chars().all(|d| d.is_ascii_digit()))
        })
}

fn delimiter_of(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(20).collect();
    let count = |d: char| head.iter().map(|l| l.matches(d).count()).sum::<usize>();
    let (tabs, semicolons, commas) = (count('\t'), count(';'), count(','));
    if tabs > 0 && tabs >= semicolons && tabs >= commas {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

fn load_file(file: &Path, text: &str, rows: &mut Vec<ResultRow>, problems: &mut Vec<Diagnostic>) {
    let delimiter = delimiter_of(text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records: Vec<(u64, Vec<String>)> = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => records.push((r.position().map_or(0, |p| p.line()), r.iter().map(str::to_string).collect())),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Diagnostic::error(Place::at(file, line, 1), format!("dòng không đọc được: {e}")));
            }
        }
        if records.len() > MAX_ROWS {
            // Counted as read, before duplicates are dropped: a file this long is refused whole.
            problems.push(
                Diagnostic::error(
                    Place::file(file),
                    format!("quá nhiều dòng số liệu: hơn {} dòng trong một tệp", crate::render::format::number(MAX_ROWS as u64)),
                )
                .with_hint("chỉ công bố số tổng hợp theo kỳ, đơn vị và thủ tục; chia số liệu thành nhiều tệp (ví dụ mỗi năm một tệp)"),
            );
            return;
        }
    }
    let lines: Vec<&str> = text.lines().collect();
    let column_at = |line: u64, index: usize| -> u64 {
        let Some(raw) = lines.get(line.saturating_sub(1) as usize) else { return 1 };
        let before: usize = raw.split(delimiter as char).take(index).map(|f| f.chars().count() + 1).sum();
        before as u64 + 1
    };

    // The header: the first row that names two known columns (title rows may come first).
    let known = |cells: &[String]| cells.iter().filter(|c| column_of(c).is_some_and(|c| c != Column::Ignored)).count();
    let first_filled = records.iter().position(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some(header_at) = records.iter().take(30).position(|(_, cells)| known(cells) >= 2).or(first_filled) else {
        return;
    };
    let (header_line, mut headers) = records[header_at].clone();
    let mut body = header_at + 1;
    // A two-row header: merged titles above, the parts below ("Trực tuyến | Trực tiếp").
    while records.get(body).is_some_and(|(_, cells)| is_numbering_row(cells)) {
        body += 1;
    }
    if let Some((_, below)) = records.get(body) {
        let period_at = headers.iter().position(|h| column_of(h) == Some(Column::Key(0)));
        let filled: Vec<&String> = below.iter().filter(|c| !c.trim().is_empty()).collect();
        let is_sub_header = period_at.is_none_or(|p| below.get(p).is_none_or(|c| c.trim().is_empty()))
            && !filled.is_empty()
            && filled.iter().all(|c| parse_count(c).is_err());
        if is_sub_header {
            let mut parent = String::new();
            let width = headers.len().max(below.len());
            headers.resize(width, String::new());
            for (i, header) in headers.iter_mut().enumerate() {
                if !header.trim().is_empty() {
                    parent = header.clone();
                }
                let child = below.get(i).map_or("", |c| c.as_str());
                if !child.trim().is_empty() {
                    *header = combined_title(&parent, child);
                }
            }
            body += 1;
            while records.get(body).is_some_and(|(_, cells)| is_numbering_row(cells)) {
                body += 1;
            }
        }
    }

    // Header: every column known, named once, the required ones present.
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(headers.len());
    let mut header_ok = true;
    for (i, header) in headers.iter().enumerate() {
        let title = clip_title(header);
        let place = Place::at(file, header_line, column_at(header_line, i));
        match column_of(header) {
            Some(Column::Ignored) => columns.push(Some(Column::Ignored)),
            Some(column) => {
                if let Some(first) = columns.iter().position(|c| *c == Some(column)) {
                    header_ok = false;
                    problems.push(
                        Diagnostic::error(
                            place,
                            format!("cột `{title}` có hai lần (cột {} và cột {})", first + 1, i + 1),
                        )
                        .with_hint("mỗi cột chỉ một lần: xóa hoặc đổi tên một trong hai cột"),
                    );
                    columns.push(None);
                } else {
                    columns.push(Some(column));
                }
            }
            None if header.trim().is_empty() => columns.push(None),
            None if is_rate_title(header) => {
                header_ok = false;
                problems.push(
                    Diagnostic::error(place, format!("cột `{title}` là tỷ lệ: tỷ lệ không nhập tay"))
                        .with_hint("xóa cột này: congkhai tự tính mọi tỷ lệ (đúng hạn, trực tuyến, hài lòng…) từ số hồ sơ, cách tính ở trang /ket-qua/cach-tinh/"),
                );
                columns.push(None);
            }
            None => {
                header_ok = false;
                let names = KEY_COLUMNS.iter().map(|(n, _)| *n).chain(COUNT_COLUMNS.iter().map(|(n, _, _)| *n));
                let near = did_you_mean(header.trim(), names);
                problems.push(
                    Diagnostic::error(place, format!("cột `{title}` không có trong định dạng (unknown column)"))
                    .with_hint(match near {
                        Some(near) => format!("có phải ý bạn là `{near}`?"),
                        None => "xóa cột này: chỉ các cột trong FORMAT.md được công bố; dữ liệu cá nhân (họ tên, số định danh của người nộp) không bao giờ được đưa lên trang".to_string(),
                    }),
                );
                columns.push(None);
            }
        }
    }
    let has = |name: &str| {
        columns.iter().flatten().any(|c| match *c {
            Column::Key(k) => KEY_COLUMNS[k].0 == name,
            Column::Count(k) => COUNT_COLUMNS[k].0 == name,
            Column::Ignored => false,
        })
    };
    let mut missing: Vec<&str> =
        ["period", "unit", "carried_over", "resolved_late", "pending_in_time", "pending_overdue"]
            .into_iter()
            .filter(|n| !has(n))
            .collect();
    let received_given = has("received") || (has("received_online") && has("received_direct"));
    if !received_given {
        missing.push("received (hoặc received_online + received_direct)");
    }
    let in_time_given = has("resolved_in_time") || (has("resolved_early") && has("resolved_on_time"));
    if !in_time_given {
        missing.push("resolved_in_time (hoặc resolved_early + resolved_on_time)");
    }
    if !missing.is_empty() {
        problems.push(
            Diagnostic::error(Place::at(file, header_line, 1), format!("thiếu cột bắt buộc: {}", missing.join(", ")))
                .with_hint("dòng tiêu đề là tên cột (hoặc tiêu đề tiếng Việt) theo FORMAT.md"),
        );
        return;
    }
    if !header_ok {
        return;
    }
    let key_at = |k: usize| columns.iter().position(|c| *c == Some(Column::Key(k)));
    let (period_at, unit_at) = (key_at(0), key_at(1));

    for (line, record) in &records[body..] {
        let line = *line;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let first_cells: Vec<&str> = [Some(0), period_at, unit_at]
            .into_iter()
            .flatten()
            .filter_map(|i| record.get(i).map(String::as_str))
            .collect();
        if is_totals_row(&first_cells) {
            problems.push(
                Diagnostic::warning(Place::at(file, line, 1), "dòng tổng cộng được bỏ qua (totals row ignored)")
                    .with_hint("trang tự cộng khi cần; xóa dòng này khỏi tệp để hết cảnh báo"),
            );
            continue;
        }
        let extra_filled = record.iter().skip(headers.len()).any(|f| !f.trim().is_empty());
        if record.len() < headers.len() || extra_filled {
            problems.push(
                Diagnostic::error(
                    Place::at(file, line, 1),
                    format!("dòng có {} ô nhưng tiêu đề có {} cột", record.len(), headers.len()),
                )
                .with_hint(format!(
                    "mỗi dòng có đúng {} ô, ngăn cách bằng `{}`; ô trống vẫn cần dấu ngăn cách",
                    headers.len(),
                    if delimiter == b'\t' { "Tab".to_string() } else { (delimiter as char).to_string() }
                )),
            );
            continue;
        }
        let mut period = None;
        let mut unit = None;
        let mut procedure = None;
        let mut counts = Counts::default();
        let mut ok = true;
        for (i, value) in record.iter().take(headers.len()).enumerate() {
            let place = Place::at(file, line, column_at(line, i));
            let value = value.trim();
            match columns[i] {
                None | Some(Column::Ignored) => {}
                Some(Column::Key(0)) => match Period::parse(value) {
                    Ok(p) => period = Some(p),
                    Err(why) => {
                        ok = false;
                        let hint = period_hint(value);
                        problems
                            .push(Diagnostic::error(place, crate::diagnostics::clip(&why, 200)).with_hint_opt(hint));
                    }
                },
                Some(Column::Key(1)) => unit = Some(Spot { value: value.to_string(), place }),
                Some(Column::Key(_)) => {
                    procedure = (!value.is_empty()).then(|| Spot { value: value.to_string(), place })
                }
                Some(Column::Count(k)) => match parse_count(value) {
                    Ok(count) => (COUNT_COLUMNS[k].2)(&mut counts, count),
                    Err(why) => {
                        ok = false;
                        problems.push(
                            Diagnostic::error(place, format!("cột `{}`: {why}", COUNT_COLUMNS[k].0)).with_hint(
                                "viết số nguyên không âm, ví dụ `60615` hoặc `60.615`; để trống nếu không báo cáo",
                            ),
                        );
                    }
                },
            }
        }
        let unit = unit.filter(|u| !u.value.is_empty());
        if unit.is_none() {
            ok = false;
            problems.push(Diagnostic::error(Place::at(file, line, 1), "thiếu mã đơn vị ở cột `unit`"));
        }
        if let (true, Some(period), Some(unit)) = (ok, period, unit) {
            rows.push(ResultRow { place: Place::at(file, line, 1), period, unit, procedure, counts });
        }
    }
}

/// A period as reports word it → the exact text to write: `Tháng 01/2026` → `2026-01`,
/// `Quý III/2022` → `2022-Q3`, `6 tháng đầu năm 2022` → `2022-H1`, `Năm 2022` → `2022`.
pub fn period_hint(value: &str) -> Option<String> {
    let folded = fold(&normalize(value));
    let numbers: Vec<&str> = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let year = numbers.iter().rev().find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))?;
    let roman = |w: &str| match w {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    };
    let after = |word: &str| numbers.iter().position(|w| *w == word).and_then(|i| numbers.get(i + 1)).copied();
    let period = if folded.contains("6 thang dau") || folded.contains("dau nam") {
        format!("{year}-H1")
    } else if folded.contains("6 thang cuoi") || folded.contains("cuoi nam") {
        format!("{year}-H2")
    } else if let Some(q) = after("quy").and_then(roman) {
        format!("{year}-Q{q}")
    } else if let Some(m) = after("thang").and_then(|m| m.parse::<u8>().ok()).filter(|m| (1..=12).contains(m)) {
        format!("{year}-{m:02}")
    } else if numbers.len() == 2
        && let Ok(m) = numbers[0].parse::<u8>()
        && (1..=12).contains(&m)
    {
        format!("{year}-{m:02}")
    } else if numbers.len() == 1 || folded.starts_with("nam ") {
        year.to_string()
    } else {
        return None;
    };
    Some(format!("viết `{period}`"))
}

/// A header or value as quoted in a message: never more than a line.
fn clip_title(text: &str) -> String {
    crate::diagnostics::clip(&text.split_whitespace().collect::<Vec<_>>().join(" "), 80)
}

/// `60615`, `60.615`, `60 615` → 60615; empty → not reported.
pub fn parse_count(text: &str) -> Result<Option<u64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('-') {
        return Err(format!("`{text}` là số âm"));
    }
    let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    // `1,234` as Excel writes thousands in English settings; `98,8` stays a mistake.
    let separator = if compact.contains(',') && !compact.contains('.') { ',' } else { '.' };
    let groups: Vec<&str> = compact.split(separator).collect();
    let grouped_ok = groups.len() == 1
        || (groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3));
    let digits = groups.concat();
    if !grouped_ok || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("`{}` không phải số nguyên", crate::diagnostics::clip(text, 40)));
    }
    digits.parse::<u64>().map(Some).map_err(|_| format!("`{text}` quá lớn"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_thousands_separators() {
        assert_eq!(parse_count("60.615"), Ok(Some(60615)));
        assert_eq!(parse_count("60 615"), Ok(Some(60615)));
        assert_eq!(parse_count("1.234.567"), Ok(Some(1234567)));
        assert_eq!(parse_count(" 0 "), Ok(Some(0)));
        assert_eq!(parse_count(""), Ok(None));
        assert!(parse_count("-5").is_err());
        assert!(parse_count("12.5").is_err());
        assert!(parse_count("98,8").is_err());
        assert!(parse_count("abc").is_err());
    }

    #[test]
    fn periods_as_reports_word_them() {
        assert_eq!(period_hint("Tháng 01/2026").as_deref(), Some("viết `2026-01`"));
        assert_eq!(period_hint("01/2026").as_deref(), Some("viết `2026-01`"));
        assert_eq!(period_hint("Quý III/2022").as_deref(), Some("viết `2022-Q3`"));
        assert_eq!(period_hint("6 tháng đầu năm 2022").as_deref(), Some("viết `2022-H1`"));
        assert_eq!(period_hint("Năm 2022").as_deref(), Some("viết `2022`"));
        assert_eq!(period_hint("abc"), None);
    }

    #[test]
    fn headers_by_name_or_vietnamese_title() {
        assert!(column_of("received") == Some(Column::Count(4)));
        assert!(column_of(" Tiếp nhận trong kỳ ") == Some(Column::Count(4)));
        assert!(column_of("TIẾP NHẬN TRONG KỲ") == Some(Column::Count(4)));
        assert!(column_of("Kỳ") == Some(Column::Key(0)));
        assert!(column_of("Họ tên người nộp").is_none());
    }

    fn load(text: &str) -> (Vec<ResultRow>, Vec<Diagnostic>) {
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        load_file(Path::new("r.csv"), text, &mut rows, &mut problems);
        (rows, problems)
    }

    #[test]
    fn semicolons_and_merged_columns() {
        let (rows, problems) = load(
            "Kỳ;Đơn vị;Kỳ trước chuyển qua;Tiếp nhận trong kỳ;Giải quyết trước và đúng hạn;Giải quyết quá hạn;Đang giải quyết trong hạn;Đang giải quyết quá hạn\n2022;huyen-lam-ha;0;60.615;59.376;722;517;\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].counts.received, Some(60615));
        assert_eq!(rows[0].counts.pending_overdue, None, "empty means not reported");
        assert_eq!(rows[0].place.line, 2);
    }

    #[test]
    fn personal_data_columns_are_refused_by_name() {
        let (_, problems) = load(
            "period,unit,ho_ten,carried_over,received,resolved_in_time,resolved_late,pending_in_time,pending_overdue\n",
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("`ho_ten`"));
        assert_eq!(problems[0].place.column, 13);
    }

    #[test]
    fn bad_cells_point_at_their_line_and_column() {
        let (rows, problems) = load(
            "period,unit,carried_over,received,resolved_in_time,resolved_late,pending_in_time,pending_overdue\n2022,a,0,10,9,1,0,0\n2022-13,a,0,-1,9,1,0,0\n",
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(problems.len(), 2);
        assert_eq!((problems[0].place.line, problems[0].place.column), (3, 1));
        assert_eq!((problems[1].place.line, problems[1].place.column), (3, 13));
    }
}
