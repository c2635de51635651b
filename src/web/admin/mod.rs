//! The admin's pages: the vetting queue and every account, one account with its profile,
//! its flagged content and the decisions, and the audit log.

mod account;
mod audit;
mod flags;
mod queue;

use axum::{
    Router,
    routing::{get, post},
};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(queue::show_queue))
        .route("/admin/accounts", get(queue::show_accounts))
        .route("/admin/accounts/{id}", get(account::show_account))
        .route("/admin/accounts/{id}/{action}", post(account::decide))
        .route("/admin/audit-log", get(audit::show_audit_log))
}
