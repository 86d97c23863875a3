//! `congkhai import thu-tuc FILE.xlsx|FILE.csv`: the procedure list a province publishes as a
//! spreadsheet (one row per procedure) becomes one YAML file per procedure. Never overwrites an
//! existing file without `force`; every row it cannot read is reported with its row number.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Place, did_you_mean};
use crate::model::duration::Duration;
use crate::scaffold::{quote, schema_line, today};
use crate::text::{fold, slugify};

/// A column of the spreadsheet, with the titles it may have (compared without diacritics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Code,
    Name,
    Field,
    Level,
    Time,
    Fee,
    Unit,
}

const COLUMNS: [(Column, &[&str]); 7] = [
    (Column::Code, &["code", "mã thủ tục", "mã tthc", "mã số", "mã số thủ tục", "mã"]),
    (Column::Name, &["name", "tên thủ tục", "tên tthc", "tên thủ tục hành chính", "tên"]),
    (Column::Field, &["field", "lĩnh vực"]),
    (Column::Level, &["level", "cấp thực hiện", "cấp"]),
    (Column::Time, &["time", "thời hạn giải quyết", "thời hạn", "thời gian giải quyết"]),
    (Column::Fee, &["fee", "fees", "phí, lệ phí", "phí lệ phí", "phí", "lệ phí", "phí/lệ phí"]),
    (Column::Unit, &["unit", "cơ quan thực hiện", "đơn vị thực hiện", "cơ quan", "đơn vị"]),
];

fn normalize_title(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches([':', '*']).trim().to_string()
}

fn column_of(title: &str) -> Option<Column> {
    let title = normalize_title(title);
    COLUMNS.iter().find(|(_, names)| names.iter().any(|n| normalize_title(n) == title)).map(|(c, _)| *c)
}

/// Whether `code` looks like a national procedure code (digits and dots, optional suffix).
pub fn is_code(code: &str) -> bool {
    let mut parts = code.split('.');
    let first_is_number = parts.next().is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    first_is_number && code.split('.').skip(1).all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// What one import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Files written, with the spreadsheet row each came from.
    pub written: Vec<(u64, PathBuf)>,
    /// Rows skipped because their file already exists (no `force`).
    pub skipped: Vec<(u64, PathBuf)>,
    /// Rows that could not be read, each at its row and column.
    pub problems: Vec<Diagnostic>,
}

/// One row as text cells, with its 1-based row number in the sheet.
type Rows = Vec<(u64, Vec<String>)>;

/// Reads the first sheet of an .xlsx/.xls/.ods file, or a CSV file (`,` `;` or tab).
fn read_rows(file: &Path) -> Result<Rows, Diagnostic> {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if extension == "csv" || extension == "txt" {
        return read_csv(file);
    }
    if !matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Err(Diagnostic::error(Place::file(file), format!("không đọc được tệp `.{extension}`"))
            .with_hint("lưu bảng tính thành .xlsx hoặc .csv (UTF-8) rồi nhập lại"));
    }
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto(file)
        .map_err(|e| Diagnostic::error(Place::file(file), format!("không mở được bảng tính: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Diagnostic::error(Place::file(file), "bảng tính không có trang tính nào"))?
        .map_err(|e| Diagnostic::error(Place::file(file), format!("không đọc được trang tính đầu tiên: {e}")))?;
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let first_column = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![String::new(); first_column];
            cells.extend(row.iter().map(cell_text));
            (first_row + i as u64 + 1, cells)
        })
        .collect())
}

fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string().trim().to_string(),
    }
}

