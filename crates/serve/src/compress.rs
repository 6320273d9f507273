//! Writes `.br` and `.gz` copies beside the files browsers download (Trunk does not), so the
//! server, or any static host configured for it, can send them pre-compressed.

use std::io::{self, Write};
use std::path::Path;

/// Compresses every .wasm, .js, .css, .html, .json and .svg file under `dir`; returns how many.
pub fn compress_folder(dir: &Path) -> io::Result<usize> {
    let mut count = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            count += compress_folder(&path)?;
            continue;
        }
        let wanted = path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "wasm" | "js" | "css" | "html" | "json" | "svg"));
        if !wanted {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
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
        std::fs::write(with(".br"), br)?;
        std::fs::write(with(".gz"), gz)?;
        count += 1;
    }
    Ok(count)
}
