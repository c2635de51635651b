//! What a page needs to name an offer's parties and products: each party by the name
//! others know it by (a supplier's company, a host's profile name) and each product by its
//! title, for a list of offers in four queries.

use std::collections::HashMap;

use uuid::Uuid;

use super::{Offer, Result};
use crate::db::{Db, accounts, products, profiles};

/// Names by account id and product titles (with the Chinese title) by product id.
#[derive(Debug, Default)]
pub struct Described {
    pub names: HashMap<Uuid, String>,
    pub products: HashMap<Uuid, (String, String)>,
}

impl Described {
    pub fn name(&self, id: Uuid) -> String {
        self.names.get(&id).cloned().unwrap_or_default()
    }
}

/// The names behind `offers`.
#[tracing::instrument(name = "offers.describe", skip_all)]
pub async fn describe(db: &Db, offers: &[Offer]) -> Result<Described> {
    let people: Vec<Uuid> = offers
        .iter()
        .flat_map(|o| [o.row.supplier_id, o.row.host_id])
        .collect();
    let ids: Vec<Uuid> = offers.iter().flat_map(|o| o.product_ids.clone()).collect();
    names(db, people, ids).await
}

/// The names of `people` and the titles of `products` (collaborations and reviews name
/// theirs as offers do).
pub async fn names(db: &Db, mut people: Vec<Uuid>, mut ids: Vec<Uuid>) -> Result<Described> {
    let conn = db.conn();
    people.sort();
    people.dedup();
    ids.sort();
    ids.dedup();
    let mut names: HashMap<Uuid, String> = accounts::by_ids(conn, &people)
        .await?
        .into_iter()
        .map(|a| (a.id, a.display_name))
        .collect();
    // A closed account's profile keeps no name: it is named as its account is then.
    for s in profiles::suppliers_by_ids(conn, &people).await? {
        if !s.company_name.trim().is_empty() {
            names.insert(s.id, s.company_name);
        }
    }
    for h in profiles::hosts_by_ids(conn, &people).await? {
        if !h.display_name.trim().is_empty() {
            names.insert(h.id, h.display_name);
        }
    }
    let products = products::by_ids(conn, &ids)
        .await?
        .into_iter()
        .map(|p| (p.id, (p.title, p.title_zh)))
        .collect();
    Ok(Described { names, products })
}
