//! The `reviews` table: what each party of a confirmed collaboration says of the other.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::domain::{findings::Finding, offer::Party};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub collaboration_id: Uuid,
    pub author_id: Uuid,
    pub subject_id: Uuid,
    pub author_role: Party,
    /// 1 to 5 stars.
    pub rating: i16,
    pub body: String,
    pub findings: TextJson<Vec<Finding>>,
    /// Set when both reviews are in or the window closed; the author sees it before.
    pub published_at: Option<DateTimeUtc>,
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
