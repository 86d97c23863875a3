//! The only code that touches the output folder: render into a fresh folder beside it, then
//! swap it in. A failed build leaves the previous output exactly as it was. Files whose bytes
//! did not change are hard-linked from the current output instead of written again, and a
//! build that changes nothing leaves the output folder untouched.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostics::{Diagnostic, Place};

/// Marks a folder as congkhai's output, so we never replace a folder we did not make.
const MARKER: &str = ".congkhai";
const MARKER_TEXT: &str = "Thư mục do congkhai tạo; mỗi lần build sẽ thay toàn bộ.\n";
/// Staging folders are named `.<out>.dang-tao-<pid>`.
const STAGING_INFIX: &str = ".dang-tao-";

/// A build in progress: files go to a temporary folder until `commit`.
pub struct Staging {
    out: PathBuf,
    temp: PathBuf,
    committed: bool,
    /// Files of the current output (relative, `/`-separated), when there is one.
    old_files: Option<HashSet<String>>,
    /// Paths given to `write`, to notice a path written twice and files that disappeared.
    seen: Mutex<HashSet<String>>,
    written: AtomicU64,
    unchanged: AtomicU64,
}

/// What `commit` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files whose bytes were new or changed, written to disk.
    pub written: u64,
    /// Files identical to the current output, kept (hard-linked, never rewritten).
    pub unchanged: u64,
    /// False when nothing changed: the output folder was left untouched.
    pub swapped: bool,
}

/// `path` made absolute, with `.` and `..` resolved the way the file system will: every part
/// that exists is resolved through its symlinks first, so `a/nx/../b` never means `a/b` when
/// `nx` is a link, and a part that does not exist yet cannot be a link.
pub fn resolve(path: &Path) -> PathBuf {
    let start = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
    };
    let mut resolved = start;
    for component in path.components() {
        match component {
            Component::Prefix(p) => resolved.push(p.as_os_str()),
            Component::RootDir => resolved.push(Component::RootDir.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if fs::symlink_metadata(&resolved).is_ok()
                    && let Ok(real) = fs::canonicalize(&resolved)
                {
                    resolved = real;
                }
            }
        }
    }
    resolved
}

fn refuse(out: &Path, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(Place::file(out), message).with_hint(hint.to_string())
}

/// Refuses an output folder that is, holds or lies inside the site's sources, a file, or a
/// folder congkhai did not make. Paths are resolved before any comparison; nothing is created.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let root = resolve(root);
    let written = out.display().to_string();
    let out = resolve(out);
    let protected = [root.clone(), root.join("content"), root.join("procedures"), root.join("themes")];
    let bad = protected.iter().any(|p| out == *p || p.starts_with(&out) || (out.starts_with(p) && *p != root));
    if bad || out.parent().is_none() || out.file_name().is_none() {
        return Err(refuse(
            &out,
            format!(
                "không thể ghi kết quả vào `{written}` (tức `{}`): thư mục này chứa hoặc nằm trong dữ liệu nguồn",
                out.display()
            ),
            "chọn một thư mục riêng, ví dụ `--out public`",
        ));
    }
    if out.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.')) {
        return Err(refuse(
            &out,
            format!("tên thư mục kết quả `{}` không dùng được", out.display()),
            "chọn một tên thư mục thường, ví dụ `--out public`",
        ));
    }
    if let Ok(meta) = fs::symlink_metadata(&out)
        && !meta.is_dir()
    {
        return Err(refuse(
            &out,
            format!("`{}` đã có và là một tệp, không phải thư mục; không ghi đè", out.display()),
            "chọn một thư mục chưa có, ví dụ `--out public`",
        ));
    }
    if out.is_dir() && !out.join(MARKER).is_file() && fs::read_dir(&out).map(|mut d| d.next().is_some()).unwrap_or(true)
    {
        return Err(refuse(
            &out,
            format!("thư mục `{}` đã có tệp nhưng không phải do congkhai tạo; không ghi đè", out.display()),
            "chọn một thư mục trống hoặc chưa có, hoặc tự xóa thư mục này trước",
        ));
    }
    Ok(out)
}

/// Whether a process with this id is running (a staging folder of a live build is kept).
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // Signal 0 only asks whether the process exists; EPERM means it does (another user's).
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Removes staging folders left by builds that were killed: `.<name>.dang-tao-<pid>` (and its
/// `.cu` twin) whose process is gone and which carry congkhai's marker.
fn remove_stale_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}{STAGING_INFIX}");
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else { continue };
        let digits = rest.strip_suffix(".cu").unwrap_or(rest);
        let Ok(pid) = digits.parse::<u32>() else { continue };
        let path = entry.path();
        let is_ours = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) && path.join(MARKER).is_file();
        if is_ours && pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Every file under `dir`, relative with `/`; the marker is left out.
fn files_under(dir: &Path) -> HashSet<String> {
    let mut files = HashSet::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(dir) else { continue };
        let parts: Option<Vec<&str>> = relative.iter().map(|p| p.to_str()).collect();
        if let Some(parts) = parts {
            let relative = parts.join("/");
            if relative != MARKER {
                files.insert(relative);
            }
        }
    }
    files
}

