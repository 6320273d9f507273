//! What the server tests share: a built-app folder to serve, and a plain HTTP/1.1 client that
//! shows exactly what went over the wire.
#![allow(dead_code)] // each test file uses its own part

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

/// The one inline script of the test shell, and the policy a build writes for it.
pub const LOADER: &str = "import init from '/app-0123456789abcdef.js'; await init();";

/// A fresh folder holding a built app: its shell with one loader, csp.txt written from it as
/// the build does, and a data file.
pub fn site(name: &str) -> PathBuf {
    site_at(std::env::temp_dir().join(format!("carefinder-serve-{}-{name}", std::process::id())))
}

pub fn site_at(dir: PathBuf) -> PathBuf {
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let shell = format!("<html><head><script type=\"module\">{LOADER}</script></head><body><h1>app</h1></body></html>");
    std::fs::write(dir.join("index.html"), shell).unwrap();
    carefinder_serve::write_policy(&dir).unwrap();
    std::fs::write(dir.join("data/manifest.json"), "{}").unwrap();
    dir
}

/// One parsed response; header names are compared without regard to case, as HTTP says.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `raw` as it is, then reads until the server closes (or 5 s pass).
pub fn exchange(addr: SocketAddr, raw: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // A server that closes early may reset the connection; what arrived still counts.
    let _ = stream.write_all(raw);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    answer
}

/// GET `path` with extra header lines (each ending "\r\n"), on a connection closed after it.
pub fn get_with(addr: SocketAddr, path: &str, extra: &str) -> Reply {
    request(addr, "GET", path, extra)
}

pub fn get(addr: SocketAddr, path: &str) -> Reply {
    get_with(addr, path, "")
}

pub fn request(addr: SocketAddr, method: &str, path: &str, extra: &str) -> Reply {
    let raw = exchange(
        addr,
        format!("{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n")
            .as_bytes(),
    );
    parse(&raw).unwrap_or_else(|| {
        panic!(
            "no HTTP response to {method} {path}: {:?}",
            String::from_utf8_lossy(&raw)
        )
    })
}

pub fn parse(raw: &[u8]) -> Option<Reply> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()?
        .strip_prefix("HTTP/1.1 ")?
        .get(..3)?
        .parse()
        .ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_string(), v.trim().to_string()))
        .collect();
    Some(Reply {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    })
}

/// Reads one response on a kept-alive connection: its head, then as many bytes as it says.
pub fn read_reply(stream: &mut TcpStream) -> Option<Reply> {
    let mut raw = Vec::new();
    let mut byte = [0; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        raw.push(byte[0]);
    }
    let mut reply = parse(&raw)?;
    let length = reply
        .header("content-length")
        .map_or(Some(0), |l| l.parse().ok())?;
    reply.body = vec![0; length];
    stream.read_exact(&mut reply.body).ok()?;
    Some(reply)
}
