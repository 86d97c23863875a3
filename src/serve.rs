//! Local preview, mdBook-style: build, serve the output on 127.0.0.1 only, watch the sources
//! and rebuild on every save. The open page reloads by itself; when a save breaks the site the
//! page shows the errors in an overlay while the last good build stays served.
//!
//! Everything the preview adds (the reload script, the overlay) is injected into the HTML as
//! it is served, never into the built files.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::diagnostics::{Diagnostic, Diagnostics, Place, render_list};
use crate::text::{escape_markup, percent_decode};

/// The preview's own address space; no site page can live under it.
pub const VERSION_PATH: &str = "/__congkhai/version";
/// The reload script and the error overlay's style: files, so pages keep their
/// Content-Security-Policy (no inline script or style) in the preview too.
pub const SCRIPT_PATH: &str = "/__congkhai/tai-lai.js";
pub const STYLE_PATH: &str = "/__congkhai/loi.css";
const RELOAD_SCRIPT: &str = "(function(){var v=document.currentScript.getAttribute(\"data-version\");\
function p(){fetch(\"/__congkhai/version\",{cache:\"no-store\"}).then(function(r){return r.text()})\
.then(function(t){if(t!==v){location.reload()}else{setTimeout(p,300)}}).catch(function(){setTimeout(p,1500)})}\
setTimeout(p,300)})();\n";
const OVERLAY_STYLE: &str = "#congkhai-loi{position:fixed;inset:0;z-index:2147483647;overflow:auto;\
background:rgba(30,0,0,.94);color:#fff;padding:1.5rem;font:15px/1.5 system-ui,sans-serif}\
#congkhai-loi h2{margin:0 0 .5rem;color:#ffb3b3}#congkhai-loi p{margin:0 0 1rem}\
#congkhai-loi pre{white-space:pre-wrap;font:14px/1.45 monospace;margin:0}\n";

/// How often the source folders are looked at.
const POLL: Duration = Duration::from_millis(150);

/// What the server knows about the latest build attempt.
#[derive(Debug, Default)]
struct State {
    /// Goes up after every build attempt, good or bad; the page reloads when it changes.
    version: u64,
    /// The site's path prefix from `base_url` of the last good build ("" at the domain root).
    root_path: String,
    /// The errors of the latest attempt, as plain text; `None` when it succeeded.
    errors: Option<String>,
}

/// Outcome of one build attempt, for the log line and the server state.
pub struct Attempt {
    pub root_path: Option<String>,
    pub errors: Option<String>,
    pub log: String,
}

/// Loads, checks and builds; never touches `out` unless the whole build succeeded.
pub fn attempt_build(root: &Path, out: &Path, color: bool) -> Attempt {
    let started = Instant::now();
    let (site, diagnostics) = crate::load_and_check(root);
    let summary = diagnostics.summary();
    let has_errors = diagnostics.has_errors();
    let warnings = !diagnostics.is_empty();
    let sorted = diagnostics.sorted();
    let plain = render_list(root, &sorted, false);
    let mut log = if color { render_list(root, &sorted, true) } else { plain.clone() };
    let Some((site, links)) = site else {
        log.push_str(&format!("Không tạo được trang: {summary}; trang đang xem giữ nguyên bản trước.\n"));
        return Attempt {
            root_path: None, errors: Some(format!("{plain}Không tạo được trang: {summary}")), log
        };
    };
    if warnings && !has_errors {
        log.push_str(&format!("Kết quả kiểm tra: {summary}\n"));
    }
    match crate::build(&site, &links, out) {
        Ok(report) => {
            let seconds = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
            log.push_str(&format!(
                "Đã tạo {} trang trong {seconds} s\n",
                crate::render::format::number(report.pages as u64)
            ));
            Attempt { root_path: Some(crate::pages::root_path(&site.config.base_url)), errors: None, log }
        }
        Err(problems) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.extend(problems);
            let summary = diagnostics.summary();
            let sorted = diagnostics.sorted();
            let text = render_list(root, &sorted, false);
            log.push_str(&if color { render_list(root, &sorted, true) } else { text.clone() });
            log.push_str(&format!("Không tạo được trang: {summary}; trang đang xem giữ nguyên bản trước.\n"));
            Attempt { root_path: None, errors: Some(format!("{text}Không tạo được trang: {summary}")), log }
        }
    }
}

/// Serves `out` on 127.0.0.1:`port` (0 picks a free port), rebuilding from `root` whenever a
/// file under content/, procedures/ or themes/ changes. Runs until the process is stopped;
/// `on_ready` gets the address to open. Fails only when the port cannot be opened.
pub fn serve(root: &Path, out: &Path, port: u16, on_ready: impl FnOnce(&str)) -> Result<(), Diagnostic> {
    let address = format!("127.0.0.1:{port}");
    let server = tiny_http::Server::http(&address).map_err(|e| port_problem(port, &address, &e.to_string()))?;
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(port);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();

    let state = Arc::new(Mutex::new(State::default()));
    // The baseline is taken before the first build, so a save made at any moment after it is seen.
    let baseline = snapshot(root);
    let first = attempt_build(root, out, color);
    eprint!("{}", first.log);
    apply(&state, first);
    let root_path = state.lock().map(|s| s.root_path.clone()).unwrap_or_default();
    on_ready(&format!("http://127.0.0.1:{port}{root_path}/"));

    let watcher_state = Arc::clone(&state);
    let (root_owned, out_owned) = (root.to_path_buf(), out.to_path_buf());
    std::thread::spawn(move || watch(&root_owned, &out_owned, color, &watcher_state, baseline));

    for request in server.incoming_requests() {
        let response = respond(out, &state, request.url());
        let _ = request.respond(response);
    }
    Ok(())
}

