//! `congkhai import dvc PATH...`: records of the national public service portal (its
//! procedure-detail API, `{"code":"OK","data":{…}}` or bare; a file, a folder, or JSON Lines)
//! → `procedures/<field-slug>/<slug>.yaml` in format v3 (FORMAT.md, "Importing procedures").
//!
//! Every generated file is loaded back with the site's own loader before it is written, so the
//! import never writes a file `check` rejects. The site's own keys (`cut`, `hotline`,
//! `keywords`, `submit_at`, `online_url`, `slug`) survive a re-import; the same records twice
//! change no file. What a record says that the format cannot carry is counted, per kind.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Place};
use crate::import::{UnitInfo, read_units};
use crate::model::{Duration, Qty, UnitKind, Wording};
use crate::scaffold::quote;
use crate::text::{fold, slugify};

/// File names from names are cut to this many characters (at a word).
const SLUG_MAX: usize = 80;

/// What one import did.
#[derive(Debug, Default)]
pub struct Report {
    /// Records read.
    pub records: usize,
    /// Files written, with what changed (empty for a new file).
    pub written: Vec<(String, PathBuf, Vec<String>)>,
    /// Codes whose file already said exactly this.
    pub unchanged: Vec<(String, PathBuf)>,
    /// Units appended to content/units.yaml: (id, name).
    pub units_created: Vec<(String, String)>,
    /// Per kind of information the format could not carry: how many times.
    pub losses: BTreeMap<&'static str, usize>,
    /// Records that could not be imported.
    pub problems: Vec<Diagnostic>,
}

/// Imports every record found under `paths` into the site at `root`.
pub fn import_dvc(root: &Path, paths: &[PathBuf]) -> Result<Report, Diagnostic> {
    let mut report = Report::default();
    let mut records = Vec::new();
    for path in paths {
        read_records(path, &mut records, &mut report.problems);
    }
    let units_path = root.join("content/units.yaml");
    let mut units = read_units(&units_path)?;
    let existing = crate::import::code_files(root);
    let mut taken: HashMap<PathBuf, String> =
        existing.iter().map(|(code, path)| (path.clone(), code.clone())).collect();
    let mut seen_codes: HashMap<String, usize> = HashMap::new();

    for (place, record) in records {
        report.records += 1;
        let code = text(&record["code"]);
        if code.is_empty() || !crate::import::is_code(&code) {
            report.problems.push(
                Diagnostic::error(place, format!("bản ghi không có mã thủ tục hợp lệ (`code`: `{code}`)"))
                    .with_hint("mỗi bản ghi cần `code`, ví dụ \"1.000094\", như API chi tiết thủ tục của Cổng trả về"),
            );
            continue;
        }
        if seen_codes.insert(code.clone(), report.records).is_some() {
            *report.losses.entry("bản ghi trùng mã (chỉ nhập bản ghi đầu)").or_default() += 1;
            continue;
        }
        let old_path = existing.get(&code).cloned();
        let old = old_path.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
        let kept = old.as_deref().map(site_keys).unwrap_or_default();
        let mut losses = BTreeMap::new();
        let yaml = match to_yaml(&record, &kept, &mut units, &mut report.units_created, &mut losses) {
            Ok(yaml) => yaml,
            Err(why) => {
                report.problems.push(Diagnostic::error(place, format!("không nhập được thủ tục `{code}`: {why}")));
                continue;
            }
        };
        let path = match &old_path {
            Some(path) => path.clone(),
            None => {
                let field = slug_cap(&slugify(&field_of(&record)));
                let name = slug_cap(&slugify(&text(&record["name"])));
                let mut path = root
                    .join("procedures")
                    .join(non_empty(field, "khac"))
                    .join(format!("{}.yaml", non_empty(name.clone(), "thu-tuc")));
                if taken.get(&path).is_some_and(|c| *c != code) {
                    path =
                        path.with_file_name(format!("{}-{}.yaml", non_empty(name, "thu-tuc"), code.replace('.', "-")));
                }
                path
            }
        };
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let yaml = format!("{}\n{yaml}", crate::scaffold::schema_line("procedure", relative));
        if let Err(problems) = crate::load::check_procedure_text(&path, &yaml) {
            let first = problems.into_iter().find(Diagnostic::is_error);
            report.problems.push(
                Diagnostic::error(place, format!("thủ tục `{code}` không được ghi: tệp tạo ra không hợp lệ"))
                    .with_hint(
                        first.map_or_else(String::new, |d| format!("{} ({})", d.message, d.hint.unwrap_or_default())),
                    ),
            );
            continue;
        }
        for (kind, n) in losses {
            *report.losses.entry(kind).or_default() += n;
        }
        taken.insert(path.clone(), code.clone());
        if old.as_deref() == Some(yaml.as_str()) {
            report.unchanged.push((code, path));
            continue;
        }
        let changes = old.as_deref().map(|o| changed_keys(o, &yaml)).unwrap_or_default();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_problem(dir, &e))?;
        }
        std::fs::write(&path, &yaml).map_err(|e| io_problem(&path, &e))?;
        report.written.push((code, path, changes));
    }

    if !report.units_created.is_empty() {
        let mut text = std::fs::read_to_string(&units_path).map_err(|e| io_problem(&units_path, &e))?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for (id, name) in &report.units_created {
            let kind = units.iter().find(|u| u.id == *id).map_or("other", |u| u.kind.as_str());
            let _ = writeln!(text, "- id: {id}\n  name: {}\n  kind: {kind}", quote(name));
        }
        std::fs::write(&units_path, text).map_err(|e| io_problem(&units_path, &e))?;
    }
    Ok(report)
}

