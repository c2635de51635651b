//! `hostmatch-bench`: runs the benchmark and writes its results under `bench/results/`.

use std::path::PathBuf;

use clap::Parser;
use hostmatch_bench::{Config, data::TIERS, run};

/// Search and matching, measured in process, over HTTP and against PostgreSQL.
#[derive(Parser)]
struct Args {
    /// XS (1k hosts, 10k products), S (10k, 100k) or M (100k, 1M).
    #[arg(long, default_value = "XS")]
    tier: String,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Queries per family and measurement.
    #[arg(long, default_value_t = 1000)]
    queries: usize,
    /// Queries per family and measurement on PostgreSQL (at most --queries).
    #[arg(long, default_value_t = 200)]
    pg_queries: usize,
    /// PostgreSQL to compare with, e.g. postgres://postgres@127.0.0.1:5432/postgres.
    #[arg(long)]
    pg: Option<String>,
    /// The service's database (default: SQLite in the data directory).
    #[arg(long)]
    database_url: Option<String>,
    /// The service's data directory (default: a temporary one).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Writes timed from their 201 until search finds them.
    #[arg(long, default_value_t = 100)]
    fresh_writes: usize,
    /// Where results go.
    #[arg(long, default_value = "bench/results")]
    out: PathBuf,
    /// Measure only content screening (no load, no index): its speed on this many
    /// generated products, and its recall and precision on the labelled set.
    #[arg(long)]
    screening: Option<usize>,
    /// The labelled screening cases (README.md there says their format).
    #[arg(long, default_value = "bench/eval/screening")]
    eval_dir: PathBuf,
}

/// mimalloc: search allocates many short-lived buffers; glibc's allocator showed up in
/// profiles, and with mimalloc in-process p50 fell 10-30% on the benchmark's tier S.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let a = Args::parse();
    let Some(tier) = TIERS.iter().find(|t| t.name.eq_ignore_ascii_case(&a.tier)) else {
        eprintln!("--tier must be XS, S or M");
        return std::process::ExitCode::from(2);
    };
    if let Some(docs) = a.screening {
        println!(
            "{}",
            hostmatch_bench::screening::measure(a.seed, docs).markdown()
        );
        return match hostmatch_bench::eval::evaluate(&a.eval_dir).await {
            Ok(r) => {
                println!("{}", r.markdown());
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("screening evaluation failed: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let config = Config {
        tier: *tier,
        seed: a.seed,
        queries: a.queries,
        pg_queries: a.pg_queries,
        pg: a.pg,
        database_url: a.database_url,
        data_dir: a.data_dir,
        fresh_writes: a.fresh_writes,
    };
    match run(&config).await {
        Ok(report) => {
            println!("{}", report.markdown());
            match report.write(&a.out) {
                Ok(path) => eprintln!("results in {}", path.display()),
                Err(e) => eprintln!("could not write results: {e}"),
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("benchmark failed: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
