//! `congkhai new site|procedure|unit`: starting files with a Vietnamese comment on every key,
//! each pointing at its JSON Schema so the editor validates and completes as the clerk types.
//! Scaffolds build as they are; they never overwrite a file.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Place, did_you_mean};
use crate::model::source::UnitKind;
use crate::text::slugify;

/// Where a site keeps the schemas its YAML files point at (works offline in the editor).
pub const SCHEMA_DIR: &str = ".schema";

/// The schema kinds written into `<root>/.schema/`.
pub const SCHEMA_KINDS: [&str; 3] = ["site", "units", "procedure"];

/// The first line of a YAML file of `kind` at `file` (relative to the site root).
pub fn schema_line(kind: &str, file: &Path) -> String {
    let depth = file.parent().map(|p| p.components().count()).unwrap_or(0);
    format!("# yaml-language-server: $schema={}{SCHEMA_DIR}/{kind}.json", "../".repeat(depth))
}

/// Writes `<root>/.schema/{site,units,procedure}.json` from the schemas built into this binary.
pub fn write_schemas(root: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = root.join(SCHEMA_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| io_problem(&dir, e))?;
    let mut written = Vec::new();
    for kind in SCHEMA_KINDS {
        let path = dir.join(format!("{kind}.json"));
        let json = crate::schema::schema_json(kind).unwrap_or_default();
        std::fs::write(&path, format!("{json}\n")).map_err(|e| io_problem(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

fn io_problem(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Place::file(path), format!("không ghi được tệp: {e}"))
}

/// Writes a new file; refuses to replace one that exists.
fn create(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_problem(dir, e))?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::error(Place::file(path), "tệp đã có; không ghi đè")
                .with_hint("chọn tên khác hoặc tự xóa tệp cũ")
        } else {
            io_problem(path, e)
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| io_problem(path, e))
}

/// Today's date in Vietnam (UTC+7), `YYYY-MM-DD`.
pub fn today() -> String {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    crate::dvc::vietnam_date(i64::try_from(ms).unwrap_or(0))
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// `congkhai new site DIR`: a small site that builds as it is.
pub fn new_site(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.join("content").exists() || dir.join("procedures").exists() {
        return Err(Diagnostic::error(
            Place::file(dir),
            format!("thư mục `{}` đã có trang (content/ hoặc procedures/); không ghi đè", dir.display()),
        )
        .with_hint("chọn một thư mục mới, ví dụ `congkhai new site trang-moi`"));
    }
    let mut written = Vec::new();
    let files: [(&str, &str, Option<&str>); 5] = [
        ("content/site.yaml", SITE_YAML, Some("site")),
        ("content/units.yaml", UNITS_YAML, Some("units")),
        ("content/gioi-thieu.md", ABOUT_MD, None),
        ("procedures/ho-tich/dang-ky-khai-sinh.yaml", PROCEDURE_YAML, Some("procedure")),
        (".gitignore", "public/\n", None),
    ];
    for (relative, text, kind) in files {
        let path = dir.join(relative);
        let text = match kind {
            Some(kind) => format!("{}\n{}", schema_line(kind, Path::new(relative)), text.replace("{today}", &today())),
            None => text.to_string(),
        };
        create(&path, &text)?;
        written.push(path);
    }
    std::fs::create_dir_all(dir.join("content/files")).map_err(|e| io_problem(dir, e))?;
    std::fs::create_dir_all(dir.join("content/results")).map_err(|e| io_problem(dir, e))?;
    written.extend(write_schemas(dir)?);
    Ok(written)
}

/// The ids and kinds of the units in `content/units.yaml`, read leniently (the file may be
/// half-edited; the real checks happen in `check`).
fn unit_ids(root: &Path) -> Result<Vec<(String, String)>, Diagnostic> {
    let path = root.join("content/units.yaml");
    let text = crate::load::read_source(&path)?;
    let units: Vec<serde_json::Value> = crate::yaml::parse(&path, &text)?;
    Ok(units
        .iter()
        .filter_map(|u| Some((u["id"].as_str()?.to_string(), u["kind"].as_str().unwrap_or("").to_string())))
        .collect())
}

/// The fixed list of fields in content/site.yaml, if the site has one.
fn fixed_fields(root: &Path) -> Vec<String> {
    let path = root.join("content/site.yaml");
    let Ok(text) = crate::load::read_source(&path) else { return Vec::new() };
    let Ok(site) = crate::yaml::parse::<serde_json::Value>(&path, &text) else { return Vec::new() };
    site["fields"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// Every `code:` already used under procedures/, read line by line.
pub fn existing_codes(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root.join("procedures"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .flat_map(|text| {
            text.lines()
                .filter_map(|l| l.strip_prefix("code:"))
                .map(|v| v.split(" #").next().unwrap_or(v).trim().trim_matches(['"', '\'']).to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A free path `procedures/<field-slug>/<slug>[-N].yaml`.
pub fn free_procedure_path(root: &Path, field: &str, name: &str) -> PathBuf {
    let folder = root.join("procedures").join(non_empty(slugify(field), "khac"));
    let slug = non_empty(slugify(name), "thu-tuc");
    let mut path = folder.join(format!("{slug}.yaml"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{slug}-{n}.yaml"));
        n += 1;
    }
    path
}

fn non_empty(text: String, fallback: &str) -> String {
    if text.is_empty() { fallback.to_string() } else { text }
}

fn unknown_unit(root: &Path, unit: &str, ids: &[(String, String)]) -> Diagnostic {
    Diagnostic::error(
        Place::file(root.join("content/units.yaml")),
        format!("không có đơn vị `{unit}` trong content/units.yaml"),
    )
    .with_hint(match did_you_mean(unit, ids.iter().map(|(id, _)| id.as_str())) {
        Some(near) => format!("có phải ý bạn là `{near}`?"),
        None => "thêm đơn vị trước bằng `congkhai new unit --id … --name … --kind …`".into(),
    })
}

/// What `new procedure` was asked for.
pub struct NewProcedure<'a> {
    pub unit: &'a str,
    pub name: &'a str,
    pub field: Option<&'a str>,
    pub code: Option<&'a str>,
}

/// `congkhai new procedure`: writes one procedure file that builds as it is; returns its path
/// and the code it got (a temporary `0.…` code when none was given, which `check` warns about).
pub fn new_procedure(root: &Path, request: &NewProcedure) -> Result<(PathBuf, String), Diagnostic> {
    let ids = unit_ids(root)?;
    let Some((_, kind)) = ids.iter().find(|(id, _)| id == request.unit) else {
        return Err(unknown_unit(root, request.unit, &ids));
    };
    if request.name.trim().is_empty() {
        return Err(Diagnostic::error(Place::file(root), "tên thủ tục (`--name`) đang trống")
            .with_hint("ví dụ `--name \"Cấp đổi giấy phép lái xe\"`"));
    }
    let codes = existing_codes(root);
    let code = match request.code {
        Some(code) => {
            if !crate::import::is_code(code) {
                return Err(Diagnostic::error(Place::file(root), format!("mã thủ tục `{code}` không hợp lệ"))
                    .with_hint("mã gồm chữ số và dấu chấm, ví dụ `1.002804`"));
            }
            if codes.iter().any(|c| c == code) {
                return Err(Diagnostic::error(
                    Place::file(root),
                    format!("mã thủ tục `{code}` đã có trong procedures/"),
                )
                .with_hint("mỗi thủ tục một mã; sửa tệp đã có thay vì tạo tệp mới"));
            }
            code.to_string()
        }
        None => (1..).map(|n| format!("0.{n:06}")).find(|c| !codes.contains(c)).unwrap_or_default(),
    };
    let fixed = fixed_fields(root);
    let field = match (request.field.map(str::trim), fixed.first()) {
        (Some(field), _) => field.to_string(),
        (None, Some(first)) => first.clone(),
        (None, None) => "Chưa phân loại".to_string(),
    };
    if !fixed.is_empty() && !fixed.contains(&field) {
        return Err(Diagnostic::error(
            Place::file(root.join("content/site.yaml")),
            format!("lĩnh vực `{field}` không có trong danh sách `fields` của content/site.yaml"),
        )
        .with_hint(match did_you_mean(&field, fixed.iter().map(String::as_str)) {
            Some(near) => format!("có phải ý bạn là `{near}`?"),
            None => format!("chọn một trong: {}", fixed.join(", ")),
        }));
    }
    let level = match kind.as_str() {
        "commune" => "commune",
        "district" => "district",
        _ => "province",
    };
    let path = free_procedure_path(root, &field, request.name);
    let relative = path.strip_prefix(root).unwrap_or(&path);
    let code_note = if request.code.is_some() {
        "# Mã thủ tục quốc gia, luôn đặt trong ngoặc kép. Bắt buộc, không trùng.".to_string()
    } else {
        "# SỬA: mã tạm, thay bằng mã thủ tục quốc gia (trong ngoặc kép), ví dụ \"1.002804\".".to_string()
    };
    let text = PROCEDURE_NEW
        .replace("{schema}", &schema_line("procedure", relative))
        .replace("{code_note}", &code_note)
        .replace("{code}", &quote(&code))
        .replace("{name}", &quote(request.name.trim()))
        .replace("{field}", &quote(&field))
        .replace("{level}", level)
        .replace("{unit}", request.unit)
        .replace("{today}", &today());
    create(&path, &text)?;
    Ok((path, code))
}

/// What `new unit` was asked for.
pub struct NewUnit<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: UnitKind,
    pub parent: Option<&'a str>,
}

/// The name of a unit kind as written in YAML.
pub fn kind_name(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Province => "province",
        UnitKind::Department => "department",
        UnitKind::Police => "police",
        UnitKind::Center => "center",
        UnitKind::District => "district",
        UnitKind::Commune => "commune",
        UnitKind::Other => "other",
    }
}

/// `congkhai new unit`: appends one commented unit to content/units.yaml.
pub fn new_unit(root: &Path, request: &NewUnit) -> Result<PathBuf, Diagnostic> {
    let path = root.join("content/units.yaml");
    if !crate::text::is_slug(request.id) {
        return Err(Diagnostic::error(Place::file(&path), format!("mã đơn vị `{}` không hợp lệ", request.id))
            .with_hint(format!(
                "chữ thường không dấu, số và `-`, ví dụ `{}`",
                non_empty(slugify(request.id), "so-xay-dung")
            )));
    }
    let ids = unit_ids(root)?;
    if ids.iter().any(|(id, _)| id == request.id) {
        return Err(Diagnostic::error(
            Place::file(&path),
            format!("mã đơn vị `{}` đã có trong content/units.yaml", request.id),
        )
        .with_hint("mỗi đơn vị một mã riêng"));
    }
    if let Some(parent) = request.parent
        && !ids.iter().any(|(id, _)| id == parent)
    {
        return Err(unknown_unit(root, parent, &ids));
    }
    let mut text = std::fs::read_to_string(&path).map_err(|e| io_problem(&path, e))?;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let parent = match request.parent {
        Some(parent) => format!("  parent: {parent}                 # mã đơn vị cấp trên\n"),
        None => "  # parent: ubnd-tinh            # mã đơn vị cấp trên (nếu có)\n".to_string(),
    };
    text.push_str(
        &UNIT_NEW
            .replace("{id}", request.id)
            .replace("{name}", &quote(request.name.trim()))
            .replace("{kind}", kind_name(request.kind))
            .replace("{parent}\n", &parent),
    );
    std::fs::write(&path, text).map_err(|e| io_problem(&path, e))?;
    Ok(path)
}

const SITE_YAML: &str = r#"# Cài đặt chung của trang. Dòng bắt đầu bằng # là ghi chú, không ảnh hưởng đến trang.
title: "Cổng công khai thủ tục hành chính"   # tên trang, hiện trên mọi trang (bắt buộc)
base_url: "https://congkhai.example.gov.vn"  # địa chỉ trang trên mạng, dùng cho mã QR (bắt buộc)
organization: "UBND tỉnh"                    # cơ quan chủ quản
hotline: "0200 3800 000"                     # đường dây nóng chung
feedback: "Văn phòng UBND tỉnh, email: vanphong@example.gov.vn"   # nơi nhận phản ánh, kiến nghị
as_of: {today}                               # thông tin tính đến ngày (năm-tháng-ngày)
# fields: ["Hộ tịch", "Đất đai"]             # danh sách lĩnh vực cố định (bỏ # để dùng)
thresholds:                                  # ngưỡng tỷ lệ trễ hạn, phần trăm
  warn_late_rate: 5                          # từ mức này: nhắc nhở
  serious_late_rate: 10                      # từ mức này: phê bình
# targets:                                   # chỉ tiêu phần trăm (bỏ # để dùng)
#   on_time_rate: 95                         # tỷ lệ đúng hạn
#   online_share: 90                         # tỷ lệ hồ sơ trực tuyến
# lookup_url: "https://motcua.example.gov.vn/tra-cuu?ma={ma}"   # địa chỉ tra cứu hồ sơ
"#;

const UNITS_YAML: &str = r#"# Danh sách cơ quan, đơn vị. Mỗi đơn vị bắt đầu bằng dấu "- ".
# Thêm đơn vị: congkhai new unit --id so-tu-phap --name "Sở Tư pháp" --kind department
- id: ubnd-xa-mau                # mã đơn vị: chữ thường không dấu, nối bằng "-" (bắt buộc, không trùng)
  name: "UBND xã Mẫu"            # tên đơn vị (bắt buộc)
  kind: commune                  # loại: province, department, police, center, district, commune, other
  # parent: ubnd-tinh            # mã đơn vị cấp trên (nếu có)
  address: "Thôn 1, xã Mẫu"      # địa chỉ bộ phận một cửa
  hotline: "0200 3800 001"       # đường dây nóng của đơn vị
  email: "xamau@example.gov.vn"  # thư điện tử
  hours: "Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00"   # giờ làm việc
  reception:                     # cán bộ tiếp nhận hồ sơ (niêm yết công khai)
    - name: "Nguyễn Văn A"       # họ và tên
      title: "Công chức Tư pháp – Hộ tịch"   # chức danh
"#;

const ABOUT_MD: &str =
    "---\ntitle: \"Giới thiệu\"\n---\n\nTrang công khai thủ tục hành chính và kết quả giải quyết hồ sơ.\n";

const PROCEDURE_YAML: &str = r#"# Một thủ tục hành chính. Mỗi thủ tục một tệp trong thư mục procedures/.
code: "1.001193"                 # mã thủ tục quốc gia, luôn đặt trong ngoặc kép (bắt buộc, không trùng)
name: "Đăng ký khai sinh"        # tên thủ tục (bắt buộc)
keywords: ["làm giấy khai sinh"] # từ khác người dân hay dùng để tìm
field: "Hộ tịch"                 # lĩnh vực (bắt buộc)
level: commune                   # cấp thực hiện: central, province, district, commune
unit: ubnd-xa-mau                # mã đơn vị thực hiện, có trong content/units.yaml (bắt buộc)
applicants: "Công dân Việt Nam"  # đối tượng thực hiện
channels: [in_person, online, postal]   # cách thức: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)
online: full                     # dịch vụ công trực tuyến: none, partial (một phần), full (toàn trình)
time:                            # thời hạn giải quyết
  statutory: "trong ngày"        # theo quy định: "5 ngày làm việc", "15 ngày", "01 tháng", "7,5 ngày làm việc", "8 giờ" hoặc "trong ngày"; không phải khoảng thời gian thì viết text: "…" (bắt buộc một trong hai)
  note: "Hồ sơ nhận sau 15 giờ trả vào ngày làm việc tiếp theo"   # ghi chú điều kiện
fees:                            # phí, lệ phí; mỗi khoản bắt đầu bằng "- "
  - name: "Lệ phí đăng ký khai sinh"   # tên khoản thu
    kind: "lệ phí"               # loại: "phí", "lệ phí" hoặc "giá"
    amount: 0                    # số tiền (đồng), viết liền không dấu chấm: 135000; 0 là miễn phí; USD thì thêm currency: USD
papers:                          # thành phần hồ sơ
  - name: "Tờ khai đăng ký khai sinh theo mẫu"   # tên giấy tờ
    originals: 1                 # số bản chính
    copies: 0                    # số bản sao
steps:                           # trình tự thực hiện, mỗi bước một dòng
  - "Nộp hồ sơ tại Bộ phận Một cửa hoặc trên Cổng Dịch vụ công."
  - "Nhận giấy khai sinh tại nơi nộp hoặc qua bưu chính."
result: "Giấy khai sinh"         # kết quả thực hiện
legal_basis:                     # căn cứ pháp lý
  - "Luật Hộ tịch 2014"
updated: {today}                 # ngày cập nhật gần nhất, năm-tháng-ngày (bắt buộc)
"#;

const PROCEDURE_NEW: &str = r#"{schema}
# Một thủ tục hành chính. Dòng bắt đầu bằng # là ghi chú; các dòng có "SỬA" cần điền thông tin thật.
{code_note}
code: {code}
name: {name}                     # tên thủ tục (bắt buộc)
# keywords: ["từ khác người dân hay dùng để tìm"]
field: {field}                   # lĩnh vực (bắt buộc)
level: {level}                   # cấp thực hiện: central, province, district, commune
unit: {unit}                     # mã đơn vị thực hiện (bắt buộc); nhiều đơn vị: units: [ma-1, ma-2]
# submit_at: "…"                 # nơi nộp hồ sơ; mặc định là địa chỉ của đơn vị
# online_url: "https://dichvucong.gov.vn/…"   # địa chỉ nộp trực tuyến
# applicants: "Công dân Việt Nam"   # đối tượng thực hiện
channels: [in_person]            # cách thức: in_person (trực tiếp), online (trực tuyến), postal (bưu chính)
online: none                     # dịch vụ công trực tuyến: none, partial (một phần), full (toàn trình)
time:                            # thời hạn giải quyết
  text: "SỬA: thời hạn giải quyết"   # SỬA: thay dòng này bằng thời hạn theo quy định, ví dụ statutory: "5 ngày làm việc" ("15 ngày", "01 tháng", "8 giờ", "trong ngày")
  # cut: "3 ngày làm việc"       # thời hạn đơn vị cam kết (đã cắt giảm), không dài hơn thời hạn trên
fees: []                         # SỬA: phí, lệ phí; để trống thì trang ghi "Chưa có thông tin về phí, lệ phí". Ví dụ:
#  - name: "Lệ phí …"            # tên khoản thu
#    kind: "lệ phí"              # "phí", "lệ phí" hoặc "giá"
#    amount: 135000              # số tiền (đồng), viết liền không dấu chấm; 0 là miễn phí
papers: []                       # SỬA: thành phần hồ sơ; để trống thì trang ghi "Chưa có thông tin…"; không cần giấy tờ: papers: none. Ví dụ:
#  - name: "Tờ khai theo mẫu"    # tên giấy tờ
#    originals: 1                # số bản chính
#    copies: 0                   # số bản sao
#    present: true               # giấy tờ chỉ xuất trình, không nộp
steps: []                        # SỬA: trình tự thực hiện, mỗi bước một dòng "- …"
# result: "…"                    # kết quả thực hiện
# legal_basis: ["…"]             # căn cứ pháp lý
updated: {today}                 # ngày cập nhật gần nhất, năm-tháng-ngày (bắt buộc)
"#;

const UNIT_NEW: &str = r#"- id: {id}                      # mã đơn vị (bắt buộc, không trùng)
  name: {name}                   # tên đơn vị (bắt buộc)
  kind: {kind}                   # loại: province, department, police, center, district, commune, other
{parent}
  # address: "…"                 # địa chỉ bộ phận một cửa
  # hotline: "…"                 # đường dây nóng của đơn vị
  # email: "…"                   # thư điện tử
  # hours: "Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00"   # giờ làm việc
  # reception:                   # cán bộ tiếp nhận hồ sơ (niêm yết công khai)
  #   - name: "…"                # họ và tên
  #     title: "…"               # chức danh
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_lines_climb_to_the_root() {
        assert_eq!(
            schema_line("site", Path::new("content/site.yaml")),
            "# yaml-language-server: $schema=../.schema/site.json"
        );
        assert_eq!(
            schema_line("procedure", Path::new("procedures/ho-tich/a.yaml")),
            "# yaml-language-server: $schema=../../.schema/procedure.json"
        );
        assert_eq!(today().len(), 10);
        assert_eq!(quote("a \"b\""), "\"a \\\"b\\\"\"");
    }
}
