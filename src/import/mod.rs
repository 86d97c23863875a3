//! `congkhai import thu-tuc FILE [--unit ID]`: the list a province publishes with its
//! "Quyết định công bố" (.xlsx or .csv) becomes one YAML file per procedure. Columns are found
//! by their Vietnamese titles in any order; title rows, a `(1) (2) …` numbering row and
//! heading rows ("A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH", "I. Lĩnh vực Hộ tịch") are understood;
//! merged cells fill down. Never overwrites an existing file without `force`; every row it
//! cannot read is reported at its cell, and what it could not carry is counted.

mod sheet;
pub mod words;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Place, did_you_mean};
use crate::model::duration::{Duration, Wording};
use crate::scaffold::{quote, schema_line, today};
use crate::text::{fold, slugify};
use sheet::{Cell, read_rows};
pub use sheet::{MAX_COLUMNS, MAX_ROWS, cell_name};
use words::{FeeLine, fees_of, heading_of, legal_bases, level_in};

/// A column of the published list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Number,
    Code,
    Name,
    Field,
    Level,
    Time,
    Place,
    Fee,
    Legal,
    Unit,
}

/// A header title, folded: no diacritics, lower case, one space, no `(nếu có)` or `(1)`.
fn normalize_title(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::new();
    let mut depth = 0;
    for c in folded.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1_i32).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches([':', '*', '.']).trim().to_string()
}

fn column_of(title: &str) -> Option<Column> {
    let t = normalize_title(title);
    if t.is_empty() {
        return None;
    }
    let has = |w: &str| t.contains(w);
    Some(match t.as_str() {
        "stt" | "tt" | "so tt" | "so thu tu" => Column::Number,
        "code" | "ma" => Column::Code,
        "name" | "ten" => Column::Name,
        "field" => Column::Field,
        "level" | "cap" => Column::Level,
        "time" => Column::Time,
        "fee" | "fees" => Column::Fee,
        "unit" | "co quan" | "don vi" => Column::Unit,
        _ if t.starts_with("ma ") && (has("tthc") || has("thu tuc") || t.starts_with("ma so") || has("ho so")) => {
            Column::Code
        }
        _ if t.starts_with("ten ") && (has("thu tuc") || has("tthc")) => Column::Name,
        _ if has("linh vuc") => Column::Field,
        _ if has("cap thuc hien") || has("cap giai quyet") => Column::Level,
        _ if has("thoi han") || has("thoi gian giai quyet") => Column::Time,
        _ if has("dia diem") || has("noi tiep nhan") || has("noi nop") => Column::Place,
        _ if has("can cu") => Column::Legal,
        _ if has("co quan") || has("don vi thuc hien") || has("don vi giai quyet") => Column::Unit,
        _ if t.split(|c: char| !c.is_alphanumeric()).any(|w| w == "phi") => Column::Fee,
        _ => return None,
    })
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
    /// Information the spreadsheet gave that the files could not carry as a fact, counted by kind.
    pub not_carried: Vec<(String, usize)>,
}

impl Imported {
    fn count(&mut self, what: &str) {
        match self.not_carried.iter_mut().find(|(k, _)| k == what) {
            Some((_, n)) => *n += 1,
            None => self.not_carried.push((what.to_string(), 1)),
        }
    }
}

/// A unit as both imports match it: by id or by name, and its kind.
pub(crate) struct UnitInfo {
    pub id: String,
    pub name: String,
    /// `other` when units.yaml does not say.
    pub kind: String,
}

/// The units of `content/units.yaml`, read loosely: an import only matches against them
/// (`check` is what reports a wrong entry).
pub(crate) fn read_units(path: &Path) -> Result<Vec<UnitInfo>, Diagnostic> {
    let text = crate::load::read_source(path)?;
    let list: Vec<serde_json::Value> = crate::yaml::parse(path, &text)?;
    Ok(list
        .iter()
        .filter_map(|u| {
            Some(UnitInfo {
                id: u["id"].as_str()?.to_string(),
                name: u["name"].as_str().unwrap_or("").to_string(),
                kind: u["kind"].as_str().unwrap_or("other").to_string(),
            })
        })
        .collect())
}

