//! What citizens get from the built site: `/du-lieu/thu-tuc.xlsx` and `/du-lieu/ket-qua.xlsx`
//! opened with calamine, as a spreadsheet program would (Vietnamese headers, unit names, numbers
//! and percentages), search boxes that name the index, and a commune's page that stays short at
//! national size.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

fn build(name: &str, out: &Path) {
    build_root(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites").join(name), out);
}

fn build_root(root: &Path, out: &Path) {
    let result = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
}

fn sheet(path: &PathBuf) -> (String, Vec<Vec<Data>>) {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    (name, range.rows().map(|r| r.to_vec()).collect())
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

#[test]
fn results_workbook_has_vietnamese_headers_unit_names_and_percentages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build("results-ok", &out);
    let (name, rows) = sheet(&out.join("du-lieu/ket-qua.xlsx"));
    assert_eq!(name, "Kết quả");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    for title in ["Kỳ", "Đơn vị", "Tiếp nhận trong kỳ", "Giải quyết quá hạn", "Tỷ lệ đúng hạn", "Tỷ lệ trễ hạn"]
    {
        assert!(header.iter().any(|h| h == title), "no column {title:?} in {header:?}");
    }
    let column = |title: &str| header.iter().position(|h| h == title).unwrap();
    // Lâm Hà 2022: received 60.615, on-time 59.376 of 60.098 = 98,80%.
    let lam_ha = rows.iter().find(|r| text(&r[0]) == "Năm 2022").expect("a row for 2022");
    assert_eq!(text(&lam_ha[column("Đơn vị")]), "UBND huyện Lâm Hà", "the unit's name, not its id");
    assert_eq!(lam_ha[column("Tiếp nhận trong kỳ")], Data::Float(60615.0), "a number, not text");
    match lam_ha[column("Tỷ lệ đúng hạn")] {
        Data::Float(v) => assert!((v - 59376.0 / 60098.0).abs() < 1e-9, "a fraction shown as %: {v}"),
        ref other => panic!("rate is {other:?}"),
    }
    assert_eq!(lam_ha[column("Hài lòng")], Data::Empty, "not reported stays empty, never 0");
    let h1 = rows.iter().find(|r| text(&r[0]) == "6 tháng đầu năm 2023").expect("2023-H1");
    assert!(text(&h1[header.len() - 1]).contains("chênh lệch 875 hồ sơ"), "the mismatch note");
}

#[test]
fn procedures_workbook_and_identical_bytes_across_builds() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a"), dir.path().join("b"));
    build("results-ok", &first);
    build("results-ok", &second);
    for file in ["du-lieu/thu-tuc.xlsx", "du-lieu/ket-qua.xlsx"] {
        let (a, b) = (std::fs::read(first.join(file)).unwrap(), std::fs::read(second.join(file)).unwrap());
        assert!(a == b, "{file} differs between two builds of the same sources");
    }
    let (name, rows) = sheet(&first.join("du-lieu/thu-tuc.xlsx"));
    assert_eq!(name, "Thủ tục");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(&header[..5], ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện"]);
    assert_eq!(rows.len(), 2, "one procedure in results-ok");
    assert_eq!(text(&rows[1][0]), "1.002804", "codes stay text");
    assert!(matches!(rows[1][9], Data::DateTime(_)), "updated is a date: {:?}", rows[1][9]);
}

/// Every search box on the example site (the repository itself) names the index's manifest, a
/// file that exists: the build renders most pages before the index is made, so a template that
/// reads `site.search_index` on a page that does not wait for it (`pages::Jobs::searching`)
/// would get an empty address and a search box that finds nothing.
#[test]
fn every_search_box_names_the_search_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_root(Path::new(env!("CARGO_MANIFEST_DIR")), &out);
    let mut boxes = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = entry.path().strip_prefix(&out).unwrap().display().to_string();
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for (at, attribute) in html.match_indices("data-search-index=\"") {
            let address = html[at + attribute.len()..].split('"').next().unwrap();
            assert!(!address.is_empty(), "{page}: a search box with an empty index address");
            let file = address.find("/tim-kiem/").map(|i| out.join(&address[i + 1..]));
            assert!(file.is_some_and(|f| f.is_file()), "{page}: {address} was not written");
            boxes.push(page.clone());
        }
    }
    for page in ["index.html", "thu-tuc/index.html"] {
        assert!(boxes.iter().any(|b| b == page), "{page} has no search box: {boxes:?}");
    }
}

