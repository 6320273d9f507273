//! The server as a browser (or a hostile client) meets it, over real loopback connections.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use carefinder_serve::{resolve, Limits, Server};
use common::{exchange, get, get_with, parse, read_reply, request, site, LOADER};

#[test]
fn serves_files_and_routes_and_refuses_escapes() {
    let root = site("files");
    let server = Server::start(&root, "127.0.0.1:0").unwrap();
    let manifest = get(server.addr(), "/data/manifest.json");
    assert_eq!(
        (
            manifest.status,
            manifest.header("content-type"),
            manifest.text().as_str()
        ),
        (200, Some("application/json"), "{}")
    );
    let route = get(server.addr(), "/provider/1-123?x=1");
    assert!(
        route.status == 200 && route.text().contains("<h1>app</h1>"),
        "{route:?}"
    );
    assert_eq!(get(server.addr(), "/data/missing.json").status, 404);
    assert_eq!(get(server.addr(), "/../Cargo.toml").status, 404);
    assert_eq!(get(server.addr(), "/%2e%2e/Cargo.toml").status, 404);
    assert_eq!(
        request(server.addr(), "POST", "/", "Content-Length: 0\r\n").status,
        405
    );
}

#[test]
fn symbolic_links_out_of_the_folder_are_not_followed() {
    let root = site("links");
    let outside = root.with_file_name(format!(
        "{}-outside",
        root.file_name().unwrap().to_string_lossy()
    ));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "SECRET").unwrap();
    std::fs::write(outside.join("index.html"), "SECRET PAGE").unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("secret.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("elsewhere")).unwrap();
    // A link that stays inside the folder is fine.
    std::os::unix::fs::symlink(root.join("data"), root.join("same-data")).unwrap();
    let server = Server::start(&root, "127.0.0.1:0").unwrap();
    assert_eq!(get(server.addr(), "/secret.txt").status, 404);
    assert_eq!(get(server.addr(), "/elsewhere/secret.txt").status, 404);
    let folder = get(server.addr(), "/elsewhere");
    assert!(!folder.text().contains("SECRET"), "{folder:?}");
    assert_eq!(get(server.addr(), "/same-data/manifest.json").text(), "{}");
}

#[test]
fn a_path_that_cannot_be_decoded_exactly_names_no_file() {
    let root = site("escapes");
    std::fs::write(root.join("a+b.txt"), "plus").unwrap();
    std::fs::write(root.join("c d.txt"), "space").unwrap();
    let server = Server::start(&root, "127.0.0.1:0").unwrap();
    // Without an extension these would be app routes, so a 404 here means the path was refused.
    for bad in ["/search%+A", "/search%zz", "/search%4", "/search%FF"] {
        assert_eq!(get(server.addr(), bad).status, 404, "{bad}");
    }
    // In a path '+' is a plus; only %20 is a space.
    assert_eq!(get(server.addr(), "/a+b.txt").text(), "plus");
    assert_eq!(get(server.addr(), "/a%2Bb.txt").text(), "plus");
    assert_eq!(get(server.addr(), "/c%20d.txt").text(), "space");
    assert_eq!(get(server.addr(), "/c+d.txt").status, 404);
}

#[test]
fn pages_carry_the_builds_csp_and_every_response_withholds_the_referrer() {
    let root = site("csp");
    std::fs::write(root.join("robots.txt"), "User-agent: *").unwrap();
    let server = Server::start(&root, "127.0.0.1:0").unwrap();
    let written = std::fs::read_to_string(root.join("csp.txt")).unwrap();
    let page = get(server.addr(), "/search");
    assert_eq!(
        page.header("content-security-policy"),
        Some(written.trim_end())
    );
    // The hash is the loader's, worked out here independently of the server's code.
    let hash = "'sha256-A3MTJxU2N8RQ1quZedsafrtD6fMB/MvDSPZo+6aB55M='";
    assert!(
        written.contains(hash),
        "printf %s {LOADER:?} | openssl dgst -sha256 -binary | base64: {written}"
    );
    assert_eq!(
        get(server.addr(), "/robots.txt").header("content-security-policy"),
        None
    );
    let answers = [
        page,
        get(server.addr(), "/robots.txt"),
        get(server.addr(), "/nope.js"),
        get(server.addr(), "/districts?district=x"),
        request(server.addr(), "DELETE", "/", ""),
    ];
    for answer in answers {
        assert_eq!(
            answer.header("referrer-policy"),
            Some("no-referrer"),
            "{answer:?}"
        );
        assert_eq!(
            answer.header("x-content-type-options"),
            Some("nosniff"),
            "{answer:?}"
        );
    }
}

#[test]
fn a_build_without_its_csp_file_is_not_served() {
    let root = site("no-csp");
    std::fs::remove_file(root.join("csp.txt")).unwrap();
    let err = Server::start(&root, "127.0.0.1:0")
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("csp.txt: cannot be read") && err.contains("carefinder-serve csp"),
        "{err}"
    );
}

