//! The query strings of the two searches, read into what the index is asked: repeated
//! parameters are any of their values, every problem is named in one 422.

use search_index::{HostQuery, HostSort, ProductQuery, ProductSort};
use uuid::Uuid;

use super::params::{Edge, Params};
use crate::{domain::fields::FieldError, reference, services::search::Asked};

/// The parameters of a host search, as the API and the page name them.
pub const HOST_PARAMS: &[&str] = &[
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
];

/// The parameters of a product search.
pub const PRODUCT_PARAMS: &[&str] = &[
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
];

/// The sorts of a host search, as the query string names them.
pub const HOST_SORTS: &[&str] = &["relevance", "followers", "rating", "newest"];
/// The sorts of a product search.
pub const PRODUCT_SORTS: &[&str] = &["relevance", "commission", "price", "newest"];

/// A host search as its query string (`query`, without `?`) asks it.
pub fn hosts(query: &str, edge: Edge) -> Result<Asked<HostQuery>, Vec<FieldError>> {
    let mut p = Params::new(query, HOST_PARAMS, edge);
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

/// A product search as its query string asks it.
pub fn products(query: &str, edge: Edge) -> Result<Asked<ProductQuery>, Vec<FieldError>> {
    let mut p = Params::new(query, PRODUCT_PARAMS, edge);
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
