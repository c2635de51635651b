//! From index hits to the rows a page shows: one query per table, and only what is still
//! visible, because the index may lag a moment behind a suspension or an archive and the
//! database has the word.

use std::collections::HashMap;

use uuid::Uuid;

use crate::{
    db::{Db, accounts, products, profiles},
    error::AppResult,
    routes::{products::ProductView, profiles::HostProfileView},
    search::documents::{host_visible, product_visible},
};

/// The ids of index hits (anything that is not a UUID is skipped).
pub fn uuids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<Uuid> {
    ids.into_iter().filter_map(|id| id.parse().ok()).collect()
}

/// The visible hosts among `ids`, by id.
pub async fn hosts(db: &Db, ids: &[Uuid]) -> AppResult<HashMap<Uuid, HostProfileView>> {
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

/// The visible products among `ids`, by id.
pub async fn products(db: &Db, ids: &[Uuid]) -> AppResult<HashMap<Uuid, ProductView>> {
    let conn = db.conn();
    let (rows, suppliers) = tokio::try_join!(
        products::by_ids(conn, ids),
        accounts::suppliers_of(conn, ids)
    )?;
    let suppliers: HashMap<Uuid, _> = suppliers.into_iter().map(|a| (a.id, a)).collect();
    Ok(rows
        .iter()
        .filter(|r| product_visible(r, suppliers.get(&r.supplier_id)))
        .map(|r| (r.id, ProductView::from(r)))
        .collect())
}
