//! What the table's calls act on, made once per table.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, User, host_profile_body, supplier_profile_body};

/// What the calls act on, made once per table.
pub(super) struct Fixtures {
    pub approved_host: User,
    pub pending_host: User,
    pub approved_supplier: User,
    pub pending_supplier: User,
    /// An active product of the approved supplier.
    pub active: uuid::Uuid,
    /// A product of a supplier who was suspended after listing it.
    pub hidden: uuid::Uuid,
    /// An offer from the approved supplier to the approved host, open.
    pub offer: uuid::Uuid,
    /// A collaboration between the same two, agreed.
    pub collaboration: uuid::Uuid,
}

pub(super) async fn fixtures(app: &TestApp, admin: &User) -> Fixtures {
    let approved_host = app.user_in(admin, "host", "approved").await;
    let pending_host = app.pending("host").await;
    for h in [&approved_host, &pending_host] {
        app.put("/api/v1/hosts/me", Some(&h.access), host_profile_body())
            .await;
    }
    let approved_supplier = app.user_in(admin, "supplier", "approved").await;
    let pending_supplier = app.pending("supplier").await;
    for s in [&approved_supplier, &pending_supplier] {
        app.put(
            "/api/v1/suppliers/me",
            Some(&s.access),
            supplier_profile_body(),
        )
        .await;
    }
    let active = app.product(&approved_supplier).await;
    let gone = app.user_in(admin, "supplier", "approved").await;
    let hidden = app.product(&gone).await;
    app.vet(admin, gone.id, "suspend").await;
    let offer = app
        .post(
            "/api/v1/offers",
            Some(&approved_supplier.access),
            json!({"host_id": approved_host.id, "product_ids": [active], "commission_pct": 10.0}),
        )
        .await;
    assert_eq!(offer.status, StatusCode::CREATED, "{:?}", offer.body);
    let offer = offer.body["id"].as_str().unwrap().parse().unwrap();
    let second = app.product(&approved_supplier).await;
    let agreed = app
        .post(
            "/api/v1/offers",
            Some(&approved_supplier.access),
            json!({"host_id": approved_host.id, "product_ids": [second], "commission_pct": 10.0,
                   "free_samples": true}),
        )
        .await;
    assert_eq!(agreed.status, StatusCode::CREATED, "{:?}", agreed.body);
    let accept = format!(
        "/api/v1/offers/{}/accept",
        agreed.body["id"].as_str().unwrap()
    );
    let a = app
        .post(&accept, Some(&approved_host.access), json!({}))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let list = app
        .get("/api/v1/collaborations", Some(&approved_host.access))
        .await;
    let collaboration = list.body["items"][0]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    Fixtures {
        approved_host,
        pending_host,
        approved_supplier,
        pending_supplier,
        active,
        hidden,
        offer,
        collaboration,
    }
}
