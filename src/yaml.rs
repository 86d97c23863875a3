//! The one place that knows about YAML: parse with serde-saphyr and turn its terse errors
//! into plain-Vietnamese diagnostics that name the key, the value and what to write instead.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{Location, Spanned};

use crate::diagnostics::{Diagnostic, Place, did_you_mean};

/// A value with the line and column where it was written.
pub type Located<T> = Spanned<T>;

/// Parses one YAML document; on failure, one diagnostic at the exact place.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    parse_raw(file, text).map_err(|(diagnostic, _)| diagnostic)
}

/// Like [`parse`], and the serde message behind the diagnostic.
fn parse_raw<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, (Diagnostic, String)> {
    if let Some(problem) = missing_opening_quote(file, text) {
        return Err((problem, String::new()));
    }
    serde_saphyr::from_str(text).map_err(|error| {
        let (line, column) = error.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
        let raw = error.without_snippet().to_string();
        let message = strip_location_suffix(&raw).to_string();
        (explain(Place::at(file, line, column), &message, text), message)
    })
}

/// Most mistakes reported from one file in one run.
const MAX_RECOVERED: usize = 20;

/// Parses like [`parse`], but goes on after a wrong value, an unknown key or a key written
/// twice: the value is replaced by a stand-in of the right type (or the line is set aside)
/// and the file read again, so that every such mistake of a file is reported in one run.
/// The value comes back (built with stand-ins) when only such mistakes were found; it must
/// then never be published, only checked further: the problems carry errors.
pub fn parse_recovering<T: DeserializeOwned>(file: &Path, text: &str) -> (Option<T>, Vec<Diagnostic>) {
    let mut text = text.to_string();
    let mut problems: Vec<Diagnostic> = Vec::new();
    loop {
        match parse_raw::<T>(file, &text) {
            Ok(value) => return (Some(value), problems),
            Err((diagnostic, message)) => {
                let patched = stand_in(&text, diagnostic.place.line, &message);
                let repeated = problems.iter().any(|p| p.place == diagnostic.place);
                if !repeated {
                    problems.push(diagnostic);
                }
                match patched {
                    Some(patched) if !repeated && patched != text && problems.len() < MAX_RECOVERED => text = patched,
                    _ => return (None, problems),
                }
            }
        }
    }
}

/// The text with the mistake at `line` replaced by something of the right type, if we can.
fn stand_in(text: &str, line: u64, message: &str) -> Option<String> {
    let index = usize::try_from(line).ok()?.checked_sub(1)?;
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let current = lines.get(index)?.clone();
    let indent = current.len() - current.trim_start().len();
    let set_aside = |lines: &mut Vec<String>| {
        // The key's line and the lines under it become comments.
        lines[index] = format!("{}# {}", " ".repeat(indent), current.trim_start());
        for next in lines.iter_mut().skip(index + 1) {
            let next_indent = next.len() - next.trim_start().len();
            if next.trim().is_empty() || next_indent <= indent && !next.trim_start().starts_with('#') {
                break;
            }
            *next = format!("{}# {}", " ".repeat(next_indent), next.trim_start());
        }
    };
    if message.starts_with("unknown field") || message.starts_with("duplicate mapping key") {
        if current.trim_start().starts_with("- ") {
            return None;
        }
        set_aside(&mut lines);
        return Some(lines.join("\n"));
    }
    let typed = ["invalid type", "invalid value", "invalid length", "invalid digit", "invalid u", "invalid i"]
        .iter()
        .any(|p| message.starts_with(p))
        || message.contains("expected u");
    let variant = message.starts_with("unknown variant");
    if !typed && !variant {
        return None;
    }
    let (head, value) = current.split_once(": ")?;
    if value.trim().is_empty() {
        return None;
    }
    let stand_in = if variant {
        expected_list(message).first().map(|v| v.to_string())?
    } else if message.contains("expected a sequence") {
        "[]".to_string()
    } else if message.contains("expected a string") {
        "\"\"".to_string()
    } else if message.contains("struct") || message.contains("map") {
        "{}".to_string()
    } else if message.contains("bool") {
        "false".to_string()
    } else {
        "0".to_string()
    };
    let comment = value.split_once(" #").map(|(_, c)| format!(" #{c}")).unwrap_or_default();
    lines[index] = format!("{head}: {stand_in}{comment}");
    Some(lines.join("\n"))
}