fn io_problem(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Place::file(path), format!("không ghi được tệp: {}", crate::load::io_reason(e)))
}

fn non_empty(text: String, fallback: &str) -> String {
    if text.is_empty() { fallback.to_string() } else { text }
}

/// A slug cut to [`SLUG_MAX`] characters at a dash, so long names never break file names.
fn slug_cap(slug: &str) -> String {
    if slug.len() <= SLUG_MAX {
        return slug.to_string();
    }
    let cut = &slug[..SLUG_MAX];
    cut.rsplit_once('-').map_or(cut, |(head, _)| head).to_string()
}

/// Records from a file (JSON or JSON Lines) or every `.json`/`.jsonl` file of a folder, in name order.
fn read_records(path: &Path, out: &mut Vec<(Place, Value)>, problems: &mut Vec<Diagnostic>) {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonl"))
            .collect();
        files.sort();
        for file in files {
            read_records(&file, out, problems);
        }
        return;
    }
    // Portal records are data, not sources: one record a line may be long.
    let text = match std::fs::read(path) {
        Ok(bytes) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
            match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    return problems.push(
                        Diagnostic::error(Place::file(path), "tệp không phải UTF-8 (file is not UTF-8)").with_hint(
                            "bản ghi của Cổng là JSON UTF-8: tải lại tệp, đừng mở và lưu bằng trình soạn thảo khác",
                        ),
                    );
                }
            }
        }
        Err(e) => {
            return problems.push(Diagnostic::error(
                Place::file(path),
                format!("không đọc được tệp: {}", crate::load::io_reason(&e)),
            ));
        }
    };
    let unwrap = |v: Value| match v.get("data") {
        Some(data) if data.is_object() => data.clone(),
        _ => v,
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Array(items)) => {
            out.extend(items.into_iter().map(|v| (Place::file(path), unwrap(v))));
        }
        Ok(value) => out.push((Place::file(path), unwrap(value))),
        Err(_) => {
            // JSON Lines: one record a line.
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(line) {
                    Ok(value) => out.push((Place::at(path, i as u64 + 1, 1), unwrap(value))),
                    Err(e) => problems.push(
                        Diagnostic::error(
                            Place::at(path, i as u64 + 1, e.column() as u64),
                            format!("không đọc được JSON: {e}"),
                        )
                        .with_hint("mỗi dòng một bản ghi JSON đầy đủ (JSON Lines), hoặc cả tệp là một bản ghi"),
                    ),
                }
            }
        }
    }
}

/// The site's own keys of an existing file, as YAML lines to write back.
#[derive(Debug, Default, Clone)]
struct Kept {
    slug: Option<String>,
    keywords: Option<Value>,
    submit_at: Option<String>,
    online_url: Option<String>,
    hotline: Option<String>,
    cut: Option<String>,
}

fn site_keys(text: &str) -> Kept {
    let Ok(value) = serde_saphyr::from_str::<Value>(text) else { return Kept::default() };
    let s = |v: &Value| v.as_str().map(str::to_string);
    Kept {
        slug: s(&value["slug"]),
        keywords: value.get("keywords").filter(|k| k.is_array()).cloned(),
        submit_at: s(&value["submit_at"]),
        online_url: s(&value["online_url"]),
        hotline: s(&value["hotline"]),
        cut: s(&value["time"]["cut"]),
    }
}

/// Top-level keys whose value differs between two versions of a file.
fn changed_keys(old: &str, new: &str) -> Vec<String> {
    let (Ok(Value::Object(old)), Ok(Value::Object(new))) =
        (serde_saphyr::from_str::<Value>(old), serde_saphyr::from_str::<Value>(new))
    else {
        return vec!["(toàn bộ tệp)".into()];
    };
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter(|k| old.get(*k) != new.get(*k)).cloned().collect()
}

/// A string field, trimmed, with non-breaking spaces and runs of blanks made single spaces.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => clean(s),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn clean(s: &str) -> String {
    let lines: Vec<String> = s
        .replace(['\u{a0}', '\t'], " ")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn field_of(record: &Value) -> String {
    list(record, "categoriesDetails")
        .first()
        .map(|c| text(&c["name"]))
        .or_else(|| Some(text(&record["category"]["name"])))
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "Khác".to_string())
}

fn lose(losses: &mut BTreeMap<&'static str, usize>, kind: &'static str) {
    *losses.entry(kind).or_default() += 1;
}

