//! What the emails about an offer show: its parties' names, its products' titles and
//! its latest version's terms.

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{OfferError, Result};
use crate::{
    db::{
        accounts::{self, AccountRow},
        offers::{self, OfferRow},
        products, profiles,
    },
    domain::offer::Party,
    services::notify::OfferMail,
};

/// What the emails about `offer` show, with no reason yet, told as by the party that made
/// its latest version.
pub(super) async fn offer_mail(
    db: &impl ConnectionTrait,
    offer: &OfferRow,
    supplier: &AccountRow,
    host: &AccountRow,
) -> Result<OfferMail> {
    let supplier_name = profiles::name_of(db, supplier).await?;
    let by_name = match offer.latest_by {
        Party::Supplier => supplier_name.clone(),
        Party::Host => host.display_name.clone(),
    };
    Ok(OfferMail {
        offer_id: offer.id,
        version: offer.version,
        by_name,
        live_at: offer.live_at,
        supplier_name,
        host_name: host.display_name.clone(),
        products: titles(db, offer).await?,
        commission_pct: offer.commission_pct,
        fee_cents: offer.fee_cents,
        free_samples: offer.free_samples,
        expires_at: offer.expires_at,
        message: offer.message.clone(),
        reason: None,
        warnings: offer.warnings.0.clone(),
    })
}

pub(super) async fn parties(
    db: &impl ConnectionTrait,
    o: &OfferRow,
) -> Result<(AccountRow, AccountRow)> {
    let supplier = accounts::find(db, o.supplier_id)
        .await?
        .ok_or(OfferError::NotFound)?;
    let host = accounts::find(db, o.host_id)
        .await?
        .ok_or(OfferError::NotFound)?;
    Ok((supplier, host))
}

pub(super) async fn titles(db: &impl ConnectionTrait, o: &OfferRow) -> Result<Vec<String>> {
    let ids: Vec<Uuid> = offers::product_ids(db, &[o.id])
        .await?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    Ok(products::by_ids(db, &ids)
        .await?
        .into_iter()
        .map(|p| p.title)
        .collect())
}
