//! Queries on the email outbox: enqueue inside a caller's transaction, claim due rows with a
//! lease, record the outcome, forget a closed account's address.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict},
};
use uuid::Uuid;

use crate::{
    domain::Locale,
    email::templates::TemplateName,
    entities::{
        email_outbox::{self, Entity as Outbox},
        text_json::TextJson,
    },
};

pub use email_outbox::Model as OutboxRow;

pub use email_outbox::OutboxStatus;

/// An email to send once the surrounding transaction commits.
pub struct NewEmail<'a> {
    /// One logical email, one key: a second enqueue with the same key is a no-op.
    pub dedupe_key: String,
    pub template: TemplateName,
    pub locale: Locale,
    pub to_address: &'a str,
    pub to_name: &'a str,
    pub payload: serde_json::Value,
}

/// Returns whether a row was added (false when the dedupe key was already there).
pub async fn enqueue(db: &impl ConnectionTrait, e: NewEmail<'_>) -> Result<bool, DbErr> {
    let now = Utc::now();
    let row = email_outbox::ActiveModel {
        id: Set(Uuid::now_v7()),
        dedupe_key: Set(e.dedupe_key),
        template: Set(e.template),
        locale: Set(e.locale),
        to_address: Set(e.to_address.to_owned()),
        to_name: Set(e.to_name.to_owned()),
        payload: Set(TextJson(e.payload)),
        status: Set(OutboxStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        claim_token: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        sent_at: Set(None),
    };
    let res = Outbox::insert(row)
        .on_conflict(
            OnConflict::column(email_outbox::Column::DedupeKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(res == 1)
}

/// Claims up to `limit` due rows for `lease`, counting the attempt. The claim commits before
/// any email is sent, so no transaction is held across SMTP; a worker that dies leaves rows
/// that become claimable again when the lease runs out. On PostgreSQL, `SKIP LOCKED` lets
/// several instances claim side by side.
pub async fn claim_due(
    db: &super::Db,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<OutboxRow>, DbErr> {
    let txn = db.begin_write().await?;
    let due = || {
        Outbox::find()
            .filter(email_outbox::Column::Status.eq(OutboxStatus::Pending))
            .filter(email_outbox::Column::NextAttemptAt.lte(now))
            .filter(
                Condition::any()
                    .add(email_outbox::Column::LockedUntil.is_null())
                    .add(email_outbox::Column::LockedUntil.lt(now)),
            )
            .order_by_asc(email_outbox::Column::NextAttemptAt)
            .limit(limit)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
    };
    let mut rows = match due().all(&txn).await {
        Err(DbErr::Type(_) | DbErr::Json(_)) => readable_due(&txn, due(), now).await?,
        read => read?,
    };
    if rows.is_empty() {
        txn.commit().await?;
        return Ok(rows);
    }
    let until = now + lease;
    let token = Uuid::new_v4();
    Outbox::update_many()
        .col_expr(email_outbox::Column::LockedUntil, Expr::value(until))
        .col_expr(email_outbox::Column::ClaimToken, Expr::value(token))
        .col_expr(
            email_outbox::Column::Attempts,
            Expr::col(email_outbox::Column::Attempts).add(1),
        )
        .col_expr(email_outbox::Column::UpdatedAt, Expr::value(now))
        .filter(email_outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    for r in &mut rows {
        r.attempts += 1;
        r.locked_until = Some(until);
        r.claim_token = Some(token);
    }
    Ok(rows)
}

/// The due rows one by one, when reading them together failed: one row that does not read
/// (written by hand, or by another build) must not stop every email behind it, so it is
/// given up, with the reason recorded.
async fn readable_due(
    txn: &impl ConnectionTrait,
    due: sea_orm::Select<Outbox>,
    now: DateTime<Utc>,
) -> Result<Vec<OutboxRow>, DbErr> {
    let ids: Vec<Uuid> = due
        .select_only()
        .column(email_outbox::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    let mut rows = Vec::with_capacity(ids.len());
    for id in ids {
        match Outbox::find_by_id(id).one(txn).await {
            Ok(Some(row)) => rows.push(row),
            Ok(None) => {}
            Err(e @ (DbErr::Type(_) | DbErr::Json(_))) => {
                tracing::error!(email.id = %id, error = %e, "an unreadable email row is given up");
                give_up_unreadable(txn, id, &e.to_string(), now).await?;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(rows)
}

async fn give_up_unreadable(
    db: &impl ConnectionTrait,
    id: Uuid,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Outbox::update_many()
        .col_expr(
            email_outbox::Column::Status,
            Expr::value(OutboxStatus::Failed.as_str()),
        )
        .col_expr(
            email_outbox::Column::LastError,
            Expr::value(format!("unreadable row: {error}")),
        )
        .col_expr(email_outbox::Column::UpdatedAt, Expr::value(now))
        .filter(email_outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a final outcome (`sent`, `failed` or `dead`) or, with `retry_at`, a retry, for
/// the claim `row` holds. A worker whose lease ran out and whose row was claimed again
/// changes nothing.
pub async fn record_outcome(
    db: &impl ConnectionTrait,
    row: &OutboxRow,
    status: OutboxStatus,
    error: Option<&str>,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut q = Outbox::update_many()
        .col_expr(email_outbox::Column::Status, Expr::value(status))
        .col_expr(
            email_outbox::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            email_outbox::Column::ClaimToken,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(email_outbox::Column::LastError, Expr::value(error))
        .col_expr(email_outbox::Column::UpdatedAt, Expr::value(now));
    if status == OutboxStatus::Sent {
        q = q.col_expr(email_outbox::Column::SentAt, Expr::value(now));
    }
    if let Some(at) = retry_at {
        q = q.col_expr(email_outbox::Column::NextAttemptAt, Expr::value(at));
    }
    q.filter(email_outbox::Column::Id.eq(row.id))
        .filter(email_outbox::Column::Status.eq(OutboxStatus::Pending))
        .filter(email_outbox::Column::ClaimToken.eq(row.claim_token))
        .exec(db)
        .await?;
    Ok(())
}

/// Rows by status, for `/metrics` and tests.
pub async fn count_by_status(db: &impl ConnectionTrait) -> Result<Vec<(String, i64)>, DbErr> {
    Outbox::find()
        .select_only()
        .column(email_outbox::Column::Status)
        .column_as(email_outbox::Column::Id.count(), "n")
        .group_by(email_outbox::Column::Status)
        .into_tuple()
        .all(db)
        .await
        .map_err(super::unreadable_in("email_outbox"))
}

/// Every row for one recipient, oldest first (tests and support).
pub async fn for_recipient(
    db: &impl ConnectionTrait,
    address: &str,
) -> Result<Vec<OutboxRow>, DbErr> {
    Outbox::find()
        .filter(email_outbox::Column::ToAddress.eq(address))
        .order_by_asc(email_outbox::Column::CreatedAt)
        .all(db)
        .await
        .map_err(super::unreadable_in("email_outbox"))
}

/// Drops the emails to `address` not sent yet: its holder closed the account. One a worker
/// is sending at this moment may still go out; its outcome then updates nothing.
pub async fn drop_pending_to(db: &impl ConnectionTrait, address: &str) -> Result<u64, DbErr> {
    let res = Outbox::delete_many()
        .filter(email_outbox::Column::ToAddress.eq(address))
        .filter(email_outbox::Column::Status.eq(OutboxStatus::Pending))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Keeps the record of emails sent (or given up) to `address` without the address, the
/// name, what they said or the server's reply, which may quote the address.
pub async fn anonymise_to(
    db: &impl ConnectionTrait,
    address: &str,
    placeholder: &str,
) -> Result<u64, DbErr> {
    let res = Outbox::update_many()
        .col_expr(email_outbox::Column::ToAddress, Expr::value(placeholder))
        .col_expr(email_outbox::Column::ToName, Expr::value(""))
        .col_expr(email_outbox::Column::Payload, Expr::value("{}"))
        .col_expr(
            email_outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .col_expr(email_outbox::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(email_outbox::Column::ToAddress.eq(address))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
