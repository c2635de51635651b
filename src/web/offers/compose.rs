//! `/offers/new?host_id=&product_id=`: a supplier composes an offer to a host (their own
//! active products, terms pre-filled from the host's minimums, a message, an expiry);
//! "Check" posts to `/offers/preview` and shows what sending would meet, "Send" posts to
//! `/offers`. Both read the form into the API's `OfferRequest` and let
//! `services::offers` decide, so no rule is copied here.

use std::collections::HashSet;

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{
        PageRequest,
        fields::FieldError,
        offer::{DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS, OfferDraft},
        product::ProductStatus,
    },
    policy,
    services::{
        offers::{self, OfferError, OfferRequest},
        products, profiles,
    },
    state::AppState,
    web::{
        context::{Flash, SignedIn},
        forms::{FormState, PageForm},
        offers::{WarningLine, percent, title_in, warning_lines},
        page::{Frame, PageError, render},
    },
};

#[derive(Deserialize)]
pub struct ComposeQuery {
    host_id: Option<String>,
    product_id: Option<String>,
}

/// The host an offer goes to, as the form shows it.
struct HostCard {
    id: Uuid,
    name: String,
    min_commission: String,
    min_fee: String,
}

/// One of the supplier's active products, as a checkbox.
struct Choice {
    id: Uuid,
    title: String,
    commission: String,
    checked: bool,
}

/// What a check or a refused send found.
#[derive(Default)]
struct Outcome {
    /// The check ran and found these (empty: nothing to warn about).
    checked: Option<Vec<WarningLine>>,
    /// Products prohibited in every market of the host: why the offer cannot go.
    bans: Vec<WarningLine>,
    /// A refusal about the whole offer (already open, a limit), in the reader's words.
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "offers/new.html")]
struct ComposePage {
    page: Frame,
    host: HostCard,
    choices: Vec<Choice>,
    form: FormState,
    outcome: Outcome,
    free_samples: bool,
    today: String,
    last_day: String,
}

/// The host and the supplier's active products (id, title, commission).
type Loaded = (HostCard, Vec<(Uuid, String, f64)>);

/// The host (404 unless an approved host the reader may see) and the supplier's active
/// products.
async fn load(state: &AppState, me: &SignedIn, host_id: Option<&str>) -> Result<Loaded, PageError> {
    policy::may_send_offers(&me.actor).map_err(OfferError::from)?;
    let id = host_id
        .and_then(|h| Uuid::parse_str(h.trim()).ok())
        .ok_or(PageError::NotFound)?;
    let (host, _) = profiles::get_host(&state.db, &me.actor, id).await?;
    let i18n = &me.viewer.i18n;
    let card = HostCard {
        id,
        name: host.display_name.clone(),
        min_commission: percent(host.min_commission_pct),
        min_fee: i18n.money(host.min_fee_cents),
    };
    let all = PageRequest {
        page: 1,
        per_page: crate::domain::paging::MAX_PER_PAGE,
    };
    let (mine, _) = products::list(
        &state.db,
        &me.actor,
        me.actor.id,
        Some(crate::domain::product::ProductStatus::Active),
        all,
    )
    .await?;
    let mine = mine
        .into_iter()
        .filter(|p| p.status == ProductStatus::Active)
        .map(|p| {
            (
                p.id,
                title_in(i18n.locale, &p.title, &p.title_zh),
                p.commission_pct,
            )
        })
        .collect();
    Ok((card, mine))
}

fn draw(
    me: &SignedIn,
    (host, mine): Loaded,
    selected: &HashSet<Uuid>,
    form: FormState,
    outcome: Outcome,
    status: StatusCode,
) -> Response {
    let i18n = &me.viewer.i18n;
    let now = Utc::now().with_timezone(&i18n.time_zone).date_naive();
    let free_samples = form.value("free_samples") == "true";
    let page = ComposePage {
        host,
        choices: mine
            .into_iter()
            .map(|(id, title, pct)| Choice {
                id,
                title,
                commission: percent(pct),
                checked: selected.contains(&id),
            })
            .collect(),
        form,
        outcome,
        free_samples,
        today: (now + Days::new(1)).to_string(),
        last_day: (now + Days::new(MAX_LIFETIME_DAYS.unsigned_abs())).to_string(),
        page: Frame::of(&me.viewer),
    };
    render(status, &page)
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<ComposeQuery>,
) -> Result<Response, PageError> {
    let (host, mine) = load(&state, &me, q.host_id.as_deref()).await?;
    let picked = q
        .product_id
        .as_deref()
        .and_then(|p| Uuid::parse_str(p.trim()).ok())
        .filter(|p| mine.iter().any(|(id, _, _)| id == p));
    // At least the host's minimum, and at least the product's own commission when the
    // offer is for that product.
    let host_min: f64 = host.min_commission.parse().unwrap_or(0.0);
    let product_pct = mine
        .iter()
        .find(|(id, _, _)| Some(*id) == picked)
        .map_or(0.0, |(_, _, pct)| *pct);
    let i18n = &me.viewer.i18n;
    let today = Utc::now().with_timezone(&i18n.time_zone).date_naive();
    let expiry = today + Days::new(DEFAULT_LIFETIME_DAYS.unsigned_abs());
    let fee = host.min_fee.trim_start_matches("US$").replace(',', "");
    let form = FormState::default()
        .with("commission_pct", &percent(host_min.max(product_pct)))
        .with("fee", &fee)
        .with("expires_at", &expiry.to_string());
    let selected = picked.into_iter().collect();
    Ok(draw(
        &me,
        (host, mine),
        &selected,
        form,
        Outcome::default(),
        StatusCode::OK,
    ))
}

