//! The offer clock: sent offers whose time is up become `expired`, and both parties hear.

use std::time::Duration;

use chrono::Utc;
use tokio::sync::watch;

use crate::{
    db::Db,
    error::AppError,
    jobs::worker::{Progress, Worker},
    services::offers,
};

/// How often the clock looks for offers past their time.
pub const INTERVAL: Duration = Duration::from_secs(10);

pub async fn run(db: Db, public_url: String, stop: watch::Receiver<bool>) {
    let job = move || pass(db.clone(), public_url.clone());
    Worker::new("offers", INTERVAL).run(stop, job).await;
}

#[tracing::instrument(name = "offers.pass", skip_all, fields(job = "offers"))]
async fn pass(db: Db, public_url: String) -> Result<Progress, AppError> {
    let n = offers::expire_due(&db, &public_url, Utc::now()).await?;
    if n > 0 {
        tracing::info!(offers.expired = n, "offers expired");
    }
    // It takes a batch at a time: after one, look again at once.
    Ok(Progress::more_if(n > 0))
}
