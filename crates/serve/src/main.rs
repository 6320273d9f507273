//! `carefinder-serve [--dir dist] [--host 127.0.0.1] [--port 8080]`: serves the built app.
//! `carefinder-serve compress DIR`: writes .br and .gz copies of the files browsers download.
//! `carefinder-serve csp DIR`: writes DIR/csp.txt, the Content-Security-Policy for the build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Serves carefinder's built app (its dist/ folder) on this computer.
#[derive(Parser)]
#[command(name = "carefinder-serve", version)]
// Serving options and the subcommands do not mix: `--dir x compress y` is a mistake.
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The folder holding the built app (its index.html and csp.txt).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dir: PathBuf,
    /// The address to listen on; 127.0.0.1 keeps the app to this computer.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,
}

#[derive(Subcommand)]
enum Command {
    /// Writes .br and .gz copies of the files browsers download, for serving pre-compressed.
    Compress {
        /// The folder to compress, e.g. dist.
        dir: PathBuf,
    },
    /// Writes DIR/csp.txt: the Content-Security-Policy allowing the one inline loader script in
    /// DIR/index.html (the page Trunk wrote) by its hash. Run after each build.
    Csp {
        /// The built app, e.g. dist.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    // clap prints usage errors with exit code 2, and --help or --version with 0.
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Compress { dir }) => compress(&dir),
        Some(Command::Csp { dir }) => csp(&dir),
        None => serve(&cli.dir, &cli.host, cli.port),
    }
}

fn compress(dir: &Path) -> ExitCode {
    match carefinder_serve::compress_folder(dir) {
        Ok(n) => {
            println!(
                "Compressed {n} files in {} (brotli and gzip).",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Could not compress {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn csp(dir: &Path) -> ExitCode {
    match carefinder_serve::write_policy(dir) {
        Ok(_) => {
            println!("Wrote {}.", dir.join(carefinder_serve::CSP_FILE).display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Could not write the Content-Security-Policy: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(dir: &Path, host: &str, port: u16) -> ExitCode {
    // Each connection holds a file descriptor: take all the system allows.
    if let Err(e) = carefinder_serve::raise_open_file_limit() {
        eprintln!("carefinder-serve: could not raise the open file limit ({e}); serving within it");
    }
    let addr = format!("{host}:{port}");
    match carefinder_serve::Server::start(dir, &addr) {
        Ok(server) => {
            println!(
                "carefinder is being served at {}/ (press Ctrl+C to stop)",
                server.url()
            );
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
            eprintln!("Could not serve {} at {addr}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
