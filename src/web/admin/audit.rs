//! `/admin/audit-log`: who did what to whom, newest first, with names rather than ids.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use crate::{
    services::audit,
    state::AppState,
    web::{
        context::AdminPage,
        page::{Frame, PageError, render},
        paging::{self, Pager},
    },
};

#[derive(Deserialize)]
pub struct AuditQuery {
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    page: Frame,
    rows: Vec<AuditLine>,
    pager: Pager,
}

struct AuditLine {
    when: String,
    who: String,
    action: String,
    target: String,
    target_link: Option<String>,
    reason: String,
}

pub async fn show_audit_log(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    let req = paging::request(q.page.as_deref());
    let audit::NamedPage { rows, total, names } =
        audit::list_named(&state.db, &me.actor, req).await?;
    let i18n = &me.viewer.i18n;
    let name = |id: &uuid::Uuid| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let rows = rows
        .iter()
        .map(|r| AuditLine {
            when: i18n.datetime(&r.created_at),
            who: r
                .actor_id
                .as_ref()
                .map_or_else(|| i18n.t("admin-system"), name),
            action: r.action.clone(),
            target: match (&r.target_id, r.target_type.as_str()) {
                (Some(id), "account") => name(id),
                (Some(id), kind) => format!("{kind} {id}"),
                (None, kind) => kind.to_owned(),
            },
            target_link: r
                .target_id
                .filter(|_| r.target_type == "account")
                .map(|id| format!("/admin/accounts/{id}")),
            reason: r.reason.clone().unwrap_or_default(),
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &AuditPage {
            pager: Pager::new(&me.viewer.path, req, total),
            rows,
            page: Frame::of(&me.viewer),
        },
    ))
}
