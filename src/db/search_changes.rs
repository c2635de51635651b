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

/// Changes after `seq`, plus any of `also` (earlier numbers not seen before), in order.
pub async fn since(
    db: &impl ConnectionTrait,
    seq: i64,
    also: &[i64],
    limit: u64,
) -> Result<Vec<SearchChangeRow>, DbErr> {
    use sea_orm::{Condition, QuerySelect};
    let mut cond = Condition::any().add(search_change::Column::Seq.gt(seq));
    if !also.is_empty() {
        cond = cond.add(search_change::Column::Seq.is_in(also.iter().copied()));
    }
    SearchChanges::find()
        .filter(cond)
        .order_by_asc(search_change::Column::Seq)
        .limit(limit)
        .all(db)
        .await
}

/// The highest change number so far (0 when there is none).
pub async fn max_seq(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    use sea_orm::QuerySelect;
    let max: Option<Option<i64>> = SearchChanges::find()
        .select_only()
        .column_as(search_change::Column::Seq.max(), "m")
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0))
}

/// The change numbers present in `from..=to`.
pub async fn seqs_between(
    db: &impl ConnectionTrait,
    from: i64,
    to: i64,
) -> Result<Vec<i64>, DbErr> {
    use sea_orm::QuerySelect;
    SearchChanges::find()
        .select_only()
        .column(search_change::Column::Seq)
        .filter(search_change::Column::Seq.between(from, to))
        .into_tuple()
        .all(db)
        .await
}

/// The changes recorded for any of `ids`, oldest first (an account's data export).
pub async fn for_entities(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<Vec<SearchChangeRow>, DbErr> {
    SearchChanges::find()
        .filter(search_change::Column::EntityId.is_in(ids.iter().copied()))
        .order_by_asc(search_change::Column::Seq)
        .all(db)
        .await
}
