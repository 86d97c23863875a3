//! The search index published under `/tim-kiem/`: folded words, sharded by their first
//! letters so that one query downloads only what it needs, plus a small store of what a
//! result shows. `themes/default/static/search.js` reads it; both fold text the same way
//! (`text::fold`: lowercase, every diacritic dropped, `đ` → `d`).
//!
//! Every file is named by its content, the manifest too (pages link it by that name), so
//! browsers may cache them all forever.
//! - `manifest.<hash>.json`: shard keys → file names, store chunk files, field and level
//!   names, the facets file.
//! - `<key>.<hash>.bin`: the terms starting with `<key>`; for each term, five sets of
//!   documents (name, keywords, field, papers/result; names it starts), each a delta list
//!   or a bitmap.
//! - `store-<n>.<hash>.json`: what a result shows, for [`STORE_CHUNK`] documents in
//!   Vietnamese name order (similar names sit in the same chunk).
//! - `facets.<hash>.bin`: field, level, online service and units of every document, read
//!   only when a visitor filters.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::text::fold;

/// Where a word occurs, most telling first; `WEIGHTS` scores a match in each.
pub const SOURCES: usize = 4;
/// Score of a match in the name, keywords, field, papers or result.
pub const WEIGHTS: [f32; SOURCES] = [8.0, 6.0, 3.0, 1.0];
/// A whole-word match counts this many times a prefix match.
pub const WHOLE_WORD: f32 = 2.0;
/// Added when the query's first word starts the name: "xac nhan…" prefers "Xác nhận…" to
/// "Cấp… xác nhận…" when both hold every word.
pub const NAME_START: f32 = 1.0;
/// Per term: one document set per source, then the set of names it starts.
pub const SETS: usize = SOURCES + 1;
const STARTS: usize = SOURCES;
/// A shard bigger than this is split by one more letter.
const SHARD_SPLIT_BYTES: usize = 2_500;
/// Documents per store file.
pub const STORE_CHUNK: usize = 12;
/// Words longer than this are cut: nobody types them out, and they would bloat the index.
const MAX_TERM_CHARS: usize = 24;

/// Index 0 of `Document::texts`, and so on: where a text comes from.
pub const NAME: usize = 0;
pub const KEYWORDS: usize = 1;
pub const FIELD: usize = 2;
pub const PAPERS: usize = 3;

/// What search knows of one procedure, in the order of the index (Vietnamese name order).
#[derive(Debug, Default, Clone)]
pub struct Document {
    /// Texts by source: `texts[NAME]`, `texts[KEYWORDS]`…
    pub texts: [Vec<String>; SOURCES],
    pub name: String,
    /// The address, without the `url_prefix` given to [`publish`] and the final `/`.
    pub url: String,
    pub units: String,
    pub time: String,
    pub fee: String,
    /// Index into the field names given to [`publish`].
    pub field: usize,
    /// Index into the level names given to [`publish`].
    pub level: usize,
    /// 0 none, 1 partly online, 2 fully online.
    pub online: u8,
    /// Indices into the unit names given to [`publish`].
    pub unit_ids: Vec<usize>,
}

/// The words of a text as search sees them: folded, split at anything not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_TERM_CHARS).collect())
        .collect::<Vec<String>>()
        .into_iter()
}

/// Every term and, for each source, the sorted documents it occurs in.
#[derive(Debug, Default)]
pub struct Index {
    pub terms: BTreeMap<String, [Vec<u32>; SETS]>,
    pub documents: usize,
}

