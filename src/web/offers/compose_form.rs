//! The compose form as posted: every field as typed, read into the API's `OfferRequest`
//! and checked by the core (`OfferDraft::try_from`), with each error kept next to its
//! field in the reader's words. The fee is typed in dollars, the expiry as a day.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{
        fields::FieldError,
        offer::{MAX_LIFETIME_DAYS, OfferDraft},
    },
    services::offers::OfferRequest,
    web::{context::SignedIn, forms::FormState},
};

/// The posted form: every field as typed, so a wrong one is named, not a 400.
#[derive(Deserialize)]
pub struct ComposeForm {
    #[serde(default)]
    pub(super) host_id: String,
    #[serde(default)]
    product_ids: Vec<String>,
    #[serde(default)]
    commission_pct: String,
    /// The fixed fee in US dollars (the API takes `fee_cents`).
    #[serde(default)]
    fee: String,
    #[serde(default)]
    free_samples: Option<String>,
    #[serde(default)]
    message: String,
    /// A day in the reader's time zone.
    #[serde(default)]
    expires_at: String,
}

pub(super) struct Read {
    pub form: FormState,
    pub selected: HashSet<Uuid>,
    pub draft: Option<OfferDraft>,
}

/// The form as the API's request, checked by the core; errors kept next to their fields.
pub(super) fn read(me: &SignedIn, f: &ComposeForm) -> Read {
    let i18n = &me.viewer.i18n;
    let mut form = FormState::default();
    for (k, v) in [
        ("commission_pct", &f.commission_pct),
        ("fee", &f.fee),
        ("message", &f.message),
        ("expires_at", &f.expires_at),
    ] {
        form.keep(k, v);
    }
    let free_samples = f.free_samples.is_some();
    form.keep("free_samples", if free_samples { "true" } else { "" });
    let mut product_ids = Vec::new();
    for p in &f.product_ids {
        match Uuid::parse_str(p.trim()) {
            Ok(id) => product_ids.push(id),
            Err(_) => form.fail("product_ids", i18n.t("error-invalid")),
        }
    }
    let selected: HashSet<Uuid> = product_ids.iter().copied().collect();
    let number = |s: &str| {
        s.trim()
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
    };
    let commission = number(&f.commission_pct);
    if commission.is_none() {
        form.fail("commission_pct", i18n.t("error-invalid"));
    }
    let fee_cents = if f.fee.trim().is_empty() {
        Some(0)
    } else {
        // Dollars and cents as typed; the core bounds the amount.
        #[allow(clippy::cast_possible_truncation)]
        number(&f.fee).map(|d| (d * 100.0).round() as i64)
    };
    if fee_cents.is_none() {
        form.fail("fee", i18n.t("error-invalid"));
    }
    // Left empty, the API's default (14 days) holds.
    let expires_at = expiry(me, &f.expires_at);
    if expires_at.is_none() && !f.expires_at.trim().is_empty() {
        form.fail("expires_at", i18n.t("error-invalid"));
    }
    let request = OfferRequest {
        host_id: Uuid::parse_str(f.host_id.trim()).unwrap_or_default(),
        product_ids,
        message: f.message.clone(),
        commission_pct: commission.unwrap_or(0.0),
        fee_cents: fee_cents.unwrap_or(0),
        free_samples,
        expires_at,
    };
    let draft = match OfferDraft::try_from(request) {
        Ok(d) => Some(d),
        Err(errors) => {
            fail_all(me, &mut form, &errors);
            None
        }
    };
    let draft = draft.filter(|_| form.is_valid());
    Read {
        form,
        selected,
        draft,
    }
}

/// The core's errors next to the page's fields (the fee is typed in dollars).
pub(super) fn fail_all(me: &SignedIn, form: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        let field = if e.field == "fee_cents" {
            "fee"
        } else {
            e.field.as_str()
        };
        let text = if e.message.contains("days") || e.message.contains("future") {
            me.viewer.i18n.t1(
                "offer-expiry-range",
                "days",
                MAX_LIFETIME_DAYS.unsigned_abs(),
            )
        } else {
            me.viewer.i18n.field_error(e)
        };
        form.fail(field, text);
    }
}

/// The day the offer ends, read in the reader's time zone at this time of day, so the
/// default (14 days) and the bound (90) are whole days from now.
fn expiry(me: &SignedIn, day: &str) -> Option<DateTime<Utc>> {
    let tz = me.viewer.i18n.time_zone;
    let day = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok()?;
    let now = Utc::now().with_timezone(&tz);
    let days = (day - now.date_naive()).num_days();
    Some(Utc::now() + Duration::days(days))
}
