//! The marketplace clock: sent offers whose time is up become `expired` (both parties
//! hear), unread messages get their batched email, completions stand after 7 days and
//! reviews are published when their window closes. Everything it acts on is a row, so
//! a restart loses nothing: the next pass finds what is due.

use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::watch;

use crate::{
    db::Db,
    jobs::worker::{Progress, Worker},
    services::{
        collaborations::{self, CollabError},
        notify::Links,
        offers::{self, OfferError},
        threads::{self, ThreadError},
    },
};

/// How often the clock looks for what is due.
pub const INTERVAL: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum ClockError {
    #[error(transparent)]
    Offers(#[from] OfferError),
    #[error(transparent)]
    Threads(#[from] ThreadError),
    #[error(transparent)]
    Collaborations(#[from] CollabError),
}

pub async fn run(db: Db, links: Links, stop: watch::Receiver<bool>) {
    let job = move || pass(db.clone(), links.clone());
    Worker::new("offers", INTERVAL).run(stop, job).await;
}

#[tracing::instrument(name = "offers.pass", skip_all, fields(job = "offers"))]
async fn pass(db: Db, links: Links) -> Result<Progress, ClockError> {
    let n = tick(&db, &links, Utc::now()).await?;
    // Each part takes a batch at a time: after one, look again at once.
    Ok(Progress::more_if(n > 0))
}

/// One pass of the clock at `now` (tests pass a later `now`); how many things it did.
pub async fn tick(db: &Db, links: &Links, now: DateTime<Utc>) -> Result<usize, ClockError> {
    let expired = offers::expire_due(db, links, now).await?;
    if expired > 0 {
        tracing::info!(offers.expired = expired, "offers expired");
    }
    let emailed = threads::notify_due(db, links, now).await?;
    if emailed > 0 {
        tracing::info!(threads.emailed = emailed, "new-message emails queued");
    }
    let confirmed = collaborations::confirm_due(db, links, now).await?;
    let published = collaborations::publish_due(db, links, now).await?;
    if confirmed + published > 0 {
        tracing::info!(
            collaborations.confirmed = confirmed,
            collaborations.published = published,
            "collaborations moved on"
        );
    }
    Ok(expired + emailed + confirmed + published)
}
