//! Lists of procedures: home `/`, `/thu-tuc/` with fields and an A–Z index,
//! `/thu-tuc/a-z/<letter>/` and `/linh-vuc/<field>/`.

use serde::Serialize;

use super::procedure::{Row, row};
use super::{Ctx, Output};
use crate::diagnostics::Diagnostic;
use crate::model::UnitKind;
use crate::text::index_letter;

/// Up to this many procedures, `/thu-tuc/` lists them all on the page itself.
const INLINE_LIST_LIMIT: usize = 400;

#[derive(Serialize)]
struct FieldLink {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize, Clone)]
pub struct Letter {
    pub letter: String,
    pub key: String,
    pub url: String,
    pub count: usize,
}

#[derive(Serialize)]
struct LetterGroup {
    letter: String,
    key: String,
    rows: Vec<Row>,
}

fn field_links(ctx: &Ctx) -> Vec<FieldLink> {
    ctx.links
        .fields
        .iter()
        .map(|f| FieldLink {
            name: f.name.clone(),
            url: ctx.url(&format!("/linh-vuc/{}/", f.slug)),
            count: f.procedures.len(),
        })
        .collect()
}

/// ASCII key of an index letter, in telex style: `Đ` → `dd`, `Ă` → `aw`, `Ơ` → `ow`.
fn letter_key(letter: &str) -> String {
    match letter {
        "Ă" => "aw".into(),
        "Â" => "aa".into(),
        "Đ" => "dd".into(),
        "Ê" => "ee".into(),
        "Ô" => "oo".into(),
        "Ơ" => "ow".into(),
        "Ư" => "uw".into(),
        "0–9" => "so".into(),
        other if other.len() == 1 && other.chars().all(|c| c.is_ascii_alphabetic()) => other.to_ascii_lowercase(),
        _ => "khac".into(),
    }
}

/// Index letters in Vietnamese order, with counts (procedures are already in that order).
pub fn letters(ctx: &Ctx) -> Vec<Letter> {
    let mut letters: Vec<Letter> = Vec::new();
    for &p in &ctx.links.by_name {
        let letter = index_letter(&ctx.site.procedures[p].name);
        match letters.iter_mut().find(|l| l.letter == letter) {
            Some(existing) => existing.count += 1,
            None => {
                let key = letter_key(&letter);
                letters.push(Letter { url: ctx.url(&format!("/thu-tuc/a-z/{key}/")), letter, key, count: 0 });
                if let Some(last) = letters.last_mut() {
                    last.count = 1;
                }
            }
        }
    }
    letters
}

fn letter_groups(ctx: &Ctx) -> Vec<LetterGroup> {
    let mut groups: Vec<LetterGroup> = Vec::new();
    for &p in &ctx.links.by_name {
        let letter = index_letter(&ctx.site.procedures[p].name);
        if groups.last().is_none_or(|g| g.letter != letter) {
            groups.push(LetterGroup { key: letter_key(&letter), letter, rows: Vec::new() });
        }
        if let Some(group) = groups.last_mut() {
            group.rows.push(row(ctx, p));
        }
    }
    groups
}

pub fn home(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct UnitGroup {
        label: &'static str,
        units: Vec<UnitLink>,
    }
    #[derive(Serialize)]
    struct UnitLink {
        name: String,
        url: String,
        count: usize,
    }
    #[derive(Serialize)]
    struct Home {
        procedure_count: usize,
        unit_count: usize,
        fields: Vec<FieldLink>,
        unit_groups: Vec<UnitGroup>,
        recent: Vec<Row>,
        search_url: String,
        headline: Option<super::results::Headline>,
    }
    let site = ctx.site;
    let unit_groups = UnitKind::ALL
        .iter()
        .filter(|k| **k != UnitKind::District)
        .map(|kind| UnitGroup {
            label: kind.label(),
            units: site
                .units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.kind == *kind)
                .take(12)
                .map(|(i, u)| UnitLink {
                    name: u.name.clone(),
                    url: ctx.url(&format!("/don-vi/{}/", u.id)),
                    count: ctx.links.procedure_count(i),
                })
                .collect(),
        })
        .filter(|g| !g.units.is_empty())
        .collect();
    let mut recent: Vec<usize> = (0..site.procedures.len()).collect();
    recent.sort_by(|&a, &b| {
        site.procedures[b]
            .updated
            .cmp(&site.procedures[a].updated)
            .then_with(|| site.procedures[a].code.value.cmp(&site.procedures[b].code.value))
    });
    let home = Home {
        procedure_count: site.procedures.len(),
        unit_count: site.units.len(),
        fields: field_links(ctx),
        unit_groups,
        recent: recent.into_iter().take(8).map(|p| row(ctx, p)).collect(),
        search_url: ctx.url("/thu-tuc/"),
        headline: super::results::headline(ctx),
    };
    Ok(vec![ctx.page("home.html", "/", &site.config.title, home)?])
}

pub fn all_procedures(ctx: &Ctx) -> Result<Vec<Output>, Diagnostic> {
    #[derive(Serialize)]
    struct List {
        procedure_count: usize,
        fields: Vec<FieldLink>,
        letters: Vec<Letter>,
        groups: Vec<LetterGroup>,
        inline: bool,
    }
    let count = ctx.site.procedures.len();
    let inline = count <= INLINE_LIST_LIMIT;
    let list = List {
        procedure_count: count,
        fields: field_links(ctx),
        letters: letters(ctx),
        groups: if inline { letter_groups(ctx) } else { Vec::new() },
        inline,
    };
    Ok(vec![ctx.page("procedures.html", "/thu-tuc/", "Danh mục thủ tục hành chính", list)?])
}

/// A page that lists some procedures: one letter of the index, or one field.
#[derive(Serialize)]
struct ListPage {
    heading: String,
    current: String,
    rows: Vec<Row>,
    letters: Vec<Letter>,
    fields: Vec<FieldLink>,
}

pub fn letter(ctx: &Ctx, letter: &Letter) -> Result<Vec<Output>, Diagnostic> {
    let rows = ctx
        .links
        .by_name
        .iter()
        .filter(|&&p| index_letter(&ctx.site.procedures[p].name) == letter.letter)
        .map(|&p| row(ctx, p))
        .collect();
    let heading = format!("Thủ tục bắt đầu bằng chữ {}", letter.letter);
    let page = ListPage {
        heading: heading.clone(),
        current: letter.letter.clone(),
        rows,
        letters: letters(ctx),
        fields: Vec::new(),
    };
    Ok(vec![ctx.page("field.html", &format!("/thu-tuc/a-z/{}/", letter.key), &heading, page)?])
}

pub fn field(ctx: &Ctx, f: usize) -> Result<Vec<Output>, Diagnostic> {
    let field = &ctx.links.fields[f];
    let heading = format!("Lĩnh vực {}", field.name);
    let page = ListPage {
        heading: heading.clone(),
        current: field.name.clone(),
        rows: field.procedures.iter().map(|&p| row(ctx, p)).collect(),
        letters: Vec::new(),
        fields: field_links(ctx),
    };
    Ok(vec![ctx.page("field.html", &format!("/linh-vuc/{}/", field.slug), &heading, page)?])
}
