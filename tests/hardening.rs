//! Hostile and careless input (issue 12): each test reproduces one defect on a site built in a
//! temporary folder, next to folders that must survive, and checks it fails cleanly or builds
//! safely. Test names carry the item they cover.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use walkdir::WalkDir;

mod common;
use common::{congkhai, copy_dir};

/// A temporary folder holding `site/` (a copy of the tiny fixture) and `notmine/` (a folder
/// with a file that is not ours), returned with the site's path.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&common::site("tiny"), &site);
    fs::create_dir(dir.path().join("notmine")).unwrap();
    fs::write(dir.path().join("notmine/precious.txt"), "do not delete").unwrap();
    (dir, site)
}

fn build_in(cwd: &Path, root: &str, out: &str) -> (i32, String) {
    let result = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["build", "--root", root, "--out", out])
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run congkhai");
    (result.status.code().unwrap_or(-1), String::from_utf8_lossy(&result.stderr).into_owned())
}

fn build(site: &Path, out: &Path) -> (i32, String) {
    build_in(site, site.to_str().unwrap(), out.to_str().unwrap())
}

fn check(site: &Path) -> (i32, String) {
    let result = congkhai(&["check", "--root", site.to_str().unwrap()]);
    (result.status.code().unwrap_or(-1), String::from_utf8_lossy(&result.stderr).into_owned())
}

/// Every file under a folder with its bytes, for "nothing changed" comparisons.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

fn append(path: &Path, text: &str) {
    let mut old = fs::read_to_string(path).unwrap();
    old.push_str(text);
    fs::write(path, old).unwrap();
}

fn set_key(path: &Path, key: &str, value: &str) {
    let text = fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> =
        text.lines().filter(|l| !l.starts_with(&format!("{key}:"))).map(String::from).collect();
    lines.push(format!("{key}: {value}"));
    fs::write(path, lines.join("\n") + "\n").unwrap();
}

// ---- 1 and 15: --out -------------------------------------------------------------------------

#[test]
fn out_through_missing_folder_and_dotdot_is_refused() {
    let (dir, site) = workspace();
    let before_site = snapshot(&site);
    let before_notmine = snapshot(&dir.path().join("notmine"));
    // Relative to the site root (the working directory) and absolute.
    let cases = [
        "SITE/nx/../content",
        "nx/../content",
        "SITE/nx/../../site",
        "SITE/nx/../../notmine",
        "../notmine",
        "SITE/nx/../procedures",
    ];
    for case in cases {
        let out = case.replace("SITE", site.to_str().unwrap());
        let (code, stderr) = build_in(&site, site.to_str().unwrap(), &out);
        assert_eq!(code, 1, "{case}: {stderr}");
        assert!(stderr.contains("--out public") || stderr.contains("không ghi đè"), "{case}: {stderr}");
        assert!(!site.join("nx").exists(), "{case} created a folder before the checks");
    }
    // From outside the site: `nx/../notmine` names the foreign folder.
    let (code, stderr) = build_in(dir.path(), "site", "nx/../notmine");
    assert_eq!(code, 1, "{stderr}");
    assert!(!dir.path().join("nx").exists());
    assert_eq!(snapshot(&site), before_site, "the sources changed");
    assert_eq!(snapshot(&dir.path().join("notmine")), before_notmine, "a foreign folder changed");
    // A fresh folder through a missing one is fine once resolved.
    let (code, stderr) = build_in(dir.path(), "site", "nx/../fresh");
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("fresh/index.html").is_file());
}

#[test]
fn out_that_is_an_existing_file_is_refused() {
    let (dir, site) = workspace();
    let file = dir.path().join("notmine/precious.txt");
    let (code, stderr) = build(&site, &file);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("là một tệp"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "do not delete");
}

// ---- 13, 14 and 14.2: the swap ---------------------------------------------------------------

