//! The outreach limits (API.md): blocks, the 7-day wait after a decline, and at most 5
//! offers a day to a host from suppliers it has never worked with.

use chrono::{Duration, Utc};
use hostmatch::entities::offer;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::json;

use crate::helpers::{
    Options,
    deals::{deal, id, offer_body, send, sent},
    spawn_app, spawn_app_with,
};

#[tokio::test]
async fn a_block_withdraws_open_offers_and_refuses_new_ones_until_lifted() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let h = Some(d.host.access.as_str());
    let blocks = "/api/v1/hosts/me/blocks";

    let by_supplier = app
        .post(
            blocks,
            Some(&d.supplier.access),
            json!({"supplier_id": d.supplier.id}),
        )
        .await;
    assert_eq!(
        by_supplier.status,
        StatusCode::FORBIDDEN,
        "only hosts block"
    );
    let not_a_supplier = app.post(blocks, h, json!({"supplier_id": d.host.id})).await;
    assert_eq!(not_a_supplier.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(not_a_supplier.error_fields(), ["supplier_id"]);

    let before = app.outbox_for(&d.supplier.email).await.len();
    let b = app
        .post(blocks, h, json!({"supplier_id": d.supplier.id}))
        .await;
    assert_eq!(b.status, StatusCode::CREATED, "{:?}", b.body);
    assert_eq!(b.body["supplier_id"], json!(d.supplier.id));
    let again = app
        .post(blocks, h, json!({"supplier_id": d.supplier.id}))
        .await;
    assert_eq!(
        again.status,
        StatusCode::CREATED,
        "blocking twice is one block"
    );
    let offer = app.get(&path, h).await;
    assert_eq!(
        offer.body["status"], "withdrawn",
        "the open offer was withdrawn"
    );
    assert_eq!(
        app.outbox_for(&d.supplier.email).await.len(),
        before,
        "the supplier is not told it was blocked"
    );
    let list = app.get(blocks, h).await;
    assert_eq!(list.body.as_array().unwrap().len(), 1, "{:?}", list.body);

    let refused = send(&app, &d).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{:?}", refused.body);
    assert!(refused.is_problem());
    let offers = app.get("/api/v1/offers", Some(&d.supplier.access)).await;
    assert_eq!(offers.body["total"], 1, "nothing was stored");

    let lift = format!("{blocks}/{}", d.supplier.id);
    assert_eq!(app.delete(&lift, h).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.delete(&lift, h).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&app, &d).await.status, StatusCode::CREATED);
    assert_eq!(app.get(blocks, h).await.body, json!([]));
}

/// Moves the offer's last change (its decline) `days` into the past.
async fn age_decline(app: &crate::helpers::TestApp, id: &str, days: i64) {
    offer::Entity::update_many()
        .col_expr(
            offer::Column::UpdatedAt,
            Expr::value(Utc::now() - Duration::days(days)),
        )
        .filter(offer::Column::Id.eq(id.parse::<uuid::Uuid>().unwrap()))
        .exec(app.db.conn())
        .await
        .unwrap();
}

#[tokio::test]
async fn after_a_decline_the_same_products_wait_7_days_and_others_do_not() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let declined = app
        .post(
            &format!("{path}/decline"),
            Some(&d.host.access),
            json!({"reason": "Not now."}),
        )
        .await;
    assert_eq!(declined.status, StatusCode::OK);

    let again = send(&app, &d).await;
    assert_eq!(
        again.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{:?}",
        again.body
    );
    let retry: u64 = again.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let week = 7 * 24 * 3600;
    assert!(retry > week - 120 && retry <= week, "Retry-After {retry}");
    assert!(again.body["detail"].as_str().unwrap().contains("7 days"));

    let other = app.product(&d.supplier).await;
    let with_other = app
        .post(
            "/api/v1/offers",
            Some(&d.supplier.access),
            offer_body(d.host.id, &[other]),
        )
        .await;
    assert_eq!(
        with_other.status,
        StatusCode::CREATED,
        "another product may go"
    );
    let w = format!("/api/v1/offers/{}/withdraw", id(&with_other));
    assert_eq!(
        app.post(&w, Some(&d.supplier.access), json!({}))
            .await
            .status,
        StatusCode::OK
    );

    age_decline(&app, &id(&declined), 6).await;
    let six_days = send(&app, &d).await;
    assert_eq!(six_days.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = six_days.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry <= 24 * 3600, "a day left: {retry}");
    age_decline(&app, &id(&declined), 7).await;
    assert_eq!(
        send(&app, &d).await.status,
        StatusCode::CREATED,
        "the week is over"
    );
}

