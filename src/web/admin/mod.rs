//! The admin's pages: the vetting queue and every account, one account with its profile,
//! its flagged content and the decisions, the audit log, and the market rules and
//! screening terms admins add.

mod account;
mod audit;
mod queue;
mod rules;

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
        .route(
            "/admin/market-rules",
            get(rules::show_rules).post(rules::add_rule),
        )
        .route("/admin/market-rules/{id}/delete", post(rules::remove_rule))
        .route(
            "/admin/screening-terms",
            get(rules::show_terms).post(rules::add_term),
        )
        .route(
            "/admin/screening-terms/{id}/delete",
            post(rules::remove_term),
        )
}
