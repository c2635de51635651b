//! The audit log as admins read it: who did what to whom, newest first.

use sea_orm::DbErr;

use crate::{
    db::{
        Db,
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