#[tokio::test]
async fn a_host_takes_at_most_five_offers_a_day_from_suppliers_it_never_worked_with() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(50),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    // A supplier the host has worked with: its offers neither count nor wait.
    let accepted = sent(&app, &d).await;
    let a = app
        .post(
            &format!("{accepted}/accept"),
            Some(&d.host.access),
            json!({}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);

    for n in 1..=6 {
        let newcomer = app.user_in(&d.admin, "supplier", "approved").await;
        let product = app.product(&newcomer).await;
        let o = app
            .post(
                "/api/v1/offers",
                Some(&newcomer.access),
                offer_body(d.host.id, &[product]),
            )
            .await;
        if n <= 5 {
            assert_eq!(o.status, StatusCode::CREATED, "newcomer {n}: {:?}", o.body);
        } else {
            assert_eq!(
                o.status,
                StatusCode::TOO_MANY_REQUESTS,
                "newcomer {n}: {:?}",
                o.body
            );
            let retry: u64 = o.headers["retry-after"].to_str().unwrap().parse().unwrap();
            assert!(
                retry > 24 * 3600 - 300 && retry <= 24 * 3600,
                "Retry-After {retry}"
            );
            let seen = app.get("/api/v1/offers", Some(&newcomer.access)).await;
            assert_eq!(seen.body["total"], 0, "the refused offer was not stored");
        }
    }
    for _ in 0..3 {
        let p = app.product(&d.supplier).await;
        let o = app
            .post(
                "/api/v1/offers",
                Some(&d.supplier.access),
                offer_body(d.host.id, &[p]),
            )
            .await;
        assert_eq!(
            o.status,
            StatusCode::CREATED,
            "a partner is not capped: {:?}",
            o.body
        );
    }
}

#[tokio::test]
async fn a_supplier_declining_the_hosts_counter_starts_no_wait() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let c = app
        .post(
            &format!("{path}/counter"),
            Some(&d.host.access),
            json!({"commission_pct": 30.0}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED);
    let no = app
        .post(
            &format!("{path}/decline"),
            Some(&d.supplier.access),
            json!({}),
        )
        .await;
    assert_eq!(no.status, StatusCode::OK);
    assert_eq!(
        send(&app, &d).await.status,
        StatusCode::CREATED,
        "the host declined nothing"
    );
}

#[tokio::test]
async fn a_supplier_cannot_counter_a_declined_product_back_in_within_the_week() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let path = sent(&app, &d).await;
    let no = app
        .post(&format!("{path}/decline"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(no.status, StatusCode::OK);
    let other = app.product(&d.supplier).await;
    let second = app
        .post(
            "/api/v1/offers",
            Some(&d.supplier.access),
            offer_body(d.host.id, &[other]),
        )
        .await;
    assert_eq!(second.status, StatusCode::CREATED);
    let second = format!("/api/v1/offers/{}", id(&second));
    let c = app
        .post(
            &format!("{second}/counter"),
            Some(&d.host.access),
            json!({"fee_cents": 1}),
        )
        .await;
    assert_eq!(c.status, StatusCode::CREATED);
    let back_in = json!({"product_ids": [other, d.product]});
    let a = app
        .post(
            &format!("{second}/counter"),
            Some(&d.supplier.access),
            back_in,
        )
        .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "{:?}", a.body);
    assert!(a.headers.contains_key("retry-after"));
}
