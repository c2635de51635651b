//! `/api/v1/offers`: preview, send, list, read, accept, decline, withdraw.

use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    domain::{
        Locale, PageRequest,
        findings::ProductFinding,
        offer::{DeclineReason, OfferDraft, OfferMove, OfferStatus, Party},
    },
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, ApiQuery, CurrentAccount, IdempotencyKey, JsonBody, PageParams},
    policy,
    routes::views::{FindingView, Page, findings},
    services::{
        idempotency::{self, Idempotency},
        offers::{self, DeclineRequest, MoveRequest, Offer, OfferRequest, Said},
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_offer, list_offers))
        .routes(routes!(preview_offer))
        .routes(routes!(get_offer))
        .routes(routes!(accept_offer))
        .routes(routes!(decline_offer))
        .routes(routes!(withdraw_offer))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OfferView {
    id: Uuid,
    supplier_id: Uuid,
    host_id: Uuid,
    product_ids: Vec<Uuid>,
    message: String,
    commission_pct: f64,
    fee_cents: i64,
    free_samples: bool,
    status: OfferStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    decline_reason: Option<String>,
    /// The products' compliance findings in the host's markets when the offer was sent
    /// (the host's email lists them too). An offer for a product prohibited in every
    /// market the host serves is refused with 422.
    warnings: Vec<OfferWarning>,
    expires_at: DateTime<Utc>,
    /// The latest version (1 for the first) and who made it: the terms above are its.
    version: i32,
    latest_by: Party,
    /// The live time the latest version proposes.
    live_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A finding about one of the offer's products.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferWarning {
    pub(super) product_id: Uuid,
    #[serde(flatten)]
    finding: FindingView,
}

/// Findings about an offer's products as the API shows them, in the reader's language.
pub(super) fn warning_views(found: Vec<ProductFinding>, reader: Locale) -> Vec<OfferWarning> {
    found
        .into_iter()
        .flat_map(|w| {
            findings::cut(&[w.finding], &[], reader)
                .into_iter()
                .map(move |finding| OfferWarning {
                    product_id: w.product_id,
                    finding,
                })
        })
        .collect()
}

impl OfferView {
    fn new(offer: &Offer, reader: Locale) -> Self {
        let o = &offer.row;
        let warnings = warning_views(o.warnings.0.clone(), reader);
        Self {
            id: o.id,
            supplier_id: o.supplier_id,
            host_id: o.host_id,
            product_ids: offer.product_ids.clone(),
            message: o.message.clone(),
            commission_pct: o.commission_pct,
            fee_cents: o.fee_cents,
            free_samples: o.free_samples,
            status: o.status.as_seen(o.expires_at, Utc::now()),
            decline_reason: o.decline_reason.clone(),
            warnings,
            expires_at: o.expires_at,
            version: o.version,
            latest_by: o.latest_by,
            live_at: o.live_at,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// Send an offer to an approved host; the host is emailed. With an `Idempotency-Key`, a
/// repeat within 24 h answers the first response and sends nothing.
#[utoipa::path(post, path = "/api/v1/offers", tag = "offers", request_body = OfferRequest,
    params(("Idempotency-Key" = Option<String>, Header)), security(("bearer" = [])),
    responses((status = 201, body = OfferView), (status = 403, body = Problem),
        (status = 409, description = "an open offer for one of the products", body = Problem),
        (status = 422, body = Problem), (status = 429, description = "daily limit", body = Problem)))]
#[tracing::instrument(skip_all)]
async fn create_offer(
    State(state): State<AppState>,
    me: CurrentAccount,
    key: IdempotencyKey,
    body: JsonBody,
) -> AppResult<Response> {
    policy::may_send_offers(&me)?;
    let key = key.get()?;
    let body = body.decode::<OfferRequest>()?;
    // The key is matched against the request as sent: defaults such as the expiry are
    // filled in afresh each time and would make every repeat look different.
    let idem = key.map(|k| Idempotency::new(k, &body));
    let draft = OfferDraft::try_from(body).map_err(AppError::Validation)?;
    let per_day = state.settings.offers_per_day;
    let stored = idempotency::once(&state.db, me.id, idem.as_ref(), async |txn| {
        let offer = offers::create(txn, &state.links, per_day, &me, &draft).await?;
        let view = OfferView::new(&offer, me.locale);
        let body = serde_json::to_string(&view).map_err(AppError::internal)?;
        Ok::<_, AppError>((StatusCode::CREATED.as_u16(), body))
    })
    .await?;
    Ok(stored.into_response())
}

/// What sending this offer would meet, with nothing stored and nobody emailed: the
/// warnings it would carry (its products' findings in the host's markets), or the 422
/// sending would get (a product prohibited in every market the host serves, say).
#[utoipa::path(post, path = "/api/v1/offers/preview", tag = "offers", request_body = OfferRequest,
    security(("bearer" = [])),
    responses((status = 200, body = OfferPreview), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn preview_offer(
    State(state): State<AppState>,
    me: CurrentAccount,
    body: JsonBody,
) -> AppResult<Json<OfferPreview>> {
    policy::may_send_offers(&me)?;
    let body = body.decode::<OfferRequest>()?;
    let draft = OfferDraft::try_from(body).map_err(AppError::Validation)?;
    let found = offers::preview(&state.db, &me, &draft).await?;
    Ok(Json(OfferPreview {
        warnings: warning_views(found, me.locale),
    }))
}

/// What an offer would carry if it were sent now.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferPreview {
    warnings: Vec<OfferWarning>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfferFilter {
    /// sent, accepted, declined, withdrawn or expired
    status: Option<String>,
}

/// Your offers: sent ones for a supplier, received ones for a host, all for an admin.
#[utoipa::path(get, path = "/api/v1/offers", tag = "offers", security(("bearer" = [])),
    params(OfferFilter, PageParams), responses((status = 200, body = Page<OfferView>)))]
