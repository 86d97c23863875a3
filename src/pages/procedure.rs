//! `/thu-tuc/<slug>/` (one procedure) and `/tt/<code>/` (its permanent short link).

use serde::Serialize;
use serde_json::json;

use super::lookup::{self, LookupForm};
use super::procedure_facts::{
    CaseView, ContactLine, FeeFacts, PaperGroups, RelatedLink, TimeLine, WhereFacts, WhoFacts, case_views, contact,
    fee_blocks, paper_groups, related_links, time_lines, where_facts, who_facts,
};
use super::{Ctx, Output};
use crate::diagnostics::Diagnostic;
use crate::model::facts::{PAPERS_NONE, PAPERS_UNKNOWN, PaperFacts, Party};
use crate::model::{Online, Procedure};
use crate::render::format::number;
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
    /// Each case's own time and fee, when cases differ in them (lists then show every case).
    pub cases: Vec<CaseLine>,
}

/// One case of a procedure in a list or on a board: its name, time and fee.
#[derive(Serialize)]
pub struct CaseLine {
    pub name: String,
    pub time: String,
    pub fee: String,
}

/// The cases of a procedure whose time or fee differ, with their own time and fee.
pub fn case_lines(procedure: &Procedure) -> Vec<CaseLine> {
    if !procedure.times_vary() && !procedure.fees_vary() {
        return Vec::new();
    }
    procedure
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| CaseLine {
            name: c.name.clone(),
            time: procedure.time_of(Some(i)).shown().to_string(),
            fee: crate::model::FeeFacts::of(procedure.fees_of(Some(i))).summary(),
        })
        .collect()
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
        cases: case_lines(procedure),
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
/// "Chưa có thông tin về phí, lệ phí" when nothing is known (never "Miễn phí" by default).
pub fn fee_summary(procedure: &Procedure) -> String {
    procedure.fee_summary()
}

/// The units of `p` in one line: their names, or for a group "Mọi xã, phường (1.033 đơn vị)".
pub fn units_summary(ctx: &Ctx, p: usize) -> String {
    let links = ctx.links;
    let mut parts: Vec<String> = links.units_of[p].iter().map(|&u| ctx.site.units[u].name.clone()).collect();
    if let Some(g) = links.group_of[p] {
        let group = &links.groups[g];
        parts.push(format!("{} ({} đơn vị)", upper_first(&group.name(ctx.site)), number(group.units.len() as u64)));
    }
    parts.join(", ")
}

/// "mọi xã, phường" → "Mọi xã, phường".
pub fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[derive(Serialize)]
struct UnitView {
    name: String,
    url: String,
    address: Option<String>,
    hotline: Option<String>,
    hours: Option<String>,
}

