//! The command line: `serve` (default), `migrate`, `reindex`, `create-admin`, `seed`.

use std::io::{BufRead, IsTerminal};

use clap::{Parser, Subcommand};

use crate::{
    auth::PasswordHasher,
    config::Settings,
    db::Db,
    domain::{EmailAddress, Password},
    search::{Search, indexer::Indexer},
    seed::{self, SeedOptions},
    services::auth::create_admin,
    startup::{Application, shutdown_signal},
};

#[derive(Debug, Parser)]
#[command(
    name = "hostmatch",
    version,
    about = "Matchmaking for cross-border live commerce"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP service and its workers (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Rebuild the search index from the database into a new directory, then switch to it;
    /// a running service keeps answering from the old one until it follows.
    Reindex,
    /// Create an approved admin account. The password comes from HOSTMATCH_ADMIN_PASSWORD
    /// or standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
    },
    /// Fill an empty database with a demo marketplace (demo logins printed at the end),
    /// written through the same operations as the API; no email is queued.
    Seed {
        /// Host accounts, the demo host among them.
        #[arg(long, default_value_t = 300)]
        hosts: usize,
        /// Products, the demo supplier's among them.
        #[arg(long, default_value_t = 3000)]
        products: usize,
        /// The same seed writes the same marketplace.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Seed even though supplier or host accounts exist.
        #[arg(long)]
        force: bool,
    },
}

impl Cli {
    /// The log filter this command uses when `HOSTMATCH_LOG` is not set: the seed's
    /// thousands of info lines would bury its summary.
    pub fn default_log(&self) -> Option<&'static str> {
        matches!(self.command, Some(Command::Seed { .. })).then_some("warn")
    }
}

/// Runs the chosen command; the error is what the user reads.
pub async fn run(cli: Cli, settings: Settings) -> Result<(), String> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings)
                .await
                .map_err(|e| e.to_string())?;
            app.run_until_stopped(shutdown_signal())
                .await
                .map_err(|e| e.to_string())
        }
        Command::Migrate => {
            let db = Db::connect(&settings).await.map_err(|e| e.to_string())?;
            db.migrate().await.map_err(|e| e.to_string())?;
            println!("migrations applied");
            Ok(())
        }
        Command::Reindex => {
            let db = Db::connect(&settings).await.map_err(|e| e.to_string())?;
            db.migrate().await.map_err(|e| e.to_string())?;
            let base = settings.data_dir.join("index");
            let (search, name) = Search::create_next(base.clone()).map_err(|e| e.to_string())?;
            let (hosts, products) = Indexer::new(db, search)
                .map_err(|e| e.to_string())?
                .rebuild()
                .await
                .map_err(|e| e.to_string())?;
            Search::publish(&base, &name).map_err(|e| e.to_string())?;
            println!("indexed {hosts} hosts and {products} products into {name}");
            Ok(())
        }
        Command::CreateAdmin { email } => {
            let email = EmailAddress::parse(&email).map_err(|e| format!("--email {e}"))?;
            let password = read_admin_password()?;
            let password = Password::parse(password).map_err(|e| format!("password {e}"))?;
            let db = Db::connect(&settings).await.map_err(|e| e.to_string())?;
            db.migrate().await.map_err(|e| e.to_string())?;
            let hasher = PasswordHasher::new(1).map_err(|e| e.to_string())?;
            let row = create_admin(&db, &hasher, &email, &password)
                .await
                .map_err(|e| e.to_string())?;
            println!("admin {} created", row.id);
            Ok(())
        }
        Command::Seed {
            hosts,
            products,
            seed,
            force,
        } => {
            let db = Db::connect(&settings).await.map_err(|e| e.to_string())?;
            db.migrate().await.map_err(|e| e.to_string())?;
            let opts = SeedOptions {
                hosts,
                products,
                seed,
                force,
            };
            let report = seed::run(&db, &settings, &opts).await.map_err(|e| {
                if e.may_have_written() {
                    format!(
                        "{e}\nThe database may now hold part of the demo data: remove it (the \
                         data dir on SQLite, or drop the PostgreSQL database) and seed again."
                    )
                } else {
                    e.to_string()
                }
            })?;
            println!("{report}");
            Ok(())
        }
    }
}

fn read_admin_password() -> Result<String, String> {
    if let Ok(p) = std::env::var("HOSTMATCH_ADMIN_PASSWORD")
        && !p.is_empty()
    {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("Admin password: ").map_err(|e| e.to_string());
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("reading the password from standard input: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
