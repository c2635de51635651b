//! Reviews both ways after a confirmed collaboration: 1 to 5 stars and a text, one per
//! party, screened like a message, within 14 days of confirmation. A review is published
//! when both are in or the window closes; its author always sees it. Publishing (and an
//! admin hiding one) recomputes both track records in the same transaction.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{CollabError, Result, conflict, mail, visible};
use crate::{
    db::{
        self, Db, accounts, audit,
        collaborations::{self, CollabRow},
        profiles,
        reviews::{self, NewReview, ReviewRow},
    },
    domain::{
        AccountStatus, Actor, Role, account::parse_reason, collaboration::REVIEW_WINDOW_DAYS,
        fields::FieldError, offer::Party,
    },
    policy,
    services::{notify::Links, rulebook::Rulebook, screening, track_record},
};

pub const MAX_REVIEW_CHARS: usize = 2000;

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// 1 to 5 stars.
    pub rating: Option<i64>,
    /// 1 to 2,000 characters.
    pub text: Option<String>,
}

/// Writes `me`'s review of the other party of collaboration `id`.
#[tracing::instrument(name = "reviews.write", skip_all, fields(collaboration.id = %id))]
pub async fn write<E: From<CollabError> + From<DbErr>>(
    db: &Db,
    links: &Links,
    book: &Rulebook,
    me: &Actor,
    id: Uuid,
    req: impl FnOnce() -> Result<ReviewRequest, E>,
) -> Result<ReviewRow, E> {
    let txn = db.begin_write().await?;
    visible(&txn, me, id).await?;
    // Locked, so two reviews written at once see each other (the second publishes
    // both) and the clock's publication waits or is waited for.
    let c = collaborations::find_for_update(&txn, id)
        .await?
        .ok_or(CollabError::NotFound)?;
    policy::may_write_as_party(me, c.supplier_id, c.host_id).map_err(CollabError::from)?;
    let req = req()?;
    let side = policy::side(me, c.supplier_id, c.host_id).ok_or(CollabError::NotFound)?;
    let markets = profiles::find_host(&txn, c.host_id)
        .await?
        .map(|p| p.markets.0)
        .unwrap_or_default();
    let mut errors = Vec::new();
    let rating = match req.rating {
        Some(r @ 1..=5) => i16::try_from(r).unwrap_or(5),
        _ => {
            errors.push(FieldError::new(
                "rating",
                "must be a whole number of stars from 1 to 5",
            ));
            0
        }
    };
    let text = req.text.unwrap_or_default();
    let screened =
        screening::screen_writing(book, "text", &text, MAX_REVIEW_CHARS, &markets, me.locale);
    let (text, findings) = match screened {
        Ok(ok) => ok,
        Err(e) => {
            errors.push(e);
            (String::new(), Vec::new())
        }
    };
    if !errors.is_empty() {
        return Err(CollabError::Invalid(errors).into());
    }
    let now = Utc::now();
    let Some(confirmed) = c.confirmed_at else {
        return Err(conflict("Reviews open once the collaboration is confirmed.").into());
    };
    let closes = confirmed + Duration::days(REVIEW_WINDOW_DAYS);
    if now > closes || c.reviews_published_at.is_some() {
        return Err(conflict("The 14 days for reviewing this collaboration have passed.").into());
    }
    let subject_id = match side {
        Party::Supplier => c.host_id,
        Party::Host => c.supplier_id,
    };
    let new = NewReview {
        collaboration_id: c.id,
        author_id: me.id,
        subject_id,
        author_role: side,
        rating,
        body: &text,
        findings,
    };
    let row = match reviews::insert(&txn, new, now).await {
        Ok(r) => r,
        Err(e) if db::is_unique_violation(&e) => {
            return Err(conflict("You have reviewed this collaboration already.").into());
        }
        Err(e) => return Err(CollabError::from(e).into()),
    };
    if reviews::of_collaboration(&txn, c.id).await?.len() == 2 {
        publish(&txn, links, &c, now).await?;
    }
    let row = reviews::find(&txn, row.id)
        .await?
        .ok_or(CollabError::NotFound)?;
    txn.commit().await?;
    Ok(row)
}

/// Publishes the reviews of `c` at `now`, recomputes both track records and tells both
/// parties; false when they were published already.
pub(super) async fn publish(
    db: &impl ConnectionTrait,
    links: &Links,
    c: &CollabRow,
    now: DateTime<Utc>,
) -> Result<bool> {
    if !collaborations::mark_published(db, c.id, now).await? {
        return Ok(false);
    }
    reviews::publish(db, c.id, now).await?;
    track_record::refresh(db, Party::Supplier, c.supplier_id).await?;
    track_record::refresh(db, Party::Host, c.host_id).await?;
    if !reviews::of_collaboration(db, c.id).await?.is_empty() {
        mail::tell_both(db, links, c, true).await?;
    }
    Ok(true)
}

/// The reviews of collaboration `id` that `me` may see: its own always, the other's once
/// published; all of them for admins.
#[tracing::instrument(name = "reviews.of_collaboration", skip_all, fields(collaboration.id = %id))]
pub async fn of_collaboration(db: &Db, me: &Actor, id: Uuid) -> Result<Vec<ReviewRow>> {
    let c = visible(db.conn(), me, id).await?;
    Ok(reviews::of_collaboration(db.conn(), c.id)
        .await?
        .into_iter()
        .filter(|r| me.is_admin() || r.author_id == me.id || r.published_at.is_some())
        .collect())
}

/// The published reviews of the host or supplier `subject_id`, newest first, for any
/// account that may see the subject.
#[tracing::instrument(name = "reviews.about", skip_all, fields(subject.id = %subject_id))]
pub async fn about(
    db: &Db,
    viewer: &Actor,
    role: Role,
    subject_id: Uuid,
    page: crate::domain::PageRequest,
) -> Result<(Vec<ReviewRow>, u64)> {
    let subject = accounts::find(db.conn(), subject_id)
        .await?
        .filter(|a| a.role == role && a.status != AccountStatus::Closed)
        .filter(|a| policy::can_see_account(viewer, a.id, a.status))
        .ok_or(CollabError::NotFound)?;
    let rows =
        reviews::published_about(db.conn(), subject.id, page.offset(), page.per_page).await?;
    let total = reviews::published_count(db.conn(), subject.id).await?;
    Ok((rows, total))
}

/// An admin hides a review with a reason (audited); the subject's rating leaves it out.
#[tracing::instrument(name = "reviews.hide", skip_all, fields(review.id = %id))]
pub async fn hide(db: &Db, me: &Actor, id: Uuid, reason: Option<String>) -> Result<ReviewRow> {
    policy::may_administer(me)?;
    let reason = parse_reason(reason, true)
        .map_err(|e| CollabError::Invalid(vec![e]))?
        .unwrap_or_default();
    let txn = db.begin_write().await?;
    let r = reviews::find(&txn, id)
        .await?
        .ok_or(CollabError::NotFound)?;
    if reviews::hide(&txn, id, &reason, Utc::now()).await? {
        audit::record(
            &txn,
            audit::AuditEntry {
                actor_id: Some(me.id),
                action: "review.hide",
                target_type: "review",
                target_id: Some(id),
                reason: Some(&reason),
                details: json!({"collaboration_id": r.collaboration_id}),
            },
        )
        .await?;
        track_record::refresh(&txn, r.author_role.other(), r.subject_id).await?;
    }
    let r = reviews::find(&txn, id)
        .await?
        .ok_or(CollabError::NotFound)?;
    txn.commit().await?;
    Ok(r)
}
