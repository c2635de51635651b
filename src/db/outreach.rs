//! Queries behind the outreach limits: a host's recent declines of a supplier's products,
//! the offers a host received from suppliers it has never worked with, and blocks.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::OnConflict,
};
use uuid::Uuid;

use crate::{
    domain::offer::{OfferStatus, Party},
    entities::{
        block::{self, Entity as Blocks},
        collaboration::{self, Entity as Collaborations},
        offer::{self, Entity as Offers},
        offer_product::{self, Entity as OfferProducts},
    },
};

pub use block::Model as BlockRow;

/// When the host last declined an offer from the supplier that named any of
/// `product_ids`, if that was after `since`. Only the host's declines count: a supplier
/// declining the host's counter starts no wait.
pub async fn last_decline(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    host_id: Uuid,
    product_ids: &[Uuid],
    since: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let declined: Vec<(Uuid, DateTime<Utc>)> = Offers::find()
        .select_only()
        .column(offer::Column::Id)
        .column(offer::Column::UpdatedAt)
        .filter(offer::Column::SupplierId.eq(supplier_id))
        .filter(offer::Column::HostId.eq(host_id))
        .filter(offer::Column::Status.eq(OfferStatus::Declined.as_str()))
        .filter(offer::Column::LatestBy.eq(Party::Supplier.as_str()))
        .filter(offer::Column::UpdatedAt.gt(since))
        .into_tuple()
        .all(db)
        .await?;
    if declined.is_empty() {
        return Ok(None);
    }
    let named: Vec<Uuid> = OfferProducts::find()
        .select_only()
        .column(offer_product::Column::OfferId)
        .filter(offer_product::Column::OfferId.is_in(declined.iter().map(|(id, _)| *id)))
        .filter(offer_product::Column::ProductId.is_in(product_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(declined
        .into_iter()
        .filter(|(id, _)| named.contains(id))
        .map(|(_, at)| at)
        .max())
}

/// Whether the two have worked together: a collaboration between them, in any state.
pub async fn have_worked_together(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    host_id: Uuid,
) -> Result<bool, DbErr> {
    Ok(Collaborations::find()
        .filter(collaboration::Column::SupplierId.eq(supplier_id))
        .filter(collaboration::Column::HostId.eq(host_id))
        .one(db)
        .await?
        .is_some())
}

/// When each offer the host received after `since` from a supplier it has never worked
/// with was sent, oldest first.
pub async fn first_contacts_since(
    db: &impl ConnectionTrait,
    host_id: Uuid,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    let partners: Vec<Uuid> = Collaborations::find()
        .select_only()
        .column(collaboration::Column::SupplierId)
        .filter(collaboration::Column::HostId.eq(host_id))
        .into_tuple()
        .all(db)
        .await?;
    Offers::find()
        .select_only()
        .column(offer::Column::CreatedAt)
        .filter(offer::Column::HostId.eq(host_id))
        .filter(offer::Column::CreatedAt.gt(since))
        .filter(offer::Column::SupplierId.is_not_in(partners))
        .order_by_asc(offer::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await
}

/// Blocks the supplier for the host; blocking twice is one block.
pub async fn block(
    db: &impl ConnectionTrait,
    host_id: Uuid,
    supplier_id: Uuid,
) -> Result<(), DbErr> {
    let row = block::ActiveModel {
        host_id: sea_orm::Set(host_id),
        supplier_id: sea_orm::Set(supplier_id),
        created_at: sea_orm::Set(Utc::now()),
    };
    Blocks::insert(row)
        .on_conflict(
            OnConflict::columns([block::Column::HostId, block::Column::SupplierId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Lifts the block; false when there was none.
pub async fn unblock(
    db: &impl ConnectionTrait,
    host_id: Uuid,
    supplier_id: Uuid,
) -> Result<bool, DbErr> {
    let gone = Blocks::delete_by_id((host_id, supplier_id))
        .exec(db)
        .await?;
    Ok(gone.rows_affected == 1)
}

pub async fn is_blocked(
    db: &impl ConnectionTrait,
    host_id: Uuid,
    supplier_id: Uuid,
) -> Result<bool, DbErr> {
    Ok(Blocks::find_by_id((host_id, supplier_id))
        .one(db)
        .await?
        .is_some())
}

/// The suppliers the host has blocked, newest first.
pub async fn blocks_of(db: &impl ConnectionTrait, host_id: Uuid) -> Result<Vec<BlockRow>, DbErr> {
    Blocks::find()
        .filter(block::Column::HostId.eq(host_id))
        .order_by_desc(block::Column::CreatedAt)
        .all(db)
        .await
}
