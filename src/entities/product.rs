//! The `products` table.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::domain::{findings::Finding, product::ProductStatus};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The supplier's account id.
    pub supplier_id: Uuid,
    pub title: String,
    pub title_zh: String,
    pub description: String,
    pub description_zh: String,
    pub category: i32,
    /// JSON `[country code]`, regions already expanded.
    pub target_markets: TextJson<Vec<String>>,
    pub price_cents: i64,
    pub commission_pct: f64,
    pub moq: i32,
    pub free_samples: bool,
    /// JSON `[url]`.
    pub image_urls: TextJson<Vec<String>>,
    pub status: ProductStatus,
    /// JSON `[stored finding]` (see `domain::compliance::Finding`): every market rule and
    /// screened term this row meets, in any market.
    pub compliance: TextJson<Vec<Finding>>,
    /// The rulebook version the findings were computed with.
    pub screened_with: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