/// The place of a located value.
pub fn place_of<T>(file: &Path, value: &Located<T>) -> Place {
    place_at(file, &value.referenced)
}

pub fn place_at(file: &Path, location: &Location) -> Place {
    Place::at(file, location.line(), location.column())
}

/// Whether the scalar at this place was written in quotes (`"…"` or `'…'`).
pub fn is_quoted_at(text: &str, line: u64, column: u64) -> bool {
    source_line(text, line)
        .and_then(|l| l.chars().nth(column.saturating_sub(1) as usize))
        .is_some_and(|c| c == '"' || c == '\'')
}

fn source_line(text: &str, line: u64) -> Option<&str> {
    if line == 0 {
        return None;
    }
    text.lines().nth((line - 1) as usize)
}

/// `name: Cấp giấy phép"`: YAML reads the closing quote as part of the text, so the page
/// would show it. The opening quote was forgotten.
fn missing_opening_quote(file: &Path, text: &str) -> Option<Diagnostic> {
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start().trim_start_matches("- ");
        let Some((key, value)) = body.split_once(": ") else { continue };
        if !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || key.is_empty() {
            continue;
        }
        let value = value.trim_end();
        if value.ends_with('"')
            && !value.starts_with(['"', '\'', '[', '{', '|', '>'])
            && value.matches('"').count() % 2 == 1
        {
            let column = line.len() - line.trim_start().len() + line.trim_start().len() - body.len() + key.len() + 3;
            let fixed = format!("{key}: \"{value}");
            return Some(
                Diagnostic::error(
                    Place::at(file, n as u64 + 1, column as u64),
                    format!("`{key}` thiếu dấu ngoặc kép mở: trang sẽ hiện cả dấu `\"` ở cuối"),
                )
                .with_hint(format!("viết `{}`", crate::diagnostics::clip(&fixed, 120))),
            );
        }
    }
    None
}

/// `15/01/2026`, `15-1-2026`, `15.01.2026` → the hint `updated: 2026-01-15`.
pub fn date_hint(key: &str, value: &str) -> Option<String> {
    let parts: Vec<&str> = value.trim().trim_matches(['"', '\'']).split(['/', '-', '.']).map(str::trim).collect();
    let [day, month, year] = parts.as_slice() else { return None };
    let (day, month, year): (u32, u32, u32) = (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    if year < 1900 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(format!("ngày viết theo dạng năm-tháng-ngày: `{key}: {year:04}-{month:02}-{day:02}`"))
}

/// What to write for a money value YAML could not read as whole đồng.
fn amount_hint(value: &str) -> Option<String> {
    let value = value.trim().trim_matches(['"', '\'']).trim();
    let folded = crate::text::fold(value);
    if ["mien phi", "mien", "khong", "khong thu", "mien le phi", "free"].contains(&folded.trim_end_matches('.')) {
        return Some("miễn phí viết `amount: 0`".into());
    }
    let digits: String = value.chars().filter(|c| c.is_ascii_digit()).collect();
    let rest: String =
        folded.chars().filter(|c| !c.is_ascii_digit() && !matches!(c, '.' | ',' | ' ' | '\u{a0}')).collect();
    let grouped = value.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).skip(1).all(|g| g.len() == 3);
    if !digits.is_empty() && grouped && ["", "d", "dong", "vnd", "vnd.", "d."].contains(&rest.as_str()) {
        let amount: u64 = digits.parse().ok()?;
        return Some(format!(
            "viết số nguyên đồng, không dấu chấm, dấu phẩy, dấu cách hay chữ \"đ\": `amount: {amount}`"
        ));
    }
    None
}

/// The line above `line` that is not blank, with its number.
fn line_above(text: &str, line: u64) -> Option<(u64, &str)> {
    (1..line).rev().find_map(|n| source_line(text, n).filter(|l| !l.trim().is_empty()).map(|l| (n, l)))
}

/// `amount:200000`: a key and its value with no space after the colon.
fn missing_space_after_colon(line: &str) -> Option<String> {
    let body = line.trim_start().trim_start_matches("- ");
    let (key, value) = body.split_once(':')?;
    let key_ok = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (key_ok && !value.is_empty() && !value.starts_with([' ', '/'])).then(|| format!("{key}: {}", value.trim()))
}

