//! Extractors that answer in problem+json: JSON bodies, the signed-in account, pagination.

use axum::{
    extract::{FromRequest, FromRequestParts, Query, Request, rejection::JsonRejection},
    http::{StatusCode, header, request::Parts},
};
use serde::{Deserialize, de::DeserializeOwned};
use uuid::Uuid;

use crate::{
    db::accounts::{self, AccountRow},
    domain::{AccountStatus, Locale, Role},
    error::{AppError, FieldError},
    services::auth::status_of,
    state::AppState,
};

/// `axum::Json` with its rejections mapped to problem+json: 415 without a JSON content type,
/// 400 for broken JSON, 413 past the body limit, 422 for fields of the wrong shape.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(r: JsonRejection) -> AppError {
    match r {
        JsonRejection::MissingJsonContentType(_) => {
            AppError::UnsupportedMediaType("Send the body as application/json.".into())
        }
        JsonRejection::JsonSyntaxError(e) => AppError::BadRequest(e.body_text()),
        JsonRejection::JsonDataError(e) => {
            let (field, message) = data_error_field(&e.body_text());
            AppError::Validation(vec![FieldError::new(field, message)])
        }
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        other => AppError::BadRequest(other.body_text()),
    }
}

/// Splits axum's text for a body of the wrong shape into the field it is about and the
/// message. The text is "Failed to deserialize …: <path>: <message>" for a field of the
/// wrong type, and "…: unknown field `x`, …" or "…: missing field `x` …" otherwise.
fn data_error_field(text: &str) -> (String, String) {
    let rest = text.split_once(": ").map_or(text, |(_, r)| r);
    if rest.starts_with("unknown field") || rest.starts_with("missing field") {
        let field = rest.split('`').nth(1).unwrap_or("body");
        return (field.to_owned(), rest.to_owned());
    }
    match rest.split_once(": ") {
        Some((path, message)) if !path.contains(' ') => (path.to_owned(), message.to_owned()),
        _ => ("body".to_owned(), rest.to_owned()),
    }
}

/// The account behind a valid access token. Its row is read on every request, so a
/// suspension takes effect on the very next one.
#[derive(Debug, Clone)]
pub struct CurrentAccount {
    pub row: AccountRow,
    pub role: Role,
    pub status: AccountStatus,
    /// The language to answer in: the request's `Accept-Language` if it names one we
    /// speak, else the account's locale.
    pub reads: Locale,
}

impl CurrentAccount {
    pub fn id(&self) -> Uuid {
        self.row.id
    }

    pub fn locale(&self) -> Locale {
        Locale::from_stored(&self.row.locale)
    }

    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden("Only admins may do this.".into()))
        }
    }
}

impl FromRequestParts<AppState> for CurrentAccount {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let id = state.tokens.verify(token).ok_or(AppError::Unauthorized)?;
        let row = accounts::find(state.db.conn(), id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let status = status_of(&row);
        if !status.can_authenticate() {
            return Err(AppError::Unauthorized);
        }
        let role = Role::parse(&row.role).ok_or(AppError::Unauthorized)?;
        tracing::Span::current().record("account.id", tracing::field::display(row.id));
        let reads = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language)
            .unwrap_or_else(|| Locale::from_stored(&row.locale));
        Ok(Self {
            row,
            role,
            status,
            reads,
        })
    }
}

/// `?page=&per_page=`: page from 1, per_page 1 to 100 (default 20).
#[derive(Debug, Clone, Copy)]
pub struct Pagination {
    pub page: u64,
    pub per_page: u64,
}

pub const MAX_PER_PAGE: u64 = 100;

/// The query parameters of a list, as documented and as read.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// From 1 (default 1).
    page: Option<u64>,
    /// 1 to 100 (default 20).
    per_page: Option<u64>,
}

impl<S: Send + Sync> FromRequestParts<S> for Pagination {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Query(raw) = Query::<PageParams>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        let page = raw.page.unwrap_or(1);
        let per_page = raw.per_page.unwrap_or(20);
        let mut errors = Vec::new();
        if page == 0 {
            errors.push(FieldError::new("page", "must be at least 1"));
        }
        if page > 1_000_000 {
            errors.push(FieldError::new("page", "must be at most 1000000"));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            errors.push(FieldError::new("per_page", "must be between 1 and 100"));
        }
        if errors.is_empty() {
            Ok(Self { page, per_page })
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

/// A paged list as every list endpoint answers it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, total: u64, p: Pagination) -> Self {
        Self {
            items,
            total,
            page: p.page,
            per_page: p.per_page,
        }
    }
}

/// `axum::extract::Path` whose rejection is a 404 problem: an id that does not parse names
/// nothing, just like one that does not exist.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Self(v))
            .map_err(|_| AppError::NotFound)
    }
}

/// A JSON body that may be left out entirely (approve needs none).
pub struct OptionalJson<T>(pub Option<T>);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let h = req.headers();
        let empty = !h.contains_key(header::CONTENT_TYPE)
            && h.get(header::CONTENT_LENGTH)
                .is_none_or(|v| v.as_bytes() == b"0");
        if empty {
            return Ok(Self(None));
        }
        ApiJson::<T>::from_request(req, state)
            .await
            .map(|ApiJson(v)| Self(Some(v)))
    }
}

/// The `Idempotency-Key` header of a create request: 1 to 255 visible ASCII characters.
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let Some(v) = parts.headers.get("idempotency-key") else {
            return Ok(Self(None));
        };
        match v.to_str() {
            Ok(k) if (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()) => {
                Ok(Self(Some(k.to_owned())))
            }
            _ => Err(AppError::BadRequest(
                "Idempotency-Key must be 1 to 255 visible ASCII characters.".into(),
            )),
        }
    }
}

/// `axum::extract::Query` whose rejection is a 400 problem.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| Self(v))
            .map_err(|e| AppError::BadRequest(e.body_text()))
    }
}

#[cfg(test)]
mod tests {
    use super::data_error_field;

    #[test]
    fn data_errors_name_their_field() {
        let pre = "Failed to deserialize the JSON body into the target type: ";
        assert_eq!(
            data_error_field(&format!(
                "{pre}email: invalid type: integer `5`, expected a string at line 1 column 11"
            ))
            .0,
            "email"
        );
        assert_eq!(
            data_error_field(&format!(
                "{pre}unknown field `status`, expected one of `a`, `b` at line 1 column 9"
            ))
            .0,
            "status"
        );
        assert_eq!(
            data_error_field(&format!(
                "{pre}missing field `password` at line 1 column 20"
            ))
            .0,
            "password"
        );
        assert_eq!(
            data_error_field(&format!("{pre}invalid type: sequence, expected struct X")).0,
            "body"
        );
    }
}
