//! The clerk's day: exact error texts, the live preview, scaffolds, editor schemas and
//! spreadsheet import, each driven through the real `congkhai` binary.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{check, congkhai, copy_site, edit, repo, site, stderr_of};

// ---------------------------------------------------------------------------------------------
// Diagnostics

/// Every broken fixture under tests/sites/err-*: the exact text a clerk sees.
#[test]
fn every_broken_fixture_has_an_exact_error_text() {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("tests/sites"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("err-"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let (code, stderr) = check(&site(&name));
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains("  --> "), "{name}: no place in {stderr}");
        insta::assert_snapshot!(format!("fixture-{name}"), stderr);
    }
}

/// Each remaining kind of mistake, made by one edit of the tiny site: exit code and exact text.
#[test]
fn every_kind_of_mistake_has_an_exact_error_text() {
    const GPLX: &str = "procedures/duong-bo/doi-gplx.yaml";
    const COPY: &str = "procedures/ho-tich/cap-ban-sao.yaml";
    const UNITS: &str = "content/units.yaml";
    const SITE: &str = "content/site.yaml";
    let cases: &[(&str, i32, &str, &str, &str)] = &[
        ("missing-key", 1, GPLX, "updated: 2026-01-15\n", ""),
        ("bad-enum", 1, GPLX, "level: province", "level: tinh"),
        ("duplicate-key", 1, GPLX, "level: province", "level: province\nlevel: commune"),
        ("bad-date", 1, GPLX, "updated: 2026-01-15", "updated: 2026-02-30"),
        ("unit-and-units", 1, GPLX, "unit: so-xay-dung", "unit: so-xay-dung\nunits: [cong-an-tinh]"),
        ("no-unit", 1, GPLX, "unit: so-xay-dung\n", ""),
        ("empty-units", 1, COPY, "units: [so-xay-dung, cong-an-tinh]", "units: []"),
        ("no-unit-of-kind", 1, COPY, "units: [so-xay-dung, cong-an-tinh]", "units: { kind: center }"),
        ("unit-twice", 0, COPY, "units: [so-xay-dung, cong-an-tinh]", "units: [so-xay-dung, so-xay-dung]"),
        ("missing-form", 1, GPLX, "mau/don-doi-gplx.txt", "mau/khong-co.pdf"),
        ("negative-number", 1, GPLX, "originals: 1\n    form", "originals: -1\n    form"),
        ("not-a-number", 1, GPLX, "originals: 1\n    form", "originals: một\n    form"),
        ("bad-slug", 1, GPLX, "keywords:", "slug: \"Đổi GPLX\"\nkeywords:"),
        ("bad-online-url", 1, GPLX, "online_url: \"https://", "online_url: \"dichvucong "),
        ("field-spelling", 1, COPY, "field: \"Hộ tịch\"", "field: \"Hộ Tịch\""),
        ("field-not-listed", 1, SITE, "as_of: 2026-06-30", "as_of: 2026-06-30\nfields: [\"Đường bộ\"]"),
        ("bad-base-url", 1, SITE, "\"https://congkhai.example.gov.vn\"", "\"congkhai.example.gov.vn\""),
        ("bad-as-of", 1, SITE, "as_of: 2026-06-30", "as_of: 30/06/2026"),
        (
            "bad-lookup-url",
            1,
            SITE,
            "lookup_url: \"https://motcua.example.gov.vn/tra-cuu?ma={ma}\"",
            "lookup_url: \"https://a.example/tra-cuu\"",
        ),
        ("unknown-site-key", 1, SITE, "hotline:", "hotlien:"),
        ("bad-unit-id", 1, UNITS, "- id: xa-b", "- id: Xa_B"),
        ("duplicate-unit-id", 1, UNITS, "- id: xa-b", "- id: xa-a"),
        (
            "unknown-parent",
            1,
            UNITS,
            "  kind: commune\n  address: \"Thôn 1",
            "  kind: commune\n  parent: ubnd-tin\n  address: \"Thôn 1",
        ),
        ("bad-unit-kind", 1, UNITS, "kind: police", "kind: cong-an"),
        ("page-without-front-matter", 1, "content/gioi-thieu.md", "---\ntitle: \"Giới thiệu\"\n---\n", ""),
        ("temporary-code", 0, GPLX, "code: \"1.002804\"", "code: \"0.000001\""),
    ];
    for (name, want, file, from, to) in cases {
        let (_dir, root) = copy_site("tiny");
        edit(&root, file, from, to);
        let (code, stderr) = check(&root);
        assert_eq!(code, *want, "{name}: {stderr}");
        assert!(stderr.contains("  --> "), "{name}: no place in {stderr}");
        insta::assert_snapshot!(format!("kind-{name}"), stderr);
    }
}

