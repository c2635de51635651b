//! `/collaborations`: the reader's collaborations (every one, for an admin), newest
//! first, filtered by where they stand, paged; cards, so a host reads them on a phone.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use crate::{
    domain::collaboration::CollabStatus,
    services::collaborations as collabs,
    state::AppState,
    web::{
        collaborations::{CollabSummary, describe},
        context::SignedIn,
        page::{Frame, PageError, render},
        paging::{self, Pager},
    },
};

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<String>,
}

/// A status to filter by.
struct Tab {
    status: &'static str,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "collaborations/list.html")]
struct ListPage {
    page: Frame,
    /// `supplier`, `host` or `admin`: whose name each card leads with.
    role: &'static str,
    lead: String,
    tabs: Vec<Tab>,
    any_current: bool,
    rows: Vec<CollabSummary>,
    pager: Pager,
}

const TABS: &[CollabStatus] = &[
    CollabStatus::Agreed,
    CollabStatus::Scheduled,
    CollabStatus::Shipped,
    CollabStatus::Received,
    CollabStatus::Completed,
    CollabStatus::Cancelled,
];

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    // Unknown statuses are ignored (WEB.md: pages ignore what they do not know).
    let status = q.status.as_deref().and_then(CollabStatus::parse);
    let req = paging::request(q.page.as_deref());
    let (found, total) = collabs::list(&state.db, &me.actor, status, req).await?;
    let names = describe(&state.db, &found).await?;
    let i18n = &me.viewer.i18n;
    let role = me.account.role.as_str();
    let page = ListPage {
        role,
        lead: i18n.t(&format!("collabs-lead-{role}")),
        tabs: TABS
            .iter()
            .map(|s| Tab {
                status: s.as_str(),
                href: format!("/collaborations?status={s}"),
                current: status == Some(*s),
            })
            .collect(),
        any_current: status.is_none(),
        rows: found
            .iter()
            .map(|c| CollabSummary::new(c, &names, i18n))
            .collect(),
        pager: Pager::new(&me.viewer.path, req, total),
        page: Frame::of(&me.viewer),
    };
    Ok(render(StatusCode::OK, &page))
}
