//! The HTTP edge: every feature's router, the middleware around them, the OpenAPI document.

pub mod account;
pub mod admin;
pub mod auth;
pub mod blocks;
pub mod collaborations;
pub mod matches;
pub mod negotiation;
pub mod offers;
pub mod ops;
pub mod products;
pub mod profiles;
pub mod reference;
pub mod reviews;
pub mod rules;
pub mod search;
pub mod threads;
pub mod views;

use std::time::Instant;

use axum::{
    Router,
    extract::{DefaultBodyLimit, MatchedPath, Request},
    http::{HeaderName, HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use tower_http::{
    catch_panic::CatchPanicLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::{error::AppError, services::idempotency::SavedAnswer, state::AppState};

/// Largest request body accepted.
pub const BODY_LIMIT: usize = 1024 * 1024;
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

#[derive(OpenApi)]
#[openapi(
    info(
        title = "hostmatch",
        description = "Matchmaking for cross-border live commerce: suppliers, hosts, admins."
    ),
    components(schemas(crate::error::Problem)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The API routes and their OpenAPI document.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(auth::router())
        .merge(account::router())
        .merge(admin::router())
        .merge(rules::router())
        .merge(profiles::router())
        .merge(products::router())
        .merge(reference::router())
        .merge(search::router())
        .merge(matches::router())
        .merge(offers::router())
        .merge(negotiation::router())
        .merge(blocks::router())
        .merge(threads::router())
        .merge(collaborations::router())
        .merge(reviews::router())
        .split_for_parts()
}

/// The whole application: API, operations endpoints, docs, middleware.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api();
    Router::new()
        .merge(api)
        .merge(ops::router())
        // The pages, whose fallback also answers unknown `/api/` paths (as problems).
        .merge(crate::web::router(state.clone()))
        .route_layer(middleware::from_fn(track_metrics))
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .with_state(state)
        .merge(SwaggerUi::new("/docs").url("/api-docs/openapi.json", openapi))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(refuse_declared_oversize))
        .layer(middleware::from_fn(no_store_for_api))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // Pages set their own, fuller policy.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Not `no-referrer`: with it a browser sends `Origin: null` on same-origin form
        // posts, and the pages' cross-origin check would refuse them.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            AppError::internal(HandlerPanicked).into_response()
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!(
                "request",
                request.id = %id,
                http.method = %req.method(),
                http.path = %req.uri().path(),
                account.id = tracing::field::Empty,
            )
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// A handler panicked; the panic itself was printed by the panic hook.
#[derive(Debug, thiserror::Error)]
#[error("a handler panicked")]
struct HandlerPanicked;

/// A body whose declared length is past the limit is refused before anything else (API.md:
/// 413 comes first), without reading it. Bodies that do not declare their length are cut
/// off at the limit when read.
async fn refuse_declared_oversize(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT) {
        return AppError::PayloadTooLarge.into_response();
    }
    next.run(req).await
}

/// A create's answer, given again for a repeated `Idempotency-Key`.
impl IntoResponse for SavedAnswer {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        (
            status,
            [(header::CONTENT_TYPE, "application/json")],
            self.body,
        )
            .into_response()
    }
}

/// Answers under `/api/` carry tokens or private data: no cache may keep them, unless the
/// handler said otherwise (public reference data).
async fn no_store_for_api(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if api && !res.headers().contains_key(header::CACHE_CONTROL) {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

async fn track_metrics(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = req.method().to_string();
    let start = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!("hostmatch_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("hostmatch_http_request_duration_seconds", "method" => method, "route" => route)
        .record(start.elapsed().as_secs_f64());
    res
}