fn read_csv(file: &Path) -> Result<Rows, Diagnostic> {
    let text = crate::load::read_source(file)?;
    let header = text.lines().next().unwrap_or("");
    let delimiter =
        [b';', b'\t', b','].into_iter().max_by_key(|d| header.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Diagnostic::error(Place::at(file, line, 1), format!("dòng không đọc được: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    Ok(rows)
}

/// A unit as the import matches it: by id or by name.
struct UnitInfo {
    id: String,
    name: String,
    kind: String,
}

fn units(root: &Path) -> Result<Vec<UnitInfo>, Diagnostic> {
    let path = root.join("content/units.yaml");
    let text = crate::load::read_source(&path)?;
    let list: Vec<serde_json::Value> = crate::yaml::parse(&path, &text)?;
    Ok(list
        .iter()
        .filter_map(|u| {
            Some(UnitInfo {
                id: u["id"].as_str()?.to_string(),
                name: u["name"].as_str().unwrap_or("").to_string(),
                kind: u["kind"].as_str().unwrap_or("").to_string(),
            })
        })
        .collect())
}

/// Every procedure file under procedures/ by the code written in it.
fn code_files(root: &Path) -> HashMap<String, PathBuf> {
    let mut map = HashMap::new();
    for entry in walkdir::WalkDir::new(root.join("procedures")).into_iter().filter_map(Result::ok) {
        if !entry.path().extension().is_some_and(|x| x == "yaml" || x == "yml") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        if let Some(code) = text
            .lines()
            .find_map(|l| l.strip_prefix("code:"))
            .map(|v| v.split(" #").next().unwrap_or(v).trim().trim_matches(['"', '\'']).to_string())
        {
            map.insert(code, entry.path().to_path_buf());
        }
    }
    map
}

fn level_of(cell: &str) -> Result<Option<&'static str>, String> {
    let folded = fold(cell);
    if folded.trim().is_empty() {
        return Ok(None);
    }
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let spaced = format!(" {} ", words.join(" "));
    let found: Vec<&str> = [
        ("central", &["trung uong", "central"][..]),
        ("province", &["tinh", "province"][..]),
        ("district", &["huyen", "district"][..]),
        ("commune", &["xa", "phuong", "commune"][..]),
    ]
    .iter()
    .filter(|(_, names)| names.iter().any(|n| spaced.contains(&format!(" {n} "))))
    .map(|(level, _)| *level)
    .collect();
    match found.as_slice() {
        [one] => Ok(Some(one)),
        [] => Err(format!("không hiểu cấp thực hiện `{cell}`")),
        _ => Err(format!("cấp thực hiện `{cell}` có nhiều cấp; mỗi dòng một cấp")),
    }
}

/// The statutory time at the start of the cell; the rest becomes a note.
fn time_of(cell: &str) -> Result<(String, Option<String>), String> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    for take in (2..=4.min(words.len())).rev() {
        let head = words[..take].join(" ");
        if Duration::parse(&head).is_ok() {
            let rest = words[take..].join(" ");
            let rest = rest.trim_start_matches([',', ';', '.', ':', '-', '–']).trim().to_string();
            return Ok((head, (!rest.is_empty()).then_some(rest)));
        }
    }
    Err(format!("không đọc được thời hạn `{cell}`"))
}

/// A fee cell: an amount in đồng when it is one plain number, otherwise a note.
fn fee_of(cell: &str) -> Option<(Option<u64>, Option<String>)> {
    let folded = fold(cell);
    let trimmed = folded.trim().trim_end_matches('.');
    if trimmed.is_empty() {
        return None;
    }
    if ["khong", "khong co", "mien phi", "mien", "0", "khong thu"].contains(&trimmed) {
        return Some((Some(0), None));
    }
    let number = trimmed.trim_end_matches("dong").trim_end_matches("vnd").trim_end_matches('d').trim();
    let digits: String = number.chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) && !number.contains(',') {
        return Some((digits.parse().ok(), None));
    }
    Some((None, Some(cell.trim().to_string())))
}

