//! `AppState`: what every handler can reach, built once in `startup`. Handlers hand the
//! services only the fields an operation uses.

use std::sync::Arc;

use metrics_exporter_prometheus::PrometheusHandle;

use crate::{
    auth::{PasswordHasher, TokenKeys},
    config::Settings,
    db::Db,
    search::Search,
    services::{auth::Sessions, notify::Links, rulebook::LiveRulebook},
};

#[derive(Clone)]
pub struct AppState {
    /// The pool; every query goes through it.
    pub db: Db,
    /// Signs and checks access tokens.
    pub tokens: Arc<TokenKeys>,
    /// What issuing a session needs: the token keys and the refresh token's lifetime.
    pub sessions: Sessions,
    /// Argon2id behind a semaphore, off the async threads.
    pub hasher: PasswordHasher,
    /// The settings the process started with.
    pub settings: Arc<Settings>,
    /// Where links in emails point.
    pub links: Links,
    /// Renders `/metrics`.
    pub metrics: PrometheusHandle,
    /// This process's search index.
    pub search: Search,
    /// The market rules and screening terms in force.
    pub rulebook: LiveRulebook,
}
