//! What the top of a procedure page tells a citizen, worked out once from the model: the fee
//! in plain words, where to file (with the unit's address, hours and a map link), whom to
//! call for what, who needs the procedure and when not, papers one line each, and look-alike
//! procedures.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::Ctx;
use crate::check::Links;
use crate::model::facts::{FEE_UNKNOWN, FeeFacts as ModelFees};
use crate::model::{Case, Fee, Paper, Procedure, Site, UnitKind};
use crate::render::format::{number, percent_short};
use crate::render::markdown::inline_to_safe_html;
use crate::text::fold;

/// Look-alike procedures shown on a page, at most.
const RELATED_SHOWN: usize = 4;
/// Share of words two names must have in common to count as look-alikes.
const RELATED_MIN_SIMILARITY: f64 = 0.5;

/// Links between procedures and units that the pages need, computed once for the whole site.
pub struct SiteLinks {
    /// Look-alike procedures of each procedure: same field, similar names, most similar first.
    pub related: Vec<Vec<usize>>,
    /// Procedures whose `submit_at` names each unit (the unit receives them), by unit index.
    pub received_at: Vec<Vec<usize>>,
    /// The different look-up addresses of each group's units, by group index.
    pub group_lookup_urls: Vec<Vec<Option<String>>>,
    /// Each group's fields (index into `links.fields`, in field order) with its number of
    /// procedures in each: every member's page shows them, so they are counted once.
    pub group_fields: Vec<Vec<(usize, usize)>>,
    /// The newest `updated` of each group's procedures.
    pub group_updated: Vec<Option<crate::model::Date>>,
}

impl SiteLinks {
    pub fn compute(site: &Site, links: &Links) -> Self {
        let mut received_at = vec![Vec::new(); site.units.len()];
        for &p in &links.by_name {
            if let Some(u) = submit_unit(site, links, &site.procedures[p]) {
                received_at[u].push(p);
            }
        }
        let related = related(site, links);
        let group_lookup_urls = links.groups.iter().map(|g| super::lookup::group_addresses(site, &g.units)).collect();
        let group_fields = links
            .groups
            .iter()
            .map(|g| {
                let mut counts = vec![0; links.fields.len()];
                for &p in &g.procedures {
                    counts[links.field_of[p]] += 1;
                }
                counts.into_iter().enumerate().filter(|&(_, n)| n > 0).collect()
            })
            .collect();
        let group_updated =
            links.groups.iter().map(|g| g.procedures.iter().map(|&p| site.procedures[p].updated).max()).collect();
        SiteLinks { related, received_at, group_lookup_urls, group_fields, group_updated }
    }
}

/// The unit that `submit_at` names by its id, if it does.
pub fn submit_unit(_site: &Site, links: &Links, procedure: &Procedure) -> Option<usize> {
    procedure.submit_at.as_deref().and_then(|s| links.unit_index.get(s.trim()).copied())
}

/// The words of a name, folded, for comparing names.
fn words(name: &str) -> BTreeSet<String> {
    fold(name).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Within each field, names compared by their shared words (Jaccard): only procedures of one
/// field are compared, so the work grows with the largest field, not with the whole site.
fn related(site: &Site, links: &Links) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    // Each word becomes a number and each name a sorted list of them: comparing two names is
    // then one merge of two short lists, with no strings compared.
    let folded: Vec<BTreeSet<String>> = site.procedures.par_iter().map(|p| words(&p.name)).collect();
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let words: Vec<Vec<u32>> = folded
        .iter()
        .map(|set| {
            let mut list: Vec<u32> = set
                .iter()
                .map(|w| {
                    let next = numbers.len() as u32;
                    *numbers.entry(w.as_str()).or_insert(next)
                })
                .collect();
            list.sort_unstable();
            list
        })
        .collect();
    let by_field: Vec<Vec<(usize, Vec<usize>)>> = links
        .fields
        .par_iter()
        .map(|field| field.procedures.par_iter().map(|&a| (a, look_alikes(a, &field.procedures, &words))).collect())
        .collect();
    let mut related = vec![Vec::new(); site.procedures.len()];
    for (a, list) in by_field.into_iter().flatten() {
        related[a] = list;
    }
    related
}

