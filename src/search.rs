//! The search index published under `/tim-kiem/`: folded words, sharded by their first
//! letters so that one query downloads only what it needs, plus a small store of what a
//! result shows. `themes/default/static/search.js` reads it and ranks; both fold text the
//! same way (`text::fold`: lowercase, every diacritic dropped, `đ` → `d`).
//!
//! Every file is named by its content, the manifest too (pages link it by that name), so
//! browsers may cache them all forever.
//! - `manifest.<hash>.json`: shard keys → file names, store chunk files, the facets and
//!   lengths files, filler words, the common words a long query may leave out, and the
//!   most-used procedures.
//! - `<key>.<hash>.bin`: the terms starting with `<key>`; for each term, four sets of
//!   documents (name, keywords, field, papers/result), each a delta list or a bitmap; then,
//!   for each document of the name set, where the word stands in the name; then
//!   the term's spellings in names when it has several ("thải", "thai", "thái" all fold to
//!   "thai"), and which one each name uses. Then the everyday phrases whose first word the
//!   shard holds, with their official wordings ([`EVERYDAY`], `content/search.yaml`): a
//!   query reads them with the shards of the words typed.
//! - `lengths.<hash>.bin`: how many words each name has ("Thủ tục" at its start not
//!   counted), four bits a document.
//! - `store-<n>.<hash>.json`: what a result shows, for [`STORE_CHUNK`] documents in
//!   Vietnamese name order (similar names sit in the same chunk).
//! - `facets.<hash>.bin`: the field, level and unit names, then the field, level, online
//!   service and units of every document; read only when a visitor filters.
//! - `z/<file>`: each file above, gzipped ([`packed`]); search.js reads these where the
//!   browser can unpack them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostics::Diagnostic;
use crate::text::fold;

/// Where a word occurs, most telling first; `WEIGHTS` scores a match in each.
pub const SOURCES: usize = 4;
/// Score of a match in the name, keywords, field, papers or result.
pub const WEIGHTS: [f32; SOURCES] = [1.0, 0.9, 0.35, 0.2];
/// A shard bigger than this is split by one more letter.
const SHARD_SPLIT_BYTES: usize = 2_500;
/// Documents per store file: a first page of ten results reads up to ten of them, so smaller
/// files keep a first query light (5: 18 → about 10 kB of a 10,000-procedure site's results;
/// 3: the largest of 30 first queries 99.1 → 93.5 kB).
pub const STORE_CHUNK: usize = 3;
/// Words longer than this are cut: nobody types them out, and they would bloat the index.
const MAX_TERM_CHARS: usize = 24;
/// Documents tokenized at a time (in parallel) before their words join the index.
const TOKENIZE_CHUNK: usize = 1024;
/// How many most-used procedures the manifest lists, for a search that finds nothing.
const POPULAR: usize = 8;
/// A term in at least one document in this many is common: a long query may leave it out
/// (its shard is among the largest and its weight among the smallest).
const COMMON_SHARE: usize = 50;
/// A shard bigger than this, packed, is listed in the manifest with its size ([`Manifest::heavy`]).
const HEAVY_BYTES: usize = 2_048;
/// Where each index file's gzipped copy sits, under the index folder ([`packed`]).
pub const PACKED: &str = "z/";
/// At most this many common terms are listed in the manifest, commonest first.
const COMMON_LISTED: usize = 64;

/// Index 0 of `Document::texts`, and so on: where a text comes from.
pub const NAME: usize = 0;
pub const KEYWORDS: usize = 1;
pub const FIELD: usize = 2;
pub const PAPERS: usize = 3;

/// Everyday words and abbreviations → the words official names use (`src/everyday.tsv`: what
/// people type, a tab, official wordings separated by `|`), applied to the query in the
/// browser: a query holding the phrase on the left also looks for each phrase on the right (the
/// typed words still count). Folded when published, so "so do" and "sổ đỏ" agree.
pub const EVERYDAY: &str = include_str!("everyday.tsv");

/// The lines of [`EVERYDAY`]: phrase and wordings, as written.
fn everyday() -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    EVERYDAY.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).filter_map(|line| {
        let (phrase, wordings) = line.split_once('\t')?;
        Some((phrase.trim(), wordings.split('|').map(str::trim).filter(|w| !w.is_empty()).collect()))
    })
}

/// The built-in list's acronyms: a word whose one wording's initials it is ("bhyt": "bảo hiểm y
/// tế", "ubnd": "ủy ban nhân dân"), folded → the wording as written.
fn acronyms() -> &'static HashMap<String, String> {
    static TABLE: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        everyday()
            .filter(|(phrase, _)| !phrase.contains(' '))
            .filter_map(|(phrase, wordings)| {
                let key = fold(phrase);
                let wording = wordings.into_iter().find(|w| {
                    let initials: String = words(w).filter_map(|x| x.chars().next()).collect();
                    initials.len() > 1 && initials == key
                })?;
                Some((key, lowered(wording)))
            })
            .collect()
    })
}

/// `text` with each acronym written in capitals ("BHYT", "UBND") spelt out as the built-in list
/// does, so names that abbreviate ("… người chỉ tham gia BHYT") meet the official wordings
/// everyday words bring ("mua bhyt": "tham gia bảo hiểm y tế"); everyday wordings are spelt
/// out alike ([`synonym_table`]). A word in lower case is left alone: "bnn" typed is a slip
/// more often than "bệnh nghề nghiệp".
fn spelt_out(text: &str) -> std::borrow::Cow<'_, str> {
    let table = acronyms();
    let capital = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase);
    if !text.split(|c: char| !c.is_alphanumeric()).any(|w| capital(w) && table.contains_key(&fold(w))) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match table.get(&fold(word)) {
            Some(full) if capital(word) => out.push_str(full),
            _ => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    std::borrow::Cow::Owned(out)
}

/// Words that say little about which procedure is meant ("cho bé", "ở đâu", "thế nào", and as
/// typed in a hurry: "ko" không, "j" gì, "dc" được), and
/// the family a citizen names ("khai tử cho bà nội": not "bạ", "nội địa"), and "nhau" ("ở với
/// nhau", living together; in names only "… ở nước ngoài với nhau"): they still count,
/// at a quarter of a word's weight. Left out: family words that fold onto words names use
/// ("chú" = "chủ", "dì" = "di sản", "ngoại" = "nước ngoài", "già" = "gia hạn").
pub const FILLERS: &str = "cho bé em con tôi mình muốn cần phải làm xin ở đâu tại thế nào như gì bao nhiêu lâu \
    hồ sơ cách hướng dẫn thủ tục về việc của và thì là có không khi nào sao ạ nhé \
    ông bà nội bố mẹ ba cha vợ chồng anh cháu ruột ko hok j dc đc nữa giùm dùm kìa ơi \
    nhau hỏi vậy luôn tui hông nha nghen hen hả à dzậy zậy ah nhỉ rồi hôm bữa nay giờ tuần";

/// A filler word whose folded form names spell otherwise in one name in this many, and in
/// twice as many names as they spell the filler, is no filler when typed without diacritics.
const AMBIGUOUS_SHARE: usize = 300;

/// Names a pair of words, one of them a filler, must stand side by side in to be bound, and the
/// share of its words' names ([`bound_fillers`]).
const BOUND_NAMES: usize = 5;
const BOUND_SHARE: f64 = 0.45;

/// Phrases that ask how, where, how long or with what papers, comma-separated; they say
/// nothing about which procedure is meant, and some hold a word that would mislead ("mất bao
/// lâu", "giấy tờ gì": "tờ" would meet "yếu tố").
pub const FILLER_PHRASES: &str = "mất bao lâu, bao lâu, mất mấy ngày, mấy ngày, ở đâu, như thế nào, thế nào, làm sao, \
    làm thế nào, cần giấy tờ gì, giấy tờ gì, cần những giấy tờ gì, cần những gì, cần gì, hồ sơ gồm những gì, \
    hết bao nhiêu tiền, bao nhiêu tiền, mất bao nhiêu tiền, có được không, có cần không, có phải không, \
    thủ tục ra sao, làm ra sao, các bước làm, quy trình làm, trình tự thủ tục, nộp ở đâu, \
    nộp hồ sơ ở đâu, nộp chỗ nào, lên đâu làm, đến đâu làm, đi đâu làm, ra đâu làm, \
    cơ quan nào giải quyết, ai giải quyết, ai cấp, bao lâu có kết quả, mấy ngày thì có, \
    mấy ngày có kết quả, mấy hôm, mấy bữa, bao nhiêu ngày, thời gian bao lâu, trong bao lâu, \
    khi nào có kết quả, khi nào xong, chừng nào có, chừng nào xong, bao giờ có, bao giờ xong, \
    tốn bao nhiêu tiền, tốn bao nhiêu, tốn mấy tiền, hết mấy tiền, mất mấy tiền, nhiêu tiền, \
    hết nhiêu, phí bao nhiêu, lệ phí bao nhiêu, lệ phí là bao nhiêu, chi phí bao nhiêu, \
    có mất phí không, có mất tiền không, có tốn phí không, có miễn phí không, cần mang gì, \
    cần mang theo gì, mang theo những gì, cần đem theo gì, đem theo gì, cần chuẩn bị gì, \
    chuẩn bị những gì, cần những giấy tờ nào, cần giấy gì, giấy gì, hồ sơ cần những gì, \
    hồ sơ gồm gì, thành phần hồ sơ, cần những thứ gì, cần điều kiện gì, điều kiện gì, \
    điều kiện như thế nào, những ai được, làm online được không, có làm online được không, \
    nộp online, nộp trực tuyến được không, làm qua mạng, nộp qua mạng, làm trên mạng được không, \
    làm thứ bảy không, có làm thứ 7 không, giờ làm việc, số điện thoại, mẫu đơn";

/// Everyday words whose meaning yields to the rest of the query: "mất" is lost ("mất bằng lái":
/// "cấp lại"), but next to death ("khai tử cho ông nội mới mất", "bố mất nhận tiền mai táng",
/// "bố mẹ mất để lại đất") it means died, which the death words already say. So "sai ngày
/// sinh" is a civil-status record put right, unless the query names another paper ("bằng tốt
/// nghiệp bị sai ngày sinh", "sổ đỏ ghi sai năm sinh": that paper's own procedure). Word or
/// phrase, a colon, then the phrases that turn its everyday wordings off, comma-separated; `;`
/// between entries. search.js then leaves a word out, and reads a phrase as the words typed.
pub const YIELDS: &str = "mất: khai tử, báo tử, chứng tử, mai táng, tử tuất, tiền tuất, trợ cấp tuất, qua đời, \
    chết, từ trần, tử vong, mới mất, vừa mất, người mất, thi hài, hài cốt, tro cốt, an táng, hỏa táng, \
    để lại, di chúc, thừa kế, di sản; \
    sửa sai, ghi sai, sai năm sinh, sai ngày sinh, sai chữ lót, sai tên mẹ, sai tên cha, sai họ, sai nơi sinh, \
    sai tên đệm: bằng, văn bằng, tốt nghiệp, chứng chỉ, sổ đỏ, sổ hồng, bìa đỏ, gcn, giấy chứng nhận, sổ đất, \
    bhxh, bảo hiểm, bhyt, cccd, căn cước, cmnd, chứng minh, hộ chiếu, gplx, bằng lái, giấy phép, cà vẹt, \
    đăng ký xe, hóa đơn, mã số thuế, kinh doanh";

