//! `/thu-tuc/<slug>/` (one procedure) and `/tt/<code>/` (its permanent short link).

use serde::Serialize;
use serde_json::json;

use super::lookup::{self, LookupForm};
use super::procedure_facts::{
    ContactLine, FeeFacts, PaperGroups, RelatedLink, WhereFacts, WhoFacts, contact, fee_facts, paper_groups,
    related_links, where_facts, who_facts,
};
use super::{Ctx, Output};
use crate::diagnostics::Diagnostic;
use crate::model::{Online, Procedure, UnitRef};
use crate::render::format::{money, percent_short};
use crate::render::markdown::inline_to_safe_html;
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
        time: procedure.time.cut.unwrap_or(procedure.time.statutory).to_string(),
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

/// `135.000 đ`, `Miễn phí`, a range, `Mức thu theo quy định` when only a note gives the
/// amount, `Chưa có thông tin` when no fee is written at all (never "free" by default).
pub fn fee_summary(procedure: &Procedure) -> String {
    if procedure.fees.is_empty() {
        return "Chưa có thông tin".into();
    }
    let amounts: Vec<u64> = procedure.fees.iter().filter_map(|f| f.amount).collect();
    if amounts.len() == procedure.fees.len() && amounts.iter().all(|a| *a == 0) {
        return "Miễn phí".into();
    }
    let (Some(min), Some(max)) = (amounts.iter().min(), amounts.iter().max()) else {
        return "Mức thu theo quy định".into();
    };
    let mut text = if min == max { money(*min) } else { format!("{} – {}", money(*min), money(*max)) };
    if amounts.len() < procedure.fees.len() {
        text.push_str(" (và khoản khác)");
    }
    text
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
    fee_facts: FeeFacts,
    fees: Vec<FeeView>,
    where_to_file: WhereFacts,
    contact: Vec<ContactLine>,
    who: WhoFacts,
    related: Vec<RelatedLink>,
    online: &'static str,
    online_available: bool,
    online_url: Option<String>,
    channels: Vec<&'static str>,
    sets: u32,
    papers: PaperGroups,
    /// No papers written at all: the page says that nothing is known, not that none are needed.
    papers_unknown: bool,
    steps: Vec<String>,
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
    // "Every commune" has no one unit to call or go to: the page says "the one where you live".
    let every_of_kind = matches!(procedure.units, UnitRef::Kind { .. }) && units_of.len() > 1;

    let path = format!("/thu-tuc/{}/", ctx.links.slugs[p]);
    let permalink = permalink_path(procedure);
    let view = ProcedureView {
        name: procedure.name.clone(),
        code: procedure.code.value.clone(),
        field_name: field.name.clone(),
        field_url: ctx.url(&format!("/linh-vuc/{}/", field.slug)),
        level: procedure.level.label(),
        statutory: procedure.time.statutory.to_string(),
        cut: procedure.time.cut.filter(|c| *c != procedure.time.statutory).map(|c| c.to_string()),
        cut_percent: procedure.time.cut_percent().filter(|p| *p > 0.0).map(percent_short),
        time_note: procedure.time.note.clone(),
        fee_summary: fee_summary(procedure),
        fee_facts: fee_facts(&procedure.fees),
        where_to_file: where_facts(ctx, p, every_of_kind),
        contact: contact(ctx, p, every_of_kind),
        who: who_facts(procedure),
        related: related_links(ctx, p),
        fees: procedure
            .fees
            .iter()
            .map(|f| FeeView {
                name: f.name.clone(),
                kind: f.kind.map(|k| k.label()),
                amount: f.amount.map(money),
                note: f.note.clone(),
            })
            .collect(),
        online: procedure.online.label(),
        online_available: procedure.online != Online::None,
        online_url: procedure.online_url.clone(),
        channels: procedure.channels.iter().map(|c| c.label()).collect(),
        sets: procedure.sets,
        papers: paper_groups(ctx, &procedure.papers),
        papers_unknown: procedure.papers.is_empty(),
        steps: procedure.steps.iter().map(|s| inline_to_safe_html(s)).collect(),
        result: procedure.result.clone(),
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
