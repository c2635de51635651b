//! The catalogue: who may list, change and see products; validation; archiving.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, User, product_body, spawn_app};

async fn approved_supplier(app: &TestApp, admin: &User) -> User {
    app.user_in(admin, "supplier", "approved").await
}

#[tokio::test]
async fn an_approved_supplier_lists_a_product_with_regions_expanded() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let s = approved_supplier(&app, &admin).await;
    let a = app
        .post("/api/v1/products", Some(&s.access), product_body())
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    assert_eq!(a.body["supplier_id"], s.id.to_string());
    assert_eq!(a.body["status"], "active");
    assert_eq!(a.body["compliance"], json!([]));
    assert_eq!(a.body["title_zh"], "三色光 LED 化妆镜");
    let markets = a.body["target_markets"].as_array().unwrap();
    assert!(markets.contains(&json!("MX")) && markets.contains(&json!("BR")));
    assert!(markets.contains(&json!("US")) && !markets.contains(&json!("LATAM")));
    let id = a.body["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(app.search_changes(id).await, ["product"]);
}

#[tokio::test]
async fn pending_and_rejected_suppliers_and_hosts_cannot_list_products() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for (role, status) in [
        ("supplier", "pending"),
        ("supplier", "rejected"),
        ("host", "approved"),
    ] {
        let u = app.user_in(&admin, role, status).await;
        let a = app
            .post("/api/v1/products", Some(&u.access), product_body())
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{role} {status}");
        assert!(a.is_problem());
        let mine = app
            .get(
                &format!("/api/v1/products?supplier_id={}", u.id),
                Some(&u.access),
            )
            .await;
        assert_eq!(mine.body["total"], 0);
    }
}

#[tokio::test]
async fn invalid_products_name_every_bad_field() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let s = approved_supplier(&app, &admin).await;
    let body = json!({
        "title": " ", "category": 123456789, "target_markets": [],
        "price_cents": -1, "commission_pct": 101.0, "moq": 0,
        "image_urls": ["javascript:alert(1)", "https://ok.example/x.png"]
    });
    let a = app.post("/api/v1/products", Some(&s.access), body).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = a.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "category",
            "commission_pct",
            "image_urls[0]",
            "moq",
            "price_cents",
            "target_markets",
            "title"
        ]
    );
    let list = app.get("/api/v1/products", Some(&s.access)).await;
    assert_eq!(list.body["total"], 0);
}

#[tokio::test]
async fn server_owned_fields_in_a_product_body_are_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let s = approved_supplier(&app, &admin).await;
    let other = approved_supplier(&app, &admin).await;
    let id = app.product(&s).await;
    let before = app
        .get(&format!("/api/v1/products/{id}"), Some(&s.access))
        .await;
    for (field, value) in [
        ("status", json!("archived")),
        ("supplier_id", json!(other.id)),
        ("id", json!(uuid::Uuid::new_v4())),
        ("compliance", json!([])),
        ("created_at", json!("2020-01-01T00:00:00Z")),
        ("colour", json!("red")),
    ] {
        let mut body = product_body();
        body[field] = value.clone();
        let a = app.post("/api/v1/products", Some(&s.access), body).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "POST {field}");
        assert_eq!(a.error_fields(), [field]);
        let p = app
            .patch(
                &format!("/api/v1/products/{id}"),
                Some(&s.access),
                json!({ field: value, "price_cents": 1 }),
            )
            .await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "PATCH {field}");
    }
    let after = app
        .get(&format!("/api/v1/products/{id}"), Some(&s.access))
        .await;
    assert_eq!(after.body, before.body);
    let list = app.get("/api/v1/products", Some(&s.access)).await;
    assert_eq!(list.body["total"], 1);
}

#[tokio::test]
async fn the_owner_patches_some_fields_and_a_bad_patch_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let s = approved_supplier(&app, &admin).await;
    let id = app.product(&s).await;
    let path = format!("/api/v1/products/{id}");
    let a = app
        .patch(
            &path,
            Some(&s.access),
            json!({"price_cents": 999, "target_markets": ["EU"]}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["price_cents"], 999);
    assert_eq!(
        a.body["title"], "LED makeup mirror with 3 light modes",
        "untouched"
    );
    assert_eq!(a.body["target_markets"].as_array().unwrap().len(), 27);
    assert_eq!(app.search_changes(id).await.len(), 2);

    let bad = app
        .patch(&path, Some(&s.access), json!({"commission_pct": -3.0}))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["commission_pct"]);
    let now = app.get(&path, Some(&s.access)).await;
    assert_eq!(now.body, a.body);
    assert_eq!(
        app.search_changes(id).await.len(),
        2,
        "a failed write adds none"
    );
}