/// [`YIELDS`] folded, as the manifest carries it: entries split by `;`, each its words or
/// phrases split by `,`, a colon, then the phrases that turn their everyday meaning off: one list
/// for all the words of an entry, not one for each (2.6 kB less in every first query).
fn yields() -> String {
    let list = |text: &str| text.split(',').map(folded).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(",");
    YIELDS
        .split(';')
        .filter_map(|entry| {
            let (words, phrases) = entry.split_once(':')?;
            let (words, phrases) = (list(words), list(phrases));
            (!words.is_empty() && !phrases.is_empty()).then(|| format!("{words}:{phrases}"))
        })
        .collect::<Vec<_>>()
        .join(";")
}

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
    /// Indices into the unit names given to [`publish`]. Shared: the procedures of one group
    /// (every commune) hold the same thousands of units, kept once.
    pub unit_ids: std::sync::Arc<[usize]>,
    /// Dossiers received, from the results files; ranks the most-used procedures.
    pub received: u64,
    /// Who may apply, as the procedure's `applicants` says it, names no person: businesses,
    /// organisations or officials only ([`names_a_person`]).
    pub organisations_only: bool,
}

/// Words of an `applicants` text that name a person who may apply, folded: the national
/// portal's "Công dân Việt Nam", "Người nước ngoài", "Người Việt Nam định cư ở nước ngoài", and
/// how a unit words it ("Cá nhân, tổ chức", "Hộ gia đình", "Cha, mẹ của trẻ").
const PERSONS: &[&str] = &[
    "cong dan",
    "ca nhan",
    "nguoi",
    "ho gia dinh",
    "ho kinh doanh",
    "nhan dan",
    "hoc sinh",
    "sinh vien",
    "tre em",
    "vo",
    "chong",
    "cha",
    "me",
    "con",
    "ong",
    "ba",
];

/// Whether an `applicants` text names a person among those who may apply. "Doanh nghiệp, Tổ
/// chức (không bao gồm doanh nghiệp, HTX)" and "Cán bộ, công chức, viên chức" do not: a
/// citizen's query passes such a procedure over for one they may ask for themselves (search.js
/// plainFirst).
pub fn names_a_person(applicants: &str) -> bool {
    let text = format!(" {} ", words(applicants).collect::<Vec<_>>().join(" "));
    PERSONS.iter().any(|p| text.contains(&format!(" {p} ")))
}

/// The words of a text as search sees them: folded, split at anything not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    spelled(text).into_iter().map(|(word, _)| word)
}

/// A phrase as the index and search.js compare it: its [`words`], joined by one space.
fn folded(text: &str) -> String {
    words(text).collect::<Vec<_>>().join(" ")
}

/// A phrase with its diacritics, as official wordings are published: its [`lowercase_words`]
/// joined by one space.
fn lowered(text: &str) -> String {
    lowercase_words(text).join(" ")
}

/// An everyday phrase's key as search.js reads the same words typed: folded, and an age said
/// in words read as its digits ("mười tám tuổi" is "18 tuoi", [`spoken_ages`]).
fn key_of(phrase: &str) -> String {
    spoken_ages(lowercase_words(phrase)).iter().map(|w| fold(w)).collect::<Vec<_>>().join(" ")
}

/// Lowercase words with an age said in words ("con mười bốn tuổi", "tuổi hai mươi lăm") as the
/// digits names write, as search.js `spokenAges` reads a query: the longest run of up to three
/// number words before "tuổi" that reads as one number from 1 to 99, else a run of two or three
/// after it. Typed with diacritics, a number word must be spelt so ("tâm" is no "tám").
fn spoken_ages(mut words: Vec<String>) -> Vec<String> {
    const ONES: [(&str, u32); 10] = [
        ("một", 1),
        ("hai", 2),
        ("ba", 3),
        ("bốn", 4),
        ("năm", 5),
        ("sáu", 6),
        ("bảy", 7),
        ("bẩy", 7),
        ("tám", 8),
        ("chín", 9),
    ];
    const AFTER_TENS: [(&str, u32); 4] = [("mốt", 1), ("tư", 4), ("lăm", 5), ("nhăm", 5)];
    // Typed bare, a word is the number it folds to ("tam muoi" is 80).
    let is = |w: &str, spelt: &str| if marks(w).is_empty() { fold(spelt) == w } else { spelt == w };
    let one = |w: &str, after_tens: bool| {
        let after: &[(&str, u32)] = if after_tens { &AFTER_TENS } else { &[] };
        ONES.iter().chain(after).find(|(spelt, _)| is(w, spelt)).map_or(0, |&(_, n)| n)
    };
    let tens = |w: &str, spelling: &str| fold(w) == "muoi" && (marks(w).is_empty() || w == spelling);
    let number = |run: &[String]| -> u32 {
        match run {
            [a] if tens(a, "mười") => 10,
            [a] => one(a, false),
            [a, b] if tens(a, "mười") => Some(one(b, true)).filter(|&n| n > 0).map_or(0, |n| 10 + n),
            [a, ..] if tens(a, "mười") => 0,
            [a, b] if one(a, false) >= 2 && tens(b, "mươi") => one(a, false) * 10,
            [a, b, c] if one(a, false) >= 2 && tens(b, "mươi") && one(c, true) > 0 => {
                one(a, false) * 10 + one(c, true)
            }
            _ => 0,
        }
    };
    let mut i = 0;
    while i < words.len() {
        if fold(&words[i]) == "tuoi" {
            // Each run read once: the number it says, kept with where it stands.
            let said =
                |run: std::ops::Range<usize>| Some(number(&words[run.clone()])).filter(|&n| n > 0).map(|n| (run, n));
            if let Some((run, value)) = (i.saturating_sub(3)..i).find_map(|from| said(from..i)) {
                i = run.start + 1;
                words.splice(run, [value.to_string()]);
            } else if let Some((run, value)) = (i + 3..=(i + 4).min(words.len())).rev().find_map(|to| said(i + 1..to)) {
                words.splice(run, [value.to_string()]);
            }
        }
        i += 1;
    }
    words
}

/// The words of a text, each folded and with its spelling: the diacritics it carries as
/// [`marks`] gives them.
fn spelled(text: &str) -> Vec<(String, String)> {
    lowercase_words(text).into_iter().map(|w| (fold(&w), marks(&w))).collect()
}

/// The words of a text as written, lowercase NFC, each cut to [`MAX_TERM_CHARS`].
fn lowercase_words(text: &str) -> Vec<String> {
    let lower: String = text.nfc().flat_map(char::to_lowercase).collect();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // A number is its value: "mức độ 02" is "mức 2", "tháng 01" "tháng 1".
            let w = if w.len() > 1 && w.bytes().all(|b| b.is_ascii_digit()) { w.trim_start_matches('0') } else { w };
            if w.is_empty() { "0".to_string() } else { w.chars().take(MAX_TERM_CHARS).collect() }
        })
        .collect()
}

/// A word's diacritics, whatever vowel carries the tone: its combining marks sorted, plus
/// `đ`. "thải" → "̉", "hòa" and "hoà" → "̀", "thai" → "". search.js computes the same.
pub fn marks(word: &str) -> String {
    let mut marks: Vec<char> = word
        .nfd()
        .filter(|c| unicode_normalization::char::is_combining_mark(*c) || *c == 'đ' || *c == 'Đ')
        .map(|c| if c == 'Đ' { 'đ' } else { c })
        .collect();
    marks.sort_unstable();
    marks.into_iter().collect()
}

/// One term: the documents it occurs in, by source; where it stands in each name of
/// `sets[NAME]`; its spellings in names when it has several, and which one each name uses.
#[derive(Debug, Default)]
pub struct Term {
    pub sets: [Vec<u32>; SOURCES],
    /// Per name of `sets[NAME]`: the positions (word numbers from 0) where the term stands.
    pub positions: Vec<Vec<u32>>,
    pub spellings: Vec<String>,
    /// Per name of `sets[NAME]`: index into `spellings` of its spelling; a name that spells
    /// the word several ways ("Cấp lại … lái xe") has one of its own, them joined by '|'.
    pub spelling_of: Vec<usize>,
}

/// Every term and, for each source, the sorted documents it occurs in.
#[derive(Debug, Default)]
pub struct Index {
    pub terms: BTreeMap<String, Term>,
    /// Words in each name, a leading "Thủ tục" left out.
    pub lengths: Vec<usize>,
    /// Per folded filler word: its spellings in [`FILLERS`], and in how many names (a leading
    /// "Thủ tục" left out) it is spelled as a filler and how many as another word.
    pub readings: BTreeMap<String, (Vec<String>, [usize; 2])>,
    /// Per pair of words side by side in a name, one of them a filler as [`FILLERS`] spells it
    /// and the other not ("bản sao", "trẻ em"), folded and joined by a space: in how many names.
    /// With it, whether the filler is the first word.
    pub filler_pairs: HashMap<String, (usize, bool)>,
}

/// A document's texts by source, each as [`spelled`] words.
type Spelled = [Vec<Vec<(String, String)>>; SOURCES];

impl Index {
    pub fn new(documents: &[Document]) -> Index {
        let mut readings: BTreeMap<String, (Vec<String>, [usize; 2])> = BTreeMap::new();
        for (word, marks) in spelled(FILLERS) {
            readings.entry(word).or_default().0.push(marks);
        }
        let mut index = Index {
            terms: BTreeMap::new(),
            lengths: Vec::with_capacity(documents.len()),
            readings,
            filler_pairs: HashMap::new(),
        };
        // Splitting and folding words is most of the work and each document's own: done in
        // parallel, a chunk at a time (all at once would hold every word of the site), the next
        // chunk while this one joins the index, which takes them in document order.
        // Acronyms spelt out ([`spelt_out`]) make a name no longer: its length counts them once,
        // so `longer` is the words they add to the name's texts.
        let spell = |chunk: &[Document]| -> Vec<(Spelled, usize)> {
            chunk
                .par_iter()
                .map(|d| {
                    let mut longer = 0;
                    let spelt: Spelled = std::array::from_fn(|source| {
                        let spell_text = |text: &String| {
                            let out = spelt_out(text);
                            let words = spelled(&out);
                            if source == NAME && matches!(out, std::borrow::Cow::Owned(_)) {
                                longer += words.len().saturating_sub(lowercase_words(text).len());
                            }
                            words
                        };
                        d.texts[source].iter().map(spell_text).collect()
                    });
                    (spelt, longer)
                })
                .collect()
        };
        let mut chunks = documents.chunks(TOKENIZE_CHUNK);
        let mut next = chunks.next().map(spell);
        while let Some(spelled) = next.take() {
            let add = || spelled.into_iter().for_each(|(words, longer)| index.add(words, longer));
            next = rayon::join(add, || chunks.next().map(spell)).1;
        }
        // A document counts once per term, in its best source: ranking takes the best anyway,
        // and the sets of common words shrink.
        for term in index.terms.values_mut() {
            for source in 1..SOURCES {
                let (better, rest) = term.sets.split_at_mut(source);
                rest[0].retain(|d| better.iter().all(|b| b.binary_search(d).is_err()));
            }
            if term.spellings.len() < 2 {
                term.spellings.clear();
                term.spelling_of.clear();
            }
        }
        index
    }

