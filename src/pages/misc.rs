//! Free Markdown pages, files under `/tep/`, assets, `404.html`, `sitemap.xml`, `robots.txt`.

use std::fmt::Write as _;

use serde::Serialize;

use super::procedure::procedure_url;
use super::{Ctx, Output};
use crate::diagnostics::{Diagnostic, Place};
use crate::render::markdown::to_safe_html;
use crate::text::escape_markup;

pub fn markdown_page(ctx: &Ctx, p: usize) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct PageView<'a> {
        title: &'a str,
        description: Option<&'a str>,
        body: String,
    }
    let page = &ctx.site.pages[p];
    let view =
        PageView { title: &page.title, description: page.description.as_deref(), body: to_safe_html(&page.markdown) };
    Ok(vec![ctx.page("page.html", &format!("/{}/", page.slug), &page.title, view)?])
}

/// A file from `content/files/`, published as it is under `/tep/`.
pub fn file(ctx: &Ctx, f: usize) -> Result<Vec<Output>, Diagnostic> {
    let relative = &ctx.site.files[f];
    let source = ctx.site.root.join("content/files").join(relative);
    let bytes = std::fs::read(&source).map_err(|e| {
        Diagnostic::error(Place::file(&source), format!("không đọc được tệp: {}", crate::load::io_reason(&e)))
    })?;
    Ok(vec![Output { path: format!("tep/{relative}"), bytes }])
}

pub fn assets(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    Ok(ctx
        .theme
        .assets
        .iter()
        .map(|a| Output { path: format!("assets/{}", a.published), bytes: a.bytes.clone() })
        .collect())
}

pub fn not_found(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct NotFound {
        search_url: String,
    }
    Ok(vec![ctx.page(
        "404.html",
        "/404.html",
        "Không tìm thấy trang",
        NotFound { search_url: ctx.url("/thu-tuc/") },
    )?])
}

pub fn robots(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", ctx.absolute("/sitemap.xml"));
    Ok(vec![Output { path: "robots.txt".into(), bytes: text.into_bytes() }])
}

/// Every HTML page a search engine should know, with `lastmod` for procedures.
pub fn sitemap(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let mut entries: Vec<(String, Option<String>)> =
        vec![("/".into(), None), ("/thu-tuc/".into(), None), ("/don-vi/".into(), None)];
    for letter in super::listing::letters(ctx) {
        entries.push((format!("/thu-tuc/a-z/{}/", letter.key), None));
    }
    entries.extend(ctx.links.fields.iter().map(|f| (format!("/linh-vuc/{}/", f.slug), None)));
    for &p in &ctx.links.by_name {
        let path = procedure_url(ctx, p).trim_start_matches(&ctx.common.root).to_string();
        entries.push((path, Some(site.procedures[p].updated.iso())));
    }
    entries.extend(site.units.iter().map(|u| (format!("/don-vi/{}/", u.id), None)));
    entries.extend((0..ctx.links.groups.len()).map(|g| (super::unit::group_path(ctx, g), None)));
    // Boards are pages for people too (staff who print them); they change with their procedures.
    entries.push(("/niem-yet/".into(), None));
    entries.extend(site.units.iter().enumerate().map(|(u, unit)| {
        (format!("/don-vi/{}/niem-yet/", unit.id), super::board::newest_update_of(ctx, u).map(|d| d.iso()))
    }));
    entries.extend(
        (0..ctx.links.groups.len())
            .map(|g| (super::board::group_board_path(ctx, g), ctx.site_links.group_updated[g].map(|d| d.iso()))),
    );
    entries.extend(site.pages.iter().map(|p| (format!("/{}/", p.slug), None)));
    entries.extend(["/ket-qua/", "/ket-qua/cach-tinh/", "/du-lieu/"].map(|p| (p.to_string(), None)));
    let mut periods: Vec<_> = ctx.links.results.iter().map(|r| site.results[r.row].period).collect();
    periods.dedup();
    periods.sort_by_key(|p| std::cmp::Reverse(p.order()));
    periods.dedup();
    entries.extend(periods.into_iter().map(|p| (format!("/ket-qua/{}/", p.slug()), None)));

    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in entries {
        let _ = write!(xml, "<url><loc>{}</loc>", escape_markup(&ctx.absolute(&path)));
        if let Some(date) = lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Ok(vec![Output { path: "sitemap.xml".into(), bytes: xml.into_bytes() }])
}
