//! Checks that need the whole site (unit references, unique codes and slugs, fields, forms)
//! and the links they resolve, which the build then uses as they are.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, Place, did_you_mean};
use crate::model::{Site, Spot, UnitRef};
use crate::text::{collation_key, slugify};

/// One field (lĩnh vực) and its procedures in Vietnamese order.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub slug: String,
    pub procedures: Vec<usize>,
}

/// What the build needs resolved: who does what, and every address.
#[derive(Debug, Default)]
pub struct Links {
    /// Slug of each procedure, by index.
    pub slugs: Vec<String>,
    /// Units of each procedure (indices into `site.units`).
    pub units_of: Vec<Vec<usize>>,
    /// Procedures of each unit, in Vietnamese name order.
    pub procedures_of: Vec<Vec<usize>>,
    /// Field of each procedure (index into `fields`).
    pub field_of: Vec<usize>,
    /// Fields in Vietnamese order.
    pub fields: Vec<Field>,
    /// All procedures in Vietnamese name order.
    pub by_name: Vec<usize>,
    pub unit_index: HashMap<String, usize>,
    /// Result rows that passed their checks, latest period first, then by unit and procedure.
    pub results: Vec<crate::check_results::CheckedRow>,
    /// Indices into `results` of each unit's rows, and of each procedure's rows, in that order.
    pub results_of_unit: Vec<Vec<usize>>,
    pub results_of_procedure: Vec<Vec<usize>>,
}

