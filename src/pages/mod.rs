//! Every page kind renders itself from the model and the theme; this module runs them all
//! (in parallel), passes HTML through the post-steps and hands the bytes to the writer.

mod board;
mod data;
mod listing;
mod lookup;
mod misc;
mod procedure;
mod procedure_facts;
mod results;
mod search;
mod unit;
mod xlsx;

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::check::Links;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::Theme;

/// One file of the built site: a path relative to the output root, and its bytes.
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What every page can use: the site, its menu and asset addresses.
#[derive(Serialize, Clone)]
pub struct Common {
    pub title: String,
    pub organization: Option<String>,
    pub base_url: String,
    /// Path prefix of the site (`""` at a domain's root, `/congkhai` under a folder).
    pub root: String,
    pub hotline: Option<String>,
    pub feedback: Option<String>,
    pub as_of: Option<String>,
    pub stylesheet: String,
    pub favicon: String,
    pub sort_script: String,
    pub warn_late_rate: Option<f64>,
    pub serious_late_rate: Option<f64>,
    /// The search script, for pages with the search box.
    pub search_script: String,
    /// The search index's manifest under `/tim-kiem/`, read by the search script.
    pub search_index: String,
    pub menu: Vec<MenuItem>,
    /// Pages kept out of the main menu (`menu: false`), linked from the footer.
    pub footer_pages: Vec<MenuItem>,
}

#[derive(Serialize, Clone)]
pub struct MenuItem {
    pub title: String,
    pub url: String,
}

/// Everything a page kind needs to render itself.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub links: &'a Links,
    pub theme: &'a Theme,
    pub common: Common,
    /// `common` as a template value, made once: every page shares it.
    common_value: tera::Value,
    /// Look-alike procedures and the procedures each unit receives, computed once.
    pub site_links: &'a procedure_facts::SiteLinks,
}

impl Ctx<'_> {
    /// An address inside the site, with the root prefix: `url("/thu-tuc/")`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.common.root)
    }

    /// A full address for QR codes, feeds and canonical links.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.site.config.base_url)
    }

    /// Renders `template` with the common values, the page's own values and its path.
    pub fn page(&self, template: &str, path: &str, title: &str, page: impl Serialize) -> Result<Output, Diagnostic> {
        let mut context = Context::new();
        context.insert_value("site", self.common_value.clone());
        context.insert("page", &page);
        context.insert("title", title);
        context.insert("path", &self.url(path));
        context.insert("canonical", &self.absolute(path));
        let bytes = crate::render::with_policy(self.theme.render(template, &context)?);
        Ok(Output { path: output_path(path), bytes })
    }
}

/// One field's share of a list of procedures.
#[derive(Serialize)]
pub struct FieldGroup<T> {
    pub name: String,
    /// The field's slug, for anchors (`#linh-vuc-ho-tich`).
    pub slug: String,
    pub rows: Vec<T>,
}

/// Procedures grouped by field (fields in Vietnamese order, procedures in the order given);
/// `view` is called in that order, so it may number the rows.
pub fn group_by_field<T>(ctx: &Ctx, procedures: &[usize], view: impl FnMut(usize) -> T) -> Vec<FieldGroup<T>> {
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); ctx.links.fields.len()];
    for &p in procedures {
        buckets[ctx.links.field_of[p]].push(p);
    }
    let mut view = view;
    buckets
        .into_iter()
        .enumerate()
        .filter(|(_, bucket)| !bucket.is_empty())
        .map(|(f, bucket)| FieldGroup {
            name: ctx.links.fields[f].name.clone(),
            slug: ctx.links.fields[f].slug.clone(),
            rows: bucket.into_iter().map(&mut view).collect(),
        })
        .collect()
}

/// The units of one kind.
#[derive(Serialize)]
pub struct KindGroup<T> {
    pub label: &'static str,
    pub key: String,
    pub units: Vec<T>,
}

