//! Checks that need the whole site (unit references, unique codes and slugs, fields, forms)
//! and the links they resolve, which the build then uses as they are.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, Place, did_you_mean};
use crate::model::{Site, Spot, UnitKind, UnitRef};
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
    /// Units each procedure names in `units:` (indices into `site.units`), in the order written.
    /// A procedure of a group names none: see [`Links::units_handling`].
    pub units_of: Vec<Vec<usize>>,
    /// The group of each procedure written `units: { kind: …, parent: … }` (index into `groups`).
    pub group_of: Vec<Option<usize>>,
    /// Groups of units (every commune…), in kind order, plain ones before those under a parent.
    pub groups: Vec<UnitGroup>,
    /// The groups each unit belongs to (indices into `groups`).
    pub groups_of_unit: Vec<Vec<usize>>,
    /// Procedures that name each unit in `units:`, in Vietnamese name order; those of the unit's
    /// groups are in `groups[g].procedures`.
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

/// Units written as `units: { kind: …, parent: … }`: every unit of a kind (under one parent).
/// It stays one entry, never one per unit: a country has thousands of communes, each doing the
/// same thousand procedures. Selectors that pick the same units (two or more) are one group;
/// a selector that picks a single unit names that unit.
#[derive(Debug, Clone)]
pub struct UnitGroup {
    pub kind: UnitKind,
    /// The parent unit written, unless a selector of the group names none.
    pub parent: Option<usize>,
    /// `moi-xa-phuong`, or `<parent id>/moi-xa-phuong`: the group's page is `/don-vi/<slug>/`.
    pub slug: String,
    /// Its units, in content/units.yaml order.
    pub units: Vec<usize>,
    /// Its procedures, in Vietnamese name order.
    pub procedures: Vec<usize>,
}

impl UnitGroup {
    /// "mọi xã, phường", or "mọi xã, phường thuộc UBND tỉnh Mẫu".
    pub fn name(&self, site: &Site) -> String {
        match self.parent {
            Some(p) => format!("{} thuộc {}", self.kind.every(), site.units[p].name),
            None => self.kind.every(),
        }
    }
}

impl Links {
    /// Whether unit `u` handles procedure `p`: named in its `units:`, or one of its group.
    pub fn handles(&self, p: usize, u: usize) -> bool {
        self.units_of[p].contains(&u) || self.group_of[p].is_some_and(|g| self.groups_of_unit[u].contains(&g))
    }

    /// How many units handle procedure `p`.
    pub fn unit_count(&self, p: usize) -> usize {
        self.units_of[p].len() + self.group_of[p].map_or(0, |g| self.groups[g].units.len())
    }

    /// Every unit that handles procedure `p`: those named, then those of its group.
    pub fn units_handling(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        let group = self.group_of[p].map_or(&[][..], |g| &self.groups[g].units[..]);
        self.units_of[p].iter().chain(group).copied()
    }

    /// How many procedures unit `u` handles: those naming it and those of its groups (a
    /// procedure has either named units or one group, so none is counted twice).
    pub fn procedure_count(&self, u: usize) -> usize {
        self.procedures_of[u].len()
            + self.groups_of_unit[u].iter().map(|&g| self.groups[g].procedures.len()).sum::<usize>()
    }
}

/// What one `{ kind, parent }` selector picks.
#[derive(Clone, Copy)]
enum Selected {
    Nothing,
    One(usize),
    Group(usize),
}