/// A coordinating unit: a link when it is a unit of the site, else its name.
#[derive(Serialize)]
struct PartyView {
    name: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct FeeView {
    /// The case the line belongs to, when it is a case's own fee.
    case: Option<String>,
    name: String,
    kind: Option<&'static str>,
    amount: Option<String>,
    channel: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct ProcedureView {
    name: String,
    code: String,
    field_name: String,
    field_url: String,
    levels: Vec<&'static str>,
    /// One short line: `5 ngày làm việc`, `10–15 ngày`, for the description and the headline.
    time_summary: String,
    times: Vec<TimeLine>,
    fee_summary: String,
    fee_blocks: Vec<FeeFacts>,
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
    cases: Vec<CaseView>,
    /// "Chưa có thông tin về thành phần hồ sơ" or, for `papers: none`, "Không yêu cầu giấy tờ".
    papers_text: Option<&'static str>,
    steps: Vec<String>,
    result: Vec<String>,
    anywhere: bool,
    result_delivery: Vec<&'static str>,
    coordinating: Vec<PartyView>,
    published: Option<String>,
    legal_basis: Vec<String>,
    units: Vec<UnitView>,
    units_summary: Option<String>,
    /// Where the summary links: the group's page, which lists its units or says where they are.
    units_url: String,
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
    let field = &ctx.links.fields[ctx.links.field_of[p]];
    let group = ctx.links.group_of[p];
    let units_total = ctx.links.unit_count(p);

    let summarized = group.is_some() && units_total > UNITS_LISTED;
    let units: Vec<UnitView> = if summarized {
        Vec::new()
    } else {
        ctx.links
            .units_handling(p)
            .map(|u| {
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
    let every_of_kind = group.is_some();

    let path = format!("/thu-tuc/{}/", ctx.links.slugs[p]);
    let permalink = permalink_path(procedure);
    let view = ProcedureView {
        name: procedure.name.clone(),
        code: procedure.code.value.clone(),
        field_name: field.name.clone(),
        field_url: ctx.url(&format!("/linh-vuc/{}/", field.slug)),
        levels: procedure.levels.iter().map(|l| l.label()).collect(),
        time_summary: procedure.time_summary(),
        times: time_lines(procedure),
        fee_summary: fee_summary(procedure),
        fee_blocks: fee_blocks(procedure),
        where_to_file: where_facts(ctx, p, every_of_kind),
        contact: contact(ctx, p, every_of_kind),
        who: who_facts(procedure),
        related: related_links(ctx, p),
        fees: std::iter::once((None, procedure.fees.as_slice()))
            .chain(procedure.cases.iter().filter_map(|c| c.fees.as_deref().map(|f| (Some(c.name.as_str()), f))))
            .flat_map(|(case, fees)| {
                fees.iter().map(move |f| FeeView {
                    case: case.map(str::to_string),
                    name: f.name.clone(),
                    kind: f.kind.map(|k| k.label()),
                    amount: f.money().map(|m| m.to_string()),
                    channel: f.channel.map(|c| c.label().to_lowercase()),
                    note: f.note.clone(),
                })
            })
            .collect(),
        online: procedure.online.label(),
        online_available: procedure.online != Online::None,
        online_url: procedure.online_url.clone(),
        channels: procedure.channels.iter().map(|c| c.label()).collect(),
        sets: procedure.sets,
        papers: paper_groups(ctx, &procedure.papers),
        cases: case_views(ctx, procedure),
        papers_text: match procedure.paper_facts() {
            PaperFacts::Listed => None,
            PaperFacts::None => Some(PAPERS_NONE),
            PaperFacts::Unknown => Some(PAPERS_UNKNOWN),
        },
        steps: procedure.steps.iter().map(|s| inline_to_safe_html(s)).collect(),
        result: procedure.result.clone(),
        anywhere: procedure.anywhere,
        result_delivery: procedure.result_delivery.iter().map(|c| c.label()).collect(),
        coordinating: procedure
            .coordinating_units(&ctx.site.units)
            .into_iter()
            .map(|party| match party {
                Party::Unit(u) => PartyView {
                    name: ctx.site.units[u].name.clone(),
                    url: Some(ctx.url(&format!("/don-vi/{}/", ctx.site.units[u].id))),
                },
                Party::Name(name) => PartyView { name: name.to_string(), url: None },
            })
            .collect(),
        published: procedure.published.as_ref().map(|p| {
            let mut text = if p.decision.to_lowercase().starts_with("quyết định") {
                p.decision.clone()
            } else {
                format!("Quyết định số {}", p.decision)
            };
            if let Some(date) = p.date {
                text.push_str(&format!(" ngày {date}"));
            }
            if let Some(by) = &p.by {
                text.push_str(&format!(" của {by}"));
            }
            text
        }),
        legal_basis: procedure.legal_basis.clone(),
        units,
        units_summary: summarized.then(|| units_summary(ctx, p)),
        units_url: match group {
            Some(g) => super::unit::group_url(ctx, g),
            None => ctx.url("/don-vi/"),
        },
        units_total,
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
    let providers: Vec<_> = ctx
        .links
        .units_handling(p)
        .take(UNITS_LISTED)
        .map(|u| {
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
    // Every fee line with an amount, each case's own: never only the first.
    let offers: Vec<_> = std::iter::once((None, procedure.fees.as_slice()))
        .chain(procedure.cases.iter().filter_map(|c| c.fees.as_deref().map(|f| (Some(c.name.as_str()), f))))
        .flat_map(|(case, fees)| {
            fees.iter().filter_map(move |f| {
                let amount = f.amount?;
                let mut offer = json!({
                    "@type": "Offer",
                    "name": f.name,
                    "price": amount,
                    "priceCurrency": format!("{:?}", f.currency).to_uppercase(),
                });
                if let Some(case) = case {
                    offer["category"] = json!(case);
                }
                Some(offer)
            })
        })
        .collect();
    if !offers.is_empty() {
        data["offers"] = json!(offers);
    }
    if !procedure.result.is_empty() {
        data["serviceOutput"] =
            json!(procedure.result.iter().map(|r| json!({ "@type": "Thing", "name": r })).collect::<Vec<_>>());
    }
    if let Some(org) = &ctx.site.config.organization {
        data["areaServed"] = json!({ "@type": "AdministrativeArea", "name": org });
    }
    super::script_safe_json(&data)
}
