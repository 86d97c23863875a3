//! `/don-vi/<id>/niem-yet/` (a unit's printable A4 notice board for the reception desk) and
//! `/niem-yet/` (every board, for staff who print them all).

use serde::Serialize;

use super::lookup::{self, LookupForm};
use super::procedure::fee_summary;
use super::{Ctx, FieldGroup, KindGroup, Output, UnitContact, group_by_field, group_units_by_kind};
use crate::diagnostics::Diagnostic;
use crate::model::Date;
use crate::render::qr::Qr;

/// The board's "Cập nhật ngày": the newest `updated` of its procedures, never the build date
/// (the same sources must give the same pages).
pub fn newest_update(dates: impl IntoIterator<Item = Date>) -> Option<Date> {
    dates.into_iter().max()
}

fn board_path(unit_id: &str) -> String {
    format!("/don-vi/{unit_id}/niem-yet/")
}

/// The board's address inside the site, for links from the unit page.
pub fn board_url(ctx: &Ctx, u: usize) -> String {
    ctx.url(&board_path(&ctx.site.units[u].id))
}

/// The newest `updated` of unit `u`'s procedures.
pub fn newest_update_of(ctx: &Ctx, u: usize) -> Option<Date> {
    newest_update(ctx.links.procedures_of[u].iter().map(|&p| ctx.site.procedures[p].updated))
}

#[derive(Serialize)]
struct BoardRow {
    number: usize,
    code: String,
    name: String,
    statutory: String,
    cut: Option<String>,
    fee: String,
    online: &'static str,
    /// Each case's own time and fee, when they differ by case.
    cases: Vec<super::procedure::CaseLine>,
}

#[derive(Serialize)]
struct Board<'a> {
    name: &'a str,
    unit_url: String,
    #[serde(flatten)]
    contact: UnitContact<'a>,
    procedure_count: usize,
    fields: Vec<FieldGroup<BoardRow>>,
    updated: Option<String>,
    updated_iso: Option<String>,
    qr: Option<Qr>,
    lookup: Option<LookupForm>,
    lookup_qr: Option<Qr>,
}

pub fn board(ctx: &Ctx, u: usize) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let unit = &site.units[u];
    let procedures = &ctx.links.procedures_of[u];
    let mut number = 0;
    let fields = group_by_field(ctx, procedures, |p| {
        let procedure = &site.procedures[p];
        number += 1;
        BoardRow {
            number,
            code: procedure.code.value.clone(),
            name: procedure.name.clone(),
            statutory: if procedure.times_vary() {
                procedure.time_summary()
            } else {
                procedure.time.statutory.to_string()
            },
            cut: procedure.time.real_cut().filter(|_| !procedure.times_vary()).map(|c| c.to_string()),
            fee: fee_summary(procedure),
            online: procedure.online.label(),
            cases: super::procedure::case_lines(procedure),
        }
    });
    let updated = newest_update_of(ctx, u);
    let unit_path = format!("/don-vi/{}/", unit.id);
    let lookup = lookup::for_unit(ctx, u);
    let view = Board {
        name: &unit.name,
        unit_url: ctx.url(&unit_path),
        contact: UnitContact::of(site, u),
        procedure_count: procedures.len(),
        fields,
        updated: updated.map(|d| d.to_string()),
        updated_iso: updated.map(|d| d.iso()),
        qr: Qr::new(&ctx.absolute(&unit_path)),
        lookup_qr: lookup.as_ref().and_then(|l| Qr::new(&l.address)),
        lookup,
    };
    let title = format!("Bảng niêm yết thủ tục hành chính – {}", unit.name);
    Ok(vec![ctx.page("board.html", &board_path(&unit.id), &title, view)?])
}

pub fn all_boards(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct BoardLink {
        name: String,
        url: String,
        count: usize,
        updated: Option<String>,
    }
    #[derive(Serialize)]
    struct Boards {
        groups: Vec<KindGroup<BoardLink>>,
        count: usize,
    }
    let groups = group_units_by_kind(ctx, |u| BoardLink {
        name: ctx.site.units[u].name.clone(),
        url: board_url(ctx, u),
        count: ctx.links.procedures_of[u].len(),
        updated: newest_update_of(ctx, u).map(|d| d.to_string()),
    });
    let page = Boards { groups, count: ctx.site.units.len() };
    Ok(vec![ctx.page("boards.html", "/niem-yet/", "Bảng niêm yết thủ tục hành chính", page)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_board_date_is_the_newest_procedure_date() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(newest_update([d("2025-09-01"), d("2026-01-15"), d("2024-12-31")]), Some(d("2026-01-15")));
        // Month and day compare as dates, not as `dd/mm/yyyy` text.
        assert_eq!(newest_update([d("2026-02-01"), d("2025-12-31")]), Some(d("2026-02-01")));
        assert_eq!(newest_update([]), None);
    }
}
