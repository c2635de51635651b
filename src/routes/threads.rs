//! `/api/v1/offers/{id}/messages`, `/messages/read` and `/report`: the thread between an
//! offer's two parties; `/api/v1/admin/messages/{id}/hide` and `/admin/thread-reports`.

use axum::{Json, extract::State, http::StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    db::messages::{MessageRow, ReportRow},
    domain::{Locale, account::parse_reason},
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, CurrentAccount, JsonBody},
    policy,
    routes::views::{FindingView, findings},
    services::threads,
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(post_message, list_messages))
        .routes(routes!(mark_read))
        .routes(routes!(report_thread))
        .routes(routes!(hide_message))
        .routes(routes!(list_reports))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    /// 1 to 4,000 characters.
    body: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    reason: Option<String>,
}

/// Why an admin hid a message, and when.
#[derive(Debug, Serialize, ToSchema)]
pub struct Hidden {
    reason: String,
    at: DateTime<Utc>,
}

/// One message of a thread. A hidden message keeps its place with an empty body and
/// the admin's reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    id: Uuid,
    offer_id: Uuid,
    author_id: Uuid,
    body: String,
    /// What screening found in the body; prohibited content is refused, not kept.
    findings: Vec<FindingView>,
    hidden: Option<Hidden>,
    created_at: DateTime<Utc>,
}

impl MessageView {
    pub fn new(m: &MessageRow, reader: Locale) -> Self {
        let hidden = m.hidden_at.map(|at| Hidden {
            reason: m.hidden_reason.clone().unwrap_or_default(),
            at,
        });
        let shown = hidden.is_none();
        Self {
            id: m.id,
            offer_id: m.offer_id,
            author_id: m.author_id,
            body: if shown { m.body.clone() } else { String::new() },
            findings: if shown {
                findings::cut(&m.findings.0, &[], reader)
            } else {
                Vec::new()
            },
            hidden,
            created_at: m.created_at,
        }
    }
}

/// A report of a thread.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    id: Uuid,
    offer_id: Uuid,
    reporter_id: Uuid,
    reason: String,
    created_at: DateTime<Utc>,
}

impl From<ReportRow> for ReportView {
    fn from(r: ReportRow) -> Self {
        Self {
            id: r.id,
            offer_id: r.offer_id,
            reporter_id: r.reporter_id,
            reason: r.reason,
            created_at: r.created_at,
        }
    }
}

/// Write to the thread of an offer (or its collaboration); the other party is emailed,
/// at most once every 10 minutes for the thread.
#[utoipa::path(post, path = "/api/v1/offers/{id}/messages", tag = "messages",
    params(("id" = Uuid, Path)), request_body = MessageRequest, security(("bearer" = [])),
    responses((status = 201, body = MessageView), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn post_message(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<MessageView>)> {
    let book = state.rulebook.book();
    let text = || Ok::<_, AppError>(body.decode::<MessageRequest>()?.body);
    let m = threads::post(&state.db, &book, &me, id, text).await?;
    Ok((StatusCode::CREATED, Json(MessageView::new(&m, me.locale))))
}

/// The thread, oldest first: for the two parties, and for admins once it was reported
/// (each admin read is audited).
#[utoipa::path(get, path = "/api/v1/offers/{id}/messages", tag = "messages",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<MessageView>), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn list_messages(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<Json<Vec<MessageView>>> {
    let all = threads::list(&state.db, &me, id).await?;
    Ok(Json(
        all.iter().map(|m| MessageView::new(m, me.locale)).collect(),
    ))
}

/// Mark the thread read: its messages leave `unread_messages`.
#[utoipa::path(post, path = "/api/v1/offers/{id}/messages/read", tag = "messages",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn mark_read(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    threads::mark_read(&state.db, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Report the thread to the admins, with a reason: they may then read it.
#[utoipa::path(post, path = "/api/v1/offers/{id}/report", tag = "messages",
    params(("id" = Uuid, Path)), request_body = ReasonRequest, security(("bearer" = [])),
    responses((status = 201, body = ReportView), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(offer.id = %id))]
async fn report_thread(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<ReportView>)> {
    let reason = || {
        let r = body.decode::<ReasonRequest>()?;
        Ok::<_, AppError>(parse_reason(r.reason, true)?)
    };
    let r = threads::report(&state.db, &me, id, reason).await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

/// Hide a message, with the reason its readers see instead (admins; audited).
#[utoipa::path(post, path = "/api/v1/admin/messages/{id}/hide", tag = "admin",
    params(("id" = Uuid, Path)), request_body = ReasonRequest, security(("bearer" = [])),
    responses((status = 200, body = MessageView), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(message.id = %id))]
async fn hide_message(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    body: JsonBody,
) -> AppResult<Json<MessageView>> {
    policy::may_administer(&me)?;
    let r = body.decode::<ReasonRequest>()?;
    let m = threads::hide(&state.db, &me, id, r.reason).await?;
    Ok(Json(MessageView::new(&m, me.locale)))
}

/// Reported threads, newest report first (admins).
#[utoipa::path(get, path = "/api/v1/admin/thread-reports", tag = "admin",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<ReportView>), (status = 403, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn list_reports(
    State(state): State<AppState>,
    me: CurrentAccount,
) -> AppResult<Json<Vec<ReportView>>> {
    let all = threads::reports(&state.db, &me).await?;
    Ok(Json(all.into_iter().map(ReportView::from).collect()))
}