#[tokio::test]
async fn others_get_404_for_anything_they_may_not_see_or_change_and_nothing_changes() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let owner = approved_supplier(&app, &admin).await;
    let other_supplier = approved_supplier(&app, &admin).await;
    let host = app.user_in(&admin, "host", "approved").await;
    let id = app.product(&owner).await;
    let path = format!("/api/v1/products/{id}");
    let before = app.get(&path, Some(&owner.access)).await;

    for who in [&other_supplier, &host] {
        assert_eq!(
            app.get(&path, Some(&who.access)).await.status,
            StatusCode::OK,
            "active: visible"
        );
        let p = app
            .patch(&path, Some(&who.access), json!({"price_cents": 1}))
            .await;
        assert_eq!(p.status, StatusCode::NOT_FOUND);
        assert!(p.is_problem());
        assert_eq!(
            app.delete(&path, Some(&who.access)).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let admin_patch = app
        .patch(&path, Some(&admin.access), json!({"price_cents": 1}))
        .await;
    assert_eq!(admin_patch.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&path, Some(&owner.access)).await.body, before.body);

    // Archived: gone for everyone but the owner and admins.
    assert_eq!(
        app.delete(&path, Some(&owner.access)).await.status,
        StatusCode::NO_CONTENT
    );
    for who in [&other_supplier, &host] {
        let g = app.get(&path, Some(&who.access)).await;
        assert_eq!(g.status, StatusCode::NOT_FOUND);
        let list = app
            .get(
                &format!("/api/v1/products?supplier_id={}", owner.id),
                Some(&who.access),
            )
            .await;
        assert_eq!(list.body["total"], 0);
    }
    let mine = app.get(&path, Some(&owner.access)).await;
    assert_eq!(mine.body["status"], "archived");
    assert_eq!(
        app.get(&path, Some(&admin.access)).await.status,
        StatusCode::OK
    );
    let again = app.delete(&path, Some(&owner.access)).await;
    assert_eq!(
        again.status,
        StatusCode::NO_CONTENT,
        "archiving twice is fine"
    );
    assert_eq!(
        app.search_changes(id).await.len(),
        2,
        "and records no second change"
    );
    let edit = app
        .patch(&path, Some(&owner.access), json!({"price_cents": 5}))
        .await;
    assert_eq!(edit.status, StatusCode::CONFLICT);
    // An invalid body is told what is wrong with it first (422 comes before 409).
    let bad = app
        .patch(&path, Some(&owner.access), json!({"price_cents": -5}))
        .await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        bad.body
    );
}

#[tokio::test]
async fn a_suppliers_products_leave_others_view_when_it_is_suspended() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let s = approved_supplier(&app, &admin).await;
    let host = app.user_in(&admin, "host", "approved").await;
    let id = app.product(&s).await;
    app.product(&s).await;
    let list_path = format!("/api/v1/products?supplier_id={}&per_page=1", s.id);
    let list = app.get(&list_path, Some(&host.access)).await;
    assert_eq!(list.body["total"], 2);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    app.vet(&admin, s.id, "suspend").await;
    let path = format!("/api/v1/products/{id}");
    assert_eq!(
        app.get(&path, Some(&host.access)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&list_path, Some(&host.access)).await.body["total"],
        0
    );
    let missing = app.get("/api/v1/products", Some(&host.access)).await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing.error_fields(), ["supplier_id"]);
}

async fn post_with_key(
    app: &TestApp,
    who: &User,
    key: &str,
    body: serde_json::Value,
) -> crate::helpers::Answer {
    let res = app
        .client
        .post(app.url("/api/v1/products"))
        .bearer_auth(&who.access)
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap_or_default();
    crate::helpers::Answer {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn a_repeated_idempotency_key_answers_the_first_response_and_creates_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let s = approved_supplier(&app, &admin).await;
    let first = post_with_key(&app, &s, "order-42", product_body()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = post_with_key(&app, &s, "order-42", product_body()).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body);
    assert_eq!(
        app.get("/api/v1/products", Some(&s.access)).await.body["total"],
        1
    );

    let mut other_body = product_body();
    other_body["price_cents"] = json!(1);
    let misuse = post_with_key(&app, &s, "order-42", other_body).await;
    assert_eq!(misuse.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(misuse.error_fields(), ["Idempotency-Key"]);

    // Keys belong to an account: another supplier's same key is another request.
    let t = approved_supplier(&app, &admin).await;
    let theirs = post_with_key(&app, &t, "order-42", product_body()).await;
    assert_eq!(theirs.status, StatusCode::CREATED);
    assert_ne!(theirs.body["id"], first.body["id"]);

    let bad = post_with_key(&app, &s, &"k".repeat(256), product_body()).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        app.get("/api/v1/products", Some(&s.access)).await.body["total"],
        1
    );
}

#[tokio::test]
async fn requests_racing_with_one_idempotency_key_create_one_product() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let s = approved_supplier(&app, &admin).await;
    let calls = (0..6).map(|_| post_with_key(&app, &s, "race", product_body()));
    let answers = futures_util::future::join_all(calls).await;
    let ids: std::collections::HashSet<_> = answers
        .iter()
        .map(|a| {
            assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
            a.body["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        app.get("/api/v1/products", Some(&s.access)).await.body["total"],
        1
    );
}
