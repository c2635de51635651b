//! Queries on accounts: create, look up, change status, count failed logins.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    domain::{AccountStatus, Locale, Role},
    entities::account::{self, Entity as Accounts},
};

pub use account::Model as AccountRow;

/// What registration or `create-admin` stores.
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub status: AccountStatus,
    pub display_name: &'a str,
    pub locale: Locale,
    pub email_verified: bool,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewAccount<'_>) -> Result<AccountRow, DbErr> {
    let now = Utc::now();
    account::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(new.email.to_owned()),
        password_hash: Set(new.password_hash.to_owned()),
        role: Set(new.role),
        status: Set(new.status),
        display_name: Set(new.display_name.to_owned()),
        locale: Set(new.locale),
        email_verified: Set(new.email_verified),
        time_zone: Set("UTC".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<AccountRow>, DbErr> {
    Accounts::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("accounts", id))
}

/// Reads the row and, on PostgreSQL, locks it until the transaction ends.
pub async fn find_for_update(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Option<AccountRow>, DbErr> {
    Accounts::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await
        .map_err(super::unreadable("accounts", id))
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<AccountRow>, DbErr> {
    Accounts::find()
        .filter(account::Column::Email.eq(email))
        .one(db)
        .await
}

/// Moves an account from one of `from` to `to`; false when it was in none of them (someone
/// else changed it first, or the move is not allowed).
pub async fn transition_status(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: &[AccountStatus],
    to: AccountStatus,
) -> Result<bool, DbErr> {
    let res = Accounts::update_many()
        .col_expr(account::Column::Status, Expr::value(to.as_str()))
        .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(account::Column::Id.eq(id))
        .filter(account::Column::Status.is_in(from.iter().map(|s| s.as_str())))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The vetting queue and account lists.
pub async fn list(
    db: &impl ConnectionTrait,
    status: Option<AccountStatus>,
    role: Option<Role>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AccountRow>, u64), DbErr> {
    let mut q = Accounts::find();
    if let Some(s) = status {
        q = q.filter(account::Column::Status.eq(s.as_str()));
    }
    if let Some(r) = role {
        q = q.filter(account::Column::Role.eq(r.as_str()));
    }
    let total = q.clone().count(db).await?;
    let rows = q
        .order_by_asc(account::Column::CreatedAt)
        .order_by_asc(account::Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await
        .map_err(super::unreadable_in("accounts"))?;
    Ok((rows, total))
}

/// The suppliers of the products `product_ids`, in one query (so it can run beside the
/// products' own).
pub async fn suppliers_of(
    db: &impl ConnectionTrait,
    product_ids: &[Uuid],
) -> Result<Vec<AccountRow>, DbErr> {
    use crate::entities::product;
    use sea_orm::sea_query::{ExprTrait, Query};
    let suppliers = Query::select()
        .column(product::Column::SupplierId)
        .from(product::Entity)
        .and_where(Expr::col(product::Column::Id).is_in(product_ids.iter().copied()))
        .to_owned();
    Accounts::find()
        .filter(account::Column::Id.in_subquery(suppliers))
        .all(db)
        .await
        .map_err(super::unreadable_in("accounts"))
}

/// How many accounts are not admins: `hostmatch seed` writes only into a database with none.
pub async fn count_non_admin(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    Accounts::find()
        .filter(account::Column::Role.ne(Role::Admin.as_str()))
        .count(db)
        .await
}

pub async fn by_ids(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<AccountRow>, DbErr> {
    Accounts::find()
        .filter(account::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
        .map_err(super::unreadable_in("accounts"))
}
