//! Pathway content is checked at build time: the real content passes, and a broken pathway
//! stops the build with a message naming the file and the step.

mod common;

use std::path::{Path, PathBuf};

use carefinder_data::shared_layout;
use common::*;

fn content() -> PathBuf {
    shared_layout::pathways()
}

/// A copy of the real content with one file edited by `edit`.
fn broken(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let dir = temp(name).join("pathways");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(content()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if path.file_name().unwrap() == "carer.toml" {
            edit(text)
        } else {
            text
        };
        std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
    dir
}

fn check(dir: &Path) -> std::process::Output {
    run(&["check-pathways", "--dir", dir.to_str().unwrap()])
}

#[test]
fn the_real_content_passes() {
    let o = check(&content());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("9 pathways in"), "{}", stdout(&o));
}

#[test]
fn a_dangling_link_names_the_file_question_and_answer() {
    let dir = broken("dangling", |t| {
        t.replacen(r#"next = "breaks""#, r#"next = "holiday""#, 1)
    });
    let e = stderr(&check(&dir));
    assert!(e.contains(r#"carer.toml: question "want": answer "A break from caring" leads to "holiday", which is not a step"#), "{e}");
}

#[test]
fn a_dead_end_and_an_unreachable_step_are_named() {
    // Sending "want"'s first answer back to the start makes a loop.
    let looped = broken("loop", |t| {
        t.replacen(r#"next = "assessment""#, r#"next = "cares""#, 1)
    });
    let e = stderr(&check(&looped));
    assert!(
        e.contains(r#"carer.toml: question "want": leads back to "cares", making a loop"#),
        "{e}"
    );
    // An outcome with no next steps.
    let empty = broken("dead-end", |t| {
        let start = t
            .find("[[outcomes.steps]]\ntext = \"Ask for a carer's assessment: it is the way")
            .unwrap();
        let mut t = t.clone();
        let end = start
            + t[start..]
                .find("[[outcomes.steps]]\ntext = \"Look at care homes")
                .unwrap();
        t.replace_range(start..end, "");
        let start = t
            .find("[[outcomes.steps]]\ntext = \"Look at care homes")
            .unwrap();
        let end = start + t[start..].find("[[outcomes.searches]]").unwrap();
        t.replace_range(start..end, "");
        t
    });
    let e = stderr(&check(&empty));
    assert!(
        e.contains(r#"carer.toml: outcome "breaks": has no next steps"#),
        "{e}"
    );
}

#[test]
fn a_missing_source_fails_the_build_too() {
    let dir = broken("source", |t| {
        t.replacen(r#"source = "Care Act 2014, section 10 (what a carer's assessment must cover), legislation.gov.uk/ukpga/2014/23/section/10""#, r#"source = """#, 1)
    });
    let out = temp("source-build").join("out");
    let api = write(&temp("source-api"), "locations.json", "[]");
    let o = run(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--cqc-api",
        api.to_str().unwrap(),
        "--pathways",
        dir.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains(r#"carer.toml: outcome "assessment": next step 2 has no source"#),
        "{e}"
    );
    assert!(
        !out.join("manifest.json").exists(),
        "nothing is published from a failed build"
    );
}
