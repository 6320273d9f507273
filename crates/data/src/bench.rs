//! `carefinder-data bench`: prints build times, file sizes (raw, gzip, brotli) and native parse
//! times for the real dataset and the England-scale one. It measures; it does not assert.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use carefinder_core::dataset::{Manifest, MANIFEST_PATH, SERVICES_PATH};
use carefinder_core::search::{benchmark_queries, p50_p95, search, Criteria, SortOrder};
use carefinder_core::service::ServiceSummary;

use crate::pipeline::build;
use crate::shared_layout::real_data_plan;
use crate::synthetic::{scale, DEFAULT_SEED};

const RUNS: usize = 5;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    xs[xs.len() / 2]
}

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("in memory");
    e.finish().expect("in memory").len()
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in memory");
    out.len()
}

/// (path relative to the dataset, raw, gzip, brotli) for every file, compressed once each.
fn measure(dir: &Path) -> Vec<(String, usize, usize, usize)> {
    files(dir)
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(&file).expect("read dataset file");
            let rel = file
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .into_owned();
            (rel, bytes.len(), gzip(&bytes), brotli(&bytes))
        })
        .collect()
}

/// (count, raw, gzip, brotli) totals of the measured files whose path starts with `prefix`.
fn totals(
    measured: &[(String, usize, usize, usize)],
    prefix: &str,
) -> (usize, usize, usize, usize) {
    measured
        .iter()
        .filter(|m| m.0.starts_with(prefix))
        .fold((0, 0, 0, 0), |t, m| {
            (t.0 + 1, t.1 + m.1, t.2 + m.2, t.3 + m.3)
        })
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

/// The folder of the build a dataset's manifest names.
fn build_folder(dataset: &Path) -> PathBuf {
    let text =
        std::fs::read_to_string(dataset.join(MANIFEST_PATH)).expect("the build wrote a manifest");
    dataset.join(
        Manifest::from_json(&text)
            .expect("the build wrote a valid manifest")
            .build,
    )
}

fn report(label: &str, dataset: &Path, providers: usize, build_ms: Option<f64>) {
    let dir = &build_folder(dataset);
    println!("\n{label}: {providers} services");
    if let Some(ms) = build_ms {
        println!("  build time (median of {RUNS}): {ms:.0} ms");
    }
    println!(
        "  {:<26} {:>6} {:>12} {:>12} {:>12}",
        "files", "count", "raw", "gzip", "brotli"
    );
    let measured = measure(dir);
    for (name, prefix) in [
        ("search index", SERVICES_PATH),
        ("service details", "services/"),
        ("postcode area files", "postcodes/"),
        ("district centroids", "postcodes/districts.json"),
        ("reference figures", "reference.json"),
        ("whole dataset", ""),
    ] {
        let (n, raw, gz, br) = totals(&measured, prefix);
        println!(
            "  {name:<26} {n:>6} {:>12} {:>12} {:>12}",
            kb(raw),
            kb(gz),
            kb(br)
        );
    }
    let index = std::fs::read(dir.join(SERVICES_PATH)).expect("services.json");
    let details = totals(&measured, "services/").1;
    println!(
        "  bytes per service: search index {:.0} raw / {:.0} gzip; details {:.0} raw",
        index.len() as f64 / providers as f64,
        gzip(&index) as f64 / providers as f64,
        details as f64 / providers as f64
    );
    let largest = measured
        .iter()
        .filter(|m| m.0.starts_with("postcodes/") && !m.0.ends_with("districts.json"))
        .max_by_key(|m| m.1);
    if let Some((path, raw, gz, br)) = largest {
        println!(
            "  largest postcode area file: {path} ({} raw, {} gzip, {} brotli)",
            kb(*raw),
            kb(*gz),
            kb(*br)
        );
    }
    let text = String::from_utf8(index).expect("utf-8");
    let parse: Vec<f64> = (0..11)
        .map(|_| {
            let t = Instant::now();
            let rows: Vec<ServiceSummary> = serde_json::from_str(&text).expect("valid index");
            assert_eq!(rows.len(), providers);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!(
        "  parse the search index natively (median of 11): {:.2} ms",
        median(parse)
    );
    let rows: Vec<ServiceSummary> = serde_json::from_str(&text).expect("valid index");
    search_times(&rows);
}

/// Native search timings over the same query set the browser benchmark uses.
fn search_times(rows: &[ServiceSummary]) {
    let all = Criteria {
        services: vec![],
        specialisms: vec![],
        min_rating: None,
    };
    let (mut near, mut far) = (Vec::new(), Vec::new());
    for (origin, radius) in benchmark_queries(rows, 1000) {
        let t = Instant::now();
        let hits = search(rows, origin, radius, &all, SortOrder::Distance);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        std::hint::black_box(hits);
        if radius < 10.0 {
            near.push(ms)
        } else {
            far.push(ms)
        }
    }
    let ((n50, n95), (f50, f95)) = (p50_p95(near), p50_p95(far));
    println!("  search natively, 1,000 queries: 5 miles p50 {n50:.3} ms / p95 {n95:.3} ms; 25 miles p50 {f50:.3} ms / p95 {f95:.3} ms");
}

/// Builds and measures the real dataset from `shared`, and England-scale ones of `count` and
/// 1,000 made-up services.
pub fn run(shared: &Path, count: usize) -> Result<(), String> {
    let tmp = std::env::temp_dir().join(format!("carefinder-bench-{}", std::process::id()));
    let real_out = tmp.join("real");
    let mut plan = real_data_plan(shared, &real_out)
        .ok_or_else(|| format!("no real data at {}", shared.display()))?;
    plan.quiet = true;
    let mut times = Vec::new();
    let mut providers = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let manifest = build(&plan)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        providers = manifest
            .sources
            .iter()
            .filter(|s| s.title == "CQC API location records")
            .map(|s| s.records.kept)
            .sum();
    }
    report(
        "Real data (Oldham CQC records, ONS postcodes for 9 areas)",
        &real_out,
        providers,
        Some(median(times)),
    );

    let scale_out = tmp.join("scale");
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        scale::write(shared, &scale_out, count, DEFAULT_SEED, 0)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report(
        "England scale (made-up services on real postcode sectors)",
        &scale_out,
        count,
        Some(median(times)),
    );
    let small = tmp.join("scale-1000");
    scale::write(shared, &small, 1000, DEFAULT_SEED, 0)?;
    report(
        "1,000 made-up services on real postcode sectors",
        &small,
        1000,
        None,
    );
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(())
}
