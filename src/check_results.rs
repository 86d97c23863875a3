//! Checks of the published results: known units and procedures, no duplicates, and the two
//! sums that must hold — the accounting identity and continuity between periods. A row that
//! breaks a sum is a warning and keeps its figures: we never correct a published number.

use std::collections::HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::results::Period;
use crate::model::{Date, Site};
use crate::render::format::number;

/// A result row that passed the checks, with what is wrong with its sums.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    /// Index into `site.results`.
    pub row: usize,
    pub unit: usize,
    pub procedure: Option<usize>,
    /// carried over + received − (resolved + pending + withdrawn), when not zero.
    pub identity_difference: Option<i64>,
    /// carried over − the pending at the end of the period just before, when not zero.
    pub continuity: Option<Continuity>,
}

#[derive(Debug, Clone)]
pub struct Continuity {
    pub previous: Period,
    pub difference: i64,
}

impl CheckedRow {
    /// The visible note for pages that show this row, if its figures do not add up.
    pub fn mismatch_note(&self, period: Period) -> Option<String> {
        let mut notes = Vec::new();
        if let Some(d) = self.identity_difference {
            notes.push(format!(
                "Số liệu kỳ {} không khớp: chênh lệch {} hồ sơ",
                period.label().to_lowercase(),
                number(d.unsigned_abs())
            ));
        }
        if let Some(c) = &self.continuity {
            notes.push(format!(
                "Số kỳ trước chuyển qua khác số đang giải quyết cuối {}: chênh lệch {} hồ sơ",
                c.previous.label().to_lowercase(),
                number(c.difference.unsigned_abs())
            ));
        }
        (!notes.is_empty()).then(|| notes.join(". "))
    }
}

/// The checked rows, and every problem found in them.
pub fn check_results(site: &Site, unit_index: &HashMap<String, usize>) -> (Vec<CheckedRow>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let codes: HashMap<&str, usize> =
        site.procedures.iter().enumerate().map(|(i, p)| (p.code.value.as_str(), i)).collect();
    let mut checked = Vec::with_capacity(site.results.len());
    let mut seen: HashMap<(Period, usize, Option<usize>), usize> = HashMap::new();

    for (i, row) in site.results.iter().enumerate() {
        let Some(&unit) = unit_index.get(&row.unit.value) else {
            problems.push(
                Diagnostic::error(
                    row.unit.place.clone(),
                    format!("không có đơn vị `{}` trong content/units.yaml", row.unit.value),
                )
                .with_hint(crate::diagnostics::unit_hint(
                    &row.unit.value,
                    site.units.iter().map(|u| (u.id.as_str(), u.name.as_str())),
                )),
            );
            continue;
        };
        let procedure = match &row.procedure {
            Some(code) => match codes.get(code.value.as_str()) {
                Some(&p) => Some(p),
                None => {
                    problems.push(
                        Diagnostic::error(
                            code.place.clone(),
                            format!("không có thủ tục mã `{}` trong procedures/", code.value),
                        )
                        .with_hint(match did_you_mean(&code.value, codes.keys().copied()) {
                            Some(near) => format!("có phải ý bạn là `{near}`?"),
                            None => "để trống ô này nếu dòng là số liệu chung của đơn vị".to_string(),
                        }),
                    );
                    continue;
                }
            },
            None => None,
        };
        if let Some(&first) = seen.get(&(row.period, unit, procedure)) {
            let other = &site.results[first].place;
            problems.push(
                Diagnostic::error(
                    row.place.clone(),
                    format!("dòng trùng: kỳ {} của `{}` đã có", row.period, row.unit.value),
                )
                .with_hint(format!(
                    "đã có ở {}:{}; mỗi (kỳ, đơn vị, thủ tục) chỉ một dòng",
                    other.file.file_name().and_then(|n| n.to_str()).unwrap_or(""),
                    other.line
                )),
            );
            continue;
        }
        seen.insert((row.period, unit, procedure), i);
        let identity_difference = row.counts.identity_difference().filter(|d| *d != 0);
        checked.push(CheckedRow { row: i, unit, procedure, identity_difference, continuity: None });
    }

    // Continuity: carried over = pending at the end of any period of the same unit (and
    // procedure) that ends the day before this one starts.
    let mut by_end: HashMap<(usize, Option<usize>, Date), Vec<usize>> = HashMap::new();
    for (c, row) in checked.iter().enumerate() {
        by_end.entry((row.unit, row.procedure, site.results[row.row].period.end())).or_default().push(c);
    }
    for c in 0..checked.len() {
        let row = &site.results[checked[c].row];
        let Some(carried) = row.counts.carried_over else { continue };
        let Some(day_before) = day_before(row.period.start()) else { continue };
        let Some(previous) = by_end.get(&(checked[c].unit, checked[c].procedure, day_before)) else { continue };
        for &p in previous {
            let before = &site.results[checked[p].row];
            let Some(pending) = before.counts.pending() else { continue };
            let difference = carried as i64 - pending as i64;
            if difference != 0 && checked[c].continuity.is_none() {
                checked[c].continuity = Some(Continuity { previous: before.period, difference });
            }
        }
    }

    for row in &checked {
        let source = &site.results[row.row];
        if let Some(d) = row.identity_difference {
            let c = &source.counts;
            problems.push(
                Diagnostic::warning(
                    source.place.clone(),
                    format!(
                        "số liệu kỳ {} của `{}` không khớp: chuyển qua + tiếp nhận = {}, nhưng đã giải quyết + đang giải quyết{} = {} (chênh lệch {} hồ sơ)",
                        source.period,
                        source.unit.value,
                        number(c.carried_over.unwrap_or(0) + c.received_total().unwrap_or(0)),
                        if c.withdrawn.is_some() { " + rút/trả lại" } else { "" },
                        number(c.resolved().unwrap_or(0) + c.pending().unwrap_or(0) + c.withdrawn.unwrap_or(0)),
                        number(d.unsigned_abs())
                    ),
                )
                .with_hint("kiểm tra lại với báo cáo gốc; trang sẽ hiện số liệu như đã công bố, kèm ghi chú không khớp"),
            );
        }
        if let Some(continuity) = &row.continuity {
            problems.push(
                Diagnostic::warning(
                    source.place.clone(),
                    format!(
                        "kỳ {} của `{}`: kỳ trước chuyển qua {} khác số đang giải quyết cuối kỳ {} (chênh lệch {} hồ sơ)",
                        source.period,
                        source.unit.value,
                        number(source.counts.carried_over.unwrap_or(0)),
                        continuity.previous,
                        number(continuity.difference.unsigned_abs())
                    ),
                )
                .with_hint("số chuyển qua của kỳ này phải bằng số đang giải quyết (trong hạn + quá hạn) cuối kỳ trước"),
            );
        }
    }
    (checked, problems)
}

fn day_before(date: Date) -> Option<Date> {
    if date.day > 1 {
        return Some(Date { day: date.day - 1, ..date });
    }
    if date.month > 1 {
        let month = date.month - 1;
        return Some(Date { year: date.year, month, day: crate::model::date::days_in_month(date.year, month) });
    }
    Some(Date { year: date.year.checked_sub(1)?, month: 12, day: 31 })
}
