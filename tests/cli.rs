//! Runs the real `congkhai` binary on the fixture sites under tests/sites/.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{congkhai, site};

/// `check` on a fixture: exit code and stderr with the fixture's absolute path removed.
fn check(name: &str) -> (i32, String) {
    let root = site(name);
    let out = congkhai(&["check", "--root", root.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", root.display()), "");
    (out.status.code().unwrap_or(-1), stderr)
}

fn build(name: &str, out: &Path) -> (i32, String) {
    let root = site(name);
    let result = congkhai(&["build", "--root", root.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    (result.status.code().unwrap_or(-1), String::from_utf8_lossy(&result.stderr).into_owned())
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Each kind of mistake: exit 1, the exact place, and its own hint.
#[test]
fn every_mistake_is_reported_at_its_line_with_a_hint() {
    let cases = [
        ("err-syntax", "procedures/a.yaml:2:7", "thiếu dấu ngoặc kép đóng"),
        ("err-unknown-key", "procedures/a.yaml:11:1", "có phải ý bạn là `fees`?"),
        ("err-unknown-unit", "procedures/a.yaml:5:7", "có phải ý bạn là `so-xay-dung`?"),
        ("err-bad-duration", "procedures/a.yaml:7:14", "`N ngày làm việc`"),
        ("err-cut-longer", "procedures/a.yaml:8:8", "phải ngắn hơn hoặc bằng `time.statutory`"),
        ("err-duplicate-code", "procedures/b.yaml:1:7", "mã này đã dùng ở procedures/a.yaml:1"),
        ("err-unquoted-code", "procedures/a.yaml:1:7", "viết `code: \"1.004940\"`"),
        ("err-dotted-amount", "procedures/a.yaml:10:13", "`amount: 135000`"),
        ("err-windows-1258", "procedures/a.yaml:2:9", "bảng mã (Encoding) UTF-8"),
    ];
    for (name, place, hint) in cases {
        let (code, stderr) = check(name);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains(&format!("--> {place}")), "{name}: expected {place} in\n{stderr}");
        assert!(stderr.contains(hint), "{name}: expected hint {hint:?} in\n{stderr}");
        assert!(stderr.contains("Không tạo được trang: 1 lỗi"), "{name}: {stderr}");
    }
}

#[test]
fn three_mistakes_in_three_files_come_in_one_run() {
    let (code, stderr) = check("err-three-mistakes");
    assert_eq!(code, 1);
    insta::assert_snapshot!(stderr);
}

#[test]
fn error_output_reads_like_rustc() {
    let (_, stderr) = check("err-unknown-unit");
    insta::assert_snapshot!(stderr);
}

#[test]
fn windows_line_ends_and_a_bom_just_work() {
    let (code, stderr) = check("ok-crlf");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn tiny_site_builds_correct_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (code, stderr) = build("tiny", &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("Đã tạo "), "{stderr}");

    let licence = read(&out, "thu-tuc/cap-doi-giay-phep-lai-xe/index.html");
    assert!(licence.contains("135.000 đ"), "fee in Vietnamese format");
    assert!(licence.contains("Trong ngày"));
    assert!(licence.contains("cắt giảm 80%"), "5 working days → same day is an 80% cut");
    // No hotline of its own: the unit's, not the site's.
    assert!(licence.contains("0212 3852 000"));
    assert!(licence.contains("15/01/2026"));
    assert!(licence.contains("\"@type\":\"GovernmentService\""));
    assert!(licence.contains("/tep/mau/don-doi-gplx.txt"));

    // Several units: each listed with its address; its own hotline wins.
    let copy = read(&out, "thu-tuc/cap-ban-sao-trich-luc-ho-tich/index.html");
    assert!(copy.contains("Sở Xây dựng tỉnh Mẫu") && copy.contains("Công an tỉnh Mẫu"));
    assert!(copy.contains("0212 1111 222"));
    assert!(copy.contains("cắt giảm 30%"));

    // Every commune does birth registration: each commune page counts it and links the page
    // that lists it once.
    for commune in ["xa-a", "xa-b"] {
        let page = read(&out, &format!("don-vi/{commune}/index.html"));
        assert!(page.contains("Thủ tục mọi xã, phường đều giải quyết (1)"), "{commune}");
        assert!(page.contains("href=\"/don-vi/moi-xa-phuong/\""), "{commune}");
    }
    assert!(read(&out, "don-vi/moi-xa-phuong/index.html").contains("Đăng ký khai sinh"));
    let unit = read(&out, "don-vi/so-xay-dung/index.html");
    assert!(unit.contains("Nguyễn Thị Hoa") && unit.contains("Chuyên viên, Bộ phận Một cửa"));

    // The permanent link redirects without JavaScript and names the canonical page.
    let short = read(&out, "tt/1.002804/index.html");
    assert!(short.contains("http-equiv=\"refresh\""));
    assert!(short.contains("https://congkhai.example.gov.vn/thu-tuc/cap-doi-giay-phep-lai-xe/"));

    // A–Z index in Vietnamese order: C before Đ.
    let list = read(&out, "thu-tuc/index.html");
    let c = list.find("id=\"chu-c\"").expect("letter C");
    let dd = list.find("id=\"chu-dd\"").expect("letter Đ");
    assert!(c < dd);

    for path in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "don-vi/index.html",
        "linh-vuc/ho-tich/index.html",
        "gioi-thieu/index.html",
        "tep/mau/don-doi-gplx.txt",
    ] {
        assert!(out.join(path).is_file(), "{path}");
    }
    assert!(read(&out, "sitemap.xml").contains(
        "<loc>https://congkhai.example.gov.vn/thu-tuc/dang-ky-khai-sinh/</loc><lastmod>2025-09-01</lastmod>"
    ));
}

#[test]
fn the_same_sources_give_byte_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(build("tiny", &a).0, 0);
    assert_eq!(build("tiny", &b).0, 0);
    let contents = |root: &Path| {
        snapshot_dir(root)
            .into_iter()
            .map(|(path, bytes, _)| (path.strip_prefix(root).unwrap().to_path_buf(), bytes))
            .collect::<Vec<_>>()
    };
    assert_eq!(contents(&a), contents(&b));
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_eq!(build("tiny", &out).0, 0);
    let before = snapshot_dir(&out);
    let (code, stderr) = build("err-unknown-unit", &out);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(snapshot_dir(&out), before);
    // No temporary folder is left behind either.
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
}

/// Every file under `root` with its bytes and modification time, sorted by path.
fn snapshot_dir(root: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    all.sort();
    all
}

#[test]
fn output_may_not_be_the_sources() {
    let root = site("tiny");
    for out in [root.clone(), root.join("content"), root.join("procedures"), root.parent().unwrap().to_path_buf()] {
        let (code, stderr) = build("tiny", &out);
        assert_eq!(code, 1, "{}", out.display());
        assert!(stderr.contains("chứa hoặc nằm trong dữ liệu nguồn"), "{stderr}");
    }
}

#[test]
fn a_folder_not_made_by_congkhai_is_never_replaced() {
    // Not a hidden name (`.tmp…`): those are refused for another reason.
    let dir = tempfile::Builder::new().prefix("thu-muc-").tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.docx"), "precious").unwrap();
    let (code, stderr) = build("tiny", dir.path());
    assert_eq!(code, 1);
    assert!(stderr.contains("không phải do congkhai tạo"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("thesis.docx")).unwrap(), "precious");
}

/// Tags and attributes as a browser would see them: quoted values may hold `<` and `>`,
/// and text inside <title> or a script is not markup.
fn tags_of(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let chars: Vec<char> = html.chars().collect();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '<' || !chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        i += 1;
        let mut name = String::new();
        while i < chars.len() && chars[i].is_ascii_alphanumeric() {
            name.push(chars[i].to_ascii_lowercase());
            i += 1;
        }
        let mut attributes = Vec::new();
        loop {
            while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '/') {
                i += 1;
            }
            if i >= chars.len() || chars[i] == '>' {
                i += 1;
                break;
            }
            let mut attr = String::new();
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' && chars[i] != '>' {
                attr.push(chars[i].to_ascii_lowercase());
                i += 1;
            }
            let mut value = String::new();
            if chars.get(i) == Some(&'=') {
                i += 1;
                if let Some(&q) = chars.get(i).filter(|c| **c == '"' || **c == '\'') {
                    i += 1;
                    while i < chars.len() && chars[i] != q {
                        value.push(chars[i]);
                        i += 1;
                    }
                    i += 1;
                } else {
                    while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
                        value.push(chars[i]);
                        i += 1;
                    }
                }
            }
            attributes.push((attr, value));
        }
        if name == "title" || name == "script" {
            let close: Vec<char> = format!("</{name}").chars().collect();
            while i < chars.len() && !chars[i..].starts_with(&close) {
                i += 1;
            }
        }
        tags.push((name, attributes));
    }
    tags
}

