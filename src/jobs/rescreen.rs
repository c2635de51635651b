//! The re-screening job: after the rules or terms change (here, or in another process,
//! seen through the compliance generation), every product's and host profile's findings
//! are recomputed in batches, off the request path. It also runs at start, so findings
//! stored under an older shipped rules file are brought up to date.

use std::time::Duration;

use tokio::sync::watch;

use crate::{
    db::Db,
    services::{rescreen, rulebook::LiveRulebook},
};

/// How often the job looks for a change made by another process.
pub const INTERVAL: Duration = Duration::from_secs(30);

/// After a change, how long before one more pass: a save that screened with the old
/// rulebook just before the swap is caught by it.
const SETTLE: Duration = Duration::from_secs(2);

pub async fn run(db: Db, c: LiveRulebook, mut stop: watch::Receiver<bool>) {
    let mut settle = false;
    loop {
        match rescreen::rescreen(&db, &c).await {
            Ok(done) if done.products + done.hosts > 0 => {
                tracing::info!(
                    products = done.products,
                    hosts = done.hosts,
                    changed = done.changed,
                    "re-screened against the rules in force"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "re-screening failed"),
        }
        let wait = if settle { SETTLE } else { INTERVAL };
        settle = false;
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = c.changed.notified() => settle = true,
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}
