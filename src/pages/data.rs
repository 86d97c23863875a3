//! Open data under `/du-lieu/` (procedures, units and results as JSON and CSV, the JSON Schemas
//! of the source files) and the Atom feed `/thay-doi.xml` of procedures by `updated` date.

use serde::Serialize;
use serde_json::json;

use super::procedure::{fee_summary, permalink_path};
use super::{Ctx, Output};
use crate::diagnostics::{Diagnostic, Place};
use crate::model::results::Counts;
use crate::text::escape_markup;

fn failed(what: &str, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(Place::file(format!("du-lieu/{what}")), format!("không tạo được tệp dữ liệu: {e}"))
}

fn json_output(path: &str, value: &impl Serialize) -> Result<Output, Diagnostic> {
    let bytes = serde_json::to_vec_pretty(value).map_err(|e| failed(path, e))?;
    Ok(Output { path: path.into(), bytes })
}

/// A JSON array made one element at a time, each dropped once written: at national size the
/// whole array as values would take gigabytes. The bytes are those of `to_vec_pretty`.
fn json_array_output<T: Serialize>(path: &str, items: impl Iterator<Item = T>) -> Result<Output, Diagnostic> {
    use serde::ser::{SerializeSeq, Serializer};
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::pretty(&mut bytes);
    let mut array = serializer.serialize_seq(None).map_err(|e| failed(path, e))?;
    for item in items {
        array.serialize_element(&item).map_err(|e| failed(path, e))?;
    }
    array.end().map_err(|e| failed(path, e))?;
    Ok(Output { path: path.into(), bytes })
}

