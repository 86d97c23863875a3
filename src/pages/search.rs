//! `/tim-kiem/…`: the search index files, from every procedure in Vietnamese name order.

use std::collections::HashMap;

use super::procedure::row;
use super::{Ctx, Output};
use crate::diagnostics::Diagnostic;
use crate::model::{Level, Online};
use crate::search::{self, Document, FIELD, KEYWORDS, NAME, PAPERS};

const LEVELS: [Level; 4] = [Level::Central, Level::Province, Level::District, Level::Commune];

/// The index files, and the manifest's address for the pages that carry the search box.
/// Fails only on a wrong `content/search.yaml`.
pub fn index(ctx: &Ctx) -> Result<(Vec<Output>, String), Diagnostic> {
    let site = ctx.site;
    let synonyms = search::load_synonyms(&site.root)?;
    // Dossiers received per procedure code, to name the most-used when a search finds nothing.
    let mut received: HashMap<&str, u64> = HashMap::new();
    for row in &site.results {
        if let (Some(code), Some(n)) = (&row.procedure, row.counts.received_total()) {
            *received.entry(code.value.as_str()).or_default() += n;
        }
    }
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
                received: received.get(procedure.code.value.as_str()).copied().unwrap_or(0),
            }
        })
        .collect();
    let fields: Vec<String> = ctx.links.fields.iter().map(|f| f.name.clone()).collect();
    let levels: Vec<String> = LEVELS.iter().map(|l| l.label().to_string()).collect();
    let units: Vec<String> = site.units.iter().map(|u| u.name.clone()).collect();
    let published = search::publish(&documents, &ctx.url("/thu-tuc/"), &fields, &levels, &units, &synonyms);
    let outputs =
        published.files.into_iter().map(|(name, bytes)| Output { path: format!("tim-kiem/{name}"), bytes }).collect();
    Ok((outputs, ctx.url(&format!("/tim-kiem/{}", published.manifest))))
}
