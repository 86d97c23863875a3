//! `/don-vi/` (every unit, by kind), `/don-vi/<id>/` (one unit with its procedures) and
//! `/don-vi/moi-xa-phuong/` (a group's page: the procedures every commune does, listed once).

use serde::Serialize;

use super::lookup::{self, LookupForm};
use super::procedure::{Row, row, upper_first};
use super::{Ctx, FieldGroup, KindGroup, Output, UnitContact, group_by_field, group_units_by_kind};
use crate::diagnostics::Diagnostic;
use crate::model::UnitKind;

#[derive(Serialize)]
struct UnitLink {
    name: String,
    url: String,
    count: usize,
    address: Option<String>,
}

fn unit_link(ctx: &Ctx, u: usize) -> UnitLink {
    let unit = &ctx.site.units[u];
    UnitLink {
        name: unit.name.clone(),
        url: ctx.url(&format!("/don-vi/{}/", unit.id)),
        count: ctx.links.procedure_count(u),
        address: unit.address.clone(),
    }
}

/// The path of group `g`'s page: `/don-vi/moi-xa-phuong/`, `/don-vi/<parent>/moi-xa-phuong/`.
pub fn group_path(ctx: &Ctx, g: usize) -> String {
    format!("/don-vi/{}/", ctx.links.groups[g].slug)
}

pub fn group_url(ctx: &Ctx, g: usize) -> String {
    ctx.url(&group_path(ctx, g))
}

/// "Thủ tục mọi xã, phường đều giải quyết": the title of group `g`'s page.
pub fn group_title(ctx: &Ctx, g: usize) -> String {
    format!("Thủ tục {} đều giải quyết", ctx.links.groups[g].name(ctx.site))
}

/// A link to a group's page, as lists of units show it.
#[derive(Serialize)]
struct GroupLink {
    /// The kind's key, to place the link under its kind.
    kind: String,
    title: String,
    url: String,
    count: usize,
}

pub fn all_units(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct Units {
        groups: Vec<KindGroup<UnitLink>>,
        /// The pages of procedures every unit of a kind does, under that kind.
        shared: Vec<GroupLink>,
        count: usize,
    }
    let groups = group_units_by_kind(ctx, |u| unit_link(ctx, u));
    let shared = (0..ctx.links.groups.len())
        .map(|g| GroupLink {
            kind: ctx.links.groups[g].kind.key(),
            title: group_title(ctx, g),
            url: group_url(ctx, g),
            count: ctx.links.groups[g].procedures.len(),
        })
        .collect();
    let page = Units { groups, shared, count: ctx.site.units.len() };
    Ok(vec![ctx.page("units.html", "/don-vi/", "Cơ quan, đơn vị", page)?])
}

/// A unit with more procedures than this shows them folded by field.
const COLLAPSE_ABOVE: usize = 30;

/// One field of a group, with its number of procedures and its place on the group's page.
#[derive(Serialize)]
struct FieldCount {
    name: String,
    url: String,
    count: usize,
}

/// A group a unit belongs to, as the unit's page sums it up: how many procedures, in which
/// fields, and the page that lists them.
#[derive(Serialize)]
struct SharedGroup {
    /// Anchor of its section on the unit's page.
    key: String,
    title: String,
    /// "mọi xã, phường".
    name: String,
    url: String,
    count: usize,
    fields: Vec<FieldCount>,
}

fn shared_group(ctx: &Ctx, g: usize) -> SharedGroup {
    let url = group_url(ctx, g);
    SharedGroup {
        key: format!("h-chung-{}", g + 1),
        title: group_title(ctx, g),
        name: ctx.links.groups[g].name(ctx.site),
        count: ctx.links.groups[g].procedures.len(),
        fields: ctx.site_links.group_fields[g]
            .iter()
            .map(|&(f, count)| {
                let field = &ctx.links.fields[f];
                FieldCount { name: field.name.clone(), url: format!("{url}#linh-vuc-{}", field.slug), count }
            })
            .collect(),
        url,
    }
}

