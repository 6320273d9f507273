//! A site's dataset as a deploy changes it: the build its manifest names now, and publishing
//! another build beside it (the new folder first, then the manifest in one rename), as the
//! builder does.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::Site;

fn manifest(site: &Site) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(site.dir.join("data/manifest.json")).expect("the site's manifest"),
    )
    .expect("manifest JSON")
}

impl Site {
    /// The folder of the build the site's manifest names now.
    pub fn build_dir(&self) -> PathBuf {
        self.dir.join("data").join(
            manifest(self)["build"]
                .as_str()
                .expect("the manifest names its build"),
        )
    }

    /// A file of the current build, by its path in the build folder ("services.json").
    pub fn data_file(&self, path: &str) -> PathBuf {
        self.build_dir().join(path)
    }

    /// Publishes a copy of the current build with each listed file passed through `change`
    /// (path in the build, bytes) as the build `name`, then removes the old build folder, as
    /// two deploys in a row would. Returns the old build's name.
    pub fn publish_changed_build(
        &self,
        name: &str,
        change: impl Fn(&str, Vec<u8>) -> Vec<u8>,
    ) -> String {
        let mut m = manifest(self);
        let old = self.build_dir();
        let new = self.dir.join("data").join(name);
        for f in m["files"].as_array_mut().expect("files") {
            let path = f["path"].as_str().unwrap().to_string();
            let bytes = change(
                &path,
                std::fs::read(old.join(&path)).expect("a listed file"),
            );
            write(&new.join(&path), &bytes);
            f["bytes"] = Value::from(bytes.len());
            f["sha256"] = Value::from(
                Sha256::digest(&bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect::<String>(),
            );
        }
        m["build"] = Value::from(name);
        let temporary = self.dir.join("data/.manifest.json.partial");
        write(&temporary, &serde_json::to_vec_pretty(&m).unwrap());
        // No stale compressed copy may be served after the swap.
        for stale in ["manifest.json.br", "manifest.json.gz"] {
            let _ = std::fs::remove_file(self.dir.join("data").join(stale));
        }
        std::fs::rename(&temporary, self.dir.join("data/manifest.json"))
            .expect("swap the manifest");
        std::fs::remove_dir_all(&old).expect("remove the old build");
        old.file_name().unwrap().to_string_lossy().into_owned()
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}
