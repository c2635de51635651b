//! Vetting: an admin approves, rejects, suspends or reinstates an account, with a reason, an
//! audit row and an email in the account holder's language, all in one transaction.

use chrono::Utc;
use uuid::Uuid;

use crate::{
    db::{
        accounts::{self, AccountRow},
        audit::{self, AuditEntry},
        refresh_tokens,
        search_changes::{self, Entity},
    },
    domain::{Role, VettingAction},
    error::{AppError, AppResult},
    services::{auth::status_of, notify},
    state::AppState,
};

pub const MAX_REASON_CHARS: usize = 2000;

/// Checks the reason an action needs: required (non-blank) for all but approve.
pub fn parse_reason(action: VettingAction, raw: Option<String>) -> AppResult<Option<String>> {
    let reason = raw.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    match &reason {
        None if action.requires_reason() => {
            Err(AppError::field("reason", "is required for this action"))
        }
        Some(r) if r.chars().count() > MAX_REASON_CHARS => Err(AppError::field(
            "reason",
            format!("must be at most {MAX_REASON_CHARS} characters"),
        )),
        Some(r)
            if r.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            Err(AppError::field(
                "reason",
                "must not contain control characters other than line breaks and tabs",
            ))
        }
        _ => Ok(reason),
    }
}

pub async fn vet(
    state: &AppState,
    admin_id: Uuid,
    target_id: Uuid,
    action: VettingAction,
    reason: Option<String>,
) -> AppResult<AccountRow> {
    let now = Utc::now();
    let txn = state.db.begin_write().await?;
    // Locked on PostgreSQL (SQLite's write transaction already excludes other writers), so
    // the audit row records the status this decision really moved the account from.
    let Some(before) = accounts::find_for_update(&txn, target_id).await? else {
        return Err(AppError::NotFound);
    };
    if before.role == Role::Admin.as_str() {
        return Err(AppError::Conflict("Admin accounts are not vetted.".into()));
    }
    let (from, to) = action.transition();
    if !accounts::transition_status(&txn, target_id, from, to).await? {
        let current = status_of(&before);
        return Err(AppError::Conflict(format!(
            "The account is {}; it cannot be {}.",
            current.as_str(),
            action.past_tense()
        )));
    }
    if action == VettingAction::Suspend {
        refresh_tokens::revoke_account(&txn, target_id, now).await?;
    }
    // The account's profile and products appear in or leave search with its status.
    search_changes::record(&txn, Entity::Account, target_id).await?;
    let audit_id = audit::record(
        &txn,
        AuditEntry {
            actor_id: Some(admin_id),
            action: action.event_name(),
            target_type: "account",
            target_id: Some(target_id),
            reason: reason.as_deref(),
            details: serde_json::json!({"from": before.status, "to": to.as_str()}),
        },
    )
    .await?;
    let after = accounts::find(&txn, target_id)
        .await?
        .ok_or(AppError::NotFound)?;
    notify::account_status_changed(
        &txn,
        &after,
        action.event_name(),
        reason.as_deref(),
        audit_id,
        &state.public_url,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(account.id = %target_id, admin.id = %admin_id, action = action.as_str(), "account vetted");
    Ok(after)
}
