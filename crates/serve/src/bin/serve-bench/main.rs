//! `serve-bench`: load and fault figures for a static server of carefinder's build, on this
//! computer only. It holds 1,000 idle connections, 200 slow-header and 200 slow-read clients
//! open against the server, times a normal client's requests for `/` and the wasm module
//! (quiet first, then under that pressure), counts the hostile connections the server cut off,
//! and reports the server's peak memory.
//!
//! `serve-bench --dist DIR` starts carefinder-serve on DIR itself; `serve-bench --url URL
//! --pid PID...` measures any server already running (nginx: its worker PIDs).

mod client;
mod pressure;

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use clap::Parser;
use pressure::{Kind, Tally};

/// Load and fault figures for a static server of carefinder, over loopback only.
#[derive(Parser)]
#[command(name = "serve-bench")]
struct Cli {
    /// Start carefinder-serve (beside this program) on this built app and measure it.
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with = "url",
        required_unless_present = "url"
    )]
    dist: Option<PathBuf>,
    /// Measure the server already at this address, e.g. http://127.0.0.1:8080 (loopback only).
    #[arg(long)]
    url: Option<String>,
    /// The server's processes, for peak memory (repeat for each nginx worker).
    #[arg(long)]
    pid: Vec<u32>,
    /// Connections opened and left silent.
    #[arg(long, default_value_t = 1000)]
    idle: usize,
    /// Clients sending a request head a byte a second.
    #[arg(long, default_value_t = 200)]
    slow_header: usize,
    /// Clients asking for the wasm module 8 times at once and reading a kilobyte a second.
    #[arg(long, default_value_t = 200)]
    slow_read: usize,
    /// Requests of each kind the normal client makes, quiet and under pressure.
    #[arg(long, default_value_t = 200)]
    requests: usize,
    /// How long the pressure stays on, in seconds (long enough to see the server cut clients off).
    #[arg(long, default_value_t = 70)]
    hold: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return failed(&format!("could not start: {e}")),
    };
    let mut started: Option<Child> = None;
    let result = runtime.block_on(async {
        let (url, pids) = match (&cli.dist, &cli.url) {
            (Some(dist), _) => {
                let (child, url) = start_server(dist)?;
                let pid = child.id();
                started = Some(child);
                (url, vec![pid])
            }
            (None, Some(url)) => (url.clone(), cli.pid.clone()),
            (None, None) => return Err("give --dist or --url".to_string()),
        };
        run(&cli, &url, &pids).await
    });
    if let Some(mut child) = started {
        let _ = child.kill();
        let _ = child.wait();
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failed(&e),
    }
}

fn failed(why: &str) -> ExitCode {
    eprintln!("serve-bench: {why}");
    ExitCode::FAILURE
}

async fn run(cli: &Cli, url: &str, pids: &[u32]) -> Result<(), String> {
    let addr = loopback(url)?;
    let needed = (cli.idle + cli.slow_header + cli.slow_read + 64) as u64;
    let limit = carefinder_serve::raise_open_file_limit()
        .map_err(|e| format!("cannot read the open file limit: {e}"))?;
    if limit < needed {
        return Err(format!("the open file limit is {limit} and this needs {needed}: raise it (ulimit -n) or ask for fewer clients"));
    }
    let page = client::get(addr, "/").await?;
    let wasm = client::wasm_path(&String::from_utf8_lossy(&plain_body(&page)?))
        .ok_or("/ names no .wasm module")?;
    println!("Server at {url} (pids {pids:?}); open file limit here {limit}; wasm module {wasm}");
    let quiet = measure(addr, &wasm, cli.requests).await;
    println!(
        "Quiet, a new connection for each request ({} each):",
        cli.requests
    );
    print_times(&quiet);

    let began = Instant::now();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let tallies = [
        (
            Kind::Idle,
            pressure::start(Kind::Idle, cli.idle, addr, &wasm, &stopped),
        ),
        (
            Kind::SlowHeader,
            pressure::start(Kind::SlowHeader, cli.slow_header, addr, &wasm, &stopped),
        ),
        (
            Kind::SlowRead,
            pressure::start(Kind::SlowRead, cli.slow_read, addr, &wasm, &stopped),
        ),
    ];
    let wanted = cli.idle + cli.slow_header + cli.slow_read;
    while open(&tallies) < wanted && began.elapsed() < Duration::from_secs(15) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!(
        "Held open {} of {wanted} hostile connections after {:.1} s",
        open(&tallies),
        began.elapsed().as_secs_f64()
    );
    let loaded = measure(addr, &wasm, cli.requests).await;
    println!("Under that pressure ({} each):", cli.requests);
    print_times(&loaded);
    let hold = Duration::from_secs(cli.hold);
    tokio::time::sleep(hold.saturating_sub(began.elapsed())).await;
    println!(
        "Still open after {:.0} s: {}; cut off by the server in that time:",
        began.elapsed().as_secs_f64(),
        open(&tallies)
    );
    let _ = stop.send(true);
    for (kind, tally) in &tallies {
        print_cuts(*kind, tally);
    }
    for pid in pids {
        match peak_memory_kb(*pid) {
            Some(kb) => println!(
                "Peak memory (VmHWM) of pid {pid}: {:.1} MB",
                kb as f64 / 1024.0
            ),
            None => println!("Peak memory of pid {pid}: not readable from /proc/{pid}/status"),
        }
    }
    Ok(())
}

