//! content/results/*.csv → result rows, exactly as FORMAT.md specifies: UTF-8 with or without
//! BOM, comma or semicolon, columns by name or Vietnamese title in any order, `60.615` counts.

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

/// Every `*.csv` directly in content/results/, sorted.
pub fn load_results(dir: &Path) -> (Vec<ResultRow>, Vec<Diagnostic>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match read_source(&file) {
            Ok(text) => load_file(&file, &text, &mut rows, &mut problems),
            Err(problem) => problems.push(problem),
        }
    }
    (rows, problems)
}

/// What a header cell names.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    Key(usize),
    Count(usize),
}

fn normalize(header: &str) -> String {
    header.trim().trim_matches('"').split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn column_of(header: &str) -> Option<Column> {
    let wanted = normalize(header);
    let folded = fold(&wanted);
    let matches = |name: &str, title: &str| wanted == name || wanted == title.to_lowercase() || folded == fold(title);
    KEY_COLUMNS
        .iter()
        .position(|(n, t)| matches(n, t))
        .map(Column::Key)
        .or_else(|| COUNT_COLUMNS.iter().position(|(n, t, _)| matches(n, t)).map(Column::Count))
}

fn load_file(file: &Path, text: &str, rows: &mut Vec<ResultRow>, problems: &mut Vec<Diagnostic>) {
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.push(Diagnostic::error(Place::at(file, 1, 1), format!("không đọc được dòng tiêu đề: {e}")));
            return;
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let column_at = |line: u64, index: usize| -> u64 {
        let Some(raw) = lines.get(line.saturating_sub(1) as usize) else { return 1 };
        let before: usize = raw.split(delimiter as char).take(index).map(|f| f.chars().count() + 1).sum();
        before as u64 + 1
    };

    // Header: every column known, the required ones present.
    let mut columns = Vec::with_capacity(headers.len());
    let mut header_ok = true;
    for (i, header) in headers.iter().enumerate() {
        match column_of(header) {
            Some(column) => columns.push(Some(column)),
            None if header.trim().is_empty() => columns.push(None),
            None => {
                header_ok = false;
                let names = KEY_COLUMNS.iter().map(|(n, _)| *n).chain(COUNT_COLUMNS.iter().map(|(n, _, _)| *n));
                let near = did_you_mean(header.trim(), names);
                problems.push(
                    Diagnostic::error(
                        Place::at(file, 1, column_at(1, i)),
                        format!("cột `{}` không có trong định dạng (unknown column)", header.trim()),
                    )
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
            Diagnostic::error(Place::at(file, 1, 1), format!("thiếu cột bắt buộc: {}", missing.join(", ")))
                .with_hint("dòng đầu tiên là tên cột (hoặc tiêu đề tiếng Việt) theo FORMAT.md"),
        );
        return;
    }
    if !header_ok {
        return;
    }

    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(Diagnostic::error(Place::at(file, line, 1), format!("dòng không đọc được: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            problems.push(
                Diagnostic::error(
                    Place::at(file, line, 1),
                    format!("dòng có {} ô nhưng tiêu đề có {} cột", record.len(), headers.len()),
                )
                .with_hint(format!(
                    "mỗi dòng có đúng {} ô, ngăn cách bằng `{}`; ô trống vẫn cần dấu ngăn cách",
                    headers.len(),
                    delimiter as char
                )),
            );
            continue;
        }
        let mut period = None;
        let mut unit = None;
        let mut procedure = None;
        let mut counts = Counts::default();
        let mut ok = true;
        for (i, value) in record.iter().enumerate() {
            let place = Place::at(file, line, column_at(line, i));
            let value = value.trim();
            match columns[i] {
                None => {}
                Some(Column::Key(0)) => match Period::parse(value) {
                    Ok(p) => period = Some(p),
                    Err(why) => {
                        ok = false;
                        problems.push(Diagnostic::error(place, why));
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
    let groups: Vec<&str> = compact.split('.').collect();
    let grouped_ok = groups.len() == 1
        || (groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3));
    let digits = groups.concat();
    if !grouped_ok || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("`{text}` không phải số nguyên"));
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
