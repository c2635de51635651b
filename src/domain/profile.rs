//! Host and supplier profiles as the service accepts them: every field checked.

use serde::{Deserialize, Serialize};

use super::uscc::Uscc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LanguageLevel {
    Native,
    Fluent,
    Conversational,
}

/// A language a host streams in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HostLanguage {
    /// ISO 639-1.
    pub code: String,
    pub level: LanguageLevel,
}

/// Where a host streams. Names are a fixed list so that search facets stay clean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// A platform's code, as `GET /api/v1/platforms` lists them.
    pub name: String,
    pub handle: String,
    pub followers: i64,
}

/// A valid host profile.
#[derive(Debug, Clone)]
pub struct HostProfileDraft {
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub country: String,
    pub languages: Vec<HostLanguage>,
    pub markets: Vec<String>,
    pub categories: Vec<u32>,
    pub platforms: Vec<Platform>,
    pub min_commission_pct: f64,
    pub min_fee_cents: i64,
}

impl HostProfileDraft {
    /// Derived, never given: the sum over platforms.
    pub fn followers_total(&self) -> i64 {
        self.platforms.iter().map(|p| p.followers).sum()
    }
}

/// A valid supplier profile.
#[derive(Debug, Clone)]
pub struct SupplierProfileDraft {
    pub company_name: String,
    pub company_name_zh: String,
    pub license_number: Uscc,
    pub province: String,
    pub city: String,
    pub website: String,
    pub description: String,
    pub description_zh: String,
    pub categories: Vec<u32>,
    pub target_markets: Vec<String>,
}
