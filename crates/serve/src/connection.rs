//! Accepting connections and holding each to its limits, so that idle, slow or hostile clients
//! cost a bounded amount and never stop the server: at most `max_connections` at once (beyond
//! that, accepting waits and the kernel queues them); a request head must arrive within
//! `header_timeout` (so must the next one on a kept-alive connection); each response must be
//! fully sent within `response_timeout` of its request; an accept that fails (out of file
//! descriptors, say) is logged and retried.

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, Semaphore};
use tokio::time::Instant;

use crate::answer::{self, Site};

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub header_timeout: Duration,
    pub response_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 2048,
            header_timeout: Duration::from_secs(10),
            response_timeout: Duration::from_secs(60),
        }
    }
}

/// A request head larger than this is refused (431): only GET and HEAD are served.
const MAX_HEAD_BYTES: usize = 32 * 1024;
/// Bytes read from a file and buffered for a connection at a time: memory stays bounded by
/// connections times this, whatever the size of the files.
pub const CHUNK_BYTES: usize = 32 * 1024;
const BUFFER_BYTES: usize = 64 * 1024;

/// The server's threads, made up front so that serving never waits on creating one: two
/// workers, and a few threads for file reads that, once started, stay (tokio gives up only when
/// it cannot start any, and there is always one).
pub fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .thread_keep_alive(Duration::from_secs(365 * 24 * 3600))
        .enable_all()
        .build()
}

/// Starts the first file-reading thread, before any connection needs one.
pub async fn start_file_thread() -> io::Result<()> {
    tokio::task::spawn_blocking(|| ())
        .await
        .map_err(io::Error::other)
}

pub async fn accept_until(
    listener: TcpListener,
    site: Arc<Site>,
    limits: Limits,
    mut stop: oneshot::Receiver<()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        // A client that has sent its request and closed its side still gets the answer.
        .half_close(true)
        .max_header_size(MAX_HEAD_BYTES)
        .max_buf_size(BUFFER_BYTES);
    loop {
        let slot = tokio::select! {
            _ = &mut stop => return,
            slot = slots.clone().acquire_owned() => slot,
        };
        // The semaphore is never closed; were it, there would be nothing left to serve.
        let Ok(slot) = slot else { return };
        let accepted = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) if !site.is_offline() => {
                let (site, http) = (site.clone(), http.clone());
                tokio::spawn(async move {
                    serve(stream, site, &http, limits.response_timeout).await;
                    drop(slot);
                });
            }
            Ok(_) => {} // dropped unanswered: offline
            Err(e) => {
                // Running out of file descriptors or memory passes; the server carries on.
                eprintln!("carefinder-serve: could not accept a connection ({e}); trying again");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// Serves one connection until it closes, a timeout cuts it off, or the site goes offline.
async fn serve(
    stream: TcpStream,
    site: Arc<Site>,
    http: &http1::Builder,
    response_timeout: Duration,
) {
    let opened = Instant::now();
    // Milliseconds after `opened` by which the latest request must have been answered.
    let due = Arc::new(AtomicU64::new(millis(response_timeout)));
    let service = {
        let due = due.clone();
        hyper::service::service_fn(move |request| {
            due.store(
                millis(opened.elapsed() + response_timeout),
                Ordering::Relaxed,
            );
            answer::answer(site.clone(), request)
        })
    };
    let socket = stream.as_raw_fd();
    let connection = http.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    loop {
        let deadline = opened + Duration::from_millis(due.load(Ordering::Relaxed));
        tokio::select! {
            // Errors here are the client's doing (a reset, a bad request); nothing to report.
            _ = connection.as_mut() => return,
            _ = tokio::time::sleep_until(deadline) => {
                // A new request may have moved the deadline on while this one slept.
                if Instant::now() >= opened + Duration::from_millis(due.load(Ordering::Relaxed)) {
                    // Reset rather than close: the kernel drops what the client has not taken
                    // instead of trickling it out for minutes more.
                    reset_on_close(socket);
                    return;
                }
            }
        }
    }
}

/// Makes closing `socket` send a reset and discard unsent data (SO_LINGER of zero).
fn reset_on_close(socket: RawFd) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: `socket` is the connection's socket, still open: the connection that owns it is
    // dropped only after this returns. setsockopt reads just the struct passed.
    unsafe {
        libc::setsockopt(
            socket,
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
}

/// Whole milliseconds, at most a year's worth (so a deadline is always a representable time).
fn millis(d: Duration) -> u64 {
    const YEAR_MS: u128 = 365 * 24 * 3600 * 1000;
    d.as_millis().min(YEAR_MS) as u64
}
