//! Queries on emailed single-use tokens: store a hash, find a live one, spend it once,
//! count how many went out lately, list and delete an account's.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    domain::TokenPurpose,
    entities::account_token::{self, Entity as AccountTokens},
};

pub use account_token::Model as AccountTokenRow;

pub async fn insert(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: TokenPurpose,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<AccountTokenRow, DbErr> {
    account_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        purpose: Set(purpose),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
    }
    .insert(db)
    .await
}

/// The unspent, unexpired token of this purpose with this hash.
pub async fn find_live(
    db: &impl ConnectionTrait,
    purpose: TokenPurpose,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<AccountTokenRow>, DbErr> {
    AccountTokens::find()
        .filter(account_token::Column::TokenHash.eq(token_hash))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await
}

/// Spends the token; false when it was already spent (a concurrent use won).
pub async fn spend(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let res = AccountTokens::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::Id.eq(id))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Spends every other live token of the purpose: a used reset link ends its siblings.
pub async fn spend_all(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    AccountTokens::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::AccountId.eq(account_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// How many tokens of the purpose the account was sent since `since`.
pub async fn count_since(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: TokenPurpose,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    AccountTokens::find()
        .filter(account_token::Column::AccountId.eq(account_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::CreatedAt.gte(since))
        .count(db)
        .await
}

/// When the account was sent tokens of the purpose since `since`, oldest first.
pub async fn sent_since(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: TokenPurpose,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    AccountTokens::find()
        .select_only()
        .column(account_token::Column::CreatedAt)
        .filter(account_token::Column::AccountId.eq(account_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::CreatedAt.gte(since))
        .order_by_asc(account_token::Column::CreatedAt)
        .into_tuple()
        .all(db)
        .await
}

/// Every token of the account, oldest first, for its data export.
pub async fn for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<AccountTokenRow>, DbErr> {
    AccountTokens::find()
        .filter(account_token::Column::AccountId.eq(account_id))
        .order_by_asc(account_token::Column::CreatedAt)
        .all(db)
        .await
        .map_err(super::unreadable_in("account_tokens"))
}

pub async fn delete_for_account(db: &impl ConnectionTrait, account_id: Uuid) -> Result<u64, DbErr> {
    let res = AccountTokens::delete_many()
        .filter(account_token::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
