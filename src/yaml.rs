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
    serde_saphyr::from_str(text).map_err(|error| {
        let (line, column) = error.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
        let raw = error.without_snippet().to_string();
        let message = strip_location_suffix(&raw);
        explain(Place::at(file, line, column), message, text)
    })
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
        let hint = if line.contains('\t') {
            "YAML không cho phép ký tự Tab để thụt lề: dùng dấu cách"
        } else if line.contains(": ") && line.matches(": ").count() > 1 {
            "giá trị có dấu `:` phải đặt trong ngoặc kép, ví dụ `note: \"Giờ làm việc: 7h00\"`"
        } else {
            "kiểm tra thụt lề: các khóa cùng cấp phải thẳng cột, dùng dấu cách chứ không dùng Tab"
        };
        return Diagnostic::error(place, format!("lỗi cú pháp YAML (syntax error){english}")).with_hint(hint);
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
}
