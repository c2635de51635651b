//! `/api/v1/auth/*` and `/api/v1/me`: register, login, refresh, logout, who am I.

use axum::{Json, extract::State, http::StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    domain::Password,
    error::{AppError, AppResult, Problem},
    extract::{ApiJson, CurrentAccount},
    routes::views::AccountView,
    services::auth::{self, Registration, Session},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(get_me))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    email: String,
    /// At least 10 characters.
    password: String,
    /// `supplier` or `host`.
    role: String,
    display_name: String,
    /// `en` (default) or `zh-CN`; the language of emails.
    locale: Option<String>,
}

/// Create a supplier or host account; it starts `pending` until an admin approves it.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, body = AccountView),
        (status = 409, description = "email taken", body = Problem),
        (status = 422, body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn register(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> AppResult<(StatusCode, Json<AccountView>)> {
    let reg = Registration::parse(
        &body.email,
        body.password,
        &body.role,
        &body.display_name,
        body.locale.as_deref(),
    )
    .map_err(AppError::Validation)?;
    let row = auth::register(&state.db, &state.hasher, reg).await?;
    Ok((StatusCode::CREATED, Json(AccountView::from(&row))))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    email: String,
    password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    access_token: String,
    refresh_token: String,
    /// Always `Bearer`.
    token_type: &'static str,
    /// Seconds until the access token expires.
    expires_in: u64,
    account: AccountView,
}

impl From<Session> for TokenResponse {
    fn from(s: Session) -> Self {
        Self {
            access_token: s.access_token,
            refresh_token: s.refresh_token,
            token_type: "Bearer",
            expires_in: s.expires_in,
            account: AccountView::from(&s.account),
        }
    }
}

/// Exchange email and password for an access token and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, description = "wrong email or password (the same answer for both)", body = Problem),
        (status = 403, description = "suspended", body = Problem),
        (status = 429, description = "too many failed logins; see Retry-After", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn login(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> AppResult<Json<TokenResponse>> {
    let session = auth::login(
        &state.db,
        &state.hasher,
        &state.sessions,
        state.settings.login_attempts_per_hour,
        &body.email,
        Password::unchecked(body.password),
    )
    .await?;
    Ok(Json(session.into()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    refresh_token: String,
}

/// Trade a refresh token for a new pair. The old one is spent; presenting a spent token
/// again ends every session descended from the same login.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn refresh(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> AppResult<Json<TokenResponse>> {
    let session = auth::refresh(&state.db, &state.sessions, &body.refresh_token).await?;
    Ok(Json(session.into()))
}

/// End the session the refresh token belongs to.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204)))]
#[tracing::instrument(skip_all)]
async fn logout(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> AppResult<StatusCode> {
    auth::logout(&state.db, &body.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, body = AccountView), (status = 401, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn get_me(me: CurrentAccount) -> Json<AccountView> {
    Json(AccountView::from(&me.row))
}
