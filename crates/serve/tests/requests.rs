//! Properties of request handling: whatever arrives, however mangled, the server never panics,
//! keeps answering, and never sends a byte of a file outside its folder, though a secret file
//! sits right beside the folder and symbolic links inside it point there.
//!
//! Cases: 512 raw request heads over loopback, and 2,048 request targets given to `resolve`.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use carefinder_serve::{resolve, Server};
use common::{exchange, get, site_at};
use proptest::prelude::*;

const SECRET: &str = "TOP-SECRET-4b1d";
static PANICS: AtomicUsize = AtomicUsize::new(0);

/// The served folder: a built app with a secret beside it and links inside pointing out.
fn served() -> &'static (Server, PathBuf) {
    static SITE: OnceLock<(Server, PathBuf)> = OnceLock::new();
    SITE.get_or_init(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::Relaxed);
            default(info);
        }));
        // The secret is in the folder's parent, where "../secret.txt" would reach.
        let outside =
            std::env::temp_dir().join(format!("carefinder-serve-{}-property", std::process::id()));
        let dist = site_at(outside.join("dist"));
        std::fs::create_dir_all(outside.join("secret")).unwrap();
        for name in ["secret.txt", "secret.html", "secret/index.html", "app.html"] {
            std::fs::write(outside.join(name), SECRET).unwrap();
        }
        std::os::unix::fs::symlink(outside.join("secret.txt"), dist.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.html"), dist.join("link.html")).unwrap();
        std::os::unix::fs::symlink(&outside, dist.join("linkdir")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret"), dist.join("secret")).unwrap();
        std::fs::write(dist.join("data/services.json"), "[]").unwrap();
        let server = Server::start(&dist, "127.0.0.1:0").unwrap();
        (server, dist)
    })
}

/// Parts of a path an attacker would try, and arbitrary text and bytes.
fn segment() -> impl Strategy<Value = Vec<u8>> {
    const TRICKS: [&str; 28] = [
        "..",
        "%2e%2e",
        "%2E.",
        ".%2e",
        "%252e%252e",
        "%2f",
        "%5c",
        "\\",
        "..\\..",
        "%00",
        "\0",
        ".",
        "",
        "%ff",
        "%c0%ae%c0%ae",
        "link.txt",
        "link.html",
        "linkdir",
        "secret",
        "secret.txt",
        "secret.html",
        "data",
        "services.json",
        "index.html",
        "app.html",
        "districts",
        "..%2f..%2fsecret.txt",
        "%2e%2e%5csecret.txt",
    ];
    prop_oneof![
        3 => proptest::sample::select(&TRICKS[..]).prop_map(|s| s.as_bytes().to_vec()),
        1 => "[a-zA-Z0-9%./\\\\_-]{0,12}".prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..12),
    ]
}

fn target() -> impl Strategy<Value = Vec<u8>> {
    let separator = proptest::sample::select(&["/", "\\", "//", "/./", "%2f"][..]);
    let query = proptest::option::of(prop_oneof!["district=[a-zA-Z0-9%+ ]{0,10}", "[ -~]{0,20}"]);
    (
        proptest::collection::vec((separator, segment()), 0..8),
        query,
        0usize..4,
    )
        .prop_map(|(parts, query, repeat)| {
            let mut path = Vec::new();
            for (separator, part) in &parts {
                path.extend_from_slice(separator.as_bytes());
                path.extend_from_slice(part);
            }
            if path.is_empty() {
                path.push(b'/');
            }
            // Now and then very long: thousands of bytes of the same.
            if repeat == 3 {
                path = path.repeat(8_000 / path.len().max(1));
            }
            if let Some(query) = query {
                path.push(b'?');
                path.extend_from_slice(query.as_bytes());
            }
            path
        })
}

fn request_head() -> impl Strategy<Value = Vec<u8>> {
    let method =
        proptest::sample::select(&["GET", "HEAD", "POST", "OPTIONS", "get", "G\0T", ""][..]);
    let version =
        proptest::sample::select(&["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "", "HTTP/1.1 extra"][..]);
    let header = prop_oneof![
        Just(b"Accept-Encoding: br, gzip".to_vec()),
        Just(b"If-None-Match: *".to_vec()),
        Just(b"Range: bytes=0-3".to_vec()),
        Just(b"Host: x".to_vec()),
        Just(b"Content-Length: 5".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..40),
    ];
    (
        method,
        target(),
        version,
        proptest::collection::vec(header, 0..4),
        any::<bool>(),
    )
        .prop_map(|(method, target, version, headers, ended)| {
            let mut head = format!("{method} ").into_bytes();
            head.extend_from_slice(&target);
            head.extend_from_slice(format!(" {version}\r\n").as_bytes());
            for header in headers {
                head.extend_from_slice(&header);
                head.extend_from_slice(b"\r\n");
            }
            if ended {
                head.extend_from_slice(b"\r\n");
            }
            head
        })
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn within(root: &Path, file: &Path) -> bool {
    file.canonicalize()
        .is_ok_and(|f| f.starts_with(root.canonicalize().unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn no_request_head_panics_the_server_or_reaches_outside_the_folder(head in request_head()) {
        let (server, _) = served();
        let answer = exchange(server.addr(), &head);
        prop_assert!(!contains(&answer, SECRET), "served the secret for {:?}", String::from_utf8_lossy(&head));
        // The server is still there, and still serving.
        prop_assert_eq!(get(server.addr(), "/data/services.json").text(), "[]");
        prop_assert_eq!(PANICS.load(Ordering::Relaxed), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]
    #[test]
    fn every_resolved_target_is_a_file_inside_the_folder(target in target(), text in "\\PC{0,30}") {
        let (_, root) = served();
        for target in [String::from_utf8_lossy(&target).into_owned(), format!("/{text}")] {
            if let Some(file) = resolve(root, &target) {
                prop_assert!(within(root, &file), "{target:?} resolved to {}", file.display());
                prop_assert!(!std::fs::read_to_string(&file).unwrap_or_default().contains(SECRET));
            }
        }
    }
}
