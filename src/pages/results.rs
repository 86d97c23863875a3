//! `/ket-qua/` (all periods, latest first), `/ket-qua/<period>/`, `/ket-qua/cach-tinh/`, and the
//! results views that unit, procedure and home pages show. Every figure is computed from counts.

use serde::Serialize;

use super::{Ctx, Output};
use crate::check_results::CheckedRow;
use crate::diagnostics::Diagnostic;
use crate::model::results::{Counts, Period};
use crate::render::chart::{Bar, on_time_bars};
use crate::render::format::{number, rate};

/// A figure as shown (`60.615`, `98,80%`) and as a number for sorting.
#[derive(Serialize, Clone)]
pub struct Figure {
    pub text: String,
    pub value: f64,
}

fn count(value: Option<u64>) -> Option<Figure> {
    value.map(|v| Figure { text: number(v), value: v as f64 })
}

fn percent(value: Option<f64>) -> Option<Figure> {
    value.map(|v| Figure { text: rate(v), value: v })
}

/// A late-share flag in the words a unit's supervisor uses.
#[derive(Serialize, Clone)]
pub struct Flag {
    pub serious: bool,
    pub text: String,
}

/// A target from site.yaml against the actual figure.
#[derive(Serialize, Clone)]
pub struct TargetView {
    pub name: &'static str,
    pub target: String,
    pub actual: String,
    pub met: bool,
}

/// Every figure of one published row (or a total of rows).
#[derive(Serialize, Clone)]
pub struct Figures {
    pub carried_over: Option<Figure>,
    pub received: Option<Figure>,
    pub received_online: Option<Figure>,
    pub received_direct: Option<Figure>,
    pub received_postal: Option<Figure>,
    pub resolved: Option<Figure>,
    pub in_time: Option<Figure>,
    pub early: Option<Figure>,
    pub on_time: Option<Figure>,
    pub late: Option<Figure>,
    pub pending: Option<Figure>,
    pub pending_overdue: Option<Figure>,
    pub withdrawn: Option<Figure>,
    pub on_time_rate: Option<Figure>,
    pub early_rate: Option<Figure>,
    pub late_rate: Option<Figure>,
    pub online_share: Option<Figure>,
    pub online_payment_share: Option<Figure>,
    pub digitization_share: Option<Figure>,
    pub satisfaction: Option<Figure>,
    pub flag: Option<Flag>,
    pub targets: Vec<TargetView>,
}

fn figures(ctx: &Ctx, c: &Counts) -> Figures {
    let late_rate = c.late_rate();
    let thresholds = ctx.site.config.thresholds.as_ref();
    let flag = late_rate.and_then(|late| {
        let serious = thresholds.and_then(|t| t.serious_late_rate).filter(|limit| late >= *limit);
        let warn = thresholds.and_then(|t| t.warn_late_rate).filter(|limit| late >= *limit);
        match (serious, warn) {
            (Some(limit), _) => Some(Flag {
                serious: true,
                text: format!("Trễ hạn {} (từ {}% trở lên): phải kiểm điểm trách nhiệm", rate(late), limit),
            }),
            (None, Some(limit)) => Some(Flag {
                serious: false,
                text: format!("Trễ hạn {} (từ {}% trở lên): bị phê bình, cần chấn chỉnh", rate(late), limit),
            }),
            _ => None,
        }
    });
    let mut targets = Vec::new();
    if let Some(t) = &ctx.site.config.targets {
        let pairs = [
            ("Tỷ lệ giải quyết đúng hạn", t.on_time_rate, c.on_time_rate()),
            ("Tỷ lệ hồ sơ trực tuyến", t.online_share, c.online_share()),
            ("Tỷ lệ thanh toán trực tuyến", t.online_payment_share, c.online_payment_share()),
            ("Mức độ hài lòng", t.satisfaction, c.satisfaction()),
        ];
        for (name, target, actual) in pairs {
            if let (Some(target), Some(actual)) = (target, actual) {
                targets.push(TargetView {
                    name,
                    target: format!("{}%", target),
                    actual: rate(actual),
                    met: actual >= target,
                });
            }
        }
    }
    Figures {
        carried_over: count(c.carried_over),
        received: count(c.received_total()),
        received_online: count(c.received_online),
        received_direct: count(c.received_direct),
        received_postal: count(c.received_postal),
        resolved: count(c.resolved()),
        in_time: count(c.in_time()),
        early: count(c.resolved_early),
        on_time: count(c.resolved_on_time),
        late: count(c.resolved_late),
        pending: count(c.pending()),
        pending_overdue: count(c.pending_overdue),
        withdrawn: count(c.withdrawn),
        on_time_rate: percent(c.on_time_rate()),
        early_rate: percent(c.early_rate()),
        late_rate: percent(late_rate),
        online_share: percent(c.online_share()),
        online_payment_share: percent(c.online_payment_share()),
        digitization_share: percent(c.digitization_share()),
        satisfaction: percent(c.satisfaction()),
        flag,
        targets,
    }
}

