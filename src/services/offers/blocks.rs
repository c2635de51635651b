//! A host blocks a supplier: the supplier's open offers to that host are withdrawn (nobody
//! is emailed: the supplier is not told it was blocked until it tries again), and its new
//! offers and messages to the host are refused (403). Lifting the block lets them in again.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{OfferError, Result, invalid};
use crate::{
    db::{Db, accounts, offers, outreach, profiles},
    domain::{Actor, Role, offer::OfferStatus},
    policy,
};

/// A supplier the host has blocked.
#[derive(Debug, Clone)]
pub struct Block {
    pub supplier_id: Uuid,
    pub supplier_name: String,
    pub created_at: DateTime<Utc>,
}

/// Blocks `supplier_id` for the host `me` and withdraws its open offers to `me`, in one
/// transaction; blocking again changes nothing.
#[tracing::instrument(name = "offers.block", skip_all, fields(supplier.id = %supplier_id))]
pub async fn block(db: &Db, me: &Actor, supplier_id: Uuid) -> Result<Block> {
    policy::may_block(me)?;
    let txn = db.begin_write().await?;
    // The host's row, locked as a new offer locks it, so an offer racing the block is
    // either seen and withdrawn here or refused there.
    accounts::find_for_update(&txn, me.id).await?;
    let supplier = accounts::find(&txn, supplier_id)
        .await?
        .filter(|a| a.role == Role::Supplier)
        .ok_or_else(|| invalid("supplier_id", "is not a supplier"))?;
    outreach::block(&txn, me.id, supplier_id).await?;
    let now = Utc::now();
    let open = offers::of_party(&txn, me.id)
        .await?
        .into_iter()
        .filter(|o| {
            o.supplier_id == supplier_id && o.status.as_seen(o.expires_at, now) == OfferStatus::Sent
        });
    for o in open {
        offers::transition(&txn, o.id, OfferStatus::Withdrawn, None, None, now).await?;
    }
    let row = outreach::blocks_of(&txn, me.id)
        .await?
        .into_iter()
        .find(|b| b.supplier_id == supplier_id)
        .ok_or(OfferError::NotFound)?;
    let supplier_name = profiles::name_of(&txn, &supplier).await?;
    txn.commit().await?;
    Ok(Block {
        supplier_id,
        supplier_name,
        created_at: row.created_at,
    })
}

/// Lifts the host's block of `supplier_id`; 404 when there was none.
#[tracing::instrument(name = "offers.unblock", skip_all, fields(supplier.id = %supplier_id))]
pub async fn unblock(db: &Db, me: &Actor, supplier_id: Uuid) -> Result<()> {
    policy::may_block(me)?;
    let txn = db.begin_write().await?;
    if !outreach::unblock(&txn, me.id, supplier_id).await? {
        return Err(OfferError::NotFound);
    }
    txn.commit().await?;
    Ok(())
}

/// The suppliers the host has blocked, newest first.
#[tracing::instrument(name = "offers.blocks", skip_all)]
pub async fn blocks(db: &Db, me: &Actor) -> Result<Vec<Block>> {
    policy::may_block(me)?;
    let mut out = Vec::new();
    for b in outreach::blocks_of(db.conn(), me.id).await? {
        let name = match accounts::find(db.conn(), b.supplier_id).await? {
            Some(a) => profiles::name_of(db.conn(), &a).await?,
            None => String::new(),
        };
        out.push(Block {
            supplier_id: b.supplier_id,
            supplier_name: name,
            created_at: b.created_at,
        });
    }
    Ok(out)
}
