//! Host and supplier profiles: validation, server-owned fields, visibility, the queue.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{host_profile_body, spawn_app, supplier_profile_body};

#[tokio::test]
async fn a_host_profile_is_stored_checked_and_derived() {
    let app = spawn_app().await;
    let host = app.pending("host").await;
    let mut body = host_profile_body();
    body["markets"] = json!(["LATAM", "ES"]);
    let a = app.put("/api/v1/hosts/me", Some(&host.access), body).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["id"], host.id.to_string());
    assert_eq!(a.body["account_id"], host.id.to_string());
    assert_eq!(a.body["followers_total"], 150_500);
    assert_eq!(a.body["rating"], serde_json::Value::Null);
    assert_eq!(a.body["completed_collaborations"], 0);
    assert_eq!(a.body["status"], "pending");
    assert_eq!(
        a.body["languages"][0],
        json!({"code": "es", "level": "native"})
    );
    let markets = a.body["markets"].as_array().unwrap();
    for c in ["MX", "BR", "AR", "ES"] {
        assert!(markets.contains(&json!(c)), "LATAM expands: {markets:?}");
    }
    assert!(!markets.contains(&json!("LATAM")));
    let me = app.get("/api/v1/hosts/me", Some(&host.access)).await;
    assert_eq!(me.body, a.body);

    // PUT replaces: what is left out is gone.
    let mut smaller = host_profile_body();
    smaller["platforms"] = json!([]);
    let b = app
        .put("/api/v1/hosts/me", Some(&host.access), smaller)
        .await;
    assert_eq!(b.body["followers_total"], 0);
}

#[tokio::test]
async fn invalid_host_fields_are_each_named_and_change_nothing() {
    let app = spawn_app().await;
    let host = app.pending("host").await;
    let body = json!({
        "display_name": "",
        "country": "LATAM",
        "languages": [{"code": "xx", "level": "native"}],
        "markets": ["MX", "ATLANTIS"],
        "categories": [999999999],
        "platforms": [{"name": "myspace", "handle": "h", "followers": -5}],
        "min_commission_pct": 150.0,
        "min_fee_cents": -1
    });
    let a = app.put("/api/v1/hosts/me", Some(&host.access), body).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.is_problem());
    let mut fields = a.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "categories",
            "country",
            "display_name",
            "languages[0].code",
            "markets",
            "min_commission_pct",
            "min_fee_cents",
            "platforms[0].followers",
            "platforms[0].name",
        ]
    );
    assert_eq!(
        app.get("/api/v1/hosts/me", Some(&host.access)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        app.search_changes(host.id).await.is_empty(),
        "a failed write adds no change"
    );
    let bad_level = json!({"languages": [{"code": "es", "level": "excellent"}]});
    let mut body = host_profile_body();
    body["languages"] = bad_level["languages"].clone();
    let a = app.put("/api/v1/hosts/me", Some(&host.access), body).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["languages[0].level"]);
}

#[tokio::test]
async fn server_owned_and_unknown_fields_are_refused_not_ignored() {
    let app = spawn_app().await;
    let host = app.pending("host").await;
    let ok = app
        .put("/api/v1/hosts/me", Some(&host.access), host_profile_body())
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    for (field, value) in [
        ("rating", json!(5.0)),
        ("completed_collaborations", json!(99)),
        ("review_count", json!(12)),
        ("followers_total", json!(10_000_000)),
        ("status", json!("approved")),
        ("account_id", json!(uuid::Uuid::new_v4())),
        ("id", json!(uuid::Uuid::new_v4())),
        ("favourite_colour", json!("red")),
    ] {
        let mut body = host_profile_body();
        body["display_name"] = json!("Changed");
        body[field] = value;
        let a = app.put("/api/v1/hosts/me", Some(&host.access), body).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(a.error_fields(), [field]);
    }
    let after = app.get("/api/v1/hosts/me", Some(&host.access)).await;
    assert_eq!(after.body, ok.body, "nothing changed");
    assert_eq!(app.search_changes(host.id).await.len(), 1);
}

