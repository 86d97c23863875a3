//! `/tim-kiem/…`: the search index files, from every procedure in Vietnamese name order.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::procedure::row;
use super::{Ctx, Output};
use crate::model::{Level, Online};
use crate::search::{self, Document, FIELD, KEYWORDS, NAME, PAPERS};

const LEVELS: [Level; 4] = [Level::Central, Level::Province, Level::District, Level::Commune];

/// The search index files and the address of their manifest, which every page with the search
/// box links to.
pub struct SearchIndex {
    pub files: Vec<Output>,
    pub manifest: String,
    /// A fingerprint of everything the files are made from, when `keep` was asked (the
    /// preview): a later index reuses the files when a save leaves it unchanged (most saves
    /// change nothing that search reads).
    inputs: Option<Fingerprint>,
}

/// The debug text of some values, hashed as it is written rather than kept (at 10,000
/// procedures it is megabytes), with its length: two different texts match by chance with a
/// probability of about 2⁻⁶⁴, and only the preview relies on it.
#[derive(Debug, PartialEq)]
struct Fingerprint(u64, usize);

impl Fingerprint {
    fn of(values: std::fmt::Arguments) -> Fingerprint {
        struct Hashing(std::hash::DefaultHasher, usize);
        impl std::fmt::Write for Hashing {
            fn write_str(&mut self, text: &str) -> std::fmt::Result {
                std::hash::Hasher::write(&mut self.0, text.as_bytes());
                self.1 += text.len();
                Ok(())
            }
        }
        let mut hashing = Hashing(std::hash::DefaultHasher::new(), 0);
        let _ = std::fmt::write(&mut hashing, values);
        Fingerprint(std::hash::Hasher::finish(&hashing.0), hashing.1)
    }
}

/// The index files, and the manifest's address for the pages that carry the search box. With
/// `keep`, what they are made from is kept, and the files of `previous` are reused when they
/// were made from the same.
pub fn index(ctx: &Ctx, keep: bool, previous: Option<&SearchIndex>) -> SearchIndex {
    let site = ctx.site;
    let synonyms = &site.synonyms;
    // Dossiers received per procedure code, to name the most-used when a search finds nothing.
    let mut received: HashMap<&str, u64> = HashMap::new();
    for row in &site.results {
        if let (Some(code), Some(n)) = (&row.procedure, row.counts.received_total()) {
            *received.entry(code.value.as_str()).or_default() += n;
        }
    }
    // The facets filter by unit: a group's procedures carry its units, one shared list per group.
    let group_units: Vec<Arc<[usize]>> = ctx.links.groups.iter().map(|g| Arc::from(g.units.as_slice())).collect();
    let documents: Vec<Document> = ctx
        .links
        .by_name
        .par_iter()
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
                unit_ids: match ctx.links.group_of[p] {
                    Some(g) if ctx.links.units_of[p].is_empty() => Arc::clone(&group_units[g]),
                    _ => ctx.links.units_handling(p).collect(),
                },
                received: received.get(procedure.code.value.as_str()).copied().unwrap_or(0),
                organisations_only: procedure.applicants.as_deref().is_some_and(|a| !search::names_a_person(a)),
            }
        })
        .collect();
    let fields: Vec<String> = ctx.links.fields.iter().map(|f| f.name.clone()).collect();
    let levels: Vec<String> = LEVELS.iter().map(|l| l.label().to_string()).collect();
    let units: Vec<String> = site.units.iter().map(|u| u.name.clone()).collect();
    let prefix = ctx.url("/thu-tuc/");
    let inputs = keep.then(|| {
        let each: Vec<Fingerprint> = documents.par_iter().map(|d| Fingerprint::of(format_args!("{d:?}"))).collect();
        Fingerprint::of(format_args!("{each:?}{prefix:?}{fields:?}{levels:?}{units:?}{synonyms:?}"))
    });
    if let Some(previous) = previous.filter(|p| inputs.is_some() && p.inputs == inputs) {
        let files = previous.files.iter().map(|o| Output { path: o.path.clone(), bytes: o.bytes.clone() }).collect();
        return SearchIndex { files, manifest: previous.manifest.clone(), inputs };
    }
    let published = search::publish(&documents, &prefix, &fields, &levels, &units, synonyms);
    let files =
        published.files.into_iter().map(|(name, bytes)| Output { path: format!("tim-kiem/{name}"), bytes }).collect();
    SearchIndex { files, manifest: ctx.url(&format!("/tim-kiem/{}", published.manifest)), inputs }
}
