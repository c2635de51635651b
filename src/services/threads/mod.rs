//! The thread of an offer: messages between its two parties, screened with the rulebook
//! (findings kept, prohibited content refused), which continues into the collaboration;
//! read marks and unread counts; reports, which open a thread to admins (each read
//! audited); admins hiding a message. `email` batches the new-message emails.

mod email;

pub use email::{EMAIL_DELAY, EMAIL_GAP, notify_due};

use chrono::Utc;
use sea_orm::DbErr;
use uuid::Uuid;

use crate::{
    db::{
        Db, audit,
        messages::{self, MessageRow, ReportRow},
        offers::{self, OfferRow},
        outreach, profiles,
    },
    domain::{
        Actor, Refusal, Refuses, account::parse_reason, fields::FieldError, offer::OfferStatus,
    },
    policy::{self, Denied},
    services::{rulebook::Rulebook, screening},
};

/// The most a message may hold.
pub const MAX_MESSAGE_CHARS: usize = 4000;

#[derive(Debug, thiserror::Error)]
pub enum ThreadError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such thread")]
    NotFound,
    #[error("the message cannot be sent as it is")]
    Invalid(Vec<FieldError>),
    #[error("The offer is {}; its thread takes no new messages.", .0.as_str())]
    Closed(OfferStatus),
    #[error("reading or writing a thread")]
    Db(#[from] DbErr),
}

impl Refuses for ThreadError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::Invalid(e) => Some(Refusal::Invalid(e.clone())),
            Self::Closed(_) => Some(Refusal::Conflict(self.to_string())),
            Self::Db(_) => None,
        }
    }
}

impl From<FieldError> for ThreadError {
    fn from(e: FieldError) -> Self {
        Self::Invalid(vec![e])
    }
}

type Result<T, E = ThreadError> = std::result::Result<T, E>;

/// The offer if `me` may see it; 404 otherwise.
async fn visible(
    db: &impl sea_orm::ConnectionTrait,
    me: &Actor,
    offer_id: Uuid,
) -> Result<OfferRow> {
    offers::find(db, offer_id)
        .await?
        .filter(|o| policy::can_see_offer(me, o.supplier_id, o.host_id))
        .ok_or(ThreadError::NotFound)
}

/// Writes `body` to the thread of `offer_id` as `me`: 404 for a stranger, 403 for an
/// admin or a blocked supplier, then 422 for a body that is empty, too long or prohibited
/// in the host's markets, and 409 once the offer is closed without a collaboration. The
/// other party's email waits in their read mark (`email`).
#[tracing::instrument(name = "threads.post", skip_all, fields(offer.id = %offer_id))]
pub async fn post<E: From<ThreadError> + From<DbErr>>(
    db: &Db,
    book: &Rulebook,
    me: &Actor,
    offer_id: Uuid,
    body: impl FnOnce() -> Result<String, E>,
) -> Result<MessageRow, E> {
    let txn = db.begin_write().await?;
    let offer = visible(&txn, me, offer_id).await?;
    policy::may_write_as_party(me, offer.supplier_id, offer.host_id).map_err(ThreadError::from)?;
    let blocked = me.id == offer.supplier_id
        && outreach::is_blocked(&txn, offer.host_id, offer.supplier_id).await?;
    if blocked {
        return Err(ThreadError::Denied(Denied(
            "This host does not take offers or messages from you.",
        ))
        .into());
    }
    let body = body()?;
    let markets = profiles::find_host(&txn, offer.host_id)
        .await?
        .map(|p| p.markets.0)
        .unwrap_or_default();
    let (body, findings) =
        screening::screen_writing(book, "body", &body, MAX_MESSAGE_CHARS, &markets, me.locale)
            .map_err(ThreadError::from)?;
    let now = Utc::now();
    match offer.status.as_seen(offer.expires_at, now) {
        OfferStatus::Sent | OfferStatus::Accepted => {}
        closed => return Err(ThreadError::Closed(closed).into()),
    }
    let row = messages::insert(&txn, offer_id, me.id, &body, findings, now).await?;
    let reader = if me.id == offer.supplier_id {
        offer.host_id
    } else {
        offer.supplier_id
    };
    messages::note_pending(&txn, offer_id, reader, now).await?;
    txn.commit().await?;
    Ok(row)
}