fn strip_location_suffix(raw: &str) -> &str {
    match raw.rfind(" at line ") {
        Some(i) if raw[i..].contains(", column ") => &raw[..i],
        _ => raw,
    }
}

/// The key written on this line before the value, e.g. `amount` in `  - amount: 135.000`.
fn key_on_line(line: &str) -> Option<&str> {
    let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
    let (key, _) = trimmed.split_once(':')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(key)
}

fn value_on_line(line: &str) -> &str {
    match line.split_once(": ") {
        Some((_, v)) => v.split(" #").next().unwrap_or(v).trim(),
        None => line.trim().trim_start_matches("- ").trim(),
    }
}

/// Names in backticks from an English serde message: "expected one of `a`, `b`".
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

fn expected_list(message: &str) -> Vec<&str> {
    let Some((_, tail)) = message.split_once("expected ") else { return Vec::new() };
    let tail = tail.trim_start_matches("one of ");
    if tail.contains('`') {
        backticked(tail)
    } else {
        tail.split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
    }
}

fn explain(place: Place, message: &str, text: &str) -> Diagnostic {
    let line = source_line(text, place.line).unwrap_or("");
    let english = format!(" (YAML: {message})");

    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = backticked(rest).first().copied().unwrap_or("").to_string();
        let expected = expected_list(rest);
        let hint = match did_you_mean(&key, expected.iter().copied()) {
            Some(near) => format!("có phải ý bạn là `{near}`?"),
            None => format!("các khóa hợp lệ ở đây: {}", expected.join(", ")),
        };
        return Diagnostic::error(place, format!("khóa `{key}` không có trong định dạng (unknown key)"))
            .with_hint(hint);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = backticked(rest).first().copied().unwrap_or("");
        return Diagnostic::error(place, format!("thiếu khóa bắt buộc `{key}` (missing required key)"))
            .with_hint(format!("thêm một dòng `{key}: …` vào đây"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let value = backticked(rest).first().copied().unwrap_or("").to_string();
        let expected = expected_list(rest);
        let key = key_on_line(line).unwrap_or("giá trị");
        let hint = match did_you_mean(&value, expected.iter().copied()) {
            Some(near) => format!("có phải ý bạn là `{near}`? Chọn một trong: {}", expected.join(", ")),
            None => format!("chọn một trong: {}", expected.join(", ")),
        };
        // A value read as one-or-many (`level: tinh`) is reported at its key: point at the value.
        let place = match line.find(&format!(": {value}")) {
            Some(i) if place.column == 1 && !value.is_empty() => {
                let column = line[..i + 2].chars().count() as u64 + 1;
                Place::at(place.file.clone(), place.line, column)
            }
            _ => place,
        };
        return Diagnostic::error(place, format!("`{key}: {value}` không phải giá trị cho phép")).with_hint(hint);
    }
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return Diagnostic::error(place, format!("khóa `{key}` được viết hai lần (duplicate key)"))
            .with_hint("giữ một dòng, xóa dòng kia");
    }
    if message.contains("unclosed quote") || message.contains("after double-quoted scalar") {
        // A quote left open swallows the next lines; point at the line where it was opened.
        let opened = (1..=place.line).rev().find_map(|n| {
            let text = source_line(text, n)?;
            let quotes: Vec<usize> = text.char_indices().filter(|(_, c)| *c == '"').map(|(i, _)| i).collect();
            (quotes.len() % 2 == 1).then(|| (n, text[..quotes[0]].chars().count() as u64 + 1))
        });
        let place = match opened {
            Some((line, column)) if line < place.line => Place::at(place.file.clone(), line, column),
            _ => place,
        };
        return Diagnostic::error(place, format!("thiếu dấu ngoặc kép đóng{english}"))
            .with_hint("chuỗi mở bằng `\"` phải đóng bằng `\"`; trong chuỗi, viết `\\\"` cho dấu ngoặc kép");
    }
    let key = key_on_line(line);
    let value = value_on_line(line);
    if key == Some("amount")
        && !looks_like_dotted_thousands(value)
        && (message.starts_with("invalid") || message.contains("expected u"))
        && let Some(hint) = amount_hint(value)
    {
        return Diagnostic::error(
            place,
            format!("`amount: {}` không phải số tiền: `amount` là số nguyên đồng", crate::diagnostics::clip(value, 60)),
        )
        .with_hint(hint);
    }
    if message.starts_with("invalid u") || message.starts_with("invalid i") || message.contains("expected u") {
        let key = key.unwrap_or("giá trị");
        if key == "amount" && looks_like_dotted_thousands(value) {
            return Diagnostic::error(
                place,
                format!("`amount: {value}` trong YAML là số thập phân, không phải {value} đồng"),
            )
            .with_hint(format!("viết số nguyên đồng không có dấu chấm: `amount: {}`", value.replace('.', "")));
        }
        if value.starts_with('-') {
            return Diagnostic::error(place, format!("`{key}` không được là số âm: `{value}`"))
                .with_hint("viết một số nguyên từ 0 trở lên");
        }
        if looks_like_dotted_thousands(value) {
            return Diagnostic::error(place, format!("`{key}: {value}` không phải số nguyên"))
                .with_hint(format!("viết số không có dấu chấm: `{key}: {}`", value.replace('.', "")));
        }
        return Diagnostic::error(place, format!("`{key}` phải là một số nguyên, không phải `{value}`{english}"))
            .with_hint("viết một số nguyên, ví dụ `1`");
    }
    if message.starts_with("invalid type") {
        let key = key.unwrap_or("giá trị");
        let wanted = if message.contains("expected a sequence") {
            "một danh sách (mỗi mục bắt đầu bằng `- ` trên một dòng riêng)"
        } else if message.contains("expected a string") {
            "một chuỗi văn bản (viết trong ngoặc kép)"
        } else if message.contains("struct") || message.contains("map") {
            "một nhóm khóa (mỗi khóa trên một dòng, thụt lề)"
        } else {
            "kiểu giá trị khác"
        };
        return Diagnostic::error(place, format!("`{key}` cần {wanted}{english}"));
    }
    if message.contains("did not find expected")
        || message.contains("mapping values are not allowed")
        || message.contains("block")
    {
        let above = line_above(text, place.line);
        if let Some((n, above)) = above.filter(|(_, l)| l.trim_end().ends_with(": []") || l.trim_end().ends_with(":[]"))
        {
            let key = key_on_line(above).unwrap_or("fees");
            return Diagnostic::error(
                Place::at(place.file.clone(), n, 1),
                format!("`{key}: []` là danh sách rỗng, nhưng bên dưới còn các mục của nó{english}"),
            )
            .with_hint(format!("xóa `[]`: viết `{key}:` rồi các mục `- …` ở các dòng dưới"));
        }
        if let Some(fixed) =
            missing_space_after_colon(line).or_else(|| above.and_then(|(_, l)| missing_space_after_colon(l)))
        {
            return Diagnostic::error(place, format!("thiếu dấu cách sau dấu hai chấm{english}"))
                .with_hint(format!("viết `{}`", crate::diagnostics::clip(&fixed, 80)));
        }
        let hint = if line.contains('\t') {
            "YAML không cho phép ký tự Tab để thụt lề: dùng dấu cách"
        } else if line.contains(": ") && line.matches(": ").count() > 1 {
            "giá trị có dấu `:` phải đặt trong ngoặc kép, ví dụ `note: \"Giờ làm việc: 7h00\"`"
        } else {
            "kiểm tra thụt lề: các khóa cùng cấp phải thẳng cột, dùng dấu cách chứ không dùng Tab"
        };
        return Diagnostic::error(place, format!("lỗi cú pháp YAML (syntax error){english}")).with_hint(hint);
    }
    if let Some(fixed) = missing_space_after_colon(line) {
        return Diagnostic::error(place, format!("thiếu dấu cách sau dấu hai chấm{english}"))
            .with_hint(format!("viết `{}`", crate::diagnostics::clip(&fixed, 80)));
    }
    Diagnostic::error(place, format!("không đọc được tệp YAML{english}"))
}