/// Matches a unit by name (diacritics and case ignored) or creates one.
fn unit_id(name: &str, kind: UnitKind, units: &mut Vec<UnitInfo>, created: &mut Vec<(String, String)>) -> String {
    let key = unit_key(name);
    if let Some(u) = units.iter().find(|u| unit_key(&u.name) == key) {
        return u.id.clone();
    }
    // "Sở Xây dựng" or "Công an cấp tỉnh" in a national record is the province's own
    // "Sở Xây dựng tỉnh Lâm Đồng", "Công an tỉnh Lâm Đồng", when exactly one unit fits.
    let provincial: Vec<&UnitInfo> = units
        .iter()
        .filter(|u| {
            let site = unit_key(&u.name);
            site.strip_prefix(&format!("{key} "))
                .is_some_and(|rest| rest.starts_with("tinh ") || key.ends_with(" tinh"))
        })
        .collect();
    if let [one] = provincial.as_slice() {
        return one.id.clone();
    }
    let base = slug_cap(&slugify(name));
    let base = if base.len() > 60 { base[..60].trim_end_matches('-').to_string() } else { base };
    let base = non_empty(base, "don-vi");
    let mut id = base.clone();
    let mut n = 2;
    while units.iter().any(|u| u.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    units.push(UnitInfo { id: id.clone(), name: one_line(name), kind: crate::scaffold::kind_name(kind).to_string() });
    created.push((id.clone(), one_line(name)));
    id
}

/// A unit name for matching: diacritics and case ignored, "cấp tỉnh" read as "tỉnh".
fn unit_key(name: &str) -> String {
    fold(&one_line(name)).trim_end_matches('.').replace("cap tinh", "tinh").trim().to_string()
}

fn kind_of_name(name: &str) -> UnitKind {
    let f = fold(name);
    if f.contains("cong an") {
        UnitKind::Police
    } else if f.contains("cap xa") || f.starts_with("uy ban nhan dan xa") || f.contains("xa, phuong") {
        UnitKind::Commune
    } else if f.contains("phuc vu hanh chinh cong") {
        UnitKind::Center
    } else if f.starts_with("so ") || f.contains(" so ") {
        UnitKind::Department
    } else if f.contains("uy ban nhan dan tinh") || f.contains("ubnd tinh") {
        UnitKind::Province
    } else {
        UnitKind::Other
    }
}

/// `updatedAt` (ms since 1970, UTC) → `YYYY-MM-DD` in Asia/Ho_Chi_Minh (UTC+7, no DST).
pub fn vietnam_date(ms: i64) -> String {
    let days = (ms / 1000 + 7 * 3600).div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// One channel's time, as the format writes it.
#[derive(Debug, Clone, PartialEq)]
enum Time {
    Duration(Duration, Option<String>),
    Text(String),
    Unknown,
}

fn time_of(method: &Value, record: &Value) -> Time {
    let unit = method["processingTimeUnit"].as_str().unwrap_or("");
    let description = text(&method["description"]);
    let number = method["processingTime"].as_f64();
    let qty = number.and_then(Qty::from_f64);
    let with_unit = |q: Qty| match unit {
        "WORKING_DAY" => Some(Duration::WorkingDays(q)),
        "DAY" => Some(Duration::Days(q)),
        "HOUR" => Some(Duration::Hours(q)),
        "MONTH" => Some(Duration::Months(q)),
        _ => None,
    };
    if let Some(duration) = qty.and_then(with_unit) {
        return Time::Duration(duration, None);
    }
    if unit != "OTHER" && number == Some(0.0) {
        return Time::Duration(Duration::SameDay, None);
    }
    // OTHER: the wording is in processingTime (a string) or, failing that, in the record's cases.
    let written = match &method["processingTime"] {
        Value::String(s) => clean(s),
        _ => String::new(),
    };
    let written = if fold(&written).trim() == "theo mo ta" { description } else { written };
    if !written.is_empty() {
        return match Duration::from_wording(&one_line(&written)) {
            Wording::Duration { duration, note } => Time::Duration(duration, note),
            Wording::Text => Time::Text(written),
        };
    }
    let days: Vec<Time> = list(record, "cases")
        .iter()
        .filter_map(|c| {
            let day = &c["processingDay"];
            let q = day["qty"].as_f64().and_then(Qty::from_f64)?;
            match day["type"].as_str()? {
                "WORKING_DAY" => Some(Duration::WorkingDays(q)),
                "DAY" => Some(Duration::Days(q)),
                "HOUR" => Some(Duration::Hours(q)),
                "MONTH" => Some(Duration::Months(q)),
                _ => None,
            }
        })
        .map(|d| Time::Duration(d, None))
        .collect();
    match days.first() {
        Some(first) if days.iter().all(|d| d == first) => first.clone(),
        _ => Time::Unknown,
    }
}

/// One fee line as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct FeeLine {
    kind: &'static str,
    amount: Option<u64>,
    usd: bool,
    note: Option<String>,
}

fn fee_of(fee: &Value, losses: &mut BTreeMap<&'static str, usize>) -> FeeLine {
    let kind = match fee["type"].as_str() {
        Some("FEE") => "phí",
        Some("PRICE_LEVEL") => "giá",
        _ => "lệ phí",
    };
    let note = Some(text(&fee["description"])).filter(|n| !n.is_empty());
    let usd = fee["currencyName"].as_str().is_some_and(|c| c.eq_ignore_ascii_case("USD"))
        || fee["currencyId"].as_str() == Some("019b3fb2-dee2-76ab-aa53-22d4d903a2bb");
    let value = fee["value"].as_f64();
    if value.is_some_and(|v| v.fract() != 0.0) {
        lose(losses, "số tiền lẻ (làm tròn)");
    }
    if fee["attachment"].is_object() {
        lose(losses, "tệp đính kèm của khoản phí");
    }
    let amount = match (value, &note) {
        // Zero with words: the amount is in the words (or they say it is free).
        (Some(0.0), Some(_)) => None,
        (Some(v), _) if v >= 0.0 => Some(v.round() as u64),
        _ => None,
    };
    FeeLine { kind, amount, usd, note }
}

fn key_of(channel: &str) -> &'static str {
    match channel {
        "online" => "online",
        "postal" => "postal",
        _ => "in_person",
    }
}

