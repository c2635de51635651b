//! Reviews: `/api/v1/collaborations/{id}/review` and `/reviews`, the published reviews of
//! hosts and suppliers, and admins hiding one.

use axum::{Json, extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    db::reviews::ReviewRow,
    domain::{Locale, PageRequest, Role, offer::Party},
    error::{AppResult, Problem},
    extract::{ApiPath, CurrentAccount, JsonBody, PageParams},
    policy,
    routes::views::{FindingView, Page, findings},
    services::collaborations::reviews::{self, ReviewRequest},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(write_review))
        .routes(routes!(collaboration_reviews))
        .routes(routes!(host_reviews))
        .routes(routes!(supplier_reviews))
        .routes(routes!(hide_review))
}

/// A hidden review keeps its place with the admin's reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewHidden {
    reason: String,
    at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewView {
    id: Uuid,
    collaboration_id: Uuid,
    author_id: Uuid,
    subject_id: Uuid,
    /// Which side wrote it.
    author_role: Party,
    rating: i16,
    text: String,
    findings: Vec<FindingView>,
    /// `null` until both are in or the window closed (the author sees it before).
    published_at: Option<DateTime<Utc>>,
    hidden: Option<ReviewHidden>,
    created_at: DateTime<Utc>,
}

impl ReviewView {
    fn new(r: &ReviewRow, reader: Locale) -> Self {
        let hidden = r.hidden_at.map(|at| ReviewHidden {
            reason: r.hidden_reason.clone().unwrap_or_default(),
            at,
        });
        let shown = hidden.is_none();
        Self {
            id: r.id,
            collaboration_id: r.collaboration_id,
            author_id: r.author_id,
            subject_id: r.subject_id,
            author_role: r.author_role,
            rating: r.rating,
            text: if shown { r.body.clone() } else { String::new() },
            findings: if shown {
                findings::cut(&r.findings.0, &[], reader)
            } else {
                Vec::new()
            },
            published_at: r.published_at,
            hidden,
            created_at: r.created_at,
        }
    }
}

/// Review the other party of a confirmed collaboration, once, within 14 days.
#[utoipa::path(post, path = "/api/v1/collaborations/{id}/review", tag = "collaborations",
    params(("id" = Uuid, Path)), request_body = ReviewRequest, security(("bearer" = [])),
    responses((status = 201, body = ReviewView), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(collaboration.id = %id))]
async fn write_review(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<ReviewView>)> {
    let book = state.rulebook.book();
    let req = || body.decode::<ReviewRequest>();
    let r = reviews::write(&state.db, &state.links, &book, &me, id, req).await?;
    Ok((StatusCode::CREATED, Json(ReviewView::new(&r, me.locale))))
}

/// The collaboration's reviews you may see: yours, and the other's once published.
#[utoipa::path(get, path = "/api/v1/collaborations/{id}/reviews", tag = "collaborations",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<ReviewView>), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(collaboration.id = %id))]
async fn collaboration_reviews(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<ReviewView>>> {
    let all = reviews::of_collaboration(&state.db, &me, id).await?;
    Ok(Json(
        all.iter().map(|r| ReviewView::new(r, me.locale)).collect(),
    ))
}

async fn reviews_about(
    state: &AppState,
    me: &CurrentAccount,
    role: Role,
    id: Uuid,
    paging: PageRequest,
) -> AppResult<Json<Page<ReviewView>>> {
    let (all, total) = reviews::about(&state.db, me, role, id, paging).await?;
    let items = all.iter().map(|r| ReviewView::new(r, me.locale)).collect();
    Ok(Json(Page::new(items, total, paging)))
}

/// A host's published reviews, newest first.
#[utoipa::path(get, path = "/api/v1/hosts/{id}/reviews", tag = "collaborations",
    params(("id" = Uuid, Path), PageParams), security(("bearer" = [])),
    responses((status = 200, body = Page<ReviewView>), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(host.id = %id))]
async fn host_reviews(
    State(state): State<AppState>,
    me: CurrentAccount,
    paging: PageRequest,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Page<ReviewView>>> {
    reviews_about(&state, &me, Role::Host, id, paging).await
}

/// A supplier's published reviews, newest first.
#[utoipa::path(get, path = "/api/v1/suppliers/{id}/reviews", tag = "collaborations",
    params(("id" = Uuid, Path), PageParams), security(("bearer" = [])),
    responses((status = 200, body = Page<ReviewView>), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(supplier.id = %id))]
async fn supplier_reviews(
    State(state): State<AppState>,
    me: CurrentAccount,
    paging: PageRequest,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Page<ReviewView>>> {
    reviews_about(&state, &me, Role::Supplier, id, paging).await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HideRequest {
    reason: Option<String>,
}

/// Hide a review, with the reason readers see instead (admins; audited). The subject's
/// rating leaves it out.
#[utoipa::path(post, path = "/api/v1/admin/reviews/{id}/hide", tag = "admin",
    params(("id" = Uuid, Path)), request_body = HideRequest, security(("bearer" = [])),
    responses((status = 200, body = ReviewView), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(review.id = %id))]
async fn hide_review(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<Json<ReviewView>> {
    policy::may_administer(&me)?;
    let r = body.decode::<HideRequest>()?;
    let row = reviews::hide(&state.db, &me, id, r.reason).await?;
    Ok(Json(ReviewView::new(&row, me.locale)))
}
