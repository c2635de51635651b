//! `POST /api/v1/offers/preview`: the warnings an offer would carry or the refusal sending
//! would get, decided as sending decides, with nothing stored and nobody emailed. The
//! fixtures here (a beer banned in Saudi Arabia, hosts by market) serve the offer pages'
//! tests too.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, User, product_body, spawn_app};

/// Beer: prohibited in SA, restricted in AE.
pub(crate) fn beer_body() -> Value {
    let mut b = product_body();
    b["title"] = json!("Craft lager, 6 bottles");
    b["title_zh"] = json!("精酿拉格啤酒六瓶装");
    b["description"] = json!("Brewed in Qingdao.");
    b["description_zh"] = json!("青岛酿造。");
    b["category"] = json!(414);
    b["target_markets"] = json!(["SA", "AE"]);
    b
}

pub(crate) async fn product_from(app: &TestApp, supplier: &User, body: Value) -> Uuid {
    let a = app
        .post("/api/v1/products", Some(&supplier.access), body)
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    a.body["id"].as_str().unwrap().parse().unwrap()
}

/// An approved host serving only `markets`.
pub(crate) async fn host_in(app: &TestApp, admin: &User, markets: &[&str]) -> User {
    let markets = json!(markets);
    app.host_with(admin, |b| {
        b["country"] = json!("AE");
        b["languages"] =
            json!([{"code": "ar", "level": "native"}, {"code": "en", "level": "fluent"}]);
        b["markets"] = markets;
        b["categories"] = json!([412]);
    })
    .await
}

fn body(host: Uuid, product: Uuid) -> Value {
    json!({"host_id": host, "product_ids": [product], "message": "Cheers!",
           "commission_pct": 15.0, "fee_cents": 0, "free_samples": false})
}

async fn nothing_stored(app: &TestApp, supplier: &User, host: &User) {
    let sent = app.get("/api/v1/offers", Some(&supplier.access)).await;
    assert_eq!(sent.body["total"], 0, "a preview stores no offer");
    assert_eq!(
        app.outbox_since_signup(&host.email).await.len(),
        1,
        "only the approval: a preview emails nobody"
    );
}

#[tokio::test]
async fn a_preview_warns_as_sending_would_and_stores_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let beer = product_from(&app, &supplier, beer_body()).await;
    let emirati = host_in(&app, &admin, &["AE"]).await;

    let seen = app
        .post(
            "/api/v1/offers/preview",
            Some(&supplier.access),
            body(emirati.id, beer),
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{:?}", seen.body);
    let warnings = seen.body["warnings"].as_array().unwrap().clone();
    assert!(
        warnings
            .iter()
            .any(|w| w["level"] == "restricted" && w["market"] == "AE"),
        "{warnings:?}"
    );
    assert!(warnings.iter().all(|w| w["product_id"] == json!(beer)));
    nothing_stored(&app, &supplier, &emirati).await;

    // What the preview said is what the sent offer carries.
    let sent = app
        .post(
            "/api/v1/offers",
            Some(&supplier.access),
            body(emirati.id, beer),
        )
        .await;
    assert_eq!(sent.status, StatusCode::CREATED, "{:?}", sent.body);
    assert_eq!(sent.body["warnings"], seen.body["warnings"]);
    app.stop().await;
}

#[tokio::test]
async fn a_preview_refuses_what_sending_would_refuse() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let beer = product_from(&app, &supplier, beer_body()).await;
    let saudi = host_in(&app, &admin, &["SA"]).await;

    let preview = app
        .post(
            "/api/v1/offers/preview",
            Some(&supplier.access),
            body(saudi.id, beer),
        )
        .await;
    let send = app
        .post(
            "/api/v1/offers",
            Some(&supplier.access),
            body(saudi.id, beer),
        )
        .await;
    assert_eq!(preview.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(preview.is_problem());
    assert_eq!(preview.status, send.status);
    assert_eq!(
        preview.body["errors"], send.body["errors"],
        "the same refusal"
    );
    assert!(preview.body.to_string().contains("prohibited"));
    nothing_stored(&app, &supplier, &saudi).await;

    // Field checks and someone else's product are refused as sending refuses them.
    let other = app.user_in(&admin, "supplier", "approved").await;
    let theirs = app.product(&other).await;
    let mut bad = body(saudi.id, theirs);
    bad["commission_pct"] = json!(150.0);
    let a = app
        .post("/api/v1/offers/preview", Some(&supplier.access), bad)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["commission_pct"]);
    let a = app
        .post(
            "/api/v1/offers/preview",
            Some(&supplier.access),
            body(saudi.id, theirs),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["product_ids"]);
    // Hosts do not send offers.
    let a = app
        .post(
            "/api/v1/offers/preview",
            Some(&saudi.access),
            body(saudi.id, beer),
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    app.stop().await;
}
