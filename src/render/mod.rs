//! Templates and assets: the built-in theme embedded in the binary, overridden file by file by
//! a site's `themes/<name>/`, compiled once per build.

pub mod chart;
pub mod format;
pub mod markdown;
pub mod qr;

use std::path::{Path, PathBuf};

use tera::{Context, Kwargs, State, Tera};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Place};

/// Built-in templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("home.html", include_str!("../../themes/default/templates/home.html")),
    ("procedures.html", include_str!("../../themes/default/templates/procedures.html")),
    ("field.html", include_str!("../../themes/default/templates/field.html")),
    ("procedure.html", include_str!("../../themes/default/templates/procedure.html")),
    ("papers.html", include_str!("../../themes/default/templates/papers.html")),
    ("paper_groups.html", include_str!("../../themes/default/templates/paper_groups.html")),
    ("units.html", include_str!("../../themes/default/templates/units.html")),
    ("unit.html", include_str!("../../themes/default/templates/unit.html")),
    ("unit_group.html", include_str!("../../themes/default/templates/unit_group.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("permalink.html", include_str!("../../themes/default/templates/permalink.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("procedure_list.html", include_str!("../../themes/default/templates/procedure_list.html")),
    ("results_table.html", include_str!("../../themes/default/templates/results_table.html")),
    ("results.html", include_str!("../../themes/default/templates/results.html")),
    ("period.html", include_str!("../../themes/default/templates/period.html")),
    ("method.html", include_str!("../../themes/default/templates/method.html")),
    ("data.html", include_str!("../../themes/default/templates/data.html")),
    ("board.html", include_str!("../../themes/default/templates/board.html")),
    ("boards.html", include_str!("../../themes/default/templates/boards.html")),
    ("qr.html", include_str!("../../themes/default/templates/qr.html")),
    ("lookup.html", include_str!("../../themes/default/templates/lookup.html")),
];

/// Built-in static assets, by path under `/assets/`.
const ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
    ("sort.js", include_bytes!("../../themes/default/static/sort.js")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
];

/// One static asset and the content-hashed name it is published under.
#[derive(Debug, Clone)]
pub struct Asset {
    pub name: String,
    pub published: String,
    pub bytes: Vec<u8>,
}

/// The compiled templates and the assets of the theme in use.
pub struct Theme {
    tera: Tera,
    pub assets: Vec<Asset>,
    /// The site's own templates (from `themes/<name>/templates/`, unless the same as the
    /// built-in one): name and text.
    own: Vec<(String, String)>,
}

impl Theme {
    /// The built-in theme, with files from `<root>/themes/<name>/` taking precedence.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = root.join("themes").join(name);
        let mut templates: Vec<(String, String, Option<PathBuf>)> =
            TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string(), None)).collect();
        let mut assets: Vec<(String, Vec<u8>)> = ASSETS.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect();
        let mut problems = Vec::new();

        if name != "default" && !theme_dir.is_dir() {
            problems.push(
                Diagnostic::error(
                    Place::file(root.join("content/site.yaml")),
                    format!("không có thư mục giao diện themes/{name}/"),
                )
                .with_hint("tạo thư mục đó, hoặc xóa dòng `theme:` để dùng giao diện có sẵn"),
            );
        }
        // A theme folder, or a file in it, that is a link out of the site root is never read.
        let fence = crate::load::Fence::new(root);
        let inside = |path: &Path, problems: &mut Vec<Diagnostic>| {
            fence.check(path).map_err(|problem| problems.push(problem)).is_ok()
        };
        let theme_inside = inside(&root.join("themes"), &mut problems) && inside(&theme_dir, &mut problems);
        for (sub, is_template) in [("templates", true), ("static", false)] {
            let dir = theme_dir.join(sub);
            if !theme_inside || !inside(&dir, &mut problems) || !dir.is_dir() {
                continue;
            }
            for entry in WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter().filter_map(Result::ok) {
                if !fence.entry_is_file(&entry, &mut problems) {
                    continue;
                }
                let Some(relative) = entry.path().strip_prefix(&dir).ok().and_then(|r| r.to_str()) else { continue };
                let relative = relative.replace('\\', "/");
                if is_template {
                    match crate::load::read_source(entry.path()) {
                        Ok(text) => {
                            templates.retain(|(n, _, _)| *n != relative);
                            templates.push((relative, text, Some(entry.path().to_path_buf())));
                        }
                        Err(problem) => problems.push(problem),
                    }
                } else {
                    match std::fs::read(entry.path()) {
                        Ok(bytes) => {
                            assets.retain(|(n, _)| *n != relative);
                            assets.push((relative, bytes));
                        }
                        Err(e) => problems
                            .push(Diagnostic::error(Place::file(entry.path()), format!("không đọc được tệp: {e}"))),
                    }
                }
            }
        }

        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        register_filters(&mut tera);
        // Added together: templates include and extend each other.
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|(name, text, _)| (name.as_str(), text.as_str()))) {
            let message = error_chain(&e);
            let file = templates
                .iter()
                .find(|(name, _, _)| message.contains(name.as_str()))
                .and_then(|(_, _, file)| file.clone())
                .unwrap_or_else(|| theme_dir.join("templates"));
            problems.push(Diagnostic::error(Place::file(file), format!("lỗi trong mẫu giao diện: {message}")));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let assets = assets
            .into_iter()
            .map(|(name, bytes)| {
                let bytes = if name.ends_with(".js") { minify_js(&bytes) } else { bytes };
                let published = hashed_name(&name, &bytes);
                Asset { name, published, bytes }
            })
            .collect();
        // A copy of a built-in template (the example site's own theme folder) is not the site's.
        let builtin = |name: &str, text: &str| TEMPLATES.iter().any(|&(n, t)| n == name && t == text);
        let own = templates
            .into_iter()
            .filter(|(name, text, file)| file.is_some() && !builtin(name, text))
            .map(|(name, text, _)| (name, text))
            .collect();
        Ok(Theme { tera, assets, own })
    }

    /// Renders one template; a failure names the template and why.
    pub fn render(&self, template: &str, context: &Context) -> Result<Vec<u8>, Diagnostic> {
        // Into bytes, as pages are written: a `String` would check the UTF-8 of every page
        // again (4 % of a build). Tera writes only whole `str`s, so the bytes are UTF-8.
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, context, &mut bytes).map_err(|e| {
            Diagnostic::error(
                Place::file(format!("<giao diện>/{template}")),
                format!("không dựng được trang từ mẫu `{template}`: {}", error_chain(&e)),
            )
        })?;
        Ok(bytes)
    }

    /// The site's own templates whose text holds `word` (a template value such as
    /// `search_index`), by name.
    pub fn own_templates_mentioning<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a str> {
        self.own.iter().filter(move |(_, text)| text.contains(word)).map(|(name, _)| name.as_str())
    }

    /// `/assets/<hashed name>` of an asset, for templates.
    pub fn asset_url(&self, name: &str) -> Option<&str> {
        self.assets.iter().find(|a| a.name == name).map(|a| a.published.as_str())
    }
}

