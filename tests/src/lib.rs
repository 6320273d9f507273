//! Harness for real-browser journeys: serves a built copy of the app with a chosen dataset on a
//! free loopback port (by carefinder-serve, or nginx: see server.rs), drives Debian's headless
//! Chromium through chromedriver, and on failure saves a screenshot and the browser console log
//! under target/journeys/<test name>/.

mod deploy;
pub mod reference;
mod server;
mod twins;

pub use twins::{journey_on, on_ci, shared_data, shared_data_dir};

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub type JourneyResult = Result<(), Box<dyn std::error::Error>>;

/// The workspace root (this crate lives in tests/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// Which dataset a site serves. scripts/test builds them into target/datasets/.
#[derive(Clone, Copy, Debug)]
pub enum Data {
    /// The README's default: real data from ../shared/data when present, else example data.
    Default,
    /// The project's synthetic example dataset.
    Example,
    /// No dataset at all, as when a deployment forgot to copy it.
    Missing,
    /// A manifest cut off half-way through.
    Corrupt,
}

/// A served copy of dist/ with one dataset.
pub struct Site {
    pub dir: PathBuf,
    server: server::Served,
}

impl Site {
    pub fn start(name: &str, data: Data) -> Site {
        let dist = root().join("dist");
        assert!(
            dist.join("index.html").is_file(),
            "dist/ is not built: run scripts/test, which builds it"
        );
        let dir = root().join("target/journeys/sites").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&dist, &dir);
        // dist/data may hold whichever dataset scripts/serve last built; each site chooses its own.
        let _ = std::fs::remove_dir_all(dir.join("data"));
        let datasets = root().join("target/datasets");
        match data {
            Data::Default => copy_dir(&datasets.join("default"), &dir.join("data")),
            Data::Example => copy_dir(&datasets.join("example"), &dir.join("data")),
            Data::Missing => {}
            Data::Corrupt => {
                copy_dir(&datasets.join("example"), &dir.join("data"));
                let manifest = dir.join("data/manifest.json");
                let text = std::fs::read(&manifest).expect("example manifest");
                std::fs::write(&manifest, &text[..text.len() / 2]).expect("write corrupt manifest");
            }
        }
        if matches!(data, Data::Default | Data::Example) {
            prerender(&dir);
        }
        let server = server::Served::start(&dir, name);
        Site { dir, server }
    }

    /// Serves any built app folder with any dataset folder (the benchmark's own builds).
    pub fn custom(name: &str, dist: &Path, data: &Path) -> Site {
        let dir = root().join("target/journeys/sites").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(dist, &dir);
        let _ = std::fs::remove_dir_all(dir.join("data"));
        copy_dir(data, &dir.join("data"));
        let server = server::Served::start(&dir, name);
        Site { dir, server }
    }

    /// Where the server logs what it was asked, if it logs at all.
    pub fn access_log(&self) -> Option<PathBuf> {
        self.server.access_log()
    }

    /// Makes the site unreachable (or reachable again), like switching the network off; only
    /// carefinder-serve can, so journeys that call this stay out of the nginx set.
    pub fn set_offline(&self, offline: bool) {
        self.server.set_offline(offline);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url())
    }
}