/// Every procedure file under procedures/ by the code written in it.
/// Both imports use it to find the file that already holds a code; in file-name order, the
/// first file wins, so a site with a duplicated code always refreshes the same file.
pub(crate) fn code_files(root: &Path) -> HashMap<String, PathBuf> {
    let mut map = HashMap::new();
    for entry in walkdir::WalkDir::new(root.join("procedures")).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !entry.path().extension().is_some_and(|x| x == "yaml" || x == "yml") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        if let Some(code) = text
            .lines()
            .find_map(|l| l.strip_prefix("code:"))
            .map(|v| v.split(" #").next().unwrap_or(v).trim().trim_matches(['"', '\'']).to_string())
        {
            map.entry(code).or_insert_with(|| entry.path().to_path_buf());
        }
    }
    map
}

/// A published time in words.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeWords {
    /// A duration the format reads (`15 ngày`, `05 ngày làm việc`, `trong ngày`).
    pub statutory: Option<String>,
    /// The words as published, when they are no duration ("Ngay sau khi nhận đủ hồ sơ").
    pub text: Option<String>,
    /// What the words say beyond the duration ("kể từ ngày nhận đủ hồ sơ hợp lệ").
    pub note: Option<String>,
}

/// "Không quá 05 ngày làm việc kể từ…", "30 ngày (không kể thời gian bổ sung hồ sơ)",
/// "Trong ngày làm việc", "01 tháng": a duration the format reads, the rest a note; words
/// with no one duration ("Ngay sau khi nhận đủ hồ sơ") are kept as written (`time.text`).
pub fn time_of(cell: &str) -> TimeWords {
    let text = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.trim().trim_end_matches(['.', ';']).trim().to_string();
    if text.is_empty() {
        return TimeWords::default();
    }
    match Duration::from_wording(&text) {
        Wording::Duration { duration, note } => {
            let statutory = match duration {
                Duration::SameDay => "trong ngày".to_string(),
                other => other.to_string(),
            };
            let note = note.map(|n| {
                let n = n.trim();
                match n.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
                    Some(inner) if !inner.contains(['(', ')']) => inner.trim().to_string(),
                    _ => n.to_string(),
                }
            });
            TimeWords { statutory: Some(statutory), text: None, note: note.filter(|n| !n.is_empty()) }
        }
        Wording::Text => TimeWords { statutory: None, text: Some(text), note: None },
    }
}

/// Whether every filled cell of a row is a column number: `(1) (2) …` or `1 2 3 …`.
fn is_numbering_row(cells: &[Cell]) -> bool {
    let filled: Vec<&str> = cells.iter().map(|c| c.text.trim()).filter(|c| !c.is_empty()).collect();
    filled.len() >= 3
        && filled.iter().enumerate().all(|(i, c)| {
            let n = c.trim_start_matches('(').trim_end_matches(')');
            n.parse::<usize>().is_ok_and(|n| n == i + 1)
        })
}

/// A file name from a procedure name: ASCII, never longer than a file system allows.
fn file_slug(name: &str) -> String {
    const LIMIT: usize = 80;
    let slug = slugify(name);
    if slug.len() <= LIMIT {
        return non_empty(slug, "thu-tuc");
    }
    let cut = slug[..LIMIT].rfind('-').unwrap_or(LIMIT);
    non_empty(slug[..cut].to_string(), "thu-tuc")
}

/// Imports `file` into the site at `root`; rows of no level or a non-commune level go to `unit`.
pub fn import_procedures(root: &Path, file: &Path, force: bool) -> Result<Imported, Diagnostic> {
    import_procedures_for(root, file, None, force)
}

