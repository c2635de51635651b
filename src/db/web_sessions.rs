//! Queries on browser sessions: start one, find a live one by its token's hash, move its
//! idle clock, end one or all of an account's.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::entities::web_session::{self, Entity as WebSessions};

pub use web_session::Model as WebSessionRow;

pub async fn insert(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<WebSessionRow, DbErr> {
    web_session::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
    }
    .insert(db)
    .await
}

pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<WebSessionRow>, DbErr> {
    WebSessions::find()
        .filter(web_session::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

pub async fn touch(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), DbErr> {
    WebSessions::update_many()
        .col_expr(web_session::Column::LastSeenAt, Expr::value(now))
        .filter(web_session::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    WebSessions::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// Ends every session of the account but `keep` (the one that asked, when it stays).
pub async fn delete_for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    keep: Option<Uuid>,
) -> Result<u64, DbErr> {
    let mut q = WebSessions::delete_many().filter(web_session::Column::AccountId.eq(account_id));
    if let Some(keep) = keep {
        q = q.filter(web_session::Column::Id.ne(keep));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// Sessions past their absolute end or idle since `idle_before`: nothing can use them.
pub async fn delete_expired(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idle_before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let res = WebSessions::delete_many()
        .filter(
            Condition::any()
                .add(web_session::Column::ExpiresAt.lte(now))
                .add(web_session::Column::LastSeenAt.lt(idle_before)),
        )
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Every session of the account, for its data export.
pub async fn for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<WebSessionRow>, DbErr> {
    WebSessions::find()
        .filter(web_session::Column::AccountId.eq(account_id))
        .all(db)
        .await
}
