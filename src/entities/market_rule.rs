//! The `market_rules` table: rules admins add to the shipped file (one per market and
//! category; one here replaces the shipped rule for the same pair).

use sea_orm::entity::prelude::*;

use crate::domain::findings::Level;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "market_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// A country code or a region, upper case.
    pub market: String,
    pub category: i32,
    pub level: Level,
    pub reason: String,
    pub reason_zh: String,
    pub source: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
