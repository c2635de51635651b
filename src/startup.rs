//! `Application`: builds the state, binds the listener, starts the workers, serves until told
//! to stop, then shuts down in order (stop accepting, finish requests, let workers finish
//! their item).

use std::{net::SocketAddr, sync::Arc};

use axum::Router;
use chrono::{DateTime, Utc};
use tokio::net::TcpListener;

use crate::{
    auth::{PasswordHasher, TokenKeys},
    config::Settings,
    db::Db,
    email::Mailer,
    jobs::{self, Workers, mail::Pass},
    routes,
    search::{
        Search,
        indexer::{Indexer, SyncError},
    },
    secret,
    services::{auth::Sessions, notify::Links, rulebook::LiveRulebook},
    state::AppState,
    telemetry,
};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("settings: {0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("secret: {0}")]
    Secret(#[from] secret::SecretError),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("mailer: {0}")]
    Mailer(String),
    #[error("password hashing")]
    Hasher(#[from] crate::auth::password::HashError),
    #[error("access-token keys")]
    TokenKeys(#[from] jsonwebtoken::errors::Error),
    #[error("listening on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("serving: {0}")]
    Serve(std::io::Error),
    #[error("search index: {0}")]
    Index(#[from] search_index::IndexError),
}

/// A built, bound service, not yet serving.
pub struct Application {
    listener: TcpListener,
    addr: SocketAddr,
    router: Router,
    state: AppState,
    mailer: Mailer,
}

/// What tests and commands may drive directly: the jobs the workers would run.
#[derive(Clone)]
pub struct Jobs {
    pub links: Links,
    pub db: Db,
    pub mailer: Mailer,
    pub lease: std::time::Duration,
    pub search: Search,
    pub rulebook: LiveRulebook,
}

impl Jobs {
    /// Sends every email due at `now` (tests pass a later `now` to skip a backoff).
    pub async fn deliver_emails_at(&self, now: DateTime<Utc>) -> Result<Pass, sea_orm::DbErr> {
        jobs::mail::run_due(&self.db, &self.mailer, now, self.lease, None).await
    }

    /// Expires every offer whose time is up at `now`, as the offer clock would.
    pub async fn expire_offers_at(
        &self,
        now: DateTime<Utc>,
    ) -> Result<usize, crate::services::offers::OfferError> {
        crate::services::offers::expire_due(&self.db, &self.links, now).await
    }

    /// One pass of the marketplace clock at `now`: expiries and new-message emails, as
    /// the clock would make them then; how many things it did.
    pub async fn run_clock_at(
        &self,
        now: DateTime<Utc>,
    ) -> Result<usize, jobs::offers::ClockError> {
        jobs::offers::tick(&self.db, &self.links, now).await
    }

    /// Brings the search index up to date with the database, as the indexer would.
    pub async fn sync_index(&self) -> Result<usize, SyncError> {
        let mut indexer = Indexer::new(self.db.clone(), self.search.clone())?;
        let mut total = 0;
        loop {
            let n = indexer.sync_once().await?;
            total += n;
            if n == 0 {
                return Ok(total);
            }
        }
    }

    /// Brings every stored finding up to the rules in force, as the re-screening job would.
    pub async fn rescreen(
        &self,
    ) -> Result<crate::services::rescreen::Rescreened, crate::services::rescreen::RescreenError>
    {
        crate::services::rescreen::rescreen(&self.db, &self.rulebook).await
    }

    /// Deletes the browser sessions that have ended by `now`, as the session sweep would.
    pub async fn sweep_sessions_at(&self, now: DateTime<Utc>) -> Result<u64, sea_orm::DbErr> {
        crate::services::web_sessions::sweep(&self.db, now).await
    }

    /// Rebuilds the search index from the database.
    pub async fn rebuild_index(&self) -> Result<(usize, usize), SyncError> {
        Indexer::new(self.db.clone(), self.search.clone())?
            .rebuild()
            .await
    }
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        settings.validate()?;
        let secret = secret::load_or_create(settings.jwt_secret.as_deref(), &settings.data_dir)?;
        let db = Db::connect(&settings).await?;
        db.migrate().await?;
        let hasher = PasswordHasher::new(settings.hash_concurrency)?;
        let mailer = Mailer::new(
            settings.smtp_url.as_deref(),
            settings.data_dir.join("outbox"),
            &settings.mail_from,
        )
        .map_err(StartupError::Mailer)?;
        let search = Search::open(settings.data_dir.join("index"))?;
        let rulebook = LiveRulebook::new(
            crate::services::screening::load(db.conn())
                .await
                .map_err(StartupError::Db)?,
        );
        let listener =
            TcpListener::bind(&settings.bind)
                .await
                .map_err(|source| StartupError::Bind {
                    addr: settings.bind.clone(),
                    source,
                })?;
        let addr = listener.local_addr().map_err(StartupError::Serve)?;
        let tokens = Arc::new(TokenKeys::new(&secret, settings.access_token_ttl)?);
        let state = AppState {
            db,
            sessions: Sessions {
                tokens: tokens.clone(),
                refresh_ttl: settings.refresh_token_ttl,
            },
            tokens,
            hasher,
            links: Links::new(&settings.public_url(&addr.to_string())),
            settings: Arc::new(settings),
            metrics: telemetry::metrics_handle(),
            search,
            rulebook,
        };
        let router = routes::router(state.clone());
        Ok(Self {
            listener,
            addr,
            router,
            state,
            mailer,
        })
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    pub fn address(&self) -> SocketAddr {
        self.addr
    }

    pub fn jobs(&self) -> Jobs {
        Jobs {
            links: self.state.links.clone(),
            db: self.state.db.clone(),
            mailer: self.mailer.clone(),
            lease: self.state.settings.outbox_lease,
            search: self.state.search.clone(),
            rulebook: self.state.rulebook.clone(),
        }
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then drains requests and stops the workers.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        let (mut workers, stop) = Workers::new();
        let settings = &self.state.settings;
        if settings.run_workers {
            workers.spawn(jobs::mail::run(
                self.state.db.clone(),
                self.mailer.clone(),
                settings.outbox_poll_interval,
                settings.outbox_lease,
                stop.clone(),
            ));
            workers.spawn(jobs::offers::run(
                self.state.db.clone(),
                self.state.links.clone(),
                stop.clone(),
            ));
            workers.spawn(jobs::sessions::run(self.state.db.clone(), stop.clone()));
            workers.spawn(jobs::rescreen::run(
                self.state.db.clone(),
                self.state.rulebook.clone(),
                stop.clone(),
            ));
            let indexer = Indexer::new(self.state.db.clone(), self.state.search.clone())
                .map_err(StartupError::Index)?;
            workers.spawn(jobs::index::run(
                indexer,
                settings.index_poll_interval,
                stop.clone(),
            ));
        }
        tracing::info!(address = %self.addr, "hostmatch listening");
        let served = axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(StartupError::Serve);
        tracing::info!("no longer accepting requests; stopping workers");
        workers.shutdown().await;
        if let Err(e) = self.state.db.close().await {
            tracing::warn!(error = %e, "closing the database pool");
        }
        served
    }
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutdown signal received");
}
