//! A supplier, a host and a product ready to trade, and the offer between them: what the
//! offer, negotiation and collaboration tests start from.

use chrono::{Duration, Utc};
use hostmatch::entities::offer;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, TestApp, User};

pub struct Deal {
    pub admin: User,
    pub supplier: User,
    pub host: User,
    pub product: Uuid,
}

/// An admin, an approved supplier with one product and an approved host.
pub async fn deal(app: &TestApp) -> Deal {
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let host = app.user_in(&admin, "host", "approved").await;
    let product = app.product(&supplier).await;
    Deal {
        admin,
        supplier,
        host,
        product,
    }
}

pub fn offer_body(host: Uuid, products: &[Uuid]) -> Value {
    json!({"host_id": host, "product_ids": products, "message": "Let's go live <b>soon</b>!",
           "commission_pct": 15.0, "fee_cents": 50000, "free_samples": true})
}

/// The deal's offer, sent.
pub async fn send(app: &TestApp, d: &Deal) -> Answer {
    app.post(
        "/api/v1/offers",
        Some(&d.supplier.access),
        offer_body(d.host.id, &[d.product]),
    )
    .await
}

/// The deal's offer, sent: its path (`/api/v1/offers/{id}`).
pub async fn sent(app: &TestApp, d: &Deal) -> String {
    let a = send(app, d).await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    format!("/api/v1/offers/{}", id(&a))
}

/// An offer of `product` (the supplier's) from the deal's supplier to its host, sent: its
/// path.
pub async fn sent_of(app: &TestApp, d: &Deal, product: Uuid) -> String {
    let body = offer_body(d.host.id, &[product]);
    let a = app
        .post("/api/v1/offers", Some(&d.supplier.access), body)
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    format!("/api/v1/offers/{}", id(&a))
}

pub fn id(a: &Answer) -> String {
    a.body["id"].as_str().unwrap().to_owned()
}

impl TestApp {
    /// Back-dates the offer's expiry a minute into the past, as if its time had come.
    pub async fn expire_offer(&self, id: Uuid) {
        offer::Entity::update_many()
            .col_expr(
                offer::Column::ExpiresAt,
                Expr::value(Utc::now() - Duration::minutes(1)),
            )
            .filter(offer::Column::Id.eq(id))
            .exec(self.db.conn())
            .await
            .unwrap();
    }
}
