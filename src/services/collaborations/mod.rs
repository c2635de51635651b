//! Collaborations: what an accepted offer becomes, with the accepted version's terms
//! frozen. Its parties take the steps of `domain::collaboration` (schedule, shipment,
//! receipt, completion, confirmation, cancellation), each a conditional update (one
//! winner of a race), audited and emailed to the other party in the same transaction;
//! `clock` lets a completion stand after 7 days; `reviews` are written after it.

mod clock;
mod closing;
mod input;
mod mail;
pub mod reviews;

pub use clock::{confirm_due, publish_due};
pub(crate) use closing::end_for_closing;
pub use input::{CancelRequest, CompleteRequest, ScheduleRequest, ShipmentRequest, StepInput};

use chrono::Utc;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, Value};
use serde_json::json;
use uuid::Uuid;

use crate::{
    db::{
        Db, audit,
        collaborations::{self, CollabRow, Column, Whose},
        offer_versions::{self, VersionRow},
    },
    domain::{
        Actor, PageRequest, Refusal, Refuses, Role,
        collaboration::{CollabStatus, ConfirmedBy, Step},
        fields::FieldError,
        offer::Party,
    },
    policy::{self, Denied},
    services::{notify::Links, track_record},
};

#[derive(Debug, thiserror::Error)]
pub enum CollabError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such collaboration")]
    NotFound,
    #[error("the step cannot be taken with these fields")]
    Invalid(Vec<FieldError>),
    /// The state of the collaboration does not allow the step now.
    #[error("{0}")]
    Conflict(String),
    #[error("reading or writing collaborations")]
    Db(#[from] DbErr),
}

impl Refuses for CollabError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::Invalid(e) => Some(Refusal::Invalid(e.clone())),
            Self::Conflict(m) => Some(Refusal::Conflict(m.clone())),
            Self::Db(_) => None,
        }
    }
}

type Result<T, E = CollabError> = std::result::Result<T, E>;

/// A collaboration with the terms it froze: the accepted version and its products.
#[derive(Debug, Clone)]
pub struct Collaboration {
    pub row: CollabRow,
    pub terms: VersionRow,
    pub product_ids: Vec<Uuid>,
}

async fn with_terms(db: &impl ConnectionTrait, row: CollabRow) -> Result<Collaboration> {
    let (terms, product_ids) = offer_versions::find(db, row.offer_id, row.version)
        .await?
        .ok_or(CollabError::NotFound)?;
    Ok(Collaboration {
        row,
        terms,
        product_ids,
    })
}

/// The collaboration if `me` is one of its parties or an admin; 404 otherwise.
async fn visible(db: &impl ConnectionTrait, me: &Actor, id: Uuid) -> Result<CollabRow> {
    collaborations::find(db, id)
        .await?
        .filter(|c| policy::can_see_offer(me, c.supplier_id, c.host_id))
        .ok_or(CollabError::NotFound)
}

#[tracing::instrument(name = "collaborations.get", skip_all, fields(collaboration.id = %id))]
pub async fn get(db: &Db, me: &Actor, id: Uuid) -> Result<Collaboration> {
    let row = visible(db.conn(), me, id).await?;
    with_terms(db.conn(), row).await
}

/// The offer's collaboration, for the offer's parties and admins, if it was accepted.
pub async fn of_offer(db: &Db, me: &Actor, offer_id: Uuid) -> Result<Option<Collaboration>> {
    match collaborations::of_offer(db.conn(), offer_id).await? {
        Some(c) if policy::can_see_offer(me, c.supplier_id, c.host_id) => {
            Ok(Some(with_terms(db.conn(), c).await?))
        }
        _ => Ok(None),
    }
}

/// `me`'s collaborations (every one, for admins), newest first.
#[tracing::instrument(name = "collaborations.list", skip_all)]
pub async fn list(
    db: &Db,
    me: &Actor,
    status: Option<CollabStatus>,
    page: PageRequest,
) -> Result<(Vec<Collaboration>, u64)> {
    let whose = if me.role == Role::Admin {
        Whose::Anyone
    } else {
        Whose::Party(me.id)
    };
    let (rows, total) =
        collaborations::list(db.conn(), whose, status, page.page, page.per_page).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(with_terms(db.conn(), r).await?);
    }
    Ok((out, total))
}

fn conflict(why: impl Into<String>) -> CollabError {
    CollabError::Conflict(why.into())
}

