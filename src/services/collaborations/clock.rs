//! What time does to collaborations, run by the marketplace clock: a completion stands 7
//! days after it unless the supplier confirmed sooner, and reviews are published when
//! the 14-day window after confirmation closes. Every pass finds what is due from the
//! rows, so a restart loses nothing.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ColumnTrait;
use serde_json::json;

use super::{Result, mail, reviews};
use crate::{
    db::{
        Db, audit,
        collaborations::{self, Column},
    },
    domain::{
        collaboration::{CONFIRM_AFTER_DAYS, CollabStatus, ConfirmedBy, REVIEW_WINDOW_DAYS},
        offer::Party,
    },
    services::{notify::Links, track_record},
};

/// Confirms every completion older than 7 days at `now`, emailing both parties; how many.
#[tracing::instrument(name = "collaborations.confirm_due", skip_all)]
pub async fn confirm_due(db: &Db, links: &Links, now: DateTime<Utc>) -> Result<usize> {
    let before = now - Duration::days(CONFIRM_AFTER_DAYS);
    let due = collaborations::due_to_confirm(db.conn(), before, 100).await?;
    let mut n = 0;
    for c in due {
        let txn = db.begin_write().await?;
        let sets = vec![
            (Column::ConfirmedAt, Some(now).into()),
            (
                Column::ConfirmedBy,
                Some(ConfirmedBy::Clock.as_str()).into(),
            ),
        ];
        let done = CollabStatus::Completed;
        let unconfirmed = Some(sea_orm::Condition::all().add(Column::ConfirmedAt.is_null()));
        if !collaborations::advance(&txn, c.id, done, done, unconfirmed, sets, now).await? {
            continue; // the supplier confirmed it meanwhile
        }
        audit::record(
            &txn,
            audit::AuditEntry {
                actor_id: None,
                action: "collaboration.confirm",
                target_type: "collaboration",
                target_id: Some(c.id),
                reason: None,
                details: json!({"by": ConfirmedBy::Clock}),
            },
        )
        .await?;
        track_record::refresh(&txn, Party::Supplier, c.supplier_id).await?;
        track_record::refresh(&txn, Party::Host, c.host_id).await?;
        if let Some(after) = collaborations::find(&txn, c.id).await? {
            mail::tell_both(&txn, links, &after, false).await?;
        }
        txn.commit().await?;
        n += 1;
    }
    Ok(n)
}

/// Publishes the reviews of every collaboration whose window closed at `now`; how many
/// collaborations it closed.
#[tracing::instrument(name = "collaborations.publish_due", skip_all)]
pub async fn publish_due(db: &Db, links: &Links, now: DateTime<Utc>) -> Result<usize> {
    let before = now - Duration::days(REVIEW_WINDOW_DAYS);
    let due = collaborations::due_to_publish(db.conn(), before, 100).await?;
    let mut n = 0;
    for c in due {
        let txn = db.begin_write().await?;
        if reviews::publish(&txn, links, &c, now).await? {
            n += 1;
        }
        txn.commit().await?;
    }
    Ok(n)
}