/// The head's own <link> and <meta> tags, which the theme writes.
fn is_ours(tag: &str, attributes: &[(String, String)]) -> bool {
    match tag {
        "link" => attributes
            .iter()
            .any(|(n, v)| n == "rel" && ["stylesheet", "icon", "canonical", "alternate"].contains(&v.as_str())),
        "meta" => attributes.iter().all(|(n, _)| ["charset", "name", "content", "http-equiv"].contains(&n.as_str())),
        // The QR codes the generator draws itself (qr.html), never staff markup.
        "svg" => {
            let has = |name: &str, value: &str| attributes.iter().any(|(n, v)| n == name && v == value);
            has("class", "qr") && has("role", "img")
        }
        _ => false,
    }
}

#[test]
fn markup_in_every_staff_field_arrives_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (code, stderr) = build("hostile", &out);
    assert_eq!(code, 0, "{stderr}");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let page = entry.path().display();
        for (tag, attributes) in tags_of(&html) {
            assert!(
                !["iframe", "svg", "object", "embed", "style", "link", "meta"].contains(&tag.as_str())
                    || is_ours(&tag, &attributes),
                "<{tag}> in {page}"
            );
            if tag == "img" {
                assert!(attributes.iter().all(|(n, v)| n != "src" || !v.contains("://")), "outside image in {page}");
            }
            if tag == "script" {
                let data = attributes.iter().any(|(n, v)| n == "type" && v == "application/ld+json");
                let ours = attributes.iter().any(|(n, v)| n == "src" && v.starts_with("/assets/"));
                assert!(data || ours, "<script> in {page}");
            }
            if tag == "form" {
                assert!(!attributes.iter().any(|(n, v)| n == "action" && v.contains("evil")), "staff form in {page}");
            }
            for (name, value) in &attributes {
                assert!(!name.starts_with("on"), "{name}= on <{tag}> in {page}");
                assert!(!value.to_lowercase().contains("javascript:"), "javascript: link in {page}");
            }
        }
        // The JSON-LD block cannot be closed from inside.
        if let Some(start) = html.find("application/ld+json>") {
            let block = &html[start..html[start..].find("</script>").map_or(html.len(), |e| start + e)];
            assert!(!block.contains('<'), "raw < inside JSON-LD in {page}");
        }
    }
    assert!(pages >= 8, "only {pages} pages");
    let procedure = std::fs::read_to_string(
        std::fs::read_dir(out.join("thu-tuc"))
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with("thu-tuc-"))
            .unwrap()
            .path()
            .join("index.html"),
    )
    .unwrap();
    assert!(procedure.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "names are shown escaped, not dropped");
}

