//! Proving the address: the link registration emails (48 h, single use), another on
//! request (at most [`LINKS_PER_HOUR`](super::LINKS_PER_HOUR) an hour), and following it.

use chrono::{Duration, Utc};
use uuid::Uuid;

use super::{AccountError, Result, open_for_update, send_link, spend, wait_for_room};
use crate::{
    db::{
        Db, account_tokens,
        accounts::{self, AccountRow},
        audit::{self, AuditEntry},
    },
    domain::{Actor, TokenPurpose},
    services::notify::{Delivery, Links},
};

const PURPOSE: TokenPurpose = TokenPurpose::VerifyEmail;

/// Follows a verification link: spends its token (and any other the address was sent)
/// and marks the address verified. A spent, expired or unknown token is
/// [`AccountError::BadToken`]; so is one whose account has closed since.
#[tracing::instrument(name = "account.verify_email", skip_all, fields(account.id))]
pub async fn verify_email(db: &Db, token: &str) -> Result<AccountRow> {
    let now = Utc::now();
    let txn = db.begin_write().await?;
    let spent = spend(&txn, PURPOSE, token, now).await?;
    let account = open_for_update(&txn, spent.account_id)
        .await?
        .ok_or(AccountError::BadToken)?;
    tracing::Span::current().record("account.id", tracing::field::display(account.id));
    account_tokens::spend_all(&txn, account.id, PURPOSE, now).await?;
    if accounts::mark_verified(&txn, account.id).await? {
        audit::record(&txn, entry(Some(account.id), account.id, "link")).await?;
    }
    let account = accounts::find(&txn, account.id)
        .await?
        .ok_or(AccountError::BadToken)?;
    txn.commit().await?;
    tracing::info!(account.id = %account.id, "email address verified");
    Ok(account)
}

/// Whether `token` is a live verification token; the page the link opens asks before it
/// offers the button that spends it.
pub async fn verification_link_is_live(db: &Db, token: &str) -> Result<bool> {
    Ok(super::is_live(db, PURPOSE, token).await?)
}

/// What asking for another link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resent {
    /// A new link is on its way.
    Sent,
    /// The address is verified already: nothing was sent.
    AlreadyVerified,
}

/// Sends the signed-in account another verification link, unless its address is verified
/// already; throttled once [`LINKS_PER_HOUR`](super::LINKS_PER_HOUR) went out in the last
/// hour (the one registration sent counts).
#[tracing::instrument(name = "account.resend_verification", skip_all, fields(account.id = %me.id))]
pub async fn resend_verification(db: &Db, links: &Links, me: &Actor) -> Result<Resent> {
    let now = Utc::now();
    let txn = db.begin_write().await?;
    // Locked on PostgreSQL, so two requests at once cannot both find room.
    let account = open_for_update(&txn, me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    if account.email_verified {
        return Ok(Resent::AlreadyVerified);
    }
    let sent = account_tokens::sent_since(&txn, me.id, PURPOSE, now - Duration::hours(1)).await?;
    if let Some(wait) = wait_for_room(&sent, now) {
        return Err(AccountError::Throttled {
            retry_after_secs: wait,
        });
    }
    send_link(&txn, links, &account, PURPOSE, now).await?;
    txn.commit().await?;
    Ok(Resent::Sent)
}

/// Marks the address of a made-up account verified with no link: `hostmatch seed` writes
/// people at `.test` addresses with emails skipped ([`Delivery::Skip`]), who could follow
/// none. Refused ([`AccountError::NotMadeUp`]) when `links` queue emails, so no real
/// person's address is ever taken as proven.
pub async fn verify_made_up(db: &Db, links: &Links, id: Uuid) -> Result<AccountRow> {
    if links.delivery() != Delivery::Skip {
        return Err(AccountError::NotMadeUp);
    }
    let txn = db.begin_write().await?;
    let account = open_for_update(&txn, id).await?.ok_or(AccountError::Gone)?;
    if accounts::mark_verified(&txn, id).await? {
        audit::record(&txn, entry(None, id, "hostmatch seed")).await?;
    }
    account_tokens::spend_all(&txn, id, PURPOSE, Utc::now()).await?;
    txn.commit().await?;
    Ok(AccountRow {
        email_verified: true,
        ..account
    })
}

/// The audit row of a verification: by the holder following the link, or by no one (the
/// command line) for a made-up account.
fn entry(actor_id: Option<Uuid>, id: Uuid, via: &str) -> AuditEntry<'static> {
    AuditEntry {
        actor_id,
        action: "account.email_verified",
        target_type: "account",
        target_id: Some(id),
        reason: None,
        details: serde_json::json!({ "via": via }),
    }
}
