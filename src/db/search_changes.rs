//! The `search_changes` feed: appended inside the transaction of every change to
//! searchable data, tailed by the search indexer.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::entities::search_change::{self, Entity as SearchChanges};

pub use search_change::Model as SearchChangeRow;

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Host,
    Supplier,
    Product,
    /// An account's status: its profile and products may appear or disappear.
    Account,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Host => "host",
            Self::Supplier => "supplier",
            Self::Product => "product",
            Self::Account => "account",
        }
    }
}

pub async fn record(db: &impl ConnectionTrait, entity: Entity, id: Uuid) -> Result<(), DbErr> {
    search_change::ActiveModel {
        seq: NotSet,
        entity: Set(entity.as_str().to_owned()),
        entity_id: Set(id),
        op: Set("upsert".to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The changes recorded for one entity, oldest first (tests and support).
pub async fn for_entity(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Vec<SearchChangeRow>, DbErr> {
    SearchChanges::find()
        .filter(search_change::Column::EntityId.eq(id))
        .order_by_asc(search_change::Column::Seq)
        .all(db)
        .await
}
