//! What closing an account does to its open offers: a supplier's are withdrawn and a
//! host's are declined, each with the email the other party gets for that move, inside
//! the closing transaction.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use super::{OfferError, Result, offer_mail, parties};
use crate::{
    db::{accounts::AccountRow, offers},
    domain::{Locale, offer::OfferStatus},
    services::notify::{self, Links, Notification, OfferMail},
};

/// Ends every open offer `closing` sent or received, telling the other party. Offers past
/// their time are left to the offer clock, which expires them and emails the other party
/// (no email goes to a closed account). Returns how many it ended.
pub(crate) async fn end_for_closing(
    txn: &impl ConnectionTrait,
    links: &Links,
    closing: &AccountRow,
    now: DateTime<Utc>,
) -> Result<usize> {
    let open = offers::of_party(txn, closing.id)
        .await?
        .into_iter()
        .filter(|o| o.status == OfferStatus::Sent && o.expires_at > now);
    let mut ended = 0;
    for offer in open {
        let (supplier, host) = parties(txn, &offer).await?;
        let by_supplier = offer.supplier_id == closing.id;
        let (to, status) = if by_supplier {
            (&host, OfferStatus::Withdrawn)
        } else {
            (&supplier, OfferStatus::Declined)
        };
        // A host's decline carries its reason to the supplier, in the supplier's language.
        let reason = (!by_supplier).then(|| host_closed(to.locale).to_owned());
        if !offers::transition(txn, offer.id, status, reason.as_deref(), None, now).await? {
            continue;
        }
        let moved = offers::find(txn, offer.id)
            .await?
            .ok_or(OfferError::NotFound)?;
        let mail = OfferMail {
            reason,
            ..offer_mail(txn, &moved, &supplier, &host).await?
        };
        let mail = if by_supplier {
            Notification::OfferWithdrawn(mail)
        } else {
            Notification::OfferDeclined(mail)
        };
        notify::queue(txn, links, to, &format!("{}:{}", moved.id, to.id), mail).await?;
        ended += 1;
    }
    Ok(ended)
}

fn host_closed(reader: Locale) -> &'static str {
    match reader {
        Locale::En => "The host closed their hostmatch account.",
        Locale::ZhCn => "该主播已注销 hostmatch 账户。",
    }
}
