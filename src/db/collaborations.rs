//! Queries on collaborations: the one an accept creates, finding them, and their lists.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::{
    domain::collaboration::CollabStatus,
    entities::{
        collaboration::{self, Entity as Collaborations},
        offer::Model as OfferRow,
    },
};

pub use collaboration::Model as CollabRow;

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
