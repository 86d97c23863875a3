//! Hostile and careless input (issue 12): each test reproduces one defect on a site built in a
//! temporary folder, next to folders that must survive, and checks it fails cleanly or builds
//! safely. Test names carry the item they cover.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use walkdir::WalkDir;

fn congkhai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_congkhai")).args(args).env("NO_COLOR", "1").output().expect("run congkhai")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary folder holding `site/` (a copy of the tiny fixture) and `notmine/` (a folder
/// with a file that is not ours), returned with the site's path.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/tiny"), &site);
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
    let changed: Vec<_> = second.iter().filter(|(p, v)| first.get(*p) != Some(v)).map(|(p, _)| p.clone()).collect();
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
