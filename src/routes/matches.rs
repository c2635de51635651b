//! `/api/v1/products/{id}/matches` and `/api/v1/hosts/me/recommendations`: rankings with
//! each hit's score, its parts in points and its fits, so a person can see why.

use axum::{Json, extract::State, http::Uri};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    db::products::ProductRow,
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, CurrentAccount},
    routes::views::{FindingView, HostProfileView, ProductView, findings},
    services::{
        hits::VisibleHost,
        matching::{self, Matched, Ranking},
        query::{self, Edge},
    },
    state::AppState,
};
use search_index::MatchHit;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(product_matches))
        .routes(routes!(recommendations))
}

/// One number per part of the score, in the order the score lists them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Parts {
    language: f64,
    market: f64,
    category: f64,
    audience: f64,
    track_record: f64,
    price: f64,
}

impl Parts {
    fn from(v: [f64; 6]) -> Self {
        let [language, market, category, audience, track_record, price] = v;
        Self {
            language,
            market,
            category,
            audience,
            track_record,
            price,
        }
    }
}

/// Why a pair ranks where it does.
#[derive(Debug, Serialize, ToSchema)]
pub struct Explained {
    /// 0 to 100, one decimal: exactly the sum of `parts` less `penalty`.
    score: f64,
    /// Points the product's market rules and screened terms take off in the host's
    /// markets: the score keeps 90% for a caution, 80% for a restriction, 50% for a
    /// prohibition in some (not all) of them. A product prohibited in every market the
    /// host serves is no match at all.
    penalty: f64,
    /// Each part's points: its fit times its weight's share of 100.
    parts: Parts,
    /// Each part's fit, 0 to 1, before weighting.
    fit: Parts,
    /// The product's findings that hold in the host's markets, most serious first.
    warnings: Vec<FindingView>,
}

impl Explained {
    fn new(h: &MatchHit, warnings: Vec<FindingView>) -> Self {
        Self {
            score: f64::from(h.score) / 10.0,
            penalty: f64::from(h.penalty) / 10.0,
            parts: Parts::from(h.points.map(|p| f64::from(p) / 10.0)),
            fit: Parts::from(h.fits.map(|f| (f64::from(f) * 1000.0).round() / 1000.0)),
            warnings,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HostMatch {
    host: HostProfileView,
    #[serde(flatten)]
    why: Explained,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductMatch {
    product: ProductView,
    #[serde(flatten)]
    why: Explained,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchPage<T> {
    hits: Vec<T>,
    /// Every candidate: a shared market, a language of the markets or a shared category.
    total: u64,
    page: u64,
    per_page: u64,
    /// The weights used, the defaults where the request named none.
    weights: Parts,
}

/// The ranking a request asks for: weights and a page.
fn ranking(uri: &Uri) -> AppResult<Ranking> {
    query::ranking::ranking(uri.query().unwrap_or(""), Edge::Api).map_err(AppError::Validation)
}

fn page<T, H>(m: Matched<T>, hit: impl Fn(&MatchHit, T) -> H) -> MatchPage<H> {
    let r = m.ranking;
    MatchPage {
        hits: m.hits.into_iter().map(|(h, t)| hit(&h, t)).collect(),
        total: m.total,
        page: (r.offset / r.limit) as u64 + 1,
        per_page: r.limit as u64,
        weights: Parts::from(r.weights.0),
    }
}

/// Hosts ranked for a product: language, market, category, audience, track record and
/// price, each shown in points.
#[utoipa::path(get, path = "/api/v1/products/{id}/matches", tag = "matching", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path),
        ("weights" = Option<String>, Query, description = "e.g. language:3,market:2; parts not named keep their defaults (language 3, market 3, category 2, audience 1, track_record 1, price 1)"),
        ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query),
    ),
    responses((status = 200, body = MatchPage<HostMatch>), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all, fields(product.id = %id))]
async fn product_matches(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
    uri: Uri,
) -> AppResult<Json<MatchPage<HostMatch>>> {
    let (product, matched) =
        matching::hosts_for_product(&state.db, &state.search, &me, id, || ranking(&uri)).await?;
    let findings = &product.compliance.0;
    let hit = |h: &MatchHit, found: VisibleHost| {
        let host = HostProfileView::new(&found.profile, &found.account);
        HostMatch {
            why: Explained::new(h, findings::cut(findings, host.markets(), me.locale)),
            host,
        }
    };
    Ok(Json(page(matched, hit)))
}

/// Products ranked for the signed-in host, by the same parts.
#[utoipa::path(get, path = "/api/v1/hosts/me/recommendations", tag = "matching", security(("bearer" = [])),
    params(
        ("weights" = Option<String>, Query, description = "e.g. category:3,price:2; parts not named keep their defaults"),
        ("page" = Option<u64>, Query), ("per_page" = Option<u64>, Query),
    ),
    responses((status = 200, body = MatchPage<ProductMatch>), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn recommendations(
    State(state): State<AppState>,
    me: CurrentAccount,
    uri: Uri,
) -> AppResult<Json<MatchPage<ProductMatch>>> {
    let (profile, matched) =
        matching::products_for_host(&state.db, &state.search, &me, || ranking(&uri)).await?;
    let markets = &profile.markets.0;
    let hit = |h: &MatchHit, row: ProductRow| ProductMatch {
        why: Explained::new(h, findings::cut(&row.compliance.0, markets, me.locale)),
        product: ProductView::new(&row, me.locale),
    };
    Ok(Json(page(matched, hit)))
}
