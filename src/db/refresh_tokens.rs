//! Queries on refresh tokens: store hashes, spend one, revoke a family or an account's all,
//! list and delete an account's.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::entities::refresh_token::{self, Entity as RefreshTokens};

pub use refresh_token::Model as RefreshTokenRow;

pub async fn insert(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    family_id: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        family_id: Set(family_id),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<RefreshTokenRow>, DbErr> {
    RefreshTokens::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Marks a live token used; false when it was already used or revoked (a replay, or a
/// concurrent refresh that won).
pub async fn spend(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let res = RefreshTokens::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

pub async fn revoke_family(
    db: &impl ConnectionTrait,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every API session of an account (on suspension, a new password, a reset).
pub async fn revoke_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    RefreshTokens::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::AccountId.eq(account_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Every refresh token of the account, oldest first, for its data export.
pub async fn for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<RefreshTokenRow>, DbErr> {
    RefreshTokens::find()
        .filter(refresh_token::Column::AccountId.eq(account_id))
        .order_by_asc(refresh_token::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn delete_for_account(db: &impl ConnectionTrait, account_id: Uuid) -> Result<u64, DbErr> {
    let res = RefreshTokens::delete_many()
        .filter(refresh_token::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
