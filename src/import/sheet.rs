//! Reading a spreadsheet as a clerk's office saves it: the first sheet of an .xlsx (merged
//! cells filled from their top-left cell), an .xls/.ods, or a CSV/tab-separated text file.
//! Sizes are checked before anything is read: a crafted file never gets to ask for memory.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Place};

/// A cell as text, and whether the spreadsheet stored it as a number (codes must be text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub number: bool,
}

/// One row: its 1-based number in the sheet (or line in a CSV file) and its cells.
pub type Rows = Vec<(u64, Vec<Cell>)>;

/// Largest spreadsheet file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Largest total size of an .xlsx's parts once unzipped.
pub const MAX_UNZIPPED_BYTES: u64 = 200 * 1024 * 1024;
/// Most rows and columns of a sheet: a province's list has a few thousand rows, a dozen columns.
pub const MAX_ROWS: u32 = 20_000;
pub const MAX_COLUMNS: u32 = 100;
/// Most merged regions read from one sheet.
const MAX_MERGES: usize = 50_000;
/// Longest cell kept, in characters (a whole legal text in one cell is still far below this).
const MAX_CELL_CHARS: usize = 20_000;

/// `B7`: the name Excel shows for a cell (row and column from 1).
pub fn cell_name(row: u64, column: u64) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

fn too_big(file: &Path, what: String) -> Diagnostic {
    Diagnostic::error(Place::file(file), format!("bảng tính quá lớn: {what}")).with_hint(format!(
        "danh mục thủ tục chỉ cần một trang tính tới {} dòng, {} cột: xóa các dòng, cột thừa (hoặc chép danh mục sang một tệp mới) rồi nhập lại",
        MAX_ROWS, MAX_COLUMNS
    ))
}

/// Reads the first sheet of `file` (.xlsx, .xlsm, .xls, .ods) or a text table (.csv, .txt, .tsv).
pub fn read_rows(file: &Path) -> Result<Rows, Diagnostic> {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let size = std::fs::metadata(file)
        .map_err(|e| {
            Diagnostic::error(Place::file(file), format!("không đọc được tệp: {}", crate::load::io_reason(&e)))
        })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(too_big(
            file,
            format!("{} MB, giới hạn {} MB", size / (1024 * 1024), MAX_FILE_BYTES / (1024 * 1024)),
        ));
    }
    match extension.as_str() {
        "csv" | "txt" | "tsv" => read_text(file),
        "xlsx" | "xlsm" => read_xlsx(file),
        "xls" | "ods" => read_other(file),
        _ => Err(Diagnostic::error(Place::file(file), format!("không đọc được tệp `.{extension}`"))
            .with_hint("lưu bảng tính thành .xlsx hoặc .csv (UTF-8) rồi nhập lại")),
    }
}

