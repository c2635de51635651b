//! What the signed-in holder changes about their account: display name, language and time
//! zone, and the password (which ends their other sessions).

use chrono::Utc;
use uuid::Uuid;

use super::{AccountError, Result, confirm_password, end_sessions, open_for_update};
use crate::{
    auth::PasswordHasher,
    db::{
        Db,
        accounts::{self, AccountRow},
        audit::{self, AuditEntry},
    },
    domain::{AccountPatch, Actor, PasswordChange},
};

/// Applies the patch to the signed-in account and answers it as it now is.
#[tracing::instrument(name = "account.update_me", skip_all, fields(account.id = %me.id))]
pub async fn update_me(db: &Db, me: &Actor, patch: &AccountPatch) -> Result<AccountRow> {
    let txn = db.begin_write().await?;
    open_for_update(&txn, me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    accounts::update_settings(&txn, me.id, patch).await?;
    let account = accounts::find(&txn, me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    txn.commit().await?;
    Ok(account)
}

/// Changes the password once the current one is confirmed ([`AccountError::WrongPassword`]
/// naming `current_password` otherwise; attempts count against login's limit). Every
/// refresh token of the account ends, and every browser session but `keep_web_session`
/// (the page that asked passes its own, so the person stays signed in there). An access
/// token already issued lives out its few minutes.
#[tracing::instrument(name = "account.change_password", skip_all, fields(account.id = %me.id))]
pub async fn change_password(
    db: &Db,
    hasher: &PasswordHasher,
    attempts_per_hour: u32,
    me: &Actor,
    change: &PasswordChange,
    keep_web_session: Option<Uuid>,
) -> Result<()> {
    let account = accounts::find(db.conn(), me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    let field = "current_password";
    confirm_password(
        db,
        hasher,
        attempts_per_hour,
        &account,
        &change.current,
        field,
    )
    .await?;
    let hash = hasher.hash(&change.new).await?;
    let now = Utc::now();
    let txn = db.begin_write().await?;
    let locked = open_for_update(&txn, me.id)
        .await?
        .ok_or(AccountError::Gone)?;
    if locked.password_hash != account.password_hash {
        // A reset or another change won meanwhile: what was confirmed is not current.
        return Err(AccountError::WrongPassword { field });
    }
    accounts::set_password_hash(&txn, me.id, &hash).await?;
    end_sessions(&txn, me.id, keep_web_session, now).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_id: Some(me.id),
            action: "account.password_changed",
            target_type: "account",
            target_id: Some(me.id),
            reason: None,
            details: serde_json::json!({ "kept_web_session": keep_web_session.is_some() }),
        },
    )
    .await?;
    txn.commit().await?;
    tracing::info!(account.id = %me.id, "password changed; other sessions ended");
    Ok(())
}
