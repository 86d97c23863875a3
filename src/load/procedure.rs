//! procedures/**/*.yaml → one procedure each, with every type parsed once.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Place};
use crate::load::read_source;
use crate::model::source::{
    CaseSource, FeeSource, PaperSource, PapersSource, ProcedureSource, TimeSource, UnitsSource,
};
use crate::model::{
    Case, Date, Duration, Fee, Limit, Paper, Procedure, ProcessingTime, Published, Spot, UnitRef, Wording,
};
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

    let time = load_time(path, "time", &source.time, &mut problems);
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

    let fees = load_fees(source.fees);
    let (papers, no_papers) = match source.papers {
        Some(PapersSource::List(papers)) => (load_papers(path, papers, &mut problems), false),
        Some(PapersSource::None) => (Vec::new(), true),
        None => (Vec::new(), false),
    };
    let cases = load_cases(path, source.cases, &mut problems);
    let levels = source.level.0;
    if levels.is_empty() {
        problems.push(
            Diagnostic::error(Place::at(path, 1, 1), "`level` là danh sách rỗng")
                .with_hint("ghi ít nhất một cấp, ví dụ `level: province` hoặc `level: [province, commune]`"),
        );
    }
    let published = source.published.map(|p| Published {
        decision: p.decision.trim().to_string(),
        date: p.date.as_ref().and_then(|d| match Date::parse(&d.value) {
            Ok(date) => Some(date),
            Err(why) => {
                problems.push(
                    Diagnostic::error(place_of(path, d), format!("`published.date`: {why}"))
                        .with_hint("ngày ký quyết định, dạng `date: 2026-04-25`"),
                );
                None
            }
        }),
        by: p.by.map(|b| b.trim().to_string()).filter(|b| !b.is_empty()),
    });
    let coordinating: Vec<Spot<String>> =
        source.coordinating.iter().map(spot).filter(|s: &Spot<String>| !s.value.is_empty()).collect();

    let (Some(units), Some(time), Some(updated), Some(&level)) = (units, time, updated, levels.first()) else {
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
        level,
        levels,
        units,
        submit_at: source.submit_at,
        online_url,
        applicants: source.applicants,
        channels: source.channels,
        online: source.online.unwrap_or_default(),
        time,
        fees,
        sets: source.sets.unwrap_or(1),
        papers,
        no_papers,
        cases,
        steps: source.steps,
        requirements: source.requirements,
        result: source.result.map(|r| r.0).unwrap_or_default(),
        legal_basis: source.legal_basis,
        hotline: source.hotline,
        updated,
        anywhere: source.anywhere.unwrap_or(false),
        result_delivery: source.result_delivery,
        coordinating,
        published,
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

/// `time:` (of the procedure or a case): `statutory` or `text`, `cut`, `online`, `note`.
fn load_time(path: &Path, key: &str, time: &Located<TimeSource>, problems: &mut Problems) -> Option<ProcessingTime> {
    let source = &time.value;
    let mut note = source.note.as_ref().map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let statutory = match (&source.statutory, &source.text) {
        (Some(_), Some(text)) => {
            problems.push(
                Diagnostic::error(place_of(path, text), format!("chỉ được dùng một trong hai khóa `{key}.statutory` và `{key}.text`"))
                    .with_hint("`statutory` là một khoảng thời gian (\"15 ngày\"); `text` chỉ dùng khi thời hạn không phải một khoảng thời gian: xóa một trong hai dòng"),
            );
            None
        }
        (None, Some(text)) if text.value.trim().is_empty() => {
            problems.push(
                Diagnostic::error(place_of(path, text), format!("`{key}.text` để trống"))
                    .with_hint("ghi thời hạn như văn bản công bố, ví dụ `text: \"Ngay sau khi nhận đủ hồ sơ\"`"),
            );
            None
        }
        (None, Some(text)) => Some(Limit::Text(text.value.trim().to_string())),
        (Some(statutory), None) => {
            let (duration, rest) = parse_wording(path, &format!("{key}.statutory"), statutory, problems)?;
            if let Some(rest) = rest {
                note = Some(match note {
                    Some(note) => format!("{rest}; {note}"),
                    None => rest,
                });
            }
            Some(Limit::Duration(duration))
        }
        (None, None) => {
            problems.push(
                Diagnostic::error(place_of(path, time), format!("`{key}` thiếu thời hạn: cần `statutory` hoặc `text`"))
                    .with_hint("thêm `statutory: \"5 ngày làm việc\"`, hoặc `text: \"…\"` khi thời hạn không phải một khoảng thời gian"),
            );
            None
        }
    };
    let cut = source.cut.as_ref().and_then(|c| parse_duration(path, &format!("{key}.cut"), c, problems));
    match (&statutory, cut, &source.cut) {
        (Some(Limit::Duration(s)), Some(c), Some(written)) if c.exceeds(*s) => problems.push(
            Diagnostic::error(place_of(path, written), format!("thời hạn cắt giảm `{c}` dài hơn thời hạn quy định `{s}`"))
                .with_hint(format!("`{key}.cut` là thời hạn đơn vị cam kết, phải ngắn hơn hoặc bằng `{key}.statutory`; nếu không cắt giảm, xóa dòng `cut`")),
        ),
        (Some(Limit::Text(_)), Some(_), Some(written)) => problems.push(
            Diagnostic::error(place_of(path, written), format!("`{key}.cut` cần thời hạn quy định là một khoảng thời gian"))
                .with_hint("với `text`, không tính được thời hạn cắt giảm: xóa dòng `cut`, hoặc viết `statutory: \"N ngày\"`"),
        ),
        _ => {}
    }
    let online = source.online.as_ref().and_then(|o| parse_duration(path, &format!("{key}.online"), o, problems));
    Some(ProcessingTime { statutory: statutory?, cut, online, note })
}

/// A statutory time as written, official wording allowed: the duration and what follows it.
fn parse_wording(
    path: &Path,
    key: &str,
    value: &Located<String>,
    problems: &mut Problems,
) -> Option<(Duration, Option<String>)> {
    if let Ok(duration) = Duration::parse(&value.value) {
        return Some((duration, None));
    }
    match Duration::from_wording(&value.value) {
        Wording::Duration { duration, note } => Some((duration, note)),
        Wording::Text => {
            let why = Duration::parse(&value.value).err().unwrap_or_default();
            problems.push(
                Diagnostic::error(
                    place_of(path, value),
                    format!("`{key}: {}` không phải thời hạn hợp lệ: {why}", value.value.trim()),
                )
                .with_hint(format!(
                    "viết `N ngày làm việc`, `N ngày`, `N giờ`, `N tháng` hoặc `trong ngày`, phần còn lại vào `note`, ví dụ `statutory: \"15 ngày\"` và `note: \"kể từ ngày nhận đủ hồ sơ hợp lệ\"`; nếu thời hạn không phải một khoảng thời gian, thay `statutory` bằng `text: \"{}\"`",
                    value.value.trim().replace('"', "'")
                )),
            );
            None
        }
    }
}

fn parse_duration(path: &Path, key: &str, value: &Located<String>, problems: &mut Problems) -> Option<Duration> {
    match Duration::parse(&value.value) {
        Ok(duration) => Some(duration),
        Err(why) => {
            let hint = match Duration::from_wording(&value.value) {
                Wording::Duration { duration, note: Some(note) } => {
                    format!(
                        "viết `{}: \"{duration}\"` và ghi phần còn lại vào `note: \"{note}\"`",
                        key.rsplit('.').next().unwrap_or(key)
                    )
                }
                Wording::Duration { duration, note: None } => {
                    format!("viết `{}: \"{duration}\"`", key.rsplit('.').next().unwrap_or(key))
                }
                Wording::Text => {
                    "viết `N ngày làm việc`, `N ngày`, `N giờ`, `N tháng` hoặc `trong ngày`, ví dụ `5 ngày làm việc`"
                        .to_string()
                }
            };
            problems.push(
                Diagnostic::error(
                    place_of(path, value),
                    format!("`{key}: {}` không phải thời hạn hợp lệ: {why}", value.value),
                )
                .with_hint(hint),
            );
            None
        }
    }
}

fn load_fees(fees: Vec<FeeSource>) -> Vec<Fee> {
    fees.into_iter()
        .map(|f| Fee {
            name: f.name.trim().to_string(),
            kind: f.kind,
            amount: f.amount,
            currency: f.currency.unwrap_or_default(),
            channel: f.channel,
            note: f.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        })
        .collect()
}

fn load_papers(path: &Path, papers: Vec<PaperSource>, problems: &mut Problems) -> Vec<Paper> {
    papers
        .into_iter()
        .map(|p| {
            let form = p.form.as_ref().map(|f| Spot { place: place_of(path, f), value: f.value.trim().to_string() });
            if let Some(form) = &form
                && form.value.starts_with("http://")
            {
                problems.push(
                    Diagnostic::error(
                        form.place.clone(),
                        format!("mẫu `{}` dùng địa chỉ http:// không an toàn", form.value),
                    )
                    .with_hint(format!(
                        "viết `https://{}`, hoặc lưu tệp vào content/files/ và ghi đường dẫn",
                        form.value.trim_start_matches("http://")
                    )),
                );
            }
            let present = p.present.unwrap_or(false);
            Paper {
                name: p.name.trim().to_string(),
                originals: p.originals.unwrap_or(0),
                copies: p.copies.unwrap_or(0),
                is_note: !present && p.originals == Some(0) && p.copies == Some(0),
                present,
                parts: p
                    .parts
                    .into_iter()
                    .map(|part| part.trim().to_string())
                    .filter(|part| !part.is_empty())
                    .collect(),
                note: p.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
                form,
            }
        })
        .collect()
}

fn load_cases(path: &Path, cases: Vec<CaseSource>, problems: &mut Problems) -> Vec<Case> {
    let mut loaded: Vec<Case> = Vec::with_capacity(cases.len());
    for (i, case) in cases.into_iter().enumerate() {
        let place = place_of(path, &case.name);
        let name = case.name.value.trim().to_string();
        if name.is_empty() {
            problems.push(
                Diagnostic::error(place.clone(), format!("trường hợp thứ {} chưa có tên", i + 1))
                    .with_hint("ghi tên trường hợp như văn bản công bố, ví dụ `name: \"Đối với nhà ở riêng lẻ\"`"),
            );
        } else if let Some(first) = loaded.iter().find(|c| c.name == name) {
            problems.push(Diagnostic::error(place.clone(), format!("tên trường hợp `{name}` bị trùng")).with_hint(
                format!(
                    "đã dùng ở dòng {}; mỗi trường hợp cần một tên riêng, hoặc gộp hai trường hợp làm một",
                    first.place.line
                ),
            ));
        }
        let key = format!("cases[{}].time", i + 1);
        let time = case.time.as_ref().and_then(|t| load_time(path, &key, t, problems));
        loaded.push(Case {
            name,
            place,
            time,
            fees: case.fees.map(load_fees),
            papers: load_papers(path, case.papers, problems),
        });
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Currency, FeeFacts, FeeKind, Level, Qty};

    const HEAD: &str =
        "code: \"1.000001\"\nname: \"Thủ tục\"\nfield: \"Xây dựng\"\nunit: so-xay-dung\nupdated: 2026-01-15\n";

    fn load(body: &str) -> Result<(Procedure, Problems), Problems> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.yaml");
        std::fs::write(&path, format!("{HEAD}{body}")).unwrap();
        load_procedure(&path)
    }

    fn ok(body: &str) -> Procedure {
        match load(body) {
            Ok((p, problems)) => {
                assert!(problems.is_empty(), "{problems:?}");
                p
            }
            Err(problems) => panic!("{problems:?}"),
        }
    }

    fn errors(body: &str) -> Vec<Diagnostic> {
        match load(body) {
            Ok((_, problems)) => problems,
            Err(problems) => problems,
        }
    }

    #[test]
    fn a_v2_file_means_what_it_meant() {
        let p = ok(
            "level: province\ntime:\n  statutory: \"5 ngày làm việc\"\nfees:\n  - name: \"Lệ phí\"\n    amount: 0\npapers:\n  - name: \"Đơn\"\n    originals: 1\n",
        );
        assert_eq!(p.levels, vec![Level::Province]);
        assert_eq!(p.time.statutory, Limit::Duration(Duration::WorkingDays(Qty::whole(5))));
        assert_eq!(p.fee_facts(), FeeFacts::Free);
        assert!(!p.papers[0].is_note && !p.papers[0].present);
        assert!(p.cases.is_empty() && !p.anywhere && p.published.is_none() && p.result.is_empty());
    }

    #[test]
    fn reads_cases_with_their_own_time_fees_and_papers() {
        let p = ok(r#"level: [province, commune]
time:
  statutory: "15 ngày"
  online: "10 ngày"
fees:
  - name: "Lệ phí"
    kind: "lệ phí"
    amount: 25
    currency: USD
  - name: "Giá dịch vụ"
    kind: "giá"
    amount: 115000
    channel: online
papers:
  - name: "Thẻ căn cước"
    present: true
  - name: "Không yêu cầu nộp thêm giấy tờ."
    originals: 0
    copies: 0
cases:
  - name: "Đối với nhà ở riêng lẻ"
    time: { statutory: "10 ngày" }
    fees: [ { name: "Phí", kind: "phí", amount: 50000 } ]
    papers:
      - name: "Bản vẽ thiết kế, mỗi bộ gồm:"
        originals: 2
        parts: ["Bản vẽ mặt bằng", "Bản vẽ móng"]
        form: "https://example.gov.vn/mau-01.doc"
  - name: "Đối với công trình"
    papers: [ { name: "Đơn", originals: 1 } ]
result: ["Giấy phép xây dựng", "Bản vẽ có đóng dấu"]
anywhere: true
result_delivery: [in_person, postal]
coordinating: ["Sở Tài chính", so-xay-dung]
published: { decision: "2298/QĐ-UBND", date: 2026-04-25, by: "UBND tỉnh" }
"#);
        assert_eq!(p.levels, vec![Level::Province, Level::Commune]);
        assert_eq!(p.level, Level::Province);
        assert_eq!(p.time.online, Some(Duration::Days(Qty::whole(10))));
        assert_eq!(p.fees[0].currency, Currency::Usd);
        assert_eq!(p.fees[1].kind, Some(FeeKind::Gia));
        assert_eq!(p.fees[1].channel, Some(Channel::Online));
        assert!(p.papers[0].present && !p.papers[0].is_note);
        assert!(p.papers[1].is_note);
        assert_eq!(p.cases.len(), 2);
        assert_eq!(p.cases[0].papers[0].parts.len(), 2);
        assert_eq!(p.cases[0].papers[0].form_url(), Some("https://example.gov.vn/mau-01.doc"));
        assert!(p.cases[0].papers[0].form_file().is_none());
        assert!(p.cases[1].time.is_none() && p.cases[1].fees.is_none());
        assert_eq!(p.time_summary(), "10–15 ngày");
        assert_eq!(p.fee_summary(), "50.000 – 115.000 đ; 25 USD");
        assert_eq!(p.result.len(), 2);
        assert!(p.anywhere);
        assert_eq!(p.result_delivery, vec![Channel::InPerson, Channel::Postal]);
        assert_eq!(p.coordinating.len(), 2);
        let published = p.published.unwrap();
        assert_eq!((published.decision.as_str(), published.date.unwrap().iso()), ("2298/QĐ-UBND", "2026-04-25".into()));
    }

    #[test]
    fn reads_text_months_decimals_and_none() {
        let p = ok(
            "level: commune\ntime:\n  text: \"Ngay sau khi nhận đủ hồ sơ\"\npapers: none\nresult: \"Giấy xác nhận\"\n",
        );
        assert_eq!(p.time.statutory, Limit::Text("Ngay sau khi nhận đủ hồ sơ".into()));
        assert!(p.no_papers);
        assert_eq!(p.result, vec!["Giấy xác nhận".to_string()]);
        let p = ok("level: commune\ntime:\n  statutory: \"01 tháng\"\n  cut: \"7,5 ngày làm việc\"\n");
        assert_eq!(p.time.statutory, Limit::Duration(Duration::Months(Qty::whole(1))));
        assert_eq!(p.time.cut, Some(Duration::WorkingDays(Qty(750))));
    }

    #[test]
    fn official_wording_keeps_the_rest_as_note() {
        let p = ok(
            "level: commune\ntime:\n  statutory: \"15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ\"\n  note: \"Trả kết quả qua bưu chính\"\n",
        );
        assert_eq!(p.time.statutory, Limit::Duration(Duration::Days(Qty::whole(15))));
        assert_eq!(p.time.note.as_deref(), Some("kể từ ngày nhận đủ hồ sơ hợp lệ; Trả kết quả qua bưu chính"));
        let p = ok("level: commune\ntime:\n  statutory: \"Không quá 05 ngày làm việc\"\n");
        assert_eq!(p.time.statutory, Limit::Duration(Duration::WorkingDays(Qty::whole(5))));
    }

    #[test]
    fn a_wording_without_a_duration_gets_the_exact_rewrite() {
        let found = errors("level: commune\ntime:\n  statutory: \"Ngay sau khi nhận đủ hồ sơ\"\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].place.line, 8);
        assert!(found[0].hint.as_deref().unwrap().contains("`text: \"Ngay sau khi nhận đủ hồ sơ\"`"), "{found:?}");
    }

    #[test]
    fn new_keys_have_vietnamese_errors() {
        let dup = errors("level: commune\ntime: { statutory: \"5 ngày\" }\ncases:\n  - name: \"A\"\n  - name: \"A\"\n");
        assert!(dup.iter().any(|d| d.message.contains("bị trùng") && d.place.line == 10), "{dup:?}");
        let both = errors("level: commune\ntime: { statutory: \"5 ngày\", text: \"x\" }\n");
        assert!(both[0].message.contains("chỉ được dùng một"), "{both:?}");
        let neither = errors("level: commune\ntime: { note: \"x\" }\n");
        assert!(neither[0].message.contains("cần `statutory` hoặc `text`"), "{neither:?}");
        let currency = errors(
            "level: commune\ntime: { statutory: \"5 ngày\" }\nfees: [ { name: a, amount: 5, currency: EUR } ]\n",
        );
        assert!(currency[0].hint.as_deref().unwrap().contains("USD"), "{currency:?}");
        let papers = errors("level: commune\ntime: { statutory: \"5 ngày\" }\npapers: không\n");
        assert!(papers[0].message.contains("papers"), "{papers:?}");
        let level = errors("level: [province, tinh]\ntime: { statutory: \"5 ngày\" }\n");
        assert!(level[0].hint.as_deref().unwrap().contains("province"), "{level:?}");
        let date = errors(
            "level: commune\ntime: { statutory: \"5 ngày\" }\npublished: { decision: \"1/QĐ\", date: 2026-13-01 }\n",
        );
        assert!(date[0].message.contains("published.date"), "{date:?}");
        let online = errors("level: commune\ntime: { statutory: \"5 ngày\", online: \"10 ngày kể từ ngày nhận\" }\n");
        assert!(online[0].hint.as_deref().unwrap().contains("`online: \"10 ngày\"`"), "{online:?}");
        let http = errors(
            "level: commune\ntime: { statutory: \"5 ngày\" }\npapers: [ { name: a, form: \"http://x.vn/a.doc\" } ]\n",
        );
        assert!(http[0].hint.as_deref().unwrap().contains("https://x.vn/a.doc"), "{http:?}");
    }
}
