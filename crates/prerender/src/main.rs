//! carefinder-prerender: writes the app's pages as static HTML beside the built app, so they
//! work without JavaScript. Run after Trunk has built `dist/` and the dataset is in place.
//!
//! usage: carefinder-prerender --dist DIR [--data DIR]
//!   --dist  the built app (Trunk's output); pages are written into it
//!   --data  the dataset folder (default: DIR/data)

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use carefinder::prerender::{render_site, SiteData, StaticPage, ANY_ROUTE};
use carefinder_core::dataset::{provider_details_path, Manifest, DISTRICTS_PATH, PATHWAYS_PATH, PROVIDERS_PATH, REFERENCE_PATH};
use carefinder_core::provider::ProviderSummary;

/// Trunk's page with nothing rendered in it; kept so a second run starts from it again.
const SHELL: &str = "shell.html";
/// Every route that is not pre-rendered (search, compare, costs...) is answered with this page.
const FALLBACK: &str = "app.html";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("carefinder-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut dist = None;
    let mut data = None;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--dist" => dist = Some(PathBuf::from(value)),
            "--data" => data = Some(PathBuf::from(value)),
            other => return Err(format!("unknown option {other} (see the usage at the top of crates/prerender/src/main.rs)")),
        }
    }
    let dist = dist.ok_or("give --dist, the built app folder")?;
    let data = data.unwrap_or_else(|| dist.join("data"));
    let started = Instant::now();
    let shell = shell(&dist)?;
    let site = load(&data)?;
    let pages = render_site(&site);
    let (mut bytes, mut largest) = (0, 0);
    for page in &pages {
        let html = fill(&shell, page);
        bytes += html.len();
        largest = largest.max(html.len());
        let target = target(&dist, &page.path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("could not create {}: {e}", dir.display()))?;
        }
        std::fs::write(&target, html).map_err(|e| format!("could not write {}: {e}", target.display()))?;
    }
    println!(
        "Pre-rendered {} pages ({} KB, largest {} KB) into {} in {} ms.",
        pages.len(),
        bytes / 1024,
        largest / 1024,
        dist.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// The page Trunk wrote, before any pre-rendering (index.html is replaced by the home page).
fn shell(dist: &Path) -> Result<String, String> {
    let index = dist.join("index.html");
    let text = std::fs::read_to_string(&index).map_err(|e| format!("{}: cannot be read ({e}); build the app first", index.display()))?;
    if !text.contains("id=\"prerendered\"") {
        std::fs::write(dist.join(SHELL), &text).map_err(|e| format!("could not write {SHELL}: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(dist.join(SHELL)).map_err(|e| format!("{} is already pre-rendered and {SHELL} cannot be read ({e}): rebuild the app", index.display()))
}

fn load(data: &Path) -> Result<SiteData, String> {
    let read = |path: &str| std::fs::read_to_string(data.join(path)).map_err(|e| format!("{}: cannot be read ({e})", data.join(path).display()));
    let parse_error = |path: &str, e: serde_json::Error| format!("{}: {e}", data.join(path).display());
    let manifest = Manifest::from_json(&read("manifest.json")?).map_err(|e| format!("{}: {e}", data.join("manifest.json").display()))?;
    let index: Vec<ProviderSummary> = serde_json::from_str(&read(PROVIDERS_PATH)?).map_err(|e| parse_error(PROVIDERS_PATH, e))?;
    let mut districts: Vec<&str> = index.iter().map(|p| p.district.as_str()).collect();
    districts.sort();
    districts.dedup();
    let mut services = Vec::with_capacity(index.len());
    for d in districts {
        let path = provider_details_path(d);
        let records: Vec<carefinder_core::provider::Provider> = serde_json::from_str(&read(&path)?).map_err(|e| parse_error(&path, e))?;
        services.extend(records);
    }
    services.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(SiteData {
        reference: Some(serde_json::from_str(&read(REFERENCE_PATH)?).map_err(|e| parse_error(REFERENCE_PATH, e))?),
        pathways: serde_json::from_str(&read(PATHWAYS_PATH)?).map_err(|e| parse_error(PATHWAYS_PATH, e))?,
        centroids: serde_json::from_str(&read(DISTRICTS_PATH)?).map_err(|e| parse_error(DISTRICTS_PATH, e))?,
        today: manifest.generated_at.chars().take(10).collect(),
        manifest,
        index,
        services,
    })
}

/// Where a page is served from: `/provider/1-123` is `provider/1-123/index.html`.
fn target(dist: &Path, path: &str) -> PathBuf {
    match path {
        ANY_ROUTE => dist.join(FALLBACK),
        "/" => dist.join("index.html"),
        p => dist.join(p.trim_start_matches('/')).join("index.html"),
    }
}

/// The shell with this page's title, and its markup in place of the empty body.
fn fill(shell: &str, page: &StaticPage) -> String {
    let title = format!("<title>{}</title>", escape(&page.title));
    let body = format!(
        "<body class=\"has-prerendered\">\n<div id=\"prerendered\" data-path=\"{}\">{}</div>\n</body>",
        escape(&page.path),
        page.body
    );
    let with_title = shell.replacen("<title>carefinder</title>", &title, 1);
    match (with_title.find("<body>"), with_title.rfind("</body>")) {
        (Some(start), Some(end)) => format!("{}{body}{}", &with_title[..start], &with_title[end + "</body>".len()..]),
        _ => with_title,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
