//! The `offers` table.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::domain::{
    findings::ProductFinding,
    offer::{OfferStatus, Party},
};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub supplier_id: Uuid,
    pub host_id: Uuid,
    pub message: String,
    pub commission_pct: f64,
    pub fee_cents: i64,
    pub free_samples: bool,
    pub status: OfferStatus,
    pub decline_reason: Option<String>,
    /// JSON `[{product_id, finding}]`: the products' findings in the host's markets when
    /// the offer was sent.
    pub warnings: TextJson<Vec<ProductFinding>>,
    pub expires_at: DateTimeUtc,
    /// The latest version's number (1 for the first) and who made it; the terms above
    /// are always that version's.
    pub version: i32,
    pub latest_by: Party,
    /// The live time the latest version proposes.
    pub live_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