fn channel_of(method: &Value) -> Option<&'static str> {
    match method["submissionMethod"].as_str()? {
        "DIRECT" => Some("in_person"),
        "ONLINE" => Some("online"),
        "POSTAL" => Some("postal"),
        _ => None,
    }
}

fn push_time(
    out: &mut String,
    indent: &str,
    time: &Time,
    online: Option<&Time>,
    note: Option<&str>,
    cut: Option<&str>,
) {
    let mut note = note.map(str::to_string);
    match time {
        Time::Duration(d, rest) => {
            let _ = writeln!(out, "{indent}statutory: {}", quote(&d.to_string()));
            if let Some(rest) = rest {
                note = Some(match note {
                    Some(n) if !n.contains(rest.as_str()) => format!("{rest}; {n}"),
                    Some(n) => n,
                    None => rest.clone(),
                });
            }
            if let Some(cut) = cut {
                let _ = writeln!(out, "{indent}cut: {}", quote(cut));
            }
        }
        Time::Text(t) => {
            let _ = writeln!(out, "{indent}text: {}", quote(t));
        }
        Time::Unknown => {
            let _ = writeln!(out, "{indent}text: {}", quote("Chưa có thông tin về thời hạn giải quyết"));
        }
    }
    if let Some(Time::Duration(d, _)) = online {
        let _ = writeln!(out, "{indent}online: {}", quote(&d.to_string()));
    }
    if let Some(n) = note {
        let _ = writeln!(out, "{indent}note: {}", quote(&n));
    }
}

