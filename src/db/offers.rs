//! Queries on offers: insert with their products, conditional moves, lists, expiry, an
//! account's offers.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    domain::{
        findings::ProductFinding,
        offer::{CounterDraft, OfferDraft, OfferStatus, Party},
    },
    entities::{
        offer::{self, Entity as Offers},
        offer_product::{self, Entity as OfferProducts},
        text_json::TextJson,
    },
};

pub use offer::Model as OfferRow;
pub use offer_product::Model as OfferProductRow;

/// Inserts the offer, its products (open) and its first version. A product already in an open offer to the
/// same host fails the partial unique index: the caller maps that to 409.
pub async fn insert(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    d: &OfferDraft,
    warnings: &[ProductFinding],
) -> Result<OfferRow, DbErr> {
    let now = Utc::now();
    let row = offer::ActiveModel {
        id: Set(Uuid::now_v7()),
        supplier_id: Set(supplier_id),
        host_id: Set(d.host_id),
        message: Set(d.message.clone()),
        commission_pct: Set(d.commission_pct),
        fee_cents: Set(d.fee_cents),
        free_samples: Set(d.free_samples),
        status: Set(OfferStatus::Sent),
        decline_reason: Set(None),
        warnings: Set(TextJson(warnings.to_vec())),
        expires_at: Set(d.expires_at),
        version: Set(1),
        latest_by: Set(Party::Supplier),
        live_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    for p in &d.product_ids {
        offer_product::ActiveModel {
            offer_id: Set(row.id),
            product_id: Set(*p),
            host_id: Set(d.host_id),
            open: Set(true),
        }
        .insert(db)
        .await?;
    }
    super::offer_versions::insert(db, &row, &d.product_ids).await?;
    Ok(row)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<OfferRow>, DbErr> {
    Offers::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("offers", id))
}

/// The product ids of each offer, in one query.
pub async fn product_ids(
    db: &impl ConnectionTrait,
    offers: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    OfferProducts::find()
        .select_only()
        .column(offer_product::Column::OfferId)
        .column(offer_product::Column::ProductId)
        .filter(offer_product::Column::OfferId.is_in(offers.iter().copied()))
        .into_tuple()
        .all(db)
        .await
        .map_err(super::unreadable_in("offers"))
}

/// Moves a `sent`, unexpired offer to `to`; false when it had already moved or expired, or
/// (with `at_version`) when a counter made a newer version than the one answered.
pub async fn transition(
    db: &impl ConnectionTrait,
    id: Uuid,
    to: OfferStatus,
    reason: Option<&str>,
    at_version: Option<i32>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut q = Offers::update_many()
        .col_expr(offer::Column::Status, Expr::value(to.as_str()))
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(id))
        .filter(offer::Column::Status.eq(OfferStatus::Sent.as_str()));
    if let Some(v) = at_version {
        q = q.filter(offer::Column::Version.eq(v));
    }
    q = if to == OfferStatus::Expired {
        q.filter(offer::Column::ExpiresAt.lte(now))
    } else {
        q.filter(offer::Column::ExpiresAt.gt(now))
    };
    if let Some(r) = reason {
        q = q.col_expr(offer::Column::DeclineReason, Expr::value(r));
    }
    let moved = q.exec(db).await?.rows_affected == 1;
    if moved {
        OfferProducts::update_many()
            .col_expr(offer_product::Column::Open, Expr::value(false))
            .filter(offer_product::Column::OfferId.eq(id))
            .exec(db)
            .await?;
    }
    Ok(moved)
}

/// Makes `d` version `from + 1` of a `sent`, unexpired offer at version `from`, by `by`,
/// with its products (open) and its version row, in the caller's transaction. `None` when
/// the offer had moved on (another counter, an accept, a withdrawal, expiry): exactly one
/// of two racing writers updates the row. A product already open in another offer to the
/// host fails the partial unique index: the caller maps that to 409.
pub async fn counter(
    db: &impl ConnectionTrait,
    offer: &OfferRow,
    by: Party,
    d: &CounterDraft,
    warnings: &[ProductFinding],
    now: DateTime<Utc>,
) -> Result<Option<OfferRow>, DbErr> {
    use offer::Column as C;
    let next = offer.version + 1;
    let moved = Offers::update_many()
        .col_expr(C::Version, Expr::value(next))
        .col_expr(C::LatestBy, Expr::value(by.as_str()))
        .col_expr(C::CommissionPct, Expr::value(d.commission_pct))
        .col_expr(C::FeeCents, Expr::value(d.fee_cents))
        .col_expr(C::FreeSamples, Expr::value(d.free_samples))
        .col_expr(C::LiveAt, Expr::value(d.live_at))
        .col_expr(C::Message, Expr::value(d.message.clone()))
        .col_expr(C::Warnings, Expr::value(TextJson(warnings.to_vec())))
        .col_expr(C::ExpiresAt, Expr::value(d.expires_at))
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(offer.id))
        .filter(C::Version.eq(offer.version))
        .filter(C::Status.eq(OfferStatus::Sent.as_str()))
        .filter(C::ExpiresAt.gt(now))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    if !moved {
        return Ok(None);
    }
    OfferProducts::delete_many()
        .filter(offer_product::Column::OfferId.eq(offer.id))
        .exec(db)
        .await?;
    for p in &d.product_ids {
        offer_product::ActiveModel {
            offer_id: Set(offer.id),
            product_id: Set(*p),
            host_id: Set(offer.host_id),
            open: Set(true),
        }
        .insert(db)
        .await?;
    }
    let row = find(db, offer.id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("offer just countered".into()))?;
    super::offer_versions::insert(db, &row, &d.product_ids).await?;
    Ok(Some(row))
}

