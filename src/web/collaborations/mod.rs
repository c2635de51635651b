//! The collaboration pages: the list of one's collaborations (`list`), one collaboration
//! as a timeline of its steps with the forms for the reader's next step and its reviews
//! (`show`, `timeline`), and the posts those forms make (`steps`), over
//! `services::collaborations`, the same operations as `/api/v1/collaborations`.

mod list;
mod show;
mod steps;
mod timeline;

use axum::{
    Router,
    routing::{get, post},
};
use uuid::Uuid;

use crate::{
    domain::collaboration::CollabStatus,
    services::{collaborations::Collaboration, offers::Described},
    state::AppState,
    web::{
        i18n::I18n,
        offers::{ProductLink, percent, product_links},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/collaborations", get(list::show))
        .route("/collaborations/{id}", get(show::show))
        .route("/collaborations/{id}/schedule", post(steps::schedule))
        .route("/collaborations/{id}/shipment", post(steps::shipment))
        .route("/collaborations/{id}/received", post(steps::received))
        .route("/collaborations/{id}/complete", post(steps::complete))
        .route("/collaborations/{id}/confirm", post(steps::confirm))
        .route("/collaborations/{id}/cancel", post(steps::cancel))
        .route("/collaborations/{id}/review", post(steps::review))
}

/// A collaboration as a list row or its page's head shows it.
pub struct CollabSummary {
    pub id: Uuid,
    pub offer_id: Uuid,
    pub supplier_id: Uuid,
    pub supplier: String,
    pub host_id: Uuid,
    pub host: String,
    pub products: Vec<ProductLink>,
    pub version: i32,
    pub commission: String,
    pub fee: String,
    pub free_samples: bool,
    /// `agreed` … `cancelled`, or `confirmed` for a completed one its supplier (or the
    /// clock) confirmed: the badge's class and name.
    pub status: &'static str,
    pub status_name: String,
    pub live_at: Option<String>,
    pub agreed: String,
}

/// Where `c` stands as its badge says it.
pub fn shown_status(c: &Collaboration) -> &'static str {
    match c.row.status {
        CollabStatus::Completed if c.row.confirmed_at.is_some() => "confirmed",
        s => s.as_str(),
    }
}

impl CollabSummary {
    pub fn new(c: &Collaboration, names: &Described, i18n: &I18n) -> Self {
        let (r, t) = (&c.row, &c.terms);
        let status = shown_status(c);
        Self {
            id: r.id,
            offer_id: r.offer_id,
            supplier_id: r.supplier_id,
            supplier: names.name(r.supplier_id),
            host_id: r.host_id,
            host: names.name(r.host_id),
            products: product_links(&c.product_ids, names, i18n.locale),
            version: t.version,
            commission: percent(t.commission_pct),
            fee: i18n.money(t.fee_cents),
            free_samples: t.free_samples,
            status,
            status_name: i18n.t(&format!("collab-status-{status}")),
            live_at: r.live_at.map(|at| i18n.datetime(&at)),
            agreed: i18n.datetime(&r.created_at),
        }
    }
}

/// The names behind `found`: parties and products.
pub async fn describe(
    db: &crate::db::Db,
    found: &[Collaboration],
) -> Result<Described, crate::services::offers::OfferError> {
    let people = found
        .iter()
        .flat_map(|c| [c.row.supplier_id, c.row.host_id])
        .collect();
    let products = found.iter().flat_map(|c| c.product_ids.clone()).collect();
    crate::services::offers::names(db, people, products).await
}
