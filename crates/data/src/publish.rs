//! Puts a finished build in place without ever showing a half-written dataset: the build's
//! files go into `<out>/<build>/` (written in a hidden folder, then renamed), then
//! `manifest.json` is replaced in one rename, and only then are builds older than the kept
//! ones removed. A visit that loaded the previous manifest keeps reading whole files of the
//! previous build until it next reads the manifest.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::time::SystemTime;

use carefinder_core::dataset::{is_build_name, DataFile, MANIFEST_PATH};

/// Files a schema-2 dataset kept at the top of its folder; gone once a build folder replaces them.
const OLD_LAYOUT: [&str; 6] = [
    "services.json",
    "services",
    "postcodes",
    "reference.json",
    "pathways.json",
    "build-report.tsv",
];

/// Only an empty folder or an earlier dataset (it has a manifest) may be written into: a slip
/// such as `--out .` must not touch a project.
pub fn check_replaceable(out: &Path) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(format!("{} is a file, not a dataset folder", out.display()));
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| format!("could not read {}: {e}", out.display()))?
        .next()
        .is_none();
    if empty || out.join(MANIFEST_PATH).is_file() {
        Ok(())
    } else {
        Err(format!("{} holds files but no manifest.json, so it is not an earlier dataset; choose an empty or new folder", out.display()))
    }
}

/// Makes `<out>/<build>` hold exactly `files`. A folder of that build that already holds them
/// (same inputs as an earlier run) is kept as it is.
pub fn place_build(out: &Path, build: &str, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let target = out.join(build);
    if holds(&target, files) {
        return touch(&target);
    }
    let staging = out.join(format!(".{build}.partial"));
    remove(&staging)?;
    for (path, bytes) in files {
        write_synced(&staging.join(path), bytes)?;
    }
    // A folder of this name with other bytes was damaged: the new copy replaces it.
    let damaged = out.join(format!(".{build}.damaged"));
    if target.exists() {
        remove(&damaged)?;
        rename(&target, &damaged)?;
    }
    rename(&staging, &target)?;
    sync_dir(out)?;
    remove(&damaged)
}

/// Replaces `<out>/manifest.json` in one rename, after writing and syncing a temporary copy.
/// Compressed copies of the old manifest are removed first so no server sends them after it.
pub fn place_manifest(out: &Path, bytes: &[u8]) -> Result<(), String> {
    for stale in ["manifest.json.br", "manifest.json.gz"] {
        let path = out.join(stale);
        if path.exists() {
            std::fs::remove_file(&path)
                .map_err(|e| format!("could not remove {}: {e}", path.display()))?;
        }
    }
    let temporary = out.join(".manifest.json.partial");
    write_synced(&temporary, bytes)?;
    rename(&temporary, &out.join(MANIFEST_PATH))?;
    sync_dir(out)
}

/// Removes build folders beyond `current` and the `keep` most recently published others, and
/// an older layout's files. Run only once the new manifest is in place.
pub fn prune(out: &Path, current: &str, keep: usize) -> Result<Vec<String>, String> {
    let mut others: Vec<(SystemTime, String)> = Vec::new();
    for entry in
        std::fs::read_dir(out).map_err(|e| format!("could not read {}: {e}", out.display()))?
    {
        let entry = entry.map_err(|e| format!("could not read {}: {e}", out.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != current && is_build_name(&name) && entry.path().is_dir() {
            let published = entry
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            others.push((published, name));
        }
    }
    // Newest first; the name breaks ties so the choice never depends on directory order.
    others.sort_by(|a, b| b.cmp(a));
    let mut removed: Vec<String> = others
        .into_iter()
        .skip(keep)
        .map(|(_, name)| name)
        .collect();
    removed.extend(
        OLD_LAYOUT
            .iter()
            .flat_map(|n| [n.to_string(), format!("{n}.br"), format!("{n}.gz")])
            .filter(|n| out.join(n).exists()),
    );
    for name in &removed {
        remove(&out.join(name))?;
    }
    Ok(removed)
}

/// Whether `dir` already holds these exact files.
fn holds(dir: &Path, files: &[(String, Vec<u8>)]) -> bool {
    dir.is_dir()
        && files
            .iter()
            .all(|(path, bytes)| std::fs::read(dir.join(path)).is_ok_and(|found| found == *bytes))
}

/// Marks a reused build as the newest, so pruning keeps the builds published before it.
fn touch(dir: &Path) -> Result<(), String> {
    File::open(dir)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .map_err(|e| format!("could not update {}: {e}", dir.display()))
}

fn write_synced(target: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    }
    let mut file =
        File::create(target).map_err(|e| format!("could not write {}: {e}", target.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("could not write {}: {e}", target.display()))
}

fn sync_dir(dir: &Path) -> Result<(), String> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| format!("could not sync {}: {e}", dir.display()))
}

fn rename(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::rename(from, to)
        .map_err(|e| format!("could not move {} to {}: {e}", from.display(), to.display()))
}

fn remove(path: &Path) -> Result<(), String> {
    let result = if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else if path.exists() {
        std::fs::remove_file(path)
    } else {
        Ok(())
    };
    result.map_err(|e| format!("could not remove {}: {e}", path.display()))
}

/// The build's name: 16 hex digits of the SHA-256 of every file's path and hash, in order.
pub fn build_name(listed: &[DataFile]) -> String {
    use sha2::{Digest, Sha256};
    let mut all = Sha256::new();
    for file in listed {
        all.update(format!("{}\0{}\n", file.path, file.sha256));
    }
    carefinder_core::dataset_reader::hex(&all.finalize())[..16].to_string()
}