pub fn unit(ctx: &Ctx, u: usize) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct UnitPage<'a> {
        id: &'a str,
        name: &'a str,
        kind: &'static str,
        historical: bool,
        parent: Option<UnitLink>,
        #[serde(flatten)]
        contact: UnitContact<'a>,
        /// Procedures naming this unit, listed on the page.
        procedure_count: usize,
        /// Those and the procedures of its groups.
        total_count: usize,
        fields: Vec<FieldGroup<Row>>,
        /// Many procedures: each field folded under its name, so the page opens short.
        collapse_fields: bool,
        /// The groups it belongs to: their procedures are counted here and listed on their page.
        shared: Vec<SharedGroup>,
        /// Procedures filed here (`submit_at` names this unit) that other units resolve.
        received: Vec<Row>,
        children: Vec<UnitLink>,
        results: super::results::UnitResults,
        board_url: String,
        lookup: Option<LookupForm>,
    }
    let site = ctx.site;
    let unit = &site.units[u];
    let procedures = &ctx.links.procedures_of[u];
    let fields = group_by_field(ctx, procedures, |p| row(ctx, p));
    let page = UnitPage {
        id: &unit.id,
        name: &unit.name,
        kind: unit.kind.label(),
        historical: unit.kind == UnitKind::District,
        parent: unit.parent.as_ref().and_then(|p| ctx.links.unit_index.get(&p.value)).map(|&i| unit_link(ctx, i)),
        contact: UnitContact::of(site, u),
        procedure_count: procedures.len(),
        total_count: ctx.links.procedure_count(u),
        collapse_fields: procedures.len() > COLLAPSE_ABOVE,
        fields,
        shared: ctx.links.groups_of_unit[u].iter().map(|&g| shared_group(ctx, g)).collect(),
        received: ctx.site_links.received_at[u].iter().map(|&p| row(ctx, p)).collect(),
        children: site
            .units
            .iter()
            .enumerate()
            .filter(|(_, c)| c.parent.as_ref().is_some_and(|p| p.value == unit.id))
            .map(|(i, _)| unit_link(ctx, i))
            .collect(),
        results: super::results::unit_results(ctx, u),
        board_url: super::board::board_url(ctx, u),
        lookup: lookup::for_unit(ctx, u),
    };
    Ok(vec![ctx.page("unit.html", &format!("/don-vi/{}/", unit.id), &unit.name, page)?])
}

/// A group with at most this many units lists them on its page; a larger one links to them.
const GROUP_UNITS_LISTED: usize = 100;

/// A group's page: its procedures, once, by field (each with an anchor that its members'
/// pages link to), and its units or where to find them.
pub fn group(ctx: &Ctx, g: usize) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct GroupPage {
        title: String,
        /// "Mọi xã, phường".
        name: String,
        /// "xã, phường".
        plural: &'static str,
        /// "UBND xã, phường nơi bạn cư trú".
        nearest: String,
        parent: Option<UnitLink>,
        procedure_count: usize,
        fields: Vec<FieldGroup<Row>>,
        unit_count: usize,
        /// The units, when few enough to list.
        units: Vec<UnitLink>,
        /// Where all its units are listed, when they are too many for this page.
        units_url: String,
        board_url: String,
    }
    let group = &ctx.links.groups[g];
    let title = group_title(ctx, g);
    let page = GroupPage {
        name: upper_first(&group.name(ctx.site)),
        plural: group.kind.plural(),
        nearest: super::procedure_facts::nearest_of_kind(group.kind),
        parent: group.parent.map(|p| unit_link(ctx, p)),
        procedure_count: group.procedures.len(),
        fields: group_by_field(ctx, &group.procedures, |p| row(ctx, p)),
        unit_count: group.units.len(),
        units: if group.units.len() <= GROUP_UNITS_LISTED {
            group.units.iter().map(|&u| unit_link(ctx, u)).collect()
        } else {
            Vec::new()
        },
        units_url: match group.parent {
            Some(p) => ctx.url(&format!("/don-vi/{}/#h-truc-thuoc", ctx.site.units[p].id)),
            None => ctx.url(&format!("/don-vi/#nhom-{}", group.kind.key())),
        },
        board_url: ctx.url(&super::board::group_board_path(ctx, g)),
        title: title.clone(),
    };
    Ok(vec![ctx.page("unit_group.html", &group_path(ctx, g), &title, page)?])
}
