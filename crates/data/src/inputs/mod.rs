//! Readers for each published input layout. Each returns a `Tally` of what it read, kept and
//! rejected, or an `InputError` naming the file, the record and the reason.

pub mod admit;
pub mod area_packs;
pub mod cqc_api;
pub mod cqc_directory;
pub mod csv_file;
pub mod geography;
pub mod pathways;
pub mod postcodes;
pub mod reference;

/// Input files for the builder's own tests, each in a fresh folder so tests never share one.
#[cfg(test)]
pub mod test_files {
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub fn write(name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("carefinder-data-test-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}