#[test]
fn stale_staging_folders_of_killed_builds_are_removed() {
    let (dir, site) = workspace();
    let out = dir.path().join("public");
    // A build killed with SIGKILL leaves its staging folder; pid 999999999 is never alive.
    let stale = dir.path().join(".public.dang-tao-999999999");
    fs::create_dir_all(stale.join("thu-tuc")).unwrap();
    fs::write(stale.join(".congkhai"), "x").unwrap();
    fs::write(stale.join("thu-tuc/index.html"), vec![b'x'; 1000]).unwrap();
    let stale_old = dir.path().join(".public.dang-tao-999999998.cu");
    fs::create_dir_all(&stale_old).unwrap();
    fs::write(stale_old.join(".congkhai"), "x").unwrap();
    // Not ours (no marker) and a live process's folder: both kept.
    let foreign = dir.path().join(".public.dang-tao-999999997");
    fs::create_dir_all(&foreign).unwrap();
    let live = dir.path().join(format!(".public.dang-tao-{}", std::process::id()));
    fs::create_dir_all(&live).unwrap();
    fs::write(live.join(".congkhai"), "x").unwrap();
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stale.exists() && !stale_old.exists(), "stale staging folders are left");
    assert!(foreign.exists() && live.exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.contains("dang-tao") && !n.ends_with("999999997") && !n.ends_with(&std::process::id().to_string())
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
fn inode_and_mtime(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).unwrap();
    (meta.ino(), meta.modified().unwrap())
}

#[cfg(unix)]
fn inodes(dir: &Path) -> std::collections::BTreeMap<PathBuf, (u64, std::time::SystemTime)> {
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), inode_and_mtime(e.path())))
        .collect()
}

#[cfg(unix)]
#[test]
fn swap_is_atomic_and_unchanged_rebuild_writes_nothing() {
    let (dir, site) = workspace();
    let out = dir.path().join("public");
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{stderr}");
    let first = inodes(&out);
    let first_bytes = snapshot(&out);
    let folder_inode = inode_and_mtime(&out).0;
    std::thread::sleep(std::time::Duration::from_millis(20));

    // No change: not one file touched, the folder itself kept.
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("không có tệp nào thay đổi"), "{stderr}");
    assert_eq!(inodes(&out), first, "a rebuild with no change touched files");
    assert_eq!(inode_and_mtime(&out).0, folder_inode);

    // One page changed: only the files that depend on it are new; the rest keep their inodes.
    append(&site.join("content/gioi-thieu.md"), "\nMột đoạn mới.\n");
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{stderr}");
    let second = inodes(&out);
    let changed: Vec<_> = second.iter().filter(|(p, v)| first.get(*p) != Some(*v)).map(|(p, _)| p.clone()).collect();
    assert!(changed.iter().any(|p| p.starts_with("gioi-thieu")), "{changed:?}");
    assert!(changed.len() * 5 < second.len(), "too many files rewritten: {changed:?}");
    assert!(stderr.contains(&format!("ghi {} tệp", changed.len())), "{changed:?} {stderr}");
    // Unchanged files are byte-identical, and a full build elsewhere gives the same bytes.
    let fresh = dir.path().join("fresh");
    let (code, _) = build(&site, &fresh);
    assert_eq!(code, 0);
    assert_eq!(snapshot(&fresh), snapshot(&out));
    assert_ne!(snapshot(&out), first_bytes);
    // A failed build leaves the old site byte-identical (hard links are never written through).
    let kept = snapshot(&out);
    append(&site.join("procedures/ho-tich/cap-ban-sao.yaml"), "\nkhong_co_khoa_nay: 1\n");
    let (code, _) = build(&site, &out);
    assert_eq!(code, 1);
    assert_eq!(snapshot(&out), kept);
    let staging: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("dang-tao"))
        .collect();
    assert!(staging.is_empty());
}

/// The values of one attribute in a piece of HTML, entities decoded.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    html.split(&format!(" {name}=\""))
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().replace("&amp;", "&"))
        .collect()
}

/// Diagnostics quote whole lines; keep assertion messages readable.
fn short(text: &str) -> String {
    text.chars().take(1500).collect()
}

/// A build that must fail: exit 1, the message contains `needle`, nothing written to `public`,
/// and the outside secret never appears.
fn assert_refused(site: &Path, needle: &str) -> String {
    let out = site.parent().unwrap().join("public");
    let (code, stderr) = build(site, &out);
    assert_eq!(code, 1, "expected a refusal containing `{needle}`: {}", short(&stderr));
    assert!(stderr.contains(needle), "`{needle}` not in: {}", short(&stderr));
    assert!(!stderr.contains("BÍ MẬT"), "an outside file leaked into the error: {stderr}");
    assert!(!out.exists(), "output written");
    stderr
}

// ---- 2: base_url ------------------------------------------------------------------------------

