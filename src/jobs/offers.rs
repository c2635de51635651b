//! The offer clock: sent offers whose time is up become `expired`, and both parties hear.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::watch;

use crate::{
    db::Db,
    jobs::worker::{Progress, Worker},
    services::{
        notify::Links,
        offers::{self, OfferError},
    },
};

/// How often the clock looks for offers past their time.
pub const INTERVAL: Duration = Duration::from_secs(10);

pub async fn run(db: Db, links: Links, stop: watch::Receiver<bool>) {
    let job = move || pass(db.clone(), links.clone());
    Worker::new("offers", INTERVAL).run(stop, job).await;
}

#[tracing::instrument(name = "offers.pass", skip_all, fields(job = "offers"))]
async fn pass(db: Db, links: Links) -> Result<Progress, OfferError> {
    let n = offers::expire_due(&db, &links, Utc::now()).await?;
    if n > 0 {
        tracing::info!(offers.expired = n, "offers expired");
    }
    // It takes a batch at a time: after one, look again at once.
    Ok(Progress::more_if(n > 0))
}