#[test]
fn schema_prints_json_for_each_source_file() {
    for name in ["site", "units", "procedure", "page"] {
        let out = congkhai(&["schema", name]);
        assert!(out.status.success());
        let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        assert!(schema.get("$schema").is_some(), "{name}");
    }
    assert!(!congkhai(&["schema", "nope"]).status.success());
}

#[test]
fn help_is_vietnamese() {
    let out = congkhai(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Kiểm tra và tạo trang (build)"), "{text}");
    assert!(text.contains("Lệnh:"), "{text}");
}

/// The main content of a procedure page, one block per line so a change reads as a diff.
#[test]
fn procedure_page_main_content_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_eq!(build("tiny", &out).0, 0);
    let html = read(&out, "thu-tuc/cap-doi-giay-phep-lai-xe/index.html");
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    let mut main = html[start..end].to_string();
    for tag in ["<section", "<h1", "<h2", "<p", "<div", "<tr", "<li", "<table", "<footer", "<dl", "<ol", "<ul"] {
        main = main.replace(tag, &format!("\n{tag}"));
    }
    insta::assert_snapshot!(main);
}

#[test]
fn slugs_never_depend_on_file_order_and_themes_override_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (code, stderr) = build("ok-slugs-theme", &out);
    assert_eq!(code, 0, "{stderr}");
    // Same name twice: both get `-<code>`; an own `slug:` is kept as written.
    for path in ["thu-tuc/cap-giay-phep-1-000001", "thu-tuc/cap-giay-phep-1-000002", "thu-tuc/giay-phep-rieng"] {
        assert!(out.join(path).join("index.html").is_file(), "{path}");
    }
    assert!(!out.join("thu-tuc/cap-giay-phep").exists());
    // The site's theme replaces the 404 template and the stylesheet; the rest stays built in.
    assert!(read(&out, "404.html").contains("Trang riêng của tỉnh"));
    let css: Vec<_> = std::fs::read_dir(out.join("assets")).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    let style = css.iter().find(|p| p.to_string_lossy().contains("style.")).unwrap();
    assert!(std::fs::read_to_string(style).unwrap().contains("giao diện riêng"));
    // A site under a folder: every link carries the prefix. No unit hotline: the site's.
    let page = read(&out, "thu-tuc/giay-phep-rieng/index.html");
    assert!(page.contains("href=\"/congkhai/thu-tuc/"), "links under /congkhai/");
    assert!(page.contains("0212 3850 000"));
}