/// Units grouped by kind (in `UnitKind::ALL` order, empty kinds left out), each shown by `view`.
pub fn group_units_by_kind<T>(ctx: &Ctx, mut view: impl FnMut(usize) -> T) -> Vec<KindGroup<T>> {
    crate::model::UnitKind::ALL
        .iter()
        .map(|kind| KindGroup {
            label: kind.label(),
            key: kind.key(),
            units: (0..ctx.site.units.len()).filter(|&u| ctx.site.units[u].kind == *kind).map(&mut view).collect(),
        })
        .filter(|g| !g.units.is_empty())
        .collect()
}

/// How to reach a unit, as the unit page and its board both show it; the site's hotline and
/// feedback address stand in for the unit's own.
#[derive(Serialize, Default)]
pub struct UnitContact<'a> {
    pub address: Option<&'a str>,
    pub hours: Option<&'a str>,
    pub hotline: Option<&'a str>,
    pub email: Option<&'a str>,
    pub feedback: Option<&'a str>,
    pub reception_officers: &'a [crate::model::Officer],
}

impl<'a> UnitContact<'a> {
    pub fn of(site: &'a Site, unit: usize) -> Self {
        let unit = &site.units[unit];
        UnitContact {
            address: unit.address.as_deref(),
            hours: unit.hours.as_deref(),
            hotline: unit.hotline.as_deref().or(site.config.hotline.as_deref()),
            email: unit.email.as_deref(),
            feedback: unit.feedback.as_deref().or(site.config.feedback.as_deref()),
            reception_officers: &unit.reception_officers,
        }
    }
}

/// JSON for a `<script type="application/ld+json">` block: no text can close the element.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `/thu-tuc/x/` → `thu-tuc/x/index.html`; `/404.html` → `404.html`.
fn output_path(url_path: &str) -> String {
    let trimmed = url_path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') { format!("{trimmed}index.html") } else { trimmed.to_string() }
}

type Job = Box<dyn Fn(&Ctx) -> Result<Vec<Output>, Diagnostic> + Sync + Send>;

/// The templates of the [`Jobs::searching`] pages: a site's theme that reads `site.search_index`
/// in any other template is built the slow way, index first (see [`render_all`]).
const SEARCH_TEMPLATES: [&str; 2] = ["home.html", "procedures.html"];

/// One job per page or group of pages, and the values every page shares apart from the search
/// manifest's address: only the `searching` jobs link the manifest, so the build makes the index
/// while the others render.
struct Jobs {
    site_links: procedure_facts::SiteLinks,
    common: Common,
    common_value: tera::Value,
    /// The pages with the search box (templates [`SEARCH_TEMPLATES`]): they need the index made
    /// first. A built-in template that reads `site.search_index` must belong to one of these,
    /// or its pages get an empty address (`tests/citizen.rs` builds the example site to check).
    searching: Vec<Job>,
    /// Everything else; procedure pages come after these.
    others: Vec<Job>,
    procedures: usize,
}

impl Jobs {
    fn make(site: &Site, links: &Links, theme: &Theme) -> Jobs {
        let common = common(site, theme);
        let common_value = tera::Value::from_serializable(&common);
        let site_links = procedure_facts::SiteLinks::compute(site, links);
        let ctx = Ctx { site, links, theme, common, common_value, site_links: &site_links };
        let searching: Vec<Job> = vec![Box::new(listing::home), Box::new(listing::all_procedures)];
        let mut others: Vec<Job> = vec![
            Box::new(unit::all_units),
            Box::new(board::all_boards),
            Box::new(misc::not_found),
            Box::new(misc::sitemap),
            Box::new(misc::robots),
            Box::new(misc::assets),
            Box::new(results::results_index),
            Box::new(results::period_pages),
            // Open data one file pair a job: at national size each holds hundreds of megabytes.
            Box::new(data::open_data),
            Box::new(data::procedures_data),
            Box::new(data::results_data),
            Box::new(data::feed),
            Box::new(xlsx::procedures_spreadsheet),
            Box::new(xlsx::results_spreadsheet),
        ];
        for letter in listing::letters(&ctx) {
            others.push(Box::new(move |c| listing::letter(c, &letter)));
        }
        for f in 0..links.fields.len() {
            others.push(Box::new(move |c| listing::field(c, f)));
        }
        for u in 0..site.units.len() {
            others.push(Box::new(move |c| unit::unit(c, u)));
            others.push(Box::new(move |c| board::board(c, u)));
        }
        for g in 0..links.groups.len() {
            others.push(Box::new(move |c| unit::group(c, g)));
            others.push(Box::new(move |c| board::group_board(c, g)));
        }
        for p in 0..site.pages.len() {
            others.push(Box::new(move |c| misc::markdown_page(c, p)));
        }
        for f in 0..site.files.len() {
            others.push(Box::new(move |c| misc::file(c, f)));
        }
        let (common, common_value) = (ctx.common, ctx.common_value);
        Jobs { site_links, common, common_value, searching, others, procedures: site.procedures.len() }
    }