/// The units of `kind` (under `parent`), in content/units.yaml order.
fn units_of_kind(
    site: &Site,
    unit_index: &HashMap<String, usize>,
    kind: UnitKind,
    parent: Option<usize>,
) -> Vec<usize> {
    site.units
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            u.kind == kind
                && parent.is_none_or(|p| u.parent.as_ref().is_some_and(|up| unit_index.get(&up.value) == Some(&p)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Groups in kind order (plain before those under a parent, parents in units.yaml order), with
/// their slugs, and each procedure's group renumbered to match.
fn order_groups(
    site: &Site,
    mut groups: Vec<UnitGroup>,
    group_of: Vec<Option<usize>>,
) -> (Vec<UnitGroup>, Vec<Option<usize>>) {
    let kind_order = |k: UnitKind| UnitKind::ALL.iter().position(|&x| x == k);
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| (kind_order(groups[g].kind), groups[g].parent.map(|p| p + 1).unwrap_or(0)));
    let mut renumbered = vec![0; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        renumbered[old] = new;
    }
    for group in &mut groups {
        let every = slugify(&group.kind.every());
        group.slug = match group.parent {
            Some(p) => format!("{}/{every}", site.units[p].id),
            None => every,
        };
    }
    let mut slots: Vec<Option<UnitGroup>> = groups.into_iter().map(Some).collect();
    let groups = order.iter().filter_map(|&old| slots[old].take()).collect();
    (groups, group_of.into_iter().map(|g| g.map(|g| renumbered[g])).collect())
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

    // Units of each procedure: those named, or one group for `{ kind: …, parent: … }`.
    let mut units_of = Vec::with_capacity(site.procedures.len());
    let mut group_of = vec![None; site.procedures.len()];
    let mut groups: Vec<UnitGroup> = Vec::new();
    // What each distinct selector picks, worked out once; selectors picking the same units
    // share one group.
    let mut selected: HashMap<(UnitKind, Option<usize>), Selected> = HashMap::new();
    let mut group_by_units: HashMap<Vec<usize>, usize> = HashMap::new();
    for (p, procedure) in site.procedures.iter().enumerate() {
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
                let parent = match parent {
                    None => Some(None),
                    Some(id) => match unit_index.get(&id.value) {
                        Some(&i) => Some(Some(i)),
                        None => {
                            problems.push(unknown_unit(id));
                            None
                        }
                    },
                };
                if let Some(parent) = parent {
                    let choice = *selected.entry((*kind, parent)).or_insert_with(|| {
                        let members = units_of_kind(site, &unit_index, *kind, parent);
                        match members.as_slice() {
                            [] => Selected::Nothing,
                            [one] => Selected::One(*one),
                            _ => {
                                let next = groups.len();
                                let g = *group_by_units.entry(members.clone()).or_insert(next);
                                if g == next {
                                    groups.push(UnitGroup {
                                        kind: *kind,
                                        parent,
                                        slug: String::new(),
                                        units: members,
                                        procedures: Vec::new(),
                                    });
                                } else if parent.is_none() {
                                    // The same units with and without a parent: the plain name reads best.
                                    groups[g].parent = None;
                                }
                                Selected::Group(g)
                            }
                        }
                    });
                    match choice {
                        Selected::Nothing => problems.push(
                            Diagnostic::error(
                                place.clone(),
                                format!("không có đơn vị nào thuộc loại `{}`", kind.key()),
                            )
                            .with_hint("thêm các đơn vị loại này vào content/units.yaml, hoặc ghi mã đơn vị cụ thể"),
                        ),
                        Selected::One(u) => units.push(u),
                        Selected::Group(g) => group_of[p] = Some(g),
                    }
                }
            }
        }
        units_of.push(units);
    }
    let (groups, group_of) = order_groups(site, groups, group_of);
    for group in groups.iter().filter(|g| g.parent.is_none()) {
        if let Some(&u) = unit_index.get(&group.slug) {
            problems.push(
                Diagnostic::error(
                    site.units[u].place.clone(),
                    format!(
                        "mã đơn vị `{}` trùng với địa chỉ /don-vi/{}/ của trang các thủ tục {} đều giải quyết",
                        site.units[u].id,
                        group.slug,
                        group.kind.every()
                    ),
                )
                .with_hint("đổi `id` của đơn vị này (và mọi chỗ ghi mã đó)"),
            );
        }
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
    let mut groups = groups;
    for &p in &by_name {
        for &u in &units_of[p] {
            procedures_of[u].push(p);
        }
        if let Some(g) = group_of[p] {
            groups[g].procedures.push(p);
        }
    }
    let mut groups_of_unit = vec![Vec::new(); site.units.len()];
    for (g, group) in groups.iter().enumerate() {
        for &u in &group.units {
            groups_of_unit[u].push(g);
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
        let group_hotline: Vec<bool> =
            groups.iter().map(|g| g.units.iter().any(|&u| site.units[u].hotline.is_some())).collect();
        for (p, procedure) in site.procedures.iter().enumerate() {
            let some_unit = !units_of[p].is_empty() || group_of[p].is_some();
            let unit_hotline = units_of[p].iter().any(|&u| site.units[u].hotline.is_some())
                || group_of[p].is_some_and(|g| group_hotline[g]);
            if procedure.hotline.is_none() && !unit_hotline && some_unit {
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
        group_of,
        groups,
        groups_of_unit,
        procedures_of,
        field_of,
        fields,
        by_name,
        unit_index,
        results,
        results_of_unit,
        results_of_procedure,
    };
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

    /// A site root with `communes` communes (under a province), one department, and
    /// `shared` procedures written `units: { kind: commune }` plus one of the department.
    fn national_site(dir: &std::path::Path, communes: usize, shared: usize) -> Site {
        std::fs::create_dir_all(dir.join("content")).unwrap();
        std::fs::create_dir_all(dir.join("procedures")).unwrap();
        std::fs::write(dir.join("content/site.yaml"), "title: \"Thử\"\nbase_url: \"https://thu.example.gov.vn\"\n")
            .unwrap();
        let mut units = String::from("- id: tinh\n  name: \"UBND tỉnh\"\n  kind: province\n");
        units.push_str("- id: so-a\n  name: \"Sở A\"\n  kind: department\n  parent: tinh\n");
        for c in 0..communes {
            units.push_str(&format!("- id: xa-{c}\n  name: \"UBND xã {c}\"\n  kind: commune\n  parent: tinh\n"));
        }
        std::fs::write(dir.join("content/units.yaml"), units).unwrap();
        let procedure = |code: usize, units: &str| {
            format!(
                "code: \"1.{code:06}\"\nname: \"Thủ tục {code}\"\nfield: \"Hộ tịch\"\nlevel: commune\n{units}\ntime:\n  statutory: \"5 ngày làm việc\"\nupdated: 2026-01-15\npapers: none\nfees:\n  - name: \"Lệ phí\"\n    amount: 0\n"
            )
        };
        for p in 0..shared {
            // Every tenth names the parent: the same communes, so the same group.
            let units = if p % 10 == 0 { "units: { kind: commune, parent: tinh }" } else { "units: { kind: commune }" };
            std::fs::write(dir.join(format!("procedures/p{p}.yaml")), procedure(p, units)).unwrap();
        }
        std::fs::write(dir.join("procedures/so.yaml"), procedure(999_999, "unit: so-a")).unwrap();
        let loaded = crate::load::load(dir, None);
        assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
        loaded.site
    }

    /// 2,000 communes doing 500 procedures: one group, never a million (procedure, commune)
    /// pairs; still every commune handles every one of them.
    #[test]
    fn every_commune_procedures_stay_one_group_at_national_size() {
        let dir = tempfile::tempdir().unwrap();
        let site = national_site(dir.path(), 2000, 500);
        let (links, problems) = check(&site);
        assert!(!problems.has_errors(), "{problems:?}");
        assert_eq!(links.groups.len(), 1, "with and without the parent that all communes share: one group");
        let group = &links.groups[0];
        assert_eq!((group.kind, group.parent, group.slug.as_str()), (UnitKind::Commune, None, "moi-xa-phuong"));
        assert_eq!((group.units.len(), group.procedures.len()), (2000, 500));
        // What Links holds grows with communes + procedures, not with their product.
        let entries = links.units_of.iter().map(Vec::len).sum::<usize>()
            + links.procedures_of.iter().map(Vec::len).sum::<usize>()
            + links.groups_of_unit.iter().map(Vec::len).sum::<usize>()
            + links.groups.iter().map(|g| g.units.len() + g.procedures.len()).sum::<usize>();
        assert!(entries <= 2 * (2000 + 501) + 2, "{entries} entries for 2,000 communes × 500 procedures");
        let department = links.unit_index["so-a"];
        let own = links.procedures_of[department][0];
        for u in [links.unit_index["xa-0"], links.unit_index["xa-1999"]] {
            assert_eq!(links.procedure_count(u), 500);
            assert!(links.procedures_of[u].is_empty(), "nothing of a commune's own");
            assert!(group.procedures.iter().all(|&p| links.handles(p, u)));
            assert!(!links.handles(own, u));
        }
        assert!(links.handles(own, department) && !links.handles(group.procedures[0], department));
        assert_eq!(links.unit_count(group.procedures[0]), 2000);
        assert_eq!(links.units_handling(own).collect::<Vec<_>>(), vec![department]);
    }

    /// A unit whose id is the group's address would have its page overwritten: an error.
    #[test]
    fn a_unit_id_equal_to_a_group_address_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut site = national_site(dir.path(), 3, 2);
        site.units[2].id = "moi-xa-phuong".into();
        let (_, problems) = check(&site);
        let message = format!("{problems:?}");
        assert!(problems.has_errors() && message.contains("/don-vi/moi-xa-phuong/"), "{message}");
    }

    /// A selector that picks one unit names that unit: no group, no group page.
    #[test]
    fn a_kind_with_one_unit_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let site = national_site(dir.path(), 1, 3);
        let (links, problems) = check(&site);
        assert!(!problems.has_errors(), "{problems:?}");
        assert!(links.groups.is_empty());
        assert_eq!(links.procedures_of[links.unit_index["xa-0"]].len(), 3);
    }

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
