//! `/api/v1/hosts/search` and `/api/v1/products/search`: filters, free text, sorts and
//! facets, answered from this process's index.

use std::collections::BTreeMap;

use axum::{Json, extract::State, http::Uri};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    error::{AppResult, Problem},
    extract::CurrentAccount,
    reference,
    routes::params::Params,
    routes::{products::ProductView, profiles::HostProfileView},
    services::search::{self, Asked, Found},
    state::AppState,
};
use search_index::{FacetCount, HostQuery, HostSort, ProductQuery, ProductSort};

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

fn facets(facets: &[(&'static str, Vec<FacetCount>)]) -> BTreeMap<&'static str, Vec<FacetValue>> {
    facets
        .iter()
        .map(|(name, values)| {
            let values = values
                .iter()
                .map(|f| FacetValue {
                    value: f.value.clone(),
                    count: f.count,
                })
                .collect();
            (*name, values)
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
async fn search_hosts(
    State(state): State<AppState>,
    me: CurrentAccount,
    uri: Uri,
) -> AppResult<Json<SearchPage<HostHit>>> {
    let found = search::hosts(&state.db, &state.search, &me, || host_query(&uri)).await?;
    Ok(Json(page(found, |score, h| HostHit {
        host: HostProfileView::new(&h.profile, &h.account),
        score,
    })))
}

/// The page of a search, each hit rendered by `hit`.
fn page<T, H>(found: Found<T>, hit: impl Fn(f32, T) -> H) -> SearchPage<H> {
    SearchPage {
        facets: facets(&found.facets),
        hits: found.hits.into_iter().map(|(s, t)| hit(s, t)).collect(),
        total: found.total,
        page: found.page.page,
        per_page: found.page.per_page,
    }
}

/// A host search as its query string asks it.
fn host_query(uri: &Uri) -> AppResult<Asked<HostQuery>> {
    let mut p = Params::new(
        uri,
        &[
            "q",
            "language",
            "market",
            "category",
            "platform",
            "min_followers",
            "max_followers",
            "max_commission_pct",
            "sort",
            "page",
            "per_page",
        ],
    );
    let mut languages = Vec::new();
    for l in p.all("language") {
        languages.push(p.check.language("language", &l));
    }
    let platforms: Vec<String> = p
        .all("platform")
        .iter()
        .map(|s| s.trim().to_ascii_lowercase())
        .collect();
    if let Some(bad) = platforms
        .iter()
        .find(|x| reference::platforms::get(x).is_none())
    {
        p.check.fail(
            "platform",
            format!("{bad:?} is not one of {}", reference::platforms::codes()),
        );
    }
    let sort = match p.one("sort").as_deref() {
        None | Some("relevance") => HostSort::Relevance,
        Some("followers") => HostSort::Followers,
        Some("rating") => HostSort::Rating,
        Some("newest") => HostSort::Newest,
        Some(_) => {
            p.check
                .fail("sort", "must be relevance, followers, rating or newest");
            HostSort::Relevance
        }
    };
    let page = p.paging();
    let query = HostQuery {
        text: p.text(),
        languages,
        markets: p.markets(),
        categories: p.categories(),
        platforms,
        min_followers: p.number("min_followers"),
        max_followers: p.number("max_followers"),
        max_commission_pct: p.float("max_commission_pct"),
        sort,
        ..HostQuery::default()
    };
    p.finish()?;
    Ok(Asked { query, page })
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
async fn search_products(
    State(state): State<AppState>,
    me: CurrentAccount,
    uri: Uri,
) -> AppResult<Json<SearchPage<ProductHit>>> {
    let found = search::products(&state.db, &state.search, &me, || product_query(&uri)).await?;
    Ok(Json(page(found, |score, p| ProductHit {
        product: ProductView::new(&p, me.locale),
        score,
    })))
}

/// A product search as its query string asks it.
fn product_query(uri: &Uri) -> AppResult<Asked<ProductQuery>> {
    let mut p = Params::new(
        uri,
        &[
            "q",
            "category",
            "market",
            "supplier_id",
            "min_commission_pct",
            "max_price_cents",
            "free_samples",
            "sort",
            "page",
            "per_page",
        ],
    );
    let mut supplier_ids = Vec::new();
    for s in p.all("supplier_id") {
        match s.parse::<Uuid>() {
            Ok(id) => supplier_ids.push(id.to_string()),
            Err(_) => p.check.fail("supplier_id", "must be a UUID"),
        }
    }
    let free_samples = match p.one("free_samples").as_deref() {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => {
            p.check.fail("free_samples", "must be true or false");
            None
        }
    };
    let sort = match p.one("sort").as_deref() {
        None | Some("relevance") => ProductSort::Relevance,
        Some("commission") => ProductSort::Commission,
        Some("price") => ProductSort::Price,
        Some("newest") => ProductSort::Newest,
        Some(_) => {
            p.check
                .fail("sort", "must be relevance, commission, price or newest");
            ProductSort::Relevance
        }
    };
    let page = p.paging();
    let query = ProductQuery {
        text: p.text(),
        categories: p.categories(),
        markets: p.markets(),
        supplier_ids,
        min_commission_pct: p.float("min_commission_pct"),
        max_price_cents: p.number("max_price_cents"),
        free_samples,
        sort,
        ..ProductQuery::default()
    };
    p.finish()?;
    Ok(Asked { query, page })
}