/// Checks the loaded site; returns the resolved links and every problem found.
pub fn check(site: &Site) -> (Links, Diagnostics) {
    let mut problems = Diagnostics::new();
    let unit_index: HashMap<String, usize> = site.units.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect();
    let unknown_unit = |spot: &Spot<String>| {
        Diagnostic::error(spot.place.clone(), format!("không có đơn vị `{}` trong content/units.yaml", spot.value))
            .with_hint(crate::diagnostics::unit_hint(
                &spot.value,
                site.units.iter().map(|u| (u.id.as_str(), u.name.as_str())),
            ))
    };

    for unit in &site.units {
        if let Some(parent) = &unit.parent {
            if !unit_index.contains_key(&parent.value) {
                problems.push(unknown_unit(parent));
            } else if parent.value == unit.id {
                problems.push(Diagnostic::error(parent.place.clone(), "đơn vị không thể là cấp trên của chính nó"));
            }
        }
    }

    // Units of each procedure.
    let mut units_of = Vec::with_capacity(site.procedures.len());
    for procedure in &site.procedures {
        let mut units = Vec::new();
        match &procedure.units {
            UnitRef::One(id) => match unit_index.get(&id.value) {
                Some(&i) => units.push(i),
                None => problems.push(unknown_unit(id)),
            },
            UnitRef::Many(ids) => {
                for id in ids {
                    match unit_index.get(&id.value) {
                        Some(&i) if units.contains(&i) => problems.push(Diagnostic::warning(
                            id.place.clone(),
                            format!("đơn vị `{}` được ghi hai lần", id.value),
                        )),
                        Some(&i) => units.push(i),
                        None => problems.push(unknown_unit(id)),
                    }
                }
            }
            UnitRef::Kind { kind, parent, place } => {
                if let Some(parent) = parent.as_ref().filter(|p| !unit_index.contains_key(&p.value)) {
                    problems.push(unknown_unit(parent));
                }
                units.extend(site.units.iter().enumerate().filter_map(|(i, u)| {
                    let parent_ok =
                        parent.as_ref().is_none_or(|p| u.parent.as_ref().is_some_and(|up| up.value == p.value));
                    (u.kind == *kind && parent_ok).then_some(i)
                }));
                if units.is_empty() && parent.as_ref().is_none_or(|p| unit_index.contains_key(&p.value)) {
                    problems.push(
                        Diagnostic::error(
                            place.clone(),
                            format!("không có đơn vị nào thuộc loại `{kind:?}`", kind = kind).to_lowercase(),
                        )
                        .with_hint("thêm các đơn vị loại này vào content/units.yaml, hoặc ghi mã đơn vị cụ thể"),
                    );
                }
            }
        }
        units_of.push(units);
    }

    // Codes are unique.
    let mut codes: HashMap<&str, &Place> = HashMap::new();
    for procedure in &site.procedures {
        if procedure.code.value.starts_with("0.") {
            problems.push(
                Diagnostic::warning(
                    procedure.code.place.clone(),
                    format!("mã thủ tục `{}` là mã tạm do `congkhai new procedure` đặt", procedure.code.value),
                )
                .with_hint("thay bằng mã thủ tục quốc gia, tra trên Cổng Dịch vụ công quốc gia"),
            );
        }
        if let Some(first) = codes.insert(&procedure.code.value, &procedure.code.place) {
            problems.push(
                Diagnostic::error(
                    procedure.code.place.clone(),
                    format!("mã thủ tục `{}` bị trùng", procedure.code.value),
                )
                .with_hint(format!(
                    "mã này đã dùng ở {}:{}; mỗi thủ tục có một mã riêng",
                    relative(site, first),
                    first.line
                )),
            );
            codes.insert(&procedure.code.value, first);
        }
    }

    let slugs = assign_slugs(site, &mut problems);
    let (fields, field_of) = group_fields(site, &mut problems);

    let mut by_name: Vec<usize> = (0..site.procedures.len()).collect();
    let keys: Vec<Vec<u32>> = site.procedures.iter().map(|p| collation_key(&p.name)).collect();
    by_name.sort_by(|&a, &b| {
        keys[a].cmp(&keys[b]).then_with(|| site.procedures[a].code.value.cmp(&site.procedures[b].code.value))
    });
    let mut procedures_of = vec![Vec::new(); site.units.len()];
    for &p in &by_name {
        for &u in &units_of[p] {
            procedures_of[u].push(p);
        }
    }
    let mut fields = fields;
    for &p in &by_name {
        fields[field_of[p]].procedures.push(p);
    }

    // Forms must exist under content/files/.
    let files: HashSet<&str> = site.files.iter().map(String::as_str).collect();
    for procedure in &site.procedures {
        let papers = procedure.papers.iter().chain(procedure.cases.iter().flat_map(|c| c.papers.iter()));
        for form in papers.filter_map(|p| p.form_file()) {
            let path = form.value.trim_start_matches("/tep/").trim_start_matches('/');
            if path.split('/').any(|part| part == ".." || part.is_empty()) || !files.contains(path) {
                problems.push(
                    Diagnostic::error(
                        form.place.clone(),
                        format!("không có tệp mẫu `{}` trong content/files/", form.value),
                    )
                    .with_hint(match did_you_mean(path, files.iter().copied()) {
                        Some(near) => format!("có phải ý bạn là `{near}`?"),
                        None => "chép tệp vào content/files/ rồi ghi đường dẫn tính từ thư mục đó".to_string(),
                    }),
                );
            }
        }
    }

    // Facts still unfilled: one warning per procedure, naming them all (FORMAT.md, format v3).
    for procedure in &site.procedures {
        let missing = procedure.unfilled();
        if !missing.is_empty() {
            problems.push(
                Diagnostic::warning(
                    Place::file(&procedure.file),
                    format!("thủ tục `{}` còn thiếu thông tin: {}", procedure.code.value, missing.join("; ")),
                )
                .with_hint("trang sẽ ghi \"Chưa có thông tin…\" cho đến khi điền; miễn phí viết `amount: 0`, không cần giấy tờ viết `papers: none`"),
            );
        }
    }

    // A procedure with no hotline anywhere leaves citizens without a number to call.
    if site.config.hotline.is_none() {
        for (p, procedure) in site.procedures.iter().enumerate() {
            if procedure.hotline.is_none()
                && units_of[p].iter().all(|&u| site.units[u].hotline.is_none())
                && !units_of[p].is_empty()
            {
                problems.push(
                    Diagnostic::warning(
                        procedure.code.place.clone(),
                        "thủ tục không có đường dây nóng nào (của thủ tục, đơn vị hay trang)",
                    )
                    .with_hint("thêm `hotline:` vào thủ tục, vào đơn vị, hoặc vào content/site.yaml"),
                );
            }
        }
    }

    let (mut results, result_problems) = crate::check_results::check_results(site, &unit_index);
    problems.extend(result_problems);
    results.sort_by(|a, b| {
        let (pa, pb) = (site.results[a.row].period, site.results[b.row].period);
        pb.order().cmp(&pa.order()).then(a.unit.cmp(&b.unit)).then(a.procedure.cmp(&b.procedure))
    });

    let mut results_of_unit = vec![Vec::new(); site.units.len()];
    let mut results_of_procedure = vec![Vec::new(); site.procedures.len()];
    for (i, row) in results.iter().enumerate() {
        results_of_unit[row.unit].push(i);
        if let Some(p) = row.procedure {
            results_of_procedure[p].push(i);
        }
    }

    let links = Links {
        slugs,
        units_of,
        procedures_of,
        field_of,
        fields,
        by_name,
        unit_index,
        results,
        results_of_unit,
        results_of_procedure,
    };
    // content/search.yaml is read when the index is built; `check` finds its slips too.
    if let Err(problem) = crate::search::load_synonyms(&site.root) {
        problems.push(problem);
    }
    (links, problems)
}

fn relative(site: &Site, place: &Place) -> String {
    place.file.strip_prefix(&site.root).unwrap_or(&place.file).display().to_string().replace('\\', "/")
}

