//! content/*.md → free pages: a small YAML front matter between `---` lines, then Markdown.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Place};
use crate::load::{Fence, read_source};
use crate::model::Page;
use crate::model::source::PageSource;
use crate::text::{is_slug, slugify};
use crate::yaml;

/// First path segments the generator owns; a page may not take them.
pub const RESERVED: [&str; 13] = [
    "thu-tuc", "linh-vuc", "tt", "don-vi", "niem-yet", "ket-qua", "du-lieu", "tim-kiem", "tep", "thay-doi", "assets",
    "404", "sitemap",
];

pub fn load_pages(fence: &Fence, content: &Path) -> (Vec<Page>, Vec<Diagnostic>) {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(content) else { return (pages, problems) };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        // A page that is a link out of the site root is refused before it is opened.
        .filter(|p| match fence.check(p) {
            Ok(()) => p.is_file(),
            Err(problem) => {
                problems.push(problem);
                false
            }
        })
        .collect();
    files.sort();
    for file in files {
        match load_page(&file) {
            Ok(page) => pages.push(page),
            Err(problem) => problems.push(problem),
        }
    }
    (pages, problems)
}

fn load_page(file: &Path) -> Result<Page, Diagnostic> {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if !is_slug(stem) {
        return Err(Diagnostic::error(Place::file(file), format!("tên tệp trang `{stem}.md` không hợp lệ"))
            .with_hint(format!("đặt tên tệp chữ thường không dấu, nối bằng `-`, ví dụ `{}.md`", slugify(stem))));
    }
    if RESERVED.contains(&stem) || stem == "index" {
        return Err(Diagnostic::error(
            Place::file(file),
            format!("tên trang `{stem}` trùng với một địa chỉ có sẵn của trang (/{stem}/)"),
        )
        .with_hint("đổi tên tệp, ví dụ thêm `-gioi-thieu`; các tên dành riêng: ".to_string() + &RESERVED.join(", ")));
    }
    let text = read_source(file)?;
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::error(Place::at(file, 1, 1), "trang thiếu phần đầu (front matter)")
            .with_hint("dòng đầu tiên là `---`, tiếp theo `title: \"…\"`, rồi một dòng `---`, sau đó là nội dung"));
    };
    let Some(end) = rest.find("\n---\n").or_else(|| rest.strip_suffix("\n---").map(|r| r.len())) else {
        return Err(Diagnostic::error(
            Place::at(file, 1, 1),
            "phần đầu trang (front matter) không có dòng `---` kết thúc",
        )
        .with_hint("thêm một dòng `---` sau các khóa `title:`…"));
    };
    let front = &rest[..end];
    // Parse the front matter with the file's own line numbers: pad with the opening `---` line.
    let padded = format!("\n{front}\n");
    let source: PageSource = yaml::parse(file, &padded)?;
    let body = rest.get(end + 5..).unwrap_or("");
    Ok(Page {
        slug: stem.to_string(),
        file: file.to_path_buf(),
        title: source.title,
        description: source.description,
        menu: source.menu.unwrap_or(true),
        weight: source.weight.unwrap_or(0),
        markdown: body.to_string(),
    })
}
