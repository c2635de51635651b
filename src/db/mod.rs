//! Persistence: the connection pool and query functions per aggregate.
//!
//! Query functions take `&impl ConnectionTrait` so a domain operation can run several of them
//! inside one transaction. Writes begin with [`Db::begin_write`], which on SQLite takes the
//! write lock up front (`BEGIN IMMEDIATE`) so concurrent writers queue on the busy timeout
//! instead of failing with "database is locked".

pub mod account_tokens;
pub mod accounts;
pub mod audit;
pub mod collaborations;
pub mod idempotency;
pub mod login_throttle;
pub mod messages;
pub mod offer_versions;
pub mod offers;
pub mod outbox;
pub mod outreach;
pub mod products;
pub mod profiles;
pub mod refresh_tokens;
pub mod reviews;
pub mod rules;
pub mod search_changes;
pub mod web_sessions;

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    AccessMode, ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, IsolationLevel, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::config::Settings;

/// The advisory lock key migrations hold on PostgreSQL ("hostmatc" in ASCII).
const MIGRATION_LOCK: i64 = 0x686f_7374_6d61_7463;

/// How long a SQLite writer waits for the lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The database handle shared by every request and worker.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
}

impl Db {
    pub async fn connect(settings: &Settings) -> Result<Self, DbErr> {
        if let Some(path) = sqlite_path(&settings.database_url)
            && let Some(parent) = std::path::Path::new(path).parent()
        {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbErr::Custom(format!("creating {}: {e}", parent.display())))?;
        }
        let mut opts = ConnectOptions::new(settings.database_url.clone());
        opts.max_connections(settings.db_max_connections)
            .min_connections(0)
            .acquire_timeout(settings.db_acquire_timeout)
            .connect_timeout(Duration::from_secs(5))
            .sqlx_logging(true)
            .sqlx_logging_level(tracing::log::LevelFilter::Debug)
            .map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
                    .foreign_keys(true)
            });
        let conn = Database::connect(opts).await?;
        Ok(Self { conn })
    }

    /// Applies every pending migration. On PostgreSQL, several processes starting at once
    /// take turns: the migrations run in one transaction holding an advisory lock, so the
    /// second finds them applied. (SQLite's `BEGIN IMMEDIATE` already serialises them.)
    pub async fn migrate(&self) -> Result<(), DbErr> {
        if self.backend() != DatabaseBackend::Postgres {
            return Migrator::up(&self.conn, None).await;
        }
        let txn = self.conn.begin().await?;
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            .await?;
        Migrator::up(&txn, None).await?;
        txn.commit().await
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    /// Begins a transaction that will write.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.conn
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
    }

    /// Begins a transaction that only reads and sees one snapshot throughout: REPEATABLE
    /// READ on PostgreSQL; on SQLite in WAL mode every read transaction already does.
    pub async fn begin_snapshot(&self) -> Result<DatabaseTransaction, DbErr> {
        let options = if self.backend() == DatabaseBackend::Postgres {
            TransactionOptions {
                isolation_level: Some(IsolationLevel::RepeatableRead),
                access_mode: Some(AccessMode::ReadOnly),
                ..Default::default()
            }
        } else {
            TransactionOptions::default()
        };
        self.conn.begin_with_options(options).await
    }

    /// A cheap round trip, for `/readyz`.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://")?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Names the row behind a read that failed because a stored value is not of its column's
/// type (an unknown status, a list that is not JSON): `table` row `id`. Other errors pass.
pub fn unreadable(table: &'static str, id: uuid::Uuid) -> impl FnOnce(DbErr) -> DbErr {
    move |e| match e {
        DbErr::Type(m) | DbErr::Json(m) => {
            DbErr::Type(format!("{table} row {id} cannot be read: {m}"))
        }
        other => other,
    }
}

/// Like [`unreadable`] for a read of many rows: names the table.
pub fn unreadable_in(table: &'static str) -> impl FnOnce(DbErr) -> DbErr {
    move |e| match e {
        DbErr::Type(m) | DbErr::Json(m) => {
            DbErr::Type(format!("a row of {table} cannot be read: {m}"))
        }
        other => other,
    }
}

/// True when the error is a unique-constraint violation (a duplicate).
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