    /// The searching jobs, then the others, then one per procedure.
    fn len(&self) -> usize {
        self.searching.len() + self.others.len() + self.procedures
    }

    fn ctx<'a>(&'a self, site: &'a Site, links: &'a Links, theme: &'a Theme) -> Ctx<'a> {
        Ctx {
            site,
            links,
            theme,
            common: self.common.clone(),
            common_value: self.common_value.clone(),
            site_links: &self.site_links,
        }
    }

    fn run_in(&self, ctx: &Ctx, job: usize) -> Result<Vec<Output>, Diagnostic> {
        if let Some(job) = self.searching.get(job) {
            return job(ctx);
        }
        let job = job - self.searching.len();
        match self.others.get(job) {
            Some(job) => job(ctx),
            None => procedure::pages(ctx, job - self.others.len()),
        }
    }
}

impl Ctx<'_> {
    /// This context with the search manifest's address set, for the searching jobs.
    fn with_manifest(&self, manifest: &str) -> Self {
        let mut common = self.common.clone();
        common.search_index = manifest.to_string();
        let common_value = tera::Value::from_serializable(&common);
        Ctx { common, common_value, ..*self }
    }
}

/// What to render for one checked site, the search index made: the values every page shares
/// and one job per page or group of pages. It borrows nothing, so the preview keeps it beside
/// the site and runs single jobs on request.
pub struct Plan {
    /// Their shared values carry the manifest's address.
    jobs: Jobs,
    search: search::SearchIndex,
}

impl Plan {
    /// The plan of `site` for the preview, after `previous` (the plan of the load before this
    /// one, if any): its search index is reused when nothing search reads has changed.
    pub fn after(site: &Site, links: &Links, theme: &Theme, previous: Option<&Plan>) -> Result<Plan, Diagnostic> {
        let mut jobs = Jobs::make(site, links, theme);
        let search = timed_index(&jobs.ctx(site, links, theme), true, previous.map(|p| &p.search));
        jobs.common.search_index = search.manifest.clone();
        jobs.common_value = tera::Value::from_serializable(&jobs.common);
        Ok(Plan { jobs, search })
    }

    /// How many jobs there are; the search index is not one of them.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The search index files (rendered when the plan was made).
    pub fn index_files(&self) -> &[Output] {
        &self.search.files
    }

    /// Runs job `job` (`0..len()`) of this plan, for the site and theme it was made from.
    pub fn run(&self, site: &Site, links: &Links, theme: &Theme, job: usize) -> Result<Vec<Output>, Diagnostic> {
        self.jobs.run_in(&self.jobs.ctx(site, links, theme), job)
    }
}

/// The search index of the site `ctx` renders (see [`search::index`]).
fn timed_index(ctx: &Ctx, keep: bool, previous: Option<&search::SearchIndex>) -> search::SearchIndex {
    let started = std::time::Instant::now();
    let search = search::index(ctx, keep, previous);
    if std::env::var_os("CONGKHAI_SEARCH_TIMING").is_some() {
        // For benches/search.sh: the index alone, apart from the pages (in a build it shares
        // the cores with them).
        let bytes: usize = search.files.iter().map(|o| o.bytes.len()).sum();
        eprintln!(
            "search-index: {:.3} s, {} files, {bytes} bytes",
            started.elapsed().as_secs_f64(),
            search.files.len()
        );
    }
    search
}

