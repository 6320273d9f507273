//! The serve command as a person meets it: a busy port gets a plain message and a failing exit.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carefinder-serve"))
        .args(args)
        .output()
        .unwrap()
}

/// A fresh folder holding a built app's index.html, with its csp.txt written as the build does.
fn built_app(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "carefinder-serve-cli-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<head><script type=\"module\">go()</script></head><h1>app</h1>",
    )
    .unwrap();
    let out = run(&["csp", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    dir
}

#[test]
fn a_port_already_in_use_is_reported_plainly() {
    let dir = built_app("busy");
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();

    let out = run(&["--dir", dir.to_str().unwrap(), "--port", &port]);

    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "Port {port} on 127.0.0.1 is already in use by another program."
        )),
        "{stderr}"
    );
}

#[test]
fn a_folder_without_a_built_app_is_reported_plainly() {
    let out = run(&["--dir", "/nonexistent", "--port", "0"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/nonexistent has no index.html: build the app first"),
        "{stderr}"
    );
}

#[test]
fn csp_writes_the_policy_for_the_one_inline_loader_and_refuses_anything_else() {
    let dir = built_app("csp");
    let out = run(&["csp", dir.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("Wrote {}.\n", dir.join("csp.txt").display())
    );
    // SHA-256 of "go()", from `printf %s "go()" | openssl dgst -sha256 -binary | base64`.
    let csp = std::fs::read_to_string(dir.join("csp.txt")).unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='; ") && csp.ends_with("'none'\n"), "{csp}");
    std::fs::write(
        dir.join("index.html"),
        "<script>go()</script><script>stop()</script>",
    )
    .unwrap();
    let two = run(&["csp", dir.to_str().unwrap()]);
    assert_eq!(two.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&two.stderr);
    assert!(
        stderr
            .contains("index.html: the page shell has 2 inline scripts; it must have exactly one"),
        "{stderr}"
    );
    // The policy from before is left alone, not replaced by a wrong one.
    assert_eq!(std::fs::read_to_string(dir.join("csp.txt")).unwrap(), csp);
}

#[test]
fn a_build_without_its_csp_file_is_not_served() {
    let dir = built_app("no-csp");
    std::fs::remove_file(dir.join("csp.txt")).unwrap();
    let out = run(&["--dir", dir.to_str().unwrap(), "--port", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("csp.txt: cannot be read")
            && stderr.contains("it is written at build time by `carefinder-serve csp"),
        "{stderr}"
    );
}

#[test]
fn the_server_says_where_it_is_serving() {
    let dir = built_app("serving");
    let mut child = Command::new(env!("CARGO_BIN_EXE_carefinder-serve"))
        .args(["--host", "127.0.0.1", "--port", "0", "--dir"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        line.starts_with("carefinder is being served at http://127.0.0.1:")
            && line.ends_with("/ (press Ctrl+C to stop)\n"),
        "{line}"
    );
}

#[test]
fn help_names_every_option_and_its_default() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for part in [
        "Usage: carefinder-serve",
        "--dir <DIR>",
        "[default: dist]",
        "[default: 127.0.0.1]",
        "[default: 8080]",
        "compress",
        "csp",
    ] {
        assert!(help.contains(part), "{part:?} missing from {help}");
    }
}

#[test]
fn usage_mistakes_exit_2_and_point_to_help() {
    let cases: [&[&str]; 5] = [
        &["--bogus"],
        &["--port", "eighty"],
        &["--port"],
        &["compress"],
        &["--dir", "dist", "compress", "dist"],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("error: ") && stderr.contains("try '--help'"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn compress_writes_brotli_and_gzip_copies() {
    let dir = built_app("compress");
    std::fs::write(dir.join("notes.txt"), "not downloaded by the app").unwrap();
    let out = run(&["compress", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        format!(
            "Compressed 1 files in {} (brotli and gzip).\n",
            dir.display()
        )
    );
    assert!(dir.join("index.html.br").is_file() && dir.join("index.html.gz").is_file());
    assert!(!dir.join("notes.txt.br").exists());
    let missing = run(&["compress", "/nonexistent"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).starts_with("Could not compress /nonexistent: ")
    );
}
