//! `carefinder-serve [--dir dist] [--host 127.0.0.1] [--port 8080]`: serves the built app.
//! `carefinder-serve compress DIR`: writes .br and .gz copies of the files browsers download.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut dir = "dist".to_string();
    let mut host = "127.0.0.1".to_string();
    let mut port = "8080".to_string();
    let all: Vec<String> = std::env::args().skip(1).collect();
    if all.first().map(String::as_str) == Some("compress") {
        let Some(dir) = all.get(1) else {
            eprintln!("usage: carefinder-serve compress DIR");
            return ExitCode::from(2);
        };
        return match carefinder_serve::compress_folder(std::path::Path::new(dir)) {
            Ok(n) => {
                println!("Compressed {n} files in {dir} (brotli and gzip).");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("Could not compress {dir}: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let mut args = all.into_iter();
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
