//! The emails a collaboration's steps cause: the other party hears of each step, both
//! hear when the clock confirms, and both when their reviews are published.

use chrono::Duration;
use sea_orm::{ConnectionTrait, DbErr};

use crate::{
    db::{
        accounts::{self, AccountRow},
        collaborations::CollabRow,
        offer_versions, products, profiles,
    },
    domain::{
        collaboration::{CONFIRM_AFTER_DAYS, REVIEW_WINDOW_DAYS, Step},
        offer::Party,
    },
    services::notify::{self, CollabMail, Links, Notification},
};

/// The two parties of `c`: (supplier, host).
pub(super) async fn parties(
    db: &impl ConnectionTrait,
    c: &CollabRow,
) -> Result<Option<(AccountRow, AccountRow)>, DbErr> {
    let supplier = accounts::find(db, c.supplier_id).await?;
    let host = accounts::find(db, c.host_id).await?;
    Ok(supplier.zip(host))
}

async fn mail(
    db: &impl ConnectionTrait,
    c: &CollabRow,
    by_name: String,
    other_name: String,
    by_clock: bool,
) -> Result<CollabMail, DbErr> {
    let ids = offer_versions::find(db, c.offer_id, c.version)
        .await?
        .map(|(_, ids)| ids)
        .unwrap_or_default();
    let titles = products::by_ids(db, &ids)
        .await?
        .into_iter()
        .map(|p| p.title)
        .collect();
    Ok(CollabMail {
        collaboration_id: c.id,
        by_name,
        other_name,
        products: titles,
        live_at: c.live_at,
        duration_minutes: c.duration_minutes,
        carrier: c.carrier.clone(),
        tracking_number: c.tracking_number.clone(),
        replay_url: c.replay_url.clone(),
        units_sold: c.units_sold,
        confirm_by: c
            .completed_at
            .map(|at| at + Duration::days(CONFIRM_AFTER_DAYS)),
        by_clock,
        review_until: c
            .confirmed_at
            .map(|at| at + Duration::days(REVIEW_WINDOW_DAYS)),
        reason: c.cancelled_reason.clone(),
    })
}

fn notification(step: Step, m: CollabMail) -> Notification {
    match step {
        Step::Schedule => Notification::CollabScheduled(m),
        Step::Ship => Notification::CollabShipped(m),
        Step::Receive => Notification::CollabReceived(m),
        Step::Complete => Notification::CollabCompleted(m),
        Step::Confirm => Notification::CollabConfirmed(m),
        Step::Cancel => Notification::CollabCancelled(m),
    }
}

/// Tells the party that did not take `step` (taken by `side`) that it was taken.
pub(super) async fn tell_other(
    db: &impl ConnectionTrait,
    links: &Links,
    c: &CollabRow,
    step: Step,
    side: Party,
) -> Result<(), DbErr> {
    let Some((supplier, host)) = parties(db, c).await? else {
        return Ok(());
    };
    let (by, to) = match side {
        Party::Supplier => (&supplier, &host),
        Party::Host => (&host, &supplier),
    };
    let by_name = profiles::name_of(db, by).await?;
    let m = mail(db, c, by_name.clone(), by_name, false).await?;
    let key = format!(
        "{}:{}:{}",
        c.id,
        step.as_str(),
        c.updated_at.timestamp_millis()
    );
    notify::queue(db, links, to, &key, notification(step, m)).await
}

/// Tells both parties: the clock confirmed `c`, or their reviews are published.
pub(super) async fn tell_both(
    db: &impl ConnectionTrait,
    links: &Links,
    c: &CollabRow,
    published: bool,
) -> Result<(), DbErr> {
    let Some((supplier, host)) = parties(db, c).await? else {
        return Ok(());
    };
    for (to, other) in [(&supplier, &host), (&host, &supplier)] {
        let m = mail(
            db,
            c,
            String::new(),
            profiles::name_of(db, other).await?,
            true,
        )
        .await?;
        let (what, n) = if published {
            ("reviews", Notification::ReviewsPublished(m))
        } else {
            ("confirm", Notification::CollabConfirmed(m))
        };
        let key = format!("{}:{what}:{}", c.id, to.id);
        notify::queue(db, links, to, &key, n).await?;
    }
    Ok(())
}