impl Index {
    pub fn new(documents: &[Document]) -> Index {
        let mut terms: BTreeMap<String, [Vec<u32>; SETS]> = BTreeMap::new();
        for (d, document) in documents.iter().enumerate() {
            for (source, texts) in document.texts.iter().enumerate() {
                for text in texts {
                    for (i, word) in words(text).enumerate() {
                        let sets = terms.entry(word).or_default();
                        // Documents come in order, so a set stays sorted and deduplicated.
                        let mut add = |set: usize| {
                            if sets[set].last() != Some(&(d as u32)) {
                                sets[set].push(d as u32);
                            }
                        };
                        add(source);
                        if source == NAME && i == 0 {
                            add(STARTS);
                        }
                    }
                }
            }
        }
        // A document counts once per term, in its best source: ranking takes the best anyway,
        // and the sets of common words shrink.
        for sets in terms.values_mut() {
            for source in 1..SOURCES {
                let (better, rest) = sets.split_at_mut(source);
                rest[0].retain(|d| better.iter().all(|b| b.binary_search(d).is_err()));
            }
        }
        Index { terms, documents: documents.len() }
    }

    /// Documents matching every word of `query` by prefix, best first; ties keep name order.
    /// The reference for `search.js`, which ranks the same way.
    pub fn search(&self, query: &str) -> Vec<u32> {
        let query: Vec<String> = words(query).collect();
        if query.is_empty() {
            return Vec::new();
        }
        let mut total = vec![0f32; self.documents];
        let mut matched = vec![0usize; self.documents];
        for (w, word) in query.iter().enumerate() {
            let mut best = vec![0f32; self.documents];
            for (term, sets) in self.terms.range(word.clone()..).take_while(|(t, _)| t.starts_with(word.as_str())) {
                let whole = if term == word { WHOLE_WORD } else { 1.0 };
                for (source, docs) in sets[..SOURCES].iter().enumerate() {
                    for &d in docs {
                        best[d as usize] = best[d as usize].max(WEIGHTS[source] * whole);
                    }
                }
                if w == 0 {
                    for &d in &sets[STARTS] {
                        total[d as usize] += NAME_START;
                    }
                }
            }
            for (d, score) in best.into_iter().enumerate() {
                if score > 0.0 {
                    total[d] += score;
                    matched[d] += 1;
                }
            }
        }
        let mut found: Vec<u32> = (0..self.documents as u32).filter(|&d| matched[d as usize] == query.len()).collect();
        found.sort_by(|&a, &b| total[b as usize].total_cmp(&total[a as usize]).then(a.cmp(&b)));
        found
    }
}

/// The published files (paths under `/tim-kiem/`) and the manifest's address.
pub struct Published {
    pub files: Vec<(String, Vec<u8>)>,
    /// The manifest's file name, under `/tim-kiem/`.
    pub manifest: String,
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// Format version, so an old cached script can tell it cannot read a newer index.
    version: u32,
    documents: usize,
    weights: [f32; SOURCES],
    whole_word: f32,
    name_start: f32,
    /// One hash for every shard and store file: documents are numbered in name order, so any
    /// new or renamed procedure changes nearly all of them anyway.
    hash: String,
    /// Shard keys, space-separated; key `k` is the file `<file key of k>.<hash>.bin`.
    shards: String,
    /// Store files `store-<n>.<hash>.json`, n from 0 to `store_files` − 1.
    store_chunk: usize,
    store_files: usize,
    /// A result's address: this + its `url` + `/`.
    url_prefix: &'a str,
    facets: String,
    fields: &'a [String],
    levels: &'a [String],
}

