//! Collects the dataset's files and lists them in the manifest (sizes and SHA-256 hashes).
//! Output is deterministic: files are listed in a fixed order with stable JSON, and the build's
//! name comes from their hashes, so the same inputs give the same folder and manifest.

use std::path::Path;

use carefinder_core::dataset::{Area, DataFile, Manifest, Source, SCHEMA_VERSION};
use carefinder_core::dataset_reader::hex;
use sha2::{Digest, Sha256};

use crate::publish;

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

    /// Publishes the build into `out`: its files in `<out>/<build>/`, then `manifest.json`
    /// naming it, then removes builds older than the `keep` previous ones (`publish`).
    pub fn finish(
        mut self,
        out: &Path,
        keep: usize,
        area: Area,
        generated_at: String,
        sources: Vec<Source>,
    ) -> Result<Manifest, String> {
        publish::check_replaceable(out)?;
        std::fs::create_dir_all(out)
            .map_err(|e| format!("could not create {}: {e}", out.display()))?;
        self.files.sort_by(|a, b| a.0.cmp(&b.0));
        let listed: Vec<DataFile> = self
            .files
            .iter()
            .map(|(path, bytes)| DataFile {
                path: path.clone(),
                bytes: bytes.len() as u64,
                sha256: hex(&Sha256::digest(bytes)),
            })
            .collect();
        let build = publish::build_name(&listed);
        publish::place_build(out, &build, &self.files)?;
        let manifest = Manifest {
            schema_version: SCHEMA_VERSION,
            build,
            generated_at,
            area,
            sources,
            files: listed,
        };
        publish::place_manifest(
            out,
            &serde_json::to_vec_pretty(&manifest).expect("manifest always serialises"),
        )?;
        publish::prune(out, &manifest.build, keep)?;
        Ok(manifest)
    }
}
