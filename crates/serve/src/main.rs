//! `carefinder-serve [--dir dist] [--host 127.0.0.1] [--port 8080]`: serves the built app.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut dir = "dist".to_string();
    let mut host = "127.0.0.1".to_string();
    let mut port = "8080".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--dir", Some(v)) => dir = v,
            ("--host", Some(v)) => host = v,
            ("--port", Some(v)) => port = v,
            _ => {
                eprintln!("usage: carefinder-serve [--dir dist] [--host 127.0.0.1] [--port 8080]");
                return ExitCode::from(2);
            }
        }
    }
    let addr = format!("{host}:{port}");
    match carefinder_serve::Server::start(&dir, &addr) {
        Ok(server) => {
            println!("carefinder is being served at {}/ (press Ctrl+C to stop)", server.url());
            loop {
                std::thread::park();
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            eprintln!(
                "Port {port} on {host} is already in use by another program. Stop that program, \
                 or choose another port, e.g. PORT=8081 scripts/serve"
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("Could not serve {dir} at {addr}: {e}");
            ExitCode::FAILURE
        }
    }
}
