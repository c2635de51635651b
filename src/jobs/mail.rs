//! The mail worker: claims due outbox rows, renders them in the recipient's language, sends
//! them and records the outcome, retrying temporary failures with exponential backoff.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::DbErr;
use tokio::sync::watch;

use crate::{
    db::{
        Db,
        outbox::{self, OutboxRow, OutboxStatus},
    },
    email::{EmailError, Mailer, Outgoing, render},
    jobs::worker::{Progress, Worker},
};

/// After this many attempts a row is given up as `dead`: with the backoff below that is
/// more than a day (about 26 hours) of trying.
pub const MAX_ATTEMPTS: i32 = 60;
const FIRST_RETRY_SECS: i64 = 15;
const MAX_RETRY_SECS: i64 = 30 * 60;

/// The delay before attempt `attempts + 1`: 15 s doubling to a 30 min ceiling, with up to
/// 10% jitter so that many rows failing together do not retry together.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 20) - 1;
    let secs = (FIRST_RETRY_SECS << exp).min(MAX_RETRY_SECS);
    let jitter = rand::rng().random_range(0..=secs / 10);
    Duration::seconds(secs + jitter)
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Sends everything due at `now`, one row at a time, until nothing is due or `stop` is set.
pub async fn run_due(
    db: &Db,
    mailer: &Mailer,
    now: DateTime<Utc>,
    lease: StdDuration,
    stop: Option<&watch::Receiver<bool>>,
) -> Result<Pass, DbErr> {
    let lease = Duration::from_std(lease).unwrap_or(Duration::minutes(2));
    let mut pass = Pass::default();
    loop {
        if stop.is_some_and(|s| *s.borrow()) {
            break;
        }
        // `now` may lie in the future (tests step over a backoff) but never in the past:
        // a long pass must not hand out leases that have already run out.
        let rows = outbox::claim_due(db, now.max(Utc::now()), lease, 1).await?;
        let Some(row) = rows.into_iter().next() else {
            break;
        };
        match deliver(db, mailer, &row, now).await? {
            Outcome::Sent => pass.sent += 1,
            Outcome::Retry => pass.retried += 1,
            Outcome::Failed => pass.failed += 1,
        }
    }
    Ok(pass)
}

enum Outcome {
    Sent,
    Retry,
    Failed,
}

#[tracing::instrument(skip_all, fields(email.id = %row.id, email.template = %row.template, email.attempt = row.attempts))]
async fn deliver(
    db: &Db,
    mailer: &Mailer,
    row: &OutboxRow,
    now: DateTime<Utc>,
) -> Result<Outcome, DbErr> {
    let result = match compose(row) {
        Ok(email) => mailer.send(&email, &row.id.to_string()).await,
        Err(e) => Err(e),
    };
    let Err(e) = result else {
        outbox::record_outcome(db.conn(), row, OutboxStatus::Sent, None, None, Utc::now()).await?;
        metrics::counter!("hostmatch_emails_total", "outcome" => "sent").increment(1);
        tracing::info!("email sent");
        return Ok(Outcome::Sent);
    };
    // Only the summary is logged: server replies often quote the recipient's address.
    let (status, retry_at, outcome, label) = if !e.temporary {
        (OutboxStatus::Failed, None, Outcome::Failed, "failed")
    } else if row.attempts >= MAX_ATTEMPTS {
        (OutboxStatus::Dead, None, Outcome::Failed, "dead")
    } else {
        let at = now.max(Utc::now()) + backoff(row.attempts);
        (OutboxStatus::Pending, Some(at), Outcome::Retry, "retry")
    };
    outbox::record_outcome(
        db.conn(),
        row,
        status,
        Some(&e.detail),
        retry_at,
        Utc::now(),
    )
    .await?;
    metrics::counter!("hostmatch_emails_total", "outcome" => label).increment(1);
    match outcome {
        Outcome::Retry => {
            tracing::warn!(error = %e.summary, retry_at = ?retry_at, "email delivery failed; will retry")
        }
        _ if status == OutboxStatus::Dead => {
            tracing::error!(error = %e.summary, "email given up after {MAX_ATTEMPTS} attempts")
        }
        _ => tracing::warn!(error = %e.summary, "email refused for good"),
    }
    Ok(outcome)
}

fn compose(row: &OutboxRow) -> Result<Outgoing<'_>, EmailError> {
    let payload = &row.payload.0;
    let content = render(row.template, row.locale, payload)
        .map_err(|e| EmailError::permanent("template cannot be rendered", e))?;
    Ok(Outgoing {
        message_id: format!("<{}@hostmatch>", row.id),
        dedupe_key: &row.dedupe_key,
        to_address: &row.to_address,
        to_name: &row.to_name,
        content,
    })
}

/// The worker loop: a pass at once and whenever `poll` elapses, until `stop` is set. A pass
/// in progress finishes the email it is sending.
pub async fn run(
    db: Db,
    mailer: Mailer,
    poll: StdDuration,
    lease: StdDuration,
    stop: watch::Receiver<bool>,
) {
    let pass_stop = stop.clone();
    let job = move || pass(db.clone(), mailer.clone(), lease, pass_stop.clone());
    Worker::new("mail", poll).run(stop, job).await;
}

#[tracing::instrument(name = "mail.pass", skip_all, fields(job = "mail"))]
async fn pass(
    db: Db,
    mailer: Mailer,
    lease: StdDuration,
    stop: watch::Receiver<bool>,
) -> Result<Progress, DbErr> {
    // `run_due` itself goes on until nothing is due, rows queued while it sent included.
    run_due(&db, &mailer, Utc::now(), lease, Some(&stop)).await?;
    Ok(Progress::CaughtUp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let secs = |n| backoff(n).num_seconds();
        assert!((15..=16).contains(&secs(1)));
        assert!((30..=33).contains(&secs(2)));
        assert!((1800..=1980).contains(&secs(12)));
        assert!((1800..=1980).contains(&secs(39)));
    }
}