/// A CSV file made row by row, as rows come.
fn csv_output(path: &str, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Output, Diagnostic> {
    // A BOM so that Excel, which clerks use, opens the Vietnamese text correctly.
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(header).map_err(|e| failed(path, e))?;
    for row in rows {
        // No cell may be read as a formula by the spreadsheet that opens the file.
        writer
            .write_record(row.iter().map(|cell| crate::text::csv_cell(cell).into_owned()))
            .map_err(|e| failed(path, e))?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(path, e))?;
    Ok(Output { path: path.into(), bytes })
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A rate for data files: a plain number with four decimals, or nothing.
fn ratio(value: Option<f64>) -> Option<f64> {
    value.map(|v| (v * 10_000.0).round() / 10_000.0)
}

/// A time as open data: the statutory time (or its words), the cut, the online time, the note.
fn time_json(time: &crate::model::ProcessingTime) -> serde_json::Value {
    json!({
        "statutory": time.statutory.duration().map(|d| d.to_string()),
        "text": match &time.statutory { crate::model::Limit::Text(t) => Some(t.as_str()), _ => None },
        "cut": time.cut.map(|c| c.to_string()),
        "online": time.online.map(|o| o.to_string()),
        "note": time.note,
    })
}

/// Fee lines as open data, each with its currency, channel and kind.
fn fees_json(fees: &[crate::model::Fee]) -> serde_json::Value {
    fees.iter()
        .map(|f| {
            json!({
                "name": f.name,
                "kind": f.kind.map(|k| k.label().to_lowercase()),
                "amount": f.amount,
                "currency": format!("{:?}", f.currency).to_uppercase(),
                "channel": f.channel,
                "note": f.note,
            })
        })
        .collect()
}

/// "Case A: 10 ngày | Case B: 15 ngày" for a CSV cell; empty without cases.
fn by_case(procedure: &crate::model::Procedure, value: impl Fn(usize) -> String) -> String {
    procedure.cases.iter().enumerate().map(|(i, c)| format!("{}: {}", c.name, value(i))).collect::<Vec<_>>().join(" | ")
}

/// A group in words, for a cell: "Mọi xã, phường".
fn group_words(ctx: &Ctx, g: usize) -> String {
    super::procedure::upper_first(&ctx.links.groups[g].name(ctx.site))
}

/// A group of units as open data: its selector, its name in words, its page and how many units
/// it holds (listing them would repeat thousands of communes on every procedure).
fn group_json(ctx: &Ctx, g: usize) -> serde_json::Value {
    let group = &ctx.links.groups[g];
    json!({
        "kind": group.kind,
        "parent": group.parent.map(|p| ctx.site.units[p].id.as_str()),
        "name": group_words(ctx, g),
        "url": ctx.absolute(&super::unit::group_path(ctx, g)),
        "unit_count": group.units.len(),
    })
}

/// `/du-lieu/thu-tuc.json` and `thu-tuc.csv`: every procedure in name order.
pub fn procedures_data(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let links = ctx.links;
    let mut outputs = Vec::new();

    let procedures = links.by_name.iter().map(|&p| {
        let procedure = &site.procedures[p];
        json!({
            "code": procedure.code.value,
            "name": procedure.name,
            "url": ctx.absolute(&format!("/thu-tuc/{}/", links.slugs[p])),
            "permalink": ctx.absolute(&permalink_path(procedure)),
            "field": procedure.field.value,
            "level": procedure.level.key(),
            "levels": procedure.levels.iter().map(|l| l.key()).collect::<Vec<_>>(),
            "units": links.units_of[p].iter().map(|&u| site.units[u].id.as_str()).collect::<Vec<_>>(),
            "unit_group": links.group_of[p].map(|g| group_json(ctx, g)),
            "time_statutory": procedure.time.statutory.to_string(),
            "time_cut": procedure.time.cut.map(|c| c.to_string()),
            "time_cut_percent": ratio(procedure.time.cut_percent()),
            "time": time_json(&procedure.time),
            "time_summary": procedure.time_summary(),
            "fees": fees_json(&procedure.fees),
            "fee_summary": fee_summary(procedure),
            "cases": procedure.cases.iter().enumerate().map(|(i, c)| json!({
                "name": c.name,
                "anchor": crate::model::Case::anchor(i),
                "time": time_json(procedure.time_of(Some(i))),
                "fees": fees_json(procedure.fees_of(Some(i))),
                "fee_summary": crate::model::FeeFacts::of(procedure.fees_of(Some(i))).summary(),
                "papers": c.papers.iter().filter(|p| !p.is_note).map(|p| p.name.as_str()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "result": procedure.result,
            "anywhere": procedure.anywhere,
            "online": format!("{:?}", procedure.online).to_lowercase(),
            "online_url": procedure.online_url,
            "updated": procedure.updated.iso(),
        })
    });
    outputs.push(json_array_output("du-lieu/thu-tuc.json", procedures)?);
    let rows = links.by_name.iter().map(|&p| {
        let procedure = &site.procedures[p];
        vec![
            procedure.code.value.clone(),
            procedure.name.clone(),
            ctx.absolute(&format!("/thu-tuc/{}/", links.slugs[p])),
            procedure.field.value.clone(),
            procedure.level.key().to_string(),
            links.units_of[p].iter().map(|&u| site.units[u].id.as_str()).collect::<Vec<_>>().join(" "),
            links.group_of[p].map(|g| group_words(ctx, g)).unwrap_or_default(),
            procedure.time.statutory.to_string(),
            opt(procedure.time.cut),
            fee_summary(procedure),
            procedure.time_summary(),
            by_case(procedure, |c| procedure.time_of(Some(c)).shown().to_string()),
            by_case(procedure, |c| crate::model::FeeFacts::of(procedure.fees_of(Some(c))).summary()),
            format!("{:?}", procedure.online).to_lowercase(),
            procedure.updated.iso(),
        ]
    });
    outputs.push(csv_output(
        "du-lieu/thu-tuc.csv",
        &[
            "code",
            "name",
            "url",
            "field",
            "level",
            "units",
            "unit_group",
            "time_statutory",
            "time_cut",
            "fee",
            "time_summary",
            "time_by_case",
            "fee_by_case",
            "online",
            "updated",
        ],
        rows,
    )?);
    Ok(outputs)
}

/// `/du-lieu/` itself, `don-vi.json` and the JSON Schemas of the source files.
pub fn open_data(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let mut outputs = Vec::new();

    let units: Vec<_> = site
        .units
        .iter()
        .map(|u| {
            json!({
                "id": u.id, "name": u.name, "kind": u.kind, "parent": u.parent.as_ref().map(|p| &p.value),
                "url": ctx.absolute(&format!("/don-vi/{}/", u.id)),
                "address": u.address, "hotline": u.hotline, "email": u.email, "hours": u.hours,
                "reception": u.reception_officers,
            })
        })
        .collect();
    outputs.push(json_output("du-lieu/don-vi.json", &units)?);

    for name in crate::schema::NAMES {
        let schema = crate::schema::schema_json(name).ok_or_else(|| failed(name, "schema"))?;
        outputs.push(Output { path: format!("du-lieu/schema/{name}.json"), bytes: schema.into_bytes() });
    }
    outputs.push(open_data_page(ctx)?);
    Ok(outputs)
}

/// `/du-lieu/ket-qua.json` and `ket-qua.csv`: every checked results row.
pub fn results_data(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let links = ctx.links;
    let mut outputs = Vec::new();

    // Results: the published counts (only FORMAT.md's columns) and what is computed from them.
    let header = [
        "period",
        "unit",
        "procedure",
        "carried_over",
        "received_online",
        "received_direct",
        "received_postal",
        "received",
        "resolved_early",
        "resolved_on_time",
        "resolved_in_time",
        "resolved_late",
        "pending_in_time",
        "pending_overdue",
        "withdrawn",
        "fee_payable",
        "paid_online",
        "digitized",
        "surveyed",
        "satisfied",
        "received_total",
        "resolved",
        "on_time_rate",
        "early_rate",
        "late_rate",
        "online_share",
        "online_payment_share",
        "digitization_share",
        "satisfaction",
        "identity_difference",
        "continuity_difference",
        "mismatch",
    ];
    // Each row's counts and rates, worked out again for the CSV: cheaper than keeping them all.
    let figures = |row: &crate::check_results::CheckedRow| {
        let source = &site.results[row.row];
        let c: &Counts = &source.counts;
        let procedure = row.procedure.map(|p| site.procedures[p].code.value.clone());
        let continuity = row.continuity.as_ref().map(|c| c.difference);
        let mismatch = row.identity_difference.is_some() || continuity.is_some();
        let computed = [
            ratio(c.on_time_rate()),
            ratio(c.early_rate()),
            ratio(c.late_rate()),
            ratio(c.online_share()),
            ratio(c.online_payment_share()),
            ratio(c.digitization_share()),
            ratio(c.satisfaction()),
        ];
        let counts = [
            c.carried_over,
            c.received_online,
            c.received_direct,
            c.received_postal,
            c.received,
            c.resolved_early,
            c.resolved_on_time,
            c.resolved_in_time,
            c.resolved_late,
            c.pending_in_time,
            c.pending_overdue,
            c.withdrawn,
            c.fee_payable,
            c.paid_online,
            c.digitized,
            c.surveyed,
            c.satisfied,
            c.received_total(),
            c.resolved(),
        ];
        (source, procedure, counts, computed, row.identity_difference, continuity, mismatch)
    };
    let records = links.results.iter().map(|row| {
        let (source, procedure, counts, computed, identity, continuity, mismatch) = figures(row);
        let mut record = serde_json::Map::new();
        record.insert("period".into(), json!(source.period.to_string()));
        record.insert("unit".into(), json!(site.units[row.unit].id));
        record.insert("procedure".into(), json!(procedure));
        for (name, value) in header[3..].iter().zip(counts.iter()) {
            record.insert((*name).into(), json!(value));
        }
        for (name, value) in header[22..29].iter().zip(computed.iter()) {
            record.insert((*name).into(), json!(value));
        }
        record.insert("identity_difference".into(), json!(identity));
        record.insert("continuity_difference".into(), json!(continuity));
        record.insert("mismatch".into(), json!(mismatch));
        serde_json::Value::Object(record)
    });
    outputs.push(json_array_output("du-lieu/ket-qua.json", records)?);
    let lines = links.results.iter().map(|row| {
        let (source, procedure, counts, computed, identity, continuity, mismatch) = figures(row);
        let mut line = vec![source.period.to_string(), site.units[row.unit].id.clone(), procedure.unwrap_or_default()];
        line.extend(counts.iter().map(|v| opt(*v)));
        line.extend(computed.iter().map(|v| opt(*v)));
        line.push(opt(identity));
        line.push(opt(continuity));
        line.push(mismatch.to_string());
        line
    });
    outputs.push(csv_output("du-lieu/ket-qua.csv", &header, lines)?);
    Ok(outputs)
}

/// The page `/du-lieu/`: what is there, with its schema.org description.
fn open_data_page(ctx: &Ctx) -> Result<Output, Diagnostic> {
    let site = ctx.site;
    let links = ctx.links;
    #[derive(Serialize)]
    struct DataPage {
        json_ld: String,
        procedures: usize,
        units: usize,
        results: usize,
        schemas: Vec<&'static str>,
    }
    let newest = site.procedures.iter().map(|p| p.updated).max();
    let distribution: Vec<_> =
        ["thu-tuc.xlsx", "ket-qua.xlsx", "thu-tuc.json", "thu-tuc.csv", "don-vi.json", "ket-qua.json", "ket-qua.csv"]
            .iter()
            .map(|f| {
                json!({
                    "@type": "DataDownload",
                    "contentUrl": ctx.absolute(&format!("/du-lieu/{f}")),
                    "encodingFormat": match f.rsplit('.').next() {
                        Some("csv") => "text/csv",
                        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        _ => "application/json",
                    },
                })
            })
            .collect();
    let dataset = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("Dữ liệu mở – {}", site.config.title),
        "description": "Danh mục thủ tục hành chính, cơ quan thực hiện và kết quả giải quyết hồ sơ theo kỳ, tính từ số liệu do các đơn vị công bố.",
        "url": ctx.absolute("/du-lieu/"),
        "inLanguage": "vi",
        "isAccessibleForFree": true,
        "creator": { "@type": "GovernmentOrganization", "name": site.config.organization.clone().unwrap_or_else(|| site.config.title.clone()) },
        "dateModified": newest.map(|d| d.iso()),
        "distribution": distribution,
    });
    let page = DataPage {
        json_ld: super::script_safe_json(&dataset),
        procedures: site.procedures.len(),
        units: site.units.len(),
        results: links.results.len(),
        schemas: crate::schema::NAMES.to_vec(),
    };
    ctx.page("data.html", "/du-lieu/", "Dữ liệu mở", page)
}

/// Atom feed of the 50 most recently updated procedures.
pub fn feed(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    let site = ctx.site;
    let mut order: Vec<usize> = (0..site.procedures.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&site.procedures[a], &site.procedures[b]);
        pb.updated.cmp(&pa.updated).then_with(|| pa.code.value.cmp(&pb.code.value))
    });
    let stamp = |d: crate::model::Date| format!("{}T00:00:00+07:00", d.iso());
    let newest =
        order.first().map(|&p| stamp(site.procedures[p].updated)).unwrap_or_else(|| "2000-01-01T00:00:00+07:00".into());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n<title>{}</title>\n<subtitle>Thủ tục hành chính mới cập nhật</subtitle>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{newest}</updated>\n<author><name>{}</name></author>\n",
        escape_markup(&site.config.title),
        escape_markup(&ctx.absolute("/thay-doi.xml")),
        escape_markup(&ctx.absolute("/")),
        escape_markup(&ctx.absolute("/thay-doi.xml")),
        escape_markup(site.config.organization.as_deref().unwrap_or(&site.config.title)),
    );
    for &p in order.iter().take(50) {
        let procedure = &site.procedures[p];
        let url = ctx.absolute(&format!("/thu-tuc/{}/", ctx.links.slugs[p]));
        let summary = format!(
            "Mã {} · {} · thời hạn {} · phí {}",
            procedure.code.value,
            procedure.field.value,
            procedure.time_summary(),
            fee_summary(procedure)
        );
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{}</updated>\n<summary>{}</summary>\n</entry>\n",
            escape_markup(&procedure.name),
            escape_markup(&url),
            escape_markup(&ctx.absolute(&permalink_path(procedure))),
            stamp(procedure.updated),
            escape_markup(&summary)
        ));
    }
    xml.push_str("</feed>\n");
    Ok(vec![Output { path: "thay-doi.xml".into(), bytes: xml.into_bytes() }])
}
