//! Offers: who may send, answer and see them; races; idempotency; limits; expiry; email.

use chrono::{Duration, Utc};
use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    Options,
    deals::{deal, id, offer_body, send},
    spawn_app, spawn_app_with,
};

#[tokio::test]
async fn an_offer_reaches_the_host_who_accepts_it_and_the_supplier_hears() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let a = send(&app, &d).await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    assert_eq!(a.body["status"], "sent");
    assert_eq!(a.body["product_ids"], json!([d.product]));
    let to_host = app.outbox_since_signup(&d.host.email).await;
    assert_eq!(to_host.len(), 2, "approval and the offer");
    assert_eq!(to_host[1].template, "offer.received");

    let path = format!("/api/v1/offers/{}", id(&a));
    assert_eq!(
        app.get(&path, Some(&d.host.access)).await.status,
        StatusCode::OK
    );
    let received = app.get("/api/v1/offers", Some(&d.host.access)).await;
    assert_eq!(received.body["total"], 1);
    let accepted = app
        .post(&format!("{path}/accept"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(accepted.status, StatusCode::OK);
    assert_eq!(accepted.body["status"], "accepted");
    let to_supplier = app.outbox_for(&d.supplier.email).await;
    assert_eq!(to_supplier.last().unwrap().template, "offer.accepted");
    let again = app
        .post(&format!("{path}/decline"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.is_problem());

    // The email escapes what the supplier wrote.
    app.deliver_emails_at(Utc::now()).await;
    let offer_mail = app
        .eml_files()
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|m| m.contains("New offer from"))
        .expect("offer email");
    let parsed = mail_parser::MessageParser::default()
        .parse(offer_mail.as_bytes())
        .unwrap();
    assert!(
        parsed
            .body_html(0)
            .unwrap()
            .contains("&lt;b&gt;soon&lt;/b&gt;")
    );
    assert!(parsed.body_text(0).unwrap().contains("Commission: 15%"));
}

#[tokio::test]
async fn the_host_declines_with_a_reason_and_the_supplier_withdraws_others() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let first = send(&app, &d).await;
    let path = format!("/api/v1/offers/{}", id(&first));
    let declined = app
        .post(
            &format!("{path}/decline"),
            Some(&d.host.access),
            json!({"reason": "Not my audience"}),
        )
        .await;
    assert_eq!(declined.body["status"], "declined");
    assert_eq!(declined.body["decline_reason"], "Not my audience");
    // A declined product waits a week (tests/api/outreach.rs); another goes at once, once.
    let other = app.product(&d.supplier).await;
    let body = offer_body(d.host.id, &[other]);
    let second = app
        .post("/api/v1/offers", Some(&d.supplier.access), body.clone())
        .await;
    assert_eq!(second.status, StatusCode::CREATED);
    let dup = app
        .post("/api/v1/offers", Some(&d.supplier.access), body)
        .await;
    assert_eq!(
        dup.status,
        StatusCode::CONFLICT,
        "one open offer per supplier, host and product"
    );
    let p2 = format!("/api/v1/offers/{}", id(&second));
    let host_withdraws = app
        .post(&format!("{p2}/withdraw"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(host_withdraws.status, StatusCode::FORBIDDEN);
    let supplier_accepts = app
        .post(&format!("{p2}/accept"), Some(&d.supplier.access), json!({}))
        .await;
    // Not a right the supplier lacks but a turn it waits for: the host answers version 1.
    assert_eq!(supplier_accepts.status, StatusCode::CONFLICT);
    let w = app
        .post(
            &format!("{p2}/withdraw"),
            Some(&d.supplier.access),
            json!({}),
        )
        .await;
    assert_eq!(w.body["status"], "withdrawn");
    let to_host = app.outbox_for(&d.host.email).await;
    assert_eq!(to_host.last().unwrap().template, "offer.withdrawn");
    let sent = app
        .get("/api/v1/offers?status=withdrawn", Some(&d.supplier.access))
        .await;
    assert_eq!(sent.body["total"], 1);
}

#[tokio::test]
async fn others_get_404_for_every_offer_route() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let other_supplier = app.user_in(&d.admin, "supplier", "approved").await;
    let other_host = app.user_in(&d.admin, "host", "approved").await;
    let a = send(&app, &d).await;
    let path = format!("/api/v1/offers/{}", id(&a));
    for who in [&other_supplier, &other_host] {
        assert_eq!(
            app.get(&path, Some(&who.access)).await.status,
            StatusCode::NOT_FOUND
        );
        for mv in ["accept", "decline", "withdraw"] {
            let r = app
                .post(&format!("{path}/{mv}"), Some(&who.access), json!({}))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{mv}");
        }
        assert_eq!(
            app.get("/api/v1/offers", Some(&who.access)).await.body["total"],
            0
        );
    }
    assert_eq!(
        app.get(&path, Some(&d.admin.access)).await.status,
        StatusCode::OK
    );
    let after = app.get(&path, Some(&d.host.access)).await;
    assert_eq!(after.body["status"], "sent", "nothing changed");
}

#[tokio::test]
async fn offers_to_hosts_not_approved_or_with_others_products_are_refused() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    for status in ["pending", "rejected", "suspended"] {
        let h = app.user_in(&d.admin, "host", status).await;
        let a = app
            .post(
                "/api/v1/offers",
                Some(&d.supplier.access),
                offer_body(h.id, &[d.product]),
            )
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{status}");
        assert_eq!(a.error_fields(), ["host_id"]);
    }
    let other = app.user_in(&d.admin, "supplier", "approved").await;
    let theirs = app.product(&other).await;
    let a = app
        .post(
            "/api/v1/offers",
            Some(&d.supplier.access),
            offer_body(d.host.id, &[d.product, theirs]),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["product_ids"]);
    let to_supplier = app
        .post(
            "/api/v1/offers",
            Some(&d.supplier.access),
            offer_body(other.id, &[d.product]),
        )
        .await;
    assert_eq!(to_supplier.error_fields(), ["host_id"]);
    let pending = app.user_in(&d.admin, "supplier", "pending").await;
    let by_pending = app
        .post(
            "/api/v1/offers",
            Some(&pending.access),
            offer_body(d.host.id, &[d.product]),
        )
        .await;
    assert_eq!(by_pending.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/api/v1/offers", Some(&d.host.access)).await.body["total"],
        0
    );
}

