//! Extractors that answer in problem+json: JSON bodies (read now, decoded once the request
//! is authorised), the signed-in account, the page of a list.

use axum::{
    extract::{FromRequest, FromRequestParts, Query, Request, rejection::JsonRejection},
    http::{StatusCode, header, request::Parts},
};
use serde::{Deserialize, de::DeserializeOwned};

use crate::{
    db::accounts::{self, AccountRow},
    domain::{Actor, Locale, PageRequest, fields::Check},
    error::AppError,
    policy,
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
            AppError::field(&field, message)
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

/// A JSON body, read whole (past the body limit: 413) but decoded only when the handler
/// asks, so that authorisation and lookups answer first: API.md's order of refusals puts
/// 401, 403 and 404 before 400, 415 and 422.
pub struct JsonBody {
    /// Whether a `Content-Type` came at all.
    declared: bool,
    is_json: bool,
    bytes: axum::body::Bytes,
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared = req.headers().contains_key(header::CONTENT_TYPE);
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json);
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|r| {
                if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::PayloadTooLarge
                } else {
                    AppError::BadRequest(r.body_text())
                }
            })?;
        Ok(Self {
            declared,
            is_json,
            bytes,
        })
    }
}

impl JsonBody {
    /// The body as `T`: 415 without a JSON content type, 400 for broken JSON, 422 for
    /// fields of the wrong shape.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        if !self.is_json {
            return Err(AppError::UnsupportedMediaType(
                "Send the body as application/json.".into(),
            ));
        }
        axum::Json::<T>::from_bytes(&self.bytes)
            .map(|axum::Json(v)| v)
            .map_err(json_rejection)
    }

    /// Like [`decode`](Self::decode), but no body at all (empty, with no content type) is
    /// `None`: approve needs none.
    pub fn decode_optional<T: DeserializeOwned>(&self) -> Result<Option<T>, AppError> {
        if self.bytes.is_empty() && !self.declared {
            Ok(None)
        } else {
            self.decode().map(Some)
        }
    }
}

/// `application/json` or any `application/…+json`, parameters ignored, as axum's `Json`
/// accepts.
fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The account behind a valid access token, as the core's [`Actor`] and the row it was
/// read from. The row is read on every request, so a suspension takes effect on the very
/// next one.
#[derive(Debug, Clone)]
pub struct CurrentAccount {
    pub actor: Actor,
    pub row: AccountRow,
}

impl std::ops::Deref for CurrentAccount {
    type Target = Actor;

    fn deref(&self) -> &Actor {
        &self.actor
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
        let status = row.status;
        if !policy::may_authenticate(status) {
            return Err(AppError::Unauthorized);
        }
        let role = row.role;
        tracing::Span::current().record("account.id", tracing::field::display(row.id));
        let locale = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language)
            .unwrap_or(row.locale);
        Ok(Self {
            actor: Actor {
                id: row.id,
                role,
                status,
                locale,
            },
            row,
        })
    }
}

/// The query parameters of a list, as documented and as read.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// From 1 (default 1).
    page: Option<u64>,
    /// 1 to 100 (default 20).
    per_page: Option<u64>,
}

/// `?page=&per_page=` of a list, bounded by [`PageRequest::parse`].
impl<S: Send + Sync> FromRequestParts<S> for PageRequest {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Query(raw) = Query::<PageParams>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        let mut check = Check::default();
        let page = PageRequest::parse(raw.page, raw.per_page, &mut check);
        check.finish().map_err(AppError::Validation)?;
        Ok(page)
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

/// The signed-in account when it is an admin. Put first among a handler's extractors, it
/// answers 401 or 403 before the path, the query or the body is read (API.md's order).
pub struct AdminAccount(pub CurrentAccount);

impl FromRequestParts<AppState> for AdminAccount {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let me = CurrentAccount::from_request_parts(parts, state).await?;
        policy::may_administer(&me)?;
        Ok(Self(me))
    }
}

/// The `Idempotency-Key` header of a create request: 1 to 255 visible ASCII characters.
/// Checked when the handler asks ([`IdempotencyKey::get`]), after authorisation.
pub struct IdempotencyKey(Option<Result<String, ()>>);

impl IdempotencyKey {
    /// The key, if one came; 400 if it is not 1 to 255 visible ASCII characters.
    pub fn get(self) -> Result<Option<String>, AppError> {
        self.0.transpose().map_err(|()| {
            AppError::BadRequest(
                "Idempotency-Key must be 1 to 255 visible ASCII characters.".into(),
            )
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let key = parts
            .headers
            .get("idempotency-key")
            .map(|v| match v.to_str() {
                Ok(k)
                    if (1..=255).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()) =>
                {
                    Ok(k.to_owned())
                }
                _ => Err(()),
            });
        Ok(Self(key))
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