/// Whose offers a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Whose {
    Supplier(Uuid),
    Host(Uuid),
    Anyone,
}

/// The offers of `party` in `status` (any when `None`) as one query, for a list and its
/// count.
fn filtered(party: Whose, status: Option<OfferStatus>, now: DateTime<Utc>) -> Select<Offers> {
    let mut q = Offers::find();
    q = match party {
        Whose::Supplier(id) => q.filter(offer::Column::SupplierId.eq(id)),
        Whose::Host(id) => q.filter(offer::Column::HostId.eq(id)),
        Whose::Anyone => q,
    };
    // A sent offer past its expiry reads as expired even before the job has moved it.
    let sent = OfferStatus::Sent.as_str();
    match status {
        None => q,
        Some(OfferStatus::Sent) => q
            .filter(offer::Column::Status.eq(sent))
            .filter(offer::Column::ExpiresAt.gt(now)),
        Some(OfferStatus::Expired) => q.filter(
            Condition::any()
                .add(offer::Column::Status.eq(OfferStatus::Expired.as_str()))
                .add(
                    Condition::all()
                        .add(offer::Column::Status.eq(sent))
                        .add(offer::Column::ExpiresAt.lte(now)),
                ),
        ),
        Some(s) => q.filter(offer::Column::Status.eq(s.as_str())),
    }
}

pub async fn list(
    db: &impl ConnectionTrait,
    party: Whose,
    status: Option<OfferStatus>,
    now: DateTime<Utc>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<OfferRow>, u64), DbErr> {
    let q = filtered(party, status, now);
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_desc(offer::Column::CreatedAt)
        .order_by_desc(offer::Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await
        .map_err(super::unreadable_in("offers"))?;
    Ok((rows, total))
}

/// How many offers of `party` are in `status` at `now`.
pub async fn count(
    db: &impl ConnectionTrait,
    party: Whose,
    status: OfferStatus,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    filtered(party, Some(status), now).count(db).await
}

/// Offers the supplier sent since `since` (for the daily limit).
pub async fn sent_since(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Offers::find()
        .filter(offer::Column::SupplierId.eq(supplier_id))
        .filter(offer::Column::CreatedAt.gt(since))
        .count(db)
        .await
}

/// Sent offers whose time is up.
pub async fn due_to_expire(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<OfferRow>, DbErr> {
    Offers::find()
        .filter(offer::Column::Status.eq(OfferStatus::Sent.as_str()))
        .filter(offer::Column::ExpiresAt.lte(now))
        .order_by_asc(offer::Column::ExpiresAt)
        .limit(limit)
        .all(db)
        .await
        .map_err(super::unreadable_in("offers"))
}

/// Every offer the account sent or received, oldest first.
pub async fn of_party(db: &impl ConnectionTrait, account_id: Uuid) -> Result<Vec<OfferRow>, DbErr> {
    Offers::find()
        .filter(
            Condition::any()
                .add(offer::Column::SupplierId.eq(account_id))
                .add(offer::Column::HostId.eq(account_id)),
        )
        .order_by_asc(offer::Column::CreatedAt)
        .order_by_asc(offer::Column::Id)
        .all(db)
        .await
        .map_err(super::unreadable_in("offers"))
}

/// The `offer_products` rows of the offers.
pub async fn product_rows(
    db: &impl ConnectionTrait,
    offers: &[Uuid],
) -> Result<Vec<OfferProductRow>, DbErr> {
    OfferProducts::find()
        .filter(offer_product::Column::OfferId.is_in(offers.iter().copied()))
        .all(db)
        .await
}

/// How many open offers of `party` (sent, not expired at `now`) wait for its answer,
/// because the other party made the latest version: one COUNT, for the navigation.
pub async fn count_open(
    db: &impl ConnectionTrait,
    party: Whose,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let theirs = match party {
        Whose::Supplier(_) => Party::Host,
        Whose::Host(_) | Whose::Anyone => Party::Supplier,
    };
    filtered(party, Some(OfferStatus::Sent), now)
        .filter(offer::Column::LatestBy.eq(theirs.as_str()))
        .count(db)
        .await
}