/// The posted form: every field as typed, so a wrong one is named, not a 400.
#[derive(Deserialize)]
pub struct ComposeForm {
    #[serde(default)]
    host_id: String,
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

struct Read {
    form: FormState,
    selected: HashSet<Uuid>,
    draft: Option<OfferDraft>,
}

/// The form as the API's request, checked by the core; errors kept next to their fields.
fn read(me: &SignedIn, f: &ComposeForm) -> Read {
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
fn fail_all(me: &SignedIn, form: &mut FormState, errors: &[FieldError]) {
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

/// The supplier's product titles in the reader's language, by id.
fn titles(mine: &[(Uuid, String, f64)]) -> impl Fn(Uuid) -> Option<String> + '_ {
    move |id| {
        mine.iter()
            .find(|(p, _, _)| *p == id)
            .map(|(_, t, _)| t.clone())
    }
}

/// The form again with why the offer cannot go as it is.
fn refused(
    me: &SignedIn,
    loaded: Loaded,
    mut read: Read,
    e: OfferError,
) -> Result<Response, PageError> {
    let i18n = &me.viewer.i18n;
    let mut outcome = Outcome::default();
    let status = match e {
        OfferError::Banned { errors, bans } => {
            outcome.bans = warning_lines(&bans, i18n.locale, titles(&loaded.1));
            drop(errors);
            read.form.fail("product_ids", i18n.t("offer-banned"));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        OfferError::Invalid(errors) => {
            fail_all(me, &mut read.form, &errors);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        OfferError::Duplicate => {
            outcome.notice = Some(i18n.t("offer-duplicate"));
            StatusCode::CONFLICT
        }
        OfferError::DailyLimit { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60);
            outcome.notice = Some(i18n.t1("offer-throttled", "minutes", minutes));
            StatusCode::TOO_MANY_REQUESTS
        }
        other => return Err(other.into()),
    };
    Ok(draw(me, loaded, &read.selected, read.form, outcome, status))
}

pub async fn check(
    State(state): State<AppState>,
    me: SignedIn,
    PageForm(f): PageForm<ComposeForm>,
) -> Result<Response, PageError> {
    let loaded = load(&state, &me, Some(&f.host_id)).await?;
    let read = read(&me, &f);
    let Some(draft) = &read.draft else {
        return Ok(draw(
            &me,
            loaded,
            &read.selected,
            read.form,
            Outcome::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    match offers::preview(&state.db, &me.actor, draft).await {
        Ok(found) => {
            let outcome = Outcome {
                checked: Some(warning_lines(
                    &found,
                    me.viewer.i18n.locale,
                    titles(&loaded.1),
                )),
                ..Outcome::default()
            };
            Ok(draw(
                &me,
                loaded,
                &read.selected,
                read.form,
                outcome,
                StatusCode::OK,
            ))
        }
        Err(e) => refused(&me, loaded, read, e),
    }
}

pub async fn send(
    State(state): State<AppState>,
    me: SignedIn,
    PageForm(f): PageForm<ComposeForm>,
) -> Result<Response, PageError> {
    let loaded = load(&state, &me, Some(&f.host_id)).await?;
    let read = read(&me, &f);
    let Some(draft) = read.draft.clone() else {
        return Ok(draw(
            &me,
            loaded,
            &read.selected,
            read.form,
            Outcome::default(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    let txn = state.db.begin_write().await?;
    let per_day = state.settings.offers_per_day;
    match offers::create(&txn, &state.links, per_day, &me.actor, &draft).await {
        Ok(offer) => {
            txn.commit().await?;
            let jar = CookieJar::new().add(me.viewer.cookies.flash(Flash::OfferSent));
            Ok((jar, Redirect::to(&format!("/offers/{}", offer.row.id))).into_response())
        }
        Err(e) => {
            // Nothing of a refused offer is kept.
            drop(txn);
            refused(&me, loaded, read, e)
        }
    }
}
