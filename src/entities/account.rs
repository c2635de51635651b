//! The `accounts` table.

use sea_orm::entity::prelude::*;

use crate::domain::{AccountStatus, Locale, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub status: AccountStatus,
    pub display_name: String,
    pub locale: Locale,
    /// False until the emailed link is followed; accounts older than verification and
    /// admins count as verified.
    pub email_verified: bool,
    /// An IANA name (`America/Sao_Paulo`); pages show times in it.
    pub time_zone: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
