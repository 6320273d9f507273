//! Writes `.br` and `.gz` copies beside the files browsers download (Trunk does not), so the
//! server, or any static host configured for it, can send them pre-compressed.

use std::io::{self, Write};
use std::path::Path;

/// Compresses every .wasm, .js, .css, .html, .json and .svg file under `dir` whose copies are
/// missing or older than it; returns how many. Each copy is written beside its final name and
/// renamed into place, so a server sending a copy never sends half of one (a build still being
/// read by visits, or the manifest just replaced, is compressed while it is served).
pub fn compress_folder(dir: &Path) -> io::Result<usize> {
    let mut count = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            count += compress_folder(&path)?;
            continue;
        }
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "wasm" | "js" | "css" | "html" | "json" | "svg"));
        if !wanted || (fresh_copy(&path, "br") && fresh_copy(&path, "gz")) {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut br, &params)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        let gz = gz.finish()?;
        let name = path.as_os_str().to_owned();
        let with = |suffix: &str| {
            let mut n = name.clone();
            n.push(suffix);
            n
        };
        for (suffix, bytes) in [(".br", br), (".gz", gz)] {
            let part = with(&format!("{suffix}.part"));
            std::fs::write(&part, bytes)?;
            std::fs::rename(&part, with(suffix))?;
        }
        count += 1;
    }
    Ok(count)
}

/// Whether the compressed copy `path.<suffix>` is a file at least as new as `path` (an older
/// one is stale: neither written again nor sent).
pub(crate) fn fresh_copy(path: &Path, suffix: &str) -> bool {
    let mut copy = path.as_os_str().to_owned();
    copy.push(format!(".{suffix}"));
    let modified = |p: &Path| {
        std::fs::symlink_metadata(p).and_then(|m| {
            if m.is_file() {
                m.modified()
            } else {
                Err(io::ErrorKind::NotFound.into())
            }
        })
    };
    match (modified(Path::new(&copy)), modified(path)) {
        (Ok(copy), Ok(file)) => copy >= file,
        _ => false,
    }
}