#[tracing::instrument(skip_all)]
async fn list_offers(
    State(state): State<AppState>,
    me: CurrentAccount,
    paging: PageRequest,
    ApiQuery(f): ApiQuery<OfferFilter>,
) -> AppResult<Json<Page<OfferView>>> {
    let status = f
        .status
        .as_deref()
        .map(|s| {
            OfferStatus::parse(s).ok_or_else(|| {
                AppError::field(
                    "status",
                    "must be sent, accepted, declined, withdrawn or expired",
                )
            })
        })
        .transpose()?;
    let (found, total) = offers::list(&state.db, &me, status, paging).await?;
    let items = found.iter().map(|o| OfferView::new(o, me.locale)).collect();
    Ok(Json(Page::new(items, total, paging)))
}

/// An offer, for its two parties and admins.
#[utoipa::path(get, path = "/api/v1/offers/{id}", tag = "offers", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = OfferView), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn get_offer(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<OfferView>> {
    let offer = offers::get(&state.db, &me, id).await?;
    Ok(Json(OfferView::new(&offer, me.locale)))
}

async fn moved(
    state: &AppState,
    me: &CurrentAccount,
    id: Uuid,
    mv: OfferMove,
    said: impl FnOnce() -> AppResult<Said>,
) -> AppResult<Json<OfferView>> {
    let offer = offers::make_move(&state.db, &state.links, me, id, mv, said).await?;
    Ok(Json(OfferView::new(&offer, me.locale)))
}

/// Accept the latest version of an offer; only the party that did not make it may (the
/// host at version 1). The other party is emailed, and a collaboration begins.
#[utoipa::path(post, path = "/api/v1/offers/{id}/accept", tag = "offers", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body(content = Option<MoveRequest>),
    responses((status = 200, body = OfferView), (status = 404, body = Problem), (status = 409, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn accept_offer(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<Json<OfferView>> {
    moved(&state, &me, id, OfferMove::Accept, || version_only(&body)).await
}

/// An accept's or withdrawal's body, which may be empty.
fn version_only(body: &JsonBody) -> AppResult<Said> {
    let r = body.decode_optional::<MoveRequest>()?.unwrap_or_default();
    Ok(Said {
        reason: None,
        version: r.version,
    })
}

/// Decline the latest version of an offer, with a reason if you like; only the party that
/// did not make it may. The other party is emailed.
#[utoipa::path(post, path = "/api/v1/offers/{id}/decline", tag = "offers", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = DeclineRequest,
    responses((status = 200, body = OfferView), (status = 404, body = Problem), (status = 409, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn decline_offer(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<Json<OfferView>> {
    moved(&state, &me, id, OfferMove::Decline, || {
        let body = body
            .decode_optional::<DeclineRequest>()?
            .unwrap_or_default();
        let version = body.version;
        Ok(Said {
            reason: DeclineReason::try_from(body)?.0,
            version,
        })
    })
    .await
}

/// Withdraw an offer you sent; the host is emailed.
#[utoipa::path(post, path = "/api/v1/offers/{id}/withdraw", tag = "offers", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body(content = Option<MoveRequest>),
    responses((status = 200, body = OfferView), (status = 404, body = Problem), (status = 409, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn withdraw_offer(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<Json<OfferView>> {
    moved(&state, &me, id, OfferMove::Withdraw, || version_only(&body)).await
}
