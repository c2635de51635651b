//! `AppError`, the one error type at the HTTP edge, answered as RFC 9457 problem+json.
//!
//! Client errors carry a public message. Infrastructure errors become an opaque 500 (or a
//! 503 when the database pool is exhausted) that is logged once, here, with its cause.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sea_orm::DbErr;
use serde::Serialize;

use crate::domain::{Refusal, Refuses};

pub use crate::domain::fields::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("authentication required")]
    Unauthorized,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("email not verified")]
    EmailNotVerified,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("invalid fields")]
    Validation(Vec<FieldError>),
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("not yet: {reason}")]
    Waiting {
        retry_after_secs: u64,
        reason: String,
    },
    #[error("database busy")]
    Unavailable { retry_after_secs: u64 },
    #[error("database")]
    Db(#[from] DbErr),
    /// A failure of ours, kept whole so its cause is logged once, when it is answered.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl<E: Refuses> From<E> for AppError {
    fn from(e: E) -> Self {
        match e.refusal() {
            Some(r) => r.into(),
            None => Self::Internal(Box::new(e)),
        }
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Unauthenticated => Self::Unauthorized,
            Refusal::InvalidCredentials => Self::InvalidCredentials,
            Refusal::Forbidden(m) => Self::Forbidden(m),
            Refusal::NotFound => Self::NotFound,
            Refusal::Invalid(errors) => Self::Validation(errors),
            Refusal::Conflict(m) => Self::Conflict(m),
            Refusal::EmailNotVerified => Self::EmailNotVerified,
            Refusal::Throttled { retry_after_secs } => Self::TooManyRequests { retry_after_secs },
            Refusal::Waiting {
                retry_after_secs,
                reason,
            } => Self::Waiting {
                retry_after_secs,
                reason,
            },
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        Self::Validation(vec![e])
    }
}

/// The error and every cause below it, for the one log line a failure gets.
pub(crate) fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

/// The database error somewhere in `e`'s causes, if there is one.
fn db_cause<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a DbErr> {
    let mut cur = Some(e);
    while let Some(c) = cur {
        if let Some(db) = c.downcast_ref::<DbErr>() {
            return Some(db);
        }
        cur = c.source();
    }
    None
}

/// Whether `e` is load or an outage rather than a bug: somewhere among its causes no pooled
/// connection came free in time, or the database cannot be reached. Both edges answer 503.
pub(crate) fn is_outage(e: &(dyn std::error::Error + 'static)) -> bool {
    db_cause(e).is_some_and(|d| matches!(d, DbErr::ConnectionAcquire(_) | DbErr::Conn(_)))
}

/// The problem+json body.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl AppError {
    /// A failure of ours with its cause.
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Internal(Box::new(e))
    }

    /// A 422 about one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    /// A failure that is load or an outage, not a bug (no pooled connection came free in
    /// time, or the database cannot be reached), wherever it sits among the causes:
    /// answered 503.
    fn unavailable(&self) -> Option<Self> {
        let outage = match self {
            Self::Db(e) => is_outage(e),
            Self::Internal(e) => is_outage(e.as_ref()),
            _ => false,
        };
        outage.then_some(Self::Unavailable {
            retry_after_secs: 1,
        })
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str, String) {
        use AppError::*;
        match self {
            BadRequest(d) => (
                StatusCode::BAD_REQUEST,
                "bad-request",
                "Malformed request",
                d.clone(),
            ),
            Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
                "A valid access token is required.".into(),
            ),
            InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                "invalid-credentials",
                "Invalid credentials",
                "The email and password do not match an account.".into(),
            ),
            Forbidden(d) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden", d.clone()),
            NotFound => (
                StatusCode::NOT_FOUND,
                "not-found",
                "Not found",
                "There is nothing here you can see.".into(),
            ),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
                "This resource does not support that method.".into(),
            ),
            Conflict(d) => (StatusCode::CONFLICT, "conflict", "Conflict", d.clone()),
            EmailNotVerified => (
                StatusCode::CONFLICT,
                "email-not-verified",
                "Email not verified",
                "The account holder has not confirmed their email address yet; they can ask \
                 for a new link."
                    .into(),
            ),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Payload too large",
                "The request body is larger than 1 MiB.".into(),
            ),
            UnsupportedMediaType(d) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                d.clone(),
            ),
            Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Invalid fields",
                "Some fields are invalid; see errors.".into(),
            ),
            TooManyRequests { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many requests",
                format!("Try again in {retry_after_secs} seconds."),
            ),
            Waiting {
                retry_after_secs,
                reason,
            } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Not yet",
                format!("{reason} Try again in {retry_after_secs} seconds."),
            ),
            Unavailable { retry_after_secs } => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service busy",
                format!("The service is busy; try again in {retry_after_secs} seconds."),
            ),
            Db(_) | Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "Something went wrong on our side; it has been logged.".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Some(mapped) = self.unavailable() {
            tracing::warn!(error = %chain(&self), "database unavailable");
            return mapped.into_response();
        }
        let (status, slug, title, detail) = self.parts();
        if status.is_server_error() {
            tracing::error!(error = %chain(&self), "request failed");
        }
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after_secs }
            | AppError::Waiting {
                retry_after_secs, ..
            }
            | AppError::Unavailable { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let errors = match self {
            AppError::Validation(errors) => errors,
            _ => Vec::new(),
        };
        problem_response(status, slug, title, detail, errors, retry_after)
    }
}

/// Builds a problem+json response; also used by middleware that answers before a handler.
pub fn problem_response(
    status: StatusCode,
    slug: &str,
    title: &str,
    detail: String,
    errors: Vec<FieldError>,
    retry_after_secs: Option<u64>,
) -> Response {
    let body = Problem {
        kind: format!("/problems/{slug}"),
        title: title.into(),
        status: status.as_u16(),
        detail,
        errors,
    };
    let mut res = (status, Json(body)).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    if let Some(secs) = retry_after_secs {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
    }
    res
}

pub type AppResult<T> = Result<T, AppError>;
