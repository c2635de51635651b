//! The offer pages: compose with a check before sending (`compose`), the list of one's
//! offers (`list`), and one offer as a thread with its answers (`show`, `thread`), over
//! `services::offers` and `services::threads`, the same operations as `/api/v1/offers`. What they share: a finding line and an offer's
//! summary as the pages word them.

mod compose;
mod compose_form;
mod list;
mod show;
pub mod thread;

use axum::{
    Router,
    routing::{get, post},
};
use uuid::Uuid;

use crate::{
    domain::{Locale, findings::ProductFinding, offer::OfferStatus},
    services::offers::{Described, Offer},
    state::AppState,
    web::i18n::I18n,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/offers", get(list::show).post(compose::send))
        .route("/offers/new", get(compose::show))
        .route("/offers/preview", post(compose::check))
        .route("/offers/{id}", get(show::show))
        .route("/offers/{id}/accept", post(show::accept))
        .route("/offers/{id}/decline", post(show::decline))
        .route("/offers/{id}/withdraw", post(show::withdraw))
        .route("/offers/{id}/counter", post(show::counter))
        .route("/offers/{id}/messages", post(show::write))
}

/// A finding about one of an offer's products, in the reader's language.
pub struct WarningLine {
    pub product_id: Uuid,
    pub product: String,
    pub market: String,
    /// The countries of the host's markets where it holds.
    pub countries: String,
    pub level: &'static str,
    pub text: String,
    pub source: Option<String>,
}

/// `found` as lines; `title_of` names a product in the reader's language (the finding
/// keeps the title it was sent with, in English).
pub fn warning_lines(
    found: &[ProductFinding],
    locale: Locale,
    title_of: impl Fn(Uuid) -> Option<String>,
) -> Vec<WarningLine> {
    found
        .iter()
        .map(|w| {
            let f = &w.finding;
            WarningLine {
                product_id: w.product_id,
                product: title_of(w.product_id).unwrap_or_else(|| w.title.clone()),
                market: f.market.clone(),
                countries: f.countries.join(", "),
                level: f.level.as_str(),
                text: f.reason_in(locale).to_owned(),
                source: f.source.clone(),
            }
        })
        .collect()
}

/// A product of an offer, by its title in the reader's language.
pub struct ProductLink {
    pub id: Uuid,
    pub title: String,
}

/// An offer as a list row or a page shows it.
pub struct OfferSummary {
    pub id: Uuid,
    pub supplier_id: Uuid,
    pub supplier: String,
    pub host_id: Uuid,
    pub host: String,
    pub products: Vec<ProductLink>,
    pub commission: String,
    pub fee: String,
    pub free_samples: bool,
    pub status: &'static str,
    pub status_name: String,
    pub open: bool,
    pub sent: String,
    pub expires: String,
    pub updated: String,
}

/// The products `ids`, each by its title in `locale`.
pub fn product_links(ids: &[Uuid], names: &Described, locale: Locale) -> Vec<ProductLink> {
    ids.iter()
        .map(|id| ProductLink {
            id: *id,
            title: names
                .products
                .get(id)
                .map_or_else(|| id.to_string(), |(en, zh)| title_in(locale, en, zh)),
        })
        .collect()
}

pub fn title_in(locale: Locale, en: &str, zh: &str) -> String {
    match locale {
        Locale::ZhCn if !zh.trim().is_empty() => zh.to_owned(),
        _ => en.to_owned(),
    }
}

/// A percentage without trailing zeros: `15`, `12.5`.
pub fn percent(p: f64) -> String {
    let s = format!("{p:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

impl OfferSummary {
    pub fn new(o: &Offer, names: &Described, i18n: &I18n) -> Self {
        let r = &o.row;
        let status = r.status.as_seen(r.expires_at, chrono::Utc::now());
        Self {
            id: r.id,
            supplier_id: r.supplier_id,
            supplier: names.name(r.supplier_id),
            host_id: r.host_id,
            host: names.name(r.host_id),
            products: product_links(&o.product_ids, names, i18n.locale),
            commission: percent(r.commission_pct),
            fee: i18n.money(r.fee_cents),
            free_samples: r.free_samples,
            status: status.as_str(),
            status_name: i18n.t(&format!("offer-status-{}", status.as_str())),
            open: status == OfferStatus::Sent,
            sent: i18n.datetime(&r.created_at),
            expires: i18n.datetime(&r.expires_at),
            updated: i18n.datetime(&r.updated_at),
        }
    }
}
