//! Benchmark hook, compiled only with `--features bench` (scripts/bench builds it separately):
//! `window.wasmBindings.bench_search(n)` times parsing the search index and `n` searches in
//! this browser, using the same query set as the native benchmark.

use std::sync::Arc;

use carefinder_core::dataset::SERVICES_PATH;
use carefinder_core::search::{benchmark_queries, p50_p95, search, Criteria, SortOrder};
use carefinder_core::service::ServiceSummary;
use wasm_bindgen::prelude::*;

use crate::data::Website;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Returns JSON: providers, parse_ms, and p50/p95 in ms for 5- and 25-mile searches.
#[wasm_bindgen]
pub async fn bench_search(queries: u32) -> Result<String, JsValue> {
    // The app's own dataset source, so the bench reads what the app reads.
    let failed = |e: carefinder_core::dataset_reader::DataError| JsValue::from_str(&e.to_string());
    let manifest = Website::manifest().await.map_err(failed)?;
    let bytes = Website::visit(Arc::new(manifest))
        .file(SERVICES_PATH)
        .await
        .map_err(failed)?;
    let start = now();
    let providers: Vec<ServiceSummary> =
        serde_json::from_slice(&bytes).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let parse_ms = now() - start;
    let all = Criteria {
        services: vec![],
        specialisms: vec![],
        min_rating: None,
    };
    let (mut near, mut far) = (Vec::new(), Vec::new());
    // performance.now() is coarse (0.1 ms) here, so time ten runs of each search.
    const REPEAT: u32 = 10;
    let mut found = 0;
    for (origin, radius) in benchmark_queries(&providers, queries as usize) {
        let t = now();
        for _ in 0..REPEAT {
            found += search(&providers, origin, radius, &all, SortOrder::Distance).len();
        }
        let per = (now() - t) / f64::from(REPEAT);
        if radius < 10.0 {
            near.push(per)
        } else {
            far.push(per)
        }
    }
    let (n50, n95) = p50_p95(near);
    let (f50, f95) = p50_p95(far);
    Ok(format!(
        r#"{{"providers":{},"parse_ms":{parse_ms:.2},"p50_5mi_ms":{n50:.3},"p95_5mi_ms":{n95:.3},"p50_25mi_ms":{f50:.3},"p95_25mi_ms":{f95:.3},"results":{found}}}"#,
        providers.len()
    ))
}
