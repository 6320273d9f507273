//! Helpers shared by the builder's integration tests: run the real binary, find ../shared/data,
//! and (in `checks`) the checks the real-data tests and their synthetic twins share.

#![allow(dead_code)]

pub mod checks;
pub mod synthetic;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use carefinder_data::shared_layout;

/// ../shared/data beside the repository, when this machine has it. On CI (CI=true) it must be
/// there: a real-data test that skipped would pass without checking anything.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(shared_layout::BESIDE_REPO);
    if shared_layout::present(&dir) {
        return Some(dir);
    }
    let missing = shared_layout::OLDHAM_LOCATIONS.path(&dir);
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "CI=true but {} is missing: on CI the real-data checks must run, not be skipped",
            missing.display()
        );
    }
    eprintln!(
        "SKIPPED: {} is not on this machine, so the real-data checks did not run",
        missing.display()
    );
    None
}

/// A fresh temporary folder for one test.
pub fn temp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("carefinder-data-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carefinder-data"))
        .args(args)
        .output()
        .expect("run carefinder-data")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(
        &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

/// The folder of the build a dataset's manifest names, where every file but the manifest is.
pub fn built(out: &Path) -> PathBuf {
    let build = read_json(&out.join("manifest.json"))["build"]
        .as_str()
        .expect("the manifest names its build")
        .to_string();
    assert!(
        build.len() == 16
            && build
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
        "{build}"
    );
    out.join(build)
}

/// Every service record in the output's per-district details files, by id.
pub fn details(out: &Path) -> std::collections::BTreeMap<String, serde_json::Value> {
    let mut all = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(built(out).join("services")).unwrap() {
        for p in read_json(&entry.unwrap().path()).as_array().unwrap() {
            all.insert(p["id"].as_str().unwrap().to_string(), p.clone());
        }
    }
    all
}

pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// Builds the real dataset (`default --shared`) into a fresh folder: (shared data, dataset, the
/// run). None where this machine has no real data.
pub fn real_dataset(name: &str) -> Option<(PathBuf, PathBuf, Output)> {
    let shared = shared()?;
    let out = temp(name);
    let run = run(&[
        "default",
        "--shared",
        shared.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    Some((shared, out, run))
}

/// Builds the example dataset with the builder's own `example` command into a fresh folder.
pub fn example_dataset(name: &str, flags: &[&str]) -> (PathBuf, Output) {
    let out = temp(name);
    let mut args = vec!["example", "--out", out.to_str().unwrap()];
    args.extend_from_slice(flags);
    let run = run(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    (out, run)
}
