//! `/don-vi/<id>/niem-yet/` (a unit's printable A4 notice board for the reception desk),
//! `/don-vi/moi-xa-phuong/niem-yet/` (a group's shared board: what every commune does, printed
//! once) and `/niem-yet/` (every board, for staff who print them all).

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

/// The newest `updated` of the procedures unit `u`'s board lists or counts (its groups' too:
/// the board says how many they are).
pub fn newest_update_of(ctx: &Ctx, u: usize) -> Option<Date> {
    let own = ctx.links.procedures_of[u].iter().map(|&p| ctx.site.procedures[p].updated);
    let shared = ctx.links.groups_of_unit[u].iter().filter_map(|&g| ctx.site_links.group_updated[g]);
    newest_update(own.chain(shared))
}

/// The path of group `g`'s shared board: `/don-vi/moi-xa-phuong/niem-yet/`.
pub fn group_board_path(ctx: &Ctx, g: usize) -> String {
    format!("{}niem-yet/", super::unit::group_path(ctx, g))
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

/// A group whose procedures are on a shared board, as a unit's board points to it.
#[derive(Serialize)]
struct SharedBoard {
    /// "mọi xã, phường".
    name: String,
    count: usize,
    url: String,
    /// The full address, printed for whoever reads the board on paper.
    address: String,
}

#[derive(Serialize)]
struct Board<'a> {
    /// What the heading names after "Niêm yết công khai thủ tục hành chính".
    name: String,
    /// The page the board prints, and its name for the crumbs.
    page_name: String,
    unit_url: String,
    #[serde(flatten)]
    contact: UnitContact<'a>,
    procedure_count: usize,
    fields: Vec<FieldGroup<BoardRow>>,
    /// The shared boards of the unit's groups.
    shared: Vec<SharedBoard>,
    /// On a shared board: "1.033 xã, phường", the units it is for.
    shared_by: Option<String>,
    updated: Option<String>,
    updated_iso: Option<String>,
    qr: Option<Qr>,
    lookup: Option<LookupForm>,
    lookup_qr: Option<Qr>,
}

/// The board's table: procedures by field, numbered.
fn board_rows(ctx: &Ctx, procedures: &[usize]) -> Vec<FieldGroup<BoardRow>> {
    let mut number = 0;
    group_by_field(ctx, procedures, |p| {
        let procedure = &ctx.site.procedures[p];
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
    })
}

pub fn board(ctx: &Ctx, u: usize) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let unit = &site.units[u];
    let procedures = &ctx.links.procedures_of[u];
    let updated = newest_update_of(ctx, u);
    let unit_path = format!("/don-vi/{}/", unit.id);
    let lookup = lookup::for_unit(ctx, u);
    let view = Board {
        name: unit.name.clone(),
        page_name: unit.name.clone(),
        unit_url: ctx.url(&unit_path),
        contact: UnitContact::of(site, u),
        procedure_count: procedures.len(),
        fields: board_rows(ctx, procedures),
        shared: ctx.links.groups_of_unit[u]
            .iter()
            .map(|&g| {
                let path = group_board_path(ctx, g);
                SharedBoard {
                    name: ctx.links.groups[g].name(site),
                    count: ctx.links.groups[g].procedures.len(),
                    url: ctx.url(&path),
                    address: ctx.absolute(&path),
                }
            })
            .collect(),
        shared_by: None,
        updated: updated.map(|d| d.to_string()),
        updated_iso: updated.map(|d| d.iso()),
        qr: Qr::new(&ctx.absolute(&unit_path)),
        lookup_qr: lookup.as_ref().and_then(|l| Qr::new(&l.address)),
        lookup,
    };
    let title = format!("Bảng niêm yết thủ tục hành chính – {}", unit.name);
    Ok(vec![ctx.page("board.html", &board_path(&unit.id), &title, view)?])
}

/// The shared board of group `g`: its procedures, printed once and posted at every member's
/// desk, whose own board points here.
pub fn group_board(ctx: &Ctx, g: usize) -> Result<Vec<Output>, Diagnostic> {
    let group = &ctx.links.groups[g];
    let updated = ctx.site_links.group_updated[g];
    let page_path = super::unit::group_path(ctx, g);
    let lookup = lookup::for_group(ctx, g);
    let title = super::unit::group_title(ctx, g);
    let view = Board {
        name: format!("chung của {}", group.name(ctx.site)),
        page_name: title.clone(),
        unit_url: ctx.url(&page_path),
        contact: UnitContact::default(),
        procedure_count: group.procedures.len(),
        fields: board_rows(ctx, &group.procedures),
        shared: Vec::new(),
        shared_by: Some(format!("{} {}", crate::render::format::number(group.units.len() as u64), group.kind.plural())),
        updated: updated.map(|d| d.to_string()),
        updated_iso: updated.map(|d| d.iso()),
        qr: Qr::new(&ctx.absolute(&page_path)),
        lookup_qr: lookup.as_ref().and_then(|l| Qr::new(&l.address)),
        lookup,
    };
    Ok(vec![ctx.page("board.html", &group_board_path(ctx, g), &format!("Bảng niêm yết – {title}"), view)?])
}

pub fn all_boards(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct BoardLink {
        name: String,
        url: String,
        count: usize,
        /// Procedures of the unit's groups, on their shared boards.
        shared: usize,
        updated: Option<String>,
    }
    #[derive(Serialize)]
    struct Boards {
        /// Shared boards, one per group.
        shared: Vec<BoardLink>,
        groups: Vec<KindGroup<BoardLink>>,
        count: usize,
    }
    let shared = (0..ctx.links.groups.len())
        .map(|g| BoardLink {
            name: super::unit::group_title(ctx, g),
            url: ctx.url(&group_board_path(ctx, g)),
            count: ctx.links.groups[g].procedures.len(),
            shared: 0,
            updated: ctx.site_links.group_updated[g].map(|d| d.to_string()),
        })
        .collect();
    let groups = group_units_by_kind(ctx, |u| BoardLink {
        name: ctx.site.units[u].name.clone(),
        url: board_url(ctx, u),
        count: ctx.links.procedures_of[u].len(),
        shared: ctx.links.procedure_count(u) - ctx.links.procedures_of[u].len(),
        updated: newest_update_of(ctx, u).map(|d| d.to_string()),
    });
    let page = Boards { shared, groups, count: ctx.site.units.len() };
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