/// The procedures of `field` (in name order) whose names are most like that of `a`.
fn look_alikes(a: usize, field: &[usize], words: &[Vec<u32>]) -> Vec<usize> {
    let mine = &words[a];
    let mut scored: Vec<(f64, usize)> = field
        .iter()
        .filter(|&&b| b != a)
        .filter_map(|&b| {
            let theirs = &words[b];
            // At most min(|a|, |b|) words are shared: skip the merge when even that is too few.
            let most = mine.len().min(theirs.len());
            let fewest_all = mine.len() + theirs.len() - most;
            if fewest_all > 0 && (most as f64 / fewest_all as f64) < RELATED_MIN_SIMILARITY {
                return None;
            }
            let shared = shared_count(mine, theirs);
            let all = mine.len() + theirs.len() - shared;
            let similarity = if all == 0 { 0.0 } else { shared as f64 / all as f64 };
            (similarity >= RELATED_MIN_SIMILARITY).then_some((similarity, b))
        })
        .collect();
    // Most similar first; ties in name order (the field's procedures are in that order).
    scored.sort_by(|x, y| y.0.total_cmp(&x.0));
    // From a borrowed iterator, not `into_iter()`: collecting in place would keep the whole
    // buffer of candidates alive behind four links (1.2 GB at 100,000 procedures).
    scored.iter().take(RELATED_SHOWN).map(|&(_, b)| b).collect()
}

/// How many numbers two sorted lists without repeats have in common.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// One line of the fee: its name, amount (`135.000 đ`, `25 USD`), channel and note.
#[derive(Serialize)]
pub struct FeeLine {
    pub name: String,
    /// `135.000 đ`, `25 USD`, `Miễn phí`, or none when only the note tells.
    pub amount: Option<String>,
    /// "trực tuyến" when the line is only for one channel.
    pub channel: Option<String>,
    pub note: Option<String>,
}

/// The fee of everyone, or of one case, as the key facts show it.
#[derive(Serialize)]
pub struct FeeFacts {
    /// The case this fee is for (its anchor and name), when fees differ by case.
    pub case: Option<CaseRef>,
    /// `Miễn phí` or `Chưa có thông tin về phí, lệ phí` when that is the whole story.
    pub headline: Option<String>,
    pub lines: Vec<FeeLine>,
    /// Some amount is not written here: say where to ask.
    pub ask: bool,
}

/// A link to a case's section on the page.
#[derive(Serialize, Clone)]
pub struct CaseRef {
    pub anchor: String,
    pub name: String,
}

fn fee_lines(fees: &[Fee]) -> Vec<FeeLine> {
    fees.iter()
        .map(|f| FeeLine {
            name: f.name.clone(),
            amount: f.money().map(|m| m.to_string()),
            channel: f.channel.map(|c| c.label().to_lowercase()),
            note: f.note.clone(),
        })
        .collect()
}

/// The fee of one list of lines; never "Miễn phí" unless written so.
pub fn fee_facts(fees: &[Fee], case: Option<CaseRef>) -> FeeFacts {
    match ModelFees::of(fees) {
        ModelFees::Unknown => FeeFacts {
            case,
            headline: Some(FEE_UNKNOWN.into()),
            // Lines without an amount still say something (where the amount is set).
            lines: fee_lines(fees).into_iter().filter(|l| l.note.is_some()).collect(),
            ask: true,
        },
        ModelFees::Free if fees.iter().all(|f| f.note.is_none()) => {
            FeeFacts { case, headline: Some("Miễn phí".into()), lines: Vec::new(), ask: false }
        }
        ModelFees::Free => FeeFacts { case, headline: None, lines: fee_lines(fees), ask: false },
        ModelFees::Amounts { .. } => FeeFacts {
            case,
            headline: None,
            lines: fee_lines(fees),
            ask: fees.iter().any(|f| f.amount.is_none() && !f.note_says_free()),
        },
    }
}

/// The fees of a procedure: one block for everyone, or one per case when cases have their own.
pub fn fee_blocks(procedure: &Procedure) -> Vec<FeeFacts> {
    if !procedure.fees_vary() {
        return vec![fee_facts(&procedure.fees, None)];
    }
    procedure
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            fee_facts(procedure.fees_of(Some(i)), Some(CaseRef { anchor: Case::anchor(i), name: c.name.clone() }))
        })
        .collect()
}

