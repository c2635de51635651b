//! Settings from `HOSTMATCH_*` environment variables (and `.env`), each with an embedded default.

use std::{path::PathBuf, str::FromStr, time::Duration};

/// Everything the service can be told from outside. Built by [`Settings::from_env`] in
/// production and field by field in tests.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Holds the SQLite file, the search index, the generated secret and `.eml` files.
    pub data_dir: PathBuf,
    /// Address to listen on; port 0 picks a free one.
    pub bind: String,
    /// Base of links in emails; defaults to `http://<bind>`.
    pub public_url: Option<String>,
    /// HS256 key for access tokens; generated and kept in the data dir when unset.
    pub jwt_secret: Option<String>,
    /// `smtp://host:port` (or `smtps://`); unset writes `.eml` files instead.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// tracing filter, e.g. `info,hostmatch=debug`.
    pub log: String,
    /// Lifetime of an access token; at most 15 minutes.
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub db_max_connections: u32,
    /// How long a request waits for a pooled connection before it gets 503.
    pub db_acquire_timeout: Duration,
    /// Login attempts allowed per email address in any hour; past it, 429.
    pub login_attempts_per_hour: u32,
    /// Run the background workers (the mail outbox). Tests switch them off and drive the
    /// jobs themselves.
    pub run_workers: bool,
    /// How often the mail worker looks for due rows when idle.
    pub outbox_poll_interval: Duration,
    /// Offers one supplier may send in any 24 hours.
    pub offers_per_day: u32,
    /// How often the indexer looks for changes when idle; a write is searchable within
    /// about this long.
    pub index_poll_interval: Duration,
    /// How long a claimed email stays reserved for its worker. A worker that dies holds
    /// its row this long before another takes it; it must exceed the longest send.
    pub outbox_lease: Duration,
    /// How many password hashes may run at once.
    pub hash_concurrency: usize,
}

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {message}")]
pub struct ConfigError {
    pub name: String,
    pub message: String,
}

const MAX_ACCESS_TTL: Duration = Duration::from_secs(15 * 60);

impl Settings {
    /// The embedded defaults, rooted at `data_dir`.
    pub fn defaults(data_dir: PathBuf) -> Self {
        Self {
            database_url: sqlite_url(&data_dir),
            data_dir,
            bind: "127.0.0.1:8080".into(),
            public_url: None,
            jwt_secret: None,
            smtp_url: None,
            mail_from: "hostmatch <no-reply@localhost>".into(),
            log: "info".into(),
            access_token_ttl: MAX_ACCESS_TTL,
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            db_max_connections: 10,
            db_acquire_timeout: Duration::from_secs(2),
            login_attempts_per_hour: 100,
            run_workers: true,
            outbox_poll_interval: Duration::from_secs(1),
            outbox_lease: Duration::from_secs(120),
            index_poll_interval: Duration::from_millis(200),
            offers_per_day: 50,
            hash_concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }

    /// Reads `.env` when present, then the `HOSTMATCH_*` variables.
    pub fn from_env() -> Result<Self, ConfigError> {
        // A missing .env is the normal case; a malformed one is worth refusing.
        match dotenvy::dotenv() {
            Ok(_) => {}
            Err(e) if e.not_found() => {}
            Err(e) => return Err(err(".env", e.to_string())),
        }
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "./data".into()));
        let mut s = Self::defaults(data_dir);
        if let Some(v) = var("DATABASE_URL") {
            s.database_url = v;
        }
        if let Some(v) = var("BIND") {
            s.bind = v;
        }
        s.public_url = var("PUBLIC_URL");
        s.jwt_secret = var("JWT_SECRET");
        s.smtp_url = var("SMTP_URL");
        if let Some(v) = var("MAIL_FROM") {
            s.mail_from = v;
        }
        if let Some(v) = var("LOG") {
            s.log = v;
        }
        if let Some(v) = parsed::<u64>("ACCESS_TOKEN_TTL_SECS")? {
            s.access_token_ttl = Duration::from_secs(v);
        }
        if let Some(v) = parsed::<u64>("REFRESH_TOKEN_TTL_SECS")? {
            s.refresh_token_ttl = Duration::from_secs(v);
        }
        if let Some(v) = parsed("DB_MAX_CONNECTIONS")? {
            s.db_max_connections = v;
        }
        if let Some(v) = parsed::<u64>("DB_ACQUIRE_TIMEOUT_MS")? {
            s.db_acquire_timeout = Duration::from_millis(v);
        }
        if let Some(v) = parsed("LOGIN_ATTEMPTS_PER_HOUR")? {
            s.login_attempts_per_hour = v;
        }
        if let Some(v) = parsed("WORKERS")? {
            s.run_workers = v;
        }
        if let Some(v) = parsed::<u64>("OUTBOX_POLL_MS")? {
            s.outbox_poll_interval = Duration::from_millis(v);
        }
        if let Some(v) = parsed("OFFERS_PER_DAY")? {
            s.offers_per_day = v;
        }
        if let Some(v) = parsed::<u64>("INDEX_POLL_MS")? {
            s.index_poll_interval = Duration::from_millis(v);
        }
        if let Some(v) = parsed::<u64>("OUTBOX_LEASE_SECS")? {
            s.outbox_lease = Duration::from_secs(v);
        }
        s.validate()?;
        Ok(s)
    }

    /// Checks the limits a setting must keep whatever its source.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.access_token_ttl > MAX_ACCESS_TTL || self.access_token_ttl.is_zero() {
            return Err(err("HOSTMATCH_ACCESS_TOKEN_TTL_SECS", "must be 1..=900"));
        }
        if !(self.database_url.starts_with("sqlite:") || self.database_url.starts_with("postgres"))
        {
            return Err(err(
                "HOSTMATCH_DATABASE_URL",
                "must start with sqlite: or postgres:",
            ));
        }
        if self.outbox_lease < Duration::from_secs(1) {
            return Err(err("HOSTMATCH_OUTBOX_LEASE_SECS", "must be at least 1"));
        }
        if let Some(secret) = &self.jwt_secret
            && secret.len() < 32
        {
            return Err(err(
                "HOSTMATCH_JWT_SECRET",
                "must be at least 32 bytes; unset it to have one generated",
            ));
        }
        Ok(())
    }

    /// Base URL for links in emails.
    pub fn public_url(&self, bound: &str) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"))
            .trim_end_matches('/')
            .to_owned()
    }
}

fn sqlite_url(data_dir: &std::path::Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("hostmatch.db").display()
    )
}

fn var(name: &str) -> Option<String> {
    std::env::var(format!("HOSTMATCH_{name}"))
        .ok()
        .filter(|v| !v.trim().is_empty())
}

fn parsed<T: FromStr>(name: &str) -> Result<Option<T>, ConfigError>
where
    T::Err: std::fmt::Display,
{
    var(name)
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|e: T::Err| err(&format!("HOSTMATCH_{name}"), e.to_string()))
        })
        .transpose()
}

fn err(name: &str, message: impl Into<String>) -> ConfigError {
    ConfigError {
        name: name.into(),
        message: message.into(),
    }
}
