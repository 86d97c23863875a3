//! Vietnamese text: folding to ASCII, slugs, and dictionary order (Đ after D).

use unicode_normalization::UnicodeNormalization;

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}')
}

/// Lowercase ASCII with every Vietnamese diacritic removed, `đ`→`d`; other characters kept.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// FORMAT.md's slug: ASCII of the name, lowercase, `-` between words.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Whether a string is already a valid slug (`[a-z0-9]+(-[a-z0-9]+)*`).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split('-').all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// The Vietnamese alphabet in dictionary order; letters with hats and hooks are letters of their own.
const ALPHABET: [&str; 29] = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p", "q", "r", "s",
    "t", "u", "ư", "v", "x", "y",
];

/// A letter without its tone mark (`ấ` → `â`), lowercase, as NFC.
fn base_letter(c: char) -> String {
    let lower: String = c.to_lowercase().collect();
    lower.nfd().filter(|m| !is_tone_mark(*m)).nfc().collect()
}

fn tone_rank(c: char) -> u32 {
    // Dictionary order of tones: none, grave, hook, tilde, acute, dot below.
    let mut rank = 0;
    for m in c.to_lowercase().flat_map(|l| l.nfd().collect::<Vec<_>>()) {
        rank = match m {
            '\u{0300}' => 1,
            '\u{0309}' => 2,
            '\u{0303}' => 3,
            '\u{0301}' => 4,
            '\u{0323}' => 5,
            _ => rank,
        };
    }
    rank
}

fn letter_rank(base: &str) -> u32 {
    match ALPHABET.iter().position(|l| *l == base) {
        Some(i) => 100 + i as u32,
        None => {
            let c = base.chars().next().unwrap_or(' ');
            if c.is_ascii_digit() {
                10 + c as u32 - '0' as u32
            } else if c.is_alphanumeric() {
                200 + c as u32
            } else {
                2
            }
        }
    }
}

/// A sort key for Vietnamese dictionary order: letters first (a ă â b … đ after d), then tones.
pub fn collation_key(text: &str) -> Vec<u32> {
    let chars: Vec<char> = text.nfc().collect();
    let mut primary: Vec<u32> = Vec::with_capacity(chars.len() + 1);
    let mut secondary: Vec<u32> = Vec::with_capacity(chars.len());
    for c in chars {
        if c.is_whitespace() {
            primary.push(1);
            continue;
        }
        primary.push(letter_rank(&base_letter(c)));
        secondary.push(tone_rank(c));
    }
    // The end of the word sorts before any letter, so `ma` < `mai`.
    primary.push(0);
    primary.extend(secondary);
    primary
}

/// The index letter a name is listed under: `Đăng ký` → `Đ`, `Ấp` → `Â`.
pub fn index_letter(text: &str) -> String {
    let Some(first) = text.trim().chars().next() else { return String::new() };
    let base = base_letter(first);
    if ALPHABET.contains(&base.as_str()) {
        base.to_uppercase()
    } else if first.is_ascii_digit() {
        "0–9".to_string()
    } else {
        fold(&first.to_string()).to_uppercase()
    }
}

/// Text made safe inside HTML or XML, as element content or a quoted attribute value.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `%C3%A1` → `á`; bad escapes stay as written. `plus_is_space` reads `+` as a query does.
pub fn percent_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => match bytes
                .get(i + 1..i + 3)
                .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
                .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok())
            {
                Some(byte) => {
                    out.push(byte);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_vietnamese_mark_including_d() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("ĐỔI GIẤY PHÉP"), "doi giay phep");
        // Decomposed input (NFD) folds the same as composed.
        assert_eq!(fold("Đăng ky\u{301}"), "dang ky");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Cấp đổi giấy phép lái xe"), "cap-doi-giay-phep-lai-xe");
        assert_eq!(slugify("  Hộ tịch / Chứng thực (bản sao) "), "ho-tich-chung-thuc-ban-sao");
        assert!(is_slug("doi-gplx"));
        assert!(!is_slug("Doi_gplx"));
        assert!(!is_slug("a--b"));
    }

    #[test]
    fn sorts_d_stroke_after_d() {
        let mut names = vec!["Đăng ký", "Dịch vụ", "Cấp", "Ấp", "An", "Ăn", "Giấy", "Đất"];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(names, ["An", "Ăn", "Ấp", "Cấp", "Dịch vụ", "Đăng ký", "Đất", "Giấy"]);
    }

    #[test]
    fn tones_only_break_ties() {
        let mut names = vec!["ma", "má", "mà", "mạ", "mả", "mã", "mai"];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(names, ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]);
    }

    #[test]
    fn markup_and_percent_escapes() {
        assert_eq!(escape_markup("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(percent_decode("/th%E1%BB%A7+a", false), "/thủ+a");
        assert_eq!(percent_decode("a%20b+c", true), "a b c");
        assert_eq!(percent_decode("100%", true), "100%");
        // `%+1` is not a byte (u8::from_str_radix would read the sign).
        assert_eq!(percent_decode("%zz%+1", false), "%zz%+1");
    }

    #[test]
    fn index_letters() {
        assert_eq!(index_letter("Đăng ký"), "Đ");
        assert_eq!(index_letter("ấp"), "Â");
        assert_eq!(index_letter("cấp"), "C");
    }
}