/// One time of the key facts: for everyone, or for one case.
#[derive(Serialize)]
pub struct TimeLine {
    pub case: Option<CaseRef>,
    /// What a citizen can count on: the cut when there is one, else the statutory time (or words).
    pub shown: String,
    /// The statutory time, when a shorter cut is shown.
    pub statutory: Option<String>,
    pub cut_percent: Option<String>,
    pub online: Option<String>,
    pub note: Option<String>,
}

pub fn time_lines(procedure: &Procedure) -> Vec<TimeLine> {
    procedure
        .time_rows()
        .into_iter()
        .map(|row| {
            let time = row.time;
            let cut = time.real_cut();
            TimeLine {
                case: row.case.map(|(i, name)| CaseRef { anchor: Case::anchor(i), name: name.to_string() }),
                shown: time.shown().to_string(),
                statutory: cut.map(|_| time.statutory.to_string()),
                cut_percent: cut.and(time.cut_percent()).filter(|p| *p > 0.0).map(percent_short),
                online: time.online.map(|d| d.to_string()),
                note: time.note.clone(),
            }
        })
        .collect()
}

/// A place to file, with what a citizen needs to get there.
#[derive(Serialize)]
pub struct PlaceView {
    pub name: String,
    pub url: String,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub hotline: Option<String>,
    /// A map search by the address text: an outside page, only opened when clicked.
    pub map_url: Option<String>,
}

/// Where to file, as the key facts show it.
#[derive(Serialize)]
pub struct WhereFacts {
    /// `submit_at` as written, when it is text rather than a unit id.
    pub text: Option<String>,
    /// The places to go (the unit named by `submit_at`, or the procedure's units).
    pub places: Vec<PlaceView>,
    /// Every unit of a kind: "UBND xã, phường nơi bạn cư trú" and a link to the group's page
    /// ("danh sách xã, phường"), which lists its units and the procedures they all do.
    pub nearest: Option<String>,
    pub nearest_link: Option<String>,
    pub nearest_url: Option<String>,
}

fn map_url(address: &str) -> String {
    let mut query = String::new();
    for byte in address.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => query.push(byte as char),
            b' ' => query.push('+'),
            _ => query.push_str(&format!("%{byte:02X}")),
        }
    }
    format!("https://www.openstreetmap.org/search?query={query}")
}

pub fn place(ctx: &Ctx, u: usize) -> PlaceView {
    let unit = &ctx.site.units[u];
    PlaceView {
        name: unit.name.clone(),
        url: ctx.url(&format!("/don-vi/{}/", unit.id)),
        address: unit.address.clone(),
        hours: unit.hours.clone(),
        hotline: unit.hotline.clone(),
        map_url: unit.address.as_deref().map(map_url),
    }
}

/// How the place of a kind reads: "UBND xã, phường nơi bạn cư trú".
pub fn nearest_of_kind(kind: UnitKind) -> String {
    match kind {
        UnitKind::Commune => "UBND xã, phường nơi bạn cư trú".into(),
        UnitKind::District => "UBND cấp huyện nơi bạn cư trú".into(),
        other => format!("{} gần nơi bạn cư trú", other.label()),
    }
}

pub fn where_facts(ctx: &Ctx, p: usize, every_of_kind: bool) -> WhereFacts {
    let procedure = &ctx.site.procedures[p];
    if let Some(u) = submit_unit(ctx.site, ctx.links, procedure) {
        return WhereFacts {
            text: None,
            places: vec![place(ctx, u)],
            nearest: None,
            nearest_link: None,
            nearest_url: None,
        };
    }
    let text = procedure.submit_at.clone();
    if every_of_kind && let Some(g) = ctx.links.group_of[p] {
        let kind = ctx.links.groups[g].kind;
        return WhereFacts {
            text,
            places: Vec::new(),
            nearest: Some(nearest_of_kind(kind)),
            nearest_link: Some(format!("danh sách {}", kind.plural())),
            nearest_url: Some(format!("{}#h-don-vi", super::unit::group_url(ctx, g))),
        };
    }
    let places = if text.is_some() && ctx.links.unit_count(p) > 1 {
        Vec::new()
    } else {
        ctx.links.units_handling(p).map(|u| place(ctx, u)).collect()
    };
    WhereFacts { text, places, nearest: None, nearest_link: None, nearest_url: None }
}

