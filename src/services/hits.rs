//! From index hits to the rows a page shows: one query per table, and only what is still
//! visible, because the index may lag a moment behind a suspension or an archive and the
//! database has the word.

use std::collections::HashMap;

use sea_orm::DbErr;
use uuid::Uuid;

use crate::{
    db::{
        Db,
        accounts::{self, AccountRow},
        products::{self, ProductRow},
        profiles::{self, HostRow},
    },
    search::documents::{host_visible, product_visible},
};

/// A host search may show: the profile, and the approved account it belongs to.
#[derive(Debug, Clone)]
pub struct VisibleHost {
    pub profile: HostRow,
    pub account: AccountRow,
}

/// The ids of index hits (anything that is not a UUID is skipped).
fn uuids<H>(hits: &[H], id: impl Fn(&H) -> &str) -> Vec<Uuid> {
    hits.iter().filter_map(|h| id(h).parse().ok()).collect()
}

/// The hits in the index's order, each with its row; a hit without a visible row is dropped.
fn in_order<H, V>(
    hits: Vec<H>,
    id: impl Fn(&H) -> &str,
    mut found: HashMap<Uuid, V>,
) -> Vec<(H, V)> {
    hits.into_iter()
        .filter_map(|h| {
            let row = found.remove(&id(&h).parse().ok()?)?;
            Some((h, row))
        })
        .collect()
}

/// The hits that are visible hosts, in order, with their profiles and accounts.
pub async fn hosts<H>(
    db: &Db,
    hits: Vec<H>,
    id: impl Fn(&H) -> &str,
) -> Result<Vec<(H, VisibleHost)>, DbErr> {
    let found = visible_hosts(db, &uuids(&hits, &id)).await?;
    Ok(in_order(hits, id, found))
}

/// The hits that are visible products, in order, with their rows.
pub async fn products<H>(
    db: &Db,
    hits: Vec<H>,
    id: impl Fn(&H) -> &str,
) -> Result<Vec<(H, ProductRow)>, DbErr> {
    let found = visible_products(db, &uuids(&hits, &id)).await?;
    Ok(in_order(hits, id, found))
}

async fn visible_hosts(db: &Db, ids: &[Uuid]) -> Result<HashMap<Uuid, VisibleHost>, DbErr> {
    let conn = db.conn();
    // Two connections at once: the page waits for one round trip, not two.
    let (rows, owners) = tokio::try_join!(
        profiles::hosts_by_ids(conn, ids),
        accounts::by_ids(conn, ids)
    )?;
    let mut owners: HashMap<Uuid, AccountRow> = owners
        .into_iter()
        .filter(|a| host_visible(Some(a)))
        .map(|a| (a.id, a))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|profile| {
            let account = owners.remove(&profile.id)?;
            Some((profile.id, VisibleHost { profile, account }))
        })
        .collect())
}

async fn visible_products(db: &Db, ids: &[Uuid]) -> Result<HashMap<Uuid, ProductRow>, DbErr> {
    let conn = db.conn();
    let (rows, suppliers) = tokio::try_join!(
        products::by_ids(conn, ids),
        accounts::suppliers_of(conn, ids)
    )?;
    let suppliers: HashMap<Uuid, _> = suppliers.into_iter().map(|a| (a.id, a)).collect();
    Ok(rows
        .into_iter()
        .filter(|r| product_visible(r, suppliers.get(&r.supplier_id)))
        .map(|r| (r.id, r))
        .collect())
}
