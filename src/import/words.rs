//! What published lists write in words: fees ("200.000 đồng/lần/người", "Miễn phí"),
//! times ("Không quá 05 ngày làm việc kể từ…"), legal bases one per line, and the heading
//! rows that give the level and the field of the rows below them.

use crate::text::fold;

/// One fee line as it will be written: an amount when the words give exactly one, a note
/// with the published words whenever they say more than the amount.
#[derive(Debug, Clone, PartialEq)]
pub struct FeeLine {
    pub name: String,
    pub amount: Option<u64>,
    pub note: Option<String>,
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words that mean "nothing to pay".
fn is_free(folded: &str) -> bool {
    let f = folded.trim().trim_end_matches(['.', ';', ',']).trim();
    matches!(
        f,
        "0" | "0 dong"
            | "0d"
            | "0 d"
            | "khong"
            | "khong co"
            | "khong thu"
            | "khong thu phi"
            | "mien"
            | "mien phi"
            | "mien le phi"
            | "mien phi, le phi"
            | "mien phi le phi"
            | "khong co phi, le phi"
            | "khong co phi le phi"
            | "khong phai nop phi"
            | "khong mat phi"
            | "mien thu"
            | "-"
    )
}

/// Amounts in đồng written in the text: `200.000 đồng`, `135.000đ`, `50,000 VNĐ`, `1 500 000 đồng`.
pub fn amounts_in(text: &str) -> Vec<u64> {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && (chars[i - 1].is_alphanumeric())) {
            i += 1;
            continue;
        }
        // A number with `.`, `,` or space between groups of three digits.
        let mut digits = String::new();
        let mut j = i;
        let mut group = 0;
        let mut grouped_ok = true;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
                group += 1;
                j += 1;
            } else if matches!(c, '.' | ',' | ' ' | '\u{a0}')
                && j + 3 < chars.len() + 1
                && chars.get(j + 1..j + 4).is_some_and(|g| g.iter().all(|d| d.is_ascii_digit()))
                && !chars.get(j + 4).is_some_and(|d| d.is_ascii_digit())
            {
                if digits.len() > 3 && group != 3 {
                    grouped_ok = false;
                }
                group = 0;
                j += 1;
            } else {
                break;
            }
        }
        let rest: String = chars[j..].iter().take(6).collect();
        let rest = rest.trim_start();
        let is_money =
            rest.starts_with("dong") || rest.starts_with("vnd") || rest.starts_with('d') && !rest.starts_with("de");
        if is_money
            && grouped_ok
            && let Ok(n) = digits.parse::<u64>()
        {
            found.push(n);
        }
        i = j.max(i + 1);
    }
    found
}

/// A fee cell → fee lines; `None` when the cell is empty (nothing published: unknown).
pub fn fees_of(cell: &str) -> Option<Vec<FeeLine>> {
    let text = collapse(cell);
    if text.is_empty() {
        return None;
    }
    let folded = fold(&text);
    if is_free(&folded) {
        return Some(vec![FeeLine { name: "Phí, lệ phí".into(), amount: Some(0), note: None }]);
    }
    // Plain figures: `135000`, `135.000`.
    let plain: String = folded.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
    if !plain.is_empty()
        && plain.chars().all(|c| c.is_ascii_digit())
        && let Ok(n) = plain.parse()
    {
        return Some(vec![FeeLine { name: "Phí, lệ phí".into(), amount: Some(n), note: None }]);
    }
    let parts: Vec<String> = cell
        .split(['\n', ';'])
        .map(|p| collapse(p).trim_start_matches(['-', '+', '•', '*']).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let mut lines: Vec<FeeLine> = Vec::new();
    let mut loose: Vec<String> = Vec::new();
    for part in &parts {
        let folded = fold(part);
        let amounts = amounts_in(part);
        let name = fee_name(&folded);
        if is_free(&folded) {
            lines.push(FeeLine { name, amount: Some(0), note: None });
        } else if amounts.len() == 1 {
            let bare = fold(part).trim_end_matches(['.', ';']).replace(' ', "");
            let only_amount = bare.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
                || ["dong", "d", "vnd"].iter().any(|unit| {
                    bare.strip_suffix(unit)
                        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',')))
                });
            lines.push(FeeLine { name, amount: Some(amounts[0]), note: (!only_amount).then(|| part.clone()) });
        } else {
            loose.push(part.clone());
        }
    }
    if lines.is_empty() {
        // Words only ("Theo quy định của Bộ Tài chính"): no amount, the words as the note.
        return Some(vec![FeeLine { name: "Phí, lệ phí".into(), amount: None, note: Some(text) }]);
    }
    if !loose.is_empty() {
        let first = &mut lines[0];
        let mut note = first.note.take().map(|n| vec![n]).unwrap_or_default();
        note.extend(loose);
        first.note = Some(note.join("; "));
    }
    Some(lines)
}

fn fee_name(folded: &str) -> String {
    if folded.contains("le phi") {
        "Lệ phí".into()
    } else if folded.split(|c: char| !c.is_alphanumeric()).any(|w| w == "phi") {
        "Phí".into()
    } else {
        "Phí, lệ phí".into()
    }
}

/// Legal bases, one per line (or `;`), list marks dropped.
pub fn legal_bases(cell: &str) -> Vec<String> {
    let separator = if cell.contains('\n') { '\n' } else { ';' };
    cell.split(separator)
        .map(|l| collapse(l).trim_start_matches(['-', '+', '•', '*']).trim().trim_end_matches(';').trim().to_string())
        .filter(|l| l.chars().any(char::is_alphanumeric))
        .collect()
}

/// What a heading row says: a level ("A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH") and/or a field
/// ("I. Lĩnh vực Hộ tịch").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Heading {
    pub level: Option<&'static str>,
    pub field: Option<String>,
}

