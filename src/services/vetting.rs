//! Vetting: the queue an admin vets accounts from, and the decisions: approve, reject,
//! suspend or reinstate an account, with a reason, an audit row and an email in the account
//! holder's language, all in one transaction. Only an account whose address is verified is
//! approved; a suspension ends every session of the account at once.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::{
    db::{
        Db,
        accounts::{self, AccountRow},
        audit::{self, AuditEntry},
        products::{self, ProductRow},
        profiles::{self, HostRow, SupplierRow},
        refresh_tokens,
        search_changes::{self, Entity},
        web_sessions,
    },
    domain::{AccountStatus, Actor, PageRequest, Refusal, Refuses, Role, VettingAction},
    policy::{self, Denied},
    services::notify::{self, Links, Notification},
};

#[derive(Debug, thiserror::Error)]
pub enum VettingError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such account")]
    NotFound,
    #[error("Admin accounts are not vetted.")]
    AdminTarget,
    #[error("The account is {}; it cannot be {}.", .current.as_str(), .action.past_tense())]
    WrongStatus {
        current: AccountStatus,
        action: VettingAction,
    },
    /// Approving waits until the holder has followed the link emailed to them.
    #[error("The account's email address is not verified yet.")]
    EmailNotVerified,
    #[error("vetting an account")]
    Db(#[from] DbErr),
}

impl Refuses for VettingError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::AdminTarget | Self::WrongStatus { .. } => {
                Some(Refusal::Conflict(self.to_string()))
            }
            Self::EmailNotVerified => Some(Refusal::EmailNotVerified),
            Self::Db(_) => None,
        }
    }
}

