//! The offer page as a thread: every version of the terms and every message, in the
//! order they came, each named by who wrote it; and the new-terms and message forms as
//! posted, read into the core's `CounterRequest` and message body.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;

use crate::{
    db::messages::MessageRow,
    domain::offer::Party,
    services::offers::{CounterRequest, Offer, Version},
    web::{context::SignedIn, forms::FormState, i18n::I18n, offers::percent},
};

/// One entry of the history: a version of the terms or a message.
pub struct Entry {
    pub at: String,
    pub by: String,
    pub mine: bool,
    /// `Some` for a version: its number and terms as the page words them.
    pub version: Option<VersionLine>,
    pub text: String,
    /// Why an admin hid the message, instead of its text.
    pub hidden: Option<String>,
    /// The version on the table now.
    pub current: bool,
}

pub struct VersionLine {
    pub number: i32,
    pub commission: String,
    pub fee: String,
    pub free_samples: bool,
    pub live_at: Option<String>,
    pub products: usize,
}

/// Versions and messages merged by time, oldest first.
pub fn history(
    offer: &Offer,
    versions: &[Version],
    messages: &[MessageRow],
    me: &SignedIn,
    name_of: impl Fn(Party) -> String,
) -> Vec<Entry> {
    let i18n = &me.viewer.i18n;
    let side_of = |id: uuid::Uuid| {
        if id == offer.row.supplier_id {
            Party::Supplier
        } else {
            Party::Host
        }
    };
    let mut out: Vec<(DateTime<Utc>, Entry)> = Vec::new();
    for v in versions {
        let by = v.by();
        out.push((
            v.created_at(),
            Entry {
                at: i18n.datetime(&v.created_at()),
                by: name_of(by),
                mine: mine(offer, me, by),
                version: Some(VersionLine {
                    number: v.row.version,
                    commission: percent(v.row.commission_pct),
                    fee: i18n.money(v.row.fee_cents),
                    free_samples: v.row.free_samples,
                    live_at: v.row.live_at.map(|at| i18n.datetime(&at)),
                    products: v.product_ids.len(),
                }),
                text: v.row.message.clone(),
                hidden: None,
                current: v.row.version == offer.row.version,
            },
        ));
    }
    for m in messages {
        let by = side_of(m.author_id);
        out.push((
            m.created_at,
            Entry {
                at: i18n.datetime(&m.created_at),
                by: name_of(by),
                mine: m.author_id == me.actor.id,
                version: None,
                text: if m.hidden_at.is_some() {
                    String::new()
                } else {
                    m.body.clone()
                },
                hidden: m
                    .hidden_at
                    .map(|_| m.hidden_reason.clone().unwrap_or_default()),
                current: false,
            },
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, e)| e).collect()
}

fn mine(offer: &Offer, me: &SignedIn, by: Party) -> bool {
    match by {
        Party::Supplier => offer.row.supplier_id == me.actor.id,
        Party::Host => offer.row.host_id == me.actor.id,
    }
}

/// The new-terms form as posted: every field as typed. The fee is in dollars and the live
/// time in the reader's time zone; `version` is the one the reader answers.
#[derive(Deserialize)]
pub struct CounterForm {
    #[serde(default)]
    commission_pct: String,
    #[serde(default)]
    fee: String,
    #[serde(default)]
    free_samples: Option<String>,
    #[serde(default)]
    live_at: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    version: String,
}

/// The form as the API's counter, or the page's errors; what was typed is kept.
pub fn read_counter(i18n: &I18n, f: &CounterForm) -> (FormState, Option<CounterRequest>) {
    let mut form = FormState::default();
    for (k, v) in [
        ("commission_pct", &f.commission_pct),
        ("fee", &f.fee),
        ("live_at", &f.live_at),
        ("message", &f.message),
    ] {
        form.keep(k, v);
    }
    form.keep(
        "free_samples",
        if f.free_samples.is_some() { "true" } else { "" },
    );
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
    #[allow(clippy::cast_possible_truncation)]
    let fee_cents = if f.fee.trim().is_empty() {
        Some(0)
    } else {
        number(&f.fee).map(|d| (d * 100.0).round() as i64)
    };
    if fee_cents.is_none() {
        form.fail("fee", i18n.t("error-invalid"));
    }
    let live_at = if f.live_at.trim().is_empty() {
        None
    } else {
        let at = local_time(i18n, &f.live_at);
        if at.is_none() {
            form.fail("live_at", i18n.t("error-invalid"));
        }
        at
    };
    if !form.is_valid() {
        return (form, None);
    }
    let request = CounterRequest {
        commission_pct: commission,
        fee_cents,
        free_samples: Some(f.free_samples.is_some()),
        product_ids: None,
        live_at,
        message: Some(f.message.clone()),
        expires_at: None,
        version: f.version.trim().parse().ok(),
    };
    (form, Some(request))
}

/// A `datetime-local` value read in the reader's time zone.
pub fn local_time(i18n: &I18n, s: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").ok()?;
    i18n.time_zone
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A moment as a `datetime-local` value in the reader's time zone.
pub fn local_value(i18n: &I18n, at: &DateTime<Utc>) -> String {
    at.with_timezone(&i18n.time_zone)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The core's counter errors next to the page's fields (the fee is typed in dollars; a
/// counter that changes nothing is told above the form).
pub fn fail_counter(
    i18n: &I18n,
    form: &mut FormState,
    errors: &[crate::domain::fields::FieldError],
) {
    for e in errors {
        match e.field.as_str() {
            "fee_cents" => form.fail("fee", i18n.field_error(e)),
            "terms" => form.summary = Some(i18n.t("offer-counter-unchanged")),
            other => form.fail(other, i18n.field_error(e)),
        }
    }
}

#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    pub body: String,
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub version: String,
}
