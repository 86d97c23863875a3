//! content/units.yaml → units.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Place};
use crate::load::{check_lookup_url, read_source};
use crate::model::source::UnitSource;
use crate::model::{Spot, Unit};
use crate::text::is_slug;
use crate::yaml::{self, place_of};

/// Units in file order, plus problems found in single entries (bad or duplicate ids).
pub fn load_units(path: &Path) -> Result<(Vec<Unit>, Vec<Diagnostic>), Diagnostic> {
    let text = read_source(path).map_err(|d| {
        if d.message.contains("not found") {
            Diagnostic::error(Place::file(path), "thiếu tệp danh sách đơn vị content/units.yaml")
                .with_hint("tạo tệp với ít nhất một đơn vị: `- id: …`, `name: …`, `kind: …`")
        } else {
            d
        }
    })?;
    let sources: Vec<UnitSource> = yaml::parse(path, &text)?;
    let mut problems = Vec::new();
    let mut seen: HashMap<String, Place> = HashMap::new();
    let mut units = Vec::with_capacity(sources.len());
    for source in sources {
        let place = place_of(path, &source.id);
        let mut id = source.id.value.trim().to_string();
        if !is_slug(&id) {
            let fixed = crate::text::slugify(&id);
            problems.push(
                Diagnostic::error(place.clone(), format!("mã đơn vị `{id}` không hợp lệ"))
                    .with_hint(format!("chỉ dùng chữ thường không dấu, số và `-`: viết `id: {fixed}`")),
            );
            // Kept under the fixed id, so that procedures naming it are not all reported too.
            if fixed.is_empty() || seen.contains_key(&fixed) {
                continue;
            }
            id = fixed;
        }
        if let Some(first) = seen.get(&id) {
            problems.push(
                Diagnostic::error(place.clone(), format!("mã đơn vị `{id}` bị trùng"))
                    .with_hint(format!("đã dùng ở dòng {}; mỗi đơn vị cần một mã riêng", first.line)),
            );
            continue;
        }
        seen.insert(id.clone(), place.clone());
        let lookup_url = source.lookup_url.as_ref().and_then(|u| check_lookup_url(path, u, &mut problems));
        units.push(Unit {
            id,
            place,
            name: source.name,
            kind: source.kind,
            parent: source.parent.map(|p| Spot { place: place_of(path, &p), value: p.value.trim().to_string() }),
            address: source.address,
            hotline: source.hotline,
            email: source.email,
            hours: source.hours,
            feedback: source.feedback,
            lookup_url,
            reception_officers: source.reception,
        });
    }
    Ok((units, problems))
}
