//! `congkhai import dvc` on the 100 real portal records of ../shared/data/dichvucong: a fresh
//! site imports them all, passes `check` with 0 errors and builds; importing again changes no
//! file; a re-import keeps the site's own keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::congkhai;

fn records() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/dichvucong/details")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn the_hundred_real_records_import_check_build_and_reimport_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let r = root.to_str().unwrap();
    assert!(congkhai(&["new", "site", r]).status.success());
    let data = records();

    let first = congkhai(&["import", "dvc", "--root", r, data.to_str().unwrap()]);
    let report = stderr(&first);
    assert!(first.status.success(), "{report}");
    assert!(report.contains("Đã đọc 100 bản ghi: ghi 100 tệp, 0 tệp không đổi, 0 bản ghi không nhập được"), "{report}");
    // Nothing is dropped silently: the losses are counted, per kind.
    assert!(report.contains("Thông tin không mang sang được"), "{report}");
    assert!(report.contains("cơ quan có thẩm quyền"), "{report}");

    let check = congkhai(&["check", "--root", r]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(!stderr(&check).contains("lỗi:"), "{}", stderr(&check));

    // Real shapes arrive in format v3.
    let all: String = walkdir::WalkDir::new(root.join("procedures"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for key in [
        "\ncases:",
        "currency: USD",
        "present: true",
        "kind: \"giá\"",
        "anywhere: true",
        "result_delivery:",
        "published:",
        "text:",
        "online: full",
        "level: [",
        "channel: ",
    ] {
        assert!(all.contains(key), "no imported file has `{key}`");
    }
    let permit = std::fs::read_to_string(
        walkdir::WalkDir::new(root.join("procedures"))
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("code: \"1.009122\"")))
            .unwrap()
            .path(),
    )
    .unwrap();
    // 1.009122 lists its papers by case, and both of its times are published.
    assert!(
        permit.contains("cases:") && permit.contains("statutory: \"15 ngày\"") && permit.contains("10 ngày"),
        "{permit}"
    );

    let out = dir.path().join("public");
    let build = congkhai(&["build", "--root", r, "--out", out.to_str().unwrap()]);
    assert!(build.status.success(), "{}", stderr(&build));

    // The same records again: byte-identical site.
    let before = snapshot(&root);
    let again = congkhai(&["import", "dvc", "--root", r, data.to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stderr(&again).contains("ghi 0 tệp, 100 tệp không đổi"), "{}", stderr(&again));
    assert!(before == snapshot(&root), "a second import changed files");

    // The site's own keys survive a re-import, and the change is reported.
    let file =
        before.keys().find(|p| String::from_utf8_lossy(&before[*p]).contains("code: \"1.009122\"")).unwrap().clone();
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text
        .replace("  statutory: \"15 ngày\"\n", "  statutory: \"15 ngày\"\n  cut: \"12 ngày\"\n")
        .replace("field: ", "hotline: \"0263 3822 111\"\nfield: ")
        .replacen("\nname: \"", "\nname: \"Cũ: ", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, &edited).unwrap();
    let third = congkhai(&["import", "dvc", "--root", r, data.join("1.009122.json").to_str().unwrap()]);
    assert!(third.status.success(), "{}", stderr(&third));
    assert!(stderr(&third).contains("1.009122: đã cập nhật"), "{}", stderr(&third));
    assert!(stderr(&third).contains("(thay đổi: name)"), "{}", stderr(&third));
    let refreshed = std::fs::read_to_string(&file).unwrap();
    assert!(refreshed.contains("cut: \"12 ngày\"") && refreshed.contains("hotline: \"0263 3822 111\""), "{refreshed}");
    assert!(!refreshed.contains("Cũ: "), "{refreshed}");
    let fourth = congkhai(&["import", "dvc", "--root", r, data.join("1.009122.json").to_str().unwrap()]);
    assert!(stderr(&fourth).contains("ghi 0 tệp, 1 tệp không đổi"), "{}", stderr(&fourth));
}

#[test]
fn json_lines_and_bare_records_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let r = root.to_str().unwrap();
    assert!(congkhai(&["new", "site", r]).status.success());
    let mut lines = String::new();
    for code in ["1.000094", "1.009122"] {
        let text = std::fs::read_to_string(records().join(format!("{code}.json"))).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        // One wrapped, one bare.
        let record = if code == "1.000094" { value } else { value["data"].clone() };
        lines.push_str(&serde_json::to_string(&record).unwrap());
        lines.push('\n');
    }
    let file = dir.path().join("records.jsonl");
    std::fs::write(&file, lines).unwrap();
    let out = congkhai(&["import", "dvc", "--root", r, file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Đã đọc 2 bản ghi: ghi 2 tệp"), "{}", stderr(&out));
    let check = congkhai(&["check", "--root", r]);
    assert!(check.status.success(), "{}", stderr(&check));
}
