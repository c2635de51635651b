//! The `supplier_profiles` table; `id` is the supplier's account id.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "supplier_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub company_name: String,
    pub company_name_zh: String,
    pub license_number: String,
    pub province: String,
    pub city: String,
    pub website: String,
    pub description: String,
    pub description_zh: String,
    /// JSON `[category id]`.
    pub categories: TextJson<Vec<u32>>,
    /// JSON `[country code]`, regions already expanded.
    pub target_markets: TextJson<Vec<String>>,
    /// The track record, as on host profiles: mean published stars, their number, and
    /// confirmed collaborations.
    pub rating: Option<f64>,
    pub review_count: i32,
    pub completed_collaborations: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