#[tokio::test]
async fn the_daily_limit_answers_429() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(2),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    let second = app.product(&d.supplier).await;
    let third = app.product(&d.supplier).await;
    for p in [d.product, second] {
        let a = app
            .post(
                "/api/v1/offers",
                Some(&d.supplier.access),
                offer_body(d.host.id, &[p]),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED);
    }
    let a = app
        .post(
            "/api/v1/offers",
            Some(&d.supplier.access),
            offer_body(d.host.id, &[third]),
        )
        .await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(a.headers.contains_key("retry-after"));
    // Past the limit, an offer that is also a duplicate is told 409 first (API.md's order),
    // and the refused one left nothing behind.
    let again = app
        .post(
            "/api/v1/offers",
            Some(&d.supplier.access),
            offer_body(d.host.id, &[d.product]),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{:?}", again.body);
    let listed = app.get("/api/v1/offers", Some(&d.supplier.access)).await;
    assert_eq!(listed.body["total"], 2);
}

#[tokio::test]
async fn twenty_creates_with_one_idempotency_key_make_one_offer_and_one_email() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let calls = (0..20).map(|_| {
        app.client
            .post(app.url("/api/v1/offers"))
            .bearer_auth(&d.supplier.access)
            .header("idempotency-key", "offer-1")
            .json(&offer_body(d.host.id, &[d.product]))
            .send()
    });
    let answers = join_all(calls).await;
    let mut ids = std::collections::HashSet::new();
    for a in answers {
        let a = a.unwrap();
        assert_eq!(a.status(), StatusCode::CREATED);
        let body: Value = a.json().await.unwrap();
        ids.insert(body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1);
    let received = app.outbox_for(&d.host.email).await;
    assert_eq!(
        received
            .iter()
            .filter(|r| r.template == "offer.received")
            .count(),
        1
    );
}

#[tokio::test]
async fn accept_racing_withdraw_leaves_exactly_one_winner_100_times() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(1000),
        ..Default::default()
    })
    .await;
    let d = deal(&app).await;
    for trial in 0..100 {
        let a = send(&app, &d).await;
        assert_eq!(a.status, StatusCode::CREATED, "trial {trial}: {:?}", a.body);
        let path = format!("/api/v1/offers/{}", id(&a));
        let (accept_path, withdraw_path) = (format!("{path}/accept"), format!("{path}/withdraw"));
        let (accept, withdraw) = tokio::join!(
            app.post(&accept_path, Some(&d.host.access), json!({})),
            app.post(&withdraw_path, Some(&d.supplier.access), json!({}))
        );
        let mut statuses = [accept.status, withdraw.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "trial {trial}"
        );
        let winner = if accept.status == StatusCode::OK {
            "accepted"
        } else {
            "withdrawn"
        };
        let now = app.get(&path, Some(&d.host.access)).await;
        assert_eq!(now.body["status"], winner, "trial {trial}");
        let offer_id = id(&a);
        let emails: Vec<_> = hostmatch::db::outbox::for_recipient(
            app.db.conn(),
            if winner == "accepted" {
                &d.supplier.email
            } else {
                &d.host.email
            },
        )
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.dedupe_key.contains(&offer_id) && r.template != "offer.received")
        .collect();
        assert_eq!(emails.len(), 1, "trial {trial}");
        let loser_mail = hostmatch::db::outbox::for_recipient(
            app.db.conn(),
            if winner == "accepted" {
                &d.host.email
            } else {
                &d.supplier.email
            },
        )
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.dedupe_key.contains(&offer_id) && r.template != "offer.received")
        .count();
        assert_eq!(loser_mail, 0, "trial {trial}");
    }
}

#[tokio::test]
async fn offers_past_their_time_expire_without_anyone_calling_and_both_hear() {
    let app = spawn_app().await;
    let d = deal(&app).await;
    let mut body = offer_body(d.host.id, &[d.product]);
    body["expires_at"] = json!((Utc::now() + Duration::hours(1)).to_rfc3339());
    let a = app
        .post("/api/v1/offers", Some(&d.supplier.access), body)
        .await;
    assert_eq!(a.status, StatusCode::CREATED);
    assert_eq!(app.jobs.expire_offers_at(Utc::now()).await.unwrap(), 0);
    assert_eq!(
        app.jobs
            .expire_offers_at(Utc::now() + Duration::hours(2))
            .await
            .unwrap(),
        1
    );
    let path = format!("/api/v1/offers/{}", id(&a));
    let now = app.get(&path, Some(&d.supplier.access)).await;
    assert_eq!(now.body["status"], "expired");
    for who in [&d.supplier.email, &d.host.email] {
        let last = app.outbox_for(who).await.pop().unwrap();
        assert_eq!(last.template, "offer.expired");
    }
    let late = app
        .post(&format!("{path}/accept"), Some(&d.host.access), json!({}))
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let mut past = offer_body(d.host.id, &[d.product]);
    past["expires_at"] = json!((Utc::now() - Duration::hours(1)).to_rfc3339());
    let bad = app
        .post("/api/v1/offers", Some(&d.supplier.access), past)
        .await;
    assert_eq!(bad.error_fields(), ["expires_at"]);
}