#[test]
fn base_url_that_names_another_host_is_refused() {
    for bad in [
        "https://x.gov.vn//evil.example",
        "https://x.gov.vn/\\\\evil.example",
        "https://user@evil.example",
        "https://x.gov.vn@evil.example",
        "https:evil.example",
        "https:///evil.example",
        "https://x.gov.vn/a/../b",
        "https://x.gov.vn/a?x=1",
        "https://x.gov.vn/a#b",
        "https://x.gov.vn:80x",
        "javascript://x.gov.vn/%0aalert(1)",
        "https://x.gov.vn\\\\evil.example",
        "https://evil.example\\\\@x.gov.vn",
    ] {
        let (_dir, site) = workspace();
        set_key(&site.join("content/site.yaml"), "base_url", &format!("\"{bad}\""));
        let (code, stderr) = check(&site);
        assert_eq!(code, 1, "{bad} accepted: {stderr}");
        assert!(stderr.contains("base_url") && stderr.contains("gợi ý"), "{bad}: {stderr}");
    }
    for good in ["https://congkhai.lamdong.gov.vn", "http://localhost:8080/cong-khai/", "https://a.vn/x_y.z~w"] {
        let (_dir, site) = workspace();
        set_key(&site.join("content/site.yaml"), "base_url", &format!("\"{good}\""));
        let (code, stderr) = check(&site);
        assert_eq!(code, 0, "{good} refused: {stderr}");
    }
}

// ---- 3, 11, 12: symlinks out of the root -------------------------------------------------------

#[cfg(unix)]
#[test]
fn symlinks_that_leave_the_site_root_are_refused_without_reading() {
    use std::os::unix::fs::symlink;
    let (dir, _) = workspace();
    let outside = dir.path().join("outside");
    fs::create_dir_all(outside.join("templates")).unwrap();
    fs::create_dir_all(outside.join("static")).unwrap();
    fs::create_dir_all(outside.join("procedures")).unwrap();
    fs::write(outside.join("secret.md"), "---\ntitle: \"BÍ MẬT\"\n---\nBÍ MẬT: mật khẩu\n").unwrap();
    fs::write(outside.join("secret.txt"), "BÍ MẬT\n").unwrap();
    fs::write(outside.join("templates/page.html"), "BÍ MẬT {{ page.body }}").unwrap();
    fs::write(outside.join("static/style.css"), "/* BÍ MẬT */").unwrap();
    fs::write(outside.join("procedures/x.yaml"), "code: BÍ MẬT\n").unwrap();
    fs::write(outside.join("results.csv"), "BÍ MẬT\n").unwrap();
    // Each case: what to replace by a link, where it points, what the error must name.
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("content/files", outside.clone(), "content/files"),
        ("content/files/mau/x.txt", outside.join("secret.txt"), "x.txt"),
        ("content/x.md", outside.join("secret.md"), "content/x.md"),
        ("content/site.yaml", outside.join("secret.txt"), "site.yaml"),
        ("content/units.yaml", outside.join("secret.txt"), "units.yaml"),
        ("content/search.yaml", outside.join("secret.txt"), "search.yaml"),
        ("content/results", outside.clone(), "content/results"),
        ("content/results/r.csv", outside.join("results.csv"), "r.csv"),
        ("procedures", outside.join("procedures"), "procedures"),
        ("procedures/ho-tich/x.yaml", outside.join("procedures/x.yaml"), "x.yaml"),
        ("themes/default", outside.clone(), "themes/default"),
        ("themes/default/templates", outside.join("templates"), "templates"),
        ("themes/default/static", outside.join("static"), "static"),
        ("themes/default/templates/page.html", outside.join("templates/page.html"), "page.html"),
        ("content", outside.clone(), "content"),
    ];
    for (link, target, named) in cases {
        let (_dir2, site) = workspace();
        fs::create_dir_all(site.join("themes/default")).unwrap();
        fs::create_dir_all(site.join("content/results")).unwrap();
        let link_path = site.join(link);
        fs::create_dir_all(link_path.parent().unwrap()).unwrap();
        if link_path.is_dir() {
            fs::remove_dir_all(&link_path).unwrap();
        } else if link_path.exists() {
            fs::remove_file(&link_path).unwrap();
        }
        symlink(&target, &link_path).unwrap();
        let stderr = assert_refused(&site, "symlink");
        assert!(stderr.contains(named), "{link}: {stderr}");
    }
    // A link that stays inside the root is fine.
    let (_dir3, site) = workspace();
    symlink(site.join("content/files/mau/don-doi-gplx.txt"), site.join("content/files/ban-sao.txt")).unwrap();
    let out = site.parent().unwrap().join("public");
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("tep/ban-sao.txt").is_file());
}