fn text_cell(text: &str) -> Cell {
    let text = if text.chars().count() > MAX_CELL_CHARS {
        text.chars().take(MAX_CELL_CHARS).collect()
    } else {
        text.to_string()
    };
    Cell { text: text.trim().to_string(), number: false }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

/// The unzipped size of every part, summed from the zip's directory, before any part is read.
fn check_unzipped_size(file: &Path) -> Result<(), Diagnostic> {
    let unreadable = |e: String| {
        Diagnostic::error(Place::file(file), format!("không mở được bảng tính: {e}"))
            .with_hint("mở tệp trong Excel, lưu lại thành .xlsx rồi nhập lại")
    };
    let reader = std::fs::File::open(file).map_err(|e| unreadable(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(reader).map_err(|e| unreadable(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| unreadable(e.to_string()))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(too_big(
            file,
            format!("giải nén ra {} MB, giới hạn {} MB", total / (1024 * 1024), MAX_UNZIPPED_BYTES / (1024 * 1024)),
        ));
    }
    Ok(())
}

fn read_xlsx(file: &Path) -> Result<Rows, Diagnostic> {
    use calamine::{DataRef, Reader};
    check_unzipped_size(file)?;
    let unreadable = |e: String| Diagnostic::error(Place::file(file), format!("không mở được bảng tính: {e}"));
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(file).map_err(|e| unreadable(format!("{e}")))?;
    let name = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Diagnostic::error(Place::file(file), "bảng tính không có trang tính nào"))?;
    let merges = workbook.merge_cells_by_sheet_name(&name).map_err(|e| unreadable(format!("{e}")))?;
    if merges.len() > MAX_MERGES {
        return Err(too_big(file, format!("{} vùng gộp ô", merges.len())));
    }
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(|e| unreadable(format!("{e}")))?;
    // The size the sheet declares, checked before a single cell is read.
    let declared = reader.dimensions();
    if declared.end.0 >= MAX_ROWS || declared.end.1 >= MAX_COLUMNS {
        return Err(too_big(
            file,
            format!(
                "trang tính khai báo vùng tới ô {}",
                cell_name(declared.end.0 as u64 + 1, declared.end.1 as u64 + 1)
            ),
        ));
    }
    let mut grid: Vec<Vec<Cell>> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(format!("{e}")))? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(too_big(file, format!("có dữ liệu ở ô {}", cell_name(row as u64 + 1, column as u64 + 1))));
        }
        let value = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => text_cell(s),
            DataRef::SharedString(s) => text_cell(s),
            DataRef::Float(f) => Cell { text: number_text(*f), number: true },
            DataRef::Int(i) => Cell { text: i.to_string(), number: true },
            DataRef::Bool(b) => text_cell(&b.to_string()),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
            DataRef::DateTime(d) => Cell { text: number_text(d.as_f64()), number: true },
            DataRef::Error(e) => text_cell(&format!("#{e:?}")),
        };
        let (row, column) = (row as usize, column as usize);
        if grid.len() <= row {
            grid.resize(row + 1, Vec::new());
        }
        if grid[row].len() <= column {
            grid[row].resize(column + 1, Cell::default());
        }
        grid[row][column] = value;
    }
    // Merged cells: every cell of a region reads as its top-left cell.
    for region in merges {
        let (top, left) = (region.start.0 as usize, region.start.1 as usize);
        let (bottom, right) = (region.end.0.min(MAX_ROWS - 1) as usize, region.end.1.min(MAX_COLUMNS - 1) as usize);
        let Some(value) = grid.get(top).and_then(|r| r.get(left)).cloned() else { continue };
        if value.text.is_empty() {
            continue;
        }
        if grid.len() <= bottom {
            grid.resize(bottom + 1, Vec::new());
        }
        for row in grid.iter_mut().take(bottom + 1).skip(top) {
            if row.len() <= right {
                row.resize(right + 1, Cell::default());
            }
            for cell in row.iter_mut().take(right + 1).skip(left) {
                if cell.text.is_empty() {
                    *cell = value.clone();
                }
            }
        }
    }
    Ok(grid.into_iter().enumerate().map(|(i, cells)| (i as u64 + 1, cells)).collect())
}

fn read_other(file: &Path) -> Result<Rows, Diagnostic> {
    use calamine::{Data, Reader};
    let mut workbook = calamine::open_workbook_auto(file)
        .map_err(|e| Diagnostic::error(Place::file(file), format!("không mở được bảng tính: {e}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| Diagnostic::error(Place::file(file), "bảng tính không có trang tính nào"))?
        .map_err(|e| Diagnostic::error(Place::file(file), format!("không đọc được trang tính đầu tiên: {e}")))?;
    let (height, width) = range.get_size();
    if height > MAX_ROWS as usize || width > MAX_COLUMNS as usize {
        return Err(too_big(file, format!("{height} dòng, {width} cột")));
    }
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let first_column = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![Cell::default(); first_column];
            cells.extend(row.iter().map(|cell| match cell {
                Data::Empty => Cell::default(),
                Data::String(s) => text_cell(s),
                Data::Float(f) => Cell { text: number_text(*f), number: true },
                Data::Int(i) => Cell { text: i.to_string(), number: true },
                other => text_cell(&other.to_string()),
            }));
            (first_row + i as u64 + 1, cells)
        })
        .collect())
}

fn read_text(file: &Path) -> Result<Rows, Diagnostic> {
    let text = crate::load::read_source(file)?;
    let head: Vec<&str> = text.lines().take(30).collect();
    let count = |d: char| head.iter().map(|l| l.matches(d).count()).sum::<usize>();
    let delimiter = [b'\t', b';', b','].into_iter().max_by_key(|d| count(*d as char)).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Diagnostic::error(Place::at(file, line, 1), format!("dòng không đọc được: {e}"))
        })?;
        if rows.len() >= MAX_ROWS as usize || record.len() > MAX_COLUMNS as usize {
            return Err(too_big(file, format!("hơn {MAX_ROWS} dòng hoặc {MAX_COLUMNS} cột")));
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        rows.push((line, record.iter().map(text_cell).collect()));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_as_excel_shows_them() {
        assert_eq!(cell_name(7, 2), "B7");
        assert_eq!(cell_name(1, 26), "Z1");
        assert_eq!(cell_name(3, 27), "AA3");
    }
}
