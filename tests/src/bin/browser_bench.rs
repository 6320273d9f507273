//! `browser-bench DIST DATASET...`: for each dataset, serves the bench build with it and, in
//! headless Chromium, measures time from navigation to the app being ready and to the first
//! results, then search times through the app's benchmark hook. Prints figures; asserts nothing.

use std::path::PathBuf;
use std::time::Duration;

use carefinder_journeys::{wait_for_text, Browser, Site};
use serde_json::{json, Value};

async fn mark(client: &fantoccini::Client, name: &str) -> f64 {
    let script = format!("const e = performance.getEntriesByName('{name}'); return e.length ? e[0].startTime : -1;");
    client.execute(&script, vec![]).await.ok().and_then(|v| v.as_f64()).unwrap_or(-1.0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dist, datasets) = args.split_first().expect("usage: browser-bench DIST DATASET...");
    let dist = PathBuf::from(dist);
    println!("\nIn headless Chromium (localhost, median of 5 loads for timings to first results)");
    println!("{:<26} {:>9} {:>10} {:>14} {:>9} {:>16} {:>16}", "dataset", "services", "ready ms", "results ms", "parse ms", "5 mi p50/p95", "25 mi p50/p95");
    for data in datasets {
        let data = PathBuf::from(data);
        let name = data.file_name().unwrap().to_string_lossy().into_owned();
        let site = Site::custom(&format!("bench-{name}"), &dist, &data);
        let browser = Browser::start().await;
        let client = &browser.client;
        let (mut ready, mut results) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            client.goto(&site.url("/search?postcode=OL1+1AA&distance=5")).await.expect("load");
            wait_for_text(client, ".results-count", |t| t.contains("within")).await.expect("results");
            ready.push(mark(client, "carefinder:ready").await);
            results.push(mark(client, "carefinder:results").await);
        }
        let run = client
            .execute_async(
                "const [n, done] = arguments; window.wasmBindings.bench_search(n).then(done, e => done('error: ' + e));",
                vec![json!(1000)],
            )
            .await
            .expect("bench hook");
        let stats: Value = serde_json::from_str(run.as_str().unwrap_or("{}")).unwrap_or(Value::Null);
        let f = |k: &str| stats[k].as_f64().unwrap_or(f64::NAN);
        let med = |mut v: Vec<f64>| {
            v.sort_by(|a, b| a.total_cmp(b));
            v[v.len() / 2]
        };
        println!(
            "{:<26} {:>9} {:>10.0} {:>14.0} {:>9.1} {:>16} {:>16}",
            name,
            stats["providers"],
            med(ready),
            med(results),
            f("parse_ms"),
            format!("{:.3}/{:.3}", f("p50_5mi_ms"), f("p95_5mi_ms")),
            format!("{:.3}/{:.3}", f("p50_25mi_ms"), f("p95_25mi_ms")),
        );
        browser.close().await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