fn looks_like_dotted_thousands(value: &str) -> bool {
    let mut parts = value.split('.');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !first.is_empty()
        && first.len() <= 3
        && first.chars().all(|c| c.is_ascii_digit())
        && !rest.is_empty()
        && rest.iter().all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fee {
        name: String,
        #[serde(default)]
        amount: Option<u64>,
    }

    fn error_of(text: &str) -> Diagnostic {
        parse::<Vec<Fee>>(Path::new("f.yaml"), text).unwrap_err()
    }

    #[test]
    fn dotted_amount_gets_its_own_hint() {
        let d = error_of("- name: a\n  amount: 135.000\n");
        assert_eq!((d.place.line, d.place.column), (2, 11));
        assert!(d.message.contains("135.000"), "{d:?}");
        assert_eq!(d.hint.as_deref(), Some("viết số nguyên đồng không có dấu chấm: `amount: 135000`"));
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let d = error_of("- name: a\n  amout: 5\n");
        assert_eq!(d.place.line, 2);
        assert!(d.message.contains("`amout`"), "{d:?}");
        assert_eq!(d.hint.as_deref(), Some("có phải ý bạn là `amount`?"));
    }

    #[test]
    fn an_unclosed_quote_points_at_its_line() {
        let d = error_of("- name: \"a\n  amount: 5\n- name: \"b\"\n");
        assert_eq!((d.place.line, d.place.column), (1, 9), "{d:?}");
        assert!(d.message.contains("ngoặc kép"), "{d:?}");
    }

    #[test]
    fn negative_and_unclosed_quote() {
        assert!(error_of("- name: a\n  amount: -5\n").message.contains("số âm"));
        let d = error_of("- name: \"a\n  amount: 5\n");
        assert!(d.message.contains("ngoặc kép"), "{d:?}");
        assert_eq!(d.place.line, 1);
    }

    #[test]
    fn knows_quoted_scalars() {
        let text = "code: \"1.0\"\nname: 1.0\n";
        assert!(is_quoted_at(text, 1, 7));
        assert!(!is_quoted_at(text, 2, 7));
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Procedure {
        name: String,
        #[serde(default)]
        fees: Vec<Fee>,
    }

    fn procedure_error(text: &str) -> Diagnostic {
        parse::<Procedure>(Path::new("p.yaml"), text).unwrap_err()
    }

    #[test]
    fn each_slip_gets_the_exact_text_to_type() {
        let cases = [
            ("name: a\nfees:\n  - name: b\n    amount: \"135.000 đ\"\n", "`amount: 135000`"),
            ("name: a\nfees:\n  - name: b\n    amount: 135.000đ\n", "`amount: 135000`"),
            ("name: a\nfees:\n  - name: b\n    amount: 135,000\n", "`amount: 135000`"),
            ("name: a\nfees:\n  - name: b\n    amount: 135 000\n", "`amount: 135000`"),
            ("name: a\nfees:\n  - name: b\n    amount: Miễn phí\n", "`amount: 0`"),
            ("name: a\nfees: []\n  - name: b\n    amount: 5\n", "xóa `[]`"),
            ("name: a\nfees:\n\t- name: b\n", "Tab"),
            ("name: a\nfees:\n  - name: b\n    amount:200000\n", "`amount: 200000`"),
            ("name: Cấp giấy phép\"\n", "`name: \"Cấp giấy phép\"`"),
        ];
        for (text, wanted) in cases {
            let d = procedure_error(text);
            let hint = d.hint.clone().unwrap_or_default();
            assert!(hint.contains(wanted), "{text:?}: {wanted} not in {d:?}");
        }
        assert_eq!(
            date_hint("updated", "15/01/2026").unwrap(),
            "ngày viết theo dạng năm-tháng-ngày: `updated: 2026-01-15`"
        );
    }

    #[test]
    fn every_wrong_value_of_a_file_in_one_run() {
        let text =
            "name: a\nfees:\n  - name: b\n    amount: 200.000\n  - name: c\n    amount: \"135.000 đ\"\n    amout: 5\n";
        let (value, problems) = parse_recovering::<Procedure>(Path::new("p.yaml"), text);
        assert!(value.is_some(), "{problems:?}");
        let lines: Vec<u64> = problems.iter().map(|p| p.place.line).collect();
        assert_eq!(lines, vec![4, 6, 7], "{problems:?}");
    }
}
