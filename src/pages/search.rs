//! `/tim-kiem/…`: the search index files, from every procedure in Vietnamese name order.

use super::procedure::row;
use super::{Ctx, Output};
use crate::model::{Level, Online};
use crate::search::{self, Document, FIELD, KEYWORDS, NAME, PAPERS};

const LEVELS: [Level; 4] = [Level::Central, Level::Province, Level::District, Level::Commune];

/// The index files, and the manifest's address for the pages that carry the search box.
pub fn index(ctx: &Ctx) -> (Vec<Output>, String) {
    let site = ctx.site;
    let documents: Vec<Document> = ctx
        .links
        .by_name
        .iter()
        .map(|&p| {
            let procedure = &site.procedures[p];
            let row = row(ctx, p);
            let mut texts: [Vec<String>; search::SOURCES] = Default::default();
            texts[NAME].push(procedure.name.clone());
            texts[KEYWORDS].clone_from(&procedure.keywords);
            texts[FIELD].push(row.field.clone());
            texts[PAPERS].extend(procedure.papers.iter().map(|paper| paper.name.clone()));
            texts[PAPERS].extend(procedure.result.clone());
            Document {
                texts,
                name: row.name,
                url: ctx.links.slugs[p].clone(),
                units: row.units,
                time: row.time,
                fee: row.fee,
                field: ctx.links.field_of[p],
                level: LEVELS.iter().position(|l| *l == procedure.level).unwrap_or(0),
                online: match procedure.online {
                    Online::None => 0,
                    Online::Partial => 1,
                    Online::Full => 2,
                },
                unit_ids: ctx.links.units_of[p].clone(),
            }
        })
        .collect();
    let fields: Vec<String> = ctx.links.fields.iter().map(|f| f.name.clone()).collect();
    let levels: Vec<String> = LEVELS.iter().map(|l| l.label().to_string()).collect();
    let units: Vec<String> = site.units.iter().map(|u| u.name.clone()).collect();
    let published = search::publish(&documents, &ctx.url("/thu-tuc/"), &fields, &levels, &units);
    let outputs =
        published.files.into_iter().map(|(name, bytes)| Output { path: format!("tim-kiem/{name}"), bytes }).collect();
    (outputs, ctx.url(&format!("/tim-kiem/{}", published.manifest)))
}
