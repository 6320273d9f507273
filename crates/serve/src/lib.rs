//! A static file server for carefinder's built `dist/` folder, on hyper and tower-http.
//!
//! Why carefinder has its own: the app must run anywhere with nothing but its own build, and
//! the browser tests need the same server in-process on a free port. The rules it follows are
//! in `policy.rs`; its defences against slow or idle clients in `connection.rs`.

mod answer;
mod compress;
mod connection;
mod csp;
mod open_files;
mod policy;

pub use compress::compress_folder;
pub use connection::Limits;
pub use csp::{policy_for_shell, read_policy, write_policy, CSP_FILE};
pub use open_files::raise_open_file_limit;
pub use policy::resolve;

use std::io;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::sync::oneshot;

/// A running server, on its own threads; it stops when dropped.
pub struct Server {
    addr: SocketAddr,
    offline: Arc<AtomicBool>,
    _stop: oneshot::Sender<()>,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) and serves `root` with the default limits.
    pub fn start(root: impl Into<PathBuf>, addr: &str) -> io::Result<Server> {
        Server::start_with(root, addr, Limits::default())
    }

    /// As `start`, with chosen limits (tests use short timeouts).
    pub fn start_with(root: impl Into<PathBuf>, addr: &str, limits: Limits) -> io::Result<Server> {
        let root = root.into();
        if !root.join("index.html").is_file() {
            let why = format!("{} has no index.html: build the app first", root.display());
            return Err(io::Error::new(io::ErrorKind::NotFound, why));
        }
        let csp = csp::read_policy(&root)?;
        let runtime = connection::runtime()?;
        let listener = {
            let _inside = runtime.enter();
            bind(addr)?
        };
        let addr = listener.local_addr()?;
        let offline = Arc::new(AtomicBool::new(false));
        let site = Arc::new(answer::Site {
            root,
            csp,
            offline: offline.clone(),
        });
        let (stop, stopped) = oneshot::channel();
        let (ready, started) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name(format!("carefinder-serve {addr}"))
            .spawn(move || {
                runtime.block_on(async {
                    let first = connection::start_file_thread().await;
                    let serving = first.is_ok();
                    let _ = ready.send(first);
                    if serving {
                        connection::accept_until(listener, site, limits, stopped).await;
                    }
                });
                // Connections still open are dropped with the runtime, without waiting on them.
                runtime.shutdown_background();
            })?;
        // Waits (briefly) so that a server that cannot start says so here.
        started
            .recv()
            .map_err(|_| io::Error::other("the server's thread stopped as it started"))??;
        Ok(Server {
            addr,
            offline,
            _stop: stop,
        })
    }

    /// While offline, connections are dropped unanswered, new ones and requests on open ones
    /// alike, as when the network is down (for testing offline use).
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::Relaxed);
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Waiting connections queue in the kernel up to this many (the default of 128 would make a
/// burst of visitors retry their connection a second later).
const BACKLOG: u32 = 1024;

fn bind(addr: &str) -> io::Result<tokio::net::TcpListener> {
    let addr = addr.to_socket_addrs()?.next().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{addr} names no address"),
        )
    })?;
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // Lets a restarted server bind while old connections linger; a listening port still refuses.
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}