#[test]
fn missing_source_files_are_named() {
    for (name, file) in [("no-site", "content/site.yaml"), ("no-units", "content/units.yaml")] {
        let (_dir, root) = copy_site("tiny");
        std::fs::remove_file(root.join(file)).unwrap();
        let (code, stderr) = check(&root);
        assert_eq!(code, 1, "{name}");
        insta::assert_snapshot!(format!("kind-{name}"), stderr);
    }
    // A missing theme is found when building.
    let (dir, root) = copy_site("tiny");
    edit(&root, "content/site.yaml", "as_of: 2026-06-30", "as_of: 2026-06-30\ntheme: khong-co");
    let out = dir.path().join("public");
    let built = congkhai(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(built.status.code(), Some(1));
    assert!(!out.exists());
    insta::assert_snapshot!("kind-missing-theme", stderr_of(&built, &root));
}

/// The "done when": a YAML syntax error, a misspelt key and a misspelt unit id in one
/// `check`, each at its file and line with a hint; and a failed build leaves the output alone.
#[test]
fn three_mistakes_in_one_check_and_the_output_survives() {
    let (code, stderr) = check(&site("err-three-mistakes"));
    assert_eq!(code, 1);
    for (place, hint) in [
        ("procedures/a-syntax.yaml:2:7", "chuỗi mở bằng `\"` phải đóng bằng `\"`"),
        ("procedures/b-key.yaml:11:1", "có phải ý bạn là `fees`?"),
        ("procedures/c-unit.yaml:5:7", "có phải ý bạn là `so-xay-dung`?"),
    ] {
        let at = stderr.find(&format!("--> {place}")).unwrap_or_else(|| panic!("{place} in\n{stderr}"));
        assert!(stderr[at..].contains(hint), "{place}: {hint}");
    }
    assert!(stderr.ends_with("Không tạo được trang: 3 lỗi\n"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "no colour when piped");

    // A good build, then a broken one into the same folder: the old site is untouched.
    let (dir, root) = copy_site("tiny");
    let out = dir.path().join("public");
    let args = ["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()];
    assert!(congkhai(&args).status.success());
    let before = std::fs::read(out.join("index.html")).unwrap();
    edit(&root, "procedures/duong-bo/doi-gplx.yaml", "unit: so-xay-dung", "unit: so-xay-dug");
    let failed = congkhai(&args);
    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr_of(&failed, &root).contains("được giữ nguyên"));
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
    assert!(out.join("thu-tuc/cap-doi-giay-phep-lai-xe/index.html").is_file());
}

/// Colour and progress only on a terminal (run under `script`, which gives the program a pty).
#[test]
fn colour_and_progress_only_on_a_terminal() {
    let run_in_pty = |command: String| {
        let out = Command::new("script").args(["-qec", &command, "/dev/null"]).env_remove("NO_COLOR").output();
        String::from_utf8_lossy(&out.expect("script(1) from util-linux").stdout).into_owned()
    };
    let bin = env!("CARGO_BIN_EXE_congkhai");
    let broken = site("err-unknown-unit");
    let tty = run_in_pty(format!("{bin} check --root {}", broken.display()));
    assert!(tty.contains("\x1b[1;31mlỗi\x1b[0m: không có đơn vị"), "{tty:?}");
    let piped =
        Command::new(bin).args(["check", "--root", broken.to_str().unwrap()]).env_remove("NO_COLOR").output().unwrap();
    assert!(!String::from_utf8_lossy(&piped.stderr).contains('\x1b'));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let tty = run_in_pty(format!("{bin} build --root {} --out {}", site("tiny").display(), out.display()));
    assert!(tty.contains("Đang tạo trang…"), "a progress line on a terminal: {tty:?}");
    let last_line = tty.trim_end().rsplit(['\r', '\n']).next().unwrap_or("");
    assert!(
        last_line.trim_start_matches("\x1b[2K").starts_with("Đã tạo "),
        "the summary line after the progress is cleared: {tty:?}"
    );
    let piped = Command::new(bin)
        .args(["build", "--root", site("tiny").to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(stderr.starts_with("Đã tạo ") && stderr.lines().count() == 1, "one summary line when piped: {stderr:?}");
}

// ---------------------------------------------------------------------------------------------
// serve

struct Server {
    child: Child,
    port: u16,
    log: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(root: &Path, out: &Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["serve", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap(), "--port", "0"])
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start serve");
    let (send, log) = std::sync::mpsc::channel();
    // Owned from here on, so the process is stopped even when the test fails.
    let mut server = Server { child, port: 0, log };
    let stderr = server.child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while server.port == 0 {
        let wait = deadline.saturating_duration_since(Instant::now());
        let line = server.log.recv_timeout(wait).expect("serve prints its address");
        if let Some(rest) = line.strip_prefix("Đang phục vụ tại http://127.0.0.1:") {
            server.port = rest.split('/').next().unwrap().parse().unwrap();
        }
    }
    server
}

/// GET over a plain TCP connection on loopback: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// Waits for the version endpoint to move past `version`; returns the new one and the time it took.
fn wait_for_rebuild(server: &Server, version: &str) -> (String, Duration) {
    let started = Instant::now();
    loop {
        let (_, now) = get(server.port, "/__congkhai/version");
        if now != version {
            return (now, started.elapsed());
        }
        assert!(started.elapsed() < Duration::from_secs(20), "no rebuild after a save");
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn serve_rebuilds_on_save_and_shows_errors_over_the_last_good_site() {
    let (dir, root) = copy_site("tiny");
    let out = dir.path().join("public");
    let server = start_server(&root, &out);
    let page = "/thu-tuc/cap-doi-giay-phep-lai-xe/";

    let (status, body) = get(server.port, page);
    assert_eq!(status, 200);
    assert!(body.contains("Cấp đổi giấy phép lái xe"));
    assert!(body.contains("/__congkhai/tai-lai.js"), "the reload script is linked");
    assert!(
        get(server.port, "/__congkhai/tai-lai.js").1.contains("/__congkhai/version"),
        "the reload script polls the version"
    );
    assert!(
        !std::fs::read_to_string(out.join("thu-tuc/cap-doi-giay-phep-lai-xe/index.html"))
            .unwrap()
            .contains("__congkhai"),
        "never in the built files"
    );
    let (_, version) = get(server.port, "/__congkhai/version");

    // A save that changes a name: the page shows it after the rebuild.
    edit(
        &root,
        "procedures/duong-bo/doi-gplx.yaml",
        "name: \"Cấp đổi giấy phép lái xe\"",
        "name: \"Cấp đổi giấy phép lái xe ô tô\"",
    );
    let (version, took) = wait_for_rebuild(&server, &version);
    eprintln!("rebuilt after a save in {took:?}");
    let (status, body) = get(server.port, "/thu-tuc/cap-doi-giay-phep-lai-xe-o-to/");
    assert_eq!(status, 200);
    assert!(body.contains("Cấp đổi giấy phép lái xe ô tô"));
    assert!(!body.contains("congkhai-loi"));

    // A save that breaks the site: the overlay, escaped, over the last good page.
    edit(&root, "procedures/duong-bo/doi-gplx.yaml", "unit: so-xay-dung", "unit: \"<b>so-xay-dug\"");
    let (_, took) = wait_for_rebuild(&server, &version);
    eprintln!("failed rebuild reported in {took:?}");
    let (status, body) = get(server.port, "/thu-tuc/cap-doi-giay-phep-lai-xe-o-to/");
    assert_eq!(status, 200);
    assert!(body.contains("Cấp đổi giấy phép lái xe ô tô"), "the last good page stays");
    assert!(body.contains("id=congkhai-loi"), "{body}");
    assert!(body.contains("không có đơn vị `&lt;b&gt;so-xay-dug` trong content/units.yaml"), "{body}");
    assert!(body.contains("procedures/duong-bo/doi-gplx.yaml:6:7"), "{body}");
    assert!(!body.contains("<b>so-xay-dug"), "error text is escaped");
    // The last good site reaches the output folder, even when the failing save stopped its
    // write (it renders again in the background).
    let written = out.join("thu-tuc/cap-doi-giay-phep-lai-xe-o-to/index.html");
    let waited = Instant::now();
    while !written.is_file() && waited.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(written.is_file(), "the last good page is written to the output folder");

    // The terminal says the same.
    let log: Vec<String> = server.log.try_iter().collect();
    assert!(log.iter().any(|l| l.starts_with("Không tạo được trang: 1 lỗi")), "{log:?}");
}

#[test]
fn serve_says_so_when_the_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (_dir, root) = copy_site("tiny");
    let out = congkhai(&["serve", "--root", root.to_str().unwrap(), "--port", &port]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr_of(&out, &root);
    assert!(stderr.contains(&format!("lỗi: cổng {port} đang được chương trình khác dùng")), "{stderr}");
    assert!(stderr.contains("gợi ý: chạy lại với cổng khác"), "{stderr}");
    assert!(!root.join("public").exists(), "nothing built when it cannot serve");
}

// ---------------------------------------------------------------------------------------------
// Scaffolds

#[test]
fn a_new_site_builds_as_it_is_and_grows_with_new_units_and_procedures() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("trang-moi");
    let r = root.to_str().unwrap();
    let made = congkhai(&["new", "site", r]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let built = congkhai(&["build", "--root", r]);
    let stderr = stderr_of(&built, &root);
    assert!(built.status.success(), "{stderr}");
    assert!(stderr.starts_with("Đã tạo "), "no warnings on a new site: {stderr}");
    assert!(root.join("public/thu-tuc/dang-ky-khai-sinh/index.html").is_file());
    // Every key of the YAML files has a comment.
    for file in ["content/site.yaml", "content/units.yaml", "procedures/ho-tich/dang-ky-khai-sinh.yaml"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for line in text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && l.contains(':') && !l.trim_start().starts_with("- \""))
        {
            assert!(line.contains(" # "), "{file}: no comment on {line:?}");
        }
    }
    // Never over an existing site.
    assert_eq!(congkhai(&["new", "site", r]).status.code(), Some(1));

    let unit =
        congkhai(&["new", "unit", "--root", r, "--id", "so-tu-phap", "--name", "Sở Tư pháp", "--kind", "department"]);
    assert!(unit.status.success(), "{}", String::from_utf8_lossy(&unit.stderr));
    let again = congkhai(&["new", "unit", "--root", r, "--id", "so-tu-phap", "--name", "X", "--kind", "department"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr_of(&again, &root).contains("mã đơn vị `so-tu-phap` đã có"));

    let args = [
        "new",
        "procedure",
        "--root",
        r,
        "--unit",
        "so-tu-phap",
        "--name",
        "Cấp phiếu lý lịch tư pháp",
        "--field",
        "Lý lịch tư pháp",
    ];
    for _ in 0..2 {
        let made = congkhai(&args);
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    }
    let first = root.join("procedures/ly-lich-tu-phap/cap-phieu-ly-lich-tu-phap.yaml");
    let second = root.join("procedures/ly-lich-tu-phap/cap-phieu-ly-lich-tu-phap-2.yaml");
    assert!(std::fs::read_to_string(&first).unwrap().contains("code: \"0.000001\""));
    assert!(std::fs::read_to_string(&second).unwrap().contains("code: \"0.000002\""));
    let with_code = congkhai(&[
        "new",
        "procedure",
        "--root",
        r,
        "--unit",
        "so-tu-phap",
        "--name",
        "Chứng thực chữ ký",
        "--field",
        "Chứng thực",
        "--code",
        "2.000815",
    ]);
    assert!(with_code.status.success());

    let wrong = congkhai(&["new", "procedure", "--root", r, "--unit", "so-tu-phaq", "--name", "X"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr_of(&wrong, &root).contains("có phải ý bạn là `so-tu-phap`?"));

    // A site with a fixed list of fields: the field must be one of them.
    let site_yaml = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(&site_yaml, format!("{text}fields: [\"Hộ tịch\", \"Lý lịch tư pháp\", \"Chứng thực\"]\n")).unwrap();
    let off_list =
        congkhai(&["new", "procedure", "--root", r, "--unit", "so-tu-phap", "--name", "Y", "--field", "Hộ tich"]);
    assert_eq!(off_list.status.code(), Some(1));
    assert!(stderr_of(&off_list, &root).contains("có phải ý bạn là `Hộ tịch`?"));

    let (code, stderr) = check(&root);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("mã thủ tục `0.000001` là mã tạm"), "{stderr}");
    // Each unfilled scaffold is named once, with every fact still missing (issue 13, item 10).
    assert!(
        stderr.contains(
            "thủ tục `2.000815` còn thiếu thông tin: phí, lệ phí (chưa có `fees`, hoặc chưa có `amount`); \
             thành phần hồ sơ (chưa có `papers`); chỗ còn ghi `SỬA` (`time.text`)"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("còn thiếu thông tin").count(), 3, "{stderr}");
    assert!(stderr.contains("Kết quả kiểm tra: 5 cảnh báo"), "{stderr}");
    let page = congkhai(&["build", "--root", r]);
    assert!(page.status.success());
    let html = std::fs::read_to_string(root.join("public/thu-tuc/chung-thuc-chu-ky/index.html")).unwrap();
    assert!(
        html.contains("Chưa có thông tin về phí, lệ phí") && html.contains("Chưa có thông tin về thành phần hồ sơ")
    );
    assert!(!html.contains("Miễn phí") && !html.contains("Không yêu cầu giấy tờ"));
}

// ---------------------------------------------------------------------------------------------
// Editor schemas

fn yaml_files(root: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut files = vec![(root.join("content/site.yaml"), "site"), (root.join("content/units.yaml"), "units")];
    let mut procedures: Vec<PathBuf> = walkdir::WalkDir::new(root.join("procedures"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| e.into_path())
        .collect();
    procedures.sort();
    files.extend(procedures.into_iter().map(|p| (p, "procedure")));
    files
}

fn validator(root: &Path, kind: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root.join(format!(".schema/{kind}.json"))).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

/// Problems the schema finds in one YAML file.
fn schema_errors(validator: &jsonschema::Validator, file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    validator.iter_errors(&value).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn the_committed_schemas_are_the_ones_the_binary_prints() {
    for kind in ["site", "units", "procedure"] {
        let printed = congkhai(&["schema", kind]);
        let committed = std::fs::read_to_string(repo().join(format!(".schema/{kind}.json"))).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&printed.stdout),
            committed,
            "run `congkhai schema --write` to refresh .schema/{kind}.json"
        );
    }
}

#[test]
fn the_example_site_validates_against_the_published_schemas() {
    let root = repo();
    let files = yaml_files(root);
    assert!(files.len() > 40);
    for (file, kind) in files {
        let relative = file.strip_prefix(root).unwrap();
        let depth = relative.components().count() - 1;
        let first = std::fs::read_to_string(&file).unwrap().lines().next().unwrap_or("").to_string();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={}.schema/{kind}.json", "../".repeat(depth)),
            "{}",
            relative.display()
        );
        let errors = schema_errors(&validator(root, kind), &file);
        assert!(errors.is_empty(), "{}: {errors:?}", relative.display());
    }
}

#[test]
fn the_schemas_catch_what_a_clerk_gets_wrong() {
    let root = repo();
    let dir = tempfile::tempdir().unwrap();
    let procedure = validator(root, "procedure");
    let cases = [
        ("fess:", "`fess` is not allowed"),
        ("code: 1.004940", "code"),
        ("level: tinh", "level"),
        ("amount: -1", "amount"),
    ];
    let good = std::fs::read_to_string(site("tiny").join("procedures/duong-bo/doi-gplx.yaml")).unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, &good).unwrap();
    assert!(schema_errors(&procedure, &file).is_empty());
    for (change, what) in cases {
        let text = match change {
            "fess:" => good.replace("fees:", "fess:"),
            "code: 1.004940" => good.replace("code: \"1.002804\"", "code: 1.004940"),
            "level: tinh" => good.replace("level: province", "level: tinh"),
            _ => good.replace("amount: 135000", "amount: -1"),
        };
        std::fs::write(&file, text).unwrap();
        let errors = schema_errors(&procedure, &file);
        assert!(!errors.is_empty(), "{change} passed the schema");
        assert!(
            errors.iter().any(|e| e.contains(what.split('`').nth(1).unwrap_or(what)) || e.contains(what)),
            "{change}: {errors:?}"
        );
    }
    // The scaffolds validate too.
    let new_root = dir.path().join("moi");
    assert!(congkhai(&["new", "site", new_root.to_str().unwrap()]).status.success());
    for (file, kind) in yaml_files(&new_root) {
        assert!(schema_errors(&validator(&new_root, kind), &file).is_empty(), "{}", file.display());
    }
}

// ---------------------------------------------------------------------------------------------
// Import

fn import(root: &Path, fixture: &str, force: bool) -> (i32, String) {
    let file = repo().join("tests/fixtures").join(fixture);
    let mut args = vec!["import", "thu-tuc", file.to_str().unwrap(), "--root", root.to_str().unwrap()];
    if force {
        args.push("--force");
    }
    let out = congkhai(&args);
    let stderr = stderr_of(&out, root).replace(&format!("{}/", repo().display()), "");
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn a_spreadsheet_and_a_csv_become_procedure_files() {
    for fixture in ["thu-tuc.xlsx", "thu-tuc.csv"] {
        let (_dir, root) = copy_site("tiny");
        let before = std::fs::read_to_string(root.join("procedures/duong-bo/doi-gplx.yaml")).unwrap();
        let (code, stderr) = import(&root, fixture, false);
        assert_eq!(code, 1, "two rows cannot be read: {stderr}");
        insta::assert_snapshot!(format!("import-{fixture}"), stderr);

        let permit =
            std::fs::read_to_string(root.join("procedures/xay-dung/cap-giay-phep-xay-dung-nha-o-rieng-le.yaml"))
                .unwrap();
        assert!(permit.starts_with("# yaml-language-server: $schema=../../.schema/procedure.json\n"));
        assert!(permit.contains("code: \"1.004946\""));
        assert!(permit.contains("unit: so-xay-dung"));
        assert!(permit.contains("statutory: \"15 ngày\""));
        assert!(permit.contains("note: \"kể từ ngày nhận đủ hồ sơ hợp lệ\""));
        assert!(permit.contains("amount: 75000"));
        let marriage = std::fs::read_to_string(root.join("procedures/ho-tich/dang-ky-ket-hon.yaml")).unwrap();
        assert!(marriage.contains("units: [xa-a, xa-b]") && marriage.contains("level: commune"));
        // The file that was there is untouched.
        assert_eq!(std::fs::read_to_string(root.join("procedures/duong-bo/doi-gplx.yaml")).unwrap(), before);

        // What was imported builds.
        let (code, stderr) = check(&root);
        assert_eq!(code, 0, "{stderr}");

        // Again: nothing is overwritten without --force; with it, the files are rewritten.
        let (_, again) = import(&root, fixture, false);
        assert!(again.contains("Đã nhập 0 thủ tục, bỏ qua 5 tệp đã có, 2 dòng không đọc được."), "{again}");
        std::fs::write(root.join("procedures/ho-tich/dang-ky-ket-hon.yaml"), "sửa tay").unwrap();
        let (_, forced) = import(&root, fixture, true);
        assert!(forced.contains("Đã nhập 5 thủ tục, bỏ qua 0 tệp đã có"), "{forced}");
        assert!(
            std::fs::read_to_string(root.join("procedures/ho-tich/dang-ky-ket-hon.yaml"))
                .unwrap()
                .contains("code: \"1.001022\"")
        );
    }
}

#[test]
fn an_unreadable_spreadsheet_is_explained() {
    let (dir, root) = copy_site("tiny");
    let file = dir.path().join("danh-muc.csv");
    std::fs::write(&file, "STT;Tên;Ghi chú\n1;a;b\n").unwrap();
    let out = congkhai(&["import", "thu-tuc", file.to_str().unwrap(), "--root", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("không tìm thấy dòng tiêu đề có cột mã thủ tục và tên thủ tục")
    );
}

/// The guide on the example site is HUONG-DAN.md under a front matter.
#[test]
fn the_staff_guide_page_matches_huong_dan_md() {
    let guide = std::fs::read_to_string(repo().join("HUONG-DAN.md")).unwrap();
    let page = std::fs::read_to_string(repo().join("content/huong-dan.md")).unwrap();
    let body = guide.split_once("\n\n").unwrap().1;
    let (front, page_body) = page.strip_prefix("---\n").unwrap().split_once("\n---\n\n").unwrap();
    assert!(front.starts_with("title: \"Hướng dẫn cập nhật trang\""));
    assert_eq!(page_body, body, "copy HUONG-DAN.md into content/huong-dan.md");
    for topic in
        ["congkhai check", "congkhai build", "public/", "= gợi ý:", "/don-vi/<mã-đơn-vị>/niem-yet/", "/niem-yet/"]
    {
        assert!(body.contains(topic), "{topic}");
    }
}

#[test]
fn serve_answers_while_a_slow_reader_holds_a_large_file() {
    // Issue 12.20: one request at a time meant a reader that does not read a large response
    // blocked the whole preview. 48 MB is more than loopback socket buffers hold.
    let (dir, root) = copy_site("tiny");
    std::fs::write(root.join("content/files/lon.pdf"), vec![b'%'; 48 * 1024 * 1024]).unwrap();
    let out = dir.path().join("public");
    let server = start_server(&root, &out);
    assert_eq!(get(server.port, "/").0, 200);
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(slow, "GET /tep/lon.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let started = std::time::Instant::now();
    let (status, body) = get(server.port, "/thu-tuc/cap-doi-giay-phep-lai-xe/");
    assert_eq!(status, 200, "the preview answered while another reader stalls");
    assert!(body.contains("Cấp đổi giấy phép lái xe"));
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    drop(slow);
}
