//! The re-screening job: after the rules or terms change (here, or in another process,
//! seen through the compliance generation), every product's and host profile's findings
//! are recomputed in batches, off the request path. It also runs at start, so findings
//! stored under an older shipped rules file are brought up to date.

use std::time::Duration;

use tokio::sync::watch;

use crate::{
    db::Db,
    jobs::worker::{Progress, Worker},
    services::{
        rescreen::{self, RescreenError},
        rulebook::LiveRulebook,
    },
};

/// How often the job looks for a change made by another process.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// After a change, how long before one more pass: a save that screened with the old
/// rulebook just before the swap is caught by it.
const SETTLE: Duration = Duration::from_secs(2);

pub async fn run(db: Db, c: LiveRulebook, stop: watch::Receiver<bool>) {
    let worker = Worker::new("rescreen", INTERVAL)
        .woken_by(c.changed.clone())
        .settle_after_wake(SETTLE);
    let job = move || pass(db.clone(), c.clone());
    worker.run(stop, job).await;
}

#[tracing::instrument(name = "rescreen.pass", skip_all, fields(job = "rescreen"))]
async fn pass(db: Db, c: LiveRulebook) -> Result<Progress, RescreenError> {
    let done = rescreen::rescreen(&db, &c).await?;
    if done.products + done.hosts > 0 {
        tracing::info!(
            rescreen.products = done.products,
            rescreen.hosts = done.hosts,
            rescreen.changed = done.changed,
            "re-screened against the rules in force"
        );
    }
    // A save that screened with the old rules while the pass ran is stale again: look once
    // more at once.
    Ok(Progress::more_if(done.products + done.hosts > 0))
}
