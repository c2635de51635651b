//! What a supplier sends an offer with and a host declines with (a JSON body or a page's
//! form, the same fields), read into `OfferDraft` and `DeclineReason` with every bad field
//! named; both edges use these, so neither copies a rule.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{
    account::parse_reason,
    fields::{Check, FieldError},
    offer::{DEFAULT_LIFETIME_DAYS, DeclineReason, MAX_LIFETIME_DAYS, MAX_PRODUCTS, OfferDraft},
};

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferRequest {
    pub host_id: Uuid,
    /// 1 to 20 of your own active products.
    pub product_ids: Vec<Uuid>,
    #[serde(default)]
    pub message: String,
    pub commission_pct: f64,
    #[serde(default)]
    pub fee_cents: i64,
    #[serde(default)]
    pub free_samples: bool,
    /// Default: 14 days from now; at most 90.
    pub expires_at: Option<DateTime<Utc>>,
}

impl TryFrom<OfferRequest> for OfferDraft {
    type Error = Vec<FieldError>;

    fn try_from(r: OfferRequest) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        let mut product_ids = r.product_ids.clone();
        product_ids.sort();
        product_ids.dedup();
        if product_ids.is_empty() || product_ids.len() > MAX_PRODUCTS {
            c.fail(
                "product_ids",
                format!("must name 1 to {MAX_PRODUCTS} products"),
            );
        }
        let now = Utc::now();
        let expires_at = r
            .expires_at
            .unwrap_or(now + Duration::days(DEFAULT_LIFETIME_DAYS));
        if expires_at <= now + Duration::minutes(1) {
            c.fail("expires_at", "must be in the future");
        } else if expires_at > now + Duration::days(MAX_LIFETIME_DAYS) {
            c.fail(
                "expires_at",
                format!("must be within {MAX_LIFETIME_DAYS} days"),
            );
        }
        let draft = OfferDraft {
            host_id: r.host_id,
            product_ids,
            message: c.paragraphs("message", &r.message, 2000),
            commission_pct: c.percent("commission_pct", r.commission_pct),
            fee_cents: c.cents("fee_cents", r.fee_cents),
            free_samples: r.free_samples,
            expires_at,
        };
        c.finish()?;
        Ok(draft)
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineRequest {
    pub reason: Option<String>,
}

impl TryFrom<DeclineRequest> for DeclineReason {
    type Error = FieldError;

    fn try_from(r: DeclineRequest) -> Result<Self, FieldError> {
        parse_reason(r.reason, false).map(Self)
    }
}
