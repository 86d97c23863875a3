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

/// Whether a string is already a valid slug (`[a-z0-9]+(-[a-z0-9]+)*`), at most
/// [`limits::SLUG_CHARS`] long so that it always fits in a folder name.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= limits::SLUG_CHARS
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

/// A CSV cell made safe for spreadsheets: a cell that Excel or LibreOffice would read as a
/// formula (`=`, `+`, `-`, `@`, tab or CR first) gets a leading `'`, unless it is a plain number.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}").into() } else { cell.into() }
}

/// Sane bounds on what a source may hold, checked once as each file is read.
pub mod limits {
    /// Largest YAML or Markdown source file.
    pub const SOURCE_BYTES: u64 = 8_000_000;
    /// Largest results table (CSV).
    pub const TABLE_BYTES: u64 = 256_000_000;
    /// Longest line of any source text, in characters.
    pub const LINE_CHARS: usize = 20_000;
    /// Deepest nesting of quotes, lists, HTML elements or template blocks.
    pub const DEPTH: usize = 100;
    /// Longest slug (a folder name in the site).
    pub const SLUG_CHARS: usize = 100;

    /// Why a text was refused.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Problem {
        Control(char),
        LongLine(usize),
        Deep,
    }

    impl Problem {
        pub fn message(&self) -> String {
            match self {
                Problem::Control(c) => {
                    format!("ký tự điều khiển không in được U+{:04X} trong văn bản (control character)", *c as u32)
                }
                Problem::LongLine(n) => {
                    format!(
                        "dòng quá dài: {} ký tự, giới hạn là {} ký tự",
                        crate::render::format::number(*n as u64),
                        crate::render::format::number(LINE_CHARS as u64)
                    )
                }
                Problem::Deep => {
                    format!("nội dung lồng nhau quá sâu (trích dẫn `>`, danh sách hoặc thẻ HTML quá {DEPTH} cấp)")
                }
            }
        }

        pub fn hint(&self) -> String {
            match self {
                Problem::Control(_) => "xóa ký tự này (thường do dán từ Word hoặc PDF); chỉ dùng chữ, số, dấu câu, dấu cách, tab và xuống dòng".into(),
                Problem::LongLine(_) => "xuống dòng thành nhiều dòng ngắn hơn, hoặc kiểm tra xem có bị dán nhầm nội dung không".into(),
                Problem::Deep => "bỏ bớt các cấp lồng nhau; trang công khai không cần quá vài cấp".into(),
            }
        }
    }

    /// Characters no published text may hold: C0 and C1 controls except tab and line feed,
    /// and the non-characters that make XML and HTML invalid.
    pub fn is_forbidden(c: char) -> bool {
        (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{FDD0}'..='\u{FDEF}' | '\u{FFFE}' | '\u{FFFF}')
    }

    /// Checks a whole source text in one pass; the 1-based line and column of the first problem.
    pub fn check_text(text: &str) -> Result<(), (u64, u64, Problem)> {
        let mut html_depth: usize = 0;
        let mut block_depth: usize = 0;
        for (index, line) in text.split('\n').enumerate() {
            let line_no = index as u64 + 1;
            let mut count = 0;
            for (column, c) in line.chars().enumerate() {
                if is_forbidden(c) {
                    return Err((line_no, column as u64 + 1, Problem::Control(c)));
                }
                count += 1;
            }
            let (markers, column) = marker_run(line);
            if markers > DEPTH {
                return Err((line_no, column as u64 + 1, Problem::Deep));
            }
            if let Some(column) = tags(line, &mut html_depth, &mut block_depth) {
                return Err((line_no, column as u64 + 1, Problem::Deep));
            }
            if count > LINE_CHARS {
                return Err((line_no, 1, Problem::LongLine(count)));
            }
        }
        Ok(())
    }

    /// Markdown nesting a line may open: two leading spaces count as one level, plus the
    /// longest run of container markers (`>`, or `-`, `*`, `+` followed by a space) separated
    /// only by spaces; and the column where that run starts.
    fn marker_run(line: &str) -> (usize, usize) {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ' || **c == '\t').count();
        let (mut best, mut best_start, mut run, mut start) = (0, 0, 0, 0);
        for (i, c) in chars.iter().enumerate() {
            let next_is_space = matches!(chars.get(i + 1), Some(' ' | '\t'));
            match c {
                '>' => {}
                '-' | '*' | '+' if next_is_space => {}
                ' ' | '\t' => continue,
                _ => {
                    run = 0;
                    continue;
                }
            }
            if run == 0 {
                start = i;
            }
            run += 1;
            if run > best {
                (best, best_start) = (run, start);
            }
        }
        (indent / 2 + best, best_start)
    }

    const VOID: [&str; 14] =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
    const BLOCKS: [&str; 6] = ["if", "for", "block", "macro", "filter", "raw"];

    /// Follows open and close HTML tags and template blocks across lines; the column where
    /// either nesting passes [`DEPTH`].
    fn tags(line: &str, html: &mut usize, blocks: &mut usize) -> Option<usize> {
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'<' {
                let closing = bytes.get(i + 1) == Some(&b'/');
                let name_start = i + 1 + usize::from(closing);
                let name_end = bytes[name_start.min(bytes.len())..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| name_start + n);
                if name_end > name_start && bytes[name_start].is_ascii_alphabetic() {
                    let name = line[name_start..name_end].to_ascii_lowercase();
                    if closing {
                        *html = html.saturating_sub(1);
                    } else if !VOID.contains(&name.as_str()) {
                        let self_closing = line[name_end..].split('>').next().is_some_and(|t| t.ends_with('/'));
                        if !self_closing {
                            *html += 1;
                            if *html > DEPTH {
                                return Some(line[..i].chars().count());
                            }
                        }
                    }
                }
            } else if bytes[i] == b'{' && bytes.get(i + 1) == Some(&b'%') {
                let rest = line[i + 2..].trim_start_matches(['-', ' ']);
                let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                if word.starts_with("end") {
                    *blocks = blocks.saturating_sub(1);
                } else if BLOCKS.contains(&word.as_str()) {
                    *blocks += 1;
                    if *blocks > DEPTH {
                        return Some(line[..i].chars().count());
                    }
                }
            }
            i += 1;
        }
        None
    }

    /// Why a file under content/files/ cannot be published as it is: a name a link cannot carry
    /// or a type that would run script on the site. (message, hint)
    pub fn file_name_problem(relative: &str) -> Option<(String, String)> {
        if let Some(c) =
            relative.chars().find(|c| is_forbidden(*c) || matches!(c, '#' | '?' | '%' | '\\' | '"' | '<' | '>' | '\n'))
        {
            return Some((
                format!(
                    "tên tệp `{}` có ký tự `{}` không dùng được trong địa chỉ web",
                    relative.escape_debug(),
                    c.escape_debug()
                ),
                "đổi tên tệp, chỉ dùng chữ, số, dấu cách, `-`, `_` và `.`".into(),
            ));
        }
        if relative.split('/').any(|part| part.len() > 200) {
            return Some((format!("tên tệp `{relative}` quá dài"), "đặt tên ngắn hơn 200 ký tự".into()));
        }
        let extension = relative.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        const ACTIVE: [&str; 23] = [
            "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs", "cjs", "wasm",
            "swf", "php", "phtml", "phar", "asp", "aspx", "jsp", "cgi", "htaccess",
        ];
        if ACTIVE.contains(&extension.as_str()) {
            return Some((
                format!("không đăng tệp `{relative}`: loại tệp .{extension} có thể chạy mã (script) trên trang"),
                "chuyển tệp sang PDF (hoặc ảnh PNG/JPG) rồi đặt lại vào content/files/".into(),
            ));
        }
        None
    }
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
