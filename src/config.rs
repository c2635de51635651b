//! Settings from `HOSTMATCH_*` environment variables (and `.env`), each with an embedded default.

use std::{path::PathBuf, str::FromStr, time::Duration};

/// Everything the service can be told from outside. Built by [`Settings::from_env`] in
/// production and field by field in tests. Its `Debug` hides the JWT key and any password
/// in the URLs.
#[derive(Clone)]
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

// Written out rather than derived so that a printed or logged `Settings` never carries
// the JWT key or a database or SMTP password.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Destructured so that a new field fails to compile until it is printed here, and
        // someone decides whether it is secret.
        let Self {
            database_url,
            data_dir,
            bind,
            public_url,
            jwt_secret,
            smtp_url,
            mail_from,
            log,
            access_token_ttl,
            refresh_token_ttl,
            db_max_connections,
            db_acquire_timeout,
            login_attempts_per_hour,
            run_workers,
            outbox_poll_interval,
            offers_per_day,
            index_poll_interval,
            outbox_lease,
            hash_concurrency,
        } = self;
        f.debug_struct("Settings")
            .field("database_url", &redact_url(database_url))
            .field("data_dir", data_dir)
            .field("bind", bind)
            .field("public_url", &public_url.as_deref().map(redact_url))
            .field("jwt_secret", &jwt_secret.as_ref().map(|_| REDACTED))
            .field("smtp_url", &smtp_url.as_deref().map(redact_url))
            .field("mail_from", mail_from)
            .field("log", log)
            .field("access_token_ttl", access_token_ttl)
            .field("refresh_token_ttl", refresh_token_ttl)
            .field("db_max_connections", db_max_connections)
            .field("db_acquire_timeout", db_acquire_timeout)
            .field("login_attempts_per_hour", login_attempts_per_hour)
            .field("run_workers", run_workers)
            .field("outbox_poll_interval", outbox_poll_interval)
            .field("offers_per_day", offers_per_day)
            .field("index_poll_interval", index_poll_interval)
            .field("outbox_lease", outbox_lease)
            .field("hash_concurrency", hash_concurrency)
            .finish()
    }
}

const REDACTED: &str = "[redacted]";

/// `raw` with the userinfo password and any `…password=` query value replaced by
/// [`REDACTED`]; those are where sqlx and lettre take credentials from. A URL with neither
/// is returned as written.
fn redact_url(raw: &str) -> String {
    let Ok(url) = url::Url::parse(raw) else {
        // Without a parse there is no telling where a password ends, so unless there can be
        // no userinfo at all, nothing is shown.
        return if raw.contains('@') {
            REDACTED.to_owned()
        } else {
            raw.to_owned()
        };
    };
    let mut out = url.as_str().to_owned();
    let mut changed = false;
    if let Some(password) = url.password() {
        // The serialisation starts `scheme://username:password@`, both as parse() encoded
        // them; Url::set_password would percent-encode the brackets of the marker.
        let prefix = format!("{}://{}:", url.scheme(), url.username());
        match out
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_prefix(password))
        {
            Some(rest) if rest.starts_with('@') => out = format!("{prefix}{REDACTED}{rest}"),
            _ => return REDACTED.to_owned(),
        }
        changed = true;
    }
    if let Some(query) = url.query() {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| {
                let name = pair.split('=').next().unwrap_or_default();
                let decoded: String = url::form_urlencoded::parse(name.as_bytes())
                    .map(|(k, _)| k.into_owned())
                    .collect();
                if decoded.to_ascii_lowercase().contains("password") {
                    changed = true;
                    format!("{name}={REDACTED}")
                } else {
                    pair.to_owned()
                }
            })
            .collect();
        // Userinfo and path percent-encode `?`, so the first one starts the query.
        match out.find('?') {
            Some(at) if out[at + 1..].starts_with(query) => {
                out.replace_range(at + 1..at + 1 + query.len(), &pairs.join("&"));
            }
            _ => return REDACTED.to_owned(),
        }
    }
    if changed { out } else { raw.to_owned() }
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

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "jwt-key-that-must-never-be-printed-0123456789";

    fn printed(database_url: &str, smtp_url: Option<&str>) -> String {
        let mut s = Settings::defaults(PathBuf::from("/var/lib/hostmatch"));
        s.database_url = database_url.into();
        s.smtp_url = smtp_url.map(Into::into);
        s.jwt_secret = Some(SECRET.into());
        format!("{s:?}")
    }

    #[test]
    fn debug_hides_the_jwt_secret_and_url_passwords_but_shows_the_hosts() {
        let out = printed(
            "postgres://hm_user:db-pass-1@db.internal:5432/hostmatch",
            Some("smtp://mailer:smtp-pass-2@mail.internal:587"),
        );
        for secret in [SECRET, "db-pass-1", "smtp-pass-2"] {
            assert!(!out.contains(secret), "{secret} printed in {out}");
        }
        assert!(out.contains("jwt_secret: Some(\"[redacted]\")"), "{out}");
        assert!(
            out.contains("postgres://hm_user:[redacted]@db.internal:5432/hostmatch"),
            "{out}"
        );
        assert!(
            out.contains("smtp://mailer:[redacted]@mail.internal:587"),
            "{out}"
        );
        // The rest is still there to debug with.
        assert!(out.contains("/var/lib/hostmatch"), "{out}");
        assert!(out.contains("hash_concurrency"), "{out}");
    }

    #[test]
    fn debug_shows_an_unset_secret_as_none_and_a_url_without_password_unchanged() {
        let mut s = Settings::defaults(PathBuf::from("data"));
        s.smtp_url = Some("smtp://mail.internal:1025".into());
        let out = format!("{s:?}");
        assert!(out.contains("jwt_secret: None"), "{out}");
        assert!(out.contains(&format!("{:?}", s.database_url)), "{out}");
        assert!(out.contains("\"smtp://mail.internal:1025\""), "{out}");
    }

    #[test]
    fn debug_hides_encoded_passwords_and_password_query_parameters() {
        let out = printed(
            "postgres://hm_user:p%40ss%3Ahidden@db.internal/hm?sslmode=require&password=qpass&sslpassword=kpass",
            Some("smtps://:only-pass@mail.internal"),
        );
        for secret in ["p%40ss", "p@ss", "hidden", "qpass", "kpass", "only-pass"] {
            assert!(!out.contains(secret), "{secret} printed in {out}");
        }
        assert!(
            out.contains(
                "postgres://hm_user:[redacted]@db.internal/hm?sslmode=require&password=[redacted]&sslpassword=[redacted]"
            ),
            "{out}"
        );
        assert!(out.contains("smtps://:[redacted]@mail.internal"), "{out}");
    }

    #[test]
    fn debug_hides_all_of_an_unparsable_url_with_userinfo() {
        let out = printed("postgres://hm_user:db-pass-3@[db.internal/hm", None);
        assert!(!out.contains("db-pass-3"), "{out}");
        assert!(out.contains("database_url: \"[redacted]\""), "{out}");
    }
}