/// A site where 45 procedures are done by every commune (`units: {kind: commune}`) and 31 by
/// commune A alone, built: the folder, and the output in it.
fn built_commune_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::create_dir_all(root.join("procedures")).unwrap();
    std::fs::write(root.join("content/site.yaml"), "title: \"Thử\"\nbase_url: \"https://thu.example.gov.vn\"\n")
        .unwrap();
    std::fs::write(
        root.join("content/units.yaml"),
        "- id: xa-a\n  name: \"UBND xã A\"\n  kind: commune\n- id: xa-b\n  name: \"UBND xã B\"\n  kind: commune\n- id: so-a\n  name: \"Sở A\"\n  kind: department\n",
    )
    .unwrap();
    let fields = ["Hộ tịch", "Đất đai", "Chứng thực"];
    let procedure = |code: usize, name: String, field: &str, units: &str| {
        format!(
            "code: \"1.{code:06}\"\nname: \"{name}\"\nfield: \"{field}\"\nlevel: commune\n{units}\ntime:\n  statutory: \"5 ngày làm việc\"\nupdated: 2026-01-15\n"
        )
    };
    for i in 0..45 {
        let yaml = procedure(100000 + i, format!("Thủ tục chung số {i}"), fields[i % 3], "units: {kind: commune}");
        std::fs::write(root.join(format!("procedures/chung-{i}.yaml")), yaml).unwrap();
    }
    for i in 0..31 {
        let yaml = procedure(200000 + i, format!("Thủ tục riêng số {i}"), fields[i % 2], "unit: xa-a");
        std::fs::write(root.join(format!("procedures/rieng-{i}.yaml")), yaml).unwrap();
    }
    std::fs::write(
        root.join("procedures/so.yaml"),
        "code: \"2.000001\"\nname: \"Thủ tục của sở\"\nfield: \"Hộ tịch\"\nlevel: province\nunit: so-a\ntime:\n  statutory: \"5 ngày làm việc\"\nupdated: 2026-01-15\n",
    )
    .unwrap();
    let out = dir.path().join("public");
    let result = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    (dir, out)
}

