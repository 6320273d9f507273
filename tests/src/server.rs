//! Which server a site runs on: carefinder-serve in this process (the default), or, with
//! `CAREFINDER_SERVER=nginx`, Debian's nginx configured by deploy/nginx.conf, started and
//! stopped by scripts/lib.sh (`start_nginx`, `stop_nginx`) so tests and scripts run one config.

use std::path::{Path, PathBuf};
use std::process::Command;

use carefinder_serve::Server;

use crate::{free_port, root};

pub(crate) enum Served {
    Builtin(Server),
    Nginx(Nginx),
}

impl Served {
    pub(crate) fn start(dir: &Path, name: &str) -> Served {
        match std::env::var("CAREFINDER_SERVER").as_deref() {
            Err(_) | Ok("" | "carefinder-serve") => Served::Builtin(Server::start(dir, "127.0.0.1:0").expect("serve the site")),
            Ok("nginx") => Served::Nginx(Nginx::start(dir, name)),
            Ok(other) => panic!("CAREFINDER_SERVER={other} names no server: use nginx, or leave it unset for carefinder-serve"),
        }
    }

    pub(crate) fn url(&self) -> String {
        match self {
            Served::Builtin(server) => server.url(),
            Served::Nginx(nginx) => format!("http://127.0.0.1:{}", nginx.port),
        }
    }

    /// The server's access log: nginx's; carefinder-serve keeps none.
    pub(crate) fn access_log(&self) -> Option<PathBuf> {
        match self {
            Served::Builtin(_) => None,
            Served::Nginx(nginx) => Some(
                root()
                    .join("target/nginx")
                    .join(&nginx.name)
                    .join("logs/carefinder-access.log"),
            ),
        }
    }

    pub(crate) fn set_offline(&self, offline: bool) {
        match self {
            Served::Builtin(server) => server.set_offline(offline),
            Served::Nginx(_) => panic!("only carefinder-serve can play at being offline: leave this journey out of the nginx set"),
        }
    }
}

/// An nginx serving one site folder on a loopback port; stopped when dropped.
pub(crate) struct Nginx {
    name: String,
    port: u16,
}

impl Nginx {
    fn start(dir: &Path, name: &str) -> Nginx {
        let name = format!("journey-{name}");
        let mut error = String::new();
        // The free port can be taken before nginx binds it: then another is tried.
        for _ in 0..4 {
            let port = free_port();
            let out = lib_sh(
                &format!("start_nginx \"$1\" {port} \"$2\""),
                &[&dir.to_string_lossy(), &name],
            );
            if out.status.success() {
                return Nginx { name, port };
            }
            error = String::from_utf8_lossy(&out.stderr).into_owned();
            if !error.contains("Address already in use") {
                break;
            }
        }
        panic!("nginx did not start for {}: {error}", dir.display());
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = lib_sh("stop_nginx \"$1\"", &[&self.name]);
    }
}

/// Runs one scripts/lib.sh function; `args` are $1, $2, ... of `script`.
fn lib_sh(script: &str, args: &[&str]) -> std::process::Output {
    let lib = root().join("scripts/lib.sh");
    Command::new("bash")
        .arg("-c")
        .arg(format!("source \"$0\" && {script}"))
        .arg(lib)
        .args(args)
        .output()
        .expect("run bash for scripts/lib.sh")
}
