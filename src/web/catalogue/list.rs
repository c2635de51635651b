//! `/me/products`: the signed-in supplier's own products, active and archived
//! (`?status=`), newest first and paged, each with its findings counted by level.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Response,
};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{Role, product::ProductStatus},
    policy,
    services::products,
    state::AppState,
    web::{
        context::SignedIn,
        page::{Frame, PageError, render},
        paging::{self, Pager},
    },
};

use super::{category_name, findings_of, level_counts, market_summary, other, pick};

/// One product as a row of the list.
struct Row {
    id: Uuid,
    title: String,
    /// The title in the other language, when it differs.
    other_title: String,
    category: String,
    price: String,
    commission: String,
    markets: String,
    active: bool,
    findings: u64,
    levels: Vec<(&'static str, u64)>,
}

#[derive(Template)]
#[template(path = "catalogue/list.html")]
struct ListPage {
    page: Frame,
    rows: Vec<Row>,
    total: u64,
    /// `active`, `archived`, or empty for both.
    status: String,
    statuses: &'static [ProductStatus],
    pager: Pager,
    /// Whether this supplier may list products yet (approved).
    may_list: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    if !me.is(Role::Supplier) {
        return Err(PageError::Forbidden);
    }
    // An unknown status reads as "any", as the page's other unknown parameters are ignored.
    let status = q.status.as_deref().and_then(ProductStatus::parse);
    let req = paging::request(q.page.as_deref());
    let (found, total) = products::list(&state.db, &me.actor, me.account.id, status, req).await?;
    let i18n = &me.viewer.i18n;
    let locale = i18n.locale;
    let rows = found
        .iter()
        .map(|p| {
            let title = pick(locale, &p.title, &p.title_zh).to_owned();
            let other = pick(other(locale), &p.title, &p.title_zh);
            let findings = findings_of(p);
            Row {
                id: p.id,
                other_title: if other == title {
                    String::new()
                } else {
                    other.to_owned()
                },
                title,
                category: category_name(p.category, locale),
                price: i18n.money(p.price_cents),
                commission: i18n.t1("catalogue-percent", "value", p.commission_pct),
                markets: market_summary(&p.target_markets.0, i18n, false),
                active: p.status == ProductStatus::Active,
                findings: findings.len() as u64,
                levels: level_counts(&findings),
            }
        })
        .collect();
    let t = ListPage {
        rows,
        total,
        status: status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        statuses: ProductStatus::ALL,
        pager: Pager::new(&me.viewer.path, req, total),
        may_list: policy::may_list_products(&me.actor).is_ok(),
        page: Frame::of(&me.viewer),
    };
    Ok(render(StatusCode::OK, &t))
}
