//! `/api/v1/hosts/search` and `/api/v1/products/search`: filters, free text, sorts and
//! facets, answered from this process's index. The query strings are read by
//! `services::query::search`, which the search pages share.

use std::collections::BTreeMap;

use axum::{Json, extract::State, http::Uri};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    error::{AppError, AppResult, Problem},
    extract::CurrentAccount,
    routes::views::{HostProfileView, ProductView},
    services::{
        query::{self, Edge},
        search::{self, Found},
    },
    state::AppState,
};
use search_index::FacetCount;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search_hosts))
        .routes(routes!(search_products))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetValue {
    value: String,
    count: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage<T> {
    hits: Vec<T>,
    /// Every match, exactly.
    total: u64,
    page: u64,
    per_page: u64,
    /// Counts over every match, per facet.
    facets: BTreeMap<&'static str, Vec<FacetValue>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HostHit {
    #[serde(flatten)]
    host: HostProfileView,
    score: f32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductHit {
    #[serde(flatten)]
    product: ProductView,
    score: f32,
}

/// The page of a search, each hit rendered by `hit`.
fn page<T, H>(found: Found<T>, hit: impl Fn(f32, T) -> H) -> SearchPage<H> {
    SearchPage {
        hits: found.hits.into_iter().map(|(s, t)| hit(s, t)).collect(),
        total: found.total,
        page: found.page.page,
        per_page: found.page.per_page,
        facets: facets(found.facets),
    }
}

fn facets(facets: Vec<(&'static str, Vec<FacetCount>)>) -> BTreeMap<&'static str, Vec<FacetValue>> {
    facets
        .into_iter()
        .map(|(name, values)| {
            let values = values
                .into_iter()
                .map(|f| FacetValue {
                    value: f.value,
                    count: f.count,
                })
                .collect();
            (name, values)
        })
        .collect()
}

/// Find hosts. Repeated parameters mean any of them; different parameters must all hold.
#[utoipa::path(get, path = "/api/v1/hosts/search", tag = "search", security(("bearer" = [])),
    params(
        ("q" = Option<String>, Query, description = "free text over name, headline and bio, English and Chinese"),
        ("language" = Option<Vec<String>>, Query), ("market" = Option<Vec<String>>, Query),
        ("category" = Option<Vec<u32>>, Query, description = "the category or any descendant"),
        ("platform" = Option<Vec<String>>, Query), ("min_followers" = Option<u64>, Query),
        ("max_followers" = Option<u64>, Query), ("max_commission_pct" = Option<f64>, Query),
        ("sort" = Option<String>, Query, description = "relevance, followers, rating or newest"),
        ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query),
    ),
    responses((status = 200, body = SearchPage<HostHit>), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn search_hosts(
    State(state): State<AppState>,
    me: CurrentAccount,
    uri: Uri,
) -> AppResult<Json<SearchPage<HostHit>>> {
    let found = search::hosts(&state.db, &state.search, &me, || {
        query::search::hosts(uri.query().unwrap_or(""), Edge::Api).map_err(AppError::Validation)
    })
    .await?;
    Ok(Json(page(found, |score, h| HostHit {
        host: HostProfileView::new(&h.profile, &h.account),
        score,
    })))
}

/// Find products. Repeated parameters mean any of them; different parameters must all hold.
#[utoipa::path(get, path = "/api/v1/products/search", tag = "search", security(("bearer" = [])),
    params(
        ("q" = Option<String>, Query, description = "free text over titles and descriptions, English and Chinese"),
        ("category" = Option<Vec<u32>>, Query, description = "the category or any descendant"),
        ("market" = Option<Vec<String>>, Query), ("supplier_id" = Option<Vec<Uuid>>, Query),
        ("min_commission_pct" = Option<f64>, Query), ("max_price_cents" = Option<u64>, Query),
        ("free_samples" = Option<bool>, Query),
        ("sort" = Option<String>, Query, description = "relevance, commission, price or newest"),
        ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query),
    ),
    responses((status = 200, body = SearchPage<ProductHit>), (status = 403, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn search_products(
    State(state): State<AppState>,
    me: CurrentAccount,
    uri: Uri,
) -> AppResult<Json<SearchPage<ProductHit>>> {
    let found = search::products(&state.db, &state.search, &me, || {
        query::search::products(uri.query().unwrap_or(""), Edge::Api).map_err(AppError::Validation)
    })
    .await?;
    Ok(Json(page(found, |score, p| ProductHit {
        product: ProductView::new(&p, me.locale),
        score,
    })))
}
