//! `search-bench POSTCODES LABEL=DIST,DATASET...`: the time from pressing Search to the first
//! page of results on screen, in headless Chromium, as a person meets it. For each app build
//! and dataset: "warm" is the median of six searches in a visit whose browser cache already
//! holds the postcode file; "cold" the median of five first searches of a visit with the
//! browser cache, the service worker and its stored files emptied, so the postcode file (and
//! whatever else the search needs) is fetched.
//! POSTCODES is a comma-separated list of postcodes in one area. Prints figures; asserts nothing.

use std::path::Path;

use carefinder_journeys::{cdp, wait_for_heading, Browser, Site};
use fantoccini::Client;
use serde_json::{json, Value};

/// Types the postcode, presses Search, and resolves with the milliseconds until the results
/// line names a new search and cards are drawn (two animation frames after, so painted).
const SEARCH_TO_SCREEN: &str = r#"
const [postcode, done] = arguments;
const status = () => (document.querySelector('.results-count') || {}).textContent || '';
const before = status();
document.getElementById('postcode').value = postcode;
const t0 = performance.now();
document.querySelector('form.search-form button[type=submit]').click();
const poll = () => {
  const now = status();
  if (now !== before && now.includes('within') && document.querySelector('.result')) {
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  } else if (performance.now() - t0 > 20000) {
    done(-1);
  } else {
    requestAnimationFrame(poll);
  }
};
poll();
"#;

async fn search(client: &Client, postcode: &str) -> f64 {
    client
        .execute_async(SEARCH_TO_SCREEN, vec![json!(postcode)])
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(-1.0)
}

async fn open_search(client: &Client, site: &Site) {
    client.goto(&site.url("/search")).await.expect("load");
    wait_for_heading(client, "Search for care services")
        .await
        .expect("the search page");
    // Let the page finish what it starts on arrival, as a person reading it would.
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
}

/// The median of the searches that showed results (a failed one is counted apart).
fn median(v: &[f64]) -> f64 {
    let mut shown: Vec<f64> = v.iter().copied().filter(|&t| t >= 0.0).collect();
    shown.sort_by(f64::total_cmp);
    shown.get(shown.len() / 2).copied().unwrap_or(f64::NAN)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (postcodes, runs) = args
        .split_first()
        .expect("usage: search-bench POSTCODES LABEL=DIST,DATASET...");
    let postcodes: Vec<&str> = postcodes.split(',').collect();
    assert!(postcodes.len() >= 2, "give at least two postcodes");
    println!("\nPress Search to results on screen, headless Chromium over localhost (median ms)");
    println!(
        "{:<34} {:>10} {:>10}   runs",
        "app and dataset", "warm", "cold"
    );
    for run in runs {
        let (label, paths) = run.split_once('=').expect("LABEL=DIST,DATASET");
        let (dist, data) = paths.split_once(',').expect("LABEL=DIST,DATASET");
        let folder: String = label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let site = Site::custom(
            &format!("search-bench-{folder}"),
            Path::new(dist),
            Path::new(data),
        );
        let browser = Browser::start().await;
        let client = &browser.client;
        // Warm: one search fills the cache, then six more, each from a different postcode.
        open_search(client, &site).await;
        search(client, postcodes[0]).await;
        let mut warm = Vec::new();
        for i in 0..6 {
            warm.push(search(client, postcodes[(i + 1) % postcodes.len()]).await);
        }
        // Cold: before each visit the HTTP cache emptied, and the service worker and the
        // files it keeps removed.
        let origin = site.url("");
        let mut cold = Vec::new();
        for _ in 0..5 {
            cdp(
                client,
                "Network.clearBrowserCache",
                Value::Object(Default::default()),
            )
            .await
            .expect("clear the cache");
            let stored = json!({"origin": origin, "storageTypes": "cache_storage,service_workers"});
            cdp(client, "Storage.clearDataForOrigin", stored)
                .await
                .expect("clear the service worker's files");
            open_search(client, &site).await;
            cold.push(search(client, postcodes[0]).await);
        }
        let failed = warm.iter().chain(&cold).filter(|&&t| t < 0.0).count();
        println!(
            "{:<34} {:>10.0} {:>10.0}   warm {:?}, cold {:?}{}",
            label,
            median(&warm),
            median(&cold),
            warm.iter().map(|t| t.round()).collect::<Vec<_>>(),
            cold.iter().map(|t| t.round()).collect::<Vec<_>>(),
            if failed > 0 {
                format!("; {failed} searches never showed results")
            } else {
                String::new()
            }
        );
        browser.close().await;
    }
}
