//! The `vaultnet` binary: parse arguments, run, map the outcome to an
//! exit code (0 success, 1 findings, 2 failure). A closed pipe
//! (`vaultnet people | head`) is not a failure.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use vaultnet::cli::{Cli, ColorChoice};
use vaultnet::{Error, Outcome, Streams};

/// mimalloc: a vault is read into millions of small strings and vectors,
/// and the system allocator's locking and page faults were a large part
/// of a warm `check` (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, vaultnet::cli::Command::Lsp(_)) {
        // The server owns stdout for JSON-RPC: nothing may hold its lock.
        return match vaultnet::commands::lsp::serve(&cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                let _ = writeln!(std::io::stderr(), "error: {error}");
                ExitCode::from(2)
            }
        };
    }
    // `auto` leaves it to anstream, which honours `NO_COLOR`,
    // `CLICOLOR_FORCE` (colour into a pipe, for pagers and CI logs) and
    // `CLICOLOR`, and otherwise colours a terminal only.
    let choice = match cli.global.color {
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
        ColorChoice::Auto => anstream::ColorChoice::Auto,
    };
    let out_choice = if cli.prints_only_json() {
        anstream::ColorChoice::AlwaysAnsi
    } else {
        choice
    };
    // Buffered above the colour adapter: reports are written in many
    // small pieces, and each would otherwise be scanned and flushed alone.
    // When colour is stripped, buffered below it too: the adapter writes
    // each piece between two escapes on its own, and stdout writes out
    // every line end it is given (a `write` call per line of a report of
    // 10k findings was a fifth of `check`).
    let stdout = anstream::AutoStream::new(std::io::stdout().lock(), out_choice);
    let colored = stdout.current_choice() != anstream::ColorChoice::Never;
    let stdout = match stdout.current_choice() {
        anstream::ColorChoice::Never => {
            let raw: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(
                64 * 1024,
                stdout.into_inner(),
            ));
            anstream::AutoStream::never(raw)
        }
        choice => {
            let raw: Box<dyn Write> = Box::new(stdout.into_inner());
            anstream::AutoStream::new(raw, choice)
        }
    };
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout);
    let mut err = anstream::AutoStream::new(std::io::stderr(), choice);
    let result = vaultnet::run(
        &cli,
        &mut Streams {
            out: &mut out,
            err: &mut err,
            colored,
        },
    );
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(_), Err(e)) | (Err(Error::Io { source: e, .. }), _)
            if e.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        (Ok(Outcome::Success), _) => ExitCode::SUCCESS,
        (Ok(Outcome::Failure), _) => ExitCode::from(1),
        (Err(error), _) => {
            let _ = writeln!(err, "error: {error}");
            ExitCode::from(2)
        }
    }
}
