//! What citizens get from the built site: `/du-lieu/thu-tuc.xlsx` and `/du-lieu/ket-qua.xlsx`
//! opened with calamine, as a spreadsheet program would (Vietnamese headers, unit names, numbers
//! and percentages), and a commune's page that stays short at national size.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};

fn build(name: &str, out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites").join(name);
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

/// A commune that does hundreds of procedures (`units: {kind: commune}`) lists them folded by
/// field, so its page opens short; a unit with a few keeps them open.
#[test]
fn a_commune_with_many_procedures_folds_them_by_field() {
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
    for i in 0..45 {
        let yaml = format!(
            "code: \"1.{:06}\"\nname: \"Thủ tục số {i}\"\nfield: \"{}\"\nlevel: commune\nunits: {{kind: commune}}\ntime:\n  statutory: \"5 ngày làm việc\"\nupdated: 2026-01-15\n",
            100000 + i,
            fields[i % 3]
        );
        std::fs::write(root.join(format!("procedures/p{i}.yaml")), yaml).unwrap();
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
    let commune = std::fs::read_to_string(out.join("don-vi/xa-a/index.html")).unwrap();
    assert_eq!(commune.matches("<details class=\"field-group\">").count(), 3, "one fold per field, closed");
    assert!(commune.contains("(15 thủ tục)"), "each fold says how many it holds");
    let department = std::fs::read_to_string(out.join("don-vi/so-a/index.html")).unwrap();
    assert!(!department.contains("<details class=\"field-group\""), "one procedure: shown open");
}