// ---- 4: deep nesting --------------------------------------------------------------------------

#[test]
fn deep_nesting_is_an_error_at_the_file_not_a_crash() {
    let deep_quote = format!("{}x\n", "> ".repeat(3000));
    let deep_quote_tight = format!("{}x\n", ">".repeat(3000));
    let deep_div = format!("{}x\n", "<div>".repeat(3000));
    let deep_div_lines = "<div>\n".repeat(3000);
    let long_list = format!("{}x\n", "- ".repeat(40_000));
    let indented = (0..300).map(|i| format!("{}- x\n", "  ".repeat(i))).collect::<String>();
    for (name, body) in [
        ("quote", &deep_quote),
        ("tight", &deep_quote_tight),
        ("div", &deep_div),
        ("div-lines", &deep_div_lines),
        ("list", &long_list),
        ("indented", &indented),
    ] {
        let (_dir, site) = workspace();
        append(&site.join("content/gioi-thieu.md"), body);
        let started = std::time::Instant::now();
        let stderr = assert_refused(&site, "lồng nhau quá sâu");
        assert!(stderr.contains("gioi-thieu.md:"), "{name}: {}", short(&stderr));
        assert!(started.elapsed().as_secs() < 20, "{name}: took {:?}", started.elapsed());
    }
    // In a step of a procedure (a YAML string) and in a theme's template.
    let (_dir, site) = workspace();
    let file = site.join("procedures/duong-bo/doi-gplx.yaml");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("  - \"Nhận kết quả", &format!("  - \"{}\"\n  - \"Nhận kết quả", "> ".repeat(3000)));
    fs::write(&file, text).unwrap();
    let stderr = assert_refused(&site, "lồng nhau quá sâu");
    assert!(stderr.contains("doi-gplx.yaml:"), "{stderr}");
    let (_dir, site) = workspace();
    fs::create_dir_all(site.join("themes/default/templates")).unwrap();
    let template = format!(
        "{{% extends \"base.html\" %}}{{% block content %}}{}{{% endblock content %}}",
        "<div>".repeat(3000) + &"</div>".repeat(3000)
    );
    fs::write(site.join("themes/default/templates/page.html"), template).unwrap();
    let stderr = assert_refused(&site, "lồng nhau quá sâu");
    assert!(stderr.contains("page.html:"), "{stderr}");
    // Text that never went through a source file is shown as text, not parsed.
    let html = congkhai::render::markdown::to_safe_html(&deep_quote);
    assert!(!html.contains("<blockquote>"));
    // Ordinary nesting still works.
    let html = congkhai::render::markdown::to_safe_html("> a\n> > b\n\n- x\n  - y\n    - z\n");
    assert!(html.matches("<blockquote>").count() == 2 && html.matches("<ul>").count() == 3, "{html}");
}

// ---- 6: formula cells -------------------------------------------------------------------------