/// Writes the site's static pages, as scripts/serve does for the real site.
fn prerender(dir: &Path) {
    let tool = root().join("target/release/carefinder-prerender");
    assert!(
        tool.is_file(),
        "{} is not built: run scripts/test, which builds it",
        tool.display()
    );
    let out = Command::new(&tool)
        .arg("--dist")
        .arg(dir)
        .output()
        .expect("run carefinder-prerender");
    assert!(
        out.status.success(),
        "pre-rendering failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Copies a folder tree (a built site or a dataset).
pub fn copy_dir(from: &Path, to: &Path) {
    assert!(
        from.is_dir(),
        "{} does not exist: run scripts/test, which builds it",
        from.display()
    );
    std::fs::create_dir_all(to).expect("create site folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let path = entry.expect("folder entry").path();
        let target = to.join(path.file_name().expect("file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy file");
            // As a deployment's copy would: ETags, Last-Modified and the check that a compressed
            // copy is not older than its file all read the times.
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .expect("file time");
            std::fs::File::options()
                .write(true)
                .open(&target)
                .and_then(|f| f.set_modified(modified))
                .expect("keep the file time");
        }
    }
}

/// How a browser session behaves.
pub struct Session {
    /// When `goto` returns: "normal" (the load event), "eager" (DOMContentLoaded) or "none" (at
    /// once: the journey waits for what it needs, and may act on a half-loaded page).
    pub page_load: &'static str,
    /// How long a journey may take before it fails.
    pub time_limit: Duration,
    /// Record every request the page makes (chromedriver's performance log), for `requests`.
    pub record_requests: bool,
}

impl Default for Session {
    fn default() -> Session {
        Session {
            page_load: "normal",
            time_limit: Duration::from_secs(120),
            record_requests: false,
        }
    }
}

/// A headless Chromium session, with its own chromedriver.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    pub async fn start() -> Browser {
        Browser::start_with(&Session::default()).await
    }

    /// A session with its own settings (see `Session`).
    pub async fn start_with(session: &Session) -> Browser {
        // The free port can be taken (by another test's site) before chromedriver binds it: then
        // the session request reaches the wrong server, and a new port is tried.
        let mut last_error = String::new();
        for _ in 0..4 {
            let port = free_port();
            let mut driver = Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver is not installed: run scripts/setup --tests");
            match Browser::connect(port, session).await {
                Ok(client) => return Browser { client, driver },
                Err(e) => {
                    last_error = e;
                    let _ = driver.kill();
                }
            }
        }
        panic!("could not start a Chromium session: {last_error}");
    }

    async fn connect(port: u16, session: &Session) -> Result<Client, String> {
        let caps = json!({
            "pageLoadStrategy": session.page_load,
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1280,900"]
            },
            "goog:loggingPrefs": if session.record_requests { json!({ "browser": "ALL", "performance": "ALL" }) } else { json!({ "browser": "ALL" }) }
        });
        let caps = caps.as_object().expect("object").clone();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => return Ok(client),
                Err(e) if Instant::now() > deadline || e.to_string().contains("non-conformant") => {
                    return Err(e.to_string())
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Ends the session and its chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
    }

    /// Runs one journey; on failure saves a screenshot and the console log, then fails the test.
    pub async fn journey<F, Fut>(name: &str, steps: F)
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = JourneyResult>,
    {
        Browser::journey_with(name, &Session::default(), steps).await
    }

    /// `journey` in a session with its own settings.
    pub async fn journey_with<F, Fut>(name: &str, session: &Session, steps: F)
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = JourneyResult>,
    {
        let mut browser = Browser::start_with(session).await;
        let limit = session.time_limit;
        let outcome = tokio::time::timeout(limit, steps(browser.client.clone()))
            .await
            .unwrap_or_else(|_| {
                Err(format!("the journey took longer than {} s", limit.as_secs()).into())
            });
        if let Err(error) = &outcome {
            let saved = browser.save_evidence(name).await;
            let _ = browser.client.clone().close().await;
            let _ = browser.driver.kill();
            panic!("journey {name} failed: {error}\n{saved}");
        }
        let _ = browser.client.clone().close().await;
        let _ = browser.driver.kill();
    }

    async fn save_evidence(&self, name: &str) -> String {
        let dir = root().join("target/journeys").join(name);
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(dir.join("screenshot.png"), png);
        }
        let log = self
            .client
            .issue_cmd(BrowserLog("browser"))
            .await
            .unwrap_or(Value::Null);
        let _ = std::fs::write(
            dir.join("console.json"),
            serde_json::to_string_pretty(&log).unwrap_or_default(),
        );
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default();
        format!(
            "page: {url}\nscreenshot and console log saved in {}",
            dir.display()
        )
    }
}

/// Sends a Chrome DevTools Protocol command through chromedriver (to emulate a location,
/// grant or deny permissions, or emulate print media).
pub async fn cdp(
    client: &Client,
    cmd: &str,
    params: Value,
) -> Result<Value, fantoccini::error::CmdError> {
    client
        .issue_cmd(Cdp {
            body: json!({ "cmd": cmd, "params": params }),
        })
        .await
}

#[derive(Debug)]
struct Cdp {
    body: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or("")
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// chromedriver's (non-W3C) log endpoint: "browser" (the console) or "performance" (DevTools
/// events). Each call returns what was logged since the last.
#[derive(Debug)]
struct BrowserLog(&'static str);

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or("")))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// One request the browser made, as DevTools reported it: its URL and every header sent.
#[derive(Clone, Debug)]
pub struct Request {
    pub url: String,
    pub headers: Vec<(String, String)>,
}