/// One labelled phone number of the contact block.
#[derive(Serialize)]
pub struct ContactLine {
    pub label: String,
    pub phone: Option<String>,
    pub note: Option<String>,
}

/// Whom to call for what: this procedure's hotline, the unit's phone, the province's line for
/// complaints. A number is listed once, under its first label.
pub fn contact(ctx: &Ctx, p: usize, every_of_kind: bool) -> Vec<ContactLine> {
    let site = ctx.site;
    let procedure = &site.procedures[p];
    let mut lines: Vec<ContactLine> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    if let Some(hotline) = &procedure.hotline {
        seen.push(hotline.clone());
        lines.push(ContactLine {
            label: "Hỏi về thủ tục này".into(), phone: Some(hotline.clone()), note: None
        });
    }
    if every_of_kind {
        if let Some(g) = ctx.links.group_of[p] {
            lines.push(ContactLine {
                label: format!("{} nơi bạn nộp hồ sơ", ctx.links.groups[g].kind.label()),
                phone: None,
                note: Some("số điện thoại trên trang của từng đơn vị".into()),
            });
        }
    } else {
        for u in ctx.links.units_handling(p) {
            let unit = &site.units[u];
            if let Some(hotline) = &unit.hotline
                && !seen.contains(hotline)
            {
                seen.push(hotline.clone());
                lines.push(ContactLine { label: unit.name.clone(), phone: Some(hotline.clone()), note: None });
            }
        }
    }
    let feedback = ctx
        .links
        .units_handling(p)
        .next()
        .filter(|_| !every_of_kind)
        .and_then(|u| site.units[u].feedback.clone())
        .or_else(|| site.config.feedback.clone());
    let complaints_phone = site.config.hotline.clone();
    if complaints_phone.is_some() || feedback.is_some() {
        lines.push(ContactLine { label: "Phản ánh, kiến nghị".into(), phone: complaints_phone, note: feedback });
    }
    lines
}

/// "Ai cần làm / khi nào không cần": who the procedure is for, its conditions, and the
/// sentences that say when it is not needed.
#[derive(Serialize)]
pub struct WhoFacts {
    pub applicants: Option<String>,
    /// Conditions, as safe HTML.
    pub conditions: Vec<String>,
    /// When the procedure is not needed, as safe HTML.
    pub not_needed: Vec<String>,
    /// Requirements written as several Markdown blocks: shown whole, as safe HTML.
    pub conditions_block: Option<String>,
}

/// Words that mark a sentence saying when the procedure is not needed.
const NOT_NEEDED: [&str; 5] = ["không phải làm", "không phải thực hiện", "không cần", "được miễn", "không áp dụng"];

pub fn who_facts(procedure: &Procedure) -> WhoFacts {
    let mut who = WhoFacts {
        applicants: procedure.applicants.clone(),
        conditions: Vec::new(),
        not_needed: Vec::new(),
        conditions_block: None,
    };
    let Some(requirements) = procedure.requirements.as_deref().map(str::trim) else { return who };
    if requirements.contains('\n') {
        who.conditions_block = Some(crate::render::markdown::to_safe_html(requirements));
        return who;
    }
    for sentence in sentences(requirements) {
        let lower = sentence.to_lowercase();
        let html = inline_to_safe_html(&sentence);
        if NOT_NEEDED.iter().any(|w| lower.contains(w)) {
            who.not_needed.push(html);
        } else {
            who.conditions.push(html);
        }
    }
    who
}

