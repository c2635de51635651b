//! The `offer_versions` table: every version of an offer's terms, the first included.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::domain::{findings::ProductFinding, offer::Party};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub offer_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
    pub by_party: Party,
    pub commission_pct: f64,
    pub fee_cents: i64,
    pub free_samples: bool,
    pub live_at: Option<DateTimeUtc>,
    pub message: String,
    pub expires_at: DateTimeUtc,
    /// The version's products' findings in the host's markets when it was made.
    pub warnings: TextJson<Vec<ProductFinding>>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
