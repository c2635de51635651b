//! `/api/v1/auth/*`: register, login, refresh, logout, and the emailed links: verify the
//! address, ask for another link, forget and reset a password.

use axum::{Json, extract::State, http::StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    domain::{EmailAddress, Password},
    error::{AppError, AppResult, Problem},
    extract::{ApiJson, CurrentAccount},
    routes::views::AccountView,
    services::{
        account,
        auth::{self, Registration, Session},
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(verify_email))
        .routes(routes!(resend_verification))
        .routes(routes!(forgot_password))
        .routes(routes!(reset_password))
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

/// Create a supplier or host account; it starts `pending` until an admin approves it, and
/// its address unverified until the link emailed to it is followed.
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
    let row = auth::register(&state.db, &state.hasher, &state.links, reg).await?;
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The `token` of the emailed link.
    token: String,
}

/// Verify the address with the token of the link emailed at registration (single use,
/// 48 hours). Opening the link shows a page; only this spends the token.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, body = AccountView),
        (status = 422, description = "the token is invalid, spent or expired (field `token`)", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn verify_email(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenRequest>,
) -> AppResult<Json<AccountView>> {
    let row = account::verify_email(&state.db, &body.token).await?;
    Ok(Json(AccountView::from(&row)))
}

/// Email the signed-in account another verification link (at most 5 an hour, counting
/// the one sent at registration). An address already verified is sent nothing; the answer
/// is the same.
#[utoipa::path(post, path = "/api/v1/auth/resend-verification", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 202, description = "a link is on its way, or the address is verified already"),
        (status = 401, body = Problem),
        (status = 429, description = "5 links went out in the last hour; see Retry-After", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn resend_verification(
    State(state): State<AppState>,
    me: CurrentAccount,
) -> AppResult<StatusCode> {
    account::resend_verification(&state.db, &state.links, &me).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotRequest {
    email: String,
}

/// Email a password-reset link to the address, if an account has it. The answer is the
/// same, and comes no sooner than 300 ms after the request, whether or not one does.
#[utoipa::path(post, path = "/api/v1/auth/forgot-password", tag = "auth",
    request_body = ForgotRequest,
    responses(
        (status = 202, description = "if an account has this address, a link is on its way"),
        (status = 422, description = "not an email address", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn forgot_password(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ForgotRequest>,
) -> AppResult<StatusCode> {
    let email = EmailAddress::parse(&body.email).map_err(|m| AppError::field("email", m))?;
    account::forgot_password(&state.db, &state.links, &email).await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    /// The `token` of the emailed link.
    token: String,
    /// The new password: at least 10 characters.
    password: String,
}

/// Set a new password with the token of a reset link (single use, 1 hour). Every refresh
/// token and browser session of the account ends; the address counts as verified.
#[utoipa::path(post, path = "/api/v1/auth/reset-password", tag = "auth",
    request_body = ResetRequest,
    responses(
        (status = 200, body = AccountView),
        (status = 422, description = "a bad password (`password`), or a token that is invalid, spent or expired (`token`)", body = Problem),
    ))]
#[tracing::instrument(skip_all)]
async fn reset_password(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ResetRequest>,
) -> AppResult<Json<AccountView>> {
    let password = Password::parse(body.password).map_err(|m| AppError::field("password", m))?;
    let row = account::reset_password(&state.db, &state.hasher, &body.token, &password).await?;
    Ok(Json(AccountView::from(&row)))
}
