//! Queries on accounts: create, look up, change status, settings and password, close.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    domain::{AccountPatch, AccountStatus, Locale, Role},
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

/// Marks the address proven; false when the account was already verified.
pub async fn mark_verified(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let res = Accounts::update_many()
        .col_expr(account::Column::EmailVerified, Expr::value(true))
        .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(account::Column::Id.eq(id))
        .filter(account::Column::EmailVerified.eq(false))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Writes the fields the patch gives; the others stay.
pub async fn update_settings(
    db: &impl ConnectionTrait,
    id: Uuid,
    patch: &AccountPatch,
) -> Result<(), DbErr> {
    use account::Column as C;
    let mut q = Accounts::update_many().col_expr(C::UpdatedAt, Expr::value(Utc::now()));
    if let Some(name) = &patch.display_name {
        q = q.col_expr(C::DisplayName, Expr::value(name.as_str()));
    }
    if let Some(locale) = patch.locale {
        q = q.col_expr(C::Locale, Expr::value(locale.as_str()));
    }
    if let Some(tz) = patch.time_zone {
        q = q.col_expr(C::TimeZone, Expr::value(tz.name()));
    }
    q.filter(C::Id.eq(id)).exec(db).await?;
    Ok(())
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: Uuid,
    password_hash: &str,
) -> Result<(), DbErr> {
    Accounts::update_many()
        .col_expr(account::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// What a closed account keeps in place of its holder's details.
pub struct Closed<'a> {
    /// Unique and no address at all, so the real one may register again.
    pub email: &'a str,
    pub display_name: &'a str,
    /// Matches no password.
    pub password_hash: &'a str,
}

/// Closes an account that is not closed yet; false when it already was.
pub async fn close(db: &impl ConnectionTrait, id: Uuid, c: Closed<'_>) -> Result<bool, DbErr> {
    use account::Column as C;
    let res = Accounts::update_many()
        .col_expr(C::Status, Expr::value(AccountStatus::Closed.as_str()))
        .col_expr(C::Email, Expr::value(c.email))
        .col_expr(C::DisplayName, Expr::value(c.display_name))
        .col_expr(C::PasswordHash, Expr::value(c.password_hash))
        .col_expr(C::EmailVerified, Expr::value(false))
        .col_expr(C::TimeZone, Expr::value("UTC"))
        .col_expr(C::UpdatedAt, Expr::value(Utc::now()))
        .filter(C::Id.eq(id))
        .filter(C::Status.ne(AccountStatus::Closed.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// The ids of approved admins, their rows locked on PostgreSQL until the transaction ends,
/// so two admins closing their accounts at once cannot both count the other.
pub async fn approved_admins_for_update(db: &impl ConnectionTrait) -> Result<Vec<Uuid>, DbErr> {
    Accounts::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::Role.eq(Role::Admin.as_str()))
        .filter(account::Column::Status.eq(AccountStatus::Approved.as_str()))
        .order_by_asc(account::Column::Id)
        .lock_exclusive()
        .into_tuple()
        .all(db)
        .await
}

/// How many accounts are in `status` (the vetting queue's length, for the navigation).
pub async fn count_in_status(
    db: &impl ConnectionTrait,
    status: AccountStatus,
) -> Result<u64, DbErr> {
    Accounts::find()
        .filter(account::Column::Status.eq(status.as_str()))
        .count(db)
        .await
}
