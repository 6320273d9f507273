//! `browser-bench DIST DATASET...`: for each dataset, serves the bench build with it and, in
//! headless Chromium, measures time from navigation to the app being ready and to the first
//! results, then search times through the app's benchmark hook. Prints figures; asserts nothing.

use std::path::PathBuf;
use std::time::Duration;

use carefinder_journeys::{wait_for_text, Browser, Site};
use serde_json::{json, Value};

/// The baseline: the same searches written by hand in plain JavaScript over the same JSON, in
/// the same page, timed the same way (ten runs of each search).
const JS_BASELINE: &str = r#"
const [n, done] = arguments;
// Schema 3 names a build folder; an older dataset (for figures from before) has none.
fetch('/data/manifest.json').then(r => r.json()).then(m => fetch(m.build ? '/data/' + m.build + '/services.json' : '/data/services.json')).then(r => r.text()).then(text => {
  const t0 = performance.now();
  const rows = JSON.parse(text);
  const parse = performance.now() - t0;
  const R = 6371008.8 / 1609.344, rad = Math.PI / 180;
  const miles = (a, b, c, d) => {
    const h = Math.sin((c - a) * rad / 2) ** 2 + Math.cos(a * rad) * Math.cos(c * rad) * Math.sin((d - b) * rad / 2) ** 2;
    return 2 * R * Math.asin(Math.sqrt(h));
  };
  const search = (lat, lon, radius) => {
    const dlat = radius / 68.7 * 1.01, dlon = radius / (69.17 * Math.max(Math.cos(lat * rad), 0.01)) * 1.01;
    const hits = [];
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i];
      if (p[3] < lat - dlat || p[3] > lat + dlat || p[4] < lon - dlon || p[4] > lon + dlon) continue;
      const m = miles(lat, lon, p[3], p[4]);
      if (m <= radius) hits.push([i, m]);
    }
    hits.sort((a, b) => a[1] - b[1] || (rows[a[0]][1] < rows[b[0]][1] ? -1 : 1));
    return hits;
  };
  const near = [], far = [];
  let found = 0;
  for (let i = 0; i < n; i++) {
    const p = rows[(i * 7919) % rows.length];
    const radius = i % 2 === 0 ? 5 : 25;
    const t = performance.now();
    for (let k = 0; k < 10; k++) found += search(p[3] + 0.003, p[4] - 0.004, radius).length;
    (radius < 10 ? near : far).push((performance.now() - t) / 10);
  }
  const pct = (xs, q) => { xs.sort((a, b) => a - b); return xs[Math.max(1, Math.ceil(xs.length * q)) - 1]; };
  done(JSON.stringify({ parse_ms: parse, p50_5mi_ms: pct(near, 0.5), p95_5mi_ms: pct(near, 0.95), p50_25mi_ms: pct(far, 0.5), p95_25mi_ms: pct(far, 0.95), results: found }));
});
"#;

/// Sizes on the wire: the file, and its .gz and .br copies written at build time.
fn sizes(path: &std::path::Path) -> (u64, u64, u64) {
    let size = |p: std::path::PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        std::path::PathBuf::from(s)
    };
    (
        size(path.to_path_buf()),
        size(with(".gz")),
        size(with(".br")),
    )
}

