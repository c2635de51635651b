//! A product as readers see it: its findings cut to its target markets, in the reader's
//! language.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    db::products::ProductRow,
    domain::{Locale, product::ProductStatus},
    routes::views::findings::{self, FindingView},
};

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductView {
    id: Uuid,
    supplier_id: Uuid,
    title: String,
    title_zh: String,
    description: String,
    description_zh: String,
    category: u32,
    target_markets: Vec<String>,
    price_cents: i64,
    commission_pct: f64,
    moq: i32,
    free_samples: bool,
    image_urls: Vec<String>,
    status: ProductStatus,
    /// What compliance screening found in the product's target markets: market rules its
    /// category meets and terms in its text, most serious first. Screened on every save
    /// and again whenever the rules or term lists change.
    compliance: Vec<FindingView>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl ProductView {
    pub fn new(p: &ProductRow, reader: Locale) -> Self {
        let target_markets: Vec<String> = p.target_markets.0.clone();
        Self {
            id: p.id,
            supplier_id: p.supplier_id,
            title: p.title.clone(),
            title_zh: p.title_zh.clone(),
            description: p.description.clone(),
            description_zh: p.description_zh.clone(),
            category: p.category as u32,
            compliance: findings::cut(&p.compliance.0, &target_markets, reader),
            target_markets,
            price_cents: p.price_cents,
            commission_pct: p.commission_pct,
            moq: p.moq,
            free_samples: p.free_samples,
            image_urls: p.image_urls.0.clone(),
            status: p.status,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}
