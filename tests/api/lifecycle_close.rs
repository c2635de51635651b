//! Closing an account: what is erased, archived, ended and kept, and who may close.

use chrono::Utc;
use hostmatch::{
    db::{
        account_tokens, accounts, audit, idempotency, outbox, products, profiles, refresh_tokens,
        web_sessions as session_rows,
    },
    services::web_sessions,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Answer, PASSWORD, TestApp, User, spawn_app, supplier_profile_body};

async fn close(app: &TestApp, user: &User, body: Value) -> Answer {
    app.call(Method::DELETE, "/api/v1/me", Some(&user.access), Some(body))
        .await
}

async fn offer(app: &TestApp, supplier: &User, host: &User, product: Uuid) -> String {
    let a = app
        .post(
            "/api/v1/offers",
            Some(&supplier.access),
            json!({"host_id": host.id, "product_ids": [product], "commission_pct": 15.0}),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    a.body["id"].as_str().unwrap().to_owned()
}

async fn product_hits(app: &TestApp, reader: &User) -> usize {
    app.sync_index().await;
    let a = app
        .get("/api/v1/products/search?q=mirror", Some(&reader.access))
        .await;
    a.body["hits"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn a_closed_supplier_is_erased_its_products_archived_its_offers_withdrawn() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.host_with(&admin, |_| {}).await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    app.put(
        "/api/v1/suppliers/me",
        Some(&supplier.access),
        supplier_profile_body(),
    )
    .await;
    let open_product = app.product(&supplier).await;
    let accepted_product = app.product(&supplier).await;
    let open = offer(&app, &supplier, &host, open_product).await;
    let accepted = offer(&app, &supplier, &host, accepted_product).await;
    let path = format!("/api/v1/offers/{accepted}/accept");
    assert_eq!(
        app.post(&path, Some(&host.access), json!({})).await.status,
        StatusCode::OK
    );
    // The supplier's emails so far are sent (verification, approval, the accepted offer);
    // a reset link is still waiting when the account closes.
    app.deliver_emails_at(Utc::now()).await;
    app.post(
        "/api/v1/auth/forgot-password",
        None,
        json!({"email": supplier.email}),
    )
    .await;
    let browser = web_sessions::start(&app.db, supplier.id).await.unwrap();
    assert_eq!(product_hits(&app, &host).await, 2);
    let before = accounts::find(app.db.conn(), supplier.id)
        .await
        .unwrap()
        .unwrap();

    let a = close(&app, &supplier, json!({"password": PASSWORD})).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{:?}", a.body);

    // Signed out everywhere, and the address and password lead nowhere.
    assert_eq!(
        app.get("/api/v1/me", Some(&supplier.access)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": supplier.refresh}),
        )
        .await;
    assert_eq!(refresh.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login(&supplier.email, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        web_sessions::resolve(&app.db, &browser.token)
            .await
            .unwrap()
            .is_none()
    );

    let row = accounts::find(app.db.conn(), supplier.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "closed");
    assert_eq!(row.email, format!("closed:{}", supplier.id));
    assert_eq!(row.display_name, "Closed account");
    assert_ne!(row.password_hash, before.password_hash);
    let profile = profiles::find_supplier(app.db.conn(), supplier.id)
        .await
        .unwrap()
        .unwrap();
    for field in [
        &profile.company_name,
        &profile.company_name_zh,
        &profile.license_number,
        &profile.website,
        &profile.description,
        &profile.description_zh,
    ] {
        assert!(field.is_empty(), "{profile:?}");
    }
    for p in products::all_of_supplier(app.db.conn(), supplier.id)
        .await
        .unwrap()
    {
        assert_eq!(p.status, "archived");
        assert_eq!(app.search_changes(p.id).await.last().unwrap(), "product");
    }
    let changes = app.search_changes(supplier.id).await;
    assert!(
        changes.ends_with(&["supplier".to_owned(), "account".to_owned()]),
        "{changes:?}"
    );
    assert_eq!(
        product_hits(&app, &host).await,
        0,
        "the products left search"
    );

    // The open offer is withdrawn and the host told; the accepted one stands, and the
    // collaboration it began, not started yet, is cancelled and the host told.
    for (id, status) in [(&open, "withdrawn"), (&accepted, "accepted")] {
        let seen = app
            .get(&format!("/api/v1/offers/{id}"), Some(&host.access))
            .await;
        assert_eq!(seen.body["status"], status);
    }
    let to_host = app.outbox_for(&host.email).await;
    let told: Vec<&str> = to_host.iter().map(|m| m.template.as_str()).collect();
    assert!(
        told.ends_with(&["offer.withdrawn", "collaboration.cancelled"]),
        "{told:?}"
    );

    // No email waits for the address; what was sent is kept without it.
    assert!(app.outbox_for(&supplier.email).await.is_empty());
    let kept = outbox::for_recipient(app.db.conn(), &row.email)
        .await
        .unwrap();
    assert!(!kept.is_empty());
    for e in &kept {
        assert_eq!(e.status, "sent");
        assert_eq!(e.to_name, "");
        assert_eq!(e.payload.0, json!({}));
    }
    let conn = app.db.conn();
    assert!(
        refresh_tokens::for_account(conn, supplier.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        session_rows::for_account(conn, supplier.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        account_tokens::for_account(conn, supplier.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        idempotency::for_account(conn, supplier.id)
            .await
            .unwrap()
            .is_empty()
    );

    // The audit log keeps what happened, and says it closed.
    let log = audit::by_or_about(conn, supplier.id).await.unwrap();
    assert!(log.iter().any(|r| r.action == "account.approved"));
    let closed = log.iter().find(|r| r.action == "account.closed").unwrap();
    assert_eq!(closed.actor_id, Some(supplier.id));
    assert_eq!(closed.details.0["offers_ended"], 1);
    assert_eq!(closed.details.0["collaborations_cancelled"], 1);
    assert_eq!(closed.details.0["products_archived"], 2);
    let admin_view = app
        .get(
            &format!("/api/v1/suppliers/{}", supplier.id),
            Some(&admin.access),
        )
        .await;
    assert_eq!(admin_view.body["company_name"], "");

    // The address is free again; a new account is a new account.
    let again = app.register(&supplier.email, "supplier", "en").await;
    assert_eq!(again.status, StatusCode::CREATED, "{:?}", again.body);
    assert_ne!(again.body["id"], supplier.id.to_string());
    assert_eq!(again.body["email_verified"], false);
}

#[tokio::test]
async fn a_closed_host_declines_its_open_offers_and_is_erased() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.host_with(&admin, |_| {}).await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    app.put(
        "/api/v1/suppliers/me",
        Some(&supplier.access),
        supplier_profile_body(),
    )
    .await;
    let product = app.product(&supplier).await;
    let open = offer(&app, &supplier, &host, product).await;
    let a = close(&app, &host, json!({"password": PASSWORD})).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{:?}", a.body);

    let o = app
        .get(&format!("/api/v1/offers/{open}"), Some(&supplier.access))
        .await;
    assert_eq!(o.body["status"], "declined");
    let told = app.outbox_for(&supplier.email).await.pop().unwrap();
    assert_eq!(told.template, "offer.declined");
    assert_eq!(
        told.payload.0["reason"],
        "The host closed their hostmatch account."
    );
    assert_eq!(
        told.payload.0["host_name"], "Test host",
        "told under the name they knew"
    );

    let profile = profiles::find_host(app.db.conn(), host.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            profile.display_name.as_str(),
            profile.headline.as_str(),
            profile.bio.as_str()
        ),
        ("", "", "")
    );
    assert!(profile.platforms.0.iter().all(|p| p.handle.is_empty()));
    assert_eq!(
        profile.platforms.0.len(),
        2,
        "where they streamed stays, not who they are"
    );
    assert_eq!(profile.markets.0, ["ES", "MX"]);
    assert!(
        app.search_changes(host.id)
            .await
            .ends_with(&["host".to_owned(), "account".to_owned()])
    );
    app.sync_index().await;
    let found = app
        .get("/api/v1/hosts/search?q=Lucía", Some(&supplier.access))
        .await;
    assert_eq!(found.body["total"], 0, "{:?}", found.body);
    let vet = app
        .post(
            &format!("/api/v1/admin/accounts/{}/suspend", host.id),
            Some(&admin.access),
            json!({"reason": "too late"}),
        )
        .await;
    assert_eq!(
        vet.status,
        StatusCode::CONFLICT,
        "a closed account is not vetted"
    );
}

#[tokio::test]
async fn the_last_approved_admin_cannot_close_their_account() {
    let app = spawn_app().await;
    let first = app.admin().await;
    let a = close(&app, &first, json!({"password": PASSWORD})).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.is_problem());
    let me = app.get("/api/v1/me", Some(&first.access)).await;
    assert_eq!(me.body["status"], "approved");
    let second = app.admin().await;
    assert_eq!(
        close(&app, &first, json!({"password": PASSWORD}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        close(&app, &second, json!({"password": PASSWORD}))
            .await
            .status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn of_two_admins_closing_at_once_one_stays() {
    let app = spawn_app().await;
    let (a, b) = (app.admin().await, app.admin().await);
    let body = json!({"password": PASSWORD});
    let (x, y) = tokio::join!(close(&app, &a, body.clone()), close(&app, &b, body));
    let mut statuses = [x.status, y.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::CONFLICT]);
}

#[tokio::test]
async fn a_wrong_password_or_a_bad_body_closes_nothing() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let wrong = close(&app, &user, json!({"password": "not my password"})).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.error_fields(), ["password"]);
    for (body, field) in [
        (json!({}), "password"),
        (json!({"password": 5}), "password"),
        (
            json!({"password": PASSWORD, "account_id": Uuid::nil()}),
            "account_id",
        ),
    ] {
        let a = close(&app, &user, body.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(a.error_fields(), [field], "{body}");
    }
    let no_body = app
        .call(Method::DELETE, "/api/v1/me", Some(&user.access), None)
        .await;
    assert_eq!(no_body.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let anonymous = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            None,
            Some(json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let me = app.get("/api/v1/me", Some(&user.access)).await;
    assert_eq!(me.body["status"], "pending");
}

#[tokio::test]
async fn a_suspension_ends_browser_sessions_too() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.user_in(&admin, "host", "approved").await;
    let browser = web_sessions::start(&app.db, host.id).await.unwrap();
    app.vet(&admin, host.id, "suspend").await;
    assert!(
        session_rows::for_account(app.db.conn(), host.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        web_sessions::resolve(&app.db, &browser.token)
            .await
            .unwrap()
            .is_none()
    );
}