#[test]
fn a_page_may_not_take_a_reserved_address() {
    let (code, stderr) = check("err-reserved-page");
    assert_eq!(code, 1);
    assert!(stderr.contains("--> content/ket-qua.md"), "{stderr}");
    assert!(stderr.contains("trùng với một địa chỉ có sẵn"), "{stderr}");
}

#[test]
fn serve_answers_on_loopback_only() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let root = site("tiny");
    let out = dir.path().join("public");
    let mut server = Command::new(env!("CARGO_BIN_EXE_congkhai"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", &port.to_string(), "--out", out.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let get = |path: &str| -> Option<String> {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
        write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        Some(response)
    };
    let mut home = None;
    for _ in 0..100 {
        home = get("/");
        if home.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let missing = get("/khong-co/");
    let escape = get("/../../etc/passwd");
    server.kill().unwrap();
    let _ = server.wait();
    let home = home.expect("server answered");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("Cổng công khai thủ tục hành chính tỉnh Mẫu"));
    assert!(missing.unwrap().starts_with("HTTP/1.1 404"));
    assert!(!escape.unwrap().contains("root:"));
}

/// The printable board of a unit: contact details, officers, every procedure it handles (also
/// through `units: [..]` and `units: {kind: ..}`), the newest `updated` date and QR codes.
#[test]
fn unit_boards_list_every_procedure_with_the_newest_date_and_qr_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let (code, stderr) = build("tiny", &out);
    assert_eq!(code, 0, "{stderr}");

    let board = read(&out, "don-vi/so-xay-dung/niem-yet/index.html");
    for text in [
        "Sở Xây dựng tỉnh Mẫu",
        "Số 1 đường Tô Hiệu, TP. Mẫu",
        "Thứ Hai – Thứ Sáu: 7h00–11h30, 13h30–17h00",
        "0212 3852 000",
        "Phòng Kiểm soát TTHC, Văn phòng UBND tỉnh Mẫu",
        "Nguyễn Thị Hoa",
        "Chuyên viên, Bộ phận Một cửa",
        "Trần Văn Bình",
        // Its own procedure and the one it shares with the police, grouped by field.
        "Cấp đổi giấy phép lái xe",
        "Cấp bản sao trích lục hộ tịch",
        "Lĩnh vực Đường bộ",
        "Lĩnh vực Hộ tịch",
        "1.002804",
        "135.000 đ",
        "Toàn trình",
    ] {
        assert!(board.contains(text), "board lacks {text:?}");
    }
    // 2026-01-15 and 2026-03-02: the newer one, as dd/mm/yyyy.
    assert!(board.contains("Cập nhật ngày <time datetime=\"2026-03-02\">02/03/2026</time>"), "{board}");
    assert!(board.contains("aria-label=\"Mã QR dẫn tới https://congkhai.example.gov.vn/don-vi/so-xay-dung/\""));
    assert!(board.contains("aria-label=\"Mã QR dẫn tới https://motcua.example.gov.vn/tra-cuu\""));
    assert!(!board.contains("Đăng ký khai sinh"), "a commune procedure is not the department's");

    // A commune's board counts the procedure given to every commune and points to the shared
    // board that lists it; it keeps its own look-up address.
    let commune = read(&out, "don-vi/xa-a/niem-yet/index.html");
    assert!(commune.contains("<strong>1 thủ tục chung của mọi xã, phường</strong>"), "{commune}");
    assert!(commune.contains("https://congkhai.example.gov.vn/don-vi/moi-xa-phuong/niem-yet/"));
    assert!(commune.contains("01/09/2025"));
    assert!(commune.contains("Mã QR dẫn tới https://xa-a.example.gov.vn/ho-so?loai=tra-cuu\""), "{commune}");
    let shared = read(&out, "don-vi/moi-xa-phuong/niem-yet/index.html");
    assert!(shared.contains("Đăng ký khai sinh") && shared.contains("01/09/2025"));

    // The unit page links its board; /niem-yet/ lists every board; the sitemap has them all.
    assert!(
        read(&out, "don-vi/so-xay-dung/index.html").contains("href=\"/don-vi/so-xay-dung/niem-yet/\">In bảng niêm yết")
    );
    let boards = read(&out, "niem-yet/index.html");
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://congkhai.example.gov.vn/niem-yet/</loc>"));
    for unit in ["so-xay-dung", "cong-an-tinh", "xa-a", "xa-b", "moi-xa-phuong"] {
        assert!(boards.contains(&format!("href=\"/don-vi/{unit}/niem-yet/\"")), "{unit}");
        assert!(sitemap.contains(&format!("<loc>https://congkhai.example.gov.vn/don-vi/{unit}/niem-yet/</loc>")));
    }

    // The procedure sheet carries a QR code of its permanent link.
    let licence = read(&out, "thu-tuc/cap-doi-giay-phep-lai-xe/index.html");
    assert!(licence.contains("Mã QR dẫn tới https://congkhai.example.gov.vn/tt/1.002804/"));
}

