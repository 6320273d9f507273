//! Area packs: one authored TOML file per council in content/areas/ (its contacts and local
//! notes, each sourced), and `national.toml` (national help for councils without a pack).
//! Checked like the pathways: a problem fails the build naming the file and the contact.

use std::path::Path;

use carefinder_core::area_pack_checks::pathway_naming_a_council;
use carefinder_core::council::{AreaPack, NationalHelp};
use carefinder_core::date::Date;
use carefinder_core::pathway::Pathway;
use serde::Deserialize;

use super::csv_file::{file_name, read_text};
use crate::accounting::{InputError, Tally};

/// The file of national help, beside the packs.
pub const NATIONAL_FILE: &str = "national.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NationalFile {
    reviewed: String,
    national: Vec<NationalHelp>,
}

/// What the folder holds, checked against the published pathways.
pub struct AreaContent {
    pub packs: Vec<AreaPack>,
    pub national: Vec<NationalHelp>,
    /// The newest review date, which dates the folder as a whole.
    pub reviewed: Option<String>,
}

pub fn read_folder(dir: &Path, pathways: &[Pathway]) -> Result<(AreaContent, Tally), InputError> {
    let folder = dir.display().to_string();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| InputError::file(&folder, format!("cannot be read: {e}")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let name_of = |path: &Path| format!("{}/{}", folder.trim_end_matches('/'), file_name(path));
    let mut packs: Vec<AreaPack> = Vec::new();
    let mut national = Vec::new();
    let mut reviewed: Vec<String> = Vec::new();
    for path in &files {
        let name = name_of(path);
        let text = read_text(path)?;
        if file_name(path) == NATIONAL_FILE {
            let file: NationalFile = toml::from_str(&text).map_err(|e| {
                InputError::file(
                    &name,
                    format!("is not valid national help: {}", e.to_string().trim()),
                )
            })?;
            if Date::parse(&file.reviewed).is_none() {
                return Err(InputError::file(
                    &name,
                    format!("reviewed {:?} is not a date like 2026-11-23", file.reviewed),
                ));
            }
            if let Some(problem) = file.national.iter().flat_map(NationalHelp::problems).next() {
                return Err(InputError::file(&name, problem));
            }
            reviewed.push(file.reviewed);
            national = file.national;
            continue;
        }
        let pack: AreaPack = toml::from_str(&text).map_err(|e| {
            InputError::file(
                &name,
                format!("is not a valid area pack: {}", e.to_string().trim()),
            )
        })?;
        if let Some(problem) = pack.problems(pathways).into_iter().next() {
            return Err(InputError::file(&name, problem));
        }
        if packs.iter().any(|p| p.code == pack.code) {
            return Err(InputError::file(
                &name,
                format!("another file already has the pack for {}", pack.code),
            ));
        }
        reviewed.push(pack.reviewed.clone());
        packs.push(pack);
    }
    if national.is_empty() {
        return Err(InputError::file(
            &folder,
            format!("has no {NATIONAL_FILE}: councils without a pack need national help"),
        ));
    }
    for p in pathways {
        if let Some(problem) = pathway_naming_a_council(p, &packs) {
            return Err(InputError::file(&format!("pathway {:?}", p.id), problem));
        }
    }
    let n = packs.len() + national.len();
    Ok((
        AreaContent {
            packs,
            national,
            reviewed: reviewed.into_iter().max(),
        },
        Tally::all_kept(n),
    ))
}
