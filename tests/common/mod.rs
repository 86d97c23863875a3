//! What the integration tests share: running the real binary and working on a copy of a
//! fixture site. Each test crate uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture site `tests/sites/<name>`.
pub fn site(name: &str) -> PathBuf {
    repo().join("tests/sites").join(name)
}

/// Runs the `congkhai` binary of this build, without colours.
pub fn congkhai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congkhai")).args(args).env("NO_COLOR", "1").output().expect("run congkhai")
}

/// Standard error with the site's absolute path removed, as a clerk would read it.
pub fn stderr_of(output: &Output, root: &Path) -> String {
    String::from_utf8_lossy(&output.stderr).replace(&format!("{}/", root.display()), "")
}

/// Copies every folder and file under `from` to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Copies a fixture site into a fresh temporary folder.
pub fn copy_site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&site(name), &root);
    (dir, root)
}

/// `congkhai check` on a site: exit code and what it printed, paths relative to the site.
pub fn check(root: &Path) -> (i32, String) {
    let out = congkhai(&["check", "--root", root.to_str().unwrap()]);
    (out.status.code().unwrap_or(-1), stderr_of(&out, root))
}

/// Replaces the first `from` in a site's file by `to`; the file must hold `from`.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}