/// Sentences of one paragraph: split after `.` followed by a space and a capital letter.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let ends = c == '.'
            && chars.get(i + 1).is_some_and(|n| *n == ' ')
            && chars.get(i + 2).is_some_and(|n| n.is_uppercase());
        if ends {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// One paper, one line: "1 bản chính, 1 bản sao".
#[derive(Serialize)]
pub struct PaperLine {
    pub name: String,
    /// "1 bản chính, 1 bản sao"; empty when neither count is given.
    pub count: String,
    pub note: Option<String>,
    /// The paper's own items, as a sub-list.
    pub parts: Vec<String>,
    pub form: Option<FormLink>,
}

/// A form to download: "Tải mẫu (Word, 32 KB)".
#[derive(Serialize)]
pub struct FormLink {
    pub url: String,
    /// "Word, 32 KB"; the size only for files the site publishes itself.
    pub about: String,
    /// A file of the site (downloaded) rather than an outside address.
    pub local: bool,
}

/// One list of papers split for a citizen: to hand in, to show at the desk, only in some
/// situations ("Có thể cần thêm"), and note lines (`0/0`) that are no paper at all.
#[derive(Serialize)]
pub struct PaperGroups {
    pub required: Vec<PaperLine>,
    pub present: Vec<PaperLine>,
    pub conditional: Vec<PaperLine>,
    pub notes: Vec<String>,
    /// Some paper has a form to download (the table then has a column for it).
    pub forms: bool,
}

pub fn count_text(originals: u32, copies: u32) -> String {
    let mut parts = Vec::new();
    if originals > 0 {
        parts.push(format!("{originals} bản chính"));
    }
    if copies > 0 {
        parts.push(format!("{copies} bản sao"));
    }
    parts.join(", ")
}

/// A paper only some applicants need: its name says "(nếu có)" or "trường hợp", or its note
/// starts with a condition ("Nếu có", "Trường hợp…", "Chỉ với…").
pub fn is_conditional(paper: &Paper) -> bool {
    let name = paper.name.to_lowercase();
    if name.contains("(nếu có)") || name.contains("trường hợp") || name.starts_with("nếu ") {
        return true;
    }
    let note = paper.note.as_deref().unwrap_or("").trim().to_lowercase();
    ["nếu có", "nếu còn", "(nếu có)", "trường hợp", "chỉ với", "chỉ khi", "chỉ trong", "với trường hợp"]
        .iter()
        .any(|w| note.starts_with(w))
}

/// The type of a form from its extension, as citizens call it.
fn file_type(path: &str) -> String {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "doc" | "docx" | "odt" | "rtf" => "Word".into(),
        "xls" | "xlsx" | "ods" => "Excel".into(),
        "pdf" => "PDF".into(),
        "txt" => "văn bản".into(),
        "zip" => "ZIP".into(),
        "" => "tệp".into(),
        other => other.to_ascii_uppercase(),
    }
}

/// `32 KB`, `1,2 MB`, rounded up so that a small file never reads `0 KB`.
pub fn file_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", number(bytes.div_ceil(1024).max(1)))
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        format!("{},{} MB", number(tenths / 10), tenths % 10)
    }
}

pub fn form_link(ctx: &Ctx, form: &str) -> FormLink {
    if form.starts_with("https://") || form.starts_with("http://") {
        return FormLink { url: form.to_string(), about: file_type(form), local: false };
    }
    let relative = form.trim_start_matches("/tep/").trim_start_matches('/');
    let size = std::fs::metadata(ctx.site.root.join("content/files").join(relative)).ok().map(|m| file_size(m.len()));
    let kind = file_type(relative);
    FormLink {
        url: ctx.url(&format!("/tep/{relative}")),
        about: match size {
            Some(size) => format!("{kind}, {size}"),
            None => kind,
        },
        local: true,
    }
}

pub fn paper_groups(ctx: &Ctx, papers: &[Paper]) -> PaperGroups {
    let mut groups = PaperGroups {
        required: Vec::new(),
        present: Vec::new(),
        conditional: Vec::new(),
        notes: Vec::new(),
        forms: papers.iter().any(|p| p.form.is_some()),
    };
    for paper in papers {
        if paper.is_note {
            groups.notes.push(match &paper.note {
                Some(note) => format!("{} {note}", paper.name),
                None => paper.name.clone(),
            });
            continue;
        }
        let line = PaperLine {
            name: paper.name.clone(),
            count: count_text(paper.originals, paper.copies),
            note: paper.note.clone(),
            parts: paper.parts.clone(),
            form: paper.form.as_ref().map(|f| form_link(ctx, &f.value)),
        };
        if paper.present {
            groups.present.push(line)
        } else if is_conditional(paper) {
            groups.conditional.push(line)
        } else {
            groups.required.push(line)
        }
    }
    groups
}

