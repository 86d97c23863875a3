//! The only code that touches the output folder: render into a fresh folder beside it, then
//! swap it in. A failed build leaves the previous output exactly as it was.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Place};

/// Marks a folder as congkhai's output, so we never replace a folder we did not make.
const MARKER: &str = ".congkhai";

/// A build in progress: files go to a temporary folder until `commit`.
pub struct Staging {
    out: PathBuf,
    temp: PathBuf,
    committed: bool,
}

fn absolute(path: &Path) -> PathBuf {
    let path =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    // Resolve what exists (symlinks included), keep the rest as written.
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Refuses an output folder that is, or holds, the site's sources.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let protected = [root.clone(), root.join("content"), root.join("procedures"), root.join("themes")];
    let bad = protected.iter().any(|p| out == *p || p.starts_with(&out) || (out.starts_with(p) && *p != root));
    if bad || out.parent().is_none() {
        return Err(Diagnostic::error(
            Place::file(&out),
            format!("không thể ghi kết quả vào `{}`: thư mục này chứa hoặc nằm trong dữ liệu nguồn", out.display()),
        )
        .with_hint("chọn một thư mục riêng, ví dụ `--out public`"));
    }
    if out.is_dir() && !out.join(MARKER).exists() && fs::read_dir(&out).map(|mut d| d.next().is_some()).unwrap_or(false)
    {
        return Err(Diagnostic::error(
            Place::file(&out),
            format!("thư mục `{}` đã có tệp nhưng không phải do congkhai tạo; không ghi đè", out.display()),
        )
        .with_hint("chọn một thư mục trống hoặc chưa có, hoặc tự xóa thư mục này trước"));
    }
    Ok(out)
}

impl Staging {
    /// Prepares an empty temporary folder next to `out` (same file system, so the swap is a rename).
    pub fn begin(out: &Path) -> Result<Staging, Diagnostic> {
        let parent = out.parent().unwrap_or(Path::new("."));
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let temp = parent.join(format!(".{name}.dang-tao-{}", std::process::id()));
        let fail =
            |e: std::io::Error| Diagnostic::error(Place::file(&temp), format!("không tạo được thư mục tạm: {e}"));
        fs::create_dir_all(parent).map_err(fail)?;
        if temp.exists() {
            fs::remove_dir_all(&temp).map_err(fail)?;
        }
        fs::create_dir(&temp).map_err(fail)?;
        fs::write(temp.join(MARKER), "Thư mục do congkhai tạo; mỗi lần build sẽ thay toàn bộ.\n").map_err(fail)?;
        Ok(Staging { out: out.to_path_buf(), temp, committed: false })
    }

    /// Writes one file at a relative path; paths that climb out of the folder are refused.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let relative_path = Path::new(relative);
        if relative.is_empty() || !relative_path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(Diagnostic::error(
                Place::file(relative),
                format!("đường dẫn tệp kết quả không hợp lệ: `{relative}`"),
            ));
        }
        let path = self.temp.join(relative_path);
        let fail = |e: std::io::Error| Diagnostic::error(Place::file(&path), format!("không ghi được tệp: {e}"));
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        fs::write(&path, bytes).map_err(fail)
    }

    /// Swaps the new site in for the old one.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let old = self
            .temp
            .with_file_name(format!("{}.cu", self.temp.file_name().and_then(|n| n.to_str()).unwrap_or("public")));
        let fail = |e: std::io::Error| {
            Diagnostic::error(Place::file(&self.out), format!("không thay được thư mục kết quả: {e}"))
        };
        let had_old = self.out.exists();
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
        Ok(())
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
}
