//! Results from content/results/*.csv, through the real binary: errors, warnings, pages, data.

use std::path::{Path, PathBuf};

mod common;
use common::{congkhai, site, stderr_of};

fn run(args: &[&str], root: &Path) -> (i32, String) {
    let out = congkhai(args);
    (out.status.code().unwrap_or(-1), stderr_of(&out, root))
}

fn build(name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let root = site(name);
    let (code, stderr) = run(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()], &root);
    assert_eq!(code, 0, "{stderr}");
    (dir, out, stderr)
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_results_error_at_its_line_and_column() {
    let root = site("err-results");
    let (code, stderr) = run(&["check", "--root", root.to_str().unwrap()], &root);
    assert_eq!(code, 1);
    let expected = [
        ("content/results/a.csv:2:6", "có phải ý bạn là `so-xay-dung`?"),
        ("content/results/a.csv:3:18", "không có thủ tục mã `9.999999`"),
        ("content/results/a.csv:4:1", "`2022-13` không phải kỳ báo cáo"),
        ("content/results/a.csv:5:21", "`-4` là số âm"),
        ("content/results/a.csv:6:24", "`9.5` không phải số nguyên"),
        ("content/results/a.csv:8:1", "dòng trùng: kỳ 2025"),
        ("content/results/b.csv:1:13", "cột `ho_ten` không có trong định dạng"),
    ];
    for (place, text) in expected {
        let at = stderr.find(&format!("--> {place}\n")).unwrap_or_else(|| panic!("no {place} in\n{stderr}"));
        let block_start = stderr[..at].rfind("lỗi: ").unwrap();
        let block_end = at + stderr[at..].find("\n\n").unwrap_or(stderr.len() - at);
        assert!(stderr[block_start..block_end].contains(text), "{place}: expected {text:?} in\n{stderr}");
    }
    assert!(stderr.contains("Không tạo được trang: 7 lỗi"), "{stderr}");
}

#[test]
fn rows_that_do_not_add_up_are_warnings_with_their_lines() {
    let root = site("results-ok");
    let (code, stderr) = run(&["check", "--root", root.to_str().unwrap()], &root);
    assert_eq!(code, 0, "warnings do not stop the build: {stderr}");
    assert!(stderr.contains("chênh lệch 875 hồ sơ)\n  --> content/results/huyen.csv:3:1"), "{stderr}");
    assert!(
        stderr.contains(
            "khác số đang giải quyết cuối kỳ 2023-H1 (chênh lệch 22 hồ sơ)\n  --> content/results/huyen.csv:4:1"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Kết quả kiểm tra: 2 cảnh báo"), "{stderr}");
}

#[test]
fn published_figures_are_shown_computed_and_flagged() {
    let (_dir, out, _) = build("results-ok");
    let district = read(&out, "don-vi/huyen-lam-ha/index.html");
    // Lâm Hà 2022: 59.376 of 60.098 resolved early or on time.
    assert!(district.contains("60.615") && district.contains("60.098") && district.contains("98,80%"), "Lâm Hà 2022");
    assert!(district.contains("Số liệu kỳ 6 tháng đầu năm 2023 không khớp: chênh lệch 875 hồ sơ"));
    assert!(district.contains("id=\"bieu-do-6-t\""), "a chart of the half-years");
    assert!(district.contains("id=\"bieu-do-12-t\""), "one year alone still gets its chart");
    assert!(district.contains("tỷ lệ hồ sơ giải quyết trễ hạn theo năm"), "the chart plots the late share");
    // Empty cell: satisfaction not reported, shown as not reported rather than 0.
    assert!(!district.contains("0,00%"));

    // The commune: channels added up, a late share of 10/95 = 10,53% is serious.
    let commune = read(&out, "don-vi/xa-a/index.html");
    assert!(commune.contains("10,53%") && commune.contains("phải kiểm điểm trách nhiệm"), "serious flag");
    assert!(commune.contains("4,00%") && !commune.contains("bị phê bình"), "4/100 late: under 5%, no flag");

    // Per-procedure rows appear on the procedure page, not added to the unit's figures.
    let procedure = read(&out, "thu-tuc/doi-giay-phep-lai-xe/index.html");
    assert!(procedure.contains("Quý I/2026") && procedure.contains("100,00%"));
    let department = read(&out, "don-vi/so-xay-dung/index.html");
    assert!(department.contains("Năm 2025"), "a row with only its keys is still shown");

    let index = read(&out, "ket-qua/index.html");
    assert!(index.contains("Tháng 2/2026"), "latest period first");
    for path in [
        "ket-qua/2023-h1/index.html",
        "ket-qua/2026-q1/index.html",
        "ket-qua/cach-tinh/index.html",
        "du-lieu/index.html",
        "thay-doi.xml",
    ] {
        assert!(out.join(path).is_file(), "{path}");
    }
    let csv = read(&out, "du-lieu/ket-qua.csv");
    let header = csv.lines().next().unwrap();
    for column in header.trim_start_matches('\u{feff}').split(',') {
        assert!(!column.contains("ho_ten") && !column.is_empty(), "{column}");
    }
    let h1 = csv.lines().find(|l| l.starts_with("2023-H1,huyen-lam-ha")).unwrap();
    assert!(h1.ends_with(",-875,,true"), "{h1}");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "du-lieu/ket-qua.json")).unwrap();
    let lam_ha = json.as_array().unwrap().iter().find(|r| r["period"] == "2022").unwrap();
    assert_eq!(lam_ha["on_time_rate"], 98.7986);
    assert_eq!(lam_ha["mismatch"], false);
}