    /// Adds the next document, its words by source.
    fn add(&mut self, words_by_source: Spelled, longer: usize) {
        let d = self.lengths.len() as u32;
        let terms = &mut self.terms;
        let mut length = 0;
        let mut read: Vec<String> = Vec::new();
        for (source, texts) in words_by_source.into_iter().enumerate() {
            for words in texts {
                // "Thủ tục …" names are neither longer nor later for it: 1,630 official
                // names start so. Their other words count their places from the word after.
                let lead = source == NAME && words.len() > 2 && words[0].0 == "thu" && words[1].0 == "tuc";
                let skip = if lead { 2 } else { 0 };
                if source == NAME {
                    length += words.len() - skip;
                    count_filler_pairs(&self.readings, &mut self.filler_pairs, &words[skip..], &mut read);
                }
                for (i, (word, marks)) in words.into_iter().enumerate() {
                    if source == NAME
                        && i >= skip
                        && !read.contains(&word)
                        && let Some((spellings, counts)) = self.readings.get_mut(&word)
                    {
                        counts[usize::from(!spellings.contains(&marks))] += 1;
                        read.push(word.clone());
                    }
                    let term = terms.entry(word).or_default();
                    // Documents come in order, so a set stays sorted and deduplicated.
                    let new = term.sets[source].last() != Some(&d);
                    if new {
                        term.sets[source].push(d);
                    }
                    if source == NAME {
                        let spelling = match term.spellings.iter().position(|s| *s == marks) {
                            Some(s) => s,
                            None => {
                                term.spellings.push(marks);
                                term.spellings.len() - 1
                            }
                        };
                        if new {
                            term.positions.push(Vec::new());
                            term.spelling_of.push(spelling);
                        } else if let Some(last) = term.spelling_of.last_mut()
                            && *last != spelling
                        {
                            // A name spelling the word two ways ("Cấp đổi … đối với"): a
                            // spelling of its own, the two joined by '|', which no mark is.
                            if !term.spellings[*last].split('|').any(|s| s == term.spellings[spelling]) {
                                let both = format!("{}|{}", term.spellings[*last], term.spellings[spelling]);
                                *last = match term.spellings.iter().position(|s| *s == both) {
                                    Some(s) => s,
                                    None => {
                                        term.spellings.push(both);
                                        term.spellings.len() - 1
                                    }
                                };
                            }
                        }
                        if let Some(at) = term.positions.last_mut() {
                            let place = if i >= skip { i - skip } else { i } as u32;
                            // Places stay in order ("Thủ tục thu hồi": "thu" at 0 twice).
                            if at.last().is_none_or(|&last| last < place) {
                                at.push(place);
                            }
                        }
                    }
                }
            }
        }
        self.lengths.push(length.saturating_sub(longer));
    }
}

/// A site's own everyday words, from the text of `content/search.yaml` at `file` (read by
/// `load`, see FORMAT-ADDITIONS.md): `"phrase people type": "words the names use"` or a list
/// of such wordings.
pub fn parse_synonyms(file: &Path, text: &str) -> Result<Vec<(String, Vec<String>)>, Diagnostic> {
    let shown = file;
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SearchFile {
        #[serde(default)]
        synonyms: BTreeMap<String, crate::yaml::Located<Wordings>>,
    }
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Wordings {
        One(String),
        Many(Vec<String>),
    }
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let parsed: SearchFile = crate::yaml::parse(shown, text)?;
    let mut out = Vec::new();
    for (phrase, wordings) in parsed.synonyms {
        let key = key_of(&phrase);
        if key.is_empty() {
            return Err(Diagnostic::error(
                crate::yaml::place_of(shown, &wordings),
                format!("Từ khóa \"{phrase}\" trong synonyms không có chữ nào để tìm."),
            )
            .with_hint("Viết từ người dân hay gõ, ví dụ: \"sổ đỏ\": \"giấy chứng nhận quyền sử dụng đất\"."));
        }
        let list = match &wordings.value {
            Wordings::One(one) => vec![one.clone()],
            Wordings::Many(many) => many.clone(),
        };
        let mut expansions = Vec::new();
        for wording in list {
            let wording = lowered(&wording);
            if wording.is_empty() {
                return Err(Diagnostic::error(
                    crate::yaml::place_of(shown, &wordings),
                    format!("Từ \"{phrase}\" được giải thích bằng một chuỗi rỗng."),
                )
                .with_hint("Viết các từ có trong tên thủ tục, ví dụ: \"giấy chứng nhận quyền sử dụng đất\"."));
            }
            expansions.push(wording);
        }
        out.push((key, expansions));
    }
    Ok(out)
}

/// Words of an everyday phrase search.js looks for at most (its `PHRASE_WORDS`).
const PHRASE_WORDS: usize = 6;

/// The built-in everyday words and the site's own, folded, merged by phrase.
fn synonym_table(site: &[(String, Vec<String>)]) -> BTreeMap<String, Vec<String>> {
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let builtin = everyday().map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect::<Vec<_>>()));
    for (phrase, wordings) in builtin.chain(site.iter().cloned()) {
        let key = key_of(&phrase);
        let entry = table.entry(key).or_default();
        for wording in wordings {
            // Wordings keep their diacritics: search.js matches them as spelled ("cấp lại" is
            // not "lái", "khai tử" not "tư").
            let wording = lowercase_words(&wording)
                .into_iter()
                .map(|w| acronyms().get(&fold(&w)).cloned().unwrap_or(w))
                .collect::<Vec<_>>()
                .join(" ");
            if !wording.is_empty() && !entry.contains(&wording) {
                entry.push(wording);
            }
        }
    }
    table.retain(|k, v| !k.is_empty() && !v.is_empty());
    // A phrase written with an acronym ("đổi địa chỉ hkd") is also met typed in full ("đổi địa
    // chỉ hộ kinh doanh"), unless that is a line of its own or too long to look for.
    let twins: Vec<(String, Vec<String>)> = table
        .iter()
        .filter(|(key, _)| key.contains(' '))
        .filter_map(|(key, wordings)| {
            let parts: Vec<&str> = key.split(' ').collect();
            if !parts.iter().any(|w| acronyms().contains_key(*w)) {
                return None;
            }
            let full: Vec<String> =
                parts.iter().map(|w| acronyms().get(*w).map_or_else(|| w.to_string(), |full| folded(full))).collect();
            let twin = full.join(" ");
            (twin.split(' ').count() <= PHRASE_WORDS).then(|| (twin, wordings.clone()))
        })
        .collect();
    for (twin, wordings) in twins {
        table.entry(twin).or_insert(wordings);
    }
    // A phrase that only asks how, where or how long ("mất bao lâu": not "mất", lost) maps to
    // no wording at all: search.js leaves it out of the query.
    for phrase in FILLER_PHRASES.split(',').map(folded).filter(|p| !p.is_empty()) {
        table.insert(phrase, Vec::new());
    }
    table
}

/// An everyday phrase as a shard holds it: its words joined by "_", its official wordings, and
/// its words' diacritics as typed in the list ([`phrase_spellings`]; empty: any).
type Said<'a> = (&'a str, &'a [String], &'a [u8]);

/// A word's diacritics as one byte, whatever vowel carries the tone: the tone (0 none, 1 huyền,
/// 2 sắc, 3 hỏi, 4 ngã, 5 nặng), then a bit each for ̂, ̆, ̛ and đ. search.js reads it
/// (`saying`).
fn mark_code(word: &str) -> u8 {
    marks(word).chars().fold(0, |code, c| {
        code | match c {
            '\u{300}' => 1,
            '\u{301}' => 2,
            '\u{309}' => 3,
            '\u{303}' => 4,
            '\u{323}' => 5,
            '\u{302}' => 8,
            '\u{306}' => 16,
            '\u{31b}' => 32,
            'đ' => 64,
            _ => 0,
        }
    })
}

/// Words of an everyday phrase at most for its diacritics to be published: a longer phrase
/// typed with other diacritics is hardly ever another phrase, and each byte weighs on queries.
const SPELT_WORDS: usize = 2;

/// Per everyday phrase (folded) of at most [`SPELT_WORDS`] words written with diacritics, its
/// words' [`mark_code`]s, so a query typed with other ones does not read as it: "tự ký" is not
/// "tự kỷ" (autism), "cccd hồng" not "cccd hỏng". A phrase the lists write two ways ("ki",
/// "kí"), or without any diacritics, has none.
fn phrase_spellings(site: &[(String, Vec<String>)]) -> HashMap<String, Vec<u8>> {
    let mut seen: HashMap<String, Option<Vec<u8>>> = HashMap::new();
    for phrase in everyday().map(|(k, _)| k.to_string()).chain(site.iter().map(|(k, _)| k.clone())) {
        let words = spoken_ages(lowercase_words(&phrase));
        if words.len() > SPELT_WORDS {
            continue;
        }
        let codes: Vec<u8> = words.iter().map(|w| mark_code(w)).collect();
        let codes = codes.iter().any(|&c| c != 0).then_some(codes);
        seen.entry(key_of(&phrase))
            .and_modify(|known| {
                if *known != codes {
                    *known = None
                }
            })
            .or_insert(codes);
    }
    seen.into_iter().filter_map(|(k, codes)| Some((k, codes?))).collect()
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
    /// One hash for every shard and store file: documents are numbered in name order, so any
    /// new or renamed procedure changes nearly all of them anyway.
    hash: String,
    /// Shard keys, sorted, each as a capital letter telling how many characters it shares with
    /// the key before ("A" none, "B" one…) and its other characters ([`front_coded`]); key `k`
    /// is the file `<file key of k>.<hash>.bin`.
    shards: String,
    /// Store files `store-<n>.<hash>.json`, n from 0 to `store_files` − 1.
    store_chunk: usize,
    store_files: usize,
    /// A result's address: this + its `url` + `/`.
    url_prefix: &'a str,
    facets: String,
    lengths: String,
    /// Every indexed term, folded, space-separated, read only when a typed word is in no
    /// procedure: search.js then looks for the terms one slip of the keyboard away.
    words: String,
    /// Filler words with their diacritics, space-separated.
    fillers: String,
    /// The fillers that are fillers typed without diacritics too, folded ([`bare_fillers`]).
    bare_fillers: String,
    /// Pairs of words, one a filler, that names use as one thing, folded, comma-separated
    /// ([`bound_fillers`]).
    bound_fillers: String,
    /// Folded everyday words and phrases, and the phrases that turn their everyday meaning off
    /// ([`yields`]).
    yields: String,
    /// The most-used procedures, most first, for a search that finds nothing.
    popular: Vec<u32>,
    /// Folded common terms, commonest first, space-separated: what a long query leaves out
    /// first to stay within its download budget.
    common: String,
    /// Of the common terms that names spell several ways ("tu": "tư", "từ", "tử", "tự"), each
    /// spelling common on its own, as "term~marks", space-separated: a long query typed with
    /// diacritics keeps a rare spelling ("tử") that its folded term would have it leave out.
    common_spellings: String,
    /// The shards over [`HEAVY_BYTES`] packed, each as its key and its packed size in kB,
    /// space-separated: what a long query weighs its download budget by (any other shard counts
    /// as 1 kB).
    heavy: String,
}

/// Words of a name rarer than this (in e^RARE_FROM names or fewer, against all) mark a special
/// case: "… trong siêu thị và trung tâm thương mại", "… cho chuyên gia khoa học công nghệ".
const RARE_FROM: f64 = 3.0;
/// A name's rarest words kept for search.js, at most.
const RARE_WORDS: usize = 4;

