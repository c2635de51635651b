//! Queries on offer threads: messages, read marks, the email marks that batch new-message
//! emails, and reports.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, OnConflict},
};
use uuid::Uuid;

use crate::{
    domain::findings::Finding,
    entities::{
        message::{self, Entity as Messages},
        offer::{self, Entity as Offers},
        text_json::TextJson,
        thread_read::{self, Entity as ThreadReads},
        thread_report::{self, Entity as ThreadReports},
    },
};

pub use message::Model as MessageRow;
pub use thread_read::Model as ReadRow;
pub use thread_report::Model as ReportRow;

pub async fn insert(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
    author_id: Uuid,
    body: &str,
    findings: Vec<Finding>,
    now: DateTime<Utc>,
) -> Result<MessageRow, DbErr> {
    message::ActiveModel {
        id: Set(Uuid::now_v7()),
        offer_id: Set(offer_id),
        author_id: Set(author_id),
        body: Set(body.to_owned()),
        findings: Set(TextJson(findings)),
        hidden_at: Set(None),
        hidden_reason: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

/// The thread of the offer, oldest first.
pub async fn of_offer(db: &impl ConnectionTrait, offer_id: Uuid) -> Result<Vec<MessageRow>, DbErr> {
    Messages::find()
        .filter(message::Column::OfferId.eq(offer_id))
        .order_by_asc(message::Column::CreatedAt)
        .order_by_asc(message::Column::Id)
        .all(db)
        .await
        .map_err(super::unreadable_in("messages"))
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<MessageRow>, DbErr> {
    Messages::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("messages", id))
}

/// Hides a message with the reason readers see instead; false when it was hidden already.
pub async fn hide(
    db: &impl ConnectionTrait,
    id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = Messages::update_many()
        .col_expr(message::Column::HiddenAt, Expr::value(now))
        .col_expr(message::Column::HiddenReason, Expr::value(reason))
        .filter(message::Column::Id.eq(id))
        .filter(message::Column::HiddenAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// The reader's mark on the thread, if any.
pub async fn read_mark(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
    account_id: Uuid,
) -> Result<Option<ReadRow>, DbErr> {
    ThreadReads::find_by_id((offer_id, account_id))
        .one(db)
        .await
}

/// Marks the thread read by the reader up to `now`; nothing waits for an email then.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = thread_read::ActiveModel {
        offer_id: Set(offer_id),
        account_id: Set(account_id),
        read_at: Set(Some(now)),
        notified_at: Set(None),
        pending_since: Set(None),
    };
    ThreadReads::insert(row)
        .on_conflict(
            OnConflict::columns([thread_read::Column::OfferId, thread_read::Column::AccountId])
                .update_columns([
                    thread_read::Column::ReadAt,
                    thread_read::Column::PendingSince,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Notes that the reader has unread messages waiting for an email since `now`, unless
/// some already wait (the earliest stays).
pub async fn note_pending(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = thread_read::ActiveModel {
        offer_id: Set(offer_id),
        account_id: Set(account_id),
        read_at: Set(None),
        notified_at: Set(None),
        pending_since: Set(Some(now)),
    };
    ThreadReads::insert(row)
        .on_conflict(
            OnConflict::columns([thread_read::Column::OfferId, thread_read::Column::AccountId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    ThreadReads::update_many()
        .col_expr(thread_read::Column::PendingSince, Expr::value(now))
        .filter(thread_read::Column::OfferId.eq(offer_id))
        .filter(thread_read::Column::AccountId.eq(account_id))
        .filter(thread_read::Column::PendingSince.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The marks whose waiting messages are due an email at `now`: waiting at least `delay`
/// (so a burst goes in one email), and the reader not emailed about the thread within
/// `gap`.
pub async fn due_for_email(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    delay: Duration,
    gap: Duration,
    limit: u64,
) -> Result<Vec<ReadRow>, DbErr> {
    ThreadReads::find()
        .filter(thread_read::Column::PendingSince.lte(now - delay))
        .filter(
            Condition::any()
                .add(thread_read::Column::NotifiedAt.is_null())
                .add(thread_read::Column::NotifiedAt.lte(now - gap)),
        )
        .order_by_asc(thread_read::Column::PendingSince)
        .limit(limit)
        .all(db)
        .await
}

/// Claims the email for `mark` at `now`: true for exactly one of two racing claimers.
pub async fn claim_email(
    db: &impl ConnectionTrait,
    mark: &ReadRow,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut q = ThreadReads::update_many()
        .col_expr(thread_read::Column::NotifiedAt, Expr::value(now))
        .col_expr(
            thread_read::Column::PendingSince,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(thread_read::Column::OfferId.eq(mark.offer_id))
        .filter(thread_read::Column::AccountId.eq(mark.account_id));
    q = match mark.pending_since {
        Some(at) => q.filter(thread_read::Column::PendingSince.eq(at)),
        None => q.filter(thread_read::Column::PendingSince.is_null()),
    };
    Ok(q.exec(db).await?.rows_affected == 1)
}

/// The messages in the thread the reader has not read: by the other party, not hidden,
/// after its read mark.
pub async fn unread_in(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
    reader: Uuid,
    read_at: Option<DateTime<Utc>>,
) -> Result<Vec<MessageRow>, DbErr> {
    let mut q = Messages::find()
        .filter(message::Column::OfferId.eq(offer_id))
        .filter(message::Column::AuthorId.ne(reader))
        .filter(message::Column::HiddenAt.is_null());
    if let Some(at) = read_at {
        q = q.filter(message::Column::CreatedAt.gt(at));
    }
    q.order_by_asc(message::Column::CreatedAt).all(db).await
}

/// How many messages wait unread for the account across all its threads, in one query:
/// every message by someone else, not hidden, in an offer it is a party to, after its
/// read mark of that thread (all of them without one).
pub async fn unread_count(db: &impl ConnectionTrait, account_id: Uuid) -> Result<u64, DbErr> {
    use sea_orm::sea_query::{ExprTrait, Func, Query};
    let (m, o, r) = (Messages, Offers, ThreadReads);
    let mut q = Query::select();
    q.expr(Func::count(Expr::col((m, message::Column::Id))))
        .from(m)
        .inner_join(
            o,
            Expr::col((o, offer::Column::Id)).equals((m, message::Column::OfferId)),
        )
        .left_join(
            r,
            Condition::all()
                .add(
                    Expr::col((r, thread_read::Column::OfferId))
                        .equals((m, message::Column::OfferId)),
                )
                .add(Expr::col((r, thread_read::Column::AccountId)).eq(account_id)),
        )
        .cond_where(
            Condition::all()
                .add(
                    Condition::any()
                        .add(Expr::col((o, offer::Column::SupplierId)).eq(account_id))
                        .add(Expr::col((o, offer::Column::HostId)).eq(account_id)),
                )
                .add(Expr::col((m, message::Column::AuthorId)).ne(account_id))
                .add(Expr::col((m, message::Column::HiddenAt)).is_null())
                .add(
                    Condition::any()
                        .add(Expr::col((r, thread_read::Column::ReadAt)).is_null())
                        .add(
                            Expr::col((m, message::Column::CreatedAt))
                                .gt(Expr::col((r, thread_read::Column::ReadAt))),
                        ),
                ),
        );
    let n: i64 = match db.query_one(&q).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

pub async fn report(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
    reporter_id: Uuid,
    reason: &str,
) -> Result<ReportRow, DbErr> {
    thread_report::ActiveModel {
        id: Set(Uuid::now_v7()),
        offer_id: Set(offer_id),
        reporter_id: Set(reporter_id),
        reason: Set(reason.to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

pub async fn is_reported(db: &impl ConnectionTrait, offer_id: Uuid) -> Result<bool, DbErr> {
    Ok(ThreadReports::find()
        .filter(thread_report::Column::OfferId.eq(offer_id))
        .one(db)
        .await?
        .is_some())
}

/// Every report, newest first, for the admins' list.
pub async fn reports(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<ReportRow>, DbErr> {
    ThreadReports::find()
        .order_by_desc(thread_report::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await
}

/// What the account wrote, read and reported (for its export).
pub async fn of_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<(Vec<MessageRow>, Vec<ReadRow>, Vec<ReportRow>), DbErr> {
    let written = Messages::find()
        .filter(message::Column::AuthorId.eq(account_id))
        .order_by_asc(message::Column::CreatedAt)
        .all(db)
        .await?;
    let marks = ThreadReads::find()
        .filter(thread_read::Column::AccountId.eq(account_id))
        .all(db)
        .await?;
    let reported = ThreadReports::find()
        .filter(thread_report::Column::ReporterId.eq(account_id))
        .all(db)
        .await?;
    Ok((written, marks, reported))
}
