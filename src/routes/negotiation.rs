//! `/api/v1/offers/{id}/counter` and `/versions`: the terms an offer's parties trade.

use axum::{Json, extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    domain::{Locale, offer::Party},
    error::{AppResult, Problem},
    extract::{ApiPath, CurrentAccount, JsonBody},
    routes::offers::{OfferWarning, warning_views},
    services::offers::{self, CounterRequest, Version},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(counter_offer))
        .routes(routes!(list_versions))
}

/// The terms of one version.
#[derive(Debug, Serialize, ToSchema)]
pub struct Terms {
    product_ids: Vec<Uuid>,
    commission_pct: f64,
    fee_cents: i64,
    free_samples: bool,
    /// The proposed start of the live session, if this version names one.
    live_at: Option<DateTime<Utc>>,
    /// Until when this version may be answered.
    expires_at: DateTime<Utc>,
}

/// One version of an offer's terms, and who made it.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionView {
    offer_id: Uuid,
    version: i32,
    by: Party,
    terms: Terms,
    message: String,
    /// The version's products' findings in the host's markets when it was made.
    warnings: Vec<OfferWarning>,
    created_at: DateTime<Utc>,
}

impl VersionView {
    pub fn new(v: &Version, reader: Locale) -> Self {
        let r = &v.row;
        Self {
            offer_id: r.offer_id,
            version: r.version,
            by: v.by(),
            terms: Terms {
                product_ids: v.product_ids.clone(),
                commission_pct: r.commission_pct,
                fee_cents: r.fee_cents,
                free_samples: r.free_samples,
                live_at: r.live_at,
                expires_at: r.expires_at,
            },
            message: r.message.clone(),
            warnings: warning_views(v.warnings().to_vec(), reader),
            created_at: v.created_at(),
        }
    }
}

/// Answer the latest version of an offer with new terms (each one left out stays as it
/// is); only the party that did not make that version may. The other party is emailed.
#[utoipa::path(post, path = "/api/v1/offers/{id}/counter", tag = "offers",
    params(("id" = Uuid, Path)), request_body = CounterRequest, security(("bearer" = [])),
    responses((status = 201, body = VersionView), (status = 403, body = Problem),
        (status = 404, body = Problem),
        (status = 409, description = "the offer moved on, or a product is in another open offer", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn counter_offer(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<VersionView>)> {
    let req = || body.decode::<CounterRequest>();
    let v = offers::counter(&state.db, &state.links, &me, id, req).await?;
    Ok((StatusCode::CREATED, Json(VersionView::new(&v, me.locale))))
}

/// Every version of an offer, oldest first, for its two parties and admins.
#[utoipa::path(get, path = "/api/v1/offers/{id}/versions", tag = "offers",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<VersionView>), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn list_versions(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<VersionView>>> {
    let all = offers::versions(&state.db, &me, id).await?;
    Ok(Json(
        all.iter().map(|v| VersionView::new(v, me.locale)).collect(),
    ))
}