/// A numbering prefix: `A.`, `I.`, `II.`, `1.`, `1.2.`, `Phần I:`.
fn strip_numbering(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim();
    let word_end = trimmed.find([' ', '.', ':', ')']).unwrap_or(trimmed.len());
    let word = &trimmed[..word_end];
    let after = trimmed[word_end..].trim_start_matches(['.', ':', ')', ' ', '-', '–']);
    let is_roman = !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    let is_letter = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
    let is_number = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.');
    let punctuated = trimmed[word_end..].starts_with(['.', ':', ')']);
    if (is_roman || is_letter || is_number) && punctuated && !after.is_empty() {
        (Some(word), after)
    } else {
        (None, trimmed)
    }
}

/// `HỘ TỊCH` → `Hộ tịch`; `Hộ tịch` stays.
fn sentence_case(text: &str) -> String {
    let has_lower = text.chars().any(char::is_lowercase);
    if has_lower {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// The level a text names (`cấp tỉnh`, `cấp xã`, …), if exactly one.
pub fn level_in(text: &str) -> Option<&'static str> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let spaced = format!(" {} ", words.join(" "));
    let found: Vec<&'static str> = [
        ("central", &[" trung uong ", " cap bo ", " central "][..]),
        ("province", &[" cap tinh ", " tinh ", " province "][..]),
        ("district", &[" cap huyen ", " huyen ", " district "][..]),
        ("commune", &[" cap xa ", " xa ", " phuong ", " commune "][..]),
    ]
    .iter()
    .filter(|(_, names)| names.iter().any(|n| spaced.contains(n)))
    .map(|(level, _)| *level)
    .collect();
    match found.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// Reads a heading row's text; `None` when it is no heading we understand.
pub fn heading_of(text: &str) -> Option<Heading> {
    let text = collapse(text);
    let (number, rest) = strip_numbering(&text);
    let folded = fold(rest);
    if let Some(at) = folded.find("linh vuc") {
        // "Lĩnh vực Hộ tịch", "LĨNH VỰC ĐẤT ĐAI", "Lĩnh vực: Xây dựng".
        let start =
            rest.char_indices().nth(folded[..at].chars().count() + "linh vuc".len()).map_or(rest.len(), |(i, _)| i);
        let name = rest[start..].trim_start_matches([':', ' ', '-', '–']).trim().trim_end_matches(['.', ':']);
        if !name.is_empty() {
            return Some(Heading { level: None, field: Some(sentence_case(name)) });
        }
    }
    let mentions_procedures = folded.contains("thu tuc") || folded.contains("tthc");
    if let Some(level) = level_in(rest).filter(|_| mentions_procedures || number.is_some_and(|n| n.len() == 1)) {
        return Some(Heading { level: Some(level), field: None });
    }
    // "II. Hộ tịch": a roman or arabic number before a short name is a field.
    if let Some(number) = number
        && !mentions_procedures
        && rest.chars().count() <= 120
        && number.chars().any(|c| c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X'))
    {
        return Some(Heading { level: None, field: Some(sentence_case(rest.trim_end_matches(['.', ':']))) });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(amount: Option<u64>, note: Option<&str>) -> FeeLine {
        FeeLine { name: "Phí, lệ phí".into(), amount, note: note.map(str::to_string) }
    }

    #[test]
    fn fees_in_words() {
        assert_eq!(fees_of("200.000 đồng/lần/người"), Some(vec![fee(Some(200000), Some("200.000 đồng/lần/người"))]));
        assert_eq!(fees_of("135.000đ"), Some(vec![fee(Some(135000), None)]));
        assert_eq!(fees_of("135.000 đồng"), Some(vec![fee(Some(135000), None)]));
        assert_eq!(fees_of("Miễn phí"), Some(vec![fee(Some(0), None)]));
        assert_eq!(fees_of("Không"), Some(vec![fee(Some(0), None)]));
        assert_eq!(fees_of(""), None);
        assert_eq!(
            fees_of("Theo quy định của Bộ Tài chính"),
            Some(vec![fee(None, Some("Theo quy định của Bộ Tài chính"))])
        );
        let two = fees_of("Lệ phí: 50.000 đồng/giấy phép;\nPhí thẩm định: 1 500 000 đồng/hồ sơ").unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!((two[0].name.as_str(), two[0].amount), ("Lệ phí", Some(50000)));
        assert_eq!((two[1].name.as_str(), two[1].amount), ("Phí", Some(1500000)));
        assert_eq!(amounts_in("Sau 2 ngày: 8.000 đồng/bản, 5 bản"), vec![8000]);
    }

    #[test]
    fn headings_give_level_and_field() {
        assert_eq!(
            heading_of("A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH"),
            Some(Heading { level: Some("province"), field: None })
        );
        assert_eq!(heading_of("B. Thủ tục hành chính cấp xã"), Some(Heading { level: Some("commune"), field: None }));
        assert_eq!(heading_of("I. Lĩnh vực Hộ tịch"), Some(Heading { level: None, field: Some("Hộ tịch".into()) }));
        assert_eq!(heading_of("II. LĨNH VỰC ĐẤT ĐAI"), Some(Heading { level: None, field: Some("Đất đai".into()) }));
        assert_eq!(heading_of("III. Xây dựng"), Some(Heading { level: None, field: Some("Xây dựng".into()) }));
        assert_eq!(heading_of("Đăng ký kết hôn"), None);
    }

    #[test]
    fn legal_bases_one_per_line() {
        assert_eq!(
            legal_bases("- Luật Hộ tịch 2014;\n- Nghị định 123/2015/NĐ-CP\n"),
            vec!["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"]
        );
    }
}