/// Builds every index file for `documents`, named by content.
/// `url_prefix` + a document's `url` is its address (`/thu-tuc/` + slug + `/`).
pub fn publish(
    documents: &[Document],
    url_prefix: &str,
    fields: &[String],
    levels: &[String],
    unit_names: &[String],
) -> Published {
    let index = Index::new(documents);
    let terms: Vec<(&String, &[Vec<u32>; SETS])> = index.terms.iter().collect();
    let shards = shard(&terms, 2, documents.len());
    let chunks: Vec<Vec<u8>> = documents
        .chunks(STORE_CHUNK)
        .map(|chunk| {
            // name, address, units, time, fee: what one result line shows.
            let rows: Vec<[&str; 5]> =
                chunk.iter().map(|d| [d.name.as_str(), d.url.as_str(), &d.units, &d.time, &d.fee]).collect();
            serde_json::to_vec(&rows).unwrap_or_default()
        })
        .collect();
    let hash = content_hash(
        &[shards.iter().flat_map(|(k, b)| [k.as_bytes(), b]).collect::<Vec<_>>().concat(), chunks.concat()].concat(),
    );

    let mut files = Vec::new();
    let mut keys = Vec::new();
    for (key, bytes) in shards {
        files.push((format!("{}.{hash}.bin", file_key(key)), bytes));
        keys.push(key);
    }
    let store_files = chunks.len();
    for (n, bytes) in chunks.into_iter().enumerate() {
        files.push((format!("store-{n}.{hash}.json"), bytes));
    }
    let facet_bytes = facets(documents, unit_names);
    let facets = format!("facets.{}.bin", content_hash(&facet_bytes));
    files.push((facets.clone(), facet_bytes));

    let manifest = Manifest {
        version: 1,
        documents: documents.len(),
        weights: WEIGHTS,
        whole_word: WHOLE_WORD,
        name_start: NAME_START,
        hash,
        shards: keys.join(" "),
        store_chunk: STORE_CHUNK,
        store_files,
        url_prefix,
        facets,
        fields,
        levels,
    };
    let bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    let manifest = format!("manifest.{}.json", content_hash(&bytes));
    files.push((manifest.clone(), bytes));
    Published { files, manifest }
}

/// Groups sorted terms by their first `depth` letters; a group too big is split one letter deeper.
/// Terms no longer than the key stay in the key's own shard.
fn shard<'t>(terms: &[(&'t String, &[Vec<u32>; SETS])], depth: usize, documents: usize) -> Vec<(&'t str, Vec<u8>)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < terms.len() {
        let key = prefix(terms[start].0, depth);
        let end = start + terms[start..].iter().take_while(|(t, _)| prefix(t, depth) == key).count();
        let group = &terms[start..end];
        let bytes = encode_shard(group, documents);
        if bytes.len() > SHARD_SPLIT_BYTES && depth < MAX_TERM_CHARS {
            let (short, long): (Vec<_>, Vec<_>) = group.iter().partition(|(t, _)| t.chars().count() <= depth);
            if !short.is_empty() {
                out.push((key, encode_shard(&short, documents)));
            }
            out.extend(shard(&long, depth + 1, documents));
        } else {
            out.push((key, bytes));
        }
        start = end;
    }
    out
}

/// The first `depth` characters of a term, as a slice of it.
fn prefix(term: &str, depth: usize) -> &str {
    match term.char_indices().nth(depth) {
        Some((i, _)) => &term[..i],
        None => term,
    }
}

/// A shard key as a file name: itself when plain ASCII, else its UTF-8 bytes in hex.
fn file_key(key: &str) -> String {
    if key.chars().all(|c| c.is_ascii_alphanumeric()) {
        key.to_string()
    } else {
        format!("x{}", key.bytes().map(|b| format!("{b:02x}")).collect::<String>())
    }
}

/// `varint(count)`, then per term: `varint(len) bytes`, and its document sets.
fn encode_shard(terms: &[(&String, &[Vec<u32>; SETS])], documents: usize) -> Vec<u8> {
    let mut out = Vec::new();
    varint(&mut out, terms.len() as u64);
    for (term, sets) in terms {
        varint(&mut out, term.len() as u64);
        out.extend_from_slice(term.as_bytes());
        for docs in sets.iter() {
            encode_set(&mut out, docs, documents);
        }
    }
    out
}

/// A sorted set of documents: `varint(2n)` and n gaps, or `varint(2b + 1)` and a b-byte bitmap,
/// whichever is shorter.
fn encode_set(out: &mut Vec<u8>, docs: &[u32], documents: usize) {
    let mut list = Vec::new();
    let mut previous = 0;
    for (i, &d) in docs.iter().enumerate() {
        varint(&mut list, u64::from(if i == 0 { d } else { d - previous }));
        previous = d;
    }
    let bitmap_len = docs.last().map_or(0, |&d| d as usize / 8 + 1).min(documents.div_ceil(8));
    if bitmap_len < list.len() {
        let mut bitmap = vec![0u8; bitmap_len];
        for &d in docs {
            bitmap[d as usize / 8] |= 1 << (d % 8);
        }
        varint(out, 2 * bitmap_len as u64 + 1);
        out.extend_from_slice(&bitmap);
    } else {
        varint(out, 2 * docs.len() as u64);
        out.extend_from_slice(&list);
    }
}

