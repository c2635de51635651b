//! Host and product search: who may search for what, the index asked off the async threads, and
//! its hits turned into the rows still visible, in the index's order.

use sea_orm::DbErr;
use search_index::{FacetCount, Hit, HostQuery, ProductQuery, SearchResults};

use crate::{
    db::{Db, products::ProductRow},
    domain::{Actor, PageRequest, Refusal, Refuses},
    policy::{self, Denied},
    search::{self as index, Search},
    services::hits::{self, VisibleHost},
};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error(transparent)]
    Index(#[from] index::SearchError),
    #[error("reading what the index found")]
    Db(#[from] DbErr),
}

impl Refuses for SearchError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::Index(_) | Self::Db(_) => None,
        }
    }
}

/// A search as asked: what to look for, and the page of it to show. The page sets the
/// query's `offset` and `limit`.
#[derive(Debug, Clone)]
pub struct Asked<Q> {
    pub query: Q,
    pub page: PageRequest,
}

/// One page of what a search found.
#[derive(Debug)]
pub struct Found<T> {
    /// The page's hits that are still visible, in the index's order, with their scores.
    pub hits: Vec<(f32, T)>,
    /// Every match, exactly.
    pub total: u64,
    pub page: PageRequest,
    /// Per facet, each value's number of matches over every match, most first.
    pub facets: Vec<(&'static str, Vec<FacetCount>)>,
}

/// Hosts for a supplier (or an admin). `asked` is read once the caller may search, so its
/// refusals come after 403.
#[tracing::instrument(name = "search.hosts", skip_all)]
pub async fn hosts<E: From<SearchError>>(
    db: &Db,
    search: &Search,
    me: &Actor,
    asked: impl FnOnce() -> Result<Asked<HostQuery>, E>,
) -> Result<Found<VisibleHost>, E> {
    policy::may_search_hosts(me).map_err(SearchError::from)?;
    let Asked { mut query, page } = asked()?;
    query.offset = page.offset() as usize;
    query.limit = page.per_page as usize;
    let results = search.hosts(query).await.map_err(SearchError::from)?;
    Ok(found(results, page, async |hits| {
        hits::hosts(db, hits, |h| &h.id).await
    })
    .await?)
}

/// Products for any approved account (or an admin); `asked` is read as in [`hosts`].
#[tracing::instrument(name = "search.products", skip_all)]
pub async fn products<E: From<SearchError>>(
    db: &Db,
    search: &Search,
    me: &Actor,
    asked: impl FnOnce() -> Result<Asked<ProductQuery>, E>,
) -> Result<Found<ProductRow>, E> {
    policy::may_search_products(me).map_err(SearchError::from)?;
    let Asked { mut query, page } = asked()?;
    query.offset = page.offset() as usize;
    query.limit = page.per_page as usize;
    let results = search.products(query).await.map_err(SearchError::from)?;
    Ok(found(results, page, async |hits| {
        hits::products(db, hits, |h| &h.id).await
    })
    .await?)
}

/// The page of `results`, each hit with the visible row `rows` reads for it.
async fn found<T>(
    results: SearchResults,
    page: PageRequest,
    rows: impl AsyncFnOnce(Vec<Hit>) -> Result<Vec<(Hit, T)>, DbErr>,
) -> Result<Found<T>, SearchError> {
    let SearchResults {
        hits,
        total,
        facets,
    } = results;
    let hits = rows(hits).await?;
    Ok(Found {
        hits: hits.into_iter().map(|(h, row)| (h.score, row)).collect(),
        total: total as u64,
        page,
        facets,
    })
}
