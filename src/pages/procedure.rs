//! `/thu-tuc/<slug>/` (one procedure) and `/tt/<code>/` (its permanent short link).

use serde::Serialize;
use serde_json::json;

use super::lookup::{self, LookupForm};
use super::{Ctx, Output};
use crate::diagnostics::Diagnostic;
use crate::model::facts::{PAPERS_NONE, PAPERS_UNKNOWN, PaperFacts};
use crate::model::{Online, Procedure, UnitRef};
use crate::render::format::percent_short;
use crate::render::markdown::{inline_to_safe_html, to_safe_html};
use crate::render::qr::Qr;

/// More units than this (e.g. every commune) are summarized instead of listed on a procedure.
const UNITS_LISTED: usize = 12;

/// One procedure as a line in a list.
#[derive(Serialize)]
pub struct Row {
    pub name: String,
    pub url: String,
    pub code: String,
    pub field: String,
    pub level: &'static str,
    pub time: String,
    pub fee: String,
    pub online: Option<&'static str>,
    pub units: String,
}

/// The list line of procedure `p`.
pub fn row(ctx: &Ctx, p: usize) -> Row {
    let procedure = &ctx.site.procedures[p];
    Row {
        name: procedure.name.clone(),
        url: procedure_url(ctx, p),
        code: procedure.code.value.clone(),
        field: ctx.links.fields[ctx.links.field_of[p]].name.clone(),
        level: procedure.level.label(),
        time: procedure.time_summary(),
        fee: fee_summary(procedure),
        online: (procedure.online != Online::None).then(|| procedure.online.label()),
        units: units_summary(ctx, p),
    }
}

pub fn procedure_url(ctx: &Ctx, p: usize) -> String {
    ctx.url(&format!("/thu-tuc/{}/", ctx.links.slugs[p]))
}

/// The path of the permanent link: `/tt/1-004946/` keeps the code's dots as they are.
pub fn permalink_path(procedure: &Procedure) -> String {
    format!("/tt/{}/", procedure.code.value)
}

/// The model's fee summary: `135.000 đ`, `Miễn phí`, a range, `25 USD`, or
/// "Chưa có thông tin về phí, lệ phí" when nothing is known.
pub fn fee_summary(procedure: &Procedure) -> String {
    procedure.fee_summary()
}

fn units_summary(ctx: &Ctx, p: usize) -> String {
    let units = &ctx.links.units_of[p];
    match &ctx.site.procedures[p].units {
        UnitRef::Kind { kind, .. } if units.len() > 1 => format!("{} ({} đơn vị)", kind.label(), units.len()),
        _ => units.iter().map(|&u| ctx.site.units[u].name.as_str()).collect::<Vec<_>>().join(", "),
    }
}

#[derive(Serialize)]
struct UnitView {
    name: String,
    url: String,
    address: Option<String>,
    hotline: Option<String>,
    hours: Option<String>,
}

