//! `/don-vi/` (every unit, by kind) and `/don-vi/<id>/` (one unit with its procedures).

use serde::Serialize;

use super::lookup::{self, LookupForm};
use super::procedure::{Row, row};
use super::{Ctx, Output};
use crate::diagnostics::Diagnostic;
use crate::model::{Officer, UnitKind};

#[derive(Serialize)]
struct UnitLink {
    name: String,
    url: String,
    count: usize,
    address: Option<String>,
}

pub fn all_units(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct Group {
        label: &'static str,
        key: String,
        units: Vec<UnitLink>,
    }
    #[derive(Serialize)]
    struct Units {
        groups: Vec<Group>,
        count: usize,
    }
    let groups = UnitKind::ALL
        .iter()
        .map(|kind| Group {
            label: kind.label(),
            key: format!("{kind:?}").to_lowercase(),
            units: ctx
                .site
                .units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.kind == *kind)
                .map(|(i, u)| UnitLink {
                    name: u.name.clone(),
                    url: ctx.url(&format!("/don-vi/{}/", u.id)),
                    count: ctx.links.procedures_of[i].len(),
                    address: u.address.clone(),
                })
                .collect(),
        })
        .filter(|g| !g.units.is_empty())
        .collect();
    let page = Units { groups, count: ctx.site.units.len() };
    Ok(vec![ctx.page("units.html", "/don-vi/", "Cơ quan, đơn vị", page)?])
}

pub fn unit(ctx: &Ctx, u: usize) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct FieldGroup {
        name: String,
        rows: Vec<Row>,
    }
    #[derive(Serialize)]
    struct UnitPage<'a> {
        id: &'a str,
        name: &'a str,
        kind: &'static str,
        historical: bool,
        parent: Option<UnitLink>,
        address: Option<&'a str>,
        hotline: Option<&'a str>,
        email: Option<&'a str>,
        hours: Option<&'a str>,
        feedback: Option<&'a str>,
        reception_officers: &'a [Officer],
        procedure_count: usize,
        fields: Vec<FieldGroup>,
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
    // Group the unit's procedures by field, fields in Vietnamese order.
    let mut fields: Vec<FieldGroup> = Vec::new();
    let procedures = &ctx.links.procedures_of[u];
    for (f, field) in ctx.links.fields.iter().enumerate() {
        let rows: Vec<Row> = procedures.iter().filter(|&&p| ctx.links.field_of[p] == f).map(|&p| row(ctx, p)).collect();
        if !rows.is_empty() {
            fields.push(FieldGroup { name: field.name.clone(), rows });
        }
    }
    let page = UnitPage {
        id: &unit.id,
        name: &unit.name,
        kind: unit.kind.label(),
        historical: unit.kind == UnitKind::District,
        parent: unit.parent.as_ref().and_then(|p| ctx.links.unit_index.get(&p.value)).map(|&i| link(i)),
        address: unit.address.as_deref(),
        hotline: unit.hotline.as_deref().or(site.config.hotline.as_deref()),
        email: unit.email.as_deref(),
        hours: unit.hours.as_deref(),
        feedback: unit.feedback.as_deref().or(site.config.feedback.as_deref()),
        reception_officers: &unit.reception_officers,
        procedure_count: procedures.len(),
        fields,
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
