//! What a supplier sends an offer with, either party counters with and a party declines
//! with (a JSON body or a page's form, the same fields), read into `OfferDraft`,
//! `CounterDraft` and `DeclineReason` with every bad field named; both edges use these, so
//! neither copies a rule.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{
    account::parse_reason,
    fields::{Check, FieldError},
    offer::{
        CounterDraft, DEFAULT_LIFETIME_DAYS, DeclineReason, MAX_LIFETIME_DAYS, MAX_PRODUCTS,
        OfferDraft,
    },
};

/// The most an offer's or a counter's note may hold.
const MAX_MESSAGE: usize = 2000;
/// How far ahead a counter may propose the live session.
const MAX_LIVE_AHEAD_DAYS: i64 = 365;

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
        let expires_at = expiry(&mut c, r.expires_at, now);
        let draft = OfferDraft {
            host_id: r.host_id,
            product_ids,
            message: c.paragraphs("message", &r.message, MAX_MESSAGE),
            commission_pct: c.percent("commission_pct", r.commission_pct),
            fee_cents: c.cents("fee_cents", r.fee_cents),
            free_samples: r.free_samples,
            expires_at,
        };
        c.finish()?;
        Ok(draft)
    }
}

/// When an offer or counter expires: `asked`, or 14 days from `now`; within 90 days.
fn expiry(c: &mut Check, asked: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    let expires_at = asked.unwrap_or(now + Duration::days(DEFAULT_LIFETIME_DAYS));
    if expires_at <= now + Duration::minutes(1) {
        c.fail("expires_at", "must be in the future");
    } else if expires_at > now + Duration::days(MAX_LIFETIME_DAYS) {
        c.fail(
            "expires_at",
            format!("must be within {MAX_LIFETIME_DAYS} days"),
        );
    }
    expires_at
}

/// New terms for the latest version of an offer: each one left out stays as it is.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterRequest {
    pub commission_pct: Option<f64>,
    pub fee_cents: Option<i64>,
    pub free_samples: Option<bool>,
    /// 1 to 20 of the supplier's active products.
    pub product_ids: Option<Vec<Uuid>>,
    /// The proposed start of the live session (UTC), within a year.
    pub live_at: Option<DateTime<Utc>>,
    /// A note with the counter, at most 2,000 characters.
    pub message: Option<String>,
    /// Default: 14 days from now; at most 90.
    pub expires_at: Option<DateTime<Utc>>,
    /// The version you answer; when a newer one exists the counter answers 409.
    pub version: Option<i32>,
}

/// The terms a counter answers: the offer's latest version.
#[derive(Debug, Clone)]
pub struct Latest {
    pub commission_pct: f64,
    pub fee_cents: i64,
    pub free_samples: bool,
    pub product_ids: Vec<Uuid>,
    pub live_at: Option<DateTime<Utc>>,
}

impl CounterRequest {
    /// The new version, from `latest` changed as asked. A counter must change a term: a
    /// word alone belongs in the thread's messages.
    pub fn draft(
        self,
        latest: &Latest,
        now: DateTime<Utc>,
    ) -> Result<CounterDraft, Vec<FieldError>> {
        let mut c = Check::default();
        let mut product_ids = self
            .product_ids
            .unwrap_or_else(|| latest.product_ids.clone());
        product_ids.sort();
        product_ids.dedup();
        if product_ids.is_empty() || product_ids.len() > MAX_PRODUCTS {
            c.fail(
                "product_ids",
                format!("must name 1 to {MAX_PRODUCTS} products"),
            );
        }
        let live_at = self.live_at.or(latest.live_at);
        if let Some(at) = self.live_at {
            if at <= now {
                c.fail("live_at", "must be in the future");
            } else if at > now + Duration::days(MAX_LIVE_AHEAD_DAYS) {
                c.fail("live_at", "must be within a year");
            }
        }
        let draft = CounterDraft {
            commission_pct: c.percent(
                "commission_pct",
                self.commission_pct.unwrap_or(latest.commission_pct),
            ),
            fee_cents: c.cents("fee_cents", self.fee_cents.unwrap_or(latest.fee_cents)),
            free_samples: self.free_samples.unwrap_or(latest.free_samples),
            product_ids,
            live_at,
            message: c.paragraphs(
                "message",
                self.message.as_deref().unwrap_or_default(),
                MAX_MESSAGE,
            ),
            expires_at: expiry(&mut c, self.expires_at, now),
        };
        let same = draft.commission_pct == latest.commission_pct
            && draft.fee_cents == latest.fee_cents
            && draft.free_samples == latest.free_samples
            && draft.product_ids == latest.product_ids
            && draft.live_at == latest.live_at;
        if same {
            c.fail(
                "terms",
                "a counter-offer changes at least one term; to write without changing the \
                 terms, send a message",
            );
        }
        c.finish()?;
        Ok(draft)
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineRequest {
    pub reason: Option<String>,
    /// The version you answer; when a newer one exists the decline answers 409.
    pub version: Option<i32>,
}

/// What an accept or a withdrawal may carry: the version it answers. When given and a
/// newer version exists, the move answers 409 instead of applying to terms the caller
/// has not seen.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    pub version: Option<i32>,
}

/// What a move says besides itself, read once the caller is known to be its party.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Said {
    pub reason: Option<String>,
    pub version: Option<i32>,
}

impl TryFrom<DeclineRequest> for DeclineReason {
    type Error = FieldError;

    fn try_from(r: DeclineRequest) -> Result<Self, FieldError> {
        parse_reason(r.reason, false).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest() -> Latest {
        Latest {
            commission_pct: 15.0,
            fee_cents: 0,
            free_samples: false,
            product_ids: vec![Uuid::from_u128(1)],
            live_at: None,
        }
    }

    #[test]
    fn a_counter_keeps_what_it_does_not_name_and_must_change_a_term() {
        let now = Utc::now();
        let d = CounterRequest {
            fee_cents: Some(5000),
            ..Default::default()
        }
        .draft(&latest(), now)
        .unwrap();
        assert_eq!((d.commission_pct, d.fee_cents), (15.0, 5000));
        assert_eq!(d.product_ids, latest().product_ids);
        assert!(d.expires_at > now + Duration::days(13));
        let words_only = CounterRequest {
            message: Some("Can we talk?".into()),
            commission_pct: Some(15.0),
            ..Default::default()
        }
        .draft(&latest(), now)
        .unwrap_err();
        assert_eq!(words_only[0].field, "terms");
    }

    #[test]
    fn a_counter_in_the_past_or_out_of_range_names_each_field() {
        let now = Utc::now();
        let errors = CounterRequest {
            commission_pct: Some(120.0),
            live_at: Some(now - Duration::hours(1)),
            product_ids: Some(vec![]),
            ..Default::default()
        }
        .draft(&latest(), now)
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"commission_pct"), "{fields:?}");
        assert!(fields.contains(&"live_at"), "{fields:?}");
        assert!(fields.contains(&"product_ids"), "{fields:?}");
    }
}
