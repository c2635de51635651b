//! Queries on accounts: create, look up, change status, count failed logins.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Condition, Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{
    domain::{AccountStatus, Role},
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
    pub locale: &'a str,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewAccount<'_>) -> Result<AccountRow, DbErr> {
    let now = Utc::now();
    account::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(new.email.to_owned()),
        password_hash: Set(new.password_hash.to_owned()),
        role: Set(new.role.as_str().to_owned()),
        status: Set(new.status.as_str().to_owned()),
        display_name: Set(new.display_name.to_owned()),
        locale: Set(new.locale.to_owned()),
        failed_logins: Set(0),
        failed_window_start: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<AccountRow>, DbErr> {
    Accounts::find_by_id(id).one(db).await
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
        .filter(account::Column::Role.ne(Role::Admin.as_str()))
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
        .await?;
    Ok((rows, total))
}

/// Takes one login attempt from the account's hourly allowance. Returns `Ok(None)` when the
/// attempt may go ahead, or when the window reopens if the allowance is spent.
///
/// The allowance is taken before the password is checked, in one conditional update, so
/// parallel guesses cannot slip past the limit.
pub async fn reserve_login_attempt(
    db: &impl ConnectionTrait,
    id: Uuid,
    max_attempts: u32,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let window = Duration::hours(1);
    let cutoff = now - window;
    let stale = || {
        Condition::any()
            .add(account::Column::FailedWindowStart.is_null())
            .add(account::Column::FailedWindowStart.lte(cutoff))
    };
    let res = Accounts::update_many()
        .col_expr(
            account::Column::FailedLogins,
            Expr::case(stale(), 1)
                .finally(Expr::col(account::Column::FailedLogins).add(1))
                .into(),
        )
        .col_expr(
            account::Column::FailedWindowStart,
            Expr::case(stale(), now)
                .finally(Expr::col(account::Column::FailedWindowStart))
                .into(),
        )
        .filter(account::Column::Id.eq(id))
        .filter(
            Condition::any()
                .add(stale())
                .add(account::Column::FailedLogins.lt(max_attempts as i32)),
        )
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        return Ok(None);
    }
    let reopens = find(db, id)
        .await?
        .and_then(|row| row.failed_window_start)
        .map_or(now, |start| start + window);
    Ok(Some(reopens))
}

/// A successful login gives the allowance back.
pub async fn reset_login_attempts(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    Accounts::update_many()
        .col_expr(account::Column::FailedLogins, Expr::value(0))
        .col_expr(
            account::Column::FailedWindowStart,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
