//! The `messages` table: the thread between an offer's two parties, which continues into
//! its collaboration.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::domain::findings::Finding;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub offer_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    /// What screening found in the body (nothing prohibited: that is refused).
    pub findings: TextJson<Vec<Finding>>,
    /// Set when an admin hid the message, with the reason readers see instead.
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