/// The look-up form is a plain GET form to the look-up system, built from `lookup_url`.
#[test]
fn dossier_look_up_forms_send_the_code_to_the_configured_address() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    assert_eq!(build("tiny", &out).0, 0);
    let form_of = |html: &str| {
        // After the header, whose form is the site search.
        let html = &html[html.find("</header>").unwrap_or(0)..];
        let start = html.find("<form").expect("a look-up form");
        html[start..start + html[start..].find("</form>").unwrap()].to_string()
    };

    // The site's address on a procedure page.
    let form = form_of(&read(&out, "thu-tuc/cap-doi-giay-phep-lai-xe/index.html"));
    assert!(form.contains("action=\"https://motcua.example.gov.vn/tra-cuu\""), "{form}");
    assert!(!form.contains("method=\"post\""), "a plain GET form (the default method): {form}");
    assert!(form.contains("name=\"ma\""), "{form}");
    assert!(!form.contains("{ma}"), "{form}");

    // A unit's own address, with its fixed parameter as a hidden field.
    let form = form_of(&read(&out, "don-vi/xa-a/index.html"));
    assert!(form.contains("action=\"https://xa-a.example.gov.vn/ho-so\""), "{form}");
    assert!(form.contains("name=\"ma\""), "{form}");
    assert!(form.contains("name=\"loai\"") && form.contains("value=\"tra-cuu\""), "{form}");

    // Every commune does birth registration, but only one has its own system: the site's.
    let form = form_of(&read(&out, "thu-tuc/dang-ky-khai-sinh/index.html"));
    assert!(form.contains("action=\"https://motcua.example.gov.vn/tra-cuu\""), "{form}");
}