#[test]
fn unit_results_section_snapshot() {
    let (_dir, out, _) = build("results-ok");
    let html = read(&out, "don-vi/xa-a/index.html");
    let start = html.find("<section aria-labelledby=\"h-ket-qua\">").expect("results section");
    let end = start + html[start..].find("</section>").unwrap() + "</section>".len();
    let mut section = html[start..end].to_string();
    for tag in ["<tr", "<figure", "<table", "<h3", "<ul", "<li", "<rect", "<text"] {
        section = section.replace(tag, &format!("\n{tag}"));
    }
    insta::assert_snapshot!(section);
}

/// Rows of communes for a procedure every commune does (`units: {kind: commune}`, one group,
/// never one entry per commune) check as any other and show on the procedure's page and on
/// each commune's page.
#[test]
fn commune_rows_of_an_every_commune_procedure_check_and_show() {
    let (_dir, root) = common::copy_site("tiny");
    std::fs::create_dir_all(root.join("content/results")).unwrap();
    std::fs::write(
        root.join("content/results/xa.csv"),
        "period,unit,procedure,carried_over,received_online,received_direct,resolved_early,resolved_on_time,resolved_late,pending_in_time,pending_overdue,withdrawn\n\
         2026-01,xa-a,1.001193,0,30,10,25,10,1,4,0,0\n\
         2026-01,xa-b,1.001193,0,7,5,6,4,0,2,0,0\n\
         2026-01,xa-a,,0,30,10,25,10,1,4,0,0\n",
    )
    .unwrap();
    let (code, stderr) = common::check(&root);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("xa.csv"), "no problem with these rows: {stderr}");

    let out = root.parent().unwrap().join("public");
    let (code, stderr) = run(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()], &root);
    assert_eq!(code, 0, "{stderr}");
    let procedure = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(procedure.contains("UBND xã A") && procedure.contains("UBND xã B"), "both communes' rows");
    assert!(procedure.contains("Tháng 1/2026"));
    let commune = read(&out, "don-vi/xa-b/index.html");
    assert!(commune.contains("Tháng 1/2026") && commune.contains("Đăng ký khai sinh"), "its row by procedure");
}
