//! A small static file server for carefinder's built `dist/` folder.
//!
//! Why not a general-purpose server: carefinder must run anywhere with nothing but its own build,
//! and the browser tests need the same server in-process on a free port. It answers GET and HEAD,
//! serves `index.html` for the app's client-side routes, and never reads outside its folder.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

/// A running server; it stops when the process ends.
pub struct Server {
    addr: SocketAddr,
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
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                thread::spawn(move || {
                    // A client that hangs up mid-request is not our problem to report.
                    let _ = handle(stream, &root);
                });
            }
        });
        Ok(Server { addr })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

fn handle(stream: TcpStream, root: &Path) -> io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes what we send.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(&mut out, 405, "text/plain; charset=utf-8", b"Method not allowed\n", method == "HEAD");
    }
    match resolve(root, target) {
        Some(path) => match std::fs::read(&path) {
            Ok(body) => respond(&mut out, 200, content_type(&path), &body, method == "HEAD"),
            Err(_) => respond(&mut out, 404, "text/plain; charset=utf-8", b"Not found\n", method == "HEAD"),
        },
        None => respond(&mut out, 404, "text/plain; charset=utf-8", b"Not found\n", method == "HEAD"),
    }
}

/// Maps a request path to a file. Paths without a file extension are the app's own routes
/// (e.g. `/provider/1-123`), so they get `index.html` and the app's router takes over.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
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
        Some(root.join("index.html"))
    } else {
        None
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

fn respond(out: &mut TcpStream, status: u16, content_type: &str, body: &[u8], head_only: bool) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    out.write_all(header.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn site() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("carefinder-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("index.html"), "<h1>app</h1>").unwrap();
        std::fs::write(dir.join("data/manifest.json"), "{}").unwrap();
        dir
    }

    fn get(server: &Server, path: &str) -> String {
        let mut s = TcpStream::connect(server.addr()).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn serves_files_routes_and_refuses_escapes() {
        let root = site();
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
    fn a_busy_port_is_reported_as_such() {
        let root = site();
        let first = Server::start(&root, "127.0.0.1:0").unwrap();
        let err = Server::start(&root, &first.addr().to_string()).err().unwrap();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
    }
}
