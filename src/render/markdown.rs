//! Staff Markdown → HTML, then sanitized: no script, event handler, iframe or `javascript:` link.

use pulldown_cmark::{Options, Parser, html};

/// Renders Markdown and keeps only safe HTML (ammonia's allow-list).
pub fn to_safe_html(markdown: &str) -> String {
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
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        // Pages never load anything from outside the site: an image must be one of ours.
        .attribute_filter(|tag, attribute, value| {
            let external = value.starts_with("//") || value.contains("://");
            if tag == "img" && attribute == "src" && external { None } else { Some(value.into()) }
        })
        .clean(html)
        .to_string()
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