/// Imports `file` into the site at `root`.
pub fn import_procedures(root: &Path, file: &Path, force: bool) -> Result<Imported, Diagnostic> {
    let units = units(root)?;
    let rows = read_rows(file)?;
    // The header is the first row that names a code and a name column (title rows may come first).
    let Some(header_index) = rows.iter().take(20).position(|(_, cells)| {
        let columns: Vec<_> = cells.iter().filter_map(|c| column_of(c)).collect();
        columns.contains(&Column::Code) && columns.contains(&Column::Name)
    }) else {
        return Err(Diagnostic::error(Place::file(file), "không tìm thấy dòng tiêu đề có cột mã thủ tục và tên thủ tục")
            .with_hint("dòng tiêu đề cần các cột: Mã thủ tục, Tên thủ tục, Lĩnh vực, Cấp thực hiện, Thời hạn giải quyết, Phí, lệ phí, Cơ quan thực hiện"));
    };
    let (header_row, header) = &rows[header_index];
    let mut position: HashMap<Column, usize> = HashMap::new();
    for (i, title) in header.iter().enumerate() {
        if let Some(column) = column_of(title) {
            position.entry(column).or_insert(i);
        }
    }
    let missing: Vec<&str> =
        [(Column::Field, "Lĩnh vực"), (Column::Time, "Thời hạn giải quyết"), (Column::Unit, "Cơ quan thực hiện")]
            .iter()
            .filter(|(c, _)| !position.contains_key(c))
            .map(|(_, t)| *t)
            .collect();
    if !missing.is_empty() {
        return Err(Diagnostic::error(Place::at(file, *header_row, 1), format!("thiếu cột: {}", missing.join(", ")))
            .with_hint("thêm các cột này vào dòng tiêu đề"));
    }

    let existing = code_files(root);
    let mut seen_codes: HashMap<String, u64> = HashMap::new();
    let mut taken_paths: HashMap<PathBuf, u64> = HashMap::new();
    let mut imported = Imported::default();
    for (row, cells) in &rows[header_index + 1..] {
        let row = *row;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |column: Column| position.get(&column).and_then(|i| cells.get(*i)).map(|s| s.trim()).unwrap_or("");
        let column_no = |column: Column| position.get(&column).map(|i| *i as u64 + 1).unwrap_or(1);
        let problem =
            |column: Column, message: String| Diagnostic::error(Place::at(file, row, column_no(column)), message);

        let code = get(Column::Code);
        let name = get(Column::Name);
        let field = get(Column::Field);
        if code.is_empty() {
            imported.problems.push(
                problem(Column::Code, "dòng này thiếu mã thủ tục".into())
                    .with_hint("điền mã thủ tục quốc gia, ví dụ 1.002804"),
            );
            continue;
        }
        if !is_code(code) {
            imported.problems.push(
                problem(Column::Code, format!("mã thủ tục `{code}` không hợp lệ"))
                    .with_hint("mã gồm chữ số và dấu chấm, ví dụ 1.002804"),
            );
            continue;
        }
        if let Some(first) = seen_codes.insert(code.to_string(), row) {
            imported.problems.push(
                problem(Column::Code, format!("mã thủ tục `{code}` bị trùng"))
                    .with_hint(format!("mã này đã có ở dòng {first}")),
            );
            continue;
        }
        if name.is_empty() {
            imported.problems.push(problem(Column::Name, "dòng này thiếu tên thủ tục".into()));
            continue;
        }
        if field.is_empty() {
            imported.problems.push(problem(Column::Field, "dòng này thiếu lĩnh vực".into()));
            continue;
        }
        // Units: ids or names, several separated by `;` or new lines.
        let mut unit_ids = Vec::new();
        let mut unit_problem = None;
        for wanted in get(Column::Unit).split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
            let folded = fold(wanted);
            match units.iter().find(|u| u.id == wanted || fold(&u.name) == folded) {
                Some(unit) => unit_ids.push(unit),
                None => {
                    let near = did_you_mean(wanted, units.iter().map(|u| u.name.as_str()))
                        .or_else(|| did_you_mean(wanted, units.iter().map(|u| u.id.as_str())));
                    unit_problem = Some(
                        problem(Column::Unit, format!("không có đơn vị `{wanted}` trong content/units.yaml"))
                            .with_hint(match near {
                                Some(near) => format!("có phải ý bạn là `{near}`?"),
                                None => "ghi mã (`id`) hoặc tên đúng như trong content/units.yaml".into(),
                            }),
                    );
                }
            }
        }
        if let Some(p) = unit_problem {
            imported.problems.push(p);
            continue;
        }
        if unit_ids.is_empty() {
            imported.problems.push(problem(Column::Unit, "dòng này thiếu cơ quan thực hiện".into()));
            continue;
        }
        let level = match level_of(get(Column::Level)) {
            Ok(Some(level)) => level,
            Ok(None) => match unit_ids[0].kind.as_str() {
                "commune" => "commune",
                "district" => "district",
                _ => "province",
            },
            Err(why) => {
                imported
                    .problems
                    .push(problem(Column::Level, why).with_hint("ghi một trong: Trung ương, Tỉnh, Huyện, Xã"));
                continue;
            }
        };
        let (statutory, time_note) = match time_of(get(Column::Time)) {
            Ok(time) => time,
            Err(why) => {
                imported.problems.push(
                    problem(Column::Time, why)
                        .with_hint("bắt đầu bằng `N ngày làm việc`, `N ngày`, `N giờ` hoặc `trong ngày`"),
                );
                continue;
            }
        };

        let path = match existing.get(code) {
            Some(path) => path.clone(),
            None => {
                let folder = root.join("procedures").join(non_empty(slugify(field), "khac"));
                let mut path = folder.join(format!("{}.yaml", non_empty(slugify(name), "thu-tuc")));
                if taken_paths.contains_key(&path) || (path.exists() && !force) {
                    path = folder.join(format!(
                        "{}-{}.yaml",
                        non_empty(slugify(name), "thu-tuc"),
                        code.replace('.', "-").to_lowercase()
                    ));
                }
                path
            }
        };
        if path.exists() && !force {
            imported.skipped.push((row, path));
            continue;
        }
        taken_paths.insert(path.clone(), row);

        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let file_name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let mut yaml = format!(
            "{}\n# Nhập từ {file_name}, dòng {row}. Kiểm tra lại và bổ sung các mục có \"SỬA\".\n",
            schema_line("procedure", &relative)
        );
        yaml.push_str(&format!("code: {}                # mã thủ tục quốc gia\n", quote(code)));
        yaml.push_str(&format!("name: {}\n", quote(name)));
        yaml.push_str(&format!("field: {}                # lĩnh vực\n", quote(field)));
        yaml.push_str(&format!(
            "level: {level}                # cấp thực hiện: central, province, district, commune\n"
        ));
        if unit_ids.len() == 1 {
            yaml.push_str(&format!("unit: {}                # mã đơn vị thực hiện\n", unit_ids[0].id));
        } else {
            let ids: Vec<&str> = unit_ids.iter().map(|u| u.id.as_str()).collect();
            yaml.push_str(&format!("units: [{}]                # các đơn vị thực hiện\n", ids.join(", ")));
        }
        yaml.push_str(
            "channels: [in_person]          # SỬA: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)\n",
        );
        yaml.push_str(&format!("time:\n  statutory: {}                # thời hạn theo quy định\n", quote(&statutory)));
        if let Some(note) = time_note {
            yaml.push_str(&format!("  note: {}\n", quote(&note)));
        }
        match fee_of(get(Column::Fee)) {
            None => yaml.push_str("fees: []                       # SỬA: phí, lệ phí (chưa có trong bảng tính)\n"),
            Some((amount, note)) => {
                yaml.push_str("fees:\n  - name: \"Phí, lệ phí\"          # SỬA: tên khoản thu\n");
                if let Some(amount) = amount {
                    yaml.push_str(&format!("    amount: {amount}                # đồng; 0 là miễn phí\n"));
                }
                if let Some(note) = note {
                    yaml.push_str(&format!("    note: {}\n", quote(&note)));
                }
            }
        }
        yaml.push_str("papers: []                     # SỬA: thành phần hồ sơ\nsteps: []                      # SỬA: trình tự thực hiện\n");
        yaml.push_str(&format!("updated: {}                # ngày cập nhật\n", today()));

        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Diagnostic::error(Place::file(dir), format!("không tạo được thư mục: {e}")))?;
        }
        std::fs::write(&path, yaml)
            .map_err(|e| Diagnostic::error(Place::file(&path), format!("không ghi được tệp: {e}")))?;
        imported.written.push((row, path));
    }
    Ok(imported)
}

