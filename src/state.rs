//! `AppState`: what every handler can reach, built once in `startup`.

use std::sync::Arc;

use metrics_exporter_prometheus::PrometheusHandle;

use crate::{
    auth::{PasswordHasher, TokenKeys},
    config::Settings,
    db::Db,
    search::Search,
    services::rulebook::Compliance,
};

#[derive(Clone)]
pub struct AppState {
    /// The pool; every query goes through it.
    pub db: Db,
    /// Signs and checks access tokens.
    pub tokens: Arc<TokenKeys>,
    /// Argon2id behind a semaphore, off the async threads.
    pub hasher: PasswordHasher,
    /// The settings the process started with.
    pub settings: Arc<Settings>,
    /// Base URL for links in emails, without a trailing slash.
    pub public_url: Arc<str>,
    /// Renders `/metrics`.
    pub metrics: PrometheusHandle,
    /// This process's search index.
    pub search: Search,
    /// The market rules and screening terms in force.
    pub compliance: Compliance,
}
