//! The outreach limits on a new offer, beyond the sender's daily limit (API.md): a host
//! that blocked the supplier takes nothing from it; after a decline the supplier waits 7
//! days before offering that host any of the same products again; and a host receives
//! at most 5 offers a day from suppliers it has never worked with.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{OfferError, Result};
use crate::{db::outreach, policy::Denied};

/// Days a supplier waits after a host declined one of its products.
pub const WAIT_AFTER_DECLINE_DAYS: i64 = 7;
/// Offers a day a host receives from suppliers it has never worked with.
pub const FIRST_CONTACTS_PER_DAY: usize = 5;

/// 403 when the host has blocked the supplier.
pub(super) async fn not_blocked(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    host_id: Uuid,
) -> Result<()> {
    if outreach::is_blocked(db, host_id, supplier_id).await? {
        return Err(Denied("This host does not take offers or messages from you.").into());
    }
    Ok(())
}

/// The waits, checked in the transaction that already holds the new offer (so it counts
/// itself) and the host's row lock (so two suppliers cannot both take the fifth place).
pub(super) async fn within_outreach(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    host_id: Uuid,
    product_ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<()> {
    after_decline(db, supplier_id, host_id, product_ids, now).await?;
    if outreach::have_worked_together(db, supplier_id, host_id).await? {
        return Ok(());
    }
    let day = Duration::days(1);
    let contacts = outreach::first_contacts_since(db, host_id, now - day).await?;
    if contacts.len() > FIRST_CONTACTS_PER_DAY {
        // Room opens when the offer that would be sixth-newest leaves the window.
        let frees = contacts[contacts.len() - FIRST_CONTACTS_PER_DAY - 1] + day;
        return Err(OfferError::Waiting {
            retry_after_secs: secs_until(frees, now),
            reason: "This host has received the most offers a day it takes from suppliers \
                     it has not worked with.",
        });
    }
    Ok(())
}

/// 429 while any of `product_ids` is within 7 days of the host declining it from the
/// supplier.
pub(super) async fn after_decline(
    db: &impl ConnectionTrait,
    supplier_id: Uuid,
    host_id: Uuid,
    product_ids: &[Uuid],
    now: DateTime<Utc>,
) -> Result<()> {
    let wait = Duration::days(WAIT_AFTER_DECLINE_DAYS);
    if let Some(at) =
        outreach::last_decline(db, supplier_id, host_id, product_ids, now - wait).await?
    {
        return Err(OfferError::Waiting {
            retry_after_secs: secs_until(at + wait, now),
            reason: "This host declined one of these products from you; you may offer it to \
                     them again 7 days after the decline.",
        });
    }
    Ok(())
}

fn secs_until(at: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    u64::try_from((at - now).num_seconds()).unwrap_or(0).max(1)
}