#[test]
fn csv_cells_that_start_a_formula_are_neutralised() {
    let (dir, site) = workspace();
    let file = site.join("procedures/ho-tich/cap-ban-sao.yaml");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("\"Cấp bản sao trích lục hộ tịch\"", "\"=HYPERLINK(\\\"http://evil.example\\\";\\\"Bấm\\\")\"")
        .replace("\"0212 1111 222\"", "\"@SUM(1+1)\"");
    fs::write(&file, text).unwrap();
    let out = dir.path().join("public");
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{stderr}");
    let csv = fs::read_to_string(out.join("du-lieu/thu-tuc.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut seen = false;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || cell.parse::<f64>().is_ok(), "{cell}");
            seen |= cell.starts_with("'=HYPERLINK");
        }
    }
    assert!(seen, "{csv}");
    assert_eq!(congkhai::text::csv_cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
    assert_eq!(congkhai::text::csv_cell("-12.5"), "-12.5");
    assert_eq!(congkhai::text::csv_cell("\tx"), "'\tx");
    assert_eq!(congkhai::text::csv_cell("Hộ tịch"), "Hộ tịch");
}

// ---- 9: disguised outside URLs ----------------------------------------------------------------

#[test]
fn disguised_outside_images_and_links_are_dropped() {
    use congkhai::render::markdown::{UrlKind, to_safe_html, url_kind};
    for bad in [
        "/\\tracker.example/p.png",
        "\\\\tracker.example/p.png",
        " //tracker.example/p.png",
        "https:tracker.example/p.png",
        "//tracker.example/p.png",
        "https://tracker.example/p.png",
        "\t//tracker.example/p.png",
        "/&#92;tracker.example/p.png",
        "http:/\\tracker.example/p.png",
        "data:image/svg+xml,<svg onload=alert(1)>",
    ] {
        for markdown in [format!("![x](<{bad}>)"), format!("<img src=\"{bad}\" alt=x>")] {
            let html = to_safe_html(&markdown);
            // Whatever is left must be a path on this site (pulldown-cmark turns `\` into `%5C`).
            for src in attribute_values(&html, "src") {
                assert_eq!(url_kind(&src), UrlKind::SameSite, "{markdown} → {html}");
                assert!(!src.contains('\\') && !src.starts_with("//"), "{markdown} → {html}");
            }
        }
        if !bad.starts_with("https://") && !bad.starts_with("data:") {
            let html = to_safe_html(&format!("<a href=\"{bad}\">x</a>"));
            for href in attribute_values(&html, "href") {
                assert_eq!(url_kind(&href), UrlKind::SameSite, "{bad} → {html}");
            }
        }
    }
    let html = to_safe_html("![a](/tep/anh.png) ![b](anh.png) [c](https://dichvucong.gov.vn/) [d](/thu-tuc/)");
    assert!(html.contains("src=\"/tep/anh.png\"") && html.contains("src=\"anh.png\""), "{html}");
    assert!(html.contains("href=\"https://dichvucong.gov.vn/\"") && html.contains("href=\"/thu-tuc/\""), "{html}");
}

// ---- 10 and 17: attachments -------------------------------------------------------------------

#[test]
fn active_attachments_are_refused_with_a_hint() {
    for name in ["x.html", "a/b.HTM", "logo.svg", "x.xhtml", "data.xml", "app.js", "m.mjs", "shell.php"] {
        let (_dir, site) = workspace();
        let path = site.join("content/files").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "<script>alert(document.domain)</script>").unwrap();
        let stderr = assert_refused(&site, "PDF");
        assert!(stderr.contains(name), "{name}: {stderr}");
    }
}

#[test]
fn file_names_a_link_cannot_carry_are_refused() {
    for name in ["a#b.pdf", "a?b.pdf", "100%.pdf", "a\\b.pdf", "a\nb.pdf", "a\u{1}b.pdf"] {
        let (_dir, site) = workspace();
        fs::write(site.join("content/files").join(name), "x").unwrap();
        assert_refused(&site, "đổi tên tệp");
    }
    // Spaces and Vietnamese letters are fine.
    let (dir, site) = workspace();
    fs::write(site.join("content/files/Mẫu đơn.pdf"), "x").unwrap();
    let (code, stderr) = build(&site, &dir.path().join("public"));
    assert_eq!(code, 0, "{stderr}");
}

// ---- 16, 18, 22: texts ------------------------------------------------------------------------

