//! Local preview: serve the built site on 127.0.0.1 only.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Place};

/// Serves `dir` on 127.0.0.1:`port` until the process is stopped; `on_ready` gets the address.
pub fn serve(dir: &Path, port: u16, root_path: &str, on_ready: impl FnOnce(&str)) -> Result<(), Diagnostic> {
    let address = format!("127.0.0.1:{port}");
    let server = tiny_http::Server::http(&address).map_err(|e| {
        let taken = e.to_string().contains("in use");
        Diagnostic::error(
            Place::file(dir),
            if taken {
                format!("cổng {port} đang được chương trình khác dùng (address in use)")
            } else {
                format!("không mở được {address}: {e}")
            },
        )
        .with_hint("chạy lại với cổng khác, ví dụ `congkhai serve --port 8081`")
    })?;
    on_ready(&format!("http://{address}{root_path}/"));
    for request in server.incoming_requests() {
        let url = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
        let path = url.strip_prefix(root_path).unwrap_or(&url);
        let (status, file) = match resolve(dir, path) {
            Some(file) => (200, file),
            None => (404, dir.join("404.html")),
        };
        let body = std::fs::read(&file).unwrap_or_default();
        let mut response = tiny_http::Response::from_data(body).with_status_code(status);
        if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", content_type(&file)) {
            response.add_header(header);
        }
        let _ = request.respond(response);
    }
    Ok(())
}

/// The file for a URL path, never outside `dir`.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path);
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

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
        assert_eq!(percent_decode("/th%E1%BB%A7"), "/thủ");
    }
}
