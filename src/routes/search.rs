//! `/api/v1/hosts/search` and `/api/v1/products/search`: filters, free text, sorts and
//! facets, answered from this process's index; the page's rows come from the database in
//! one query each.

use std::collections::{BTreeMap, HashMap};

use axum::{Json, extract::State, http::Uri};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    db::{
        accounts::{self, AccountRow},
        products::{self, ProductRow},
        profiles,
    },
    domain::{AccountStatus, Role, fields::Check, profile::PLATFORMS},
    error::{AppError, AppResult, Problem},
    extract::{CurrentAccount, MAX_PER_PAGE},
    reference::markets,
    routes::{products::ProductView, profiles::HostProfileView},
    search::documents::{host_visible, product_visible},
    state::AppState,
};
use search_index::{HostQuery, HostSort, ProductQuery, ProductSort, SearchResults};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search_hosts))
        .routes(routes!(search_products))
}

/// Deepest result reachable by paging, as search engines bound it.
const MAX_WINDOW: u64 = 10_000;

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

/// The query string as (name, value) pairs; names may repeat.
struct Params {
    pairs: Vec<(String, String)>,
    check: Check,
}

impl Params {
    fn new(uri: &Uri, allowed: &[&str]) -> Self {
        let pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
        let mut check = Check::default();
        for (k, _) in &pairs {
            if !allowed.contains(&k.as_str()) {
                check.fail(k, "is not a parameter of this search");
            }
        }
        Self { pairs, check }
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn one(&mut self, name: &str) -> Option<String> {
        let values = self.all(name);
        if values.len() > 1 {
            self.check.fail(name, "may be given once");
        }
        values.into_iter().next()
    }

    fn number<T: std::str::FromStr>(&mut self, name: &str) -> Option<T> {
        let raw = self.one(name)?;
        match raw.trim().parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.check.fail(name, "must be a number");
                None
            }
        }
    }

    /// A finite number (NaN and infinities are refused).
    fn float(&mut self, name: &str) -> Option<f64> {
        let v: f64 = self.number(name)?;
        if v.is_finite() {
            Some(v)
        } else {
            self.check.fail(name, "must be a finite number");
            None
        }
    }

    fn markets(&mut self) -> Vec<String> {
        let raw = self.all("market");
        match markets::expand(raw.iter().map(String::as_str)) {
            Ok(set) => set.into_iter().map(str::to_owned).collect(),
            Err(code) => {
                self.check.fail(
                    "market",
                    format!("{code:?} is neither a country code nor a region"),
                );
                Vec::new()
            }
        }
    }

    fn categories(&mut self) -> Vec<u64> {
        let mut out = Vec::new();
        for raw in self.all("category") {
            match raw.trim().parse::<u32>() {
                Ok(id) => out.push(u64::from(self.check.category("category", id))),
                Err(_) => self.check.fail("category", "must be a category id"),
            }
        }
        out
    }

    fn paging(&mut self) -> (u64, u64) {
        let page = self.number::<u64>("page").unwrap_or(1);
        let per_page = self.number::<u64>("per_page").unwrap_or(20);
        if page == 0 {
            self.check.fail("page", "must be at least 1");
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            self.check.fail("per_page", "must be between 1 and 100");
        } else if page.saturating_mul(per_page) > MAX_WINDOW {
            self.check.fail(
                "page",
                format!("pages reach the first {MAX_WINDOW} results; narrow the search"),
            );
        }
        (page.max(1), per_page.clamp(1, MAX_PER_PAGE))
    }

    fn text(&mut self) -> Option<String> {
        let q = self.one("q")?;
        if q.chars().count() > 500 {
            self.check.fail("q", "must be at most 500 characters");
        }
        Some(q).filter(|q| !q.trim().is_empty())
    }

    fn finish(self) -> AppResult<()> {
        self.check.finish().map_err(AppError::Validation)
    }
}

fn require_approved(me: &CurrentAccount, roles: &[Role]) -> AppResult<()> {
    if me.role == Role::Admin || (roles.contains(&me.role) && me.status == AccountStatus::Approved)
    {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Search is open to approved accounts of the roles it serves.".into(),
        ))
    }
}

fn facets(r: &SearchResults) -> BTreeMap<&'static str, Vec<FacetValue>> {
    r.facets
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

fn ids(r: &SearchResults) -> Vec<Uuid> {
    r.hits.iter().filter_map(|h| h.id.parse().ok()).collect()
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
    require_approved(&me, &[Role::Supplier])?;
    let mut p = Params::new(
        &uri,
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
    if let Some(bad) = platforms.iter().find(|x| !PLATFORMS.contains(&x.as_str())) {
        p.check.fail(
            "platform",
            format!("{bad:?} is not one of {}", PLATFORMS.join(", ")),
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
    let (page, per_page) = p.paging();
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
        offset: (page - 1).saturating_mul(per_page) as usize,
        limit: per_page as usize,
    };
    p.finish()?;
    let results = state.search.hosts(query).await?;
    let ids = ids(&results);
    let conn = state.db.conn();
    let rows = profiles::hosts_by_ids(conn, &ids).await?;
    let owners = accounts::by_ids(conn, &ids).await?;
    let hits = results
        .hits
        .iter()
        .filter_map(|h| {
            let id: Uuid = h.id.parse().ok()?;
            let row = rows.iter().find(|r| r.id == id)?;
            // The index may lag a moment behind a suspension: the database has the word.
            let owner = owners
                .iter()
                .find(|a| a.id == id)
                .filter(|a| host_visible(Some(a)))?;
            Some(HostHit {
                host: HostProfileView::new(row, owner),
                score: h.score,
            })
        })
        .collect();
    Ok(Json(SearchPage {
        hits,
        total: results.total as u64,
        page,
        per_page,
        facets: facets(&results),
    }))
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
    require_approved(&me, &[Role::Supplier, Role::Host])?;
    let mut p = Params::new(
        &uri,
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
    let (page, per_page) = p.paging();
    let query = ProductQuery {
        text: p.text(),
        categories: p.categories(),
        markets: p.markets(),
        supplier_ids,
        min_commission_pct: p.float("min_commission_pct"),
        max_price_cents: p.number("max_price_cents"),
        free_samples,
        sort,
        offset: (page - 1).saturating_mul(per_page) as usize,
        limit: per_page as usize,
    };
    p.finish()?;
    let results = state.search.products(query).await?;
    let conn = state.db.conn();
    let rows: HashMap<Uuid, ProductRow> = products::by_ids(conn, &ids(&results))
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let supplier_ids: Vec<Uuid> = rows.values().map(|r| r.supplier_id).collect();
    let suppliers: HashMap<Uuid, AccountRow> = accounts::by_ids(conn, &supplier_ids)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let hits = results
        .hits
        .iter()
        .filter_map(|h| {
            // The index may lag a moment behind an archive or a suspension.
            let row = rows
                .get(&h.id.parse().ok()?)
                .filter(|r| product_visible(r, suppliers.get(&r.supplier_id)))?;
            Some(ProductHit {
                product: ProductView::from(row),
                score: h.score,
            })
        })
        .collect();
    Ok(Json(SearchPage {
        hits,
        total: results.total as u64,
        page,
        per_page,
        facets: facets(&results),
    }))
}
