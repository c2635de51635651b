//! Queries on collaborations: the one an accept creates, finding them, their lists, the
//! conditional update every step makes, and what the clock finds due.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set, Value, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    domain::collaboration::CollabStatus,
    entities::{
        collaboration::{self, Entity as Collaborations},
        offer::Model as OfferRow,
    },
};

pub use collaboration::{Column, Model as CollabRow};

/// The collaboration of an offer just accepted: `agreed`, on the version accepted, with
/// the live time that version proposed.
pub async fn insert_agreed(
    db: &impl ConnectionTrait,
    offer: &OfferRow,
) -> Result<CollabRow, DbErr> {
    let now = Utc::now();
    collaboration::ActiveModel {
        id: Set(Uuid::now_v7()),
        offer_id: Set(offer.id),
        version: Set(offer.version),
        supplier_id: Set(offer.supplier_id),
        host_id: Set(offer.host_id),
        status: Set(CollabStatus::Agreed),
        live_at: Set(offer.live_at),
        duration_minutes: Set(None),
        carrier: Set(None),
        tracking_number: Set(None),
        shipped_at: Set(None),
        received_at: Set(None),
        replay_url: Set(None),
        units_sold: Set(None),
        completed_at: Set(None),
        confirmed_at: Set(None),
        confirmed_by: Set(None),
        cancelled_at: Set(None),
        cancelled_by: Set(None),
        cancelled_reason: Set(None),
        reviews_published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<CollabRow>, DbErr> {
    Collaborations::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("collaborations", id))
}

/// The collaboration, its row locked on PostgreSQL until the transaction ends.
pub async fn find_for_update(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<CollabRow>, DbErr> {
    Collaborations::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await
        .map_err(super::unreadable("collaborations", id))
}

/// The collaboration an offer became, if it was accepted.
pub async fn of_offer(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
) -> Result<Option<CollabRow>, DbErr> {
    Collaborations::find()
        .filter(collaboration::Column::OfferId.eq(offer_id))
        .one(db)
        .await
        .map_err(super::unreadable_in("collaborations"))
}

/// Every collaboration the account is a party to, oldest first.
pub async fn of_party(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<CollabRow>, DbErr> {
    Collaborations::find()
        .filter(
            Condition::any()
                .add(collaboration::Column::SupplierId.eq(account_id))
                .add(collaboration::Column::HostId.eq(account_id)),
        )
        .order_by_asc(collaboration::Column::CreatedAt)
        .order_by_asc(collaboration::Column::Id)
        .all(db)
        .await
        .map_err(super::unreadable_in("collaborations"))
}

/// Moves collaboration `id` from `from` to `to`, setting `sets` and `updated_at`, only if
/// it is still in `from` and `also` holds (not yet confirmed, say): false when another
/// request moved it first.
pub async fn advance(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: CollabStatus,
    to: CollabStatus,
    also: Option<Condition>,
    sets: Vec<(Column, Value)>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut q = Collaborations::update_many()
        .col_expr(Column::Status, Expr::value(to.as_str()))
        .col_expr(Column::UpdatedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(from.as_str()));
    if let Some(c) = also {
        q = q.filter(c);
    }
    for (col, v) in sets {
        q = q.col_expr(col, Expr::value(v));
    }
    Ok(q.exec(db).await?.rows_affected == 1)
}

/// Whose collaborations a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Whose {
    Party(Uuid),
    Anyone,
}

fn filtered(whose: Whose, status: Option<CollabStatus>) -> Select<Collaborations> {
    let mut q = Collaborations::find();
    if let Whose::Party(id) = whose {
        q = q.filter(
            Condition::any()
                .add(Column::SupplierId.eq(id))
                .add(Column::HostId.eq(id)),
        );
    }
    if let Some(s) = status {
        q = q.filter(Column::Status.eq(s.as_str()));
    }
    q
}

/// A page of collaborations, newest first, and how many there are.
pub async fn list(
    db: &impl ConnectionTrait,
    whose: Whose,
    status: Option<CollabStatus>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<CollabRow>, u64), DbErr> {
    let q = filtered(whose, status);
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await
        .map_err(super::unreadable_in("collaborations"))?;
    Ok((rows, total))
}

/// Completed, unconfirmed collaborations completed at or before `before`: due to stand.
pub async fn due_to_confirm(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<CollabRow>, DbErr> {
    Collaborations::find()
        .filter(Column::Status.eq(CollabStatus::Completed.as_str()))
        .filter(Column::ConfirmedAt.is_null())
        .filter(Column::CompletedAt.lte(before))
        .order_by_asc(Column::CompletedAt)
        .limit(limit)
        .all(db)
        .await
        .map_err(super::unreadable_in("collaborations"))
}

/// Confirmed collaborations whose reviews are not published, confirmed at or before
/// `before`: their review window has closed.
pub async fn due_to_publish(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<CollabRow>, DbErr> {
    Collaborations::find()
        .filter(Column::ConfirmedAt.lte(before))
        .filter(Column::ReviewsPublishedAt.is_null())
        .order_by_asc(Column::ConfirmedAt)
        .limit(limit)
        .all(db)
        .await
        .map_err(super::unreadable_in("collaborations"))
}

/// Marks the reviews of `id` published; false when they already were.
pub async fn mark_published(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = Collaborations::update_many()
        .col_expr(Column::ReviewsPublishedAt, Expr::value(now))
        .filter(Column::Id.eq(id))
        .filter(Column::ReviewsPublishedAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// How many confirmed collaborations the account has had, on the side `column` names
/// (`SupplierId` or `HostId`).
pub async fn confirmed_count(
    db: &impl ConnectionTrait,
    column: Column,
    account_id: Uuid,
) -> Result<u64, DbErr> {
    Collaborations::find()
        .select_only()
        .column(Column::Id)
        .filter(column.eq(account_id))
        .filter(Column::ConfirmedAt.is_not_null())
        .count(db)
        .await
}