/// One row as a page shows it.
#[derive(Serialize, Clone)]
pub struct RowView {
    pub period: String,
    pub period_url: String,
    pub unit: String,
    pub unit_url: String,
    pub procedure: Option<String>,
    pub procedure_url: Option<String>,
    pub figures: Figures,
    /// "Số liệu kỳ … không khớp: chênh lệch 875 hồ sơ", when the row does not add up.
    pub note: Option<String>,
}

fn period_of<'a>(ctx: &'a Ctx, row: &CheckedRow) -> &'a Period {
    &ctx.site.results[row.row].period
}

fn row_view(ctx: &Ctx, row: &CheckedRow) -> RowView {
    let source = &ctx.site.results[row.row];
    let unit = &ctx.site.units[row.unit];
    RowView {
        period: source.period.label(),
        period_url: ctx.url(&format!("/ket-qua/{}/", source.period.slug())),
        unit: unit.name.clone(),
        unit_url: ctx.url(&format!("/don-vi/{}/", unit.id)),
        procedure: row.procedure.map(|p| ctx.site.procedures[p].name.clone()),
        procedure_url: row.procedure.map(|p| super::procedure::procedure_url(ctx, p)),
        figures: figures(ctx, &source.counts),
        note: row.mismatch_note(source.period),
    }
}

/// Sum of the rows' counts; a count is summed only where every row reported it.
fn total(ctx: &Ctx, rows: &[&CheckedRow]) -> Counts {
    let sum = |get: fn(&Counts) -> Option<u64>| -> Option<u64> {
        rows.iter().map(|r| get(&ctx.site.results[r.row].counts)).sum::<Option<u64>>()
    };
    Counts {
        carried_over: sum(|c| c.carried_over),
        received: sum(|c| c.received_total()),
        resolved_in_time: sum(|c| c.in_time()),
        resolved_late: sum(|c| c.resolved_late),
        pending_in_time: sum(|c| c.pending_in_time),
        pending_overdue: sum(|c| c.pending_overdue),
        withdrawn: sum(|c| c.withdrawn),
        received_online: sum(|c| c.received_online),
        resolved_early: sum(|c| c.resolved_early),
        resolved_on_time: sum(|c| c.resolved_on_time),
        fee_payable: sum(|c| c.fee_payable),
        paid_online: sum(|c| c.paid_online),
        digitized: sum(|c| c.digitized),
        surveyed: sum(|c| c.surveyed),
        satisfied: sum(|c| c.satisfied),
        ..Counts::default()
    }
}

/// The periods that have rows, latest first.
fn periods(ctx: &Ctx) -> Vec<Period> {
    let mut periods: Vec<Period> = Vec::new();
    for row in &ctx.links.results {
        let period = *period_of(ctx, row);
        // Rows are sorted by period, so one period's rows are together.
        if periods.last() != Some(&period) {
            periods.push(period);
        }
    }
    periods
}

/// One period's table: unit rows, their totals, and per-procedure rows apart.
#[derive(Serialize)]
pub struct PeriodTable {
    pub label: String,
    pub slug: String,
    pub url: String,
    pub rows: Vec<RowView>,
    pub total: Option<Figures>,
    pub procedure_rows: Vec<RowView>,
    pub mismatches: usize,
}

fn period_table(ctx: &Ctx, period: Period) -> PeriodTable {
    let in_period: Vec<&CheckedRow> = ctx.links.results.iter().filter(|r| *period_of(ctx, r) == period).collect();
    let unit_rows: Vec<&CheckedRow> = in_period.iter().copied().filter(|r| r.procedure.is_none()).collect();
    let mismatches = in_period.iter().filter(|r| r.mismatch_note(period).is_some()).count();
    PeriodTable {
        label: period.label(),
        slug: period.slug(),
        url: ctx.url(&format!("/ket-qua/{}/", period.slug())),
        rows: unit_rows.iter().map(|r| row_view(ctx, r)).collect(),
        total: (unit_rows.len() > 1).then(|| figures(ctx, &total(ctx, &unit_rows))),
        procedure_rows: in_period.iter().filter(|r| r.procedure.is_some()).map(|r| row_view(ctx, r)).collect(),
        mismatches,
    }
}

#[derive(Serialize)]
struct PeriodLink {
    label: String,
    url: String,
    length: &'static str,
}

fn period_links(ctx: &Ctx) -> Vec<PeriodLink> {
    periods(ctx)
        .into_iter()
        .map(|p| PeriodLink {
            label: p.label(),
            url: ctx.url(&format!("/ket-qua/{}/", p.slug())),
            length: p.length_label(),
        })
        .collect()
}

/// The latest period that has rows for whole units (not only per-procedure rows).
fn latest_unit_period(ctx: &Ctx) -> Option<Period> {
    ctx.links.results.iter().find(|r| r.procedure.is_none()).map(|r| *period_of(ctx, r))
}

