//! The normal client: one plain HTTP/1.1 GET on a new connection, timed to its last byte.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// No single request may hold the bench up for longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Fetched {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
    pub took: Duration,
}

/// GETs `path` as a browser would (taking brotli or gzip), on a connection closed after it.
pub async fn get(addr: SocketAddr, path: &str) -> Result<Fetched, String> {
    let started = Instant::now();
    let exchange = async {
        let mut stream = TcpStream::connect(addr)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept-Encoding: br, gzip\r\nConnection: close\r\n\r\n");
        stream
            .write_all(request.as_bytes())
            .await
            .map_err(|e| format!("send: {e}"))?;
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .await
            .map_err(|e| format!("read: {e}"))?;
        Ok::<_, String>(raw)
    };
    let raw = tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .map_err(|_| "timed out".to_string())??;
    let took = started.elapsed();
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no response head")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let status = head
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))?;
    Ok(Fetched {
        status,
        head,
        body: raw[end + 4..].to_vec(),
        took,
    })
}

/// The app's wasm module as the page names it (Trunk's loader and its preload link).
pub fn wasm_path(page: &str) -> Option<String> {
    let end = page.find(".wasm")? + ".wasm".len();
    let start =
        page[..end].rfind(|c: char| !(c.is_ascii_alphanumeric() || "_./-".contains(c)))? + 1;
    Some(page[start..end].to_string()).filter(|p| p.starts_with('/'))
}

/// The p50 and p95 of some durations, in milliseconds (nearest rank).
pub fn percentiles(times: &mut [Duration]) -> (f64, f64) {
    times.sort();
    let at = |p: f64| {
        times
            .get(((p * times.len() as f64).ceil() as usize).saturating_sub(1))
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    (at(0.50), at(0.95))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_module_is_found_in_trunks_loader() {
        let page = "<script type=\"module\">\nimport init from '/carefinder-ec41aed1c408e656.js';\nconst wasm = await init({ module_or_path: '/carefinder-ec41aed1c408e656_bg.wasm' });</script>";
        assert_eq!(
            wasm_path(page).as_deref(),
            Some("/carefinder-ec41aed1c408e656_bg.wasm")
        );
        assert_eq!(wasm_path("<p>no module</p>"), None);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut times: Vec<Duration> = (1..=20).rev().map(Duration::from_millis).collect();
        assert_eq!(percentiles(&mut times), (10.0, 19.0));
    }
}