#[derive(Serialize)]
struct FeeView {
    name: String,
    kind: Option<&'static str>,
    amount: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct PaperView {
    name: String,
    originals: u32,
    copies: u32,
    note: Option<String>,
    form_url: Option<String>,
    form_name: Option<String>,
}

#[derive(Serialize)]
struct ProcedureView {
    name: String,
    code: String,
    field_name: String,
    field_url: String,
    level: &'static str,
    statutory: String,
    cut: Option<String>,
    cut_percent: Option<String>,
    time_note: Option<String>,
    fee_summary: String,
    fees: Vec<FeeView>,
    papers_text: &'static str,
    submit_at: Option<String>,
    online: &'static str,
    online_available: bool,
    online_url: Option<String>,
    channels: Vec<&'static str>,
    hotline: Option<String>,
    applicants: Option<String>,
    sets: u32,
    papers: Vec<PaperView>,
    steps: Vec<String>,
    requirements: Option<String>,
    result: Option<String>,
    legal_basis: Vec<String>,
    units: Vec<UnitView>,
    units_summary: Option<String>,
    units_total: usize,
    updated: String,
    updated_iso: String,
    keywords: Vec<String>,
    permalink: String,
    permalink_absolute: String,
    /// QR code of the permanent link, for the printed sheet.
    qr: Option<Qr>,
    lookup: Option<LookupForm>,
    json_ld: String,
    results: Vec<super::results::RowView>,
}

/// The procedure page and its permanent link.
pub fn pages(ctx: &Ctx, p: usize) -> Result<Vec<Output>, Diagnostic> {
    let procedure = &ctx.site.procedures[p];
    let units_of = &ctx.links.units_of[p];
    let field = &ctx.links.fields[ctx.links.field_of[p]];
    let first_unit = units_of.first().map(|&u| &ctx.site.units[u]);

    let summarized = matches!(procedure.units, UnitRef::Kind { .. }) && units_of.len() > UNITS_LISTED;
    let units: Vec<UnitView> = if summarized {
        Vec::new()
    } else {
        units_of
            .iter()
            .map(|&u| {
                let unit = &ctx.site.units[u];
                UnitView {
                    name: unit.name.clone(),
                    url: ctx.url(&format!("/don-vi/{}/", unit.id)),
                    address: unit.address.clone(),
                    hotline: unit.hotline.clone(),
                    hours: unit.hours.clone(),
                }
            })
            .collect()
    };
    // Where to file: the procedure's own place, or the one unit's address.
    let submit_at = procedure
        .submit_at
        .clone()
        .or_else(|| if units_of.len() == 1 { first_unit.and_then(|u| u.address.clone()) } else { None });
    // Hotline falls back procedure → unit → site; "every commune" has no one unit to call.
    let every_unit_of_a_kind = matches!(procedure.units, UnitRef::Kind { .. }) && units_of.len() > 1;
    let hotline = procedure
        .hotline
        .clone()
        .or_else(|| {
            if every_unit_of_a_kind { None } else { units_of.iter().find_map(|&u| ctx.site.units[u].hotline.clone()) }
        })
        .or_else(|| ctx.site.config.hotline.clone());

    let path = format!("/thu-tuc/{}/", ctx.links.slugs[p]);
    let permalink = permalink_path(procedure);
    let view = ProcedureView {
        name: procedure.name.clone(),
        code: procedure.code.value.clone(),
        field_name: field.name.clone(),
        field_url: ctx.url(&format!("/linh-vuc/{}/", field.slug)),
        level: procedure.level.label(),
        statutory: if procedure.times_vary() { procedure.time_summary() } else { procedure.time.statutory.to_string() },
        cut: procedure.time.real_cut().filter(|_| !procedure.times_vary()).map(|c| c.to_string()),
        cut_percent: procedure.time.cut_percent().filter(|p| *p > 0.0 && !procedure.times_vary()).map(percent_short),
        time_note: procedure.time.note.clone(),
        fee_summary: fee_summary(procedure),
        fees: procedure
            .fees
            .iter()
            .map(|f| FeeView {
                name: f.name.clone(),
                kind: f.kind.map(|k| k.label()),
                amount: f.money().map(|m| m.to_string()),
                note: f.note.clone(),
            })
            .collect(),
        submit_at,
        online: procedure.online.label(),
        online_available: procedure.online != Online::None,
        online_url: procedure.online_url.clone(),
        channels: procedure.channels.iter().map(|c| c.label()).collect(),
        hotline,
        applicants: procedure.applicants.clone(),
        sets: procedure.sets,
        papers_text: match procedure.paper_facts() {
            PaperFacts::None => PAPERS_NONE,
            _ => PAPERS_UNKNOWN,
        },
        papers: procedure
            .papers
            .iter()
            .chain(procedure.cases.iter().flat_map(|c| c.papers.iter()))
            .map(|paper| PaperView {
                name: paper.name.clone(),
                originals: paper.originals,
                copies: paper.copies,
                note: paper.note.clone(),
                form_url: paper.form_url().map(str::to_string).or_else(|| {
                    paper.form_file().map(|f| {
                        ctx.url(&format!("/tep/{}", f.value.trim_start_matches("/tep/").trim_start_matches('/')))
                    })
                }),
                form_name: paper.form.as_ref().map(|f| f.value.rsplit('/').next().unwrap_or(&f.value).to_string()),
            })
            .collect(),
        steps: procedure.steps.iter().map(|s| inline_to_safe_html(s)).collect(),
        requirements: procedure.requirements.as_deref().map(to_safe_html),
        result: (!procedure.result.is_empty()).then(|| procedure.result.join("; ")),
        legal_basis: procedure.legal_basis.clone(),
        units,
        units_summary: summarized.then(|| units_summary(ctx, p)),
        units_total: units_of.len(),
        updated: procedure.updated.to_string(),
        updated_iso: procedure.updated.iso(),
        keywords: procedure.keywords.clone(),
        permalink: ctx.url(&permalink),
        permalink_absolute: ctx.absolute(&permalink),
        qr: Qr::new(&ctx.absolute(&permalink)),
        lookup: lookup::for_procedure(ctx, p),
        json_ld: json_ld(ctx, p, &path),
        results: super::results::procedure_results(ctx, p),
    };
    let page = ctx.page("procedure.html", &path, &procedure.name, &view)?;

    #[derive(Serialize)]
    struct Permalink<'a> {
        name: &'a str,
        target: String,
        target_absolute: String,
    }
    let short = ctx.page(
        "permalink.html",
        &permalink,
        &procedure.name,
        Permalink { name: &procedure.name, target: ctx.url(&path), target_absolute: ctx.absolute(&path) },
    )?;
    Ok(vec![page, short])
}

/// schema.org `GovernmentService`, escaped so no text can close the script element.
fn json_ld(ctx: &Ctx, p: usize, path: &str) -> String {
    let procedure = &ctx.site.procedures[p];
    let providers: Vec<_> = ctx.links.units_of[p]
        .iter()
        .take(UNITS_LISTED)
        .map(|&u| {
            let unit = &ctx.site.units[u];
            let mut provider = json!({ "@type": "GovernmentOrganization", "name": unit.name });
            if let Some(address) = &unit.address {
                provider["address"] = json!(address);
            }
            if let Some(hotline) = &unit.hotline {
                provider["telephone"] = json!(hotline);
            }
            provider
        })
        .collect();
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": procedure.name,
        "identifier": procedure.code.value,
        "serviceType": procedure.field.value,
        "url": ctx.absolute(path),
        "provider": providers,
    });
    if let Some(applicants) = &procedure.applicants {
        data["audience"] = json!({ "@type": "Audience", "audienceType": applicants });
    }
    if let Some(url) = &procedure.online_url {
        data["availableChannel"] = json!({ "@type": "ServiceChannel", "serviceUrl": url });
    }
    if let Some(org) = &ctx.site.config.organization {
        data["areaServed"] = json!({ "@type": "AdministrativeArea", "name": org });
    }
    super::script_safe_json(&data)
}