fn push_fees(out: &mut String, indent: &str, fees: &[(FeeLine, Option<&'static str>)]) {
    for (fee, channel) in fees {
        let name = match fee.kind {
            "phí" => "Phí",
            "giá" => "Giá dịch vụ",
            _ => "Lệ phí",
        };
        let _ = writeln!(out, "{indent}- name: {}", quote(name));
        let _ = writeln!(out, "{indent}  kind: {}", quote(fee.kind));
        if let Some(amount) = fee.amount {
            let _ = writeln!(out, "{indent}  amount: {amount}");
        }
        if fee.usd {
            let _ = writeln!(out, "{indent}  currency: USD");
        }
        if let Some(channel) = channel {
            let _ = writeln!(out, "{indent}  channel: {channel}");
        }
        if let Some(note) = &fee.note {
            let _ = writeln!(out, "{indent}  note: {}", quote(note));
        }
    }
}

/// Which role a group of papers plays.
#[derive(Debug, PartialEq)]
enum Group {
    Common,
    Show,
    Notes,
    Case,
}

fn group_of(name: &str) -> Group {
    let f = fold(name);
    let f = f.trim().trim_start_matches(['*', '-', '+', ' ']).trim();
    if f.is_empty() {
        Group::Common
    } else if f.contains("xuat trinh") {
        Group::Show
    } else if f.starts_with("luu y") {
        Group::Notes
    } else if f.starts_with("giay to phai nop") || f.starts_with("thanh phan ho so") || f.starts_with("ho so gom") {
        Group::Common
    } else {
        Group::Case
    }
}

fn push_papers(
    out: &mut String,
    indent: &str,
    components: &[Value],
    group: &Group,
    losses: &mut BTreeMap<&'static str, usize>,
) {
    let mut open_parts: Option<Vec<String>> = None;
    let close = |out: &mut String, parts: &mut Option<Vec<String>>| {
        if let Some(parts) = parts.take().filter(|p| !p.is_empty()) {
            let _ = writeln!(out, "{indent}  parts:");
            for part in parts {
                let _ = writeln!(out, "{indent}    - {}", quote(&part));
            }
        }
    };
    for component in components {
        let name = text(&component["name"]);
        if name.is_empty() {
            lose(losses, "giấy tờ không có tên");
            continue;
        }
        // "…, mỗi bộ gồm:" followed by "- Bản vẽ …" lines: one paper with its parts.
        if let Some(parts) = open_parts.as_mut()
            && let Some(part) = name.strip_prefix(['-', '+', '•'])
            && list(component, "attachments").is_empty()
        {
            parts.push(one_line(part.trim()));
            continue;
        }
        close(out, &mut open_parts);
        let _ = writeln!(out, "{indent}- name: {}", quote(&name));
        let originals = component["originalQty"].as_u64().unwrap_or(0);
        let copies = component["copyQty"].as_u64().unwrap_or(0);
        match group {
            Group::Show => {
                let _ = writeln!(out, "{indent}  present: true");
            }
            Group::Notes => {
                let _ = writeln!(out, "{indent}  originals: 0\n{indent}  copies: 0");
            }
            _ => {
                let _ = writeln!(out, "{indent}  originals: {originals}\n{indent}  copies: {copies}");
            }
        }
        let attachments = list(component, "attachments");
        if !attachments.is_empty() {
            // The portal gives storage paths, not public addresses: named, not linked.
            let names: Vec<String> =
                attachments.iter().map(|a| text(&a["fileName"])).filter(|n| !n.is_empty()).collect();
            *losses.entry("mẫu đơn trên Cổng (không có địa chỉ công khai; ghi tên tệp vào note)").or_default() +=
                attachments.len();
            if !names.is_empty() {
                let _ = writeln!(
                    out,
                    "{indent}  note: {}",
                    quote(&format!("Mẫu trên Cổng Dịch vụ công quốc gia: {}", names.join(", ")))
                );
            }
        }
        let counted = component["originalQty"].as_u64().unwrap_or(0) + component["copyQty"].as_u64().unwrap_or(0) > 0;
        if name.trim_end().ends_with(':') && *group != Group::Notes && counted {
            open_parts = Some(Vec::new());
        }
    }
    close(out, &mut open_parts);
}

fn to_yaml(
    record: &Value,
    kept: &Kept,
    units: &mut Vec<UnitInfo>,
    created: &mut Vec<(String, String)>,
    losses: &mut BTreeMap<&'static str, usize>,
) -> Result<String, String> {
    let code = text(&record["code"]);
    let name = one_line(&text(&record["name"]));
    if name.is_empty() {
        return Err("bản ghi không có `name`".into());
    }
    let mut out = String::new();
    let _ =
        writeln!(out, "# Nhập từ Cổng Dịch vụ công quốc gia (congkhai import dvc); nhập lại sẽ cập nhật các khóa này,");
    let _ = writeln!(out, "# giữ nguyên cut, hotline, keywords, submit_at, online_url, slug của trang.");
    let _ = writeln!(out, "code: {}", quote(&code));
    let _ = writeln!(out, "name: {}", quote(&name));
    if let Some(slug) = &kept.slug {
        let _ = writeln!(out, "slug: {}", quote(slug));
    }
    if let Some(keywords) = &kept.keywords {
        let _ = writeln!(out, "keywords: {keywords}");
    }
    let _ = writeln!(out, "field: {}", quote(&field_of(record)));
    if list(record, "categoriesDetails").len() > 1 {
        lose(losses, "lĩnh vực thứ hai trở đi");
    }

    // Levels.
    let mut levels = Vec::new();
    if record["isMinistry"].as_bool() == Some(true) {
        levels.push("central");
    }
    if record["isProvince"].as_bool() == Some(true) {
        levels.push("province");
    }
    if record["isWard"].as_bool() == Some(true) {
        levels.push("commune");
    }
    if levels.is_empty() {
        lose(losses, "cấp thực hiện khác (cơ quan khác, chưa xác định): ghi province");
        levels.push("province");
    }
    if record["isVertical"].as_bool() == Some(true) {
        lose(losses, "ngành dọc (isVertical)");
    }
    match levels.as_slice() {
        [one] => {
            let _ = writeln!(out, "level: {one}");
        }
        many => {
            let _ = writeln!(out, "level: [{}]", many.join(", "));
        }
    }

    // Units: departments by name, else unit groups ("Ủy ban nhân dân cấp xã" → every commune).
    let departments: Vec<String> = list(record, "departmentsExecuting")
        .iter()
        .map(|d| one_line(&text(&d["name"])))
        .filter(|n| !n.is_empty())
        .collect();
    let groups: Vec<String> = list(record, "unitGroupsExecuting")
        .iter()
        .map(|d| one_line(&text(&d["name"])))
        .filter(|n| !n.is_empty())
        .collect();
    let mut ids: Vec<String> = Vec::new();
    let mut every_commune = false;
    let commune_group = groups.iter().any(|g| fold(g) == "uy ban nhan dan cap xa");
    for name in departments.iter().chain(groups.iter()) {
        if commune_group && fold(name) != "uy ban nhan dan cap xa" {
            continue;
        }
        let kind = kind_of_name(name);
        if fold(name) == "uy ban nhan dan cap xa" {
            if !departments.is_empty() {
                lose(losses, "cơ quan thực hiện bên cạnh \"Ủy ban nhân dân cấp xã\" (ghi mọi xã)");
            }
            if !units.iter().any(|u| u.kind == "commune") {
                ids.push(unit_id(name, UnitKind::Commune, units, created));
            }
            every_commune = true;
            continue;
        }
        let id = unit_id(name, kind, units, created);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if !departments.is_empty() && !groups.is_empty() {
        lose(losses, "nhóm đơn vị thực hiện bên cạnh cơ quan thực hiện (ghi cả hai)");
    }
    if every_commune {
        let _ = writeln!(out, "units: {{ kind: commune }}");
    } else {
        match ids.as_slice() {
            [] => {
                let id = unit_id("Cơ quan chưa xác định (Cổng Dịch vụ công)", UnitKind::Other, units, created);
                lose(losses, "không có cơ quan thực hiện");
                let _ = writeln!(out, "unit: {id}");
            }
            [one] => {
                let _ = writeln!(out, "unit: {one}");
            }
            many => {
                let _ = writeln!(out, "units: [{}]", many.join(", "));
            }
        }
    }
    if !list(record, "departmentsAuthority").is_empty() || !list(record, "unitGroupsAuthority").is_empty() {
        lose(losses, "cơ quan có thẩm quyền");
    }
    if !list(record, "departmentsAuthorized").is_empty() || !list(record, "unitGroupsAuthorized").is_empty() {
        lose(losses, "cơ quan được ủy quyền");
    }
    if let Some(submit_at) = &kept.submit_at {
        let _ = writeln!(out, "submit_at: {}", quote(submit_at));
    }
    if let Some(online_url) = &kept.online_url {
        let _ = writeln!(out, "online_url: {}", quote(online_url));
    }
    let applicants: Vec<String> = list(record, "subjectTypesDetails")
        .iter()
        .map(|s| one_line(&text(&s["name"])))
        .filter(|n| !n.is_empty())
        .collect();
    if !applicants.is_empty() {
        let _ = writeln!(out, "applicants: {}", quote(&applicants.join(", ")));
    }

    // Channels, times and fees per channel.
    let methods: Vec<(&'static str, &Value)> =
        list(record, "executionMethods").iter().filter_map(|m| Some((channel_of(m)?, m))).collect();
    let channels: Vec<&str> = {
        let mut c: Vec<&str> = Vec::new();
        for key in ["in_person", "online", "postal"] {
            if methods.iter().any(|(k, _)| *k == key) {
                c.push(key);
            }
        }
        c
    };
    if !channels.is_empty() {
        let _ = writeln!(out, "channels: [{}]", channels.join(", "));
    }
    let online = if record["isFullProcess"].as_bool() == Some(true) {
        "full"
    } else if channels.contains(&"online") {
        "partial"
    } else {
        "none"
    };
    let _ = writeln!(out, "online: {online}");

    let main = methods.iter().find(|(k, _)| *k == "in_person").or_else(|| methods.first());
    let main_time = main.map_or(Time::Unknown, |(_, m)| time_of(m, record));
    let online_time = methods
        .iter()
        .find(|(k, _)| *k == "online")
        .map(|(_, m)| time_of(m, record))
        .filter(|t| *t != main_time && matches!(t, Time::Duration(..)) && matches!(main_time, Time::Duration(..)));
    // Other times (per case, per channel): every published time is kept, in the note.
    let mut others: Vec<String> = Vec::new();
    for (_, m) in &methods {
        let t = time_of(m, record);
        if t == main_time || Some(&t) == online_time.as_ref() {
            continue;
        }
        let shown = match &t {
            Time::Duration(d, rest) => match rest {
                Some(rest) => format!("{d} ({rest})"),
                None => d.to_string(),
            },
            Time::Text(t) => t.clone(),
            Time::Unknown => continue,
        };
        let description = one_line(&text(&m["description"]));
        let line = if description.is_empty() { shown } else { format!("{shown}: {description}") };
        if !others.contains(&line) {
            others.push(line);
        }
    }
    if !others.is_empty() {
        lose(losses, "thời hạn khác theo trường hợp hoặc cách nộp (ghi vào time.note)");
    }
    let descriptions: Vec<String> = methods.iter().map(|(_, m)| text(&m["description"])).collect();
    let main_note = main.map(|(_, m)| text(&m["description"])).filter(|d| !d.is_empty());
    // An OTHER time whose wording came from the description must not repeat it as note.
    let main_note = main_note.filter(|n| match &main_time {
        Time::Text(t) => t != n,
        _ => true,
    });
    if descriptions.iter().any(|d| Some(d) != main_note.as_ref() && !d.is_empty()) {
        lose(losses, "mô tả riêng của từng cách nộp");
    }
    let cut = kept.cut.as_deref().filter(|c| match &main_time {
        Time::Duration(s, _) => Duration::parse(c).is_ok_and(|c| !c.exceeds(*s)),
        _ => false,
    });
    if kept.cut.is_some() && cut.is_none() {
        lose(losses, "thời hạn cắt giảm (cut) của trang không còn hợp lệ với thời hạn mới: bỏ");
    }
    let main_note = match (main_note, others.is_empty()) {
        (note, true) => note,
        (Some(note), false) => Some(format!("{note}\nThời hạn khác: {}", others.join("; "))),
        (None, false) => Some(format!("Thời hạn khác: {}", others.join("; "))),
    };
    let _ = writeln!(out, "time:");
    push_time(&mut out, "  ", &main_time, online_time.as_ref(), main_note.as_deref(), cut);
    if main_time == Time::Unknown {
        lose(losses, "thời hạn không rõ (OTHER không có mô tả)");
    }

    // Fees: a line in every channel is for all; others get their channel.
    // A channel may come several times (one per case): its fee lines are the union.
    let per_channel: Vec<(&'static str, Vec<FeeLine>)> = channels
        .iter()
        .map(|&key| {
            let mut lines: Vec<FeeLine> = methods
                .iter()
                .filter(|(k, _)| *k == key)
                .flat_map(|(_, m)| list(m, "fees").iter().map(|f| fee_of(f, &mut BTreeMap::new())))
                .collect();
            lines.sort();
            lines.dedup();
            (key_of(key), lines)
        })
        .collect();
    for (_, m) in &methods {
        for f in list(m, "fees") {
            fee_of(f, losses);
        }
    }
    let mut fees: Vec<(FeeLine, Option<&'static str>)> = Vec::new();
    for (channel, lines) in &per_channel {
        for line in lines {
            let everywhere = per_channel.iter().all(|(_, other)| other.contains(line));
            let entry = (line.clone(), if everywhere { None } else { Some(*channel) });
            if !fees.contains(&entry) {
                fees.push(entry);
            }
        }
    }
    if !list(record, "fees").is_empty() {
        lose(losses, "phí ghi ngoài cách thực hiện (fees)");
    }
    if !fees.is_empty() {
        let _ = writeln!(out, "fees:");
        push_fees(&mut out, "  ", &fees);
    }

    // Papers: one group → papers; several → common papers, papers to show, notes, and cases.
    let cases = list(record, "executionCases");
    let mut common = String::new();
    let mut case_yaml: Vec<String> = Vec::new();
    let mut case_names: Vec<String> = Vec::new();
    let several = cases.len() > 1;
    for case in cases {
        let raw = text(&case["name"]);
        let components = list(case, "profileComponents");
        let group = if several { group_of(&raw) } else { group_of(&raw).min_common() };
        match group {
            Group::Case => {
                let mut name = one_line(raw.trim_end_matches(':'));
                if case_names.contains(&name) {
                    name = format!("{name} ({})", case_names.len() + 1);
                }
                case_names.push(name.clone());
                let mut y = format!("  - name: {}\n", quote(&name));
                if components.is_empty() {
                    y.push_str("    papers: []\n");
                    lose(losses, "trường hợp không có giấy tờ");
                } else {
                    y.push_str("    papers:\n");
                    push_papers(&mut y, "      ", components, &Group::Case, losses);
                }
                case_yaml.push(y);
            }
            g => {
                if several && g == Group::Common && !raw.trim().is_empty() && group_of(&raw) == Group::Case {
                    lose(losses, "tên nhóm giấy tờ");
                }
                push_papers(&mut common, "  ", components, &g, losses);
            }
        }
    }
    let comps = list(record, "profileComponents");
    if !comps.is_empty() {
        push_papers(&mut common, "  ", comps, &Group::Common, losses);
    }
    if !common.is_empty() {
        let _ = writeln!(out, "papers:");
        out.push_str(&common);
    }
    if !case_yaml.is_empty() {
        let _ = writeln!(out, "cases:");
        for y in case_yaml {
            out.push_str(&y);
        }
    }

    let steps: Vec<String> = list(record, "executionSteps")
        .iter()
        .map(|s| {
            let (n, d) = (text(&s["name"]), text(&s["description"]));
            match (n.is_empty(), d.is_empty()) {
                (false, false) => format!("{n}: {d}"),
                (true, _) => d,
                (false, true) => n,
            }
        })
        .filter(|s| !s.is_empty())
        .collect();
    if !steps.is_empty() {
        let _ = writeln!(out, "steps:");
        for step in steps {
            let _ = writeln!(out, "  - {}", quote(&step));
        }
    }
    let requirements = text(&record["requirementsAndConditions"]);
    if !requirements.is_empty() {
        let _ = writeln!(out, "requirements: {}", quote(&requirements));
    }
    let results: Vec<String> =
        list(record, "resultsDetails").iter().map(|r| one_line(&text(&r["name"]))).filter(|n| !n.is_empty()).collect();
    match results.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(out, "result: {}", quote(one));
        }
        many => {
            let _ = writeln!(out, "result:");
            for r in many {
                let _ = writeln!(out, "  - {}", quote(r));
            }
        }
    }
    let legal: Vec<String> = list(record, "legalBasisesDetails")
        .iter()
        .map(|l| {
            let (name, code) = (one_line(&text(&l["name"])), one_line(&text(&l["code"])));
            if code.is_empty() || name.contains(&code) { name } else { format!("{code}: {name}") }
        })
        .filter(|n| !n.is_empty())
        .collect();
    if !legal.is_empty() {
        let _ = writeln!(out, "legal_basis:");
        for l in legal {
            let _ = writeln!(out, "  - {}", quote(&l));
        }
    }
    if let Some(hotline) = &kept.hotline {
        let _ = writeln!(out, "hotline: {}", quote(hotline));
    }
    let updated =
        record["updatedAt"].as_i64().or_else(|| record["createdAt"].as_i64()).ok_or("bản ghi không có `updatedAt`")?;
    let _ = writeln!(out, "updated: {}", vietnam_date(updated));
    if record["isNonTerritorial"].as_bool() == Some(true) {
        let _ = writeln!(out, "anywhere: true");
    }
    let mut delivery: Vec<&str> = Vec::new();
    for method in list(record, "returningMethods") {
        for v in list(method, "value") {
            let key = match v.as_str() {
                Some("AT_SUBMISSION_PLACE") => "in_person",
                Some("AT_HOME") => "postal",
                Some("ONLINE") => "online",
                _ => continue,
            };
            if !delivery.contains(&key) {
                delivery.push(key);
            }
        }
    }
    if !delivery.is_empty() {
        let _ = writeln!(out, "result_delivery: [{}]", delivery.join(", "));
    }
    let coordinating: Vec<String> = list(record, "departmentsCoordinating")
        .iter()
        .chain(list(record, "unitGroupsCoordinating"))
        .map(|d| one_line(&text(&d["name"])))
        .filter(|n| !n.is_empty())
        .collect();
    // Names, as published: matching them to ids would depend on units created in the same run.
    if !coordinating.is_empty() {
        let _ = writeln!(out, "coordinating:");
        for c in coordinating {
            let _ = writeln!(out, "  - {}", quote(&c));
        }
    }
    let proposal = &record["procedureProposal"];
    let decision = one_line(&text(&proposal["proposalNumber"]));
    if !decision.is_empty() {
        let _ = writeln!(out, "published:");
        let _ = writeln!(out, "  decision: {}", quote(&decision));
        if let Some(ms) = proposal["decisionDate"].as_i64() {
            let _ = writeln!(out, "  date: {}", vietnam_date(ms));
        }
        let by = one_line(&text(&proposal["issuingAgency"]["name"]));
        if !by.is_empty() {
            let _ = writeln!(out, "  by: {}", quote(&by));
        }
    }
    for (key, kind) in [
        ("note", "ghi chú chung (note)"),
        ("description", "mô tả chung (description)"),
        ("dossierReceivingAddresses", "địa chỉ tiếp nhận hồ sơ"),
    ] {
        if !text(&record[key]).is_empty() {
            lose(losses, kind);
        }
    }
    if !list(record, "procedureRelatedGroup").is_empty() {
        lose(losses, "thủ tục liên quan");
    }
    Ok(out)
}

impl Group {
    /// With one group only, every paper is common (or to show, or a note).
    fn min_common(self) -> Group {
        if self == Group::Case { Group::Common } else { self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portal_times_are_vietnam_dates() {
        // 2026-04-15 16:20:21 UTC is 23:20 in Hà Nội; 17:30 UTC is already the 16th.
        assert_eq!(vietnam_date(1_776_270_021_000), "2026-04-15");
        assert_eq!(vietnam_date(1_776_274_200_000), "2026-04-16");
        assert_eq!(vietnam_date(0), "1970-01-01");
    }

    #[test]
    fn long_slugs_are_capped_at_a_dash() {
        let long = "a-".repeat(100) + "b";
        let capped = slug_cap(&long);
        assert!(capped.len() <= SLUG_MAX && !capped.ends_with('-'), "{capped}");
    }

    #[test]
    fn national_unit_names_find_the_province_s_units() {
        let mut units = vec![
            UnitInfo {
                id: "so-nong-nghiep".into(),
                name: "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng".into(),
                kind: "department".into(),
            },
            UnitInfo { id: "cong-an-tinh".into(), name: "Công an tỉnh Lâm Đồng".into(), kind: "police".into() },
        ];
        let mut created = Vec::new();
        assert_eq!(
            unit_id("Sở Nông nghiệp và Môi trường", UnitKind::Department, &mut units, &mut created),
            "so-nong-nghiep"
        );
        assert_eq!(unit_id("Công an cấp Tỉnh", UnitKind::Police, &mut units, &mut created), "cong-an-tinh");
        assert_eq!(
            unit_id("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH LÂM ĐỒNG.", UnitKind::Department, &mut units, &mut created),
            "so-nong-nghiep"
        );
        assert!(created.is_empty());
        assert_eq!(unit_id("Phòng Kinh tế", UnitKind::Other, &mut units, &mut created), "phong-kinh-te");
        assert_eq!(created, vec![("phong-kinh-te".to_string(), "Phòng Kinh tế".to_string())]);
    }

    #[test]
    fn groups_of_papers() {
        assert_eq!(group_of("* Giấy tờ phải xuất trình:"), Group::Show);
        assert_eq!(group_of(" * Lưu ý :"), Group::Notes);
        assert_eq!(group_of("Giấy tờ phải nộp"), Group::Common);
        assert_eq!(group_of("Đối với nhà ở riêng lẻ tại đô thị:"), Group::Case);
    }

    #[test]
    fn other_times_read_their_wording() {
        let record = serde_json::json!({"cases": [{"processingDay": {"qty": 8, "type": "WORKING_DAY"}}]});
        let m = serde_json::json!({"processingTime": 3, "processingTimeUnit": "OTHER", "description": ""});
        assert_eq!(time_of(&m, &record), Time::Duration(Duration::WorkingDays(Qty::whole(8)), None));
        let m = serde_json::json!({"processingTime": "Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.", "processingTimeUnit": "OTHER"});
        assert_eq!(
            time_of(&m, &serde_json::json!({})),
            Time::Duration(Duration::Days(Qty::whole(15)), Some("kể từ ngày nhận đủ hồ sơ hợp lệ".into()))
        );
        let m = serde_json::json!({"processingTime": 7.5, "processingTimeUnit": "WORKING_DAY"});
        assert_eq!(time_of(&m, &serde_json::json!({})), Time::Duration(Duration::WorkingDays(Qty(750)), None));
        let m = serde_json::json!({"processingTime": 1, "processingTimeUnit": "MONTH"});
        assert_eq!(time_of(&m, &serde_json::json!({})), Time::Duration(Duration::Months(Qty::whole(1)), None));
    }
}