/// Applies `action` to `target_id`. `reason` is read only once the caller is known to be
/// an admin and the target to exist, so its refusals come after 403 and 404.
#[tracing::instrument(name = "vetting.vet", skip_all, fields(vetting.account_id = %target_id, vetting.action = action.as_str()))]
pub async fn vet<E: From<VettingError> + From<DbErr>>(
    db: &Db,
    links: &Links,
    admin: &Actor,
    target_id: Uuid,
    action: VettingAction,
    reason: impl FnOnce() -> Result<Option<String>, E>,
) -> Result<AccountRow, E> {
    policy::may_administer(admin).map_err(VettingError::from)?;
    let now = Utc::now();
    let txn = db.begin_write().await?;
    // Locked on PostgreSQL (SQLite's write transaction already excludes other writers), so
    // the audit row records the status this decision really moved the account from.
    let Some(before) = accounts::find_for_update(&txn, target_id).await? else {
        return Err(VettingError::NotFound.into());
    };
    let reason = reason()?;
    if before.role == Role::Admin {
        return Err(VettingError::AdminTarget.into());
    }
    let (from, to) = action.transition();
    // Only where approving could happen at all, so a wrong status is told as that.
    if action == VettingAction::Approve && from.contains(&before.status) && !before.email_verified {
        return Err(VettingError::EmailNotVerified.into());
    }
    if !accounts::transition_status(&txn, target_id, from, to).await? {
        let current = before.status;
        return Err(VettingError::WrongStatus { current, action }.into());
    }
    if action == VettingAction::Suspend {
        refresh_tokens::revoke_account(&txn, target_id, now).await?;
        web_sessions::delete_for_account(&txn, target_id, None).await?;
    }
    // The account's profile and products appear in or leave search with its status.
    search_changes::record(&txn, Entity::Account, target_id).await?;
    let audit_id = audit::record(
        &txn,
        AuditEntry {
            actor_id: Some(admin.id),
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
        .ok_or(VettingError::NotFound)?;
    let mail = Notification::vetted(action, reason);
    notify::queue(&txn, links, &after, &audit_id.to_string(), mail).await?;
    txn.commit().await?;
    tracing::info!(account.id = %target_id, admin.id = %admin.id, vetting.action = action.as_str(), "account vetted");
    Ok(after)
}

/// Which accounts the queue lists: any status and role where none is given.
#[derive(Debug, Clone, Copy, Default)]
pub struct QueueFilter {
    pub status: Option<AccountStatus>,
    pub role: Option<Role>,
}

/// Flagged products shown per supplier in the queue.
pub const FLAGGED_PER_SUPPLIER: u64 = 20;

/// An account in the vetting queue, with what an admin vets it on.
#[derive(Debug)]
pub struct QueueRow {
    pub account: AccountRow,
    /// The host's profile, if the account is a host that has written one.
    pub host: Option<HostRow>,
    /// The supplier's profile, if the account is a supplier that has written one.
    pub supplier: Option<SupplierRow>,
    /// A supplier's active products with findings, newest change first, at most
    /// [`FLAGGED_PER_SUPPLIER`].
    pub flagged_products: Vec<ProductRow>,
}

/// The vetting queue: accounts by status and role, oldest first, each with its profile and
/// flagged products. `filter` is read once the caller is known to be an admin, so its
/// refusals come after 403.
#[tracing::instrument(name = "vetting.queue", skip_all)]
pub async fn queue<E: From<VettingError>>(
    db: &Db,
    admin: &Actor,
    filter: impl FnOnce() -> Result<QueueFilter, E>,
    page: PageRequest,
) -> Result<(Vec<QueueRow>, u64), E> {
    policy::may_administer(admin).map_err(VettingError::from)?;
    let filter = filter()?;
    Ok(queue_page(db.conn(), filter, page).await?)
}

async fn queue_page(
    conn: &impl ConnectionTrait,
    filter: QueueFilter,
    page: PageRequest,
) -> Result<(Vec<QueueRow>, u64), VettingError> {
    let (rows, total) =
        accounts::list(conn, filter.status, filter.role, page.page, page.per_page).await?;
    // Two queries for the page's profiles, not one per account.
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut hosts = profiles::hosts_by_ids(conn, &ids).await?;
    let mut suppliers = profiles::suppliers_by_ids(conn, &ids).await?;
    let mut queue = Vec::with_capacity(rows.len());
    for account in rows {
        // One small query per supplier on the page, so one supplier's many flags cannot
        // crowd out another's.
        let flagged_products = if account.role == Role::Supplier {
            products::flagged_of_supplier(conn, account.id, FLAGGED_PER_SUPPLIER).await?
        } else {
            Vec::new()
        };
        queue.push(QueueRow {
            host: take(&mut hosts, |h| h.id == account.id),
            supplier: take(&mut suppliers, |s| s.id == account.id),
            flagged_products,
            account,
        });
    }
    Ok((queue, total))
}

/// Removes and returns the first item that is `wanted`.
fn take<T>(items: &mut Vec<T>, wanted: impl Fn(&T) -> bool) -> Option<T> {
    let at = items.iter().position(wanted)?;
    Some(items.swap_remove(at))
}

/// One account as the queue shows it, for the admin's account page.
#[tracing::instrument(name = "vetting.account", skip_all, fields(account.id = %id))]
pub async fn account(db: &Db, admin: &Actor, id: Uuid) -> Result<QueueRow, VettingError> {
    policy::may_administer(admin)?;
    let conn = db.conn();
    let account = accounts::find(conn, id)
        .await?
        .ok_or(VettingError::NotFound)?;
    let mut hosts = profiles::hosts_by_ids(conn, &[id]).await?;
    let mut suppliers = profiles::suppliers_by_ids(conn, &[id]).await?;
    let flagged_products = if account.role == Role::Supplier {
        products::flagged_of_supplier(conn, id, FLAGGED_PER_SUPPLIER).await?
    } else {
        Vec::new()
    };
    Ok(QueueRow {
        host: hosts.pop(),
        supplier: suppliers.pop(),
        flagged_products,
        account,
    })
}