pub fn results_index(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct Index {
        latest: Option<PeriodTable>,
        periods: Vec<PeriodLink>,
        method_url: String,
        data_url: String,
    }
    let page = Index {
        latest: latest_unit_period(ctx).map(|p| period_table(ctx, p)),
        periods: period_links(ctx),
        method_url: ctx.url("/ket-qua/cach-tinh/"),
        data_url: ctx.url("/du-lieu/"),
    };
    let mut outputs = vec![ctx.page("results.html", "/ket-qua/", "Kết quả giải quyết hồ sơ", page)?];
    outputs.push(ctx.page("method.html", "/ket-qua/cach-tinh/", "Cách tính các chỉ số", ())?);
    Ok(outputs)
}

pub fn period_pages(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct PeriodPage {
        table: PeriodTable,
        periods: Vec<PeriodLink>,
        method_url: String,
    }
    periods(ctx)
        .into_iter()
        .map(|period| {
            let title = format!("Kết quả giải quyết hồ sơ {}", period.label().to_lowercase());
            let page = PeriodPage {
                table: period_table(ctx, period),
                periods: period_links(ctx),
                method_url: ctx.url("/ket-qua/cach-tinh/"),
            };
            ctx.page("period.html", &format!("/ket-qua/{}/", period.slug()), &title, page)
        })
        .collect()
}

/// Results section of a unit page: rows by period (latest first) and one chart per period length.
#[derive(Serialize, Default)]
pub struct UnitResults {
    pub rows: Vec<RowView>,
    pub charts: Vec<String>,
    pub procedure_rows: Vec<RowView>,
}

pub fn unit_results(ctx: &Ctx, unit: usize) -> UnitResults {
    let rows: Vec<&CheckedRow> = ctx.links.results_of_unit[unit].iter().map(|&i| &ctx.links.results[i]).collect();
    let unit_rows: Vec<&CheckedRow> = rows.iter().copied().filter(|r| r.procedure.is_none()).collect();
    let mut lengths: Vec<u8> = unit_rows.iter().map(|r| period_of(ctx, r).length()).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let name = &ctx.site.units[unit].name;
    let charts = lengths
        .into_iter()
        .filter_map(|length| {
            // Oldest first, one length per chart: months are never drawn beside years.
            let mut same: Vec<&CheckedRow> =
                unit_rows.iter().copied().filter(|r| period_of(ctx, r).length() == length).collect();
            same.reverse();
            let bars: Vec<Bar> = same
                .iter()
                .filter_map(|r| {
                    let source = &ctx.site.results[r.row];
                    let c = &source.counts;
                    Some(Bar {
                        label: source.period.short_label(),
                        in_time: c.in_time()?,
                        late: c.resolved_late?,
                        caption: c.on_time_rate().map(rate).unwrap_or_default(),
                    })
                })
                .collect();
            if bars.len() < 2 {
                return None;
            }
            let first = period_of(ctx, same[0]);
            let kind = first.length_label();
            let title = format!("{name}: hồ sơ giải quyết đúng hạn và trễ hạn theo {kind}");
            let description = format!(
                "Biểu đồ cột: phần xanh là hồ sơ giải quyết trước hạn và đúng hạn, phần đỏ là hồ sơ trễ hạn, từ {} đến {}; số trên mỗi cột là tỷ lệ đúng hạn. Số liệu đầy đủ ở bảng bên dưới.",
                first.label().to_lowercase(),
                period_of(ctx, same[same.len() - 1]).label().to_lowercase()
            );
            Some(on_time_bars(&format!("bieu-do-{length}"), &title, &description, &bars))
        })
        .collect();
    UnitResults {
        rows: unit_rows.iter().map(|r| row_view(ctx, r)).collect(),
        charts,
        procedure_rows: rows.iter().filter(|r| r.procedure.is_some()).map(|r| row_view(ctx, r)).collect(),
    }
}

/// Per-procedure rows for a procedure page.
pub fn procedure_results(ctx: &Ctx, procedure: usize) -> Vec<RowView> {
    ctx.links.results_of_procedure[procedure].iter().map(|&i| row_view(ctx, &ctx.links.results[i])).collect()
}

/// Headline figures of the latest period, for the home page.
#[derive(Serialize)]
pub struct Headline {
    pub period: String,
    pub url: String,
    pub units: usize,
    pub figures: Figures,
}

pub fn headline(ctx: &Ctx) -> Option<Headline> {
    let period = latest_unit_period(ctx)?;
    let rows: Vec<&CheckedRow> =
        ctx.links.results.iter().filter(|r| r.procedure.is_none() && *period_of(ctx, r) == period).collect();
    Some(Headline {
        period: period.label(),
        url: ctx.url(&format!("/ket-qua/{}/", period.slug())),
        units: rows.len(),
        figures: figures(ctx, &total(ctx, &rows)),
    })
}
