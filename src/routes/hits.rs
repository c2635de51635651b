//! From index hits to the rows a page shows: one query per table, and only what is still
//! visible, because the index may lag a moment behind a suspension or an archive and the
//! database has the word.

use std::collections::HashMap;

use uuid::Uuid;

use crate::{
    db::{Db, accounts, products, profiles},
    domain::Locale,
    error::AppResult,
    routes::{products::ProductView, profiles::HostProfileView},
    search::documents::{host_visible, product_visible},
};

/// The ids of index hits (anything that is not a UUID is skipped).
fn uuids<H>(hits: &[H], id: impl Fn(&H) -> &str) -> Vec<Uuid> {
    hits.iter().filter_map(|h| id(h).parse().ok()).collect()
}

/// The hits in the index's order, each with its row; a hit without a visible row is dropped.
fn in_order<H, V>(
    hits: &[H],
    id: impl Fn(&H) -> &str,
    mut found: HashMap<Uuid, V>,
) -> Vec<(&H, V)> {
    hits.iter()
        .filter_map(|h| Some((h, found.remove(&id(h).parse().ok()?)?)))
        .collect()
}

/// The hits that are visible hosts, in order, with their profiles.
pub async fn hosts<'h, H>(
    db: &Db,
    hits: &'h [H],
    id: impl Fn(&H) -> &str,
) -> AppResult<Vec<(&'h H, HostProfileView)>> {
    let found = visible_hosts(db, &uuids(hits, &id)).await?;
    Ok(in_order(hits, id, found))
}

/// The hits that are visible products, in order, with their rows.
pub async fn products<'h, H>(
    db: &Db,
    hits: &'h [H],
    id: impl Fn(&H) -> &str,
    reader: Locale,
) -> AppResult<Vec<(&'h H, ProductView)>> {
    let found = visible_products(db, &uuids(hits, &id), reader).await?;
    Ok(in_order(hits, id, found))
}

async fn visible_hosts(db: &Db, ids: &[Uuid]) -> AppResult<HashMap<Uuid, HostProfileView>> {
    let conn = db.conn();
    // Two connections at once: the page waits for one round trip, not two.
    let (rows, owners) = tokio::try_join!(
        profiles::hosts_by_ids(conn, ids),
        accounts::by_ids(conn, ids)
    )?;
    let owners: HashMap<Uuid, _> = owners
        .into_iter()
        .filter(|a| host_visible(Some(a)))
        .map(|a| (a.id, a))
        .collect();
    Ok(rows
        .iter()
        .filter_map(|r| Some((r.id, HostProfileView::new(r, owners.get(&r.id)?))))
        .collect())
}

async fn visible_products(
    db: &Db,
    ids: &[Uuid],
    reader: Locale,
) -> AppResult<HashMap<Uuid, ProductView>> {
    let conn = db.conn();
    let (rows, suppliers) = tokio::try_join!(
        products::by_ids(conn, ids),
        accounts::suppliers_of(conn, ids)
    )?;
    let suppliers: HashMap<Uuid, _> = suppliers.into_iter().map(|a| (a.id, a)).collect();
    Ok(rows
        .iter()
        .filter(|r| product_visible(r, suppliers.get(&r.supplier_id)))
        .map(|r| (r.id, ProductView::new(r, reader)))
        .collect())
}