fn port_problem(port: u16, address: &str, error: &str) -> Diagnostic {
    let taken = error.contains("in use") || error.contains("AddrInUse") || error.contains("os error 98");
    Diagnostic::error(
        Place::file(address),
        if taken {
            format!("cổng {port} đang được chương trình khác dùng (address in use)")
        } else {
            format!("không mở được {address}: {error}")
        },
    )
    .with_hint(format!("chạy lại với cổng khác, ví dụ `congkhai serve --port {}`", port.wrapping_add(1).max(1024)))
}

fn apply(state: &Mutex<State>, attempt: Attempt) {
    if let Ok(mut state) = state.lock() {
        state.version += 1;
        if let Some(root_path) = attempt.root_path {
            state.root_path = root_path;
        }
        state.errors = attempt.errors;
    }
}

/// Polls the source folders and rebuilds after a change (a save often comes as several writes,
/// so it waits until the folders have been still for one poll).
fn watch(root: &Path, out: &Path, color: bool, state: &Mutex<State>, baseline: BTreeMap<PathBuf, (SystemTime, u64)>) {
    let mut seen = baseline;
    loop {
        std::thread::sleep(POLL);
        let now = snapshot(root);
        if now == seen {
            continue;
        }
        let mut settled = now;
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let again = snapshot(root);
            if again == settled {
                break;
            }
            settled = again;
        }
        seen = settled;
        eprintln!("Đã thấy thay đổi, đang tạo lại…");
        let attempt = attempt_build(root, out, color);
        eprint!("{}", attempt.log);
        apply(state, attempt);
    }
}

/// Every watched file with its modification time and size.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (SystemTime, u64)> {
    let mut files = BTreeMap::new();
    for folder in ["content", "procedures", "themes"] {
        for entry in walkdir::WalkDir::new(root.join(folder)).into_iter().filter_map(Result::ok) {
            if let Ok(meta) = entry.metadata() {
                let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                files.insert(entry.into_path(), (modified, meta.len()));
            }
        }
    }
    files
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name, value).expect("valid header")
}

fn respond(out: &Path, state: &Mutex<State>, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let (version, root_path, errors) = match state.lock() {
        Ok(s) => (s.version, s.root_path.clone(), s.errors.clone()),
        Err(_) => (0, String::new(), None),
    };
    let url = url.split(['?', '#']).next().unwrap_or("/");
    for (path, body, kind) in [
        (SCRIPT_PATH, RELOAD_SCRIPT, "text/javascript; charset=utf-8"),
        (STYLE_PATH, OVERLAY_STYLE, "text/css; charset=utf-8"),
    ] {
        if url == path {
            return tiny_http::Response::from_data(body.as_bytes().to_vec())
                .with_header(header("Content-Type", kind))
                .with_header(header("Cache-Control", "no-store"));
        }
    }
    if url == VERSION_PATH {
        return tiny_http::Response::from_data(version.to_string().into_bytes())
            .with_header(header("Content-Type", "text/plain; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store"));
    }
    let path = url.strip_prefix(root_path.as_str()).filter(|p| p.is_empty() || p.starts_with('/')).unwrap_or(url);
    let (status, file) = match resolve(out, path) {
        Some(file) => (200, Some(file)),
        None => (404, Some(out.join("404.html")).filter(|f| f.is_file())),
    };
    let content_type = file.as_deref().map(content_type).unwrap_or("text/html; charset=utf-8");
    let mut body = file.as_deref().and_then(|f| std::fs::read(f).ok()).unwrap_or_default();
    if content_type.starts_with("text/html") {
        if body.is_empty() {
            body = b"<!doctype html><html lang=vi><meta charset=utf-8><title>congkhai</title><body>".to_vec();
        }
        body.extend_from_slice(injection(version, errors.as_deref()).as_bytes());
    }
    tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

/// The reload script, and the overlay when the latest build failed. Errors are escaped text;
/// script and style come from files so that the pages' Content-Security-Policy allows them.
pub fn injection(version: u64, errors: Option<&str>) -> String {
    let mut html = String::new();
    if let Some(errors) = errors {
        html.push_str(&format!(
            "<link rel=stylesheet href=\"{STYLE_PATH}\"><div id=congkhai-loi role=alert><h2>Không tạo được trang</h2>\
             <p>Trang phía sau là bản tạo thành công gần nhất. Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại.</p><pre>"
        ));
        html.push_str(&escape_markup(errors));
        html.push_str("</pre></div>");
    }
    html.push_str(&format!("<script src=\"{SCRIPT_PATH}\" data-version=\"{version}\"></script>"));
    html
}

/// The file for a URL path, never outside `dir`.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path, false);
    let relative = Path::new(decoded.trim_start_matches('/'));
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let path = dir.join(relative);
    if path.is_dir() {
        let index = path.join("index.html");
        return index.is_file().then_some(index);
    }
    path.is_file().then_some(path)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_serves_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "x").unwrap();
        assert!(resolve(dir.path(), "/a.html").is_some());
        assert!(resolve(dir.path(), "/../etc/passwd").is_none());
        assert!(resolve(dir.path(), "/%2e%2e/etc/passwd").is_none());
    }

    #[test]
    fn the_overlay_shows_errors_as_text() {
        let html = injection(3, Some("lỗi: không có đơn vị `<img src=x onerror=alert(1)>`"));
        assert!(html.contains("`&lt;img src=x onerror=alert(1)&gt;`"), "{html}");
        assert!(!html.contains("<img"));
        assert!(html.contains("data-version=\"3\"") && !html.contains("<script>"));
        assert!(!injection(3, None).contains("congkhai-loi"));
    }
}
