//! The offer clock: sent offers whose time is up become `expired`, and both parties hear.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::watch;

use crate::{
    db::Db,
    services::{notify::Links, offers},
};

/// How often the clock looks for offers past their time.
pub const INTERVAL: Duration = Duration::from_secs(10);

pub async fn run(db: Db, links: Links, mut stop: watch::Receiver<bool>) {
    loop {
        match offers::expire_due(&db, &links, Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "offers expired"),
            Err(e) => tracing::error!(error = %e, "expiring offers failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(INTERVAL) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}
