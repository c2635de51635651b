//! Host and supplier profiles: create or replace one's own, read others' where visible.

use sea_orm::DbErr;
use uuid::Uuid;

use crate::{
    db::{
        Db,
        accounts::{self, AccountRow},
        profiles::{self, HostRow, SupplierRow},
        search_changes::{self, Entity},
    },
    domain::{
        Actor, Refusal, Refuses, Role,
        offer::Party,
        profile::{HostProfileDraft, SupplierProfileDraft},
    },
    policy::{self, Denied},
    services::{rulebook::Rulebook, screening, track_record},
};

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such profile")]
    NotFound,
    #[error("reading or writing profiles")]
    Db(#[from] DbErr),
}

impl Refuses for ProfileError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::Db(_) => None,
        }
    }
}

type Result<T, E = ProfileError> = std::result::Result<T, E>;

/// Creates or replaces the host's own profile; `draft` is asked for only once the caller
/// is known to be a host, so its refusals come after 403.
#[tracing::instrument(name = "profiles.put_host", skip_all)]
pub async fn put_host<E: From<ProfileError> + From<DbErr>>(
    db: &Db,
    book: &Rulebook,
    me: &Actor,
    draft: impl FnOnce() -> Result<HostProfileDraft, E>,
) -> Result<HostRow, E> {
    policy::may_keep_profile(me, Role::Host).map_err(ProfileError::from)?;
    let draft = draft()?;
    let txn = db.begin_write().await?;
    let screened = screening::screen_host(book, &draft);
    profiles::put_host(&txn, me.id, &draft, &screened).await?;
    // A first profile starts from zeros: bring in a track record earned before it.
    track_record::recount(&txn, Party::Host, me.id).await?;
    let row = profiles::find_host(&txn, me.id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("host profile just written".into()))?;
    search_changes::record(&txn, Entity::Host, me.id).await?;
    txn.commit().await?;
    Ok(row)
}

/// Creates or replaces the supplier's own profile, `draft` asked for as in [`put_host`].
#[tracing::instrument(name = "profiles.put_supplier", skip_all)]
pub async fn put_supplier<E: From<ProfileError> + From<DbErr>>(
    db: &Db,
    me: &Actor,
    draft: impl FnOnce() -> Result<SupplierProfileDraft, E>,
) -> Result<SupplierRow, E> {
    policy::may_keep_profile(me, Role::Supplier).map_err(ProfileError::from)?;
    let draft = draft()?;
    let txn = db.begin_write().await?;
    profiles::put_supplier(&txn, me.id, &draft).await?;
    track_record::recount(&txn, Party::Supplier, me.id).await?;
    let row = profiles::find_supplier(&txn, me.id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("supplier profile just written".into()))?;
    search_changes::record(&txn, Entity::Supplier, me.id).await?;
    txn.commit().await?;
    Ok(row)
}

/// The host profile `id` with its account, if `viewer` may see it.
#[tracing::instrument(name = "profiles.get_host", skip_all, fields(host.id = %id))]
pub async fn get_host(db: &Db, viewer: &Actor, id: Uuid) -> Result<(HostRow, AccountRow)> {
    let profile = profiles::find_host(db.conn(), id).await?;
    with_visible_account(db, viewer, id, profile).await
}

/// The supplier profile `id` with its account, if `viewer` may see it.
#[tracing::instrument(name = "profiles.get_supplier", skip_all, fields(supplier.id = %id))]
pub async fn get_supplier(db: &Db, viewer: &Actor, id: Uuid) -> Result<(SupplierRow, AccountRow)> {
    let profile = profiles::find_supplier(db.conn(), id).await?;
    with_visible_account(db, viewer, id, profile).await
}

/// Pairs a profile with its account when `viewer` may see it; 404 otherwise, whether the
/// profile is hidden or absent.
async fn with_visible_account<P>(
    db: &Db,
    viewer: &Actor,
    id: Uuid,
    profile: Option<P>,
) -> Result<(P, AccountRow)> {
    let Some(profile) = profile else {
        return Err(ProfileError::NotFound);
    };
    match accounts::find(db.conn(), id).await? {
        Some(account) if policy::can_see_account(viewer, account.id, account.status) => {
            Ok((profile, account))
        }
        _ => Err(ProfileError::NotFound),
    }
}