#[test]
fn compressed_copies_are_served_when_accepted_and_current() {
    let root = site("compressed");
    std::fs::write(root.join("app-0123456789abcdef.js"), "plain").unwrap();
    std::fs::write(root.join("app-0123456789abcdef.js.br"), "brotli bytes").unwrap();
    let server = Server::start(&root, "127.0.0.1:0").unwrap();
    let br = get_with(
        server.addr(),
        "/app-0123456789abcdef.js",
        "Accept-Encoding: gzip, deflate, br\r\n",
    );
    assert_eq!(
        (br.header("content-encoding"), br.text().as_str()),
        (Some("br"), "brotli bytes")
    );
    assert_eq!(
        br.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        br.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(br.header("vary"), Some("accept-encoding"));
    for refused in ["gzip", "br;q=0, gzip", ""] {
        let plain = get_with(
            server.addr(),
            "/app-0123456789abcdef.js",
            &format!("Accept-Encoding: {refused}\r\n"),
        );
        assert_eq!(
            (plain.header("content-encoding"), plain.text().as_str()),
            (None, "plain"),
            "{refused}"
        );
    }
    // Editing the file makes its compressed copy stale: the plain file is served instead.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(root.join("app-0123456789abcdef.js"), "edited").unwrap();
    let edited = get_with(
        server.addr(),
        "/app-0123456789abcdef.js",
        "Accept-Encoding: br\r\n",
    );
    assert_eq!(
        (edited.header("content-encoding"), edited.text().as_str()),
        (None, "edited")
    );
}

#[test]
fn a_file_not_changed_since_the_last_visit_is_answered_304() {
    let root = site("etag");
    std::fs::write(root.join("sw.js"), "worker").unwrap();
    std::fs::write(root.join("sw.js.gz"), "gzip bytes").unwrap();
    let server = Server::start(&root, "127.0.0.1:0").unwrap();
    let first = get(server.addr(), "/sw.js");
    let (etag, modified) = (
        first.header("etag").unwrap(),
        first.header("last-modified").unwrap(),
    );
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{first:?}");
    let again = get_with(
        server.addr(),
        "/sw.js",
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert_eq!(
        (again.status, again.body.len(), again.header("etag")),
        (304, 0, Some(etag))
    );
    assert_eq!(again.header("cache-control"), Some("no-cache"));
    assert_eq!(again.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(
        get_with(
            server.addr(),
            "/sw.js",
            &format!("If-Modified-Since: {modified}\r\n")
        )
        .status,
        304
    );
    // An ETag from another copy (or another version) gets the file, whatever the date says.
    let other = get_with(
        server.addr(),
        "/sw.js",
        &format!("If-None-Match: \"other\"\r\nIf-Modified-Since: {modified}\r\n"),
    );
    assert_eq!((other.status, other.text().as_str()), (200, "worker"));
    let gzip = get_with(server.addr(), "/sw.js", "Accept-Encoding: gzip\r\n");
    assert_ne!(
        gzip.header("etag"),
        Some(etag),
        "the compressed copy is another representation"
    );
    // Pages are revalidated too, and keep their CSP on a 304.
    let page = get(server.addr(), "/");
    let revalidated = get_with(
        server.addr(),
        "/",
        &format!("If-None-Match: {}\r\n", page.header("etag").unwrap()),
    );
    assert_eq!(revalidated.status, 304);
    assert!(revalidated
        .header("content-security-policy")
        .is_some_and(|c| c.starts_with("default-src")));
}

#[test]
fn the_district_form_without_javascript_leads_to_the_district_page() {
    let dir = site("routes");
    std::fs::write(dir.join("app.html"), "<h1>plain app</h1>").unwrap();
    std::fs::create_dir_all(dir.join("districts/OL1")).unwrap();
    std::fs::write(dir.join("districts/OL1/index.html"), "<h1>OL1</h1>").unwrap();
    let server = Server::start(&dir, "127.0.0.1:0").unwrap();
    for typed in ["ol1", "OL1%200", "OL1+0AB"] {
        let answer = get(server.addr(), &format!("/districts?district={typed}"));
        assert_eq!(
            (answer.status, answer.header("location")),
            (303, Some("/districts/OL1")),
            "{typed}"
        );
    }
    // A district with no page of its own (no services) leads to the list of districts.
    assert_eq!(
        get(server.addr(), "/districts?district=OL2").header("location"),
        Some("/districts")
    );
    assert_eq!(get(server.addr(), "/districts/OL1").text(), "<h1>OL1</h1>");
    // A route with no page of its own gets the app's plain page; a missing file with an
    // extension is not found.
    assert_eq!(
        resolve(&dir, "/search?postcode=x"),
        Some(dir.join("app.html"))
    );
    assert_eq!(get(server.addr(), "/compare").text(), "<h1>plain app</h1>");
    assert_eq!(resolve(&dir, "/data/services.json"), None);
}

#[test]
fn an_oversized_request_head_is_refused() {
    let server = Server::start(site("limits"), "127.0.0.1:0").unwrap();
    let huge = format!("X-Padding: {}\r\n", "a".repeat(40 * 1024));
    assert_eq!(get_with(server.addr(), "/", &huge).status, 431);
}

#[test]
fn a_client_sending_one_byte_every_9_seconds_is_cut_off() {
    let server = Server::start(site("slow-head"), "127.0.0.1:0").unwrap();
    let header_timeout = Limits::default().header_timeout;
    let mut slow = TcpStream::connect(server.addr()).unwrap();
    let started = Instant::now();
    let mut sent = 0;
    for byte in b"GET / HTTP/1.1\r\n\r\n" {
        if slow.write_all(&[*byte]).is_err() {
            break;
        }
        sent += 1;
        std::thread::sleep(Duration::from_secs(9));
        // Closed by the server: a read now ends at once.
        slow.set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        if matches!(slow.read(&mut [0; 64]), Ok(0) | Err(_)) && started.elapsed() > header_timeout {
            break;
        }
    }
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    assert!(
        rest.is_empty() && sent == 2,
        "sent {sent} bytes, got {:?}",
        String::from_utf8_lossy(&rest)
    );
    assert!(
        started.elapsed() < header_timeout * 2,
        "{:?}",
        started.elapsed()
    );
}

fn quick() -> Limits {
    Limits {
        max_connections: 2,
        header_timeout: Duration::from_millis(800),
        response_timeout: Duration::from_millis(800),
    }
}

#[test]
fn a_reader_too_slow_to_take_the_whole_file_is_cut_off() {
    let root = site("slow-read");
    let big = vec![b'x'; 16 << 20];
    std::fs::write(root.join("big.wasm"), &big).unwrap();
    let server = Server::start_with(&root, "127.0.0.1:0", quick()).unwrap();
    let mut slow = TcpStream::connect(server.addr()).unwrap();
    slow.write_all(b"GET /big.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut head = [0; 12];
    slow.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200");
    // It reads nothing for longer than the response may take, then tries to take the rest:
    // the server has reset the connection, discarding what was still waiting to be sent.
    std::thread::sleep(Duration::from_millis(2500));
    let mut rest = Vec::new();
    let ended = slow.read_to_end(&mut rest);
    assert!(rest.len() < big.len() / 2, "{} bytes", rest.len());
    assert_eq!(
        ended.map_err(|e| e.kind()).err(),
        Some(std::io::ErrorKind::ConnectionReset)
    );
}

#[test]
fn beyond_the_connection_limit_accepting_waits() {
    let server = Server::start_with(
        site("full"),
        "127.0.0.1:0",
        Limits {
            header_timeout: Duration::from_secs(30),
            ..quick()
        },
    )
    .unwrap();
    let first = TcpStream::connect(server.addr()).unwrap();
    let _second = TcpStream::connect(server.addr()).unwrap();
    let mut third = TcpStream::connect(server.addr()).unwrap();
    third
        .write_all(b"GET /data/manifest.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    third
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    assert!(
        third.read(&mut [0; 64]).is_err(),
        "answered while two connections held every slot"
    );
    drop(first);
    third
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut answer = Vec::new();
    third.read_to_end(&mut answer).unwrap();
    assert_eq!(
        parse(&answer).map(|r| (r.status, r.text())),
        Some((200, "{}".to_string()))
    );
}

#[test]
fn offline_drops_new_connections_and_requests_on_open_ones() {
    let server = Server::start(site("offline"), "127.0.0.1:0").unwrap();
    let mut kept = TcpStream::connect(server.addr()).unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    kept.write_all(b"GET /data/manifest.json HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(
        read_reply(&mut kept).map(|r| (r.status, r.text())),
        Some((200, "{}".to_string()))
    );
    server.set_offline(true);
    assert!(exchange(server.addr(), b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").is_empty());
    let _ = kept.write_all(b"GET /data/manifest.json HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut rest = Vec::new();
    let _ = kept.read_to_end(&mut rest);
    assert!(rest.is_empty(), "{:?}", String::from_utf8_lossy(&rest));
    server.set_offline(false);
    assert_eq!(get(server.addr(), "/data/manifest.json").status, 200);
}

#[test]
fn a_busy_port_is_reported_as_such_and_a_dropped_server_stops() {
    let root = site("busy");
    let first = Server::start(&root, "127.0.0.1:0").unwrap();
    let err = Server::start(&root, &first.addr().to_string())
        .err()
        .unwrap();
    assert_eq!(err.kind(), std::io::ErrorKind::AddrInUse);
    let addr = first.addr();
    drop(first);
    std::thread::sleep(Duration::from_millis(200));
    assert!(TcpStream::connect(addr).is_err());
}

#[tokio::test]
async fn the_server_starts_from_inside_another_runtime_as_the_journeys_start_it() {
    let server = Server::start(site("in-runtime"), "127.0.0.1:0").unwrap();
    let addr = server.addr();
    let reply = tokio::task::spawn_blocking(move || get(addr, "/data/manifest.json"))
        .await
        .unwrap();
    assert_eq!(reply.text(), "{}");
}
