//! A forgotten password: a reset link to the address (1 h, single use, at most
//! [`LINKS_PER_HOUR`](super::LINKS_PER_HOUR) an hour), and setting a new password with it,
//! which ends every session of the account.

use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};

use super::{
    AccountError, LINKS_PER_HOUR, Result, end_sessions, open_for_update, send_link, spend,
};
use crate::{
    auth::{PasswordHasher, opaque},
    db::{
        Db, account_tokens,
        accounts::{self, AccountRow},
        audit::{self, AuditEntry},
    },
    domain::{EmailAddress, Password, TokenPurpose},
    services::notify::Links,
};

const PURPOSE: TokenPurpose = TokenPurpose::ResetPassword;

/// [`forgot_password`] answers no sooner than this after it began, whatever it did, so the
/// time it takes does not tell a known address from an unknown one.
pub const FORGOT_FLOOR: StdDuration = StdDuration::from_millis(300);

/// Emails a reset link to `email` if an account that is not closed has it and the address
/// was sent fewer than [`LINKS_PER_HOUR`] in the last hour. The caller learns nothing
/// either way: it returns `Ok(())` for a known and an unknown address alike, after
/// [`FORGOT_FLOOR`] at the earliest.
#[tracing::instrument(name = "account.forgot_password", skip_all)]
pub async fn forgot_password(db: &Db, links: &Links, email: &EmailAddress) -> Result<()> {
    let started = tokio::time::Instant::now();
    let result = queue_reset(db, links, email).await;
    tokio::time::sleep_until(started + FORGOT_FLOOR).await;
    result
}

async fn queue_reset(db: &Db, links: &Links, email: &EmailAddress) -> Result<()> {
    let Some(found) = accounts::find_by_email(db.conn(), email.as_str()).await? else {
        return Ok(());
    };
    let now = Utc::now();
    let txn = db.begin_write().await?;
    // Locked on PostgreSQL, so requests at once cannot all find room under the limit.
    let Some(account) = open_for_update(&txn, found.id).await? else {
        return Ok(());
    };
    let since = now - Duration::hours(1);
    let sent = account_tokens::count_since(&txn, account.id, PURPOSE, since).await?;
    if sent >= LINKS_PER_HOUR as u64 {
        tracing::warn!(account.id = %account.id, "reset links throttled; none sent");
        return Ok(());
    }
    send_link(&txn, links, &account, PURPOSE, now).await?;
    txn.commit().await?;
    tracing::info!(account.id = %account.id, "reset link queued");
    Ok(())
}

/// Whether `token` is a live reset token; the page the link opens asks before it shows
/// the form, and spends nothing.
pub async fn reset_link_is_live(db: &Db, token: &str) -> Result<bool> {
    Ok(super::is_live(db, PURPOSE, token).await?)
}

/// Sets a new password with a reset link, in one transaction: the token and every other
/// reset link of the account are spent, the address counts as verified (the link proved
/// it), and every refresh token and browser session of the account ends.
#[tracing::instrument(name = "account.reset_password", skip_all, fields(account.id))]
pub async fn reset_password(
    db: &Db,
    hasher: &PasswordHasher,
    token: &str,
    password: &Password,
) -> Result<AccountRow> {
    // A dead link is told so without the cost of hashing the new password.
    let digest = opaque::digest(token);
    if account_tokens::find_live(db.conn(), PURPOSE, &digest, Utc::now())
        .await?
        .is_none()
    {
        return Err(AccountError::BadToken);
    }
    let hash = hasher.hash(password).await?;
    let now = Utc::now();
    let txn = db.begin_write().await?;
    let spent = spend(&txn, PURPOSE, token, now).await?;
    let account = open_for_update(&txn, spent.account_id)
        .await?
        .ok_or(AccountError::BadToken)?;
    tracing::Span::current().record("account.id", tracing::field::display(account.id));
    account_tokens::spend_all(&txn, account.id, PURPOSE, now).await?;
    accounts::set_password_hash(&txn, account.id, &hash).await?;
    accounts::mark_verified(&txn, account.id).await?;
    end_sessions(&txn, account.id, None, now).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_id: Some(account.id),
            action: "account.password_reset",
            target_type: "account",
            target_id: Some(account.id),
            reason: None,
            details: serde_json::json!({}),
        },
    )
    .await?;
    let account = accounts::find(&txn, account.id)
        .await?
        .ok_or(AccountError::BadToken)?;
    txn.commit().await?;
    tracing::info!(account.id = %account.id, "password reset; every session ended");
    Ok(account)
}
