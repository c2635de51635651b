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
use chrono::{Days, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{
        PageRequest,
        offer::{DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS},
        product::ProductStatus,
    },
    policy,
    services::{
        offers::{self, OfferError},
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

use super::compose_form::{ComposeForm, Read, fail_all, read};

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
    min_pct: f64,
    min_fee_cents: i64,
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
type Loaded = (HostCard, Vec<Mine>);

/// One of the supplier's active products.
struct Mine {
    id: Uuid,
    title: String,
    commission_pct: f64,
    free_samples: bool,
}

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
        min_pct: host.min_commission_pct,
        min_fee_cents: host.min_fee_cents,
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
        .map(|p| Mine {
            id: p.id,
            title: title_in(i18n.locale, &p.title, &p.title_zh),
            commission_pct: p.commission_pct,
            free_samples: p.free_samples,
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
            .map(|m| Choice {
                id: m.id,
                commission: percent(m.commission_pct),
                checked: selected.contains(&m.id),
                title: m.title,
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
        .filter(|p| mine.iter().any(|m| m.id == *p));
    // At least the host's minimum, and at least the product's own commission when the
    // offer is for that product.
    let product = mine.iter().find(|m| Some(m.id) == picked);
    let product_pct = product.map_or(0.0, |m| m.commission_pct);
    let free_samples = product.is_some_and(|m| m.free_samples);
    let i18n = &me.viewer.i18n;
    let today = Utc::now().with_timezone(&i18n.time_zone).date_naive();
    let expiry = today + Days::new(DEFAULT_LIFETIME_DAYS.unsigned_abs());
    let fee = format!(
        "{}.{:02}",
        host.min_fee_cents / 100,
        host.min_fee_cents % 100
    );
    let form = FormState::default()
        .with("commission_pct", &percent(host.min_pct.max(product_pct)))
        .with("fee", &fee)
        .with("free_samples", if free_samples { "true" } else { "" })
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

/// The supplier's product titles in the reader's language, by id.
fn titles(mine: &[Mine]) -> impl Fn(Uuid) -> Option<String> + '_ {
    move |id| mine.iter().find(|m| m.id == id).map(|m| m.title.clone())
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
