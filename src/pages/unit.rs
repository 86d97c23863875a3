//! `/don-vi/` (every unit, by kind) and `/don-vi/<id>/` (one unit with its procedures).

use serde::Serialize;

use super::lookup::{self, LookupForm};
use super::procedure::{Row, row};
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

pub fn all_units(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct Units {
        groups: Vec<KindGroup<UnitLink>>,
        count: usize,
    }
    let groups = group_units_by_kind(ctx, |u| {
        let unit = &ctx.site.units[u];
        UnitLink {
            name: unit.name.clone(),
            url: ctx.url(&format!("/don-vi/{}/", unit.id)),
            count: ctx.links.procedures_of[u].len(),
            address: unit.address.clone(),
        }
    });
    let page = Units { groups, count: ctx.site.units.len() };
    Ok(vec![ctx.page("units.html", "/don-vi/", "Cơ quan, đơn vị", page)?])
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
        procedure_count: usize,
        fields: Vec<FieldGroup<Row>>,
        /// Procedures filed here (`submit_at` names this unit) that other units resolve.
        received: Vec<Row>,
        children: Vec<UnitLink>,
        results: super::results::UnitResults,
        board_url: String,
        lookup: Option<LookupForm>,
    }
    let site = ctx.site;
    let unit = &site.units[u];
    let link = |i: usize| {
        let other = &site.units[i];
        UnitLink {
            name: other.name.clone(),
            url: ctx.url(&format!("/don-vi/{}/", other.id)),
            count: ctx.links.procedures_of[i].len(),
            address: other.address.clone(),
        }
    };
    let procedures = &ctx.links.procedures_of[u];
    let fields = group_by_field(ctx, procedures, |p| row(ctx, p));
    let page = UnitPage {
        id: &unit.id,
        name: &unit.name,
        kind: unit.kind.label(),
        historical: unit.kind == UnitKind::District,
        parent: unit.parent.as_ref().and_then(|p| ctx.links.unit_index.get(&p.value)).map(|&i| link(i)),
        contact: UnitContact::of(site, u),
        procedure_count: procedures.len(),
        fields,
        received: ctx.site_links.received_at[u].iter().map(|&p| row(ctx, p)).collect(),
        children: site
            .units
            .iter()
            .enumerate()
            .filter(|(_, c)| c.parent.as_ref().is_some_and(|p| p.value == unit.id))
            .map(|(i, _)| link(i))
            .collect(),
        results: super::results::unit_results(ctx, u),
        board_url: super::board::board_url(ctx, u),
        lookup: lookup::for_unit(ctx, u),
    };
    Ok(vec![ctx.page("unit.html", &format!("/don-vi/{}/", unit.id), &unit.name, page)?])
}
