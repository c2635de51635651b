//! `/api/v1/languages`, `/api/v1/markets`, `/api/v1/categories`, `/api/v1/platforms`:
//! reference data, public and cacheable.

use axum::{Json, http::header, response::IntoResponse};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    reference::{Category, languages, markets, platforms, taxonomy},
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_languages))
        .routes(routes!(list_markets))
        .routes(routes!(list_categories))
        .routes(routes!(list_platforms))
}

/// Reference data changes with a release, not a request.
const CACHE: (header::HeaderName, &str) = (header::CACHE_CONTROL, "public, max-age=3600");

/// ISO 639-1 languages with English and native names.
#[utoipa::path(get, path = "/api/v1/languages", tag = "reference",
    responses((status = 200, body = Vec<languages::LanguageInfo>)))]
#[tracing::instrument(skip_all)]
async fn list_languages() -> impl IntoResponse {
    ([CACHE], Json(languages::all()))
}

/// ISO 3166-1 alpha-2 countries, then named regions with the countries they expand to.
#[utoipa::path(get, path = "/api/v1/markets", tag = "reference",
    responses((status = 200, body = Vec<markets::MarketInfo>)))]
#[tracing::instrument(skip_all)]
async fn list_markets() -> impl IntoResponse {
    ([CACHE], Json(markets::all()))
}

/// The product taxonomy: Google's ids, English and Chinese names, parent links.
#[utoipa::path(get, path = "/api/v1/categories", tag = "reference",
    responses((status = 200, body = Vec<Category>)))]
#[tracing::instrument(skip_all)]
async fn list_categories() -> impl IntoResponse {
    ([CACHE], Json(taxonomy().all()))
}

/// The platforms hosts stream and sell on: stable codes (what `platforms[].name` of a host
/// profile holds), English and Chinese names.
#[utoipa::path(get, path = "/api/v1/platforms", tag = "reference",
    responses((status = 200, body = Vec<platforms::PlatformInfo>)))]
#[tracing::instrument(skip_all)]
async fn list_platforms() -> impl IntoResponse {
    ([CACHE], Json(platforms::all()))
}
