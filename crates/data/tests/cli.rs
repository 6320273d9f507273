//! The command line: clap's usage and help for every command, usage errors exit 2 before
//! anything runs, and flags keep their old meanings (repeatable ones add up, others keep the last).

mod common;

use common::*;

#[test]
fn every_command_has_help_and_no_command_prints_the_usage() {
    let top = run(&["--help"]);
    assert!(top.status.success());
    for command in [
        "build",
        "default",
        "example",
        "scale",
        "check-pathways",
        "bench",
    ] {
        assert!(
            stdout(&top).contains(command),
            "{command} missing from:\n{}",
            stdout(&top)
        );
        let help = run(&[command, "--help"]);
        assert!(help.status.success(), "{command}: {}", stderr(&help));
        assert!(
            stdout(&help).contains(&format!("Usage: carefinder-data {command}")),
            "{}",
            stdout(&help)
        );
    }
    assert!(stdout(&run(&["example", "--help"])).contains("[default: 120]"));
    let bare = run(&[]);
    assert_eq!(bare.status.code(), Some(2));
    assert!(
        stderr(&bare).contains("Usage: carefinder-data [OPTIONS] <COMMAND>"),
        "{}",
        stderr(&bare)
    );
    assert!(stdout(&run(&["default", "--help"])).contains("--keep-builds <N>"));
}

#[test]
fn usage_errors_exit_2_with_clap_s_message_and_write_nothing() {
    let out = temp("usage-errors").join("out");
    let out = out.to_str().unwrap();
    for (args, says) in [
        (
            vec!["no-such-command"],
            "unrecognized subcommand 'no-such-command'",
        ),
        (
            vec!["example", "--out", out, "--count", "many"],
            "invalid value 'many' for '--count <N>'",
        ),
        (
            vec!["example", "--out"],
            "a value is required for '--out <DIR>'",
        ),
        (
            vec!["example"],
            "the following required arguments were not provided",
        ),
        (vec!["default", "--out", out], "--shared <DIR>"),
        (
            vec!["check-pathways", "--dir", out, "--extra", "x"],
            "unexpected argument '--extra'",
        ),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert!(
            !stderr(&o).contains("carefinder-data: "),
            "a usage error is clap's, not a run-time error"
        );
    }
    assert!(!std::path::Path::new(out).exists());
}

#[test]
fn repeatable_flags_add_up_and_others_keep_their_last_value() {
    let dir = temp("flags");
    let record = |id: &str, pc: &str| {
        format!(
            r#"{{"locationId":"{id}","name":"Rose House","type":"Social Care Org","registrationStatus":"Registered",
             "postalCode":"{pc}","localAuthority":"Oldham","gacServiceTypes":[{{"name":"Residential homes"}}]}}"#
        )
    };
    let a = write(&dir, "a.json", format!("[{}]", record("1-1", "OL1 1AA")));
    let b = write(&dir, "b.json", format!("[{}]", record("1-2", "OL1 1AB")));
    let pa = write(&dir, "a.csv", "Postcode,lat,long\nOL1 1AA,53.54,-2.11\n");
    let pb = write(&dir, "b.csv", "Postcode,lat,long\nOL1 1AB,53.55,-2.12\n");
    let out = dir.join("out");
    let o = run(&[
        "build",
        "--out",
        "/no/such/folder/out",
        "--out",
        out.to_str().unwrap(),
        "--area",
        "First",
        "--area",
        "Second",
        "--cqc-api",
        a.to_str().unwrap(),
        "--cqc-api",
        b.to_str().unwrap(),
        "--postcodes",
        pa.to_str().unwrap(),
        "--postcodes",
        pb.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(details(&out).keys().collect::<Vec<_>>(), ["1-1", "1-2"]);
    assert_eq!(
        read_json(&out.join("manifest.json"))["area"]["name"],
        "Second"
    );
}

#[test]
fn run_time_errors_exit_1_naming_the_builder() {
    let o = run(&["check-pathways", "--dir", "/no/such/pathways"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("carefinder-data: "),
        "{}",
        stderr(&o)
    );
}