#[test]
fn control_characters_are_refused_at_their_line() {
    for (c, shown) in [('\u{1}', "U+0001"), ('\u{b}', "U+000B"), ('\u{85}', "U+0085"), ('\u{ffff}', "U+FFFF")] {
        let (_dir, site) = workspace();
        let file = site.join("procedures/ho-tich/cap-ban-sao.yaml");
        let text = fs::read_to_string(&file).unwrap().replace("Cấp bản sao", &format!("Cấp bản{c}sao"));
        fs::write(&file, text).unwrap();
        let stderr = assert_refused(&site, shown);
        assert!(stderr.contains("cap-ban-sao.yaml:2:"), "{stderr}");
    }
    // In a page too, and tabs stay allowed.
    let (_dir, site) = workspace();
    append(&site.join("content/gioi-thieu.md"), "a\u{1}b\n");
    assert_refused(&site, "gioi-thieu.md:");
    let (dir, site) = workspace();
    append(&site.join("content/gioi-thieu.md"), "a\tb\n");
    let out = dir.path().join("public");
    assert_eq!(build(&site, &out).0, 0);
    let feed = fs::read_to_string(out.join("thay-doi.xml")).unwrap();
    assert!(!feed.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
}

#[test]
fn overlong_texts_are_refused_with_a_message() {
    let (_dir, site) = workspace();
    let file = site.join("procedures/ho-tich/cap-ban-sao.yaml");
    let text = fs::read_to_string(&file).unwrap().replace("Cấp bản sao", &"Cấp bản sao ".repeat(5_000));
    fs::write(&file, text).unwrap();
    let stderr = assert_refused(&site, "dòng quá dài");
    assert!(stderr.contains("cap-ban-sao.yaml:2:"), "{stderr}");
    // A whole file past the size limit: refused before it is read.
    let (_dir, site) = workspace();
    let lines = format!("# {}\n", "x".repeat(1000)).repeat(9_000);
    append(&site.join("procedures/ho-tich/cap-ban-sao.yaml"), &lines);
    assert_refused(&site, "tệp quá lớn");
}

#[test]
fn overlong_and_empty_slugs_are_caught_at_load_with_their_line() {
    let long_slug = "a".repeat(300);
    let cases =
        [("slug", format!("\"{long_slug}\"")), ("field", "\"中文\"".to_string()), ("field", "\"\"".to_string())];
    // A long field name is no error: real national field names run past 100 characters, and
    // their address keeps the first words (check.rs `shorten_slug`).
    for (key, value) in cases {
        let (_dir, site) = workspace();
        set_key(&site.join("procedures/ho-tich/cap-ban-sao.yaml"), key, &value);
        let stderr = assert_refused(&site, "cap-ban-sao.yaml:");
        assert!(!stderr.contains("dang-tao"), "points at the staging folder: {stderr}");
    }
    // A unit id too long for a folder name.
    let (_dir, site) = workspace();
    let units = fs::read_to_string(site.join("content/units.yaml")).unwrap();
    let first_id = units
        .lines()
        .find_map(|l| l.trim_start_matches("- ").strip_prefix("id: "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    let long_id = "x".repeat(300);
    fs::write(site.join("content/units.yaml"), units.replace(&first_id, &long_id)).unwrap();
    for entry in
        WalkDir::new(site.join("procedures")).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
    {
        let text = fs::read_to_string(entry.path()).unwrap().replace(&first_id, &long_id);
        fs::write(entry.path(), text).unwrap();
    }
    let stderr = assert_refused(&site, "units.yaml:");
    assert!(!stderr.contains("dang-tao"), "{stderr}");
}

// ---- CSP --------------------------------------------------------------------------------------

#[test]
fn every_page_has_a_content_security_policy_and_no_inline_script() {
    let (dir, site) = workspace();
    let out = dir.path().join("public");
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{stderr}");
    let mut pages = 0;
    for entry in WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = fs::read_to_string(entry.path()).unwrap();
        assert!(
            html.contains("http-equiv=\"Content-Security-Policy\"")
                || html.contains("http-equiv=\"Content-Security-Policy\""),
            "{}",
            entry.path().display()
        );
        assert!(html.contains("default-src 'self'"), "{}", entry.path().display());
        // Every script is a file or a JSON-LD data block; no inline handlers or style attributes.
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..html[i..].find('>').map_or(html.len(), |e| i + e)];
            assert!(tag.contains("src=") || tag.contains("application/ld+json"), "{}: {tag}", entry.path().display());
        }
        assert!(!html.contains(" onclick=") && !html.contains(" style="), "{}", entry.path().display());
    }
    assert!(pages > 10);
    // A theme's own base.html without the policy still gets it.
    let theme = site.join("themes/default/templates");
    fs::create_dir_all(&theme).unwrap();
    let base = include_str!("../themes/default/templates/base.html");
    let policy_line = base.lines().find(|l| l.contains("Content-Security-Policy")).unwrap();
    fs::write(theme.join("base.html"), base.replace(policy_line, "")).unwrap();
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{}", short(&stderr));
    let html = fs::read_to_string(out.join("gioi-thieu/index.html")).unwrap();
    assert!(html.contains("default-src 'self'"), "{}", short(&html));
    // The preview's reload script is a file too.
    let injected = congkhai::serve::injection(7, Some("lỗi"));
    assert!(!injected.contains("<script>") && !injected.contains("style="), "{injected}");
}

// ---- All at once --------------------------------------------------------------------------------

