//! The session sweep: browser sessions past their idle or absolute end are deleted. A
//! session presented after its end is deleted then; this removes the ones nobody presents
//! again.

use std::time::Duration;

use chrono::Utc;
use sea_orm::DbErr;
use tokio::sync::watch;

use crate::{
    db::Db,
    jobs::worker::{Progress, Worker},
    services::web_sessions,
};

/// How often dead sessions are swept.
pub const INTERVAL: Duration = Duration::from_secs(3600);

pub async fn run(db: Db, stop: watch::Receiver<bool>) {
    let job = move || pass(db.clone());
    Worker::new("sessions", INTERVAL).run(stop, job).await;
}

#[tracing::instrument(name = "sessions.pass", skip_all, fields(job = "sessions"))]
async fn pass(db: Db) -> Result<Progress, DbErr> {
    let n = web_sessions::sweep(&db, Utc::now()).await?;
    if n > 0 {
        tracing::info!(sessions.swept = n, "dead browser sessions removed");
    }
    // One statement removes them all.
    Ok(Progress::more_if(false))
}