/// Per document, its name's rarest words, folded, each followed by how rare (1–9: the natural
/// log of documents per name holding it, less [`RARE_FROM`]), rarest first, space-separated:
/// "sieu5 thuong3". search.js takes the rarest the query did not ask for as a sign of a special
/// case, so "giấy an toàn thực phẩm cho quán ăn" puts the plain certificate before the one
/// for supermarkets. Empty on a small site, where no word is that rare.
fn rare_words(documents: &[Document]) -> Vec<String> {
    let names: Vec<Vec<String>> = documents
        .iter()
        .map(|d| {
            let mut w: Vec<String> = words(&d.name).collect();
            w.sort_unstable();
            w.dedup();
            w
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for w in names.iter().flatten() {
        *count.entry(w.as_str()).or_default() += 1;
    }
    let n = documents.len().max(1) as f64;
    names
        .iter()
        .map(|name| {
            let mut rare: Vec<(u8, &str)> = name
                .iter()
                .filter_map(|w| {
                    let r = ((n / count[w.as_str()] as f64).ln() - RARE_FROM).round().min(9.0);
                    (r >= 1.0).then_some((r as u8, w.as_str()))
                })
                .collect();
            rare.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            rare.iter().take(RARE_WORDS).map(|(r, w)| format!("{w}{r}")).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Builds every index file for `documents`, named by content.
/// `url_prefix` + a document's `url` is its address (`/thu-tuc/` + slug + `/`);
/// `synonyms` are the site's own everyday words ([`parse_synonyms`]).
pub fn publish(
    documents: &[Document],
    url_prefix: &str,
    fields: &[String],
    levels: &[String],
    unit_names: &[String],
    synonyms: &[(String, Vec<String>)],
) -> Published {
    let index = Index::new(documents);
    let terms: Vec<(&String, &Term)> = index.terms.iter().collect();
    let table = synonym_table(synonyms);
    let spellings = phrase_spellings(synonyms);
    // Phrases as shard keys: their words joined by "_", so a first word with too many phrases
    // ("mở …") splits by the next word's letters as any key does.
    let mut keyed: Vec<(String, &[String], &[u8])> = table
        .iter()
        .map(|(p, w)| (p.replace(' ', "_"), w.as_slice(), spellings.get(p).map_or(&[][..], Vec::as_slice)))
        .collect();
    keyed.sort_unstable();
    let phrases: Vec<Said> = keyed.iter().map(|(p, w, m)| (p.as_str(), *w, *m)).collect();
    let shards = shard(&terms, &phrases, 2, documents.len());
    let rare = rare_words(documents);
    let chunks: Vec<Vec<u8>> = documents
        .chunks(STORE_CHUNK)
        .zip(rare.chunks(STORE_CHUNK))
        .map(|(chunk, rare)| {
            // name, address, units, time, fee: what one result line shows; then the name's
            // rarest words and, for a procedure for organisations only, a 1, which search.js
            // weighs when it orders the first page.
            let rows: Vec<serde_json::Value> = chunk
                .iter()
                .zip(rare)
                .map(|(d, r)| {
                    let mut row = serde_json::json!([d.name, d.url, d.units, d.time, d.fee, r]);
                    if let (true, Some(row)) = (d.organisations_only, row.as_array_mut()) {
                        row.push(1.into());
                    }
                    row
                })
                .collect();
            serde_json::to_vec(&rows).unwrap_or_default()
        })
        .collect();
    let hash = content_hash(
        &[shards.iter().flat_map(|(k, b)| [k.as_bytes(), b]).collect::<Vec<_>>().concat(), chunks.concat()].concat(),
    );

    let mut files = Vec::new();
    let mut keys = Vec::new();
    let mut heavy = Vec::new();
    let packs: Vec<Vec<u8>> = shards.par_iter().map(|(_, bytes)| packed(bytes)).collect();
    for ((key, bytes), pack) in shards.into_iter().zip(packs) {
        // What a query downloads is the packed copy.
        if pack.len() > HEAVY_BYTES {
            heavy.push(format!("{key} {}", pack.len().div_ceil(1024)));
        }
        let name = format!("{}.{hash}.bin", file_key(&key));
        files.push((format!("{PACKED}{name}"), pack));
        files.push((name, bytes));
        keys.push(key);
    }
    let unpacked = files.len();
    let store_files = chunks.len();
    for (n, bytes) in chunks.into_iter().enumerate() {
        files.push((format!("store-{n}.{hash}.json"), bytes));
    }
    let facet_bytes = facets(documents, fields, levels, unit_names);
    let facets = format!("facets.{}.bin", content_hash(&facet_bytes));
    files.push((facets.clone(), facet_bytes));
    let length_bytes = lengths_file(&index.lengths);
    let lengths = format!("lengths.{}.bin", content_hash(&length_bytes));
    files.push((lengths.clone(), length_bytes));
    // Every indexed word; then, after a line break, the words of the everyday phrases and their
    // wordings that no procedure here holds: real words a citizen types ("tuổi" on a site whose
    // names lack it), which search.js does not take for a slip of another word. Written with
    // their diacritics: "tuổi" is real, "tuồi" a slip.
    let site =
        synonyms.iter().flat_map(|(phrase, wordings)| std::iter::once(phrase).chain(wordings)).map(String::as_str);
    let real: BTreeSet<String> = everyday()
        .flat_map(|(phrase, wordings)| std::iter::once(phrase).chain(wordings))
        .chain(site)
        .flat_map(lowercase_words)
        .filter(|w| !index.terms.contains_key(&fold(w)))
        .collect();
    let word_bytes = [
        index.terms.keys().map(String::as_str).collect::<Vec<_>>().join(" "),
        real.into_iter().collect::<Vec<_>>().join(" "),
    ]
    .join("\n")
    .into_bytes();
    let words = format!("words.{}.txt", content_hash(&word_bytes));
    files.push((words.clone(), word_bytes));

    let mut popular: Vec<u32> = (0..documents.len() as u32).filter(|&d| documents[d as usize].received > 0).collect();
    popular.sort_by_key(|&d| std::cmp::Reverse(documents[d as usize].received));
    popular.truncate(POPULAR);

    let common = common_terms(&index, documents.len());
    let manifest = Manifest {
        version: 9,
        documents: documents.len(),
        weights: WEIGHTS,
        hash,
        shards: front_coded(&keys),
        store_chunk: STORE_CHUNK,
        store_files,
        url_prefix,
        facets,
        lengths,
        words,
        fillers: lowered(FILLERS),
        bare_fillers: bare_fillers(&index, documents.len()).join(" "),
        bound_fillers: bound_fillers(&index).join(","),
        yields: yields(),
        popular,
        common: common.join(" "),
        common_spellings: common_spellings(&index, documents.len(), &common).join(" "),
        heavy: heavy.join(" "),
    };
    let bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    let manifest = format!("manifest.{}.json", content_hash(&bytes));
    files.push((manifest.clone(), bytes));
    let packs: Vec<(String, Vec<u8>)> =
        files[unpacked..].par_iter().map(|(name, bytes)| (format!("{PACKED}{name}"), packed(bytes))).collect();
    files.extend(packs);
    Published { files, manifest }
}

/// A file gzipped. Every index file has a packed copy under [`PACKED`]: hosts serve the binary
/// shards as they are, and a shard packs to half its size, so a query downloads half the bytes.
/// search.js unpacks them with the browser's `DecompressionStream` (where a browser has none,
/// it reads the plain files). Pagefind packs its index so too.
fn packed(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 2 + 32), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    encoder.write_all(bytes).and_then(|()| encoder.finish()).unwrap_or_default()
}

/// Sorted keys, each as a capital letter for the characters it shares with the key before and
/// its other characters: "ban_a", "ban_b" → "Aban_aEb". Keys are folded, so never capitals, and
/// at most [`MAX_TERM_CHARS`] long; a thousand shard keys take half the bytes spelt out.
fn front_coded(keys: &[String]) -> String {
    let mut out = String::new();
    let mut previous: &str = "";
    for key in keys {
        let shared = previous.chars().zip(key.chars()).take_while(|(a, b)| a == b).count().min(25);
        out.push(char::from(b'A' + shared as u8));
        out.extend(key.chars().skip(shared));
        previous = key;
    }
    out
}

/// The [`FILLERS`] that still count as fillers when typed without diacritics, folded: all but
/// those the site's names mostly spell as another word, in at least one name in
/// [`AMBIGUOUS_SHARE`] and twice as many names as the filler ("the": "thẻ", "thể" before
/// "thế"; "ho": "hộ", "hỗ" before "hồ"; "so": "sổ", "sở", "số" before "sơ"). Typed bare, such
/// a word is taken for the names' word, as it is when typed with their diacritics.
fn bare_fillers(index: &Index, documents: usize) -> Vec<&str> {
    index
        .readings
        .iter()
        .filter(|(_, (_, [filler, other]))| {
            !(*other >= 3 && other * AMBIGUOUS_SHARE >= documents && *other >= 2 * filler)
        })
        .map(|(word, _)| word.as_str())
        .collect()
}

/// Counts the pairs of a name's `words` into `pairs` ([`Index::filler_pairs`]), each once per
/// name (`read` holds what this name has counted, pairs as "a b").
fn count_filler_pairs(
    readings: &BTreeMap<String, (Vec<String>, [usize; 2])>,
    pairs: &mut HashMap<String, (usize, bool)>,
    words: &[(String, String)],
    read: &mut Vec<String>,
) {
    let filler = |(word, marks): &(String, String)| readings.get(word).is_some_and(|(s, _)| s.contains(marks));
    for pair in words.windows(2) {
        let first = filler(&pair[0]);
        if first != filler(&pair[1]) {
            let key = format!("{} {}", pair[0].0, pair[1].0);
            if !read.contains(&key) {
                pairs.entry(key.clone()).or_insert((0, first)).0 += 1;
                read.push(key);
            }
        }
    }
}

/// The pairs of [`Index::filler_pairs`] that names use as one thing ("bản sao", "trẻ em",
/// "con nuôi", "nội dung", "xin phép"): in at least [`BOUND_NAMES`] names, and in at least
/// [`BOUND_SHARE`] of the names that hold the filler so spelled or those that hold the other
/// word, whichever are fewer. Typed next to the other word, such a filler is no filler: "bản
/// sao" is a copy, not "làm sao". Sorted.
fn bound_fillers(index: &Index) -> Vec<&str> {
    let names_with = |word: &str| index.terms.get(word).map_or(0, |t| t.sets[NAME].len());
    let mut bound: Vec<&str> = index
        .filler_pairs
        .iter()
        .filter(|&(pair, &(count, filler_first))| {
            let Some((a, b)) = pair.split_once(' ') else { return false };
            let (filler, other) = if filler_first { (a, b) } else { (b, a) };
            let spelled_so = index.readings.get(filler).map_or(0, |(_, counts)| counts[0]);
            let fewest = spelled_so.min(names_with(other)).max(1);
            count >= BOUND_NAMES && count as f64 >= BOUND_SHARE * fewest as f64
        })
        .map(|(pair, _)| pair.as_str())
        .collect();
    bound.sort_unstable();
    bound
}

/// The terms in at least one document in [`COMMON_SHARE`], commonest first (ties in term
/// order), at most [`COMMON_LISTED`].
fn common_terms(index: &Index, documents: usize) -> Vec<&str> {
    let mut common: Vec<(usize, &str)> = index
        .terms
        .iter()
        .map(|(word, term)| (term.sets.iter().map(Vec::len).sum::<usize>(), word.as_str()))
        .filter(|&(count, _)| count * COMMON_SHARE >= documents && count >= COMMON_SHARE)
        .collect();
    common.sort_by_key(|&(count, word)| (std::cmp::Reverse(count), word));
    common.into_iter().take(COMMON_LISTED).map(|(_, word)| word).collect()
}

/// Of the `common` terms ([`common_terms`]) spelled several ways in names, the spellings in at
/// least one name in [`COMMON_SHARE`], as "term~marks" (a name that spells the term two ways
/// counts for both).
fn common_spellings(index: &Index, documents: usize, common: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for &word in common {
        let term = &index.terms[word];
        if term.spellings.len() < 2 {
            continue;
        }
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        for &s in &term.spelling_of {
            for marks in term.spellings[s].split('|') {
                *names.entry(marks).or_default() += 1;
            }
        }
        let common = names.into_iter().filter(|&(_, n)| n * COMMON_SHARE >= documents && n >= COMMON_SHARE);
        out.extend(common.map(|(marks, _)| format!("{word}~{marks}")));
    }
    out
}

/// Two names a byte: the low four bits hold the even document's length, the high four the odd
/// one's; 1–12 words as they are, then 13 for 13–15 words, 14 for 16–20, 15 for more.
fn lengths_file(lengths: &[usize]) -> Vec<u8> {
    let code = |n: usize| match n {
        0..=12 => n as u8,
        13..=15 => 13,
        16..=20 => 14,
        _ => 15,
    };
    lengths.chunks(2).map(|pair| code(pair[0]) | pair.get(1).map_or(0, |&n| code(n) << 4)).collect()
}

/// Groups sorted terms, and the everyday phrases (their words joined by "_"), by their first
/// `depth` letters; a group too big (terms and phrases together) is split one letter deeper.
/// Terms and phrases no longer than the key stay in the key's own shard. A phrase so sits in the
/// shard a query reads for its first word (the longest key the word starts with) or, once its
/// first word has too many, for its words ("mo_q" for "mở quán …": the longest key the query's
/// words from that one on, joined by "_", start with), so the list can grow without growing the
/// manifest or any one shard much.
fn shard(terms: &[(&String, &Term)], phrases: &[Said], depth: usize, documents: usize) -> Vec<(String, Vec<u8>)> {
    let mut keys: Vec<&str> = terms.iter().map(|(t, _)| prefix(t, depth)).collect();
    keys.extend(phrases.iter().map(|(p, ..)| prefix(p, depth)));
    keys.sort_unstable();
    keys.dedup();
    // Both lists are sorted, so each key's terms and phrases follow one another.
    let (mut t, mut p) = (0, 0);
    let mut out = Vec::new();
    for key in keys {
        let t_end = t + terms[t..].iter().take_while(|(term, _)| prefix(term, depth) == key).count();
        let p_end = p + phrases[p..].iter().take_while(|(phrase, ..)| prefix(phrase, depth) == key).count();
        let group = &terms[t..t_end];
        let said = &phrases[p..p_end];
        (t, p) = (t_end, p_end);
        let mut bytes = encode_shard(group, documents);
        encode_phrases(&mut bytes, said);
        let longer = group.iter().any(|(t, _)| t.chars().count() > depth)
            || said.iter().any(|(p, ..)| p.chars().count() > depth);
        if bytes.len() > SHARD_SPLIT_BYTES && depth < MAX_TERM_CHARS && longer {
            let (short, long): (Vec<_>, Vec<_>) = group.iter().partition(|(t, _)| t.chars().count() <= depth);
            let (short_said, long_said): (Vec<_>, Vec<_>) = said.iter().partition(|(p, ..)| p.chars().count() <= depth);
            if !short.is_empty() || !short_said.is_empty() {
                let mut bytes = encode_shard(&short, documents);
                encode_phrases(&mut bytes, &short_said);
                out.push((key.to_string(), bytes));
            }
            out.extend(shard(&long, &long_said, depth + 1, documents));
        } else {
            out.push((key.to_string(), bytes));
        }
    }
    debug_assert_eq!((t, p), (terms.len(), phrases.len()), "every term and phrase in a shard");
    out
}

/// A shard's everyday phrases, after its terms: `varint(w)` and the w distinct wordings
/// (`varint(len) bytes` each), then `varint(count)` and per phrase `varint(shared)`,
/// `varint(len) bytes` (what follows the bytes shared with the phrase before), `varint(2k + s)`,
/// k wording numbers (none for a phrase that only asks how or where) and, when `s` is 1, a
/// [`mark_code`] per word of the phrase.
fn encode_phrases(out: &mut Vec<u8>, phrases: &[Said]) {
    // Phrases of one first word share wordings ("giấy phép lái xe", "cấp lại"…): each distinct
    // wording once, numbered in order of first use.
    let mut number: HashMap<&str, usize> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    for wording in phrases.iter().flat_map(|(_, wordings, _)| wordings.iter()) {
        number.entry(wording).or_insert_with(|| {
            distinct.push(wording);
            distinct.len() - 1
        });
    }
    varint(out, distinct.len() as u64);
    for wording in &distinct {
        text_bytes(out, wording);
    }
    varint(out, phrases.len() as u64);
    let mut previous: &[u8] = &[];
    for (phrase, wordings, spelling) in phrases {
        // Sorted phrases start alike ("doi bang", "doi bang lai"): search.js joins the bytes.
        let phrase = phrase.as_bytes();
        let shared = previous.iter().zip(phrase).take_while(|(a, b)| a == b).count();
        varint(out, shared as u64);
        varint(out, (phrase.len() - shared) as u64);
        out.extend_from_slice(&phrase[shared..]);
        let spelt = !wordings.is_empty() && !spelling.is_empty();
        varint(out, (2 * wordings.len() + usize::from(spelt)) as u64);
        for wording in wordings.iter() {
            varint(out, number[wording.as_str()] as u64);
        }
        if spelt {
            out.extend_from_slice(spelling);
        }
        previous = phrase;
    }
}

/// `varint(len)`, then the UTF-8 bytes.
fn text_bytes(out: &mut Vec<u8>, text: &str) {
    varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
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

/// `varint(count)`, then per term: `varint(len) bytes`; its four document sets; per document
/// of the name set, its positions (varints: 2 × gap + 1 while another follows); `varint(k)` spellings (`varint(len)
/// bytes` each) and, when k > 0, the spelling index of each document of the name set in
/// [`bits_for`]`(k)` bits ([`pack_bits`]): most names use one of two or three spellings, so a
/// byte each was a third of a common word's shard.
fn encode_shard(terms: &[(&String, &Term)], documents: usize) -> Vec<u8> {
    let mut out = Vec::new();
    varint(&mut out, terms.len() as u64);
    for (text, term) in terms {
        text_bytes(&mut out, text);
        for docs in term.sets.iter() {
            encode_set(&mut out, docs, documents);
        }
        for at in &term.positions {
            // 2 × gap from the previous position (the first from 0), + 1 when another follows.
            let mut previous = 0;
            for (k, &p) in at.iter().enumerate() {
                let more = u64::from(k + 1 < at.len());
                varint(&mut out, 2 * u64::from(p - previous) + more);
                previous = p;
            }
        }
        varint(&mut out, term.spellings.len() as u64);
        for spelling in &term.spellings {
            text_bytes(&mut out, spelling);
        }
        if !term.spellings.is_empty() {
            pack_bits(&mut out, &term.spelling_of, bits_for(term.spellings.len()));
        }
    }
    out
}

/// Bits enough for an index below `k`: 1 for two spellings, 2 for three or four…
fn bits_for(k: usize) -> u32 {
    usize::BITS - k.saturating_sub(1).leading_zeros()
}

/// `values`, `bits` each, least significant bit first, in as few bytes as hold them.
fn pack_bits(out: &mut Vec<u8>, values: &[usize], bits: u32) {
    let start = out.len();
    out.resize(start + (values.len() * bits as usize).div_ceil(8), 0);
    for (i, &v) in values.iter().enumerate() {
        for b in 0..bits as usize {
            if v >> b & 1 == 1 {
                let at = i * bits as usize + b;
                out[start + at / 8] |= 1 << (at % 8);
            }
        }
    }
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

/// Field, level and unit names; the distinct unit lists; then per document its field, level,
/// online service and unit list.
fn facets(documents: &[Document], fields: &[String], levels: &[String], unit_names: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    // The filters' choices are read only when a visitor opens the filters, never for a query.
    for names in [fields, levels, unit_names] {
        varint(&mut out, names.len() as u64);
        for name in names {
            text_bytes(&mut out, name);
        }
    }
    let mut groups: BTreeMap<&[usize], usize> = BTreeMap::new();
    let mut group_list: Vec<&[usize]> = Vec::new();
    // Documents sharing one list (a group's thousands of units) are matched by address first.
    let mut shared: HashMap<*const usize, usize> = HashMap::new();
    let group_of: Vec<usize> = documents
        .iter()
        .map(|d| {
            let list: &[usize] = &d.unit_ids;
            if let Some(&group) = shared.get(&list.as_ptr()).filter(|_| !list.is_empty()) {
                return group;
            }
            let group = *groups.entry(list).or_insert_with(|| {
                group_list.push(list);
                group_list.len() - 1
            });
            shared.insert(list.as_ptr(), group);
            group
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

    /// The manifest's shard keys, as search.js reads them.
    fn front_decoded(coded: &str) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for c in coded.chars() {
            if c.is_ascii_uppercase() {
                let previous = keys.last().map_or("", String::as_str);
                keys.push(previous.chars().take(usize::from(c as u8 - b'A')).collect());
            } else if let Some(key) = keys.last_mut() {
                key.push(c);
            }
        }
        keys
    }

    #[test]
    fn shard_keys_are_front_coded() {
        let keys: Vec<String> = ["ban", "ban_a", "ban_b", "bang", "c"].map(String::from).to_vec();
        assert_eq!(front_coded(&keys), "AbanD_aEbDgAc");
        assert_eq!(front_decoded(&front_coded(&keys)), keys);
    }

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
            document("Đăng ký khai sinh", &["làm giấy khai sinh"], "Hộ tịch", &["Giấy chứng sinh"]),
            document("Giải quyết hưởng chế độ thai sản", &[], "Bảo hiểm xã hội", &[]),
            document("Thẩm định báo cáo xử lý chất thải", &[], "Môi trường", &["Báo cáo chất thải rắn"]),
            document("Thủ tục hòa giải thương mại hoà giải", &[], "Hòa giải", &[]),
        ]
    }

    #[test]
    fn a_number_is_its_value() {
        let w: Vec<String> = words("Mức độ 02, ngày 01 tháng 8 năm 2024, 0 đồng, 00").collect();
        assert_eq!(w, ["muc", "do", "2", "ngay", "1", "thang", "8", "nam", "2024", "0", "dong", "0"]);
    }

    #[test]
    fn acronyms_in_capitals_are_spelt_out_in_names_and_wordings() {
        assert_eq!(
            spelt_out("Đăng ký đóng, cấp thẻ BHYT đối với người chỉ tham gia BHYT"),
            "Đăng ký đóng, cấp thẻ bảo hiểm y tế đối với người chỉ tham gia bảo hiểm y tế"
        );
        assert_eq!(
            spelt_out("Giải quyết hưởng chế độ TNLĐ, BNN"),
            "Giải quyết hưởng chế độ tai nạn lao động, bệnh nghề nghiệp"
        );
        // Lower case, a word no acronym, or a single capital: as written.
        assert_eq!(spelt_out("thẻ bhyt, Cấp A"), "thẻ bhyt, Cấp A");
        let index =
            Index::new(&[document("Cấp lại thẻ BHYT", &[], "", &[]), document("Cấp lại thẻ căn cước", &[], "", &[])]);
        let bao = &index.terms["bao"];
        assert_eq!(bao.sets[NAME], vec![0]);
        assert_eq!(bao.positions[0], vec![3], "'bảo hiểm y tế' stands where 'BHYT' stood");
        assert_eq!(index.terms["te"].positions[0], vec![6]);
        // A name is no longer for spelling out: both count four words.
        assert_eq!(index.lengths, vec![4, 5]);
        // Everyday wordings are spelt out alike: "đóng bhxh tự nguyện" meets "… đóng BHXH tự nguyện".
        let table = synonym_table(&[("bảo hiểm tự nguyện".to_string(), vec!["đóng bhxh tự nguyện".to_string()])]);
        assert!(table["bao hiem tu nguyen"].contains(&"đóng bảo hiểm xã hội tự nguyện".to_string()));
    }

    #[test]
    fn a_store_row_ends_with_the_names_rarest_words_rarest_first() {
        // 400 food-safety certificates of one wording, one for supermarkets, one for markets.
        let mut documents: Vec<Document> = (0..400)
            .map(|i| document(&format!("Cấp giấy chứng nhận an toàn thực phẩm số {i}"), &[], "", &[]))
            .collect();
        documents.push(document("Cấp giấy chứng nhận an toàn thực phẩm trong siêu thị", &[], "", &[]));
        documents.push(document("Cấp giấy chứng nhận an toàn thực phẩm tại chợ, siêu thị", &[], "", &[]));
        let rare = rare_words(&documents);
        // ln(402 / 1) − 3 = 3.0; ln(402 / 2) − 3 = 2.3: "trong" and "chợ" rarer than "siêu thị".
        assert_eq!(rare[400], "trong3 sieu2 thi2");
        assert_eq!(rare[401], "cho3 tai3 sieu2 thi2");
        // "số" is in 400 names of 402, each number in one.
        assert_eq!(rare[7], "73");
        // The store row carries it after the fee.
        let published = publish(&documents, "/thu-tuc/", &[], &[], &[], &[]);
        let file = format!("store-{}.", 400 / STORE_CHUNK);
        let (_, bytes) = published.files.iter().find(|(n, _)| n.starts_with(&file)).expect("store file");
        let rows: Vec<Vec<String>> = serde_json::from_slice(bytes).expect("json");
        let row = &rows[400 % STORE_CHUNK];
        assert_eq!(row[0], "Cấp giấy chứng nhận an toàn thực phẩm trong siêu thị");
        assert_eq!(row[5], "trong3 sieu2 thi2");
        // Five names are too few for any word to be rare.
        assert!(rare_words(&fixture()).iter().all(String::is_empty));
    }

    #[test]
    fn applicants_naming_no_person_mark_the_store_row() {
        // As the portal lists them, and as units word them.
        for who in ["Công dân Việt Nam, Doanh nghiệp", "Người nước ngoài", "Hộ gia đình, cá nhân", "Cha, mẹ của trẻ"]
        {
            assert!(names_a_person(who), "{who}");
        }
        for who in
            ["Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX)", "Cán bộ, công chức, viên chức", "Hợp tác xã"]
        {
            assert!(!names_a_person(who), "{who}");
        }
        // Whole words: "ngoài" is no "người", "công" no "con".
        assert!(!names_a_person("Doanh nghiệp có vốn đầu tư nước ngoài, công ty"));
        let mut documents = fixture();
        documents[1].organisations_only = true;
        let published = publish(&documents, "/thu-tuc/", &[], &[], &[], &[]);
        let (_, bytes) = published.files.iter().find(|(n, _)| n.starts_with("store-0.")).expect("store file");
        let rows: Vec<Vec<serde_json::Value>> = serde_json::from_slice(bytes).expect("json");
        assert_eq!(rows[1].len(), 7);
        assert_eq!(rows[1][6], 1);
        assert!(rows[0].len() == 6 && rows[2].len() == 6, "no mark for the others: {rows:?}");
    }

    /// The facets' unit lists, decoded: the lists, then each document's list.
    fn unit_lists(bytes: &[u8]) -> (Vec<Vec<u64>>, Vec<u64>) {
        let mut at = 0;
        let next = |at: &mut usize| {
            let (mut value, mut shift) = (0u64, 0);
            loop {
                let byte = bytes[*at];
                *at += 1;
                value |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte < 0x80 {
                    return value;
                }
            }
        };
        for _ in 0..3 {
            for _ in 0..next(&mut at) {
                at += next(&mut at) as usize;
            }
        }
        let lists = (0..next(&mut at)).map(|_| (0..next(&mut at)).map(|_| next(&mut at)).collect()).collect();
        let of_document = (0..next(&mut at))
            .map(|_| {
                next(&mut at);
                next(&mut at);
                next(&mut at)
            })
            .collect();
        (lists, of_document)
    }

    /// The procedures of a group share one list of its thousands of units: written once, and
    /// a list equal to it but made apart (a procedure naming the same units) is the same list.
    #[test]
    fn a_groups_unit_list_is_written_once() {
        let communes: std::sync::Arc<[usize]> = (0..5000).collect();
        let mut documents = fixture();
        documents[0].unit_ids = std::sync::Arc::clone(&communes);
        documents[1].unit_ids = std::sync::Arc::clone(&communes);
        documents[2].unit_ids = (0..5000).collect();
        documents[3].unit_ids = vec![7].into();
        let units: Vec<String> = (0..5000).map(|u| format!("Xã {u}")).collect();
        let bytes = facets(&documents, &[], &[], &units);
        let (lists, of_document) = unit_lists(&bytes);
        assert_eq!(lists.len(), 3, "the communes, [7] and the empty list");
        assert_eq!(of_document[..3], [of_document[0]; 3]);
        assert_eq!(lists[of_document[0] as usize].len(), 5000);
        assert_eq!(lists[of_document[3] as usize], [7]);
        assert!(lists[of_document[4] as usize].is_empty());
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
    fn marks_ignore_where_the_tone_sits() {
        assert_eq!(marks("hòa"), marks("hoà"));
        assert_eq!(marks("thuỷ"), marks("thủy"));
        assert_ne!(marks("thải"), marks("thai"));
        assert_ne!(marks("thải"), marks("thái"));
        assert_ne!(marks("cấp"), marks("cập"));
        assert_eq!(marks("thai"), "");
        assert_eq!(marks("Đăng"), marks("đăng"));
        assert_ne!(marks("đăng"), marks("dăng"));
    }

    #[test]
    fn the_index_keeps_sources_positions_spellings_and_lengths() {
        let documents = fixture();
        let index = Index::new(&documents);
        assert_eq!(index.lengths, [6, 4, 7, 8, 6]);
        // "khai" is word 2 of "Đăng ký khai sinh"; "giay" words 2 of the first name and, as a
        // paper only, of the second: counted once, in its best source.
        let khai = &index.terms["khai"];
        assert_eq!(khai.sets[NAME], [1]);
        assert_eq!(khai.positions, [vec![2]]);
        let giay = &index.terms["giay"];
        assert_eq!(giay.sets[NAME], [0]);
        assert_eq!(giay.sets[KEYWORDS], [1]);
        assert_eq!(giay.sets[PAPERS], Vec::<u32>::new());
        // The keyword "GPLX", in capitals, is spelt out as the built-in list does.
        assert!(!index.terms.contains_key("gplx") && index.terms["phep"].sets[NAME] == [0]);
        // "thai" is spelled "thai" in one name and "thải" in another: both spellings kept.
        let thai = &index.terms["thai"];
        assert_eq!(thai.sets[NAME], [2, 3]);
        assert_eq!(thai.spellings.len(), 2);
        assert_ne!(thai.spelling_of[0], thai.spelling_of[1]);
        // "hòa" and "hoà" are one spelling, twice in one name: two positions, no spellings;
        // places count from the word after a leading "Thủ tục".
        let hoa = &index.terms["hoa"];
        assert_eq!(hoa.positions, [vec![0, 4]]);
        assert_eq!(index.terms["tuc"].positions, [vec![1]]);
        assert!(hoa.spellings.is_empty());
    }

    #[test]
    fn a_phrase_with_an_acronym_is_met_typed_in_full() {
        let line = |phrase: &str| (phrase.to_string(), vec!["tham gia bảo hiểm y tế".to_string()]);
        let table = synonym_table(&[line("mua thêm bhyt"), line("mua thêm cho cả nhà bhyt")]);
        assert_eq!(table["mua them bhyt"], table["mua them bao hiem y te"]);
        // A twin past six words is not looked for.
        assert!(table.contains_key("mua them cho ca nha bhyt"));
        assert!(!table.contains_key("mua them cho ca nha bao hiem y te"));
    }

    #[test]
    fn a_name_spelling_a_word_two_ways_keeps_both() {
        let index = Index::new(&[
            document("Cấp lại giấy phép lái xe", &[], "", &[]),
            document("Cấp giấy phép lái xe", &[], "", &[]),
            document("Cấp đổi giấy tờ đối với cá nhân và lại đổi", &[], "", &[]),
        ]);
        let lai = &index.terms["lai"];
        let spelling = |d: usize| lai.spellings[lai.spelling_of[d]].as_str();
        // Name 0 says "lại" and "lái": one spelling of its own, both joined; name 1 only "lái".
        assert_eq!(spelling(0), format!("{}|{}", marks("lại"), marks("lái")));
        assert_eq!(spelling(1), marks("lái"));
        assert_eq!(lai.spellings.len(), 3);
        // A spelling met again in the same name adds nothing.
        let doi = &index.terms["doi"];
        assert_eq!(doi.spellings[doi.spelling_of[0]], format!("{}|{}", marks("đổi"), marks("đối")));
    }

    /// Words are split in parallel a chunk at a time: documents past the first chunk keep their
    /// numbers and order.
    #[test]
    fn documents_keep_their_numbers_across_chunks() {
        let n = TOKENIZE_CHUNK * 2 + 5;
        let names: Vec<String> = (0..n).map(|i| format!("Cấp giấy số{i} {}", ["chẵn", "lẻ"][i % 2])).collect();
        let documents: Vec<Document> = names.iter().map(|name| document(name, &[], "x", &[])).collect();
        let index = Index::new(&documents);
        assert_eq!(index.lengths, vec![4; n]);
        assert_eq!(index.terms["cap"].sets[NAME], (0..n as u32).collect::<Vec<_>>());
        assert_eq!(index.terms["le"].sets[NAME], (1..n as u32).step_by(2).collect::<Vec<_>>());
        assert_eq!(index.terms[&format!("so{}", TOKENIZE_CHUNK + 3)].sets[NAME], [TOKENIZE_CHUNK as u32 + 3]);
        assert_eq!(index.terms["chan"].positions, vec![vec![3]; n.div_ceil(2)]);
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
        let published = publish(&documents, "/thu-tuc/", &["x".into()], &["Cấp xã".into()], &[], &[]);
        let shards: Vec<&(String, Vec<u8>)> = published
            .files
            .iter()
            .filter(|(n, _)| {
                n.ends_with(".bin") && !n.starts_with("facets") && !n.starts_with("lengths") && !n.starts_with(PACKED)
            })
            .collect();
        assert!(shards.len() > 3);
        for (name, bytes) in shards {
            assert!(bytes.len() <= SHARD_SPLIT_BYTES * 3, "{name}: {}", bytes.len());
        }
        assert!(published.manifest.starts_with("manifest.") && published.manifest.ends_with(".json"));
    }

    #[test]
    fn every_index_file_has_a_packed_copy_that_unpacks_to_it() {
        use std::io::Read;
        let documents: Vec<Document> =
            (0..300).map(|i| document(&format!("cấp giấy phép xây dựng {i} nhà{i}"), &[], "x", &[])).collect();
        let published = publish(&documents, "/thu-tuc/", &["x".into()], &["Cấp xã".into()], &[], &[]);
        let (packs, plain): (Vec<_>, Vec<_>) = published.files.iter().partition(|(n, _)| n.starts_with(PACKED));
        assert_eq!(packs.len(), plain.len());
        for (name, bytes) in &plain {
            let (_, pack) = packs.iter().find(|(n, _)| *n == format!("{PACKED}{name}")).expect("a packed copy");
            let mut unpacked = Vec::new();
            flate2::read::GzDecoder::new(&pack[..]).read_to_end(&mut unpacked).expect("gzip");
            assert_eq!(&unpacked, bytes, "{name}");
        }
        let size = |files: &[&(String, Vec<u8>)]| files.iter().map(|(_, b)| b.len()).sum::<usize>();
        assert!(size(&packs) * 10 < size(&plain) * 7, "{} {}", size(&packs), size(&plain));
    }

    #[test]
    fn a_filler_the_names_mostly_spell_as_another_word_is_no_filler_typed_bare() {
        // "thẻ" in three names, "thế" in none: "the" typed bare is the card. "cho" stays a
        // filler however often names hold it; "hồ" and "hộ" once each are too few to tell.
        let names = ["Cấp thẻ căn cước cho người", "Cấp lại thẻ bảo hiểm", "Đổi thẻ tạm trú", "Hộ tịch", "Hồ chứa"];
        let documents: Vec<Document> = names.iter().map(|n| document(n, &[], "", &[])).collect();
        let index = Index::new(&documents);
        let bare = bare_fillers(&index, documents.len());
        assert!(!bare.contains(&"the"));
        assert!(bare.contains(&"cho") && bare.contains(&"ho") && bare.contains(&"xin"));
        assert_eq!(index.readings["the"].1, [0, 3]);
    }

    #[test]
    fn a_filler_names_use_with_one_word_as_one_thing_is_bound_to_it() {
        // "bản sao" in all five names with "sao": bound; "cho thuê" in all five with "thuê".
        // "cho" next to "người" in five of the fifteen names with "cho" and of the twenty with
        // "người": too loose. A leading "Thủ tục" is no pair ("tục cấp").
        let names = [
            "Thủ tục cấp bản sao trích lục",
            "Cấp bản sao văn bằng",
            "Chứng thực bản sao điện tử",
            "Cấp bản sao giấy phép",
            "Thủ tục cấp bản sao hồ sơ",
            "Trợ cấp cho người nghèo",
            "Vay vốn cho người lao động",
            "Miễn học phí cho người học",
            "Hỗ trợ nhà ở cho người có công",
            "Cấp thẻ cho người nước ngoài",
            "Cho thuê đất",
            "Cho thuê nhà",
            "Gia hạn cho thuê",
            "Thu hồi đất cho thuê",
            "Chấm dứt cho thuê",
        ];
        let mut documents: Vec<Document> = names.iter().map(|n| document(n, &[], "", &[])).collect();
        documents.extend((0..10).map(|i| document(&format!("Đăng ký người thứ {i}"), &[], "", &[])));
        let others = [
            "Trợ giá cho doanh nghiệp",
            "Cấp vốn cho hợp tác xã",
            "Xếp hạng cho trường học",
            "Khen thưởng cho bệnh viện",
            "Cấp dầu cho tàu cá",
        ];
        documents.extend(others.iter().map(|n| document(n, &[], "", &[])));
        let index = Index::new(&documents);
        assert_eq!(bound_fillers(&index), ["ban sao", "cho thue"]);
        assert_eq!(index.filler_pairs["cho nguoi"], (5, true));
        assert!(!index.filler_pairs.contains_key("tuc cap"));
    }

    /// Checks key by key that the manifest lists a shard as heavy, with its packed size in kB,
    /// exactly when its packed copy is over [`HEAVY_BYTES`]; returns the keys it lists.
    fn heavy_listed(published: &Published) -> Vec<String> {
        let (_, bytes) = published.files.iter().find(|(n, _)| *n == published.manifest).expect("manifest");
        let manifest: serde_json::Value = serde_json::from_slice(bytes).expect("json");
        let heavy: Vec<&str> = manifest["heavy"].as_str().expect("heavy").split(' ').collect();
        let keys = front_decoded(manifest["shards"].as_str().expect("keys"));
        let hash = manifest["hash"].as_str().expect("hash");
        let mut listed = Vec::new();
        for key in &keys {
            let name = format!("{PACKED}{}.{hash}.bin", file_key(key));
            let (_, bytes) = published.files.iter().find(|(n, _)| *n == name).expect("packed shard file");
            let at = heavy.chunks(2).find(|pair| pair[0] == key);
            assert_eq!(
                at.map(|pair| pair[1].to_string()),
                (bytes.len() > HEAVY_BYTES).then(|| bytes.len().div_ceil(1024).to_string()),
                "{key}"
            );
            if at.is_some() {
                listed.push(key.clone());
            }
        }
        assert_eq!(listed.len() * 2, heavy.iter().filter(|w| !w.is_empty()).count());
        listed
    }

    #[test]
    fn a_shard_too_big_to_split_is_listed_heavy() {
        // One word in a scattered half of 24,000 names, at scattered places: its document set
        // and positions are noise that packs to some kB, and one word cannot split.
        let mut seed = 0x2545_f491_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        let filler = ["cấp", "giấy", "phép", "khai", "thác", "gỗ", "trồng", "mới"];
        let documents: Vec<Document> = (0..24_000)
            .map(|_| {
                let r = next();
                let mut name: Vec<&str> = (0..1 + r % 8).map(|k| filler[(r >> (3 + k)) as usize % 8]).collect();
                if r >> 31 == 1 {
                    name.push("rừng");
                }
                document(&name.join(" "), &[], "", &[])
            })
            .collect();
        let published = publish(&documents, "/thu-tuc/", &[], &[], &[], &[]);
        let listed = heavy_listed(&published);
        assert!(listed.iter().any(|k| "rung".starts_with(k.as_str())), "{listed:?}");
    }

    #[test]
    fn the_manifest_carries_everyday_words_fillers_and_the_most_used() {
        let mut documents = fixture();
        documents[1].received = 900;
        documents[3].received = 20;
        let site = vec![("bằng lái".to_string(), vec!["giấy phép điều khiển".to_string()])];
        let published = publish(&documents, "/thu-tuc/", &[], &[], &[], &site);
        let (_, bytes) = published.files.iter().find(|(n, _)| *n == published.manifest).expect("manifest");
        let manifest: serde_json::Value = serde_json::from_slice(bytes).expect("json");
        assert_eq!(manifest["popular"], serde_json::json!([1, 3]));
        assert!(manifest.get("synonyms").is_none(), "everyday words travel with the shards");
        assert!(manifest["fillers"].as_str().is_some_and(|f| f.split(' ').any(|w| w == "cho")));
        // "mất" is lost, unless the query speaks of a death.
        let yields: HashMap<&str, Vec<&str>> = manifest["yields"]
            .as_str()
            .expect("yields")
            .split(';')
            .flat_map(|entry| {
                let (words, phrases) = entry.split_once(':').expect("words: phrases");
                words.split(',').map(move |w| (w, phrases.split(',').collect()))
            })
            .collect();
        let died = &yields["mat"];
        assert!(died.contains(&"khai tu") && died.contains(&"mai tang"));
        // "sai ngày sinh" is a civil-status record put right, unless another paper is named.
        let wrong = &yields["sai ngay sinh"];
        assert!(wrong.contains(&"tot nghiep") && wrong.contains(&"so do"));
        assert_eq!(yields["sai ho"], yields["sai ngay sinh"]);
        // Everyday phrases sit in the shard a query reads for their first word.
        let shard_of = |word: &str| {
            let keys = front_decoded(manifest["shards"].as_str().expect("keys"));
            let key = keys.iter().filter(|k| word.starts_with(k.as_str())).max_by_key(|k| k.len()).expect("a shard");
            let name = format!("{}.{}.bin", file_key(key), manifest["hash"].as_str().expect("hash"));
            published.files.iter().find(|(n, _)| *n == name).map(|(_, b)| b.clone()).expect("shard file")
        };
        let holds = |bytes: &[u8], text: &str| bytes.windows(text.len()).any(|w| w == text.as_bytes());
        // The built-in list has so many "bằng …" and "sổ …" phrases that they sit by their
        // first two words, joined by "_".
        let bang = shard_of("bang_lai");
        assert!(holds(&bang, "giấy phép điều khiển") && holds(&bang, "giấy phép lái xe"));
        assert!(holds(&shard_of("so_do"), "giấy chứng nhận quyền sử dụng đất"));
        assert!(!holds(&shard_of("so_do"), "giấy phép điều khiển"));
        // Five names are too few for a word to be common.
        assert_eq!(manifest["common"], "");
        // Five names' shards, everyday phrases and all, may pack under 2 kB; whatever is
        // listed is listed right.
        heavy_listed(&published);
        // Every indexed word, for search.js to mend a slip of the keyboard.
        let words = manifest["words"].as_str().expect("words");
        let (_, list) = published.files.iter().find(|(n, _)| n == words).expect("words file");
        let (indexed, real) = std::str::from_utf8(list).expect("utf-8").split_once('\n').expect("two lines");
        assert!(indexed.split(' ').any(|w| w == "sinh") && indexed.split(' ').is_sorted());
        // … then the real words of the everyday list that no name here holds, not to be mended.
        assert!(real.split(' ').any(|w| w == "tuổi") && !real.split(' ').any(|w| w == "sinh"));
        let lengths = manifest["lengths"].as_str().expect("lengths");
        let (_, bytes) = published.files.iter().find(|(n, _)| n == lengths).expect("lengths file");
        assert_eq!(bytes, &[6 | 4 << 4, 7 | 8 << 4, 6]);
        assert_eq!(lengths_file(&[12, 13, 20, 21, 40]), [12 | 13 << 4, 14 | 15 << 4, 15]);
    }

    #[test]
    fn spellings_are_packed_in_as_few_bits_as_they_need() {
        assert_eq!((bits_for(2), bits_for(3), bits_for(4), bits_for(5)), (1, 2, 2, 3));
        let mut out = vec![9];
        pack_bits(&mut out, &[1, 0, 1, 1, 0, 0, 0, 0, 1], 1);
        assert_eq!(out, [9, 0b0000_1101, 1]);
        let mut out = Vec::new();
        pack_bits(&mut out, &[2, 1, 0, 3, 1], 2);
        assert_eq!(out, [0b11_00_01_10, 0b01]);
    }

    /// The national catalog's names (../shared/data/dichvucong), each as its lowercase words.
    fn catalog_names() -> Vec<Vec<String>> {
        let catalog = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dichvucong/catalog.jsonl");
        let text = std::fs::read_to_string(&catalog).expect("the national catalog");
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|row| row["name"].as_str().map(lowercase_words))
            .collect()
    }

    #[test]
    fn every_everyday_wording_stands_in_a_name_of_the_national_catalog() {
        // Real provincial procedures the national sample lacks.
        const PROVINCIAL: [&str; 6] = [
            "trích đo địa chính",
            "bán lẻ rượu",
            "bán lẻ sản phẩm thuốc lá",
            "gộp sổ bảo hiểm xã hội",
            "tuyển sinh tiểu học",
            "cấp giấy phép xây dựng mới đối với công trình cấp iii, cấp iv",
        ];
        let names: Vec<std::collections::BTreeSet<String>> =
            catalog_names().into_iter().map(|words| words.into_iter().collect()).collect();
        let mut named: HashMap<&str, Vec<usize>> = HashMap::new();
        for (n, words) in names.iter().enumerate() {
            for word in words {
                named.entry(word.as_str()).or_default().push(n);
            }
        }
        // Each wording's words, spelled as written, all in one name (most side by side).
        let missing: Vec<String> = everyday()
            .flat_map(|(_, wordings)| wordings)
            .filter(|w| !PROVINCIAL.iter().any(|p| lowered(p) == lowered(w)))
            .filter(|w| {
                let words = lowercase_words(w);
                let first = words.first().and_then(|f| named.get(f.as_str())).map_or(&[][..], Vec::as_slice);
                !first.iter().any(|&n| words.iter().all(|word| names[n].contains(word)))
            })
            .map(String::from)
            .collect();
        assert!(missing.is_empty(), "wordings in no catalog name: {missing:?}");
    }

    #[test]
    fn no_everyday_phrase_typed_bare_is_mostly_another_phrase_of_the_names() {
        // Everyday phrases are met folded: "thưa đất" (to sue over land), typed "thua dat", is
        // "thửa đất" to 253 names and would swallow "tách thửa đất". A phrase whose folded
        // words stand side by side in 20 catalog names or more, never spelled as written (nor
        // as one of its own wordings), is such a trap.
        let names = catalog_names();
        let phrases: HashMap<String, (String, Vec<String>)> = everyday()
            .map(|(phrase, wordings)| {
                (folded(phrase), (lowered(phrase), wordings.iter().map(|w| lowered(w)).collect()))
            })
            .collect();
        let longest = phrases.keys().map(|p| p.split(' ').count()).max().unwrap_or(1);
        // Per phrase: the names holding it spelled as written (or as a wording), and otherwise.
        let mut met: HashMap<&str, [usize; 2]> = HashMap::new();
        for name in &names {
            let folds: Vec<String> = name.iter().map(|w| fold(w)).collect();
            for start in 0..name.len() {
                for n in 1..=longest.min(name.len() - start) {
                    let key = folds[start..start + n].join(" ");
                    if let Some((key, (written, wordings))) = phrases.get_key_value(&key) {
                        let spelled = name[start..start + n].join(" ");
                        let same = spelled == *written || wordings.contains(&spelled);
                        met.entry(key.as_str()).or_default()[usize::from(!same)] += 1;
                    }
                }
            }
        }
        let traps: Vec<String> = met
            .iter()
            .filter(|(_, [same, other])| *same == 0 && *other >= 20)
            .map(|(phrase, [_, other])| format!("{} ({other} names)", phrases[*phrase].0))
            .collect();
        assert!(traps.is_empty(), "everyday phrases that are other words of the names typed bare: {traps:?}");
    }

    #[test]
    fn every_line_of_the_everyday_list_has_a_phrase_and_a_wording() {
        let lines = EVERYDAY.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        let read: Vec<_> = everyday().collect();
        assert_eq!(read.len(), lines, "a line without a tab");
        for (phrase, wordings) in read {
            assert!(!folded(phrase).is_empty() && !wordings.is_empty(), "{phrase}");
            assert!(wordings.iter().all(|w| !folded(w).is_empty()), "{phrase}");
        }
    }

    #[test]
    fn phrases_go_to_the_shard_of_their_first_word_then_of_their_first_two() {
        let table: BTreeMap<String, Vec<String>> = [
            ("bang lai", vec!["giay phep lai xe"]),
            ("mat bao lau", vec![]),
            ("ma so", vec!["ma so thue"]),
            ("gplx", vec!["giay phep lai xe"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
        let phrases: Vec<Said> = table.iter().map(|(p, w)| (p.as_str(), w.as_slice(), &[][..])).collect();
        let shards = shard(&[], &phrases, 2, 10);
        let keys: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["ba", "gp", "ma"]);
        // No terms; then the distinct wordings, then the phrases: the bytes each shares with the
        // one before, the rest, twice its count of wordings (no diacritics given), them by number.
        let mut bang = vec![0, 1];
        text_bytes(&mut bang, "giay phep lai xe");
        bang.push(1);
        bang.push(0);
        text_bytes(&mut bang, "bang lai");
        bang.extend([2, 0]);
        assert_eq!(shards[0].1, bang);
        // "mất bao lâu" asks how long: no wording, so the query leaves it out. "mat bao lau"
        // shares "ma" with "ma so".
        let mut ma = vec![0, 1];
        text_bytes(&mut ma, "ma so thue");
        ma.push(2);
        ma.push(0);
        text_bytes(&mut ma, "ma so");
        ma.extend([2, 0, 2]);
        text_bytes(&mut ma, "t bao lau");
        ma.push(0);
        assert_eq!(shards[2].1, ma);

        // Many phrases starting "xin…" and "xe…" split their shard by their first words and then
        // by the next word's letters, as search.js reads the longest key the word, or the two
        // words joined by "_", start with.
        let many: BTreeMap<String, Vec<String>> = (0..400)
            .map(|i| (format!("{}_{i}", if i % 2 == 0 { "xin" } else { "xe" }), vec![format!("cap giay phep so {i}")]))
            .collect();
        let phrases: Vec<Said> = many.iter().map(|(p, w)| (p.as_str(), w.as_slice(), &[][..])).collect();
        let shards = shard(&[], &phrases, 1, 10);
        let keys: Vec<&str> = shards.iter().map(|(k, _)| k.as_str()).collect();
        assert!(keys.len() > 4 && keys.iter().all(|k| k.starts_with("xe_") || k.starts_with("xin_")), "{keys:?}");
        for (key, bytes) in &shards {
            assert!(bytes.len() <= SHARD_SPLIT_BYTES, "{key}: {}", bytes.len());
        }
        // Each phrase is in the shard of the longest key it starts with: its wording is there.
        for (phrase, wordings, _) in &phrases {
            let key = keys.iter().filter(|k| phrase.starts_with(**k)).max_by_key(|k| k.len()).expect("a key");
            let (_, bytes) = shards.iter().find(|(k, _)| k == key).expect("shard");
            let wording = wordings[0].as_bytes();
            assert!(bytes.windows(wording.len()).any(|w| w == wording), "{phrase} in {key}");
        }
    }

    #[test]
    fn short_phrases_carry_the_diacritics_they_are_written_with() {
        let site = [
            ("tự kỷ".to_string(), vec!["mức độ khuyết tật".to_string()]),
            ("hồ sơ mở quán".to_string(), vec!["đăng ký hộ kinh doanh".to_string()]),
            ("xin visa".to_string(), vec!["cấp thị thực".to_string()]),
        ];
        let spellings = phrase_spellings(&site);
        // "tự": ̛ and nặng; "kỷ": hỏi. search.js turns the phrase off for "tự ký".
        assert_eq!(spellings["tu ky"], [32 | 5, 3]);
        assert_eq!(mark_code("Đường"), 64 | 32 | 1);
        assert_eq!(mark_code("hoà"), mark_code("hòa"));
        // Longer phrases and those written without diacritics read however typed; so does one
        // the lists write two ways ("ki", "kí").
        assert!(!spellings.contains_key("ho so mo quan") && !spellings.contains_key("xin visa"));
        assert!(!spellings.contains_key("ki"));
        // Published after the phrase's wordings, the count doubled and marked odd.
        let wordings = vec!["muc do khuyet tat".to_string()];
        let mut bytes = Vec::new();
        encode_phrases(&mut bytes, &[("tu_ky", &wordings, &spellings["tu ky"])]);
        assert_eq!(bytes[bytes.len() - 4..], [3, 0, 37, 3]);
    }

    #[test]
    fn a_sites_search_yaml_is_read_and_checked() {
        let file = Path::new("content/search.yaml");
        assert!(parse_synonyms(file, "").expect("an empty file is fine").is_empty());
        let table = parse_synonyms(
            file,
            "synonyms:\n  \"Sổ xanh\": \"giấy chứng nhận quyền sở hữu\"\n  tàu cá: [\"tàu cá\", \"phương tiện thủy\"]\n",
        )
        .expect("valid");
        // The phrase is folded; wordings keep their diacritics, matched as spelled.
        assert_eq!(table[0], ("so xanh".to_string(), vec!["giấy chứng nhận quyền sở hữu".to_string()]));
        assert_eq!(table[1].1, ["tàu cá", "phương tiện thủy"]);
        let error = parse_synonyms(file, "synonyms:\n  sổ xanh: \"…\"\n").expect_err("empty wording");
        assert_eq!((error.place.line, error.place.column), (2, 12));
        let error = parse_synonyms(file, "synonym:\n  a: b\n").expect_err("unknown key");
        assert_eq!(error.place.line, 1);
    }

    #[test]
    fn an_age_said_in_words_is_read_as_search_js_reads_it() {
        // The same phrases as search.js spokenAges reads them (tests/browser checks the page).
        for (said, read) in [
            ("làm căn cước cho con mười bốn tuổi", "làm căn cước cho con 14 tuổi"),
            ("trợ cấp bà ngoại tam muoi lam tuoi ko luong huu", "trợ cấp bà ngoại 85 tuoi ko luong huu"),
            ("bà tám mươi lăm tuổi", "bà 85 tuổi"),
            ("cho bé năm tuổi", "cho bé 5 tuổi"),
            ("đến tuổi hai mươi lăm", "đến tuổi 25"),
            ("mười tuổi", "10 tuổi"),
            ("hai mươi mốt tuổi", "21 tuổi"),
            ("ba muoi tuoi", "30 tuoi"),
            ("con 14 tuổi", "con 14 tuổi"),
            ("tạm tuổi", "tạm tuổi"),
            ("mười hai mươi tuổi", "mười 20 tuổi"),
            ("bố tôi năm nay sáu mươi tuổi", "bố tôi năm nay 60 tuổi"),
        ] {
            assert_eq!(spoken_ages(lowercase_words(said)).join(" "), read, "{said}");
        }
        // A site's phrase so written meets the words typed, which search.js reads as digits.
        let table = parse_synonyms(Path::new("content/search.yaml"), "synonyms:\n  thẻ mười bốn tuổi: \"căn cước\"\n")
            .expect("valid");
        assert_eq!(table[0].0, "the 14 tuoi");
        // No built-in phrase says an age in words.
        assert!(everyday().all(|(phrase, _)| key_of(phrase) == folded(phrase)));
    }

    #[test]
    fn common_terms_are_those_in_one_name_in_fifty_commonest_first() {
        let names: Vec<String> = (0..200)
            .map(|i| match i % 4 {
                0 => format!("Cấp lại giấy số{i}"),
                _ => format!("Cấp giấy tờ{i}"),
            })
            .collect();
        let documents: Vec<Document> = names.iter().map(|n| document(n, &[], "", &[])).collect();
        let index = Index::new(&documents);
        // "cap" and "giay" are in all 200 names, "lai" in 50; each numbered word in one.
        assert_eq!(common_terms(&index, documents.len()), ["cap", "giay", "lai"]);
        // Each spelled one way only: no spellings listed.
        let common = common_terms(&index, documents.len());
        assert!(common_spellings(&index, documents.len(), &common).is_empty());
    }

    #[test]
    fn common_spellings_are_those_of_a_common_term_in_one_name_in_fifty() {
        // "tu" in all 200 names: "tư" in 150, "tử" in 50, "từ" in 2.
        let names: Vec<String> = (0..200)
            .map(|i| match i % 4 {
                0 if i < 8 => format!("Đăng ký khai tử từ xa{i}"),
                0 => format!("Đăng ký khai tử {i}"),
                _ => format!("Tư vấn pháp luật {i}"),
            })
            .collect();
        let documents: Vec<Document> = names.iter().map(|n| document(n, &[], "", &[])).collect();
        let index = Index::new(&documents);
        let common = common_terms(&index, documents.len());
        let spelled: std::collections::BTreeSet<String> =
            common_spellings(&index, documents.len(), &common).into_iter().collect();
        assert_eq!(spelled, [format!("tu~{}", marks("tư")), format!("tu~{}", marks("tử"))].into_iter().collect());
        assert!(!spelled.contains(&format!("tu~{}", marks("từ"))));
    }

    #[test]
    fn odd_keys_make_safe_file_names() {
        assert_eq!(file_key("th"), "th");
        assert_eq!(file_key("ø"), "xc3b8");
        assert_eq!(prefix("thủ", 2), "th");
        assert_eq!(prefix("a", 2), "a");
    }
}
