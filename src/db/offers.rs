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
        offer::{OfferDraft, OfferStatus},
    },
    entities::{
        offer::{self, Entity as Offers},
        offer_product::{self, Entity as OfferProducts},
        text_json::TextJson,
    },
};

pub use offer::Model as OfferRow;
pub use offer_product::Model as OfferProductRow;

/// Inserts the offer and its products (open). A product already in an open offer to the
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

/// Moves a `sent`, unexpired offer to `to`; false when it had already moved or expired.
pub async fn transition(
    db: &impl ConnectionTrait,
    id: Uuid,
    to: OfferStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut q = Offers::update_many()
        .col_expr(offer::Column::Status, Expr::value(to.as_str()))
        .col_expr(offer::Column::UpdatedAt, Expr::value(now))
        .filter(offer::Column::Id.eq(id))
        .filter(offer::Column::Status.eq(OfferStatus::Sent.as_str()));
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

/// Whose offers a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Party {
    Supplier(Uuid),
    Host(Uuid),
    Anyone,
}

/// The offers of `party` in `status` (any when `None`) as one query, for a list and its
/// count.
fn filtered(party: Party, status: Option<OfferStatus>, now: DateTime<Utc>) -> Select<Offers> {
    let mut q = Offers::find();
    q = match party {
        Party::Supplier(id) => q.filter(offer::Column::SupplierId.eq(id)),
        Party::Host(id) => q.filter(offer::Column::HostId.eq(id)),
        Party::Anyone => q,
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
    party: Party,
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
    party: Party,
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

/// How many offers of `party` wait for the host's answer at `now` (sent, not expired):
/// one COUNT, for the navigation.
pub async fn count_open(
    db: &impl ConnectionTrait,
    party: Party,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    count(db, party, OfferStatus::Sent, now).await
}
