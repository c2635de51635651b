//! The audit log as admins read it: who did what to whom, newest first.

use std::collections::HashMap;

use sea_orm::DbErr;
use uuid::Uuid;

use crate::{
    db::{
        Db, accounts,
        audit::{self, AuditRow},
    },
    domain::{Actor, PageRequest, Refusal, Refuses},
    policy::{self, Denied},
};

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("reading the audit log")]
    Db(#[from] DbErr),
}

impl Refuses for AuditError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::Db(_) => None,
        }
    }
}

/// A page of the audit log, for admins.
#[tracing::instrument(name = "audit.list", skip_all)]
pub async fn list(
    db: &Db,
    admin: &Actor,
    page: PageRequest,
) -> Result<(Vec<AuditRow>, u64), AuditError> {
    policy::may_administer(admin)?;
    Ok(audit::list(db.conn(), page.page, page.per_page).await?)
}

/// A page of the audit log and the display names of the accounts it mentions.
pub struct NamedPage {
    pub rows: Vec<AuditRow>,
    pub total: u64,
    pub names: HashMap<Uuid, String>,
}

/// A page of the audit log with the display names of the accounts it mentions (actors and
/// account targets), for a page that shows people rather than ids.
#[tracing::instrument(name = "audit.list_named", skip_all)]
pub async fn list_named(
    db: &Db,
    admin: &Actor,
    page: PageRequest,
) -> Result<NamedPage, AuditError> {
    let (rows, total) = list(db, admin, page).await?;
    let mut ids: Vec<Uuid> = rows
        .iter()
        .flat_map(|r| {
            [
                r.actor_id,
                r.target_id.filter(|_| r.target_type == "account"),
            ]
        })
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names = accounts::by_ids(db.conn(), &ids)
        .await?
        .into_iter()
        .map(|a| (a.id, a.display_name))
        .collect();
    Ok(NamedPage { rows, total, names })
}
