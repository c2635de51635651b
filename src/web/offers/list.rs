//! `/offers`: a supplier's sent offers, a host's received ones, every offer for an admin;
//! a status filter with a count beside each status, paged, newest first. Cards, so a
//! host reads them on a phone.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;

use crate::{
    domain::offer::OfferStatus,
    services::offers,
    state::AppState,
    web::{
        context::SignedIn,
        offers::OfferSummary,
        page::{Frame, PageError, render},
        paging::{self, Pager},
    },
};

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<String>,
}

/// A status to filter by, with its count.
struct Tab {
    status: &'static str,
    count: u64,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "offers/list.html")]
struct ListPage {
    page: Frame,
    heading: String,
    lead: String,
    /// `supplier`, `host` or `admin`: whose columns the cards show.
    role: &'static str,
    tabs: Vec<Tab>,
    all_count: u64,
    any_current: bool,
    rows: Vec<OfferSummary>,
    pager: Pager,
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    // Unknown statuses are ignored (WEB.md: pages ignore what they do not know).
    let status = q.status.as_deref().and_then(OfferStatus::parse);
    let req = paging::request(q.page.as_deref());
    let (found, total) = offers::list(&state.db, &me.actor, status, req).await?;
    let names = offers::describe(&state.db, &found).await?;
    let counts = offers::counts(&state.db, &me.actor).await?;
    let i18n = &me.viewer.i18n;
    let role = me.account.role.as_str();
    let tabs = counts
        .iter()
        .map(|(s, n)| Tab {
            status: s.as_str(),
            count: *n,
            href: format!("/offers?status={s}"),
            current: status == Some(*s),
        })
        .collect();
    let page = ListPage {
        heading: i18n.t(&format!("offers-title-{role}")),
        lead: i18n.t(&format!("offers-lead-{role}")),
        role,
        tabs,
        all_count: counts.iter().map(|(_, n)| n).sum(),
        any_current: status.is_none(),
        rows: found
            .iter()
            .map(|o| OfferSummary::new(o, &names, i18n))
            .collect(),
        pager: Pager::new(&me.viewer.path, req, total),
        page: Frame::of(&me.viewer),
    };
    Ok(render(StatusCode::OK, &page))
}
