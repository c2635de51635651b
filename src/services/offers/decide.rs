//! Whether an offer or a version of it can stand, decided once for sending, for a preview
//! and for each counter: the host must be approved, the products the supplier's own active
//! ones, and none of them prohibited in every market the host serves; the findings that
//! hold in the host's markets are the warnings the version carries.

use sea_orm::ConnectionTrait;

use super::{OfferError, Result, invalid};
use crate::{
    db::{
        Db,
        accounts::{self, AccountRow},
        products::{self, ProductRow},
        profiles,
    },
    domain::{
        AccountStatus, Actor, Locale, Role,
        fields::FieldError,
        findings::{Level, ProductFinding, banned_in_all},
        offer::OfferDraft,
        product::ProductStatus,
    },
    policy,
};

/// A draft that can be sent: the host it goes to and the warnings it would carry.
pub(super) struct Decision {
    pub host: AccountRow,
    pub warnings: Vec<ProductFinding>,
}

/// Every refusal sending `draft` as `me` would meet before anything is stored (403, then
/// 422); otherwise the decision.
pub(super) async fn decide(
    db: &impl ConnectionTrait,
    me: &Actor,
    draft: &OfferDraft,
) -> Result<Decision> {
    policy::may_send_offers(me)?;
    terms_stand(db, me.id, draft.host_id, &draft.product_ids, me.locale).await
}

/// Whether terms naming `product_ids` can stand between `supplier_id` and `host_id`,
/// refused in `reader`'s language: 422 unless the host is approved and the products are
/// the supplier's active ones, none prohibited in every market the host serves.
pub(super) async fn terms_stand(
    db: &impl ConnectionTrait,
    supplier_id: uuid::Uuid,
    host_id: uuid::Uuid,
    product_ids: &[uuid::Uuid],
    reader: Locale,
) -> Result<Decision> {
    let host = accounts::find(db, host_id).await?;
    let host = host
        .filter(|h| h.role == Role::Host && h.status == AccountStatus::Approved)
        .ok_or_else(|| invalid("host_id", "is not an approved host"))?;
    let items = products::by_ids(db, product_ids).await?;
    let all_theirs = product_ids.iter().all(|id| {
        items.iter().any(|p| {
            p.id == *id && p.supplier_id == supplier_id && p.status == ProductStatus::Active
        })
    });
    if !all_theirs {
        return Err(invalid(
            "product_ids",
            "must all be active products of the offer's supplier",
        ));
    }
    let warnings = screen(db, &host, &items, reader).await?;
    Ok(Decision { host, warnings })
}

/// What sending `draft` would meet, with nothing stored and nobody emailed: the warnings
/// the offer would carry, or the refusal sending would get.
#[tracing::instrument(name = "offers.preview", skip_all, fields(host.id = %draft.host_id))]
pub async fn preview(db: &Db, me: &Actor, draft: &OfferDraft) -> Result<Vec<ProductFinding>> {
    Ok(decide(db.conn(), me, draft).await?.warnings)
}

/// The offer's products against the host's markets: refused (422, with the reasons in
/// the sender's language) when one is prohibited in every market the host serves;
/// otherwise the findings that hold in those markets, for the offer to carry.
async fn screen(
    db: &impl ConnectionTrait,
    host: &AccountRow,
    items: &[ProductRow],
    reader: Locale,
) -> Result<Vec<ProductFinding>> {
    let markets: Vec<String> = profiles::find_host(db, host.id)
        .await?
        .map(|p| p.markets.0.clone())
        .unwrap_or_default();
    let mut refused = Vec::new();
    let mut why_refused = Vec::new();
    let mut warnings = Vec::new();
    for p in items {
        let findings = p.compliance.0.clone();
        if banned_in_all(&findings, &markets) {
            let bans: Vec<_> = findings
                .iter()
                .filter(|f| f.level == Level::Prohibited && f.reaches(&markets))
                .collect();
            why_refused.extend(bans.iter().map(|f| ProductFinding {
                product_id: p.id,
                title: p.title.clone(),
                finding: f.within(&markets),
            }));
            let why: Vec<String> = bans
                .iter()
                .map(|f| {
                    let reason = f.reason_in(reader);
                    format!("{} ({}): {reason}", f.market, f.level.as_str())
                })
                .collect();
            refused.push(FieldError::new(
                "product_ids",
                format!(
                    "{} ({:?}) is prohibited in every market this host serves: {}",
                    p.id,
                    p.title,
                    why.join("; ")
                ),
            ));
        }
        warnings.extend(
            findings
                .iter()
                .filter(|f| f.reaches(&markets))
                .map(|f| ProductFinding {
                    product_id: p.id,
                    title: p.title.clone(),
                    finding: f.within(&markets),
                }),
        );
    }
    if refused.is_empty() {
        Ok(warnings)
    } else {
        Err(OfferError::Banned {
            errors: refused,
            bans: why_refused,
        })
    }
}