fn non_empty(text: String, fallback: &str) -> String {
    if text.is_empty() { fallback.to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_vietnamese_cells() {
        assert_eq!(column_of("Mã thủ tục"), Some(Column::Code));
        assert_eq!(column_of("Phí, lệ phí"), Some(Column::Fee));
        assert_eq!(column_of("CƠ QUAN THỰC HIỆN"), Some(Column::Unit));
        assert_eq!(level_of("Cấp Tỉnh"), Ok(Some("province")));
        assert_eq!(level_of("Cấp Xã"), Ok(Some("commune")));
        assert!(level_of("Cấp Tỉnh, Cấp Xã").is_err());
        assert_eq!(
            time_of("05 ngày làm việc kể từ ngày nhận đủ hồ sơ"),
            Ok(("05 ngày làm việc".into(), Some("kể từ ngày nhận đủ hồ sơ".into())))
        );
        assert_eq!(time_of("Trong ngày"), Ok(("Trong ngày".into(), None)));
        assert!(time_of("tùy trường hợp").is_err());
        assert_eq!(fee_of("135.000 đồng"), Some((Some(135000), None)));
        assert_eq!(fee_of("Không"), Some((Some(0), None)));
        assert_eq!(fee_of(""), None);
        assert!(is_code("1.004940.000.00.00.H53") && !is_code("1,2") && !is_code("abc"));
    }
}
