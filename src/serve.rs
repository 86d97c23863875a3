//! Local preview, mdBook-style: build, serve the output on 127.0.0.1 only, watch the sources
//! and rebuild on every save. The open page reloads by itself; when a save breaks the site the
//! page shows the errors in an overlay while the last good build stays served.
//!
//! Everything the preview adds (the reload script, the overlay) is injected into the HTML as
//! it is served, never into the built files.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Component, Path};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use crate::check::Links;
use crate::diagnostics::{Diagnostic, Diagnostics, Place, render_list};
use crate::model::Site;
use crate::pages::{Output, Plan};
use crate::render::Theme;
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
const POLL: Duration = Duration::from_millis(50);

/// Requests served at the same time: one slow reader must not hold up the page or the reload
/// check, and a flood of connections must not start unbounded threads.
const WORKERS: usize = 8;

/// A loaded, checked site with its theme and render plan: what the preview renders pages from.
struct Loaded {
    site: Site,
    links: Links,
    theme: Theme,
    plan: Plan,
}

/// The rendered files of one loaded site, by output path (`thu-tuc/x/index.html`).
type Files = HashMap<String, Arc<Vec<u8>>>;

/// What the server knows: the latest attempt and the pages it can serve.
#[derive(Default)]
struct State {
    /// Goes up after every build attempt, good or bad; the page reloads when it changes.
    version: u64,
    /// The site's path prefix from `base_url` of the last good build ("" at the domain root).
    root_path: String,
    /// The errors of the latest attempt, as plain text; `None` when it succeeded.
    errors: Option<String>,
    /// The site pages are rendered from now; `None` before the first good load.
    current: Option<Arc<Loaded>>,
    /// Files of `current` rendered so far (on request, or all of them once `complete`).
    files: Files,
    /// `files` holds every file of `current`.
    complete: bool,
    /// Every file of `current` is on disk in `out`: a save that fails to load after this leaves
    /// the folder as it is; before it (a newer save stopped the write), `current` renders again.
    written: bool,
    /// The last site whose every page rendered, and its files: served when `current` fails.
    last_good: Option<(Arc<Loaded>, Arc<Files>)>,
    /// Which job of the plan wrote each path, from the last complete render: a request for a
    /// page not rendered yet runs only its job.
    routes: HashMap<String, usize>,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when a complete render lands.
    rendered: Condvar,
    /// Goes up with every good reload: a background render of an older site stops early.
    generation: AtomicU64,
    /// One write of the output folder at a time.
    writing: Mutex<()>,
    /// The parsed source files of the previous reload: a save re-reads only what changed.
    cache: Mutex<crate::load::Cache>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Loads and checks the site and prepares its render plan: the slow part of a render that
/// every page needs. Only the files changed since the previous load are parsed (`cache`), and
/// the search index of `previous` is reused when it would come out the same. On failure, the
/// errors as plain text and for the terminal.
fn load(
    root: &Path,
    cache: &mut crate::load::Cache,
    previous: Option<&Loaded>,
    color: bool,
    log: &mut String,
) -> Result<Loaded, String> {
    let started = Instant::now();
    let (site, diagnostics) = crate::load_and_check(root, Some(cache));
    let checked = Instant::now();
    let summary = diagnostics.summary();
    let has_errors = diagnostics.has_errors();
    let warnings = !diagnostics.is_empty();
    let sorted = diagnostics.sorted();
    let plain = render_list(root, &sorted, false);
    log.push_str(&if color { render_list(root, &sorted, true) } else { plain.clone() });
    let Some((site, links)) = site else {
        log.push_str(&format!("Không tạo được trang: {summary}; trang đang xem giữ nguyên bản trước.\n"));
        return Err(format!("{plain}Không tạo được trang: {summary}"));
    };
    if warnings && !has_errors {
        log.push_str(&format!("Kết quả kiểm tra: {summary}\n"));
    }
    let reported = Instant::now();
    let theme = Theme::load(&site.root, &site.config.theme);
    let themed = Instant::now();
    match theme {
        Ok(theme) => match Plan::after(&site, &links, &theme, previous.map(|p| &p.plan)) {
            Ok(plan) => {
                if std::env::var_os("CONGKHAI_PREVIEW_TIMING").is_some() {
                    eprintln!(
                        "preview-reload-parts: load and check {:.3} s, messages {:.3} s, theme {:.3} s, plan {:.3} s",
                        (checked - started).as_secs_f64(),
                        (reported - checked).as_secs_f64(),
                        (themed - reported).as_secs_f64(),
                        themed.elapsed().as_secs_f64()
                    );
                }
                Ok(Loaded { site, links, theme, plan })
            }
            Err(problem) => Err(failure(root, vec![problem], color, log)),
        },
        Err(problems) => Err(failure(root, problems, color, log)),
    }
}

/// The text of problems that stopped a build, for the overlay; the terminal's copy goes to `log`.
fn failure(root: &Path, problems: Vec<Diagnostic>, color: bool, log: &mut String) -> String {
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(problems);
    let summary = diagnostics.summary();
    let sorted = diagnostics.sorted();
    let text = render_list(root, &sorted, false);
    log.push_str(&if color { render_list(root, &sorted, true) } else { text.clone() });
    log.push_str(&format!("Không tạo được trang: {summary}; trang đang xem giữ nguyên bản trước.\n"));
    format!("{text}Không tạo được trang: {summary}")
}

/// Every file of `loaded`, in memory, with the job that wrote each; the first failures if any.
/// `None` when a newer site came before it finished.
#[allow(clippy::type_complexity)]
fn render_everything(
    loaded: &Loaded,
    stale: &(dyn Fn() -> bool + Sync),
) -> Option<Result<(Files, HashMap<String, usize>), Vec<Diagnostic>>> {
    use rayon::prelude::*;
    let Loaded { site, links, theme, plan } = loaded;
    let results: Vec<(usize, Result<Vec<Output>, Diagnostic>)> = (0..plan.len())
        .into_par_iter()
        .map(|job| (job, if stale() { Ok(Vec::new()) } else { plan.run(site, links, theme, job) }))
        .collect();
    if stale() {
        return None;
    }
    let mut files: Files = HashMap::new();
    let mut routes = HashMap::new();
    let mut problems = Vec::new();
    for output in plan.index_files() {
        files.insert(output.path.clone(), Arc::new(output.bytes.clone()));
    }
    for (job, result) in results {
        match result {
            Ok(outputs) => {
                for output in outputs {
                    routes.insert(output.path.clone(), job);
                    files.insert(output.path, Arc::new(output.bytes));
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    Some(if problems.is_empty() { Ok((files, routes)) } else { Err(problems) })
}

/// Renders all of the current site, keeps it for serving and writes it to `out`; reports a
/// failure in the overlay (and falls back to the last site that rendered).
fn render_current(shared: &Shared, out: &Path, color: bool, started: Instant, generation: u64) {
    let Some(loaded) = shared.lock().current.clone() else { return };
    let mut log = String::new();
    let stale = || shared.generation.load(Ordering::SeqCst) != generation;
    let Some(result) = render_everything(&loaded, &stale) else { return };
    let mut state = shared.lock();
    let still_current = state.current.as_ref().is_some_and(|c| Arc::ptr_eq(c, &loaded));
    match result {
        Ok((files, routes)) => {
            let files = Arc::new(files);
            if still_current {
                state.files = files.as_ref().clone();
                state.complete = true;
                state.routes = routes;
            }
            state.last_good = Some((Arc::clone(&loaded), Arc::clone(&files)));
            drop(state);
            shared.rendered.notify_all();
            let pages = files.keys().filter(|p| p.ends_with(".html")).count();
            let _writing = shared.writing.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if stale() {
                return;
            }
            // A newer save stops the write too: the reload gets the cores and the disk.
            let written = files.iter().map(|(path, bytes)| (path.as_str(), &bytes[..]));
            match crate::write_files(&loaded.site, out, written, &stale) {
                Ok(false) => return,
                Ok(true) => {
                    let mut state = shared.lock();
                    if state.current.as_ref().is_some_and(|c| Arc::ptr_eq(c, &loaded)) {
                        state.written = true;
                    }
                    drop(state);
                    let seconds = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
                    log.push_str(&format!(
                        "Đã tạo {} trang trong {seconds} s\n",
                        crate::render::format::number(pages as u64)
                    ));
                }
                Err(problem) => {
                    failure(&loaded.site.root, vec![problem], color, &mut log);
                }
            }
        }
        Err(problems) => {
            let errors = failure(&loaded.site.root, problems, color, &mut log);
            if still_current {
                state.version += 1;
                state.errors = Some(errors);
                match state.last_good.clone() {
                    Some((good, files)) => {
                        state.current = Some(good);
                        state.files = files.as_ref().clone();
                        state.complete = true;
                    }
                    None => {
                        state.current = None;
                        state.files.clear();
                        state.complete = true;
                    }
                }
            }
            drop(state);
            shared.rendered.notify_all();
        }
    }
    eprint!("{log}");
}

/// One reload: load and check, then make the new site the one served (pages render on request
/// from here on). The page's reload check sees the new version as soon as the site is loaded;
/// the rest renders after, on another thread when `background` (the watcher goes on watching).
fn reload(root: &Path, out: &Path, color: bool, shared: &Arc<Shared>, background: bool) {
    let started = Instant::now();
    let cpu_started = cpu_seconds();
    let mut log = String::new();
    let previous = shared.lock().current.clone();
    let mut cache = shared.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let loaded = load(root, &mut cache, previous.as_deref(), color, &mut log);
    drop((cache, previous));
    eprint!("{log}");
    let generation = {
        let mut state = shared.lock();
        state.version += 1;
        match loaded {
            Ok(loaded) => {
                state.root_path = crate::pages::root_path(&loaded.site.config.base_url);
                state.errors = None;
                state.current = Some(Arc::new(loaded));
                state.files.clear();
                state.complete = false;
                state.written = false;
                shared.generation.fetch_add(1, Ordering::SeqCst) + 1
            }
            Err(errors) => {
                state.errors = Some(errors);
                if state.written || state.current.is_none() {
                    return;
                }
                // The site still served had not finished rendering or writing (the save stopped
                // it): render and write it again, so `out` holds the last good site.
                shared.generation.fetch_add(1, Ordering::SeqCst) + 1
            }
        }
    };
    if std::env::var_os("CONGKHAI_PREVIEW_TIMING").is_some() {
        // For benches/preview.sh: how long the reload took before the new version was served.
        eprintln!(
            "preview-reload: {:.3} s wall, {:.3} s CPU",
            started.elapsed().as_secs_f64(),
            cpu_seconds() - cpu_started
        );
    }
    if background {
        let (shared, out) = (Arc::clone(shared), out.to_path_buf());
        std::thread::spawn(move || render_current(&shared, &out, color, started, generation));
    } else {
        render_current(shared, out, color, started, generation);
    }
}

/// Serves the site of `root` on 127.0.0.1:`port` (0 picks a free port), from memory, writing
/// each good build to `out` too; reloads whenever a file under content/, procedures/ or themes/
/// changes. Runs until the process is stopped; `on_ready` gets the address to open. Fails only
/// when the port cannot be opened.
pub fn serve(root: &Path, out: &Path, port: u16, on_ready: impl FnOnce(&str)) -> Result<(), Diagnostic> {
    let address = format!("127.0.0.1:{port}");
    let server = tiny_http::Server::http(&address).map_err(|e| port_problem(port, &address, &e.to_string()))?;
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(port);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();

    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        rendered: Condvar::new(),
        generation: AtomicU64::new(0),
        writing: Mutex::new(()),
        cache: Mutex::new(crate::load::Cache::default()),
    });
    // The baseline is taken before the first build, so a save made at any moment after it is seen.
    let baseline = snapshot(root);
    reload(root, out, color, &shared, false);
    let root_path = shared.lock().root_path.clone();
    on_ready(&format!("http://127.0.0.1:{port}{root_path}/"));

    let watcher = Arc::clone(&shared);
    let (root_owned, out_owned) = (root.to_path_buf(), out.to_path_buf());
    std::thread::spawn(move || watch(&root_owned, &out_owned, color, &watcher, baseline));

    let server = Arc::new(server);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    let response = respond(&shared, request.url());
                    let _ = request.respond(response);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

/// CPU time used by the whole process so far (user + system), for the preview's timing line.
fn cpu_seconds() -> f64 {
    // /proc/self/stat fields 14 and 15: user and system time in clock ticks (100 a second).
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            let after = stat.rsplit_once(')')?.1;
            let fields: Vec<&str> = after.split_whitespace().collect();
            let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
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

/// Polls the source folders and rebuilds after a change (a save often comes as several writes,
/// so it waits until the folders have been still for one poll).
fn watch(root: &Path, out: &Path, color: bool, shared: &Arc<Shared>, baseline: Snapshot) {
    let mut seen = baseline;
    let mut cost = Duration::ZERO;
    loop {
        // On a very large site a look takes a while: never spend more than a third of a core.
        std::thread::sleep(POLL.max(cost * 2));
        let looked = Instant::now();
        let now = snapshot(root);
        cost = looked.elapsed();
        if now == seen {
            continue;
        }
        // Still for 30 ms: only the files that changed are looked at again (a full look can
        // take longer than the wait on a large site); if any moved on, look at everything again.
        let mut settled = now;
        loop {
            std::thread::sleep(Duration::from_millis(30));
            if changed(&seen, &settled).iter().all(|(path, stamp)| stamp_of(Path::new(path)) == *stamp) {
                break;
            }
            settled = snapshot(root);
        }
        seen = settled;
        eprintln!("Đã thấy thay đổi, đang tạo lại…");
        // The background render of the previous version stops now, leaving both cores to the
        // reload (if the reload fails, that version renders again).
        shared.generation.fetch_add(1, Ordering::SeqCst);
        reload(root, out, color, shared, true);
    }
}

/// Every watched file with its modification time and size, in walking order.
type Snapshot = Vec<(OsString, SystemTime, u64)>;

/// The paths that differ between two snapshots, each with its stamp in `after` (`None`: gone).
fn changed<'a>(before: &'a Snapshot, after: &'a Snapshot) -> Vec<(&'a OsString, Option<(SystemTime, u64)>)> {
    let old: HashMap<&OsString, (SystemTime, u64)> = before.iter().map(|(p, t, n)| (p, (*t, *n))).collect();
    let new: HashMap<&OsString, (SystemTime, u64)> = after.iter().map(|(p, t, n)| (p, (*t, *n))).collect();
    let mut paths: Vec<_> =
        after.iter().filter(|(p, t, n)| old.get(p) != Some(&(*t, *n))).map(|(p, t, n)| (p, Some((*t, *n)))).collect();
    paths.extend(before.iter().filter(|(p, _, _)| !new.contains_key(p)).map(|(p, _, _)| (p, None)));
    paths
}

/// A file's modification time and size now (`None` when it is gone), read as the walk in
/// [`snapshot`] reads it (a link's own, not its target's).
fn stamp_of(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    Some((meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len()))
}

/// The watched files now. Paths are kept as plain strings of bytes, so comparing two
/// snapshots (every poll) compares bytes, not path components.
fn snapshot(root: &Path) -> Snapshot {
    let mut files = Vec::new();
    for folder in ["content", "procedures", "themes"] {
        let walk = walkdir::WalkDir::new(root.join(folder)).sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            if let Ok(meta) = entry.metadata() {
                let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                files.push((entry.into_path().into_os_string(), modified, meta.len()));
            }
        }
    }
    files
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name, value).expect("valid header")
}

fn respond(shared: &Shared, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let url = url.split(['?', '#']).next().unwrap_or("/");
    let (version, root_path, errors) = {
        let state = shared.lock();
        (state.version, state.root_path.clone(), state.errors.clone())
    };
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
    let (status, file) = match file_path(path).and_then(|name| find(shared, &name)) {
        Some(found) => (200, Some(found)),
        None => (404, find(shared, "404.html")),
    };
    let content_type = file.as_ref().map_or("text/html; charset=utf-8", |(name, _)| content_type(Path::new(name)));
    let mut body = file.map(|(_, bytes)| bytes.to_vec()).unwrap_or_default();
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

/// The served file called `name` (`thu-tuc/x/index.html`, or a folder's name without the
/// slash) and its bytes: from the files rendered so far, else by rendering the one job that
/// writes it, else once the whole site has rendered.
fn find(shared: &Shared, name: &str) -> Option<(String, Arc<Vec<u8>>)> {
    let candidates = [name.to_string(), format!("{name}/index.html")];
    let lookup = |files: &Files| candidates.iter().find_map(|c| files.get(c).map(|b| (c.clone(), Arc::clone(b))));
    let (current, job) = {
        let state = shared.lock();
        if let Some(found) = lookup(&state.files) {
            return Some(found);
        }
        if state.complete {
            return None;
        }
        (state.current.clone()?, candidates.iter().find_map(|c| state.routes.get(c).copied()))
    };
    if let Some(job) = job.filter(|&j| j < current.plan.len())
        && let Ok(outputs) = current.plan.run(&current.site, &current.links, &current.theme, job)
    {
        let mut state = shared.lock();
        if state.current.as_ref().is_some_and(|c| Arc::ptr_eq(c, &current)) && !state.complete {
            for output in outputs {
                state.files.entry(output.path).or_insert_with(|| Arc::new(output.bytes));
            }
            if let Some(found) = lookup(&state.files) {
                return Some(found);
            }
        }
    }
    // A page that is new in this version (or whose job failed): wait for the whole render.
    let mut state = shared.lock();
    while !state.complete {
        state = shared.rendered.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
    }
    lookup(&state.files)
}

/// The output path for a URL path (`/thu-tuc/x/` → `thu-tuc/x/index.html`); `None` for
/// anything that could step outside the site.
fn file_path(url_path: &str) -> Option<String> {
    let decoded = percent_decode(url_path, false);
    let relative = decoded.trim_start_matches('/');
    if !Path::new(relative).components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let relative = relative.trim_end_matches('/');
    Some(if relative.is_empty() {
        "index.html".to_string()
    } else if decoded.ends_with('/') {
        format!("{relative}/index.html")
    } else {
        relative.to_string()
    })
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
        assert_eq!(file_path("/a.html").as_deref(), Some("a.html"));
        assert_eq!(file_path("/").as_deref(), Some("index.html"));
        assert_eq!(file_path("/thu-tuc/x/").as_deref(), Some("thu-tuc/x/index.html"));
        assert_eq!(file_path("/th%E1%BB%A7/").as_deref(), Some("thủ/index.html"));
        assert!(file_path("/../etc/passwd").is_none());
        assert!(file_path("/%2e%2e/etc/passwd").is_none());
    }

    #[test]
    fn changed_paths_are_the_modified_the_new_and_the_gone() {
        let at = |s: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(s);
        let before: Snapshot = vec![("a".into(), at(1), 10), ("b".into(), at(1), 10), ("c".into(), at(1), 10)];
        let after: Snapshot = vec![("a".into(), at(1), 10), ("b".into(), at(2), 10), ("d".into(), at(2), 5)];
        let found: Vec<(String, Option<(SystemTime, u64)>)> =
            changed(&before, &after).into_iter().map(|(p, stamp)| (p.to_string_lossy().into_owned(), stamp)).collect();
        assert_eq!(found, vec![("b".into(), Some((at(2), 10))), ("d".into(), Some((at(2), 5))), ("c".into(), None)]);
        assert!(changed(&after, &after).is_empty());
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