/// The policy every page carries (base.html writes it; [`with_policy`] adds it to a theme's
/// page that lacks it): nothing loads from outside the site and no inline script runs.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/// A rendered page with the Content-Security-Policy `<meta>` right after `<head>`, unless its
/// template already wrote one.
pub fn with_policy(html: Vec<u8>) -> Vec<u8> {
    use memchr::memmem::find;
    if find(&html, b"Content-Security-Policy").is_some() {
        return html;
    }
    let Some(head) = find(&html, b"<head>").map(|i| i + "<head>".len()) else { return html };
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">");
    let mut out = Vec::with_capacity(html.len() + meta.len());
    out.extend_from_slice(&html[..head]);
    out.extend_from_slice(meta.as_bytes());
    out.extend_from_slice(&html[head..]);
    out
}

/// A script as a phone should download it: minified by oxc (names shortened, comments and
/// spaces gone: search.js 57 → 24 kB, where stripping alone leaves 37 kB). A script oxc cannot
/// read (a theme's own, in a newer syntax) is only stripped ([`strip_js`]).
fn minify_js(bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    let allocator = oxc_allocator::Allocator::default();
    let parsed = oxc_parser::Parser::new(&allocator, text, oxc_span::SourceType::script()).parse();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        return strip_js(bytes);
    }
    let mut program = parsed.program;
    let minified =
        oxc_minifier::Minifier::new(oxc_minifier::MinifierOptions::default()).minify(&allocator, &mut program);
    let code = oxc_codegen::Codegen::new()
        .with_options(oxc_codegen::CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .build(&program)
        .code;
    code.into_bytes()
}

/// Scripts lose their indentation, whole-line `//` comments and a ` // ` comment after code
/// with no quote or slash before it (`var PAGE = 10; // …`): a phone downloads less. (Only
/// that: a line is never joined to the next, so no statement can change meaning.)
fn strip_js(bytes: &[u8]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("//")) {
        let line = match line.find(" // ") {
            Some(at) if !line[..at].contains(['\'', '"', '/', '`']) => line[..at].trim_end(),
            _ => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out.into_bytes()
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

/// `style.css` → `style.1a2b3c4d.css`, so browsers may cache assets forever.
pub(crate) fn hashed_name(name: &str, bytes: &[u8]) -> String {
    // FNV-1a: stable across builds and platforms, enough to tell versions apart.
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    let short = format!("{:08x}", hash as u32);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{short}.{ext}"),
        None => format!("{name}.{short}"),
    }
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("vi_number", |value: i64, _: Kwargs, _: &State| format::number(value.unsigned_abs()));
    tera.register_filter("vi_money", |value: i64, _: Kwargs, _: &State| format::money(value.unsigned_abs()));
    tera.register_filter("vi_rate", |value: f64, _: Kwargs, _: &State| format::rate(value));
    // Digits (and a leading +) of a phone number, for `tel:` links.
    tera.register_filter("tel", |value: &str, _: Kwargs, _: &State| {
        value.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_stable() {
        assert_eq!(hashed_name("style.css", b"a"), hashed_name("style.css", b"a"));
        assert_ne!(hashed_name("style.css", b"a"), hashed_name("style.css", b"b"));
        assert!(hashed_name("style.css", b"a").starts_with("style."));
    }

    #[test]
    fn scripts_are_minified_and_a_script_oxc_cannot_read_only_stripped() {
        let script = b"(function () {\n  // the page's own\n  var results = document.querySelectorAll('li');\n  window.count = results.length;\n})();\n";
        let minified = String::from_utf8(minify_js(script)).unwrap();
        assert!(!minified.contains("page's own") && !minified.contains("results"), "{minified}");
        assert!(minified.contains("window.count") && minified.len() < script.len() / 2 + 20, "{minified}");
        let broken = b"  var a = ;\n  // gone\n";
        assert_eq!(minify_js(broken), b"var a = ;\n");
    }

    #[test]
    fn scripts_lose_comments_but_never_a_slash_in_code() {
        let script = b"  // a comment\n  var PAGE = 10; // results per page\n  var url = 'http://x'; // kept\n  var re = /a\\/b/; // kept\n";
        let stripped = String::from_utf8(strip_js(script)).unwrap();
        assert_eq!(stripped, "var PAGE = 10;\nvar url = 'http://x'; // kept\nvar re = /a\\/b/; // kept\n");
    }
}
