//! Writes the dataset's files and the manifest that lists them (sizes and SHA-256 hashes).
//! Output is deterministic: files are written in a fixed order with stable JSON.

use std::path::Path;

use carefinder_core::dataset::{Area, DataFile, Manifest, Source, SCHEMA_VERSION};
use sha2::{Digest, Sha256};

/// Collects files in memory, then writes them all with the manifest.
#[derive(Default)]
pub struct DatasetWriter {
    files: Vec<(String, Vec<u8>)>,
}

impl DatasetWriter {
    /// Adds one file (path relative to the dataset folder) as compact JSON.
    pub fn add_json<T: serde::Serialize>(&mut self, path: &str, value: &T) {
        let bytes = serde_json::to_vec(value).expect("dataset types always serialise");
        self.files.push((path.to_string(), bytes));
    }

    /// Adds one plain-text file.
    pub fn add_text(&mut self, path: &str, text: String) {
        self.files.push((path.to_string(), text.into_bytes()));
    }

    /// Writes every file and `manifest.json` into `out`, replacing an earlier dataset there.
    /// Files go to a folder beside `out` first, so a failed build leaves the old dataset whole.
    pub fn finish(mut self, out: &Path, area: Area, generated_at: String, sources: Vec<Source>) -> Result<Manifest, String> {
        check_replaceable(out)?;
        self.files.sort_by(|a, b| a.0.cmp(&b.0));
        let name = out.file_name().ok_or_else(|| format!("{} does not name a folder", out.display()))?;
        let staging = out.with_file_name(format!(".{}.partial", name.to_string_lossy()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| format!("could not clear {}: {e}", staging.display()))?;
        }
        let mut listed = Vec::with_capacity(self.files.len());
        for (path, bytes) in &self.files {
            write_file(&staging.join(path), bytes)?;
            listed.push(DataFile {
                path: path.clone(),
                bytes: bytes.len() as u64,
                sha256: hex(&Sha256::digest(bytes)),
            });
        }
        let manifest = Manifest { schema_version: SCHEMA_VERSION, generated_at, area, sources, files: listed };
        write_file(&staging.join("manifest.json"), &serde_json::to_vec_pretty(&manifest).expect("manifest always serialises"))?;
        if out.exists() {
            std::fs::remove_dir_all(out).map_err(|e| format!("could not clear {}: {e}", out.display()))?;
        }
        std::fs::rename(&staging, out).map_err(|e| format!("could not move {} to {}: {e}", staging.display(), out.display()))?;
        Ok(manifest)
    }
}

/// Only an empty folder or an earlier dataset (it has a manifest) may be replaced: a slip such
/// as `--out .` must not wipe a project.
fn check_replaceable(out: &Path) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(format!("{} is a file, not a dataset folder", out.display()));
    }
    let empty = std::fs::read_dir(out).map_err(|e| format!("could not read {}: {e}", out.display()))?.next().is_none();
    if empty || out.join("manifest.json").is_file() {
        Ok(())
    } else {
        Err(format!("{} holds files but no manifest.json, so it is not an earlier dataset; choose an empty or new folder", out.display()))
    }
}

fn write_file(target: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    }
    std::fs::write(target, bytes).map_err(|e| format!("could not write {}: {e}", target.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
