//! The `login_throttle` table: a token bucket of login attempts per email address.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "login_throttle")]
pub struct Model {
    /// SHA-256 of the normalised email address, hex.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Attempts left, refilled continuously.
    pub allowance: f64,
    /// When `allowance` was last brought up to date, Unix milliseconds.
    pub checked_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
