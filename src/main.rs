//! The `hostmatch` binary: parse the command line, load settings, start telemetry, run.

use clap::Parser;
use hostmatch::{cli, config::Settings, telemetry};

/// mimalloc: search allocates many short-lived buffers; glibc's allocator showed up in
/// profiles, and with mimalloc in-process p50 fell 10-30% on the benchmark's tier S.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = cli::Cli::parse();
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("hostmatch: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let json = std::env::var("HOSTMATCH_LOG_FORMAT").is_ok_and(|v| v == "json");
    let log = match cli.default_log() {
        Some(quiet) if std::env::var_os("HOSTMATCH_LOG").is_none() => quiet,
        _ => &settings.log,
    };
    telemetry::init(log, json);
    match cli::run(cli, settings).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "hostmatch failed");
            eprintln!("hostmatch: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
