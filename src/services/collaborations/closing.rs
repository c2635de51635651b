//! What closing an account does to its collaborations: each one not yet done (agreed,
//! scheduled, shipped or received) is cancelled with the reason that its party closed
//! its account, audited and emailed to the other party, inside the closing transaction.
//! Completed ones stay as they are: the other party's record of the work, and its review.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};
use serde_json::json;

use super::{StepInput, mail, sets};
use crate::{
    db::{
        accounts::{self, AccountRow},
        audit, collaborations,
    },
    domain::{
        Locale,
        collaboration::{CollabStatus, Step},
        offer::Party,
    },
    services::notify::Links,
};

/// Cancels every unfinished collaboration of `closing`; how many it cancelled.
pub(crate) async fn end_for_closing(
    txn: &impl ConnectionTrait,
    links: &Links,
    closing: &AccountRow,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let mut ended = 0;
    for listed in collaborations::of_party(txn, closing.id).await? {
        // Locked, so a step the other party takes meanwhile waits for the close and then
        // finds it cancelled (409), instead of this update missing a moved row.
        let Some(c) = collaborations::find_for_update(txn, listed.id).await? else {
            continue;
        };
        if !Step::Cancel.from().contains(&c.status) {
            continue;
        }
        let side = if c.supplier_id == closing.id {
            Party::Supplier
        } else {
            Party::Host
        };
        let other_id = match side {
            Party::Supplier => c.host_id,
            Party::Host => c.supplier_id,
        };
        let reader = accounts::find(txn, other_id)
            .await?
            .map_or(Locale::En, |a| a.locale);
        let input = StepInput::Cancel {
            reason: closed_reason(side, reader).to_owned(),
        };
        let to = CollabStatus::Cancelled;
        let moved =
            collaborations::advance(txn, c.id, c.status, to, None, sets(&input, side, now), now)
                .await?;
        if !moved {
            continue; // not while the row is locked; a write transaction holds it
        }
        audit::record(
            txn,
            audit::AuditEntry {
                actor_id: Some(closing.id),
                action: "collaboration.cancel",
                target_type: "collaboration",
                target_id: Some(c.id),
                reason: Some("account closed"),
                details: json!({"by": side, "from": c.status, "to": to, "account_closed": true}),
            },
        )
        .await?;
        if let Some(after) = collaborations::find(txn, c.id).await? {
            mail::tell_other(txn, links, &after, Step::Cancel, side).await?;
        }
        ended += 1;
    }
    Ok(ended)
}

/// Why the collaboration ended, in the other party's language.
fn closed_reason(side: Party, reader: Locale) -> &'static str {
    match (side, reader) {
        (Party::Supplier, Locale::En) => "The supplier closed their hostmatch account.",
        (Party::Supplier, Locale::ZhCn) => "该供应商已注销 hostmatch 账户。",
        (Party::Host, Locale::En) => "The host closed their hostmatch account.",
        (Party::Host, Locale::ZhCn) => "该主播已注销 hostmatch 账户。",
    }
}
