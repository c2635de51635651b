//! A product as the catalogue accepts it, and its lifecycle.

use super::string_enum::string_enum;

/// A valid product.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProductDraft {
    pub title: String,
    pub title_zh: String,
    pub description: String,
    pub description_zh: String,
    pub category: u32,
    /// Countries, regions already expanded.
    pub target_markets: Vec<String>,
    pub price_cents: i64,
    pub commission_pct: f64,
    pub moq: i32,
    pub free_samples: bool,
    pub image_urls: Vec<String>,
}

string_enum! {
    /// Whether a product is listed.
    pub enum ProductStatus {
        Active => "active",
        Archived => "archived",
    }
}

pub const MAX_IMAGES: usize = 20;
