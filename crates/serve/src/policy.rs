//! The deployment rules in one place: which file answers each address, its type, how long it
//! may be cached, the district form's redirect, the Content-Security-Policy and the headers on
//! every response. Any other host should be configured to behave the same (see the README).

use std::path::{Component, Path, PathBuf};

/// Sent with every response: a page's address (which may hold a search) never goes to another
/// site in a Referer, and browsers never guess a type other than the one sent.
pub const EVERY_RESPONSE: [(&str, &str); 2] = [
    ("referrer-policy", "no-referrer"),
    ("x-content-type-options", "nosniff"),
];

/// Routes without a pre-rendered page get the app's plain page (`app.html`, written by the
/// pre-renderer), or Trunk's own page where nothing was pre-rendered.
const APP_PAGES: [&str; 2] = ["app.html", "index.html"];

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

pub fn is_page(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}

/// Trunk names built assets `name-<hash>.ext`, the hash a 64-bit number in hex without leading
/// zeros (so usually 16 digits, sometimes fewer): their content never changes under that name,
/// so browsers may keep them for a year. So may a dataset build's files (`data/<build>/...`): a
/// new build is a new folder, named by the manifest. Everything else is revalidated each time.
pub fn cache_control(path: &Path) -> &'static str {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hashed = stem.rsplit_once('-').is_some_and(|(_, h)| {
        (12..=16).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit())
    });
    let names: Vec<&str> = path.iter().filter_map(|c| c.to_str()).collect();
    let in_a_build = names
        .windows(2)
        .any(|w| w[0] == "data" && carefinder_core::dataset::is_build_name(w[1]));
    if hashed || in_a_build {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The Content-Security-Policy for every page: only this site's own files; no inline script
/// but Trunk's loader, allowed by its hash (`loader` is its SHA-256 in base64);
/// `'wasm-unsafe-eval'` because compiling WebAssembly needs it; no framing.
pub fn content_security_policy(loader: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{loader}'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Maps a request's path (and query) to the file that answers it, or `None` (not found).
/// A folder answers with its `index.html` (the pre-rendered pages, e.g. `/provider/1-123`);
/// other paths without a file extension are the app's own routes (e.g. `/search`) and get the
/// app's page. Nothing outside `root` is ever named: not through `..`, encoded or not, and not
/// through a symbolic link inside `root` that points out of it.
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
        return inside(root, &file).then_some(file);
    }
    if file.extension().is_some() {
        return None;
    }
    APP_PAGES
        .iter()
        .map(|page| root.join(page))
        .find(|page| page.is_file() && inside(root, page))
}

/// Whether `file`, with every symbolic link followed, is still inside `root`.
fn inside(root: &Path, file: &Path) -> bool {
    match (root.canonicalize(), file.canonicalize()) {
        (Ok(root), Ok(file)) => file.starts_with(root),
        _ => false,
    }
}

/// The district form on pre-rendered pages works without JavaScript by asking the site for
/// `/districts?district=NR2`; the answer is a 303 to that district's page. Only a district is
/// ever sent (the form asks for one); a full postcode is cut to its district and never echoed.
pub fn district_redirect(target: &str) -> Option<String> {
    let query = target.strip_prefix("/districts?")?;
    let typed = carefinder_core::query::value(query, "district")?;
    Some(match carefinder_core::postcode::district_for(&typed) {
        Some(district) => format!("/districts/{district}"),
        None => "/districts".to_string(),
    })
}

/// Where the district form leads in the folder `root`: the district's own page when it has one,
/// else the list of districts (a district with no services has no page).
pub fn district_location(root: &Path, target: &str) -> Option<String> {
    let location = district_redirect(target)?;
    let page = Path::new(&location[1..]).join("index.html");
    let has_page = resolve(root, &location).is_some_and(|found| found.ends_with(&page));
    Some(if has_page {
        location
    } else {
        "/districts".to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_asset_names_are_cached_for_long() {
        assert_eq!(
            cache_control(Path::new("carefinder-30b9860e1bfc6fbd_bg.wasm")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_control(Path::new("main-adadfe896362d023.css")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control(Path::new("index.html")), "no-cache");
        assert_eq!(cache_control(Path::new("data/services.json")), "no-cache");
        assert_eq!(
            cache_control(Path::new("/srv/dist/data/manifest.json")),
            "no-cache"
        );
        assert_eq!(
            cache_control(Path::new(
                "/srv/dist/data/0123456789abcdef/services/OL.json"
            )),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_control(Path::new("/srv/dist/data/0123456789ABCDEF/services.json")),
            "no-cache"
        );
        assert_eq!(
            cache_control(Path::new("/srv/dist/0123456789abcdef/services.json")),
            "no-cache"
        );
        assert_eq!(
            cache_control(Path::new("postcodes/care-home.json")),
            "no-cache"
        );
        // Trunk drops a hash's leading zeros (one in sixteen builds has a 15-digit hash).
        assert_eq!(
            cache_control(Path::new("main-fcd02dba3283311.css")),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control(Path::new("main-adadfe89636.css")), "no-cache");
        assert_eq!(cache_control(Path::new("care-beef.json")), "no-cache");
    }

    #[test]
    fn the_policy_allows_one_hash_and_nothing_inline_or_elsewhere() {
        let csp = content_security_policy("abc=");
        assert!(
            csp.starts_with(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='; "
            ),
            "{csp}"
        );
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn the_district_form_is_reduced_to_a_district() {
        assert_eq!(
            district_redirect("/districts?district=nr2").as_deref(),
            Some("/districts/NR2")
        );
        assert_eq!(
            district_redirect("/districts?district=NR2+1AB").as_deref(),
            Some("/districts/NR2")
        );
        assert_eq!(
            district_redirect("/districts?district=OL1%200").as_deref(),
            Some("/districts/OL1")
        );
        assert_eq!(
            district_redirect("/districts?district=%3Cscript%3E").as_deref(),
            Some("/districts")
        );
        assert_eq!(district_redirect("/districts"), None);
        assert_eq!(district_redirect("/districts/OL1"), None);
        assert_eq!(district_redirect("/search?district=NR2"), None);
        // The first district sent counts; one that cannot be read leads to the list.
        assert_eq!(
            district_redirect("/districts?x=1&district=pe30&district=NR2").as_deref(),
            Some("/districts/PE30")
        );
        assert_eq!(
            district_redirect("/districts?district=%zz").as_deref(),
            Some("/districts")
        );
        assert_eq!(
            district_redirect("/districts?district=").as_deref(),
            Some("/districts")
        );
    }

    #[test]
    fn the_wasm_module_has_the_type_browsers_compile_from() {
        assert_eq!(
            content_type(Path::new("carefinder-30b9860e1bfc6fbd_bg.wasm")),
            "application/wasm"
        );
        assert_eq!(
            content_type(Path::new("data/manifest.json")),
            "application/json"
        );
        assert_eq!(
            content_type(Path::new("no-extension")),
            "application/octet-stream"
        );
    }
}