#[tokio::test]
async fn a_licence_number_with_a_wrong_check_character_is_refused() {
    let app = spawn_app().await;
    let supplier = app.pending("supplier").await;
    let a = app
        .put(
            "/api/v1/suppliers/me",
            Some(&supplier.access),
            supplier_profile_body(),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["license_number"], "91350100M000100Y43");
    assert_eq!(
        a.body["target_markets"].as_array().unwrap().len(),
        20,
        "LATAM"
    );
    let mut off_by_one = supplier_profile_body();
    off_by_one["license_number"] = json!("91350100M000100Y44");
    off_by_one["company_name"] = json!("Renamed");
    let b = app
        .put("/api/v1/suppliers/me", Some(&supplier.access), off_by_one)
        .await;
    assert_eq!(b.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b.error_fields(), ["license_number"]);
    let me = app
        .get("/api/v1/suppliers/me", Some(&supplier.access))
        .await;
    assert_eq!(me.body["company_name"], "Shenzhen Bright Mirror Co., Ltd.");
    let mut bad_site = supplier_profile_body();
    bad_site["website"] = json!("javascript:alert(1)");
    let c = app
        .put("/api/v1/suppliers/me", Some(&supplier.access), bad_site)
        .await;
    assert_eq!(c.error_fields(), ["website"]);
}

#[tokio::test]
async fn profiles_show_to_others_only_while_approved() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    app.put("/api/v1/hosts/me", Some(&host.access), host_profile_body())
        .await;
    let viewer = app.pending("supplier").await;
    let path = format!("/api/v1/hosts/{}", host.id);

    assert_eq!(
        app.get(&path, Some(&viewer.access)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path, Some(&host.access)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get(&path, Some(&admin.access)).await.status,
        StatusCode::OK
    );

    app.vet(&admin, host.id, "approve").await;
    let seen = app.get(&path, Some(&viewer.access)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.body["status"], "approved");

    app.vet(&admin, host.id, "suspend").await;
    let gone = app.get(&path, Some(&viewer.access)).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let unknown = app
        .get(
            &format!("/api/v1/hosts/{}", uuid::Uuid::new_v4()),
            Some(&viewer.access),
        )
        .await;
    assert_eq!(gone.body, unknown.body, "hidden looks exactly like absent");
}

#[tokio::test]
async fn the_vetting_queue_shows_each_accounts_profile() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    let supplier = app.pending("supplier").await;
    let bare = app.pending("host").await;
    app.put("/api/v1/hosts/me", Some(&host.access), host_profile_body())
        .await;
    app.put(
        "/api/v1/suppliers/me",
        Some(&supplier.access),
        supplier_profile_body(),
    )
    .await;
    let q = app
        .get("/api/v1/admin/accounts?status=pending", Some(&admin.access))
        .await;
    let items = q.body["items"].as_array().unwrap();
    let find = |id: uuid::Uuid| items.iter().find(|i| i["id"] == id.to_string()).unwrap();
    assert_eq!(find(host.id)["profile"]["followers_total"], 150_500);
    assert_eq!(
        find(supplier.id)["profile"]["license_number"],
        "91350100M000100Y43"
    );
    assert_eq!(find(bare.id)["profile"], serde_json::Value::Null);
}

#[tokio::test]
async fn each_searchable_write_adds_exactly_one_change() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    let supplier = app.pending("supplier").await;
    app.put("/api/v1/hosts/me", Some(&host.access), host_profile_body())
        .await;
    app.put("/api/v1/hosts/me", Some(&host.access), host_profile_body())
        .await;
    assert_eq!(app.search_changes(host.id).await.len(), 2);
    app.put(
        "/api/v1/suppliers/me",
        Some(&supplier.access),
        supplier_profile_body(),
    )
    .await;
    app.vet(&admin, supplier.id, "approve").await;
    let changes = app.search_changes(supplier.id).await;
    let kinds: Vec<_> = changes.iter().map(String::as_str).collect();
    assert_eq!(kinds, ["supplier", "account"]);
}
