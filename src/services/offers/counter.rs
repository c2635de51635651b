//! Counter-offers: the party that did not make an offer's latest version answers it with
//! new terms, which become the next version, screened like the first and emailed to the
//! other party; and every version, oldest first, for the thread.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{
    CounterRequest, OfferError, Result, decide::terms_stand, input::Latest, limits, offer_mail,
    parties,
};
use crate::{
    db::{
        self, Db,
        offer_versions::{self, VersionRow},
        offers,
    },
    domain::{
        Actor,
        findings::ProductFinding,
        offer::{OfferStatus, Party},
    },
    policy,
    services::notify::{self, Links, Notification},
};

/// One version of an offer's terms, with the products it names.
#[derive(Debug, Clone)]
pub struct Version {
    pub row: VersionRow,
    pub product_ids: Vec<Uuid>,
}

impl Version {
    pub fn by(&self) -> Party {
        self.row.by_party
    }

    pub fn warnings(&self) -> &[ProductFinding] {
        &self.row.warnings.0
    }

    pub fn created_at(&self) -> DateTime<Utc> {
        self.row.created_at
    }
}

/// Answers the latest version of offer `id` with the terms of `req`, as `me`. Refusals
/// come in API.md's order: 404 for a stranger, 403 for an admin, 422 for terms that
/// cannot stand, 409 for the party whose turn it is not or when the offer moved on (closed, countered or
/// answered by a racing request: exactly one of two wins, and the loser writes nothing).
#[tracing::instrument(name = "offers.counter", skip_all, fields(offer.id = %id))]
pub async fn counter<E: From<OfferError> + From<sea_orm::DbErr>>(
    db: &Db,
    links: &Links,
    me: &Actor,
    id: Uuid,
    req: impl FnOnce() -> Result<CounterRequest, E>,
) -> Result<Version, E> {
    let txn = db.begin_write().await?;
    let offer = offers::find(&txn, id).await?;
    let Some(offer) = offer.filter(|o| policy::can_see_offer(me, o.supplier_id, o.host_id)) else {
        return Err(OfferError::NotFound.into());
    };
    // 403 now; a party waiting for its turn hears so (409) after what is wrong with its
    // terms (422), as API.md orders refusals.
    let waiting =
        match policy::may_answer_offer(me, None, offer.latest_by, offer.supplier_id, offer.host_id)
        {
            Ok(()) => None,
            Err(policy::NotNow::Denied(d)) => return Err(OfferError::Denied(d).into()),
            Err(policy::NotNow::OthersTurn(p)) => Some(p),
        };
    let req = req()?;
    let now = Utc::now();
    let (_, latest_products) = offer_versions::find(&txn, id, offer.version)
        .await?
        .ok_or(OfferError::NotFound)?;
    let latest = Latest {
        commission_pct: offer.commission_pct,
        fee_cents: offer.fee_cents,
        free_samples: offer.free_samples,
        product_ids: latest_products,
        live_at: offer.live_at,
    };
    let req_version = req.version;
    let draft = req.draft(&latest, now).map_err(OfferError::Invalid)?;
    let decision = terms_stand(
        &txn,
        offer.supplier_id,
        offer.host_id,
        &draft.product_ids,
        me.locale,
    )
    .await?;
    // A product the supplier adds waits out a host's decline as a new offer would.
    if offer.latest_by.other() == Party::Supplier {
        let added: Vec<Uuid> = draft
            .product_ids
            .iter()
            .filter(|p| !latest.product_ids.contains(p))
            .copied()
            .collect();
        if !added.is_empty() {
            limits::after_decline(&txn, offer.supplier_id, offer.host_id, &added, now).await?;
        }
    }
    let closed = offer.status.as_seen(offer.expires_at, now) != OfferStatus::Sent;
    if closed || req_version.is_some_and(|v| v != offer.version) {
        return Err(OfferError::moved_on(&offer, now).into());
    }
    if let Some(p) = waiting {
        return Err(OfferError::OthersTurn(p).into());
    }
    let by = offer.latest_by.other();
    let countered = match offers::counter(&txn, &offer, by, &draft, &decision.warnings, now).await {
        Ok(Some(row)) => row,
        Ok(None) => {
            let now_row = offers::find(&txn, id).await?.unwrap_or(offer);
            return Err(OfferError::moved_on(&now_row, now).into());
        }
        Err(e) if db::is_unique_violation(&e) => return Err(OfferError::Duplicate.into()),
        Err(e) => return Err(e.into()),
    };
    let (supplier, host) = parties(&txn, &countered).await?;
    let to = match by {
        Party::Supplier => &host,
        Party::Host => &supplier,
    };
    let mail = offer_mail(&txn, &countered, &supplier, &host).await?;
    let key = format!("{}:v{}:{}", countered.id, countered.version, to.id);
    notify::queue(&txn, links, to, &key, Notification::OfferCountered(mail)).await?;
    let (row, product_ids) = offer_versions::find(&txn, id, countered.version)
        .await?
        .ok_or(OfferError::NotFound)?;
    txn.commit().await?;
    Ok(Version { row, product_ids })
}

/// Every version of offer `id`, oldest first, for its parties and admins; 404 otherwise.
#[tracing::instrument(name = "offers.versions", skip_all, fields(offer.id = %id))]
pub async fn versions(db: &Db, viewer: &Actor, id: Uuid) -> Result<Vec<Version>> {
    match offers::find(db.conn(), id).await? {
        Some(o) if policy::can_see_offer(viewer, o.supplier_id, o.host_id) => {
            Ok(offer_versions::of_offer(db.conn(), id)
                .await?
                .into_iter()
                .map(|(row, product_ids)| Version { row, product_ids })
                .collect())
        }
        _ => Err(OfferError::NotFound),
    }
}
