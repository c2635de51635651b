//! `/admin` (the vetting queue: pending accounts, oldest first) and `/admin/accounts`
//! (every account), filtered by status and type; the filter updates in place with htmx.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use crate::{
    domain::{AccountStatus, Role},
    services::vetting::{self, QueueFilter, QueueRow, VettingError},
    state::AppState,
    web::{
        context::AdminPage,
        page::{Frame, PageError, render},
        paging::{self, Pager},
    },
};

#[derive(Deserialize)]
pub struct QueueQuery {
    status: Option<String>,
    role: Option<String>,
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/queue.html")]
struct QueuePage {
    page: Frame,
    /// `/admin` or `/admin/accounts`.
    action: &'static str,
    heading: String,
    rows: Vec<QueueItem>,
    status: String,
    role: String,
    statuses: &'static [AccountStatus],
    roles: [Role; 2],
    pager: Pager,
}

struct QueueItem {
    row: QueueRow,
    /// The profile in a line: a host's headline and country, a supplier's company.
    summary: String,
    flags: u64,
    joined: String,
}

pub async fn show_queue(
    state: State<AppState>,
    me: AdminPage,
    Query(q): Query<QueueQuery>,
) -> Result<Response, PageError> {
    // The queue is the pending accounts unless the filter says otherwise (`status=` for any).
    let status = q.status.clone().unwrap_or_else(|| "pending".to_owned());
    list(state, me, q, status, "/admin", "admin-queue").await
}

pub async fn show_accounts(
    state: State<AppState>,
    me: AdminPage,
    Query(q): Query<QueueQuery>,
) -> Result<Response, PageError> {
    let status = q.status.clone().unwrap_or_default();
    list(state, me, q, status, "/admin/accounts", "admin-accounts").await
}

async fn list(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    q: QueueQuery,
    status: String,
    action: &'static str,
    heading: &str,
) -> Result<Response, PageError> {
    // Unknown filter values are ignored (WEB.md: pages ignore what they do not know).
    let filter = QueueFilter {
        status: AccountStatus::parse(&status),
        role: q.role.as_deref().and_then(Role::parse),
    };
    let req = paging::request(q.page.as_deref());
    let (rows, total) =
        vetting::queue(&state.db, &me.actor, || Ok::<_, VettingError>(filter), req).await?;
    let i18n = &me.viewer.i18n;
    let rows = rows
        .into_iter()
        .map(|row| QueueItem {
            summary: summary(&row),
            flags: flag_count(&row),
            joined: i18n.date(&row.account.created_at),
            row,
        })
        .collect();
    let page = QueuePage {
        heading: i18n.t(heading),
        action,
        rows,
        status: filter.status.map_or("", |s| s.as_str()).to_owned(),
        role: filter.role.map_or("", |r| r.as_str()).to_owned(),
        statuses: AccountStatus::ALL,
        roles: [Role::Supplier, Role::Host],
        pager: Pager::new(&me.viewer.path, req, total),
        page: Frame::of(&me.viewer),
    };
    Ok(render(StatusCode::OK, &page))
}

fn summary(r: &QueueRow) -> String {
    if let Some(h) = &r.host {
        format!("{} · {}", h.headline, h.country)
    } else if let Some(s) = &r.supplier {
        [
            s.company_name.as_str(),
            s.company_name_zh.as_str(),
            s.city.as_str(),
        ]
        .iter()
        .filter(|x| !x.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
    } else {
        String::new()
    }
}

/// How many findings an admin should look at: the host profile's, or those of the
/// supplier's flagged products.
fn flag_count(r: &QueueRow) -> u64 {
    let host = r.host.as_ref().map_or(0, |h| h.compliance.len());
    let products: usize = r.flagged_products.iter().map(|p| p.compliance.len()).sum();
    u64::try_from(host + products).unwrap_or(u64::MAX)
}
