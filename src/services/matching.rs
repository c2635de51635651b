//! Matching: who may see which ranking, and what the index is asked. A product's hosts are
//! its supplier's (and admins'); a host's recommended products are the host's own.

use sea_orm::DbErr;
use search_index::{HostsForProduct, MatchHit, MatchResults, ProductsForHost, Weights};
use uuid::Uuid;

use crate::{
    db::{
        Db,
        products::{self, ProductRow},
        profiles::{self, HostRow},
    },
    domain::{Actor, Refusal, Refuses},
    policy::{self, Denied},
    reference::speakers,
    search::{
        Search, SearchError,
        documents::{host_doc, product_doc},
    },
    services::hits::{self, VisibleHost},
};

#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such product")]
    NotFound,
    #[error("Recommendations need your host profile: save it first.")]
    NoProfile,
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error("reading what to match")]
    Db(#[from] DbErr),
}

impl Refuses for MatchError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::NoProfile => Some(Refusal::Conflict(self.to_string())),
            Self::Search(_) | Self::Db(_) => None,
        }
    }
}

type Result<T, E = MatchError> = std::result::Result<T, E>;

/// A page of a ranking, with the weights that made it.
#[derive(Debug, Clone, Copy)]
pub struct Ranking {
    pub weights: Weights,
    pub offset: usize,
    pub limit: usize,
}

/// A page of a ranking: the hits still visible, in order, each with its row.
#[derive(Debug)]
pub struct Matched<T> {
    pub hits: Vec<(MatchHit, T)>,
    /// Every candidate, not just this page.
    pub total: u64,
    /// The weights and the page the ranking was made with.
    pub ranking: Ranking,
}

/// Hosts ranked for product `id`, with the product. `ranking` (the weights and the page,
/// from the caller's query) is read once the caller may see the product, so its refusals
/// come after 403 and 404.
#[tracing::instrument(name = "matching.hosts_for_product", skip_all, fields(product.id = %id))]
pub async fn hosts_for_product<E: From<MatchError>>(
    db: &Db,
    search: &Search,
    me: &Actor,
    id: Uuid,
    ranking: impl FnOnce() -> Result<Ranking, E>,
) -> Result<(ProductRow, Matched<VisibleHost>), E> {
    policy::may_rank_hosts(me).map_err(MatchError::from)?;
    let product = products::find(db.conn(), id)
        .await
        .map_err(MatchError::from)?
        .filter(|p| policy::can_rank_hosts_for(me, p.supplier_id))
        .ok_or(MatchError::NotFound)?;
    policy::may_open_matches(me).map_err(MatchError::from)?;
    let r = ranking()?;
    Ok(rank_hosts(db, search, product, r).await?)
}

async fn rank_hosts(
    db: &Db,
    search: &Search,
    product: ProductRow,
    r: Ranking,
) -> Result<(ProductRow, Matched<VisibleHost>)> {
    let query = hosts_query(&product, r);
    let MatchResults { hits, total } = search.match_hosts(query).await?;
    let hits = hits::hosts(db, hits, |h| &h.id).await?;
    let total = total as u64;
    Ok((
        product,
        Matched {
            hits,
            total,
            ranking: r,
        },
    ))
}

/// Products ranked for the signed-in host, with the host's profile; `ranking` is read
/// after the policy check, as in [`hosts_for_product`].
#[tracing::instrument(name = "matching.products_for_host", skip_all)]
pub async fn products_for_host<E: From<MatchError>>(
    db: &Db,
    search: &Search,
    me: &Actor,
    ranking: impl FnOnce() -> Result<Ranking, E>,
) -> Result<(HostRow, Matched<ProductRow>), E> {
    policy::may_get_recommendations(me).map_err(MatchError::from)?;
    let r = ranking()?;
    Ok(recommend(db, search, me, r).await?)
}

async fn recommend(
    db: &Db,
    search: &Search,
    me: &Actor,
    r: Ranking,
) -> Result<(HostRow, Matched<ProductRow>)> {
    let Some(profile) = profiles::find_host(db.conn(), me.id).await? else {
        return Err(MatchError::NoProfile);
    };
    let query = products_query(&profile, r);
    let MatchResults { hits, total } = search.recommend_products(query).await?;
    let hits = hits::products(db, hits, |h| &h.id).await?;
    let total = total as u64;
    Ok((
        profile,
        Matched {
            hits,
            total,
            ranking: r,
        },
    ))
}

/// What the index is asked to rank hosts for `product`.
pub fn hosts_query(product: &ProductRow, r: Ranking) -> HostsForProduct {
    let doc = product_doc(product);
    HostsForProduct {
        speakers: speakers::in_markets(&doc.markets),
        markets: doc.markets,
        category_lineage: doc.category_lineage,
        commission_pct: doc.commission_pct,
        restrictions: doc.restrictions,
        weights: r.weights,
        offset: r.offset,
        limit: r.limit,
    }
}

/// What the index is asked to rank products for the host with `profile`.
pub fn products_query(profile: &HostRow, r: Ranking) -> ProductsForHost {
    let doc = host_doc(profile);
    ProductsForHost {
        speakers: speakers::of_languages(&doc.languages),
        languages: doc.languages,
        conversational: doc.conversational,
        markets: doc.markets,
        category_lineage: doc.category_lineage,
        followers: doc.followers,
        rating: doc.rating,
        collaborations: doc.collaborations,
        min_commission_pct: doc.min_commission_pct,
        weights: r.weights,
        offset: r.offset,
        limit: r.limit,
    }
}
