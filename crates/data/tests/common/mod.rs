//! Helpers shared by the builder's integration tests: run the real binary, find ../shared/data.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// ../shared/data beside the repository, when this machine has it.
pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.join("cqc/oldham_cqc_api_locations_2025-03.json").is_file() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: ../shared/data is not on this machine, so the real-data checks did not run");
        None
    }
}

/// A fresh temporary folder for one test.
pub fn temp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("carefinder-data-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carefinder-data")).args(args).output().expect("run carefinder-data")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// Every provider record in the output's per-district details files, by id.
pub fn details(out: &Path) -> std::collections::BTreeMap<String, serde_json::Value> {
    let mut all = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(out.join("providers")).unwrap() {
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
