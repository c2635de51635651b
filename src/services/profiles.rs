//! Host and supplier profiles: create or replace one's own, read others' where visible.

use uuid::Uuid;

use crate::{
    db::{
        accounts::{self, AccountRow},
        profiles::{self, HostRow, SupplierRow},
        search_changes::{self, Entity},
    },
    domain::{
        AccountStatus, Role,
        profile::{HostProfileDraft, SupplierProfileDraft},
    },
    error::{AppError, AppResult},
    extract::CurrentAccount,
    services::{auth::status_of, compliance},
    state::AppState,
};

/// Whether `viewer` may see what `owner` published: everyone signed in sees approved
/// accounts; owners and admins see their own or everything. Anything else is a 404, the
/// same answer as an id that does not exist.
pub fn can_see(viewer: &CurrentAccount, owner: &AccountRow) -> bool {
    viewer.id() == owner.id
        || viewer.role == Role::Admin
        || status_of(owner) == AccountStatus::Approved
}

fn require_role(me: &CurrentAccount, role: Role) -> AppResult<()> {
    if me.role == role {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "Only {} accounts have this profile.",
            role.as_str()
        )))
    }
}

pub async fn put_host(
    state: &AppState,
    me: &CurrentAccount,
    draft: &HostProfileDraft,
) -> AppResult<HostRow> {
    require_role(me, Role::Host)?;
    let txn = state.db.begin_write().await?;
    let screened = compliance::screen_host(&state.compliance.book(), draft);
    let row = profiles::put_host(&txn, me.id(), draft, &screened).await?;
    search_changes::record(&txn, Entity::Host, me.id()).await?;
    txn.commit().await?;
    Ok(row)
}

pub async fn put_supplier(
    state: &AppState,
    me: &CurrentAccount,
    draft: &SupplierProfileDraft,
) -> AppResult<SupplierRow> {
    require_role(me, Role::Supplier)?;
    let txn = state.db.begin_write().await?;
    let row = profiles::put_supplier(&txn, me.id(), draft).await?;
    search_changes::record(&txn, Entity::Supplier, me.id()).await?;
    txn.commit().await?;
    Ok(row)
}

/// The host profile `id` with its account, if `viewer` may see it.
pub async fn get_host(
    state: &AppState,
    viewer: &CurrentAccount,
    id: Uuid,
) -> AppResult<(HostRow, AccountRow)> {
    let profile = profiles::find_host(state.db.conn(), id).await?;
    with_visible_account(state, viewer, id, profile).await
}

/// The supplier profile `id` with its account, if `viewer` may see it.
pub async fn get_supplier(
    state: &AppState,
    viewer: &CurrentAccount,
    id: Uuid,
) -> AppResult<(SupplierRow, AccountRow)> {
    let profile = profiles::find_supplier(state.db.conn(), id).await?;
    with_visible_account(state, viewer, id, profile).await
}

/// Pairs a profile with its account when `viewer` may see it; 404 otherwise, whether the
/// profile is hidden or absent.
async fn with_visible_account<P>(
    state: &AppState,
    viewer: &CurrentAccount,
    id: Uuid,
    profile: Option<P>,
) -> AppResult<(P, AccountRow)> {
    let Some(profile) = profile else {
        return Err(AppError::NotFound);
    };
    match accounts::find(state.db.conn(), id).await? {
        Some(account) if can_see(viewer, &account) => Ok((profile, account)),
        _ => Err(AppError::NotFound),
    }
}