/// One case of a procedure, with its own papers (and time and fees when they differ).
#[derive(Serialize)]
pub struct CaseView {
    pub anchor: String,
    pub number: usize,
    pub name: String,
    pub time: Option<String>,
    pub fee: Option<String>,
    pub papers: PaperGroups,
}

pub fn case_views(ctx: &Ctx, procedure: &Procedure) -> Vec<CaseView> {
    procedure
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| CaseView {
            anchor: Case::anchor(i),
            number: i + 1,
            name: case.name.clone(),
            time: case.time.as_ref().map(|t| t.shown().to_string()),
            fee: case.fees.as_ref().map(|f| ModelFees::of(f).summary()),
            papers: paper_groups(ctx, &case.papers),
        })
        .collect()
}

/// The look-alike procedures of `p`, as links.
#[derive(Serialize)]
pub struct RelatedLink {
    pub name: String,
    pub url: String,
}

pub fn related_links(ctx: &Ctx, p: usize) -> Vec<RelatedLink> {
    ctx.site_links.related[p]
        .iter()
        .map(|&q| RelatedLink {
            name: ctx.site.procedures[q].name.clone(),
            url: super::procedure::procedure_url(ctx, q),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_counts_read_as_one_line() {
        assert_eq!(count_text(1, 0), "1 bản chính");
        assert_eq!(count_text(1, 2), "1 bản chính, 2 bản sao");
        assert_eq!(count_text(0, 1), "1 bản sao");
        assert_eq!(count_text(0, 0), "");
    }

    #[test]
    fn conditional_papers() {
        let paper = |name: &str, note: Option<&str>| Paper {
            name: name.into(),
            originals: 1,
            copies: 0,
            is_note: false,
            present: false,
            parts: Vec::new(),
            note: note.map(str::to_string),
            form: None,
        };
        assert!(is_conditional(&paper("Tiền sử dụng đất, lệ phí trước bạ (nếu có)", None)));
        assert!(is_conditional(&paper("Giấy tờ về quyền sử dụng đất", Some("Nếu có; một trong các loại giấy tờ"))));
        assert!(is_conditional(&paper("Giấy phép cũ", Some("Chỉ với trường hợp giấy phép bị rách, nát"))));
        assert!(is_conditional(&paper(
            "Văn bản ủy quyền trong trường hợp ủy quyền thực hiện việc đăng ký khai tử",
            None
        )));
        // A condition inside the note of a paper everyone brings does not make it optional.
        assert!(!is_conditional(&paper(
            "Giấy khám sức khỏe",
            Some("Do cơ sở y tế cấp; không phải nộp bản giấy nếu kết quả khám đã được liên thông điện tử")
        )));
    }

    #[test]
    fn form_types_and_sizes() {
        assert_eq!(file_type("mau/to-khai.docx"), "Word");
        assert_eq!(file_type("mau/to-khai.PDF"), "PDF");
        assert_eq!(file_size(300), "1 KB");
        assert_eq!(file_size(32 * 1024), "32 KB");
        assert_eq!(file_size(1_300_000), "1,3 MB");
    }

    #[test]
    fn sentences_split_at_capitals() {
        assert_eq!(
            sentences(
                "Công trình phù hợp quy hoạch. Nhà ở nông thôn thì không phải làm thủ tục này. Từ 01/7/2025 do xã làm."
            ),
            vec![
                "Công trình phù hợp quy hoạch.",
                "Nhà ở nông thôn thì không phải làm thủ tục này.",
                "Từ 01/7/2025 do xã làm."
            ]
        );
        assert_eq!(sentences("Số 1.000 đồng. a"), vec!["Số 1.000 đồng. a"]);
    }

    #[test]
    fn map_search_is_encoded() {
        assert_eq!(map_url("Số 2 Trần"), "https://www.openstreetmap.org/search?query=S%E1%BB%91+2+Tr%E1%BA%A7n");
    }
}
