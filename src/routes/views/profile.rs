//! Host and supplier profiles as others see them, with the account's vetting status.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    db::{
        accounts::AccountRow,
        profiles::{HostRow, SupplierRow},
    },
    domain::{
        AccountStatus, Locale,
        profile::{HostLanguage, Platform},
    },
    routes::views::findings::{self, FindingView},
};

/// A host profile as others see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct HostProfileView {
    id: Uuid,
    account_id: Uuid,
    display_name: String,
    headline: String,
    bio: String,
    country: String,
    languages: Vec<HostLanguage>,
    markets: Vec<String>,
    categories: Vec<u32>,
    platforms: Vec<Platform>,
    /// The sum of the platforms' followers.
    followers_total: i64,
    min_commission_pct: f64,
    min_fee_cents: i64,
    /// The track record, kept by the service: the mean stars of its published reviews
    /// to one decimal (null without any), their number, and its confirmed
    /// collaborations.
    rating: Option<f64>,
    review_count: i32,
    completed_collaborations: i32,
    /// The account's vetting status.
    status: AccountStatus,
    updated_at: DateTime<Utc>,
    /// For the host and admins only: what screening found in the headline and bio, in the
    /// host's markets (or in every market).
    #[serde(skip_serializing_if = "Option::is_none")]
    compliance: Option<Vec<FindingView>>,
}

impl HostProfileView {
    pub fn new(p: &HostRow, account: &AccountRow) -> Self {
        Self {
            id: p.id,
            account_id: p.id,
            display_name: p.display_name.clone(),
            headline: p.headline.clone(),
            bio: p.bio.clone(),
            country: p.country.clone(),
            languages: p.languages.0.clone(),
            markets: p.markets.0.clone(),
            categories: p.categories.0.clone(),
            platforms: p.platforms.0.clone(),
            followers_total: p.followers_total,
            min_commission_pct: p.min_commission_pct,
            min_fee_cents: p.min_fee_cents,
            rating: p.rating,
            review_count: p.review_count,
            completed_collaborations: p.completed_collaborations,
            status: account.status,
            updated_at: p.updated_at,
            compliance: None,
        }
    }

    /// The view with the profile's findings, for its host or an admin.
    pub fn with_findings(mut self, p: &HostRow, reader: Locale) -> Self {
        self.compliance = Some(findings::views(&p.compliance, &self.markets, reader));
        self
    }

    /// Whether the view carries findings (only one made `with_findings` can).
    pub fn has_findings(&self) -> bool {
        self.compliance.as_ref().is_some_and(|c| !c.is_empty())
    }

    pub fn markets(&self) -> &[String] {
        &self.markets
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupplierProfileView {
    id: Uuid,
    account_id: Uuid,
    company_name: String,
    company_name_zh: String,
    license_number: String,
    province: String,
    city: String,
    website: String,
    description: String,
    description_zh: String,
    categories: Vec<u32>,
    target_markets: Vec<String>,
    /// The track record, as on host profiles.
    rating: Option<f64>,
    review_count: i32,
    completed_collaborations: i32,
    status: AccountStatus,
    updated_at: DateTime<Utc>,
}

impl SupplierProfileView {
    pub fn new(p: &SupplierRow, account: &AccountRow) -> Self {
        Self {
            id: p.id,
            account_id: p.id,
            company_name: p.company_name.clone(),
            company_name_zh: p.company_name_zh.clone(),
            license_number: p.license_number.clone(),
            province: p.province.clone(),
            city: p.city.clone(),
            website: p.website.clone(),
            description: p.description.clone(),
            description_zh: p.description_zh.clone(),
            categories: p.categories.0.clone(),
            target_markets: p.target_markets.0.clone(),
            rating: p.rating,
            review_count: p.review_count,
            completed_collaborations: p.completed_collaborations,
            status: account.status,
            updated_at: p.updated_at,
        }
    }
}
