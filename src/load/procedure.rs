//! procedures/**/*.yaml → one procedure each, with every type parsed once.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Place};
use crate::load::read_source;
use crate::model::source::{ProcedureSource, UnitsSource};
use crate::model::{Date, Duration, Fee, Paper, Procedure, ProcessingTime, Spot, UnitRef};
use crate::text::is_slug;
use crate::yaml::{self, Located, is_quoted_at, place_of};

type Problems = Vec<Diagnostic>;

/// One procedure file; problems that still leave a usable procedure come back beside it.
pub fn load_procedure(path: &Path) -> Result<(Procedure, Problems), Problems> {
    let text = read_source(path).map_err(|d| vec![d])?;
    let source: ProcedureSource = yaml::parse(path, &text).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let spot = |v: &Located<String>| Spot { place: place_of(path, v), value: v.value.trim().to_string() };

    let code = spot(&source.code);
    check_code(&code, &text, &mut problems);

    if let Some(slug) = &source.slug
        && !is_slug(slug.value.trim())
    {
        problems.push(
            Diagnostic::error(place_of(path, slug), format!("`slug: {}` không hợp lệ", slug.value)).with_hint(format!(
                "chỉ dùng chữ thường không dấu, số và `-`, ví dụ `{}`",
                crate::text::slugify(&slug.value)
            )),
        );
    }

    let units = match (&source.unit, &source.units) {
        (Some(unit), None) => Some(UnitRef::One(spot(unit))),
        (None, Some(units)) => match &units.value {
            UnitsSource::List(ids) if ids.is_empty() => {
                problems.push(
                    Diagnostic::error(place_of(path, units), "`units` là danh sách rỗng")
                        .with_hint("ghi ít nhất một mã đơn vị, hoặc dùng `unit: …`"),
                );
                None
            }
            UnitsSource::List(ids) => Some(UnitRef::Many(ids.iter().map(spot).collect())),
            UnitsSource::Kind(selector) => Some(UnitRef::Kind {
                kind: selector.kind,
                parent: selector.parent.as_ref().map(spot),
                place: place_of(path, units),
            }),
        },
        (Some(unit), Some(_)) => {
            problems.push(
                Diagnostic::error(place_of(path, unit), "chỉ được dùng một trong hai khóa `unit` và `units`")
                    .with_hint("xóa một trong hai dòng"),
            );
            None
        }
        (None, None) => {
            problems.push(
                Diagnostic::error(Place::at(path, 1, 1), "thiếu đơn vị thực hiện: cần khóa `unit` hoặc `units`")
                    .with_hint("thêm `unit: <mã đơn vị trong units.yaml>`"),
            );
            None
        }
    };

    let statutory = parse_duration(path, "time.statutory", &source.time.statutory, &mut problems);
    let cut = source.time.cut.as_ref().and_then(|c| parse_duration(path, "time.cut", c, &mut problems));
    if let (Some(s), Some(c), Some(written)) = (statutory, cut, &source.time.cut)
        && c.exceeds(s)
    {
        problems.push(
                Diagnostic::error(place_of(path, written), format!("thời hạn cắt giảm `{c}` dài hơn thời hạn quy định `{s}`"))
                    .with_hint("`time.cut` là thời hạn đơn vị cam kết, phải ngắn hơn hoặc bằng `time.statutory`; nếu không cắt giảm, xóa dòng `cut`"),
            );
    }

    let updated = match Date::parse(&source.updated.value) {
        Ok(date) => Some(date),
        Err(why) => {
            problems.push(Diagnostic::error(place_of(path, &source.updated), format!("`updated`: {why}")));
            None
        }
    };

    let online_url = source.online_url.as_ref().and_then(|u| {
        let value = u.value.trim();
        if value.starts_with("https://") || value.starts_with("http://") {
            Some(value.to_string())
        } else {
            problems.push(
                Diagnostic::error(place_of(path, u), format!("`online_url` không phải địa chỉ web: `{value}`"))
                    .with_hint("viết đầy đủ, bắt đầu bằng `https://`"),
            );
            None
        }
    });

    let fees =
        source.fees.into_iter().map(|f| Fee { name: f.name, kind: f.kind, amount: f.amount, note: f.note }).collect();
    let papers = source
        .papers
        .into_iter()
        .map(|p| Paper {
            name: p.name,
            originals: p.originals,
            copies: p.copies,
            note: p.note,
            form: p.form.as_ref().map(spot),
        })
        .collect();

    let (Some(units), Some(statutory), Some(updated)) = (units, statutory, updated) else {
        return Err(problems);
    };
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    let procedure = Procedure {
        file: path.to_path_buf(),
        code,
        name: source.name.trim().to_string(),
        slug: source.slug.as_ref().map(spot),
        keywords: source.keywords,
        field: spot(&source.field),
        level: source.level,
        units,
        submit_at: source.submit_at,
        online_url,
        applicants: source.applicants,
        channels: source.channels,
        online: source.online.unwrap_or_default(),
        time: ProcessingTime { statutory, cut, note: source.time.note },
        fees,
        sets: source.sets.unwrap_or(1),
        papers,
        steps: source.steps,
        requirements: source.requirements,
        result: source.result,
        legal_basis: source.legal_basis,
        hotline: source.hotline,
        updated,
    };
    Ok((procedure, problems))
}

fn check_code(code: &Spot<String>, text: &str, problems: &mut Problems) {
    let quoted = is_quoted_at(text, code.place.line, code.place.column);
    if !quoted {
        problems.push(
            Diagnostic::error(code.place.clone(), format!("mã thủ tục `{}` phải đặt trong ngoặc kép", code.value))
                .with_hint(format!(
                    "viết `code: \"{}\"`: không có ngoặc kép, YAML đọc mã như một số và có thể mất số 0 ở cuối",
                    code.value
                )),
        );
        return;
    }
    let mut parts = code.value.split('.');
    let digits_first = parts.next().is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !digits_first || !rest_ok {
        problems.push(
            Diagnostic::error(code.place.clone(), format!("mã thủ tục `{}` không hợp lệ", code.value)).with_hint(
                "mã gồm chữ số và dấu chấm, có thể có phần đuôi, ví dụ \"1.004940\" hoặc \"1.004940.000.00.00.H53\"",
            ),
        );
    }
}

fn parse_duration(path: &Path, key: &str, value: &Located<String>, problems: &mut Problems) -> Option<Duration> {
    match Duration::parse(&value.value) {
        Ok(duration) => Some(duration),
        Err(why) => {
            problems.push(
                Diagnostic::error(
                    place_of(path, value),
                    format!("`{key}: {}` không phải thời hạn hợp lệ: {why}", value.value),
                )
                .with_hint("viết `N ngày làm việc`, `N ngày`, `N giờ` hoặc `trong ngày`, ví dụ `5 ngày làm việc`"),
            );
            None
        }
    }
}
