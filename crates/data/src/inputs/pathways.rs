//! Pathway content: every `*.toml` in a folder, parsed and checked. A problem fails the build
//! with the file and the step named.

use std::path::Path;

use carefinder_core::pathway::Pathway;

use super::csv_file::{file_name, read_text};
use crate::accounting::{InputError, Tally};

pub fn read_folder(dir: &Path) -> Result<(Vec<Pathway>, Tally), InputError> {
    let folder = dir.display().to_string();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| InputError::file(&folder, format!("cannot be read: {e}")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(InputError::file(&folder, "holds no pathway (.toml) files"));
    }
    let mut pathways: Vec<Pathway> = Vec::new();
    for path in &files {
        let name = format!("{}/{}", folder.trim_end_matches('/'), file_name(path));
        let pathway: Pathway = toml::from_str(&read_text(path)?).map_err(|e| {
            InputError::file(
                &name,
                format!("is not a valid pathway: {}", e.to_string().trim()),
            )
        })?;
        if let Some(problem) = pathway.problems().into_iter().next() {
            return Err(InputError::file(&name, problem));
        }
        if pathways.iter().any(|p| p.id == pathway.id) {
            return Err(InputError::file(
                &name,
                format!("another file already has the pathway id {:?}", pathway.id),
            ));
        }
        pathways.push(pathway);
    }
    let n = pathways.len();
    Ok((pathways, Tally::all_kept(n)))
}
