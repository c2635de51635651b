//! Closing an account at its holder's request: in one transaction its personal data is
//! erased or anonymised, its products leave the catalogue and search, its open offers end
//! and its unfinished collaborations are cancelled (the other party is told of each), email to it is dropped, and its sessions, tokens and stored
//! answers go. The audit log stays, with `account.closed` added, so the record of who did
//! what survives without the person's details.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use super::{AccountError, Result, confirm_password, open_for_update};
use crate::{
    auth::PasswordHasher,
    db::{
        Db, account_tokens,
        accounts::{self, AccountRow, Closed},
        audit::{self, AuditEntry},
        idempotency, login_throttle, outbox, products, profiles, refresh_tokens,
        search_changes::{self, Entity},
        web_sessions,
    },
    domain::{Actor, Password, Role},
    services::{auth, collaborations, notify::Links, offers},
};

/// What a closed account shows where its holder's name was.
pub const CLOSED_NAME: &str = "Closed account";
/// Matches no password: it is not a hash at all.
const UNUSABLE_HASH: &str = "!closed";

/// Closes the signed-in account once its password is confirmed
/// ([`AccountError::WrongPassword`] naming `password` otherwise). The last approved admin
/// cannot close theirs ([`AccountError::LastAdmin`]): someone must be left to vet.
#[tracing::instrument(name = "account.close", skip_all, fields(account.id = %me.id))]
pub async fn close(
    db: &Db,
    hasher: &PasswordHasher,
    links: &Links,
    attempts_per_hour: u32,
    me: &Actor,
    password: &Password,
) -> Result<()> {
    let account = accounts::find(db.conn(), me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    confirm_password(
        db,
        hasher,
        attempts_per_hour,
        &account,
        password,
        "password",
    )
    .await?;
    let now = Utc::now();
    let txn = db.begin_write().await?;
    if account.role == Role::Admin {
        // Every approved admin's row, this one's among them, is locked in id order before
        // anything else, so two admins closing at once queue instead of deadlocking, and
        // the second counts what the first left.
        let admins = accounts::approved_admins_for_update(&txn).await?;
        if admins.iter().all(|id| *id == account.id) {
            return Err(AccountError::LastAdmin);
        }
    }
    let account = open_for_update(&txn, me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    // The other parties are told while the names they know are still there.
    let offers_ended = offers::end_for_closing(&txn, links, &account, now).await?;
    let collaborations_cancelled =
        collaborations::end_for_closing(&txn, links, &account, now).await?;
    let products_archived = leave_search(&txn, &account).await?;
    // Nothing more reaches the address, and what did keeps no trace of it.
    let placeholder = format!("closed:{}", account.id);
    let emails_dropped = outbox::drop_pending_to(&txn, &account.email).await?;
    outbox::anonymise_to(&txn, &account.email, &placeholder).await?;
    refresh_tokens::delete_for_account(&txn, account.id).await?;
    web_sessions::delete_for_account(&txn, account.id, None).await?;
    account_tokens::delete_for_account(&txn, account.id).await?;
    idempotency::delete_for_account(&txn, account.id).await?;
    login_throttle::delete(&txn, &auth::throttle_key(&account.email)).await?;
    // Not an address at all, so nobody can register it to block this close; the real one
    // is free to register again.
    let closed = Closed {
        email: &placeholder,
        display_name: CLOSED_NAME,
        password_hash: UNUSABLE_HASH,
    };
    if !accounts::close(&txn, account.id, closed).await? {
        return Err(AccountError::Gone);
    }
    search_changes::record(&txn, Entity::Account, account.id).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_id: Some(account.id),
            action: "account.closed",
            target_type: "account",
            target_id: Some(account.id),
            reason: None,
            details: serde_json::json!({
                "role": account.role,
                "offers_ended": offers_ended,
                "collaborations_cancelled": collaborations_cancelled,
                "products_archived": products_archived,
                "emails_dropped": emails_dropped,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    tracing::info!(account.id = %account.id, "account closed");
    Ok(())
}

/// Erases the profile's personal fields and archives the products, each with the
/// `search_changes` row that takes it out of search. Returns how many products it archived.
async fn leave_search(txn: &impl ConnectionTrait, account: &AccountRow) -> Result<usize> {
    match account.role {
        Role::Host => {
            if profiles::erase_host(txn, account.id).await? {
                search_changes::record(txn, Entity::Host, account.id).await?;
            }
            Ok(0)
        }
        Role::Supplier => {
            if profiles::erase_supplier(txn, account.id).await? {
                search_changes::record(txn, Entity::Supplier, account.id).await?;
            }
            let mut archived = 0;
            for p in products::all_of_supplier(txn, account.id).await? {
                if products::archive(txn, p.id).await? {
                    search_changes::record(txn, Entity::Product, p.id).await?;
                    archived += 1;
                }
            }
            Ok(archived)
        }
        Role::Admin => Ok(0),
    }
}
