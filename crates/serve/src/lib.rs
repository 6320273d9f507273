//! A small static file server for carefinder's built `dist/` folder.
//!
//! Why not a general-purpose server: carefinder must run anywhere with nothing but its own build,
//! and the browser tests need the same server in-process on a free port. It answers GET and HEAD,
//! serves `index.html` for the app's client-side routes, and never reads outside its folder.

mod compress;
mod policy;

pub use compress::compress_folder;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// A running server; it stops when the process ends.
pub struct Server {
    addr: SocketAddr,
    offline: Arc<AtomicBool>,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) and serves `root` on background threads.
    pub fn start(root: impl Into<PathBuf>, addr: &str) -> io::Result<Server> {
        let root = root.into();
        if !root.join("index.html").is_file() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{} has no index.html: build the app first", root.display()),
            ));
        }
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let offline = Arc::new(AtomicBool::new(false));
        let dropping = offline.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if dropping.load(Ordering::Relaxed) {
                    continue; // dropped unanswered, as when the network is down
                }
                let root = root.clone();
                thread::spawn(move || {
                    // A client that hangs up mid-request is not our problem to report.
                    let _ = handle(stream, &root);
                });
            }
        });
        Ok(Server { addr, offline })
    }

    /// While offline, every connection is dropped unanswered (for testing offline use).
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::Relaxed);
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// A request head larger than this is refused: only GET and HEAD are served, with no body.
const MAX_HEAD_BYTES: u64 = 32 * 1024;
/// A client that stops sending mid-request loses its connection rather than holding a thread.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

fn handle(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_HEAD_BYTES));
    let mut request_line = String::new();
    let mut read = reader.read_line(&mut request_line)?;
    let mut accept_encoding = String::new();
    let mut line = String::new();
    let mut ended = false;
    while let n @ 1.. = reader.read_line(&mut line)? {
        read += n;
        if line.trim_end().is_empty() {
            ended = true;
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("accept-encoding") {
                accept_encoding = value.trim().to_ascii_lowercase();
            }
        }
        line.clear();
    }
    let mut out = stream;
    if !ended && read as u64 >= MAX_HEAD_BYTES {
        let text = ("Content-Type", "text/plain; charset=utf-8".to_string());
        respond(&mut out, 431, &[text], b"Request header fields too large\n", false)?;
        // Closing with unread bytes waiting would reset the connection and lose the answer:
        // read (and drop) a bounded amount of what the client is still sending first.
        out.shutdown(std::net::Shutdown::Write)?;
        return io::copy(&mut out.take(1 << 20), &mut io::sink()).map(drop);
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(&mut out, 405, &[("Content-Type", "text/plain; charset=utf-8".into())], b"Method not allowed\n", head_only);
    }
    if let Some(mut location) = district_redirect(target) {
        // A district with no page (no services there) goes to the list of those that have one.
        if resolve(root, &location).is_none_or(|page| !page.ends_with(Path::new(&location[1..]).join("index.html"))) {
            location = "/districts".into();
        }
        return respond(&mut out, 303, &[("Location", location)], b"", head_only);
    }
    let not_found = |out: &mut TcpStream| respond(out, 404, &[("Content-Type", "text/plain; charset=utf-8".into())], b"Not found\n", head_only);
    let Some(path) = resolve(root, target) else { return not_found(&mut out) };
    let Ok(plain) = std::fs::read(&path) else { return not_found(&mut out) };
    let mut headers = vec![
        ("Content-Type", policy::content_type(&path).to_string()),
        ("Cache-Control", policy::cache_control(&path).to_string()),
        ("Vary", "Accept-Encoding".to_string()),
    ];
    if path.extension().is_some_and(|e| e == "html") {
        headers.push(("Content-Security-Policy", policy::content_security_policy(&String::from_utf8_lossy(&plain))));
    }
    // Serve the pre-compressed copy written at build time when the browser accepts it, and it
    // is not older than the file itself (an edited file makes its old copies stale).
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    for (encoding, suffix) in [("br", "br"), ("gzip", "gz")] {
        if policy::accepts_encoding(&accept_encoding, encoding) {
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".{suffix}"));
            let copy = PathBuf::from(name);
            if modified(&copy) < modified(&path) {
                continue;
            }
            if let Ok(body) = std::fs::read(&copy) {
                headers.push(("Content-Encoding", encoding.to_string()));
                return respond(&mut out, 200, &headers, &body, head_only);
            }
        }
    }
    respond(&mut out, 200, &headers, &plain, head_only)
}

