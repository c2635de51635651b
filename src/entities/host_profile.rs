//! The `host_profiles` table; `id` is the host's account id.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::domain::{
    findings::Finding,
    profile::{HostLanguage, Platform},
};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "host_profiles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub country: String,
    /// JSON `[{code, level}]`.
    pub languages: TextJson<Vec<HostLanguage>>,
    /// JSON `[country code]`, regions already expanded.
    pub markets: TextJson<Vec<String>>,
    /// JSON `[category id]`.
    pub categories: TextJson<Vec<u32>>,
    /// JSON `[{name, handle, followers}]`.
    pub platforms: TextJson<Vec<Platform>>,
    pub followers_total: i64,
    pub min_commission_pct: f64,
    pub min_fee_cents: i64,
    pub rating: Option<f64>,
    pub completed_collaborations: i32,
    pub review_count: i32,
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