fn common(site: &Site, theme: &Theme) -> Common {
    let root = root_path(&site.config.base_url);
    let asset = |name: &str| format!("{root}/assets/{}", theme.asset_url(name).unwrap_or(name));
    let mut menu = vec![
        MenuItem { title: "Thủ tục".into(), url: format!("{root}/thu-tuc/") },
        MenuItem { title: "Đơn vị".into(), url: format!("{root}/don-vi/") },
        MenuItem { title: "Kết quả".into(), url: format!("{root}/ket-qua/") },
        MenuItem { title: "Dữ liệu".into(), url: format!("{root}/du-lieu/") },
    ];
    let mut pages: Vec<_> = site.pages.iter().filter(|p| p.menu).collect();
    pages.sort_by_key(|p| (p.weight, p.slug.clone()));
    menu.extend(pages.iter().map(|p| MenuItem { title: p.title.clone(), url: format!("{root}/{}/", p.slug) }));
    Common {
        title: site.config.title.clone(),
        organization: site.config.organization.clone(),
        base_url: site.config.base_url.clone(),
        root: root.clone(),
        hotline: site.config.hotline.clone(),
        feedback: site.config.feedback.clone(),
        as_of: site.config.as_of.map(|d| d.to_string()),
        stylesheet: asset("style.css"),
        favicon: asset("favicon.svg"),
        sort_script: asset("sort.js"),
        warn_late_rate: site.config.thresholds.as_ref().and_then(|t| t.warn_late_rate),
        serious_late_rate: site.config.thresholds.as_ref().and_then(|t| t.serious_late_rate),
        search_script: asset("search.js"),
        search_index: String::new(),
        menu,
        footer_pages: site
            .pages
            .iter()
            .filter(|p| !p.menu)
            .map(|p| MenuItem { title: p.title.clone(), url: format!("{root}/{}/", p.slug) })
            .collect(),
    }
}

/// Renders every page and file; `emit` receives each output as soon as it is ready.
/// Returns the number of HTML pages.
pub fn render_all(
    site: &Site,
    links: &Links,
    theme: &Theme,
    emit: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Vec<Diagnostic>> {
    let jobs = Jobs::make(site, links, theme);
    let ctx = jobs.ctx(site, links, theme);
    let html_pages = AtomicUsize::new(0);
    let run = |ctx: &Ctx, job: usize| match jobs.run_in(ctx, job) {
        Ok(outputs) => outputs
            .into_iter()
            .filter_map(|o| {
                if o.path.ends_with(".html") {
                    html_pages.fetch_add(1, Ordering::Relaxed);
                }
                emit(o).err()
            })
            .collect::<Vec<_>>(),
        Err(problem) => vec![problem],
    };
    let others = jobs.searching.len()..jobs.len();
    // The index, then its files and the searching jobs (with `also`), all in parallel.
    let indexed = |also: std::ops::Range<usize>| {
        let search = timed_index(&ctx, false, None);
        let ctx = ctx.with_manifest(&search.manifest);
        search
            .files
            .into_par_iter()
            .filter_map(|o| emit(o).err())
            .chain((0..jobs.searching.len()).into_par_iter().chain(also).flat_map_iter(|job| run(&ctx, job)))
            .collect::<Vec<_>>()
    };
    // A site's own template may read the manifest on any page: it waits for the index then.
    let elsewhere = theme.own_templates_mentioning("search_index").any(|t| !SEARCH_TEMPLATES.contains(&t));
    let errors = if elsewhere {
        indexed(others)
    } else {
        // Pages without the search box need no index: they render meanwhile.
        let (mut errors, rest) = rayon::join(
            || indexed(0..0),
            || others.into_par_iter().flat_map_iter(|job| run(&ctx, job)).collect::<Vec<_>>(),
        );
        errors.extend(rest);
        errors
    };
    if errors.is_empty() { Ok(html_pages.into_inner()) } else { Err(errors) }
}

/// The path part of `base_url`, without a trailing slash.
pub fn root_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/thu-tuc/a/"), "thu-tuc/a/index.html");
        assert_eq!(output_path("/404.html"), "404.html");
        assert_eq!(root_path("https://a.gov.vn"), "");
        assert_eq!(root_path("https://a.gov.vn/congkhai/"), "/congkhai");
    }
}