/// Maps a request path to a file. Paths without a file extension are the app's own routes
/// (e.g. `/provider/1-123`), so they get `index.html` and the app's router takes over.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    // A path that cannot be decoded exactly ("%zz", "%+A") names no file: not found.
    let decoded = carefinder_core::query::decode_strict(path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            // "..", absolute or prefixed parts would escape the folder.
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    if file.is_file() {
        Some(file)
    } else if file.extension().is_none() {
        // Routes that were not pre-rendered get the app's plain page when there is one.
        let fallback = root.join("app.html");
        Some(if fallback.is_file() { fallback } else { root.join("index.html") })
    } else {
        None
    }
}

/// The district form on pre-rendered pages works without JavaScript by asking the site for
/// `/districts?district=NR2`; the answer is that district's page. Only a district is ever sent
/// (the form asks for one); a full postcode is cut to its district and never echoed back.
pub fn district_redirect(target: &str) -> Option<String> {
    let query = target.strip_prefix("/districts?")?;
    let typed = carefinder_core::query::value(query, "district")?;
    Some(match carefinder_core::postcode::district_for(&typed) {
        Some(district) => format!("/districts/{district}"),
        None => "/districts".to_string(),
    })
}

fn respond(out: &mut TcpStream, status: u16, headers: &[(&str, String)], body: &[u8], head_only: bool) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        303 => "See Other",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Request Header Fields Too Large",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head += &format!("{name}: {value}\r\n");
    }
    head += "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("carefinder-serve-test-{}-{name}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("index.html"), "<h1>app</h1>").unwrap();
        std::fs::write(dir.join("data/manifest.json"), "{}").unwrap();
        dir
    }

    fn get(server: &Server, path: &str) -> String {
        get_with(server, path, "")
    }

    fn get_with(server: &Server, path: &str, extra: &str) -> String {
        let mut s = TcpStream::connect(server.addr()).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n{extra}\r\n").unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn serves_files_routes_and_refuses_escapes() {
        let root = site("files");
        let server = Server::start(&root, "127.0.0.1:0").unwrap();
        let manifest = get(&server, "/data/manifest.json");
        assert!(manifest.starts_with("HTTP/1.1 200") && manifest.contains("application/json") && manifest.ends_with("{}"));
        let route = get(&server, "/provider/1-123?x=1");
        assert!(route.starts_with("HTTP/1.1 200") && route.ends_with("<h1>app</h1>"), "{route}");
        assert!(get(&server, "/data/missing.json").starts_with("HTTP/1.1 404"));
        assert!(get(&server, "/../Cargo.toml").starts_with("HTTP/1.1 404"));
        assert!(get(&server, "/%2e%2e/Cargo.toml").starts_with("HTTP/1.1 404"));
    }

    #[test]
    fn a_path_that_cannot_be_decoded_exactly_names_no_file() {
        let root = site("escapes");
        std::fs::write(root.join("a+b.txt"), "plus").unwrap();
        std::fs::write(root.join("c d.txt"), "space").unwrap();
        let server = Server::start(&root, "127.0.0.1:0").unwrap();
        // Without an extension these would be app routes, so a 404 here means the path was refused.
        for bad in ["/search%+A", "/search%zz", "/search%4", "/search%FF"] {
            let answer = get(&server, bad);
            assert!(answer.starts_with("HTTP/1.1 404"), "{bad}: {answer}");
        }
        // In a path '+' is a plus; only %20 is a space.
        assert!(get(&server, "/a+b.txt").ends_with("plus"));
        assert!(get(&server, "/a%2Bb.txt").ends_with("plus"));
        assert!(get(&server, "/c%20d.txt").ends_with("space"));
        assert!(get(&server, "/c+d.txt").starts_with("HTTP/1.1 404"));
    }

    #[test]
    fn pages_carry_a_csp_and_compressed_copies_are_served_when_accepted() {
        let root = site("csp");
        std::fs::write(root.join("index.html"), "<script type=\"module\">go()</script><h1>app</h1>").unwrap();
        std::fs::write(root.join("app-0123456789abcdef.js"), "plain").unwrap();
        std::fs::write(root.join("app-0123456789abcdef.js.br"), "brotli bytes").unwrap();
        let server = Server::start(&root, "127.0.0.1:0").unwrap();
        let page = get(&server, "/search");
        assert!(page.contains("Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{page}");
        let br = get_with(&server, "/app-0123456789abcdef.js", "Accept-Encoding: gzip, deflate, br\r\n");
        assert!(br.contains("Content-Encoding: br") && br.ends_with("brotli bytes") && br.contains("immutable"), "{br}");
        let plain = get_with(&server, "/app-0123456789abcdef.js", "Accept-Encoding: gzip\r\n");
        assert!(!plain.contains("Content-Encoding") && plain.ends_with("plain"), "{plain}");
        // Editing the file makes its compressed copy stale: the plain file is served instead.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(root.join("app-0123456789abcdef.js"), "edited").unwrap();
        let edited = get_with(&server, "/app-0123456789abcdef.js", "Accept-Encoding: br\r\n");
        assert!(!edited.contains("Content-Encoding") && edited.ends_with("edited"), "{edited}");
    }

    #[test]
    fn an_oversized_request_head_is_refused_and_a_silent_client_is_let_go() {
        let server = Server::start(site("limits"), "127.0.0.1:0").unwrap();
        let huge = format!("X-Padding: {}\r\n", "a".repeat(40 * 1024));
        assert!(get_with(&server, "/", &huge).starts_with("HTTP/1.1 431 "));
        // A client that connects and sends nothing is cut off after the read timeout.
        let mut idle = TcpStream::connect(server.addr()).unwrap();
        let started = std::time::Instant::now();
        let mut buf = Vec::new();
        let _ = idle.read_to_end(&mut buf);
        assert!(started.elapsed() >= READ_TIMEOUT && started.elapsed() < READ_TIMEOUT * 3, "{:?}", started.elapsed());
    }

    #[test]
    fn the_district_form_without_javascript_leads_to_the_district_page() {
        assert_eq!(district_redirect("/districts?district=nr2").as_deref(), Some("/districts/NR2"));
        assert_eq!(district_redirect("/districts?district=NR2+1AB").as_deref(), Some("/districts/NR2"));
        assert_eq!(district_redirect("/districts?district=OL1%200").as_deref(), Some("/districts/OL1"));
        assert_eq!(district_redirect("/districts?district=%3Cscript%3E").as_deref(), Some("/districts"));
        assert_eq!(district_redirect("/districts"), None);
        assert_eq!(district_redirect("/search?district=NR2"), None);
        // The first district sent counts; one that cannot be read leads to the list.
        assert_eq!(district_redirect("/districts?x=1&district=pe30&district=NR2").as_deref(), Some("/districts/PE30"));
        assert_eq!(district_redirect("/districts?district=%zz").as_deref(), Some("/districts"));
        assert_eq!(district_redirect("/districts?district=").as_deref(), Some("/districts"));
        let dir = site("routes");
        std::fs::write(dir.join("app.html"), "<h1>app</h1>").unwrap();
        std::fs::create_dir_all(dir.join("districts/OL1")).unwrap();
        std::fs::write(dir.join("districts/OL1/index.html"), "<h1>OL1</h1>").unwrap();
        let server = Server::start(&dir, "127.0.0.1:0").unwrap();
        for typed in ["ol1", "OL1%200", "OL1+0AB"] {
            let answer = get(&server, &format!("/districts?district={typed}"));
            assert!(answer.starts_with("HTTP/1.1 303 ") && answer.contains("Location: /districts/OL1\r\n"), "{typed}: {answer}");
        }
        // A district with no page of its own (no services) leads to the list of districts.
        let answer = get(&server, "/districts?district=OL2");
        assert!(answer.contains("Location: /districts\r\n"), "{answer}");
        // A route with no page of its own gets the app's plain page.
        assert_eq!(resolve(&dir, "/search?postcode=x"), Some(dir.join("app.html")));
    }

    #[test]
    fn a_busy_port_is_reported_as_such() {
        let root = site("busy");
        let first = Server::start(&root, "127.0.0.1:0").unwrap();
        let err = Server::start(&root, &first.addr().to_string()).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
    }
}