/// The requests made since the last call, in a session started with `record_requests`. Both
/// DevTools events are read: the first has the URL, the second the headers actually sent
/// (Referer and cookies included).
pub async fn requests(client: &Client) -> Result<Vec<Request>, Box<dyn std::error::Error>> {
    let log = client.issue_cmd(BrowserLog("performance")).await?;
    let mut out = Vec::new();
    for entry in log.as_array().ok_or("the performance log is not a list")? {
        let event: Value = serde_json::from_str(entry["message"].as_str().unwrap_or("{}"))?;
        let (method, params) = (&event["message"]["method"], &event["message"]["params"]);
        let (url, headers) = match method.as_str() {
            Some("Network.requestWillBeSent") => (
                params["request"]["url"].as_str().unwrap_or_default(),
                &params["request"]["headers"],
            ),
            Some("Network.requestWillBeSentExtraInfo") => ("", &params["headers"]),
            _ => continue,
        };
        let headers = headers
            .as_object()
            .map(|h| {
                h.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        out.push(Request {
            url: url.to_string(),
            headers,
        });
    }
    Ok(out)
}

/// Every Cache Storage cache's name and the URL of every request it holds.
pub async fn cache_storage_keys(
    client: &Client,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        (async () => {
            const out = [];
            for (const name of await caches.keys()) {
                out.push('cache ' + name);
                for (const request of await (await caches.open(name)).keys()) out.push(request.url);
            }
            return out;
        })().then(done, e => done(['failed: ' + e]));
    "#;
    let found = client.execute_async(script, vec![]).await?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Whether the app is in charge: a pre-rendered page's static copy is gone (see src/takeover.rs).
pub async fn app_took_over(client: &Client) -> bool {
    client
        .find_all(Locator::Css("#prerendered"))
        .await
        .is_ok_and(|found| found.is_empty())
}

/// Waits until the app has taken over and the page's one h1 reads `expected` (the wasm app
/// renders after the page loads).
pub async fn wait_for_heading(client: &Client, expected: &str) -> JourneyResult {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < deadline {
        if !app_took_over(client).await {
            last = "(the pre-rendered page, not yet taken over)".into();
        } else if let Ok(h1) = client.find(Locator::Css("h1")).await {
            last = h1.text().await.unwrap_or_default();
            if last == expected {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("expected the h1 {expected:?}, but it read {last:?} after 15 s").into())
}

/// Text of every element matching a CSS selector.
pub async fn texts(client: &Client, css: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for el in client.find_all(Locator::Css(css)).await? {
        out.push(el.text().await?);
    }
    Ok(out)
}

/// Waits until the app has taken over and an element's text satisfies `ready`, returning that text.
pub async fn wait_for_text(
    client: &Client,
    css: &str,
    ready: impl Fn(&str) -> bool,
) -> Result<String, Box<dyn std::error::Error>> {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < deadline {
        if !app_took_over(client).await {
            last = "(the pre-rendered page, not yet taken over)".into();
        } else if let Ok(el) = client.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if ready(&last) {
                return Ok(last);
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(format!("{css} never became ready; it last read {last:?}").into())
}

/// Runs axe-core in the page for the WCAG 2.0, 2.1 and 2.2 A and AA rules; returns one line per
/// violation (rule, impact, and the first offending elements). scripts/setup installs axe-core.
pub async fn axe_violations(client: &Client) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let tools = std::env::var("CAREFINDER_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/carefinder")
        });
    let script = std::fs::read_to_string(tools.join("node/node_modules/axe-core/axe.min.js"))
        .map_err(|e| format!("axe-core is not installed ({e}): run scripts/setup --tests"))?;
    client.execute(&script, vec![]).await?;
    let run = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
          .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
          .catch(e => done(['axe failed: ' + e]));
    "#;
    let found = client.execute_async(run, vec![]).await?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

/// Fails with a readable message when `condition` is false.
pub fn check(condition: bool, message: impl Into<String>) -> JourneyResult {
    if condition {
        Ok(())
    } else {
        Err(message.into().into())
    }
}
