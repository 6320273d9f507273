//! The serve command as a person meets it: a busy port gets a plain message and a failing exit.

use std::net::TcpListener;
use std::process::Command;

#[test]
fn a_port_already_in_use_is_reported_plainly() {
    let dir = std::env::temp_dir().join(format!("carefinder-serve-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<h1>app</h1>").unwrap();
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();

    let out = Command::new(env!("CARGO_BIN_EXE_carefinder-serve"))
        .args(["--dir", dir.to_str().unwrap(), "--port", &port])
        .output()
        .unwrap();

    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with(&format!("Port {port} on 127.0.0.1 is already in use by another program.")), "{stderr}");
}

#[test]
fn a_folder_without_a_built_app_is_reported_plainly() {
    let out = Command::new(env!("CARGO_BIN_EXE_carefinder-serve")).args(["--dir", "/nonexistent", "--port", "0"]).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/nonexistent has no index.html: build the app first"), "{stderr}");
}