/// A commune lists its own procedures (folded by field when there are many) and, for those
/// every commune does, only how many there are, by field, with a link to the one page that
/// lists them: its page stays short however many communes and shared procedures there are.
#[test]
fn a_commune_lists_its_own_procedures_and_links_the_shared_ones() {
    let (_dir, out) = built_commune_site();

    let commune = std::fs::read_to_string(out.join("don-vi/xa-a/index.html")).unwrap();
    assert_eq!(commune.matches("<details class=\"field-group\">").count(), 2, "own procedures: one fold per field");
    assert!(commune.contains("Thủ tục riêng của đơn vị (31)"), "own procedures counted apart");
    assert!(commune.contains("Thủ tục riêng số 30"), "own procedures listed in full");
    assert!(!commune.contains("Thủ tục chung số"), "shared procedures are not listed on a commune's page");
    assert!(commune.contains("Thủ tục mọi xã, phường đều giải quyết (45)"), "the shared count");
    assert!(
        commune.contains("href=\"/don-vi/moi-xa-phuong/\">Thủ tục mọi xã, phường đều giải quyết</a>"),
        "a link to the group's page whose text makes sense alone"
    );
    assert!(commune.contains(
        "href=\"/don-vi/moi-xa-phuong/#linh-vuc-ho-tich\">Hộ tịch</a> <span class=\"count\">(15 thủ tục)</span>"
    ));
    assert!(commune.contains("76 thủ tục hành chính"), "the description counts both: 31 own + 45 shared");

    // Commune B has no procedure of its own: no empty list, only the shared section.
    let other = std::fs::read_to_string(out.join("don-vi/xa-b/index.html")).unwrap();
    assert!(!other.contains("h-thu-tuc") && other.contains("Thủ tục mọi xã, phường đều giải quyết (45)"));

    // The group's page lists every shared procedure once, by field, with the anchors linked above.
    let group = std::fs::read_to_string(out.join("don-vi/moi-xa-phuong/index.html")).unwrap();
    for i in 0..45 {
        assert_eq!(group.matches(&format!(">Thủ tục chung số {i}</a>")).count(), 1, "procedure {i} once");
    }
    assert!(!group.contains("Thủ tục riêng số"));
    assert!(group.contains("id=\"linh-vuc-ho-tich\"") && group.contains("id=\"linh-vuc-dat-dai\""));
    assert!(group.contains("href=\"/don-vi/xa-a/\"") && group.contains("href=\"/don-vi/xa-b/\""), "its communes");
    assert!(!group.contains("href=\"/don-vi/so-a/\""));

    // The procedure page sends citizens to the group's page.
    let procedure = std::fs::read_to_string(out.join("thu-tuc/thu-tuc-chung-so-0/index.html")).unwrap();
    assert!(procedure.contains("href=\"/don-vi/moi-xa-phuong/#h-don-vi\">danh sách xã, phường</a>"));

    // The units index counts both and links the group's page under its kind.
    let units = std::fs::read_to_string(out.join("don-vi/index.html")).unwrap();
    assert!(units.contains("href=\"/don-vi/xa-a/\">UBND xã A</a> <span class=\"count\">76 thủ tục</span>"));
    assert!(units.contains("href=\"/don-vi/moi-xa-phuong/\">Thủ tục mọi xã, phường đều giải quyết</a>"));

    let department = std::fs::read_to_string(out.join("don-vi/so-a/index.html")).unwrap();
    assert!(!department.contains("<details class=\"field-group\""), "one procedure: shown open");
    assert!(!department.contains("moi-xa-phuong"), "a department is in no commune group");
}

/// A commune's board lists its own procedures and says, in a line that prints, how many shared
/// procedures apply and the address of their shared board, printed once for every commune.
#[test]
fn a_commune_board_points_to_the_shared_board() {
    let (_dir, out) = built_commune_site();

    let board = std::fs::read_to_string(out.join("don-vi/xa-a/niem-yet/index.html")).unwrap();
    assert!(board.contains("Thủ tục riêng số 30") && !board.contains("Thủ tục chung số"));
    assert!(board.contains("<strong>45 thủ tục chung của mọi xã, phường</strong>"), "{board}");
    assert!(board.contains("https://thu.example.gov.vn/don-vi/moi-xa-phuong/niem-yet/"), "the printed address");
    let shared = std::fs::read_to_string(out.join("don-vi/moi-xa-phuong/niem-yet/index.html")).unwrap();
    assert_eq!(shared.matches("<th scope=\"row\">Thủ tục chung số").count(), 45);
    assert!(shared.contains("Bảng dùng chung cho 2 xã, phường"));
    let boards = std::fs::read_to_string(out.join("niem-yet/index.html")).unwrap();
    assert!(boards.contains("href=\"/don-vi/moi-xa-phuong/niem-yet/\""), "the boards index lists the shared board");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://thu.example.gov.vn/don-vi/moi-xa-phuong/</loc>"));
    assert!(sitemap.contains("<loc>https://thu.example.gov.vn/don-vi/moi-xa-phuong/niem-yet/</loc>"));
}