/// The times for `/` and the wasm module, and how many requests failed.
struct Times {
    page: Vec<Duration>,
    wasm: Vec<Duration>,
    wasm_bytes: usize,
    failures: Vec<String>,
}

async fn measure(addr: SocketAddr, wasm: &str, requests: usize) -> Times {
    let mut times = Times {
        page: Vec::new(),
        wasm: Vec::new(),
        wasm_bytes: 0,
        failures: Vec::new(),
    };
    for (path, into) in [("/", 0), (wasm, 1)] {
        for _ in 0..requests {
            match client::get(addr, path).await {
                Ok(got) if got.status == 200 => {
                    if into == 0 {
                        times.page.push(got.took);
                    } else {
                        times.wasm_bytes = got.body.len();
                        times.wasm.push(got.took);
                    }
                }
                Ok(got) => times.failures.push(format!("{path}: {}", got.status)),
                Err(e) => times.failures.push(format!("{path}: {e}")),
            }
        }
    }
    times
}

fn print_times(times: &Times) {
    let (mut page, mut wasm) = (times.page.clone(), times.wasm.clone());
    let ((p50, p95), (w50, w95)) = (
        client::percentiles(&mut page),
        client::percentiles(&mut wasm),
    );
    println!(
        "  /     p50 {p50:.2} ms, p95 {p95:.2} ms ({} answered)",
        page.len()
    );
    println!(
        "  wasm  p50 {w50:.2} ms, p95 {w95:.2} ms ({} answered, {} KB as sent)",
        wasm.len(),
        times.wasm_bytes / 1024
    );
    if !times.failures.is_empty() {
        println!(
            "  {} failed, e.g. {}",
            times.failures.len(),
            times.failures[0]
        );
    }
}

fn print_cuts(kind: Kind, tally: &Tally) {
    let cuts = tally.cuts.lock().map(|c| c.clone()).unwrap_or_default();
    if cuts.is_empty() {
        println!("  {kind:?}: none (all still held open by the server)");
        return;
    }
    let mut lasted: Vec<Duration> = cuts.iter().map(|(d, _)| *d).collect();
    let (p50, _) = client::percentiles(&mut lasted);
    let mut bytes: Vec<usize> = cuts.iter().map(|(_, b)| *b).collect();
    bytes.sort();
    let median_bytes = bytes.get(bytes.len() / 2).copied().unwrap_or(0);
    println!(
        "  {kind:?}: {} connections, after a median {:.1} s, median {} bytes read",
        cuts.len(),
        p50 / 1000.0,
        median_bytes
    );
}

fn open(tallies: &[(Kind, std::sync::Arc<Tally>)]) -> usize {
    tallies
        .iter()
        .map(|(_, t)| t.open.load(Ordering::Relaxed))
        .sum()
}

/// The body as sent, unless it was compressed (the bench only reads plain pages).
fn plain_body(page: &client::Fetched) -> Result<Vec<u8>, String> {
    let encoded = page
        .head
        .lines()
        .any(|l| l.to_ascii_lowercase().starts_with("content-encoding:"));
    match (page.status, encoded) {
        (200, false) => Ok(page.body.clone()),
        (200, true) => brotli_or_gzip(&page.head, &page.body),
        (status, _) => Err(format!("/ answered {status}")),
    }
}

fn brotli_or_gzip(head: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::new();
    if head.to_ascii_lowercase().contains("content-encoding: br") {
        brotli::BrotliDecompress(&mut &body[..], &mut out)
            .map_err(|e| format!("/ is not valid brotli: {e}"))?;
    } else {
        flate2::read::GzDecoder::new(body)
            .read_to_end(&mut out)
            .map_err(|e| format!("/ is not valid gzip: {e}"))?;
    }
    Ok(out)
}

/// The address of a loopback URL; anything else is refused (the bench floods what it targets).
fn loopback(url: &str) -> Result<SocketAddr, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("{url}: only http:// URLs"))?;
    let authority = rest.split('/').next().unwrap_or_default();
    let addr = authority
        .to_socket_addrs()
        .map_err(|e| format!("{url}: {e}"))?
        .next()
        .ok_or_else(|| format!("{url}: no address"))?;
    if !addr.ip().is_loopback() {
        return Err(format!(
            "{url} is not on this computer; the bench only runs over loopback"
        ));
    }
    Ok(addr)
}

/// Starts carefinder-serve, built beside this program, on a free loopback port.
fn start_server(dist: &std::path::Path) -> Result<(Child, String), String> {
    let exe = std::env::current_exe()
        .map_err(|e| e.to_string())?
        .with_file_name("carefinder-serve");
    let mut child = Command::new(&exe)
        .args(["--host", "127.0.0.1", "--port", "0", "--dir"])
        .arg(dist)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "cannot start {}: {e} (cargo build --release -p carefinder-serve)",
                exe.display()
            )
        })?;
    let mut line = String::new();
    let stdout = child
        .stdout
        .take()
        .ok_or("no output from carefinder-serve")?;
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
        .map_err(|e| e.to_string())?;
    // "carefinder is being served at http://127.0.0.1:PORT/ (press Ctrl+C to stop)"
    let url = line
        .split("served at ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|u| u.trim_end_matches('/').to_string());
    match url {
        Some(url) => Ok((child, url)),
        None => {
            let _ = child.kill();
            Err(format!("carefinder-serve did not start: {line:?}"))
        }
    }
}

/// VmHWM: the most memory the process has held resident since it started, in kB.
fn peak_memory_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
