//! Hostile clients held open against the server: idle connections that never send, slow ones
//! that send a request head one byte a second, and slow readers that ask for the wasm module
//! several times over and take the answers a kilobyte a second. Each reconnects when the server cuts it off, so the pressure stays on;
//! how long the server held each one before cutting it is recorded.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::watch;

/// Requests a slow reader sends at once: with a 1 MB module, 8 MB of answers, beyond the
/// 4 MB a Linux socket buffers at most.
const PIPELINED: usize = 8;

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Idle,
    SlowHeader,
    SlowRead,
}

/// One kind of client: how many are connected now, and each cut-off the server made.
#[derive(Default)]
pub struct Tally {
    pub open: AtomicUsize,
    /// How long each connection lasted before the server closed it, and the bytes it read.
    pub cuts: Mutex<Vec<(Duration, usize)>>,
}

/// Starts `count` clients of `kind`; they run until `stop` changes.
pub fn start(
    kind: Kind,
    count: usize,
    addr: SocketAddr,
    wasm: &str,
    stop: &watch::Receiver<bool>,
) -> Arc<Tally> {
    let tally = Arc::new(Tally::default());
    for _ in 0..count {
        let (tally, mut stop, wasm) = (tally.clone(), stop.clone(), wasm.to_string());
        tokio::spawn(async move {
            while !*stop.borrow() {
                tokio::select! {
                    _ = stop.changed() => return,
                    _ = one_connection(kind, addr, &wasm, &tally) => {}
                }
            }
        });
    }
    tally
}

async fn one_connection(kind: Kind, addr: SocketAddr, wasm: &str, tally: &Tally) {
    let Ok(mut stream) = connect(kind, addr).await else {
        // Refused or reset (the server is full, or gone): try again shortly.
        tokio::time::sleep(Duration::from_millis(200)).await;
        return;
    };
    tally.open.fetch_add(1, Ordering::Relaxed);
    let opened = Instant::now();
    let read = match kind {
        Kind::Idle => drain(&mut stream, Duration::ZERO).await,
        Kind::SlowHeader => slow_header(&mut stream).await,
        Kind::SlowRead => {
            // Several requests sent at once (pipelined): more bytes of answer than the kernel
            // buffers, so the server itself must hold the rest until the client takes it.
            let request = format!("GET {wasm} HTTP/1.1\r\nHost: {addr}\r\n\r\n").repeat(PIPELINED);
            match stream.write_all(request.as_bytes()).await {
                Ok(()) => drain(&mut stream, Duration::from_secs(1)).await,
                Err(_) => 0,
            }
        }
    };
    tally.open.fetch_sub(1, Ordering::Relaxed);
    if let Ok(mut cuts) = tally.cuts.lock() {
        cuts.push((opened.elapsed(), read));
    }
}

async fn connect(kind: Kind, addr: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()?
    } else {
        TcpSocket::new_v6()?
    };
    if let Kind::SlowRead = kind {
        // A small window, so the server cannot hand the whole file to the kernel and move on.
        socket.set_recv_buffer_size(4096)?;
    }
    socket.connect(addr).await
}

/// Reads until the server closes, a kilobyte per `pause` (all at once when `pause` is zero);
/// returns the bytes read.
async fn drain(stream: &mut TcpStream, pause: Duration) -> usize {
    let mut buffer = [0; 1024];
    let mut total = 0;
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return total,
            Ok(n) => total += n,
        }
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
    }
}

/// Sends a request head a byte a second, never finishing it, until the server closes.
async fn slow_header(stream: &mut TcpStream) -> usize {
    if stream
        .write_all(b"GET / HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
        .await
        .is_err()
    {
        return 0;
    }
    let (mut reader, mut writer) = stream.split();
    let mut buffer = [0; 1024];
    let mut total = 0;
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tokio::select! {
            read = reader.read(&mut buffer) => match read {
                Ok(0) | Err(_) => return total,
                Ok(n) => total += n,
            },
            _ = tick.tick() => {
                if writer.write_all(b"a").await.is_err() {
                    return total;
                }
            }
        }
    }
}
