//! congkhai: administrative procedures and one-stop results in, a static site out.
//! Data flows one way: load → check → build → write.

pub mod check;
pub mod check_results;
pub mod diagnostics;
pub mod dvc;
pub mod import;
pub mod load;
pub mod model;
pub mod pages;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod text;
pub mod write;
pub mod yaml;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use diagnostics::{Diagnostic, Diagnostics};

pub use check::Links;
pub use load::load;
pub use model::Site;

/// What a successful build produced.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub procedures: usize,
    pub units: usize,
    /// Files written to disk: new or changed since the previous build (0 when nothing changed).
    pub written: u64,
}

/// Loads and checks a site; the site comes back only when nothing is wrong enough to stop.
/// With a `cache` (the preview), files unchanged since the previous load are not parsed again.
pub fn load_and_check(root: &Path, cache: Option<&mut load::Cache>) -> (Option<(Site, Links)>, Diagnostics) {
    let loaded = load::load(root, cache);
    let mut diagnostics = loaded.diagnostics;
    if !loaded.cross_check {
        return (None, diagnostics);
    }
    let (links, problems) = check::check(&loaded.site);
    diagnostics.extend(problems);
    if diagnostics.has_errors() { (None, diagnostics) } else { (Some((loaded.site, links)), diagnostics) }
}

/// Renders the checked site into `out`, replacing it only when every page succeeded.
pub fn build(site: &Site, links: &Links, out: &Path) -> Result<Report, Vec<Diagnostic>> {
    build_with_progress(site, links, out, &|_| {})
}

/// Writes files already rendered (path relative to the output root, bytes) into `out`, with
/// the same guarantees as [`build`]: the folder is replaced only when every file was written.
/// Returns `Ok(false)`, leaving `out` as it was, when `stop` says so before the last file.
pub fn write_files<'a>(
    site: &Site,
    out: &Path,
    files: impl Iterator<Item = (&'a str, &'a [u8])>,
    stop: &dyn Fn() -> bool,
) -> Result<bool, Diagnostic> {
    let out = write::check_out_dir(&site.root, out)?;
    let staging = write::Staging::begin(&out)?;
    for (path, bytes) in files {
        if stop() {
            return Ok(false);
        }
        staging.write(path, bytes)?;
    }
    staging.commit().map(|_| true)
}

/// Like [`build`], calling `progress` with the number of files written so far after each one.
pub fn build_with_progress(
    site: &Site,
    links: &Links,
    out: &Path,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Report, Vec<Diagnostic>> {
    let out = write::check_out_dir(&site.root, out).map_err(|d| vec![d])?;
    let theme = render::Theme::load(&site.root, &site.config.theme)?;
    let staging = write::Staging::begin(&out).map_err(|d| vec![d])?;
    let files = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let pages = pages::render_all(site, links, &theme, &|output| {
        progress(files.fetch_add(1, Ordering::Relaxed) + 1);
        bytes.fetch_add(output.bytes.len() as u64, Ordering::Relaxed);
        staging.write(&output.path, &output.bytes)
    })?;
    let done = staging.commit().map_err(|d| vec![d])?;
    Ok(Report {
        written: done.written,
        pages,
        files: files.into_inner() as usize,
        bytes: bytes.into_inner(),
        procedures: site.procedures.len(),
        units: site.units.len(),
    })
}
