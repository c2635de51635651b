//! `/api/v1/me`: the signed-in account, its settings, its password, a copy of everything
//! held about it, and closing it.

use axum::{
    Json,
    extract::State,
    http::{HeaderValue, StatusCode, header},
    response::IntoResponse,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    domain::{AccountPatch, Password, PasswordChange},
    error::{AppError, AppResult, Problem},
    extract::{ApiJson, CurrentAccount},
    routes::views::AccountView,
    services::{account, threads},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_me, update_me, close_me))
        .routes(routes!(change_password))
        .routes(routes!(export_me))
}

/// The signed-in account, with how many messages wait unread in its offer threads (the
/// answer of both `GET` and `PATCH /api/v1/me`).
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    #[serde(flatten)]
    account: AccountView,
    unread_messages: u64,
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn get_me(State(state): State<AppState>, me: CurrentAccount) -> AppResult<Json<MeView>> {
    let unread_messages = threads::unread_count(&state.db, &me).await?;
    Ok(Json(MeView {
        account: AccountView::from(&me.row),
        unread_messages,
    }))
}

/// Fields to change; absent ones stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MePatch {
    /// 1 to 100 characters, no line breaks.
    display_name: Option<String>,
    /// `en` or `zh-CN`: the language of emails and pages.
    locale: Option<String>,
    /// An IANA time zone name such as `America/Sao_Paulo`.
    time_zone: Option<String>,
}

impl TryFrom<MePatch> for AccountPatch {
    type Error = AppError;

    fn try_from(p: MePatch) -> Result<Self, AppError> {
        AccountPatch::parse(
            p.display_name.as_deref(),
            p.locale.as_deref(),
            p.time_zone.as_deref(),
        )
        .map_err(AppError::Validation)
    }
}

/// Change the display name, language or time zone.
#[utoipa::path(patch, path = "/api/v1/me", tag = "account",
    request_body = MePatch, security(("bearer" = [])),
    responses(
        (status = 200, body = MeView),
        (status = 401, body = Problem),
        (status = 422, description = "every bad field named", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn update_me(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiJson(body): ApiJson<MePatch>,
) -> AppResult<Json<MeView>> {
    let patch = AccountPatch::try_from(body)?;
    let row = account::update_me(&state.db, &me, &patch).await?;
    Ok(Json(MeView {
        account: AccountView::from(&row),
        unread_messages: threads::unread_count(&state.db, &me).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    current_password: String,
    /// At least 10 characters.
    new_password: String,
}

/// Change the password. Every refresh token of the account ends, so other devices sign
/// in again; an access token already issued lives out its few minutes. A wrong current
/// password counts against the same limit as failed logins.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "account",
    request_body = PasswordRequest, security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 401, body = Problem),
        (status = 422, description = "a new password that is too short (`new_password`) or a wrong current one (`current_password`)", body = Problem),
        (status = 429, description = "too many password attempts for this address; see Retry-After", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn change_password(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiJson(body): ApiJson<PasswordRequest>,
) -> AppResult<StatusCode> {
    let change = PasswordChange::parse(body.current_password, body.new_password)?;
    let per_hour = state.settings.login_attempts_per_hour;
    account::change_password(&state.db, &state.hasher, per_hour, &me, &change, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Everything the service holds about the signed-in account, table by table, as a JSON
/// file to keep.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "`{format, exported_at, account_id, tables: {table: [row]}}`, as an attachment", body = Object),
        (status = 401, body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn export_me(
    State(state): State<AppState>,
    me: CurrentAccount,
) -> AppResult<impl IntoResponse> {
    let document = account::export(&state.db, &me).await?;
    let name = format!("attachment; filename=\"hostmatch-export-{}.json\"", me.id);
    let disposition = HeaderValue::from_str(&name).map_err(AppError::internal)?;
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(document)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseRequest {
    /// The account's password, to confirm.
    password: String,
}

/// Close the signed-in account: personal data erased or anonymised, products archived,
/// open offers ended (the other party is emailed), sessions ended. The address may
/// register again. The last approved admin cannot close theirs.
#[utoipa::path(delete, path = "/api/v1/me", tag = "account",
    request_body = CloseRequest, security(("bearer" = [])),
    responses(
        (status = 204),
        (status = 401, body = Problem),
        (status = 409, description = "the only approved admin", body = Problem),
        (status = 422, description = "a wrong password (`password`)", body = Problem),
        (status = 429, description = "too many password attempts for this address; see Retry-After", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn close_me(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiJson(body): ApiJson<CloseRequest>,
) -> AppResult<StatusCode> {
    let password = Password::unchecked(body.password);
    let per_hour = state.settings.login_attempts_per_hour;
    account::close(
        &state.db,
        &state.hasher,
        &state.links,
        per_hour,
        &me,
        &password,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
