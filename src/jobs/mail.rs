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
        outbox::{self, OutboxRow},
    },
    domain::Locale,
    email::{EmailError, Mailer, Outgoing, render},
};

/// After this many attempts a row is given up as `dead`: with the backoff below that is
/// more than a day of trying.
pub const MAX_ATTEMPTS: i32 = 40;
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
        let rows = outbox::claim_due(db, now, lease, 1).await?;
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
    let conn = db.conn();
    match result {
        Ok(()) => {
            outbox::record_outcome(conn, row.id, outbox::SENT, None, None, Utc::now()).await?;
            metrics::counter!("hostmatch_emails_total", "outcome" => "sent").increment(1);
            tracing::info!("email sent");
            Ok(Outcome::Sent)
        }
        Err(EmailError::Permanent(msg)) => {
            outbox::record_outcome(conn, row.id, outbox::FAILED, Some(&msg), None, Utc::now())
                .await?;
            metrics::counter!("hostmatch_emails_total", "outcome" => "failed").increment(1);
            tracing::warn!(error = %msg, "email refused for good");
            Ok(Outcome::Failed)
        }
        Err(EmailError::Temporary(msg)) if row.attempts >= MAX_ATTEMPTS => {
            outbox::record_outcome(conn, row.id, outbox::DEAD, Some(&msg), None, Utc::now())
                .await?;
            metrics::counter!("hostmatch_emails_total", "outcome" => "dead").increment(1);
            tracing::error!(error = %msg, "email given up after {MAX_ATTEMPTS} attempts");
            Ok(Outcome::Failed)
        }
        Err(EmailError::Temporary(msg)) => {
            let at = now.max(Utc::now()) + backoff(row.attempts);
            outbox::record_outcome(
                conn,
                row.id,
                outbox::PENDING,
                Some(&msg),
                Some(at),
                Utc::now(),
            )
            .await?;
            metrics::counter!("hostmatch_emails_total", "outcome" => "retry").increment(1);
            tracing::warn!(error = %msg, retry_at = %at, "email delivery failed; will retry");
            Ok(Outcome::Retry)
        }
    }
}

fn compose(row: &OutboxRow) -> Result<Outgoing<'_>, EmailError> {
    let payload: serde_json::Value = serde_json::from_str(&row.payload)
        .map_err(|e| EmailError::Permanent(format!("payload: {e}")))?;
    let content = render(&row.template, Locale::from_stored(&row.locale), &payload)
        .map_err(|e| EmailError::Permanent(e.to_string()))?;
    Ok(Outgoing {
        message_id: format!("<{}@hostmatch>", row.id),
        dedupe_key: &row.dedupe_key,
        to_address: &row.to_address,
        to_name: &row.to_name,
        content,
    })
}

/// The worker loop: a pass whenever `poll` elapses, until `stop` is set. A pass in progress
/// finishes the email it is sending.
pub async fn run(
    db: Db,
    mailer: Mailer,
    poll: StdDuration,
    lease: StdDuration,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        if let Err(e) = run_due(&db, &mailer, Utc::now(), lease, Some(&stop)).await {
            tracing::error!(error = %e, "mail worker pass failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            tracing::info!("mail worker stopped");
            return;
        }
    }
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