/// A hostile site written outside the project: every refusal comes in one run with exit 1 (not
/// a crash), nothing is destroyed or leaked; with the refused parts removed, what is left builds
/// and the published site carries nothing that runs or tracks.
#[cfg(unix)]
#[test]
fn hostile_site_fails_cleanly_or_builds_safely() {
    use std::os::unix::fs::symlink;
    let (dir, site) = workspace();
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret.md"), "---\ntitle: \"BÍ MẬT\"\n---\nBÍ MẬT\n").unwrap();
    // Safe-but-hostile content: tracker images, disguised links, formula cells, markup in names.
    append(
        &site.join("content/gioi-thieu.md"),
        "\n![t](https://tracker.example/a.png) ![t](/\\tracker.example/b.png) <img src=\" //tracker.example/c.png\">\n\
         [x](https:tracker.example) <a href=\"\\\\tracker.example\">y</a> <script>alert(1)</script>\n",
    );
    let file = site.join("procedures/ho-tich/cap-ban-sao.yaml");
    let text =
        fs::read_to_string(&file).unwrap().replace("\"Cấp bản sao trích lục hộ tịch\"", "\"=cmd|' /C calc'!A0\"");
    fs::write(&file, text).unwrap();

    // Refused parts, all in one run.
    symlink(outside.join("secret.md"), site.join("content/bi-mat.md")).unwrap();
    symlink(&outside, site.join("content/files/ngoai")).unwrap();
    fs::write(site.join("content/files/x.svg"), "<svg onload=alert(1)>").unwrap();
    fs::write(site.join("content/files/a#b.pdf"), "x").unwrap();
    fs::write(site.join("content/sau.md"), format!("---\ntitle: \"Sâu\"\n---\n{}x\n", "> ".repeat(3000))).unwrap();
    fs::write(site.join("content/dieu-khien.md"), "---\ntitle: \"A\u{1}B\"\n---\nx\n").unwrap();
    fs::create_dir_all(site.join("procedures/khac")).unwrap();
    fs::write(
        site.join("procedures/khac/dai.yaml"),
        format!("code: \"1.000009\"\nname: \"{}\"\nfield: \"中文\"\nlevel: province\nunit: so-xay-dung\ntime:\n  statutory: \"5 ngày làm việc\"\nupdated: 2026-01-01\n", "Tên ".repeat(6000)),
    )
    .unwrap();
    set_key(&site.join("content/site.yaml"), "base_url", "\"https://x.gov.vn//evil.example\"");
    let out = dir.path().join("public");
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 1, "{}", short(&stderr));
    for expected in ["bi-mat.md", "files/ngoai", "x.svg", "a#b.pdf", "sau.md", "U+0001", "dai.yaml", "base_url"] {
        assert!(stderr.contains(expected), "`{expected}` not reported: {}", short(&stderr));
    }
    assert!(!stderr.contains("BÍ MẬT") && !out.exists());
    // Crafted --out paths are refused with nothing touched.
    for crafted in ["nx/../content", "nx/../../notmine", "content/files", "."] {
        let (code, _) = build_in(&site, site.to_str().unwrap(), crafted);
        assert_eq!(code, 1, "{crafted}");
    }
    assert_eq!(fs::read_to_string(dir.path().join("notmine/precious.txt")).unwrap(), "do not delete");
    assert!(fs::read_to_string(outside.join("secret.md")).unwrap().contains("BÍ MẬT"));

    // Remove the refused parts: the rest builds, safely.
    for refused in [
        "content/bi-mat.md",
        "content/files/ngoai",
        "content/files/x.svg",
        "content/files/a#b.pdf",
        "content/sau.md",
        "content/dieu-khien.md",
        "procedures/khac/dai.yaml",
    ] {
        fs::remove_file(site.join(refused)).unwrap();
    }
    set_key(&site.join("content/site.yaml"), "base_url", "\"https://congkhai.example.gov.vn\"");
    let (code, stderr) = build(&site, &out);
    assert_eq!(code, 0, "{}", short(&stderr));
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("tracker.example"), "{} requests a tracker", path.display());
        assert!(!text.contains("<script>alert"), "{} runs script", path.display());
        assert!(!text.contains("BÍ MẬT"), "{} leaks", path.display());
    }
    let csv = fs::read_to_string(out.join("du-lieu/thu-tuc.csv")).unwrap();
    assert!(csv.contains("'=cmd|"), "{}", short(&csv));
    assert_eq!(snapshot(&out.join("tep")).len(), 1);
}
