//! The login throttle: a token bucket per email address, spent in one conditional update.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use crate::entities::login_throttle::{self, Column, Entity as Throttle};

pub use login_throttle::Model as ThrottleRow;

/// A bucket holding at most `burst` attempts, refilled at `burst` an hour. Over any hour it
/// lets through at most `2 * burst`: what it held at the start plus what flowed in.
#[derive(Debug, Clone, Copy)]
pub struct Bucket {
    pub burst: f64,
}

impl Bucket {
    /// The bucket that never lets more than `per_hour` attempts through in any hour.
    pub fn at_most_per_hour(per_hour: u32) -> Self {
        Self {
            burst: f64::from(std::cmp::max(per_hour, 2)) / 2.0,
        }
    }

    fn per_ms(self) -> f64 {
        self.burst / 3_600_000.0
    }
}

/// Takes one attempt for `key`. Ok(None) when it may go ahead, Ok(Some(seconds)) until the
/// next attempt is allowed when the bucket is empty.
pub async fn take(
    db: &impl ConnectionTrait,
    key: &str,
    bucket: Bucket,
    now_ms: i64,
) -> Result<Option<u64>, DbErr> {
    Throttle::insert(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        allowance: Set(bucket.burst),
        checked_at_ms: Set(now_ms),
    })
    .on_conflict(OnConflict::column(Column::Key).do_nothing().to_owned())
    .exec_without_returning(db)
    .await?;
    // allowance + elapsed * rate, capped at the burst; both databases evaluate the SET
    // and WHERE on the row as it is when the update takes its lock.
    let refilled = || {
        Expr::col(Column::Allowance).add(
            Expr::val(now_ms)
                .sub(Expr::col(Column::CheckedAtMs))
                .mul(bucket.per_ms()),
        )
    };
    let capped = || -> Expr {
        Expr::case(refilled().gt(bucket.burst), bucket.burst)
            .finally(refilled())
            .into()
    };
    let res = Throttle::update_many()
        .col_expr(Column::Allowance, capped().sub(1.0))
        .col_expr(Column::CheckedAtMs, Expr::val(now_ms))
        .filter(Column::Key.eq(key))
        .filter(capped().gte(1.0))
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        return Ok(None);
    }
    let row = Throttle::find_by_id(key.to_owned()).one(db).await?;
    let wait = row.map_or(1.0, |r| {
        let now = r.allowance + (now_ms - r.checked_at_ms) as f64 * bucket.per_ms();
        (1.0 - now) / bucket.per_ms() / 1000.0
    });
    Ok(Some(wait.ceil().max(1.0) as u64))
}

/// The bucket of `key`, if one was ever taken from.
pub async fn find(db: &impl ConnectionTrait, key: &str) -> Result<Option<ThrottleRow>, DbErr> {
    Throttle::find_by_id(key.to_owned()).one(db).await
}

pub async fn delete(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    Throttle::delete_many()
        .filter(Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}
