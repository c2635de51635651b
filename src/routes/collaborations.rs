//! `/api/v1/collaborations`: the work after an accept and its steps (its reviews are
//! `routes::reviews`).

use axum::{Json, extract::State};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    domain::{
        PageRequest,
        collaboration::{CONFIRM_AFTER_DAYS, CollabStatus, ConfirmedBy, REVIEW_WINDOW_DAYS, Step},
        offer::Party,
    },
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, ApiQuery, CurrentAccount, JsonBody, PageParams},
    routes::views::Page,
    services::collaborations::{
        self as collabs, CancelRequest, Collaboration, CompleteRequest, ScheduleRequest,
        ShipmentRequest, StepInput,
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_collaborations))
        .routes(routes!(get_collaboration))
        .routes(routes!(schedule))
        .routes(routes!(shipment))
        .routes(routes!(received))
        .routes(routes!(complete))
        .routes(routes!(confirm))
        .routes(routes!(cancel))
}

/// The terms a collaboration froze: the accepted version.
#[derive(Debug, Serialize, ToSchema)]
pub struct FrozenTerms {
    version: i32,
    product_ids: Vec<Uuid>,
    commission_pct: f64,
    fee_cents: i64,
    free_samples: bool,
    /// The live time that version proposed.
    proposed_live_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CollaborationView {
    id: Uuid,
    offer_id: Uuid,
    supplier_id: Uuid,
    host_id: Uuid,
    terms: FrozenTerms,
    status: CollabStatus,
    live_at: Option<DateTime<Utc>>,
    duration_minutes: Option<i32>,
    carrier: Option<String>,
    tracking_number: Option<String>,
    shipped_at: Option<DateTime<Utc>>,
    received_at: Option<DateTime<Utc>>,
    replay_url: Option<String>,
    units_sold: Option<i64>,
    completed_at: Option<DateTime<Utc>>,
    /// When a completion stands unless the supplier confirms sooner.
    confirm_by: Option<DateTime<Utc>>,
    confirmed_at: Option<DateTime<Utc>>,
    confirmed_by: Option<ConfirmedBy>,
    /// The last moment a review may be written.
    review_until: Option<DateTime<Utc>>,
    reviews_published_at: Option<DateTime<Utc>>,
    cancelled_at: Option<DateTime<Utc>>,
    cancelled_by: Option<Party>,
    cancelled_reason: Option<String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<&Collaboration> for CollaborationView {
    fn from(c: &Collaboration) -> Self {
        let (r, t) = (&c.row, &c.terms);
        Self {
            id: r.id,
            offer_id: r.offer_id,
            supplier_id: r.supplier_id,
            host_id: r.host_id,
            terms: FrozenTerms {
                version: t.version,
                product_ids: c.product_ids.clone(),
                commission_pct: t.commission_pct,
                fee_cents: t.fee_cents,
                free_samples: t.free_samples,
                proposed_live_at: t.live_at,
            },
            status: r.status,
            live_at: r.live_at,
            duration_minutes: r.duration_minutes,
            carrier: r.carrier.clone(),
            tracking_number: r.tracking_number.clone(),
            shipped_at: r.shipped_at,
            received_at: r.received_at,
            replay_url: r.replay_url.clone(),
            units_sold: r.units_sold,
            completed_at: r.completed_at,
            confirm_by: r
                .completed_at
                .filter(|_| r.confirmed_at.is_none())
                .map(|at| at + chrono::Duration::days(CONFIRM_AFTER_DAYS)),
            confirmed_at: r.confirmed_at,
            confirmed_by: r.confirmed_by,
            review_until: r
                .confirmed_at
                .map(|at| at + chrono::Duration::days(REVIEW_WINDOW_DAYS)),
            reviews_published_at: r.reviews_published_at,
            cancelled_at: r.cancelled_at,
            cancelled_by: r.cancelled_by,
            cancelled_reason: r.cancelled_reason.clone(),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CollabFilter {
    /// agreed, scheduled, shipped, received, completed or cancelled
    status: Option<String>,
}

/// Your collaborations, newest first (every one, for admins).
#[utoipa::path(get, path = "/api/v1/collaborations", tag = "collaborations",
    security(("bearer" = [])), params(CollabFilter, PageParams),
    responses((status = 200, body = Page<CollaborationView>), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn list_collaborations(
    State(state): State<AppState>,
    me: CurrentAccount,
    paging: PageRequest,
    ApiQuery(f): ApiQuery<CollabFilter>,
) -> AppResult<Json<Page<CollaborationView>>> {
    let status = f
        .status
        .as_deref()
        .map(|s| {
            CollabStatus::parse(s).ok_or_else(|| {
                AppError::field(
                    "status",
                    "must be agreed, scheduled, shipped, received, completed or cancelled",
                )
            })
        })
        .transpose()?;
    let (found, total) = collabs::list(&state.db, &me, status, paging).await?;
    let items = found.iter().map(CollaborationView::from).collect();
    Ok(Json(Page::new(items, total, paging)))
}

/// A collaboration, for its two parties and admins.
#[utoipa::path(get, path = "/api/v1/collaborations/{id}", tag = "collaborations",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 200, body = CollaborationView), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(collaboration.id = %id))]
async fn get_collaboration(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<CollaborationView>> {
    let c = collabs::get(&state.db, &me, id).await?;
    Ok(Json(CollaborationView::from(&c)))
}

async fn stepped(
    state: &AppState,
    me: &CurrentAccount,
    id: Uuid,
    step: Step,
    input: impl FnOnce() -> AppResult<StepInput>,
) -> AppResult<Json<CollaborationView>> {
    let c = collabs::take_step(&state.db, &state.links, me, id, step, input).await?;
    Ok(Json(CollaborationView::from(&c)))
}

macro_rules! step_route {
    ($name:ident, $path:literal, $step:expr, $doc:literal, $req:ty, |$body:ident| $parse:expr) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "collaborations",
            params(("id" = Uuid, Path)), request_body = $req, security(("bearer" = [])),
            responses((status = 200, body = CollaborationView), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem),
                (status = 422, body = Problem)))]
        #[tracing::instrument(skip_all, fields(collaboration.id = %id))]
        async fn $name(
            State(state): State<AppState>,
            me: CurrentAccount,
            ApiPath(id): ApiPath<Uuid>,
            $body: JsonBody,
        ) -> AppResult<Json<CollaborationView>> {
            stepped(&state, &me, id, $step, || $parse).await
        }
    };
}

step_route!(
    schedule,
    "/api/v1/collaborations/{id}/schedule",
    Step::Schedule,
    "Schedule (or move) the live session; either party.",
    ScheduleRequest,
    |body| body
        .decode::<ScheduleRequest>()?
        .parse(Utc::now())
        .map_err(AppError::Validation)
);
step_route!(
    shipment,
    "/api/v1/collaborations/{id}/shipment",
    Step::Ship,
    "Record the sample shipment; the supplier, when the terms include free samples.",
    ShipmentRequest,
    |body| body
        .decode::<ShipmentRequest>()?
        .parse()
        .map_err(AppError::Validation)
);
step_route!(
    received,
    "/api/v1/collaborations/{id}/received",
    Step::Receive,
    "Confirm the samples arrived; the host.",
    Option<serde_json::Value>,
    |body| {
        body.decode_optional::<serde_json::Map<String, serde_json::Value>>()?;
        Ok(StepInput::Receive)
    }
);
step_route!(
    complete,
    "/api/v1/collaborations/{id}/complete",
    Step::Complete,
    "Mark the live done, once it has begun; the host. The supplier confirms, or 7 days later it stands.",
    CompleteRequest,
    |body| body
        .decode_optional::<CompleteRequest>()?
        .unwrap_or_default()
        .parse()
        .map_err(AppError::Validation)
);
step_route!(
    confirm,
    "/api/v1/collaborations/{id}/confirm",
    Step::Confirm,
    "Confirm a completed collaboration; the supplier. Reviews open for 14 days.",
    Option<serde_json::Value>,
    |body| {
        body.decode_optional::<serde_json::Map<String, serde_json::Value>>()?;
        Ok(StepInput::Confirm)
    }
);
step_route!(
    cancel,
    "/api/v1/collaborations/{id}/cancel",
    Step::Cancel,
    "Cancel before completion, with a reason; either party.",
    CancelRequest,
    |body| body
        .decode::<CancelRequest>()?
        .parse()
        .map_err(AppError::Validation)
);
