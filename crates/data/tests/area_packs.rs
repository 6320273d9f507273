//! Area packs are checked at build time like the pathways: the real packs pass and are
//! published, and a broken pack, or a pathway that names a council, stops the build with a
//! message naming the file and the contact or step.

mod common;

use std::path::{Path, PathBuf};

use carefinder_data::shared_layout;
use common::*;

/// A copy of a content folder with the file `name` edited by `edit`.
fn copy_with(folder: &Path, to: &Path, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if path.file_name().unwrap() == name {
            edit(text)
        } else {
            text
        };
        std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
    }
    to.to_path_buf()
}

/// Builds a tiny dataset with these pathways and packs.
fn build(name: &str, pathways: &Path, areas: &Path) -> (std::process::Output, PathBuf) {
    let out = temp(&format!("{name}-out")).join("out");
    let api = write(&temp(&format!("{name}-api")), "locations.json", "[]");
    let args = [
        "build",
        "--out",
        out.to_str().unwrap(),
        "--cqc-api",
        api.to_str().unwrap(),
        "--pathways",
        pathways.to_str().unwrap(),
        "--area-packs",
        areas.to_str().unwrap(),
    ];
    (run(&args), out)
}

#[test]
fn the_real_packs_are_published_with_every_contact_and_note() {
    let (o, out) = build(
        "packs-real",
        &shared_layout::pathways(),
        &shared_layout::area_packs(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let councils = read_json(&built(&out).join("councils.json"));
    // Counted from the authored files' own tables, not from the builder.
    let mut packs = 0;
    let (mut contacts, mut notes) = (0, 0);
    for entry in std::fs::read_dir(shared_layout::area_packs()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if text.contains("\ncode = ") {
            packs += 1;
        }
        contacts += text.lines().filter(|l| l.trim() == "[[contacts]]").count();
        notes += text.lines().filter(|l| l.trim() == "[[notes]]").count();
    }
    let published = councils["packs"].as_array().unwrap();
    assert_eq!(published.len(), packs);
    assert_eq!(
        published
            .iter()
            .map(|p| p["contacts"].as_array().unwrap().len())
            .sum::<usize>(),
        contacts
    );
    assert_eq!(
        published
            .iter()
            .map(|p| p["notes"].as_array().unwrap().len())
            .sum::<usize>(),
        notes
    );
    assert!(!councils["national"].as_array().unwrap().is_empty());
    let norfolk = published
        .iter()
        .find(|p| p["code"] == "E10000020")
        .expect("Norfolk's pack");
    assert!(norfolk["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["phone"] == "0800 083 1148"));
}

#[test]
fn a_pathway_that_names_a_council_fails_the_build() {
    let dir = temp("packs-naming");
    let pathways = copy_with(
        &shared_layout::pathways(),
        &dir.join("pathways"),
        "carer.toml",
        |t| {
            t.replacen(
                "and ask for a carer's assessment.",
                "and ask Norfolk County Council for a carer's assessment.",
                1,
            )
        },
    );
    let (o, out) = build("packs-naming", &pathways, &shared_layout::area_packs());
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains(r#"pathway "carer": outcome "assessment": names Norfolk"#),
        "{e}"
    );
    assert!(
        !out.join("manifest.json").exists(),
        "nothing is published from a failed build"
    );
}

#[test]
fn a_bad_phone_number_or_a_note_for_no_outcome_names_the_pack_and_the_contact() {
    let dir = temp("packs-phone");
    let areas = copy_with(
        &shared_layout::area_packs(),
        &dir.join("areas"),
        "norfolk.toml",
        |t| t.replacen(r#"phone = "0800 083 1148""#, r#"phone = "0800 083 114""#, 1),
    );
    let e = stderr(&build("packs-phone", &shared_layout::pathways(), &areas).0);
    assert!(e.contains(r#"norfolk.toml: contact "Carers Matter Norfolk": phone "0800 083 114" is not a UK number like 0161 770 7777"#), "{e}");

    let dir = temp("packs-note");
    let areas = copy_with(
        &shared_layout::area_packs(),
        &dir.join("areas"),
        "norfolk.toml",
        |t| {
            t.replacen(
                r#"outcome = "carer/emergency""#,
                r#"outcome = "carer/holiday""#,
                1,
            )
        },
    );
    let e = stderr(&build("packs-note", &shared_layout::pathways(), &areas).0);
    assert!(
        e.contains("norfolk.toml: note")
            && e.contains("(carer/holiday): no pathway outcome has this address"),
        "{e}"
    );
}