/// The thread, oldest first: for its parties; for admins once a party has reported it,
/// each read audited; 404 for anyone else.
#[tracing::instrument(name = "threads.list", skip_all, fields(offer.id = %offer_id))]
pub async fn list(db: &Db, me: &Actor, offer_id: Uuid) -> Result<Vec<MessageRow>> {
    let offer = visible(db.conn(), me, offer_id).await?;
    if policy::side(me, offer.supplier_id, offer.host_id).is_none() {
        if !messages::is_reported(db.conn(), offer_id).await? {
            return Err(Denied(
                "Admins read a thread only once one of its parties has reported it.",
            )
            .into());
        }
        let txn = db.begin_write().await?;
        audit::record(
            &txn,
            audit::AuditEntry {
                actor_id: Some(me.id),
                action: "thread.read",
                target_type: "offer",
                target_id: Some(offer_id),
                reason: None,
                details: serde_json::json!({}),
            },
        )
        .await?;
        let all = messages::of_offer(&txn, offer_id).await?;
        txn.commit().await?;
        return Ok(all);
    }
    Ok(messages::of_offer(db.conn(), offer_id).await?)
}

/// Marks the thread read by `me`, a party.
#[tracing::instrument(name = "threads.read", skip_all, fields(offer.id = %offer_id))]
pub async fn mark_read(db: &Db, me: &Actor, offer_id: Uuid) -> Result<()> {
    let offer = visible(db.conn(), me, offer_id).await?;
    policy::may_write_as_party(me, offer.supplier_id, offer.host_id)?;
    let txn = db.begin_write().await?;
    messages::mark_read(&txn, offer_id, me.id, Utc::now()).await?;
    txn.commit().await?;
    Ok(())
}

/// A party reports the thread, with a reason: admins may then read it.
#[tracing::instrument(name = "threads.report", skip_all, fields(offer.id = %offer_id))]
pub async fn report<E: From<ThreadError> + From<DbErr>>(
    db: &Db,
    me: &Actor,
    offer_id: Uuid,
    reason: impl FnOnce() -> Result<Option<String>, E>,
) -> Result<ReportRow, E> {
    let offer = visible(db.conn(), me, offer_id).await?;
    policy::may_write_as_party(me, offer.supplier_id, offer.host_id).map_err(ThreadError::from)?;
    let reason =
        reason()?.ok_or_else(|| ThreadError::from(FieldError::new("reason", "is required")))?;
    let txn = db.begin_write().await?;
    let row = messages::report(&txn, offer_id, me.id, &reason).await?;
    txn.commit().await?;
    Ok(row)
}

/// An admin hides a message with a reason its readers see instead (audited).
#[tracing::instrument(name = "threads.hide", skip_all, fields(message.id = %id))]
pub async fn hide(db: &Db, me: &Actor, id: Uuid, reason: Option<String>) -> Result<MessageRow> {
    policy::may_administer(me)?;
    let reason = parse_reason(reason, true)?.unwrap_or_default();
    let txn = db.begin_write().await?;
    let found = messages::find(&txn, id)
        .await?
        .ok_or(ThreadError::NotFound)?;
    if messages::hide(&txn, id, &reason, Utc::now()).await? {
        audit::record(
            &txn,
            audit::AuditEntry {
                actor_id: Some(me.id),
                action: "message.hide",
                target_type: "message",
                target_id: Some(id),
                reason: Some(&reason),
                details: serde_json::json!({"offer_id": found.offer_id}),
            },
        )
        .await?;
    }
    let row = messages::find(&txn, id)
        .await?
        .ok_or(ThreadError::NotFound)?;
    txn.commit().await?;
    Ok(row)
}

/// The latest 200 reports, newest first, for admins.
#[tracing::instrument(name = "threads.reports", skip_all)]
pub async fn reports(db: &Db, me: &Actor) -> Result<Vec<ReportRow>> {
    policy::may_administer(me)?;
    Ok(messages::reports(db.conn(), 200).await?)
}

/// How many messages wait unread for `me` across its threads.
#[tracing::instrument(name = "threads.unread", skip_all)]
pub async fn unread_count(db: &Db, me: &Actor) -> Result<u64> {
    Ok(messages::unread_count(db.conn(), me.id).await?)
}