fn print_sizes(dist: &std::path::Path, datasets: &[String]) {
    println!("\nTransfer sizes (raw / gzip / brotli, KB)");
    let mut app = (0, 0, 0);
    for entry in std::fs::read_dir(dist).unwrap().flatten() {
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "wasm" | "js" | "css") {
            let (r, g, b) = sizes(&p);
            app = (app.0 + r, app.1 + g, app.2 + b);
            println!(
                "  {:<44} {:>8.1} {:>8.1} {:>8.1}",
                p.file_name().unwrap().to_string_lossy(),
                r as f64 / 1000.0,
                g as f64 / 1000.0,
                b as f64 / 1000.0
            );
        }
    }
    println!(
        "  {:<44} {:>8.1} {:>8.1} {:>8.1}   (target: at most 150 KB brotli)",
        "app code (wasm + js + css)",
        app.0 as f64 / 1000.0,
        app.1 as f64 / 1000.0,
        app.2 as f64 / 1000.0
    );
    for data in datasets.iter().map(PathBuf::from) {
        let label = data.file_name().unwrap().to_string_lossy().into_owned();
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(data.join("manifest.json")).unwrap_or_default(),
        )
        .unwrap_or(Value::Null);
        let build = data.join(manifest["build"].as_str().unwrap_or(""));
        for name in [
            "manifest.json",
            "services.json",
            "postcodes/districts.json",
            "postcodes/OL.json",
            "reference.json",
            "pathways.json",
        ] {
            let (r, g, b) = sizes(&if name == "manifest.json" {
                data.join(name)
            } else {
                build.join(name)
            });
            if r > 0 {
                println!(
                    "  {:<44} {:>8.1} {:>8.1} {:>8.1}",
                    format!("{label}: data/{name}"),
                    r as f64 / 1000.0,
                    g as f64 / 1000.0,
                    b as f64 / 1000.0
                );
            }
        }
    }
}

async fn mark(client: &fantoccini::Client, name: &str) -> f64 {
    let script = format!(
        "const e = performance.getEntriesByName('{name}'); return e.length ? e[0].startTime : -1;"
    );
    client
        .execute(&script, vec![])
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(-1.0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dist, datasets) = args
        .split_first()
        .expect("usage: browser-bench DIST DATASET...");
    let dist = PathBuf::from(dist);
    print_sizes(&dist, datasets);
    println!("\nIn headless Chromium (localhost, median of 5 loads for timings to first results)");
    println!(
        "{:<26} {:>9} {:>10} {:>14} {:>9} {:>16} {:>16}",
        "dataset",
        "services",
        "ready ms",
        "results ms",
        "parse ms",
        "5 mi p50/p95",
        "25 mi p50/p95"
    );
    for data in datasets {
        let data = PathBuf::from(data);
        let name = data.file_name().unwrap().to_string_lossy().into_owned();
        let site = Site::custom(&format!("bench-{name}"), &dist, &data);
        let browser = Browser::start().await;
        let client = &browser.client;
        let (mut ready, mut results) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            client
                .goto(&site.url("/search?postcode=OL1+1AA&distance=5"))
                .await
                .expect("load");
            wait_for_text(client, ".results-count", |t| t.contains("within"))
                .await
                .expect("results");
            ready.push(mark(client, "carefinder:ready").await);
            results.push(mark(client, "carefinder:results").await);
        }
        let run = client
            .execute_async(
                // A release build has no hook: its timings to first results are still printed.
                "const [n, done] = arguments; if (!(window.wasmBindings && window.wasmBindings.bench_search)) { done('{}'); return; } window.wasmBindings.bench_search(n).then(done, e => done('error: ' + e));",
                vec![json!(1000)],
            )
            .await
            .expect("bench hook");
        let stats: Value =
            serde_json::from_str(run.as_str().unwrap_or("{}")).unwrap_or(Value::Null);
        let js = client
            .execute_async(JS_BASELINE, vec![json!(1000)])
            .await
            .expect("JS baseline");
        let js: Value = serde_json::from_str(js.as_str().unwrap_or("{}")).unwrap_or(Value::Null);
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
        let g = |k: &str| js[k].as_f64().unwrap_or(f64::NAN);
        println!(
            "{:<26} {:>9} {:>10} {:>14} {:>9.1} {:>16} {:>16}   same searches in plain JavaScript",
            "  JS baseline",
            "",
            "",
            "",
            g("parse_ms"),
            format!("{:.3}/{:.3}", g("p50_5mi_ms"), g("p95_5mi_ms")),
            format!("{:.3}/{:.3}", g("p50_25mi_ms"), g("p95_25mi_ms")),
        );
        println!(
            "{:<26} p95 ratio carefinder / JS: 5 mi {:.2}, 25 mi {:.2}; results found {} (wasm) vs {} (JS)",
            "", f("p95_5mi_ms") / g("p95_5mi_ms"), f("p95_25mi_ms") / g("p95_25mi_ms"), stats["results"], js["results"]
        );
        browser.close().await;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
