//! Matching: who may see which ranking, and what the index is asked. A product's hosts are
//! its supplier's (and admins'); a host's recommended products are the host's own.

use search_index::{HostsForProduct, MatchResults, ProductsForHost, Weights};
use uuid::Uuid;

use crate::{
    db::{
        products::{self, ProductRow},
        profiles::{self, HostRow},
    },
    domain::{AccountStatus, Role},
    error::{AppError, AppResult},
    extract::CurrentAccount,
    reference::speakers,
    search::documents::{host_doc, product_doc},
    state::AppState,
};

/// A page of a ranking, with the weights that made it.
#[derive(Debug, Clone, Copy)]
pub struct Ranking {
    pub weights: Weights,
    pub offset: usize,
    pub limit: usize,
}

/// Hosts ranked for product `id`, with the product.
pub async fn hosts_for_product(
    state: &AppState,
    me: &CurrentAccount,
    id: Uuid,
    r: Ranking,
) -> AppResult<(ProductRow, MatchResults)> {
    if !matches!(me.role, Role::Supplier | Role::Admin) {
        return Err(AppError::Forbidden(
            "A product's matches are for the supplier who lists it.".into(),
        ));
    }
    let product = products::find(state.db.conn(), id)
        .await?
        .filter(|p| me.role == Role::Admin || p.supplier_id == me.id())
        .ok_or(AppError::NotFound)?;
    if me.role == Role::Supplier && me.status != AccountStatus::Approved {
        return Err(AppError::Forbidden(
            "Matches open once an admin has approved your account.".into(),
        ));
    }
    let query = hosts_query(&product, r);
    Ok((product, state.search.match_hosts(query).await?))
}

/// Products ranked for the signed-in host, with the host's profile.
pub async fn products_for_host(
    state: &AppState,
    me: &CurrentAccount,
    r: Ranking,
) -> AppResult<(HostRow, MatchResults)> {
    if me.role != Role::Host || me.status != AccountStatus::Approved {
        return Err(AppError::Forbidden(
            "Recommendations are for approved hosts.".into(),
        ));
    }
    let Some(profile) = profiles::find_host(state.db.conn(), me.id()).await? else {
        return Err(AppError::Conflict(
            "Recommendations need your host profile: save it first.".into(),
        ));
    };
    let query = products_query(&profile, r);
    Ok((profile, state.search.recommend_products(query).await?))
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