/// Like [`import_procedures`], with the unit (`--unit ID`) of rows that name none.
pub fn import_procedures_for(
    root: &Path,
    file: &Path,
    default_unit: Option<&str>,
    force: bool,
) -> Result<Imported, Diagnostic> {
    let units = read_units(&root.join("content/units.yaml"))?;
    if let Some(id) = default_unit
        && !units.iter().any(|u| u.id == id)
    {
        let near = did_you_mean(id, units.iter().map(|u| u.id.as_str()));
        return Err(Diagnostic::error(
            Place::file(root.join("content/units.yaml")),
            format!("`--unit {id}`: không có đơn vị này trong content/units.yaml"),
        )
        .with_hint(match near {
            Some(near) => format!("có phải ý bạn là `--unit {near}`?"),
            None => "ghi mã (`id`) của một đơn vị trong content/units.yaml".into(),
        }));
    }
    let rows = read_rows(file)?;
    // The header is the first row that names a code and a name column (title rows may come first).
    let Some(header_index) = rows.iter().take(40).position(|(_, cells)| {
        let columns: Vec<_> = cells.iter().filter_map(|c| column_of(&c.text)).collect();
        columns.contains(&Column::Code) && columns.contains(&Column::Name)
    }) else {
        return Err(Diagnostic::error(Place::file(file), "không tìm thấy dòng tiêu đề có cột mã thủ tục và tên thủ tục")
            .with_hint("dòng tiêu đề cần ít nhất hai cột \"Mã TTHC\" (hoặc \"Mã thủ tục\") và \"Tên thủ tục hành chính\"; có thể thêm: Lĩnh vực, Cấp thực hiện, Thời hạn giải quyết, Địa điểm thực hiện, Phí, lệ phí, Căn cứ pháp lý, Cơ quan thực hiện"));
    };
    let (header_row, header) = &rows[header_index];
    let mut position: HashMap<Column, usize> = HashMap::new();
    let mut unknown_columns: Vec<(usize, String)> = Vec::new();
    for (i, title) in header.iter().enumerate() {
        match column_of(&title.text) {
            Some(column) => {
                if let Some(first) = position.get(&column) {
                    return Err(Diagnostic::error(
                        Place::at(file, *header_row, i as u64 + 1),
                        format!(
                            "cột `{}` có hai lần (ô {} và ô {})",
                            crate::diagnostics::clip(&title.text, 60),
                            cell_name(*header_row, *first as u64 + 1),
                            cell_name(*header_row, i as u64 + 1)
                        ),
                    )
                    .with_hint("mỗi cột chỉ một lần: xóa hoặc đổi tên một trong hai cột"));
                }
                position.insert(column, i);
            }
            None if !title.text.trim().is_empty() => {
                unknown_columns.push((i, title.text.split_whitespace().collect::<Vec<_>>().join(" ")))
            }
            None => {}
        }
    }
    let has_unit_column = position.contains_key(&Column::Unit);

    let existing = code_files(root);
    let mut seen_codes: HashMap<String, u64> = HashMap::new();
    let mut taken_paths: HashMap<PathBuf, u64> = HashMap::new();
    let mut imported = Imported::default();
    let mut heading_level: Option<&'static str> = None;
    let mut heading_field: Option<String> = None;
    for (row, cells) in &rows[header_index + 1..] {
        let row = *row;
        if cells.iter().all(|c| c.text.trim().is_empty()) || is_numbering_row(cells) {
            continue;
        }
        let get =
            |column: Column| position.get(&column).and_then(|i| cells.get(*i)).map(|c| c.text.trim()).unwrap_or("");
        let column_no = |column: Column| position.get(&column).map(|i| *i as u64 + 1).unwrap_or(1);
        let problem =
            |column: Column, message: String| Diagnostic::error(Place::at(file, row, column_no(column)), message);

        let code = get(Column::Code);
        let name = get(Column::Name).split_whitespace().collect::<Vec<_>>().join(" ");
        // A heading row: no code, one text (merged across, or in one cell).
        if code.is_empty() || (code == name && !is_code(code)) {
            let mut texts: Vec<&str> =
                cells.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>();
            texts.dedup();
            let number_first = texts.first().is_some_and(|t| t.chars().all(|c| c.is_ascii_digit() || c == '.'));
            let text = if number_first && texts.len() == 2 { texts[1] } else { texts.first().copied().unwrap_or("") };
            if texts.len() == 1 || (number_first && texts.len() == 2) {
                if let Some(heading) = heading_of(text) {
                    if let Some(level) = heading.level {
                        heading_level = Some(level);
                        heading_field = None;
                    }
                    if let Some(field) = heading.field {
                        heading_field = Some(field);
                    }
                } else {
                    imported.count("dòng tiêu đề nhóm không hiểu được (bỏ qua)");
                }
                continue;
            }
        }
        if code.is_empty() {
            imported.problems.push(
                problem(Column::Code, "dòng này thiếu mã thủ tục".into())
                    .with_hint("điền mã thủ tục quốc gia, ví dụ 1.002804"),
            );
            continue;
        }
        let code_cell = position.get(&Column::Code).and_then(|i| cells.get(*i));
        if code_cell.is_some_and(|c| c.number) {
            imported.problems.push(
                problem(
                    Column::Code,
                    format!(
                        "ô {}: mã thủ tục `{code}` được lưu dạng số, Excel có thể đã bỏ số 0 ở cuối",
                        cell_name(row, column_no(Column::Code))
                    ),
                )
                .with_hint("trong Excel chọn cột mã → Format Cells → Text, gõ lại mã đúng như công bố (ví dụ `1.000890`), rồi nhập lại"),
            );
            continue;
        }
        if !is_code(code) {
            imported.problems.push(
                problem(Column::Code, format!("mã thủ tục `{}` không hợp lệ", crate::diagnostics::clip(code, 40)))
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
        let field = match get(Column::Field) {
            "" => heading_field.clone().unwrap_or_default(),
            written => written.split_whitespace().collect::<Vec<_>>().join(" "),
        };
        if field.is_empty() {
            imported.problems.push(
                problem(Column::Field, "dòng này thiếu lĩnh vực".into())
                    .with_hint("thêm cột \"Lĩnh vực\", hoặc một dòng tiêu đề nhóm \"I. Lĩnh vực …\" phía trên"),
            );
            continue;
        }
        // Units: ids or names, several separated by `;` or new lines.
        let mut unit_ids: Vec<&UnitInfo> = Vec::new();
        let mut unmatched: Option<String> = None;
        for wanted in get(Column::Unit).split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()) {
            let folded = fold(wanted);
            match units.iter().find(|u| u.id == wanted || fold(&u.name) == folded) {
                Some(unit) => unit_ids.push(unit),
                None => unmatched = Some(wanted.to_string()),
            }
        }
        let written_level = get(Column::Level);
        let level = match level_in(written_level) {
            Some(level) => level,
            None if !written_level.is_empty() => {
                imported.problems.push(
                    problem(
                        Column::Level,
                        format!("không hiểu cấp thực hiện `{}`", crate::diagnostics::clip(written_level, 60)),
                    )
                    .with_hint("ghi một trong: Trung ương, Tỉnh, Huyện, Xã (mỗi dòng một cấp)"),
                );
                continue;
            }
            None => match (heading_level, unit_ids.first().map(|u| u.kind.as_str())) {
                (Some(level), _) => level,
                (None, Some("commune")) => "commune",
                (None, Some("district")) => "district",
                _ => "province",
            },
        };
        enum Target<'a> {
            Units(Vec<&'a UnitInfo>),
            Communes,
        }
        let target = if !unit_ids.is_empty() && unmatched.is_none() {
            Target::Units(unit_ids)
        } else if level == "commune" {
            Target::Communes
        } else if let Some(id) = default_unit {
            if unmatched.is_some() {
                imported.count("cơ quan thực hiện không có trong content/units.yaml (đã dùng --unit)");
            }
            Target::Units(units.iter().filter(|u| u.id == id).collect())
        } else if let Some(wanted) = unmatched {
            let near = did_you_mean(&wanted, units.iter().map(|u| u.name.as_str()))
                .or_else(|| did_you_mean(&wanted, units.iter().map(|u| u.id.as_str())));
            imported.problems.push(
                problem(Column::Unit, format!("không có đơn vị `{}` trong content/units.yaml", crate::diagnostics::clip(&wanted, 80)))
                    .with_hint(match near {
                        Some(near) => format!("có phải ý bạn là `{near}`?"),
                        None => "ghi mã (`id`) hoặc tên đúng như trong content/units.yaml, hoặc nhập với `--unit ID` để giao các thủ tục này cho một đơn vị".into(),
                    }),
            );
            continue;
        } else {
            imported
                .problems
                .push(problem(Column::Unit, "dòng này không có cơ quan thực hiện".into()).with_hint(if has_unit_column {
                "điền cột \"Cơ quan thực hiện\", hoặc nhập với `--unit ID`".to_string()
            } else {
                "nhập với `--unit ID` (mã đơn vị trong content/units.yaml) để giao các thủ tục cấp tỉnh cho một đơn vị"
                    .to_string()
            }));
            continue;
        };

        let time = time_of(get(Column::Time));
        if time.statutory.is_none() && time.text.is_none() {
            imported.problems.push(
                problem(Column::Time, "dòng này thiếu thời hạn giải quyết".into())
                    .with_hint("điền thời hạn như đã công bố, ví dụ `05 ngày làm việc`"),
            );
            continue;
        }

        let path = match existing.get(code) {
            Some(path) => path.clone(),
            None => {
                let folder = root.join("procedures").join(file_slug(&field));
                let mut path = folder.join(format!("{}.yaml", file_slug(&name)));
                if taken_paths.contains_key(&path) || (path.exists() && !force) {
                    path = folder.join(format!("{}-{}.yaml", file_slug(&name), code.replace('.', "-").to_lowercase()));
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
        let mut yaml = format!(
            "{}\n# Nhập từ bảng tính, dòng {row}. Kiểm tra lại và bổ sung các mục có \"SỬA\".\n",
            schema_line("procedure", &relative)
        );
        yaml.push_str(&format!("code: {}                # mã thủ tục quốc gia\n", quote(code)));
        yaml.push_str(&format!("name: {}\n", quote(&name)));
        yaml.push_str(&format!("field: {}                # lĩnh vực\n", quote(&field)));
        yaml.push_str(&format!(
            "level: {level}                # cấp thực hiện: central, province, district, commune\n"
        ));
        match &target {
            Target::Units(list) if list.len() == 1 => {
                yaml.push_str(&format!("unit: {}                # mã đơn vị thực hiện\n", list[0].id))
            }
            Target::Units(list) => {
                let ids: Vec<&str> = list.iter().map(|u| u.id.as_str()).collect();
                yaml.push_str(&format!("units: [{}]                # các đơn vị thực hiện\n", ids.join(", ")));
            }
            Target::Communes => yaml.push_str("units: { kind: commune }       # mọi xã, phường\n"),
        }
        let place = get(Column::Place).split_whitespace().collect::<Vec<_>>().join(" ");
        if !place.is_empty() {
            yaml.push_str(&format!("submit_at: {}\n", quote(&place)));
        }
        yaml.push_str(
            "channels: [in_person]          # SỬA: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)\n",
        );
        yaml.push_str("time:\n");
        if let Some(statutory) = &time.statutory {
            yaml.push_str(&format!("  statutory: {}                # thời hạn theo quy định\n", quote(statutory)));
        }
        if let Some(text) = &time.text {
            imported.count("thời hạn không phải một số ngày (ghi nguyên văn vào `time.text`)");
            yaml.push_str(&format!("  text: {}                # thời hạn như đã công bố\n", quote(text)));
        }
        if let Some(note) = &time.note {
            yaml.push_str(&format!("  note: {}\n", quote(note)));
        }
        match fees_of(get(Column::Fee)) {
            None => {
                imported.count("thủ tục chưa có phí, lệ phí trong bảng tính (trang ghi \"Chưa có thông tin\")");
                yaml.push_str("# fees: SỬA: phí, lệ phí chưa có trong bảng tính; ghi `amount: 0` nếu miễn phí\n");
            }
            Some(lines) => {
                yaml.push_str("fees:\n");
                for FeeLine { name, amount, note } in lines {
                    yaml.push_str(&format!("  - name: {}\n", quote(&name)));
                    match amount {
                        Some(amount) => {
                            yaml.push_str(&format!("    amount: {amount}                # đồng; 0 là miễn phí\n"))
                        }
                        None => imported.count("khoản phí chỉ ghi bằng lời, chưa có số tiền (giữ trong `note`)"),
                    }
                    if let Some(note) = note {
                        yaml.push_str(&format!("    note: {}\n", quote(&note)));
                    }
                }
            }
        }
        yaml.push_str("papers: []                     # SỬA: thành phần hồ sơ\nsteps: []                      # SỬA: trình tự thực hiện\n");
        let bases = legal_bases(get(Column::Legal));
        if !bases.is_empty() {
            yaml.push_str("legal_basis:\n");
            for basis in bases {
                yaml.push_str(&format!("  - {}\n", quote(&basis)));
            }
        }
        yaml.push_str(&format!("updated: {}                # ngày cập nhật\n", today()));
        for (i, title) in &unknown_columns {
            if cells.get(*i).is_some_and(|c| !c.text.trim().is_empty()) {
                imported
                    .count(&format!("ô của cột \"{}\" (không có khóa tương ứng)", crate::diagnostics::clip(title, 40)));
            }
        }

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
    fn finds_columns_by_their_published_titles() {
        assert_eq!(column_of("Mã thủ tục"), Some(Column::Code));
        assert_eq!(column_of("Mã số\nTTHC"), Some(Column::Code));
        assert_eq!(column_of("TÊN THỦ TỤC HÀNH CHÍNH"), Some(Column::Name));
        assert_eq!(column_of("Phí, lệ phí (nếu có)"), Some(Column::Fee));
        assert_eq!(column_of("Căn cứ pháp lý"), Some(Column::Legal));
        assert_eq!(column_of("Địa điểm thực hiện"), Some(Column::Place));
        assert_eq!(column_of("CƠ QUAN THỰC HIỆN"), Some(Column::Unit));
        assert_eq!(column_of("Thời hạn giải quyết"), Some(Column::Time));
        assert_eq!(column_of("STT"), Some(Column::Number));
        assert_eq!(column_of("Ghi chú"), None);
        assert!(is_code("1.004940.000.00.00.H53") && !is_code("1,2") && !is_code("abc"));
    }

    #[test]
    fn times_in_words() {
        let t = |s: &str| time_of(s);
        assert_eq!(t("05 ngày làm việc kể từ ngày nhận đủ hồ sơ").statutory.as_deref(), Some("5 ngày làm việc"));
        assert_eq!(t("05 ngày làm việc kể từ ngày nhận đủ hồ sơ").note.as_deref(), Some("kể từ ngày nhận đủ hồ sơ"));
        assert_eq!(t("Không quá 05 ngày làm việc").statutory.as_deref(), Some("5 ngày làm việc"));
        assert_eq!(t("5 ngày làm việc.").statutory.as_deref(), Some("5 ngày làm việc"));
        assert_eq!(t("Trong ngày làm việc"), TimeWords { statutory: Some("trong ngày".into()), ..Default::default() });
        let thirty = t("30 ngày (không kể thời gian bổ sung hồ sơ)");
        assert_eq!(thirty.statutory.as_deref(), Some("30 ngày"));
        assert_eq!(thirty.note.as_deref(), Some("không kể thời gian bổ sung hồ sơ"));
        assert_eq!(t("Theo thỏa thuận").text.as_deref(), Some("Theo thỏa thuận"));
        assert_eq!(t("01 tháng").statutory.as_deref(), Some("1 tháng"));
    }

    #[test]
    fn long_names_give_short_file_names() {
        let name = "Thủ tục cấp giấy chứng nhận ".repeat(12);
        let slug = file_slug(&name);
        assert!(slug.len() <= 80 && !slug.ends_with('-'), "{slug}");
    }
}
