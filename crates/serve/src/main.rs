//! `carefinder-serve [--dir dist] [--host 127.0.0.1] [--port 8080]`: serves the built app.
//! `carefinder-serve compress DIR`: writes .br and .gz copies of the files browsers download.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Serves carefinder's built app (its dist/ folder) on this computer.
#[derive(Parser)]
#[command(name = "carefinder-serve", version)]
// Serving options and the compress subcommand do not mix: `--dir x compress y` is a mistake.
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The folder holding the built app (its index.html).
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
}

fn main() -> ExitCode {
    // clap prints usage errors with exit code 2, and --help or --version with 0.
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Compress { dir }) => compress(&dir),
        None => serve(&cli.dir, &cli.host, cli.port),
    }
}

fn compress(dir: &std::path::Path) -> ExitCode {
    match carefinder_serve::compress_folder(dir) {
        Ok(n) => {
            println!("Compressed {n} files in {} (brotli and gzip).", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Could not compress {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn serve(dir: &std::path::Path, host: &str, port: u16) -> ExitCode {
    let addr = format!("{host}:{port}");
    match carefinder_serve::Server::start(dir, &addr) {
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
            eprintln!("Could not serve {} at {addr}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}