/// FORMAT.md's rule: names that give the same slug all get `-<code>`; `slug:` overrides.
fn assign_slugs(site: &Site, problems: &mut Diagnostics) -> Vec<String> {
    let from_name: Vec<String> = site.procedures.iter().map(|p| shorten_slug(slugify(&p.name))).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (p, slug) in site.procedures.iter().zip(&from_name) {
        if p.slug.is_none() {
            *counts.entry(slug.as_str()).or_default() += 1;
        }
    }
    let slugs: Vec<String> = site
        .procedures
        .iter()
        .zip(&from_name)
        .map(|(p, slug)| match &p.slug {
            Some(own) => own.value.clone(),
            None if counts[slug.as_str()] > 1 || slug.is_empty() => {
                let code = p.code.value.replace('.', "-").to_lowercase();
                if slug.is_empty() { code } else { format!("{slug}-{code}") }
            }
            None => slug.clone(),
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, slug) in slugs.iter().enumerate() {
        if let Some(&first) = seen.get(slug.as_str()) {
            let procedure = &site.procedures[i];
            let place = procedure.slug.as_ref().map_or(&procedure.code.place, |s| &s.place);
            let other = &site.procedures[first];
            problems.push(
                Diagnostic::error(
                    place.clone(),
                    format!("địa chỉ /thu-tuc/{slug}/ trùng với thủ tục `{}` ({})", other.name, other.code.value),
                )
                .with_hint("đổi `slug:` của một trong hai thủ tục"),
            );
        } else {
            seen.insert(slug, i);
        }
    }
    slugs
}

/// Folder names have a length limit: long names keep their first words, cut at a `-`.
fn shorten_slug(slug: String) -> String {
    const LIMIT: usize = 100;
    if slug.len() <= LIMIT {
        return slug;
    }
    let cut = slug[..LIMIT].rfind('-').unwrap_or(LIMIT);
    slug[..cut].to_string()
}

fn group_fields(site: &Site, problems: &mut Diagnostics) -> (Vec<Field>, Vec<usize>) {
    let allowed: Option<Vec<&str>> = site.config.fields.as_ref().map(|f| f.iter().map(|s| s.value.as_str()).collect());
    let mut by_slug: BTreeMap<String, String> = BTreeMap::new();
    for procedure in &site.procedures {
        let name = &procedure.field.value;
        if let Some(allowed) = &allowed
            && !allowed.contains(&name.as_str())
        {
            problems.push(
                Diagnostic::error(
                    procedure.field.place.clone(),
                    format!("lĩnh vực `{name}` không có trong danh sách `fields` của content/site.yaml"),
                )
                .with_hint(match did_you_mean(name, allowed.iter().copied()) {
                    Some(near) => format!("có phải ý bạn là `{near}`?"),
                    None => {
                        "thêm lĩnh vực vào `fields:` trong content/site.yaml, hoặc chọn một lĩnh vực có sẵn".to_string()
                    }
                }),
            );
        }
        // Real national field names run past 100 characters: keep their first words.
        let slug = shorten_slug(slugify(name));
        if slug.is_empty() {
            problems.push(
                Diagnostic::error(
                    procedure.field.place.clone(),
                    format!(
                        "lĩnh vực `{name}` không cho ra địa chỉ /linh-vuc/…/ dùng được (không có chữ cái hay chữ số)"
                    ),
                )
                .with_hint("viết tên lĩnh vực bằng chữ tiếng Việt, ví dụ `field: \"Hộ tịch\"`"),
            );
        }
        match by_slug.get(&slug) {
            Some(existing) if existing != name => problems.push(
                Diagnostic::error(
                    procedure.field.place.clone(),
                    format!("lĩnh vực `{name}` viết khác với `{existing}`"),
                )
                .with_hint(format!("viết thống nhất `field: \"{existing}\"`")),
            ),
            Some(_) => {}
            None => {
                by_slug.insert(slug, name.clone());
            }
        }
    }
    let mut fields: Vec<Field> =
        by_slug.into_iter().map(|(slug, name)| Field { name, slug, procedures: Vec::new() }).collect();
    fields.sort_by_key(|f| collation_key(&f.name));
    let index: HashMap<&str, usize> = fields.iter().enumerate().map(|(i, f)| (f.slug.as_str(), i)).collect();
    let field_of = site.procedures.iter().map(|p| index[shorten_slug(slugify(&p.field.value)).as_str()]).collect();
    (fields, field_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_long_field_name_keeps_its_first_words_within_a_folder_name() {
        let name =
            "Quản lý nhiệm vụ khoa học, công nghệ và đổi mới sáng tạo sử dụng ngân sách nhà nước của Bộ Công Thương";
        let slug = shorten_slug(slugify(name));
        assert!(slug.len() <= 100 && !slug.ends_with('-'), "{slug}");
        assert!(slug.starts_with("quan-ly-nhiem-vu-khoa-hoc-cong-nghe"), "{slug}");
    }

    #[test]
    fn long_slugs_are_cut_at_a_word() {
        let long = "cap-giay-chung-nhan-".repeat(10);
        let short = shorten_slug(long.trim_end_matches('-').to_string());
        assert!(short.len() <= 100 && !short.ends_with('-') && long.starts_with(&short), "{short}");
        assert_eq!(shorten_slug("dang-ky-khai-sinh".into()), "dang-ky-khai-sinh");
    }
}