/// Why `step` cannot be taken from `c` now, if it cannot.
fn refused_now(
    c: &CollabRow,
    terms: &VersionRow,
    input: &StepInput,
    now: chrono::DateTime<Utc>,
) -> Option<String> {
    let step = input.step();
    if !step.from().contains(&c.status) || (step == Step::Confirm && c.confirmed_at.is_some()) {
        let state = if c.confirmed_at.is_some() {
            "confirmed"
        } else {
            c.status.as_str()
        };
        return Some(format!(
            "The collaboration is {state}; it cannot take the {} step now.",
            step.as_str()
        ));
    }
    match input {
        StepInput::Ship { .. } if !terms.free_samples => {
            Some("The agreed terms include no free samples: there is no shipment to record.".into())
        }
        StepInput::Complete { .. } => match c.live_at {
            None => Some("Schedule the live session before marking it done.".into()),
            Some(at) if at > now => Some(format!(
                "The live session starts at {}; it can be marked done once it has begun.",
                at.format("%Y-%m-%d %H:%M UTC")
            )),
            Some(_) => None,
        },
        _ => None,
    }
}

/// What `input` records on the row.
fn sets(input: &StepInput, side: Party, now: chrono::DateTime<Utc>) -> Vec<(Column, Value)> {
    let at = Value::from(Some(now));
    match input.clone() {
        StepInput::Schedule {
            live_at,
            duration_minutes,
        } => vec![
            (Column::LiveAt, Some(live_at).into()),
            (Column::DurationMinutes, Some(duration_minutes).into()),
        ],
        StepInput::Ship {
            carrier,
            tracking_number,
        } => vec![
            (Column::Carrier, Some(carrier).into()),
            (Column::TrackingNumber, Some(tracking_number).into()),
            (Column::ShippedAt, at),
        ],
        StepInput::Receive => vec![(Column::ReceivedAt, at)],
        StepInput::Complete {
            replay_url,
            units_sold,
        } => vec![
            (Column::ReplayUrl, replay_url.into()),
            (Column::UnitsSold, units_sold.into()),
            (Column::CompletedAt, at),
        ],
        StepInput::Confirm => vec![
            (Column::ConfirmedAt, at),
            (
                Column::ConfirmedBy,
                Some(ConfirmedBy::Supplier.as_str()).into(),
            ),
        ],
        StepInput::Cancel { reason } => vec![
            (Column::CancelledAt, at),
            (Column::CancelledBy, Some(side.as_str()).into()),
            (Column::CancelledReason, Some(reason).into()),
        ],
    }
}

/// Takes `step` on collaboration `id` as `me`. Refusals in order: 404 for a stranger,
/// 403 for an admin or the party the step is not for, then 422 for its fields, then 409
/// when the collaboration's state does not allow it (or a racing step moved it first).
#[tracing::instrument(name = "collaborations.step", skip_all, fields(collaboration.id = %id, step = step.as_str()))]
pub async fn take_step<E: From<CollabError> + From<DbErr>>(
    db: &Db,
    links: &Links,
    me: &Actor,
    id: Uuid,
    step: Step,
    input: impl FnOnce() -> Result<StepInput, E>,
) -> Result<Collaboration, E> {
    let txn = db.begin_write().await?;
    let c = visible(&txn, me, id).await?;
    policy::may_take_step(me, step, c.supplier_id, c.host_id).map_err(CollabError::from)?;
    let input = input()?;
    let side = policy::side(me, c.supplier_id, c.host_id).ok_or(CollabError::NotFound)?;
    let now = Utc::now();
    let (terms, _) = offer_versions::find(&txn, c.offer_id, c.version)
        .await?
        .ok_or(CollabError::NotFound)?;
    if let Some(why) = refused_now(&c, &terms, &input, now) {
        return Err(conflict(why).into());
    }
    // A completion also needs the live time passed as the row holds it then: a
    // reschedule racing it may have moved it ahead.
    let also = match step {
        Step::Complete => Some(Condition::all().add(Column::LiveAt.lte(now))),
        Step::Confirm => Some(Condition::all().add(Column::ConfirmedAt.is_null())),
        _ => None,
    };
    let moved = collaborations::advance(
        &txn,
        id,
        c.status,
        step.to(c.status),
        also,
        sets(&input, side, now),
        now,
    )
    .await?;
    if !moved {
        return Err(
            conflict("The collaboration changed meanwhile; reload it and try again.").into(),
        );
    }
    let reason = match &input {
        StepInput::Cancel { reason } => Some(reason.as_str()),
        _ => None,
    };
    audit::record(
        &txn,
        audit::AuditEntry {
            actor_id: Some(me.id),
            action: &format!("collaboration.{}", step.as_str()),
            target_type: "collaboration",
            target_id: Some(id),
            reason,
            details: json!({"by": side, "from": c.status, "to": step.to(c.status)}),
        },
    )
    .await?;
    if step == Step::Confirm {
        track_record::refresh(&txn, Party::Supplier, c.supplier_id).await?;
        track_record::refresh(&txn, Party::Host, c.host_id).await?;
    }
    let after = collaborations::find(&txn, id)
        .await?
        .ok_or(CollabError::NotFound)?;
    mail::tell_other(&txn, links, &after, step, side).await?;
    let out = with_terms(&txn, after).await?;
    txn.commit().await?;
    Ok(out)
}
