//! Writes the dataset's files and the manifest that lists them (sizes and SHA-256 hashes).
//! Output is deterministic: files are written in a fixed order with stable JSON.

use std::path::{Path, PathBuf};

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

    /// Writes every file and `manifest.json` into `out`, replacing what was there.
    pub fn finish(mut self, out: &Path, area: Area, generated_at: String, sources: Vec<Source>) -> Result<Manifest, String> {
        self.files.sort_by(|a, b| a.0.cmp(&b.0));
        if out.exists() {
            std::fs::remove_dir_all(out).map_err(|e| format!("could not clear {}: {e}", out.display()))?;
        }
        let mut listed = Vec::with_capacity(self.files.len());
        for (path, bytes) in &self.files {
            let target: PathBuf = out.join(path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("could not create {}: {e}", dir.display()))?;
            }
            std::fs::write(&target, bytes).map_err(|e| format!("could not write {}: {e}", target.display()))?;
            listed.push(DataFile {
                path: path.clone(),
                bytes: bytes.len() as u64,
                sha256: hex(&Sha256::digest(bytes)),
            });
        }
        let manifest = Manifest { schema_version: SCHEMA_VERSION, generated_at, area, sources, files: listed };
        let text = serde_json::to_vec_pretty(&manifest).expect("manifest always serialises");
        let path = out.join("manifest.json");
        std::fs::write(&path, text).map_err(|e| format!("could not write {}: {e}", path.display()))?;
        Ok(manifest)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
