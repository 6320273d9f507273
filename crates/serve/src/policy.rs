//! What the server says about each file: its type, how long it may be cached, and for pages the
//! Content-Security-Policy. Deployments should send the same headers (see the README).

use std::path::Path;

use sha2::{Digest, Sha256};

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "tsv" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Trunk names built assets `name-<16 hex digits>.ext`: their content never changes under that
/// name, so browsers may keep them for a year. Everything else is revalidated each time.
pub fn cache_control(path: &Path) -> &'static str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem.rsplit_once('-').is_some_and(|(_, h)| h.len() == 16 && h.chars().all(|c| c.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Whether an Accept-Encoding value (lower case) allows `encoding`: listed, or "*", and not
/// refused with "q=0".
pub fn accepts_encoding(accept_encoding: &str, encoding: &str) -> bool {
    let mut star = false;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let q = parts.find_map(|p| p.strip_prefix("q=")).map_or(1.0, |q| q.parse::<f32>().unwrap_or(0.0));
        if name == encoding {
            return q > 0.0;
        }
        star |= name == "*" && q > 0.0;
    }
    star
}

/// A strict policy: only this site's own files; no inline script except Trunk's loader, allowed
/// by its hash; `'wasm-unsafe-eval'` because compiling WebAssembly needs it; no framing.
pub fn content_security_policy(html: &str) -> String {
    let hashes: Vec<String> = inline_scripts(html).map(|s| format!("'sha256-{}'", base64(&Sha256::digest(s.as_bytes())))).collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        hashes.join(" ")
    )
}

/// The text of every `<script>` without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attrs, body) = rest.split_once('>')?;
        if attrs.contains("src=") {
            return None;
        }
        body.split_once("</script>").map(|(script, _)| script)
    })
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_refused_with_q_0_are_not_used() {
        assert!(accepts_encoding("gzip, deflate, br, zstd", "br"));
        assert!(accepts_encoding("br;q=0.5, gzip", "br"));
        assert!(!accepts_encoding("br;q=0, gzip", "br"));
        assert!(!accepts_encoding("br ; q=0.0", "br"));
        assert!(!accepts_encoding("gzip", "br"));
        assert!(!accepts_encoding("brotli", "br"));
        assert!(accepts_encoding("*", "gzip"));
        assert!(!accepts_encoding("*;q=0", "gzip"));
        assert!(!accepts_encoding("", "gzip"));
    }

    #[test]
    fn base64_matches_the_rfc_4648_examples() {
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_loader_by_hash() {
        let html = "<head><script type=\"module\">import init from '/a.js';</script><script src=\"/x.js\"></script></head>";
        let csp = content_security_policy(html);
        // SHA-256 of the loader, worked out with `printf %s "..." | openssl dgst -sha256 -binary | base64`.
        assert!(csp.contains("'sha256-aOee+rvEUMphqlepW7nBjXpcT6aM6jxNXbtEv0XP738='"), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn only_hashed_asset_names_are_cached_for_long() {
        assert_eq!(cache_control(Path::new("carefinder-30b9860e1bfc6fbd_bg.wasm")), "public, max-age=31536000, immutable");
        assert_eq!(cache_control(Path::new("main-adadfe896362d023.css")), "public, max-age=31536000, immutable");
        assert_eq!(cache_control(Path::new("index.html")), "no-cache");
        assert_eq!(cache_control(Path::new("data/services.json")), "no-cache");
        assert_eq!(cache_control(Path::new("postcodes/care-home.json")), "no-cache");
    }
}