/// Unit names; the distinct unit lists; then per document its field, level, online service and
/// unit list.
fn facets(documents: &[Document], unit_names: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    varint(&mut out, unit_names.len() as u64);
    for name in unit_names {
        varint(&mut out, name.len() as u64);
        out.extend_from_slice(name.as_bytes());
    }
    let mut groups: BTreeMap<&[usize], usize> = BTreeMap::new();
    let mut group_list: Vec<&[usize]> = Vec::new();
    let group_of: Vec<usize> = documents
        .iter()
        .map(|d| {
            *groups.entry(&d.unit_ids).or_insert_with(|| {
                group_list.push(&d.unit_ids);
                group_list.len() - 1
            })
        })
        .collect();
    varint(&mut out, group_list.len() as u64);
    for group in group_list {
        varint(&mut out, group.len() as u64);
        for &u in group {
            varint(&mut out, u as u64);
        }
    }
    varint(&mut out, documents.len() as u64);
    for (document, group) in documents.iter().zip(group_of) {
        varint(&mut out, document.field as u64);
        varint(&mut out, (document.level as u64) << 2 | u64::from(document.online));
        varint(&mut out, group as u64);
    }
    out
}

/// LEB128: seven bits a byte, low first, high bit set on all but the last.
fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The 8 hex digits the theme's assets are named with.
fn content_hash(bytes: &[u8]) -> String {
    let named = crate::render::hashed_name("x", bytes);
    named.trim_start_matches("x.").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(name: &str, keywords: &[&str], field: &str, papers: &[&str]) -> Document {
        Document {
            texts: [
                vec![name.to_string()],
                keywords.iter().map(|k| k.to_string()).collect(),
                vec![field.to_string()],
                papers.iter().map(|p| p.to_string()).collect(),
            ],
            name: name.to_string(),
            ..Document::default()
        }
    }

    /// A few procedures in Vietnamese name order, as the build hands them over.
    fn fixture() -> Vec<Document> {
        vec![
            document("Cấp đổi giấy phép lái xe", &["đổi bằng lái", "GPLX"], "Đường bộ", &["Giấy khám sức khỏe"]),
            document("Cấp giấy xác nhận tình trạng hôn nhân", &[], "Hộ tịch", &["Tờ khai"]),
            document("Cấp lại giấy phép lái xe bị mất", &["mất bằng lái"], "Đường bộ", &["Đơn đề nghị"]),
            document("Đăng ký kết hôn", &[], "Hộ tịch", &["Tờ khai đăng ký kết hôn"]),
            document("Đăng ký khai sinh", &["làm giấy khai sinh"], "Hộ tịch", &["Giấy chứng sinh"]),
            document("Đăng ký khai tử", &[], "Hộ tịch", &["Giấy báo tử"]),
            document("Trích lục khai sinh", &[], "Hộ tịch", &["Tờ khai"]),
            document("Xác nhận tình trạng hôn nhân", &[], "Hộ tịch", &["Giấy tờ về đăng ký khai sinh của con"]),
        ]
    }

    fn names(index: &Index, documents: &[Document], query: &str) -> Vec<String> {
        index.search(query).into_iter().map(|d| documents[d as usize].name.clone()).collect()
    }

    #[test]
    fn words_fold_every_diacritic() {
        assert_eq!(words("Đăng ký").collect::<Vec<_>>(), ["dang", "ky"]);
        assert_eq!(words("ĐỔI").collect::<Vec<_>>(), ["doi"]);
        // Decomposed input: base letters followed by combining marks.
        assert_eq!(words("Đa\u{306}ng ky\u{301}").collect::<Vec<_>>(), ["dang", "ky"]);
        assert_eq!(
            words("giấy phép (GPLX), hạng A1/B2").collect::<Vec<_>>(),
            ["giay", "phep", "gplx", "hang", "a1", "b2"]
        );
    }

    #[test]
    fn unaccented_and_capital_queries_find_the_procedure() {
        let documents = fixture();
        let index = Index::new(&documents);
        assert_eq!(names(&index, &documents, "dang ky khai sinh")[0], "Đăng ký khai sinh");
        assert_eq!(names(&index, &documents, "DOI BANG LAI")[0], "Cấp đổi giấy phép lái xe");
        assert_eq!(names(&index, &documents, "gplx")[0], "Cấp đổi giấy phép lái xe");
        assert_eq!(names(&index, &documents, "đổi giấy phép lái xe")[0], "Cấp đổi giấy phép lái xe");
    }

    #[test]
    fn every_word_is_required_and_matches_by_prefix() {
        let documents = fixture();
        let index = Index::new(&documents);
        // "kh" is in the name of two, in the papers ("Tờ khai…", "khai sinh") of two more.
        assert_eq!(
            names(&index, &documents, "dang ky kh"),
            ["Đăng ký khai sinh", "Đăng ký khai tử", "Đăng ký kết hôn", "Xác nhận tình trạng hôn nhân"]
        );
        assert!(index.search("dang ky xe").is_empty());
        assert!(index.search("  ").is_empty());
    }

    #[test]
    fn name_outranks_papers_and_whole_words_outrank_prefixes() {
        let documents = fixture();
        let index = Index::new(&documents);
        // "khai sinh" is in two names and, among papers only, in a third procedure's.
        let found = names(&index, &documents, "khai sinh");
        assert_eq!(found, ["Đăng ký khai sinh", "Trích lục khai sinh", "Xác nhận tình trạng hôn nhân"]);
        // The keyword "mất bằng lái" beats "mất" nowhere else; "bang" whole beats prefix.
        assert_eq!(names(&index, &documents, "mat bang")[0], "Cấp lại giấy phép lái xe bị mất");
        // Both names hold every word; the one the query's first word starts comes first.
        assert_eq!(
            names(&index, &documents, "xac nhan tinh trang hon nhan"),
            ["Xác nhận tình trạng hôn nhân", "Cấp giấy xác nhận tình trạng hôn nhân"]
        );
        // "ket" is a whole word in "Đăng ký kết hôn" only.
        assert_eq!(names(&index, &documents, "ket")[0], "Đăng ký kết hôn");
    }

    #[test]
    fn shards_split_until_small_and_sets_pick_the_shorter_form() {
        let mut out = Vec::new();
        encode_set(&mut out, &[3, 20], 1000);
        assert_eq!(out, [4, 3, 17]);
        let all: Vec<u32> = (0..64).collect();
        let mut out = Vec::new();
        encode_set(&mut out, &all, 64);
        assert_eq!(out.len(), 1 + 8);
        assert_eq!(out[0], 17);

        let documents: Vec<Document> =
            (0..3000).map(|i| document(&format!("thủ tục {i} tha{i} thu{i} the{i}"), &[], "x", &[])).collect();
        let published = publish(&documents, "/thu-tuc/", &["x".into()], &["Cấp xã".into()], &[]);
        let shards: Vec<&(String, Vec<u8>)> = published.files.iter().filter(|(n, _)| n.ends_with(".bin")).collect();
        assert!(shards.len() > 3);
        for (name, bytes) in shards {
            assert!(name.starts_with("facets") || bytes.len() <= SHARD_SPLIT_BYTES * 2, "{name}: {}", bytes.len());
        }
        assert!(published.manifest.starts_with("manifest.") && published.manifest.ends_with(".json"));
    }

    #[test]
    fn odd_keys_make_safe_file_names() {
        assert_eq!(file_key("th"), "th");
        assert_eq!(file_key("ø"), "xc3b8");
        assert_eq!(prefix("thủ", 2), "th");
        assert_eq!(prefix("a", 2), "a");
    }
}
