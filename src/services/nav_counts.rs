//! The count beside a person's main navigation link, one COUNT per page: for a host or
//! a supplier the open offers waiting for their answer (the other party made the latest
//! version), for an admin the accounts waiting in the vetting queue (pending: what an admin acts on).

use chrono::Utc;
use sea_orm::DbErr;

use crate::{
    db::{
        Db, accounts,
        offers::{self, Whose},
    },
    domain::{AccountStatus, Actor, Role},
};

#[tracing::instrument(name = "nav_counts.waiting", skip_all)]
pub async fn waiting(db: &Db, viewer: &Actor) -> Result<u64, DbErr> {
    let conn = db.conn();
    match viewer.role {
        Role::Host => offers::count_open(conn, Whose::Host(viewer.id), Utc::now()).await,
        Role::Supplier => offers::count_open(conn, Whose::Supplier(viewer.id), Utc::now()).await,
        Role::Admin => accounts::count_in_status(conn, AccountStatus::Pending).await,
    }
}
