//! Queries on idempotency keys: find a live one, remember an answer, forget expired ones,
//! list and delete an account's.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

use crate::entities::idempotency_key::{self, Entity as Keys};

pub use idempotency_key::Model as IdempotencyRow;

/// How long a key holds its answer.
pub const LIFETIME: Duration = Duration::hours(24);

/// The live row for `key`; an expired one is deleted and reads as absent.
pub async fn find(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<IdempotencyRow>, DbErr> {
    let row = Keys::find_by_id((account_id, key.to_owned()))
        .one(db)
        .await?;
    match row {
        Some(r) if r.created_at > now - LIFETIME => Ok(Some(r)),
        Some(_) => {
            Keys::delete_many()
                .filter(idempotency_key::Column::AccountId.eq(account_id))
                .filter(idempotency_key::Column::Key.eq(key))
                .exec(db)
                .await?;
            Ok(None)
        }
        None => Ok(None),
    }
}

pub async fn insert(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    key: &str,
    request_hash: &str,
    status: u16,
    body: &str,
) -> Result<(), DbErr> {
    idempotency_key::ActiveModel {
        account_id: Set(account_id),
        key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        response_status: Set(i32::from(status)),
        response_body: Set(body.to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Every key the account used, oldest first, for its data export.
pub async fn for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<IdempotencyRow>, DbErr> {
    Keys::find()
        .filter(idempotency_key::Column::AccountId.eq(account_id))
        .order_by_asc(idempotency_key::Column::CreatedAt)
        .all(db)
        .await
}

/// Forgets the account's keys: the answers they hold may carry its data.
pub async fn delete_for_account(db: &impl ConnectionTrait, account_id: Uuid) -> Result<u64, DbErr> {
    let res = Keys::delete_many()
        .filter(idempotency_key::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
