//! Publishing builds: each build in its own folder named by its hashes, the manifest replaced
//! in one step, earlier builds kept as asked and older ones removed only afterwards.

mod common;

use std::path::Path;

use common::*;

/// Builds the example with `seed` into `out`, with extra flags; returns the build's name.
fn example(out: &Path, seed: u64, flags: &[&str]) -> String {
    let seed = seed.to_string();
    let mut args = vec![
        "example",
        "--out",
        out.to_str().unwrap(),
        "--count",
        "30",
        "--seed",
        &seed,
    ];
    args.extend_from_slice(flags);
    let run = run(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    read_json(&out.join("manifest.json"))["build"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The names at the top of the dataset folder, sorted.
fn top(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

#[test]
fn the_previous_build_is_kept_and_older_ones_removed_once_the_manifest_names_the_new_one() {
    let out = temp("builds-keep").join("data");
    let first = example(&out, 1, &[]);
    let second = example(&out, 2, &[]);
    assert_ne!(first, second, "other data, another build");
    assert_eq!(
        top(&out),
        sorted(vec![first.clone(), second.clone(), "manifest.json".into()])
    );
    let third = example(&out, 3, &[]);
    assert_eq!(
        top(&out),
        sorted(vec![second.clone(), third.clone(), "manifest.json".into()]),
        "the first build is gone"
    );
    // Every file the new manifest lists is in its folder with the listed size.
    for f in read_json(&out.join("manifest.json"))["files"]
        .as_array()
        .unwrap()
    {
        let bytes = std::fs::read(out.join(&third).join(f["path"].as_str().unwrap())).unwrap();
        assert_eq!(Some(bytes.len() as u64), f["bytes"].as_u64());
    }
    // More or fewer builds when asked.
    let fourth = example(&out, 4, &["--keep-builds", "2"]);
    assert_eq!(
        top(&out),
        sorted(vec![second, third, fourth.clone(), "manifest.json".into()])
    );
    example(&out, 4, &["--keep-builds", "0"]);
    assert_eq!(top(&out), sorted(vec![fourth, "manifest.json".into()]));
}

#[test]
fn the_same_inputs_reuse_their_build_folder_and_keep_the_one_before() {
    let out = temp("builds-same").join("data");
    let first = example(&out, 1, &[]);
    let second = example(&out, 2, &[]);
    let manifest = std::fs::read(out.join("manifest.json")).unwrap();
    assert_eq!(example(&out, 2, &[]), second);
    assert_eq!(
        std::fs::read(out.join("manifest.json")).unwrap(),
        manifest,
        "byte-identical manifest"
    );
    assert_eq!(
        top(&out),
        sorted(vec![first, second, "manifest.json".into()]),
        "the previous build is still kept"
    );
}

#[test]
fn a_damaged_build_folder_is_rewritten_and_stale_copies_of_the_manifest_go() {
    let out = temp("builds-damaged").join("data");
    let build = example(&out, 1, &[]);
    let index = out.join(&build).join("services.json");
    let good = std::fs::read(&index).unwrap();
    std::fs::write(&index, b"[]").unwrap();
    std::fs::write(out.join("manifest.json.br"), b"old").unwrap();
    std::fs::write(out.join("manifest.json.gz"), b"old").unwrap();
    assert_eq!(example(&out, 1, &[]), build);
    assert_eq!(std::fs::read(&index).unwrap(), good);
    assert_eq!(
        top(&out),
        sorted(vec![build, "manifest.json".into()]),
        "no compressed copy of an older manifest, no half-written folder"
    );
}

#[test]
fn a_dataset_in_the_old_single_folder_layout_is_replaced_by_a_build_folder() {
    let out = temp("builds-old-layout").join("data");
    std::fs::create_dir_all(out.join("services")).unwrap();
    std::fs::create_dir_all(out.join("postcodes")).unwrap();
    for name in [
        "manifest.json",
        "services.json",
        "services.json.br",
        "reference.json",
        "pathways.json",
        "build-report.tsv",
        "services/ZZ1.json",
        "postcodes/ZZ1.json",
    ] {
        std::fs::write(out.join(name), b"{}").unwrap();
    }
    let build = example(&out, 1, &[]);
    assert_eq!(top(&out), sorted(vec![build, "manifest.json".into()]));
}
