//! `/ket-qua/` (all periods, latest first), `/ket-qua/<period>/`, `/ket-qua/cach-tinh/`, and the
//! results views that unit, procedure and home pages show. Every figure is computed from counts.

use serde::Serialize;

use super::{Ctx, Output};
use crate::check_results::CheckedRow;
use crate::diagnostics::Diagnostic;
use crate::model::results::{Counts, Period};
use crate::render::chart::{Limits, PeriodShare, Standing, UnitShare, late_share_columns, late_share_ranking};
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
    /// The verdict alone, shown next to a unit's name: "phải kiểm điểm trách nhiệm".
    pub verdict: &'static str,
}

const SERIOUS_VERDICT: &str = "phải kiểm điểm trách nhiệm";
const WARN_VERDICT: &str = "bị phê bình, cần chấn chỉnh";

fn limits(ctx: &Ctx) -> Limits {
    let thresholds = ctx.site.config.thresholds.as_ref();
    Limits { warn: thresholds.and_then(|t| t.warn_late_rate), serious: thresholds.and_then(|t| t.serious_late_rate) }
}

fn standing(flag: Option<&Flag>) -> Standing {
    match flag {
        Some(f) if f.serious => Standing::Serious,
        Some(_) => Standing::Warn,
        None => Standing::Fine,
    }
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
                text: format!("Trễ hạn {} (từ {}% trở lên): {SERIOUS_VERDICT}", rate(late), limit),
                verdict: SERIOUS_VERDICT,
            }),
            (None, Some(limit)) => Some(Flag {
                serious: false,
                text: format!("Trễ hạn {} (từ {}% trở lên): {WARN_VERDICT}", rate(late), limit),
                verdict: WARN_VERDICT,
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
    /// Units ranked by late share, worst first (an SVG), when any unit row has one.
    pub ranking: Option<String>,
    /// What the colours and lines of the ranking mean, and which units it leaves out.
    pub ranking_legend: String,
}

/// The ranked chart of one period's unit rows: late share, worst first, ties by name.
fn ranking(ctx: &Ctx, period: Period, rows: &[RowView]) -> (Option<String>, String) {
    let mut ranked: Vec<(&RowView, &Figure)> =
        rows.iter().filter_map(|r| r.figures.late_rate.as_ref().map(|late| (r, late))).collect();
    let unranked = rows.len() - ranked.len();
    if ranked.is_empty() {
        return (None, String::new());
    }
    ranked.sort_by(|(a, x), (b, y)| y.value.total_cmp(&x.value).then_with(|| a.unit.cmp(&b.unit)));
    let units: Vec<UnitShare> = ranked
        .iter()
        .map(|(r, late)| UnitShare {
            name: r.unit.clone(),
            share: late.value,
            caption: late.text.clone(),
            standing: standing(r.figures.flag.as_ref()),
            verdict: r.figures.flag.as_ref().map(|f| f.verdict.to_string()),
        })
        .collect();
    let label = period.label().to_lowercase();
    let limits = limits(ctx);
    let short = crate::render::format::percent_short;
    let lines = match (limits.warn, limits.serious) {
        (Some(w), Some(s)) => {
            format!(" Vạch {} là mức bị phê bình, vạch {} là mức phải kiểm điểm trách nhiệm.", short(w), short(s))
        }
        _ => String::new(),
    };
    let mut legend = match (limits.warn, limits.serious) {
        (Some(w), Some(s)) => format!(
            "Tỷ lệ trễ hạn = hồ sơ giải quyết quá hạn / hồ sơ đã giải quyết. Vạch nâu {}: từ mức này đơn vị bị phê bình (thanh nâu); vạch đỏ {}: phải kiểm điểm trách nhiệm (thanh đỏ); thanh xanh: dưới {}.",
            short(w),
            short(s),
            short(w)
        ),
        _ => "Tỷ lệ trễ hạn = hồ sơ giải quyết quá hạn / hồ sơ đã giải quyết.".to_string(),
    };
    if unranked > 0 {
        legend.push_str(&format!(" {unranked} đơn vị không có số hồ sơ đã giải quyết nên không xếp hạng."));
    }
    let worst = &units[0];
    let description = format!(
        "Biểu đồ thanh ngang: {} đơn vị xếp theo tỷ lệ hồ sơ giải quyết trễ hạn {label}, cao nhất ở trên; cao nhất là {} với {}.{lines} Số liệu đầy đủ ở bảng bên dưới.",
        units.len(),
        worst.name,
        worst.caption
    );
    let title = format!("Tỷ lệ trễ hạn của các đơn vị, {label}");
    (Some(late_share_ranking(&format!("xep-hang-{}", period.slug()), &title, &description, &units, limits)), legend)
}

fn period_table(ctx: &Ctx, period: Period) -> PeriodTable {
    let in_period: Vec<&CheckedRow> = ctx.links.results.iter().filter(|r| *period_of(ctx, r) == period).collect();
    let unit_rows: Vec<&CheckedRow> = in_period.iter().copied().filter(|r| r.procedure.is_none()).collect();
    let mismatches = in_period.iter().filter(|r| r.mismatch_note(period).is_some()).count();
    let rows: Vec<RowView> = unit_rows.iter().map(|r| row_view(ctx, r)).collect();
    let (ranking, ranking_legend) = ranking(ctx, period, &rows);
    PeriodTable {
        label: period.label(),
        slug: period.slug(),
        url: ctx.url(&format!("/ket-qua/{}/", period.slug())),
        rows,
        ranking,
        ranking_legend,
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

/// Periods drawn in one chart of a unit page, at most.
const MAX_COLUMNS: usize = 8;

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
            // The latest periods that fit a phone's width; the table below has them all.
            let same = &same[same.len().saturating_sub(MAX_COLUMNS)..];
            let periods: Vec<PeriodShare> = same
                .iter()
                .filter_map(|r| {
                    let source = &ctx.site.results[r.row];
                    let figures = figures(ctx, &source.counts);
                    let late = figures.late_rate?;
                    Some(PeriodShare {
                        label: source.period.short_label(),
                        share: late.value,
                        caption: late.text,
                        standing: standing(figures.flag.as_ref()),
                    })
                })
                .collect();
            if periods.is_empty() {
                return None;
            }
            let first = period_of(ctx, same[0]);
            let kind = first.length_label();
            let title = format!("{name}: tỷ lệ hồ sơ giải quyết trễ hạn theo {kind}");
            let span = if same.len() == 1 {
                first.label().to_lowercase()
            } else {
                format!("từ {} đến {}", first.label().to_lowercase(), period_of(ctx, same[same.len() - 1]).label().to_lowercase())
            };
            let description = format!(
                "Biểu đồ cột: tỷ lệ hồ sơ giải quyết trễ hạn trên số hồ sơ đã giải quyết, {span}; vạch ngang là ngưỡng phê bình và ngưỡng kiểm điểm trách nhiệm. Số liệu đầy đủ ở bảng bên dưới."
            );
            Some(late_share_columns(&format!("bieu-do-{length}"), &title, &description, &periods, limits(ctx)))
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
