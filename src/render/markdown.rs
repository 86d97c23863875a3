//! Staff Markdown → HTML, then sanitized: no script, event handler, iframe or `javascript:` link.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and keeps only safe HTML (ammonia's allow-list).
pub fn to_safe_html(markdown: &str) -> String {
    // Sources are checked as they are read; anything else nested too deep (which would overflow
    // the parser's stack) is shown as plain text rather than parsed.
    if crate::text::limits::check_text(markdown).is_err() {
        return format!("<p>{}</p>", crate::text::escape_markup(markdown));
    }
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    sanitize(&unsafe_html)
}

/// Markdown for one short item (a step): no wrapping paragraph when it is a single line.
pub fn inline_to_safe_html(markdown: &str) -> String {
    let html = to_safe_html(markdown);
    let trimmed = html.trim();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// The allow-list, made once: building it (a dozen sets of tags and attributes) was half the
/// time of sanitizing a step.
static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        // Pages never load anything from outside the site: an image must be one of ours. A link
        // may leave the site only in plain sight (`https://…`), never disguised.
        .attribute_filter(|tag, attribute, value| match (tag, attribute) {
            ("img", "src" | "longdesc") => (url_kind(value) == UrlKind::SameSite).then(|| value.trim().into()),
            (_, "href" | "cite" | "src") => (url_kind(value) != UrlKind::Disguised).then(|| value.trim().into()),
            _ => Some(value.into()),
        });
    builder
});

/// Where a URL written in a page leads, read the way a browser reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlKind {
    /// A path on this site (`/tep/a.png`, `anh.png`, `#muc`, `?q=1`).
    SameSite,
    /// Another site or scheme, written plainly (`https://host/…`, `mailto:…`).
    Outside,
    /// Another site in disguise: `//host`, `/\\host`, `\\\\host`, ` //host`, `https:host`,
    /// or with control characters or backslashes a browser would drop or turn into `/`.
    Disguised,
}

/// Classifies a URL the way the WHATWG URL parser would resolve it against a page of this site.
pub fn url_kind(value: &str) -> UrlKind {
    // Browsers strip leading and trailing C0 controls and spaces and drop tabs and newlines.
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    // `%5C` is how Markdown writes a backslash into a link: never meant for a real path.
    if trimmed.chars().any(|c| c.is_control() || c == '\\') || trimmed.to_ascii_lowercase().contains("%5c") {
        return UrlKind::Disguised;
    }
    if trimmed.starts_with("//") {
        return UrlKind::Disguised;
    }
    let scheme_end = trimmed.find(':').filter(|&i| {
        let scheme = &trimmed[..i];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !trimmed[..i].contains(['/', '?', '#'])
    });
    match scheme_end {
        None => UrlKind::SameSite,
        Some(i) => {
            let scheme = trimmed[..i].to_ascii_lowercase();
            let rest = &trimmed[i + 1..];
            match scheme.as_str() {
                // `https:host` or `http:/host`: a browser reads another host into it.
                "http" | "https" if !rest.starts_with("//") || rest[2..].starts_with('/') => UrlKind::Disguised,
                _ => UrlKind::Outside,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_every_way_to_run_script() {
        let hostile = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n<iframe src=\"https://e.vn\"></iframe>\n\n[bấm](javascript:alert(3)) <a href=\"JaVaScRiPt:alert(4)\">x</a> <svg onload=alert(5)></svg>";
        let html = to_safe_html(hostile);
        for bad in ["<script", "onerror", "<iframe", "javascript:", "JaVaScRiPt", "onload", "<svg"] {
            assert!(!html.contains(bad), "{bad} survived in {html}");
        }
    }

    #[test]
    fn images_come_only_from_the_site() {
        let html = to_safe_html("![a](https://tracker.example/x.png) ![b](/tep/anh.png)");
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(html.contains("src=\"/tep/anh.png\""), "{html}");
    }

    #[test]
    fn keeps_ordinary_formatting() {
        assert_eq!(inline_to_safe_html("Nộp **bản chính**"), "Nộp <strong>bản chính</strong>");
        assert!(to_safe_html("- a\n- b").contains("<li>a</li>"));
    }
}
