//! Queries on offer versions: write the version an offer row now holds, read an offer's
//! versions with their products.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use uuid::Uuid;

use crate::entities::{
    offer::Model as OfferRow,
    offer_version::{self, Entity as OfferVersions},
    offer_version_product::{self, Entity as OfferVersionProducts},
};

pub use offer_version::Model as VersionRow;

/// Records the terms `offer` holds now as its version `offer.version`, naming
/// `product_ids`. A second writer of the same version fails the primary key: the caller
/// maps that to 409.
pub async fn insert(
    db: &impl ConnectionTrait,
    offer: &OfferRow,
    product_ids: &[Uuid],
) -> Result<(), DbErr> {
    offer_version::ActiveModel {
        offer_id: Set(offer.id),
        version: Set(offer.version),
        by_party: Set(offer.latest_by),
        commission_pct: Set(offer.commission_pct),
        fee_cents: Set(offer.fee_cents),
        free_samples: Set(offer.free_samples),
        live_at: Set(offer.live_at),
        message: Set(offer.message.clone()),
        expires_at: Set(offer.expires_at),
        warnings: Set(offer.warnings.clone()),
        created_at: Set(offer.updated_at),
    }
    .insert(db)
    .await?;
    for p in product_ids {
        offer_version_product::ActiveModel {
            offer_id: Set(offer.id),
            version: Set(offer.version),
            product_id: Set(*p),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Every version of the offer, oldest first, each with its products (sorted).
pub async fn of_offer(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
) -> Result<Vec<(VersionRow, Vec<Uuid>)>, DbErr> {
    let versions = OfferVersions::find()
        .filter(offer_version::Column::OfferId.eq(offer_id))
        .order_by_asc(offer_version::Column::Version)
        .all(db)
        .await
        .map_err(super::unreadable("offer_versions", offer_id))?;
    let products = OfferVersionProducts::find()
        .filter(offer_version_product::Column::OfferId.eq(offer_id))
        .order_by_asc(offer_version_product::Column::ProductId)
        .all(db)
        .await?;
    Ok(versions
        .into_iter()
        .map(|v| {
            let ids = products
                .iter()
                .filter(|p| p.version == v.version)
                .map(|p| p.product_id)
                .collect();
            (v, ids)
        })
        .collect())
}

/// One version of the offer with its products.
pub async fn find(
    db: &impl ConnectionTrait,
    offer_id: Uuid,
    version: i32,
) -> Result<Option<(VersionRow, Vec<Uuid>)>, DbErr> {
    let Some(v) = OfferVersions::find_by_id((offer_id, version))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let mut ids: Vec<Uuid> = OfferVersionProducts::find()
        .filter(offer_version_product::Column::OfferId.eq(offer_id))
        .filter(offer_version_product::Column::Version.eq(version))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.product_id)
        .collect();
    ids.sort();
    Ok(Some((v, ids)))
}