/// Swaps two paths in one step where the system allows it (Linux `renameat2`): there is never
/// a moment without a site. Returns false when the system cannot, so the caller falls back.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let to_c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (to_c(a)?, to_c(b)?);
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if result == 0 {
        return Ok(true);
    }
    let error = std::io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::ENOSYS | libc::EINVAL | libc::ENOTSUP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<bool> {
    Ok(false)
}

impl Staging {
    /// Prepares an empty temporary folder next to `out` (same file system, so the swap is a
    /// rename). `out` must have passed [`check_out_dir`].
    pub fn begin(out: &Path) -> Result<Staging, Diagnostic> {
        let parent = out.parent().unwrap_or(Path::new("."));
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let temp = parent.join(format!(".{name}{STAGING_INFIX}{}", std::process::id()));
        let fail =
            |e: std::io::Error| Diagnostic::error(Place::file(&temp), format!("không tạo được thư mục tạm: {e}"));
        fs::create_dir_all(parent).map_err(fail)?;
        remove_stale_staging(parent, name);
        if fs::symlink_metadata(&temp).is_ok() {
            fs::remove_dir_all(&temp).map_err(fail)?;
        }
        fs::create_dir(&temp).map_err(fail)?;
        let old_files = out.join(MARKER).is_file().then(|| files_under(out));
        let old_marker = out.join(MARKER);
        let keep_marker = fs::read(&old_marker).is_ok_and(|b| b == MARKER_TEXT.as_bytes())
            && fs::hard_link(&old_marker, temp.join(MARKER)).is_ok();
        if !keep_marker {
            fs::write(temp.join(MARKER), MARKER_TEXT).map_err(fail)?;
        }
        Ok(Staging {
            out: out.to_path_buf(),
            temp,
            committed: false,
            old_files,
            seen: Mutex::new(HashSet::new()),
            written: AtomicU64::new(0),
            unchanged: AtomicU64::new(0),
        })
    }

    /// Writes one file at a relative path; paths that climb out of the folder are refused.
    /// A file identical to the one in the current output is hard-linked, not written.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let relative_path = Path::new(relative);
        if relative.is_empty()
            || relative == MARKER
            || !relative_path.components().all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(Diagnostic::error(
                Place::file(relative),
                format!("đường dẫn tệp kết quả không hợp lệ: `{relative}`"),
            ));
        }
        let first_time = self.seen.lock().map(|mut seen| seen.insert(relative.to_string())).unwrap_or(true);
        let path = self.temp.join(relative_path);
        let fail = |e: std::io::Error| Diagnostic::error(Place::file(relative), format!("không ghi được tệp: {e}"));
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        if !first_time {
            // Never write through a hard link into the current output.
            let _ = fs::remove_file(&path);
        }
        if first_time && self.old_files.as_ref().is_some_and(|old| old.contains(relative)) {
            let current = self.out.join(relative_path);
            let same = fs::metadata(&current).is_ok_and(|m| m.len() == bytes.len() as u64)
                && fs::read(&current).is_ok_and(|old| old == bytes);
            if same && fs::hard_link(&current, &path).is_ok() {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        fs::write(&path, bytes).map_err(fail)
    }

    /// Swaps the new site in for the old one, unless nothing changed at all.
    pub fn commit(mut self) -> Result<Written, Diagnostic> {
        let written = self.written.load(Ordering::Relaxed);
        let unchanged = self.unchanged.load(Ordering::Relaxed);
        let same_files = match (&self.old_files, self.seen.lock()) {
            (Some(old), Ok(seen)) => *old == *seen,
            _ => false,
        };
        if written == 0 && same_files {
            // Nothing changed: the output stays as it is, not one file touched.
            return Ok(Written { written, unchanged, swapped: false });
        }
        let old: PathBuf = {
            let mut name: OsString = self.temp.file_name().map(OsString::from).unwrap_or_default();
            name.push(".cu");
            self.temp.with_file_name(name)
        };
        let fail = |e: std::io::Error| {
            Diagnostic::error(Place::file(&self.out), format!("không thay được thư mục kết quả: {e}"))
        };
        let had_old = fs::symlink_metadata(&self.out).is_ok();
        if had_old && exchange(&self.temp, &self.out).map_err(fail)? {
            // `temp` now holds the previous site.
            self.committed = true;
            let _ = fs::remove_dir_all(&self.temp);
            return Ok(Written { written, unchanged, swapped: true });
        }
        if had_old {
            fs::rename(&self.out, &old).map_err(fail)?;
        }
        if let Err(e) = fs::rename(&self.temp, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(fail(e));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
        Ok(Written { written, unchanged, swapped: true })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sources_as_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        for bad in ["", "content", "content/x", "procedures", "themes/default"] {
            assert!(check_out_dir(root, &root.join(bad)).is_err(), "{bad}");
        }
        assert!(check_out_dir(root, root.parent().unwrap()).is_err());
        assert!(check_out_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_paths_that_climb_out() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("public")).unwrap();
        assert!(staging.write("../x.html", b"x").is_err());
        assert!(staging.write("/etc/x", b"x").is_err());
        assert!(staging.write("a/b.html", b"x").is_ok());
    }

    #[test]
    fn resolves_missing_parts_and_dotdot() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        assert_eq!(resolve(&base.join("nx/../content")), base.join("content"));
        assert_eq!(resolve(&base.join("a/b/../../c/./d")), base.join("c/d"));
    }
}
