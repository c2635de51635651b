//! API.md's order of refusals where a request fails several ways at once: 401, then 403,
//! then 404, then 400/415 and 422, then 409 and 429. The access table checks bodies; these
//! are the paths, query strings and headers.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{product_body, spawn_app};

#[tokio::test]
async fn a_caller_who_may_not_ask_is_told_so_before_anything_about_the_question() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.user_in(&admin, "host", "approved").await;
    for path in [
        "/api/v1/admin/accounts?per_page=0",
        "/api/v1/admin/accounts?status=sleeping",
        "/api/v1/admin/audit-log?page=x",
        "/api/v1/admin/market-rules?category=abc",
        "/api/v1/admin/screening-terms?kind=a&kind=b",
    ] {
        let a = app.get(path, Some(&host.access)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{path}: {:?}", a.body);
        assert_eq!(
            app.get(path, None).await.status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        let as_admin = app.get(path, Some(&admin.access)).await.status;
        assert!(
            matches!(as_admin.as_u16(), 400 | 422),
            "{path}: an admin is told what is wrong, got {as_admin}"
        );
    }
    for path in [
        "/api/v1/admin/market-rules/not-a-uuid",
        "/api/v1/admin/screening-terms/not-a-uuid",
    ] {
        let a = app.delete(path, Some(&host.access)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(
            app.delete(path, Some(&admin.access)).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let path = "/api/v1/admin/accounts/not-a-uuid/approve";
    assert_eq!(
        app.post(path, Some(&host.access), json!({})).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_bad_idempotency_key_is_answered_after_who_may_create() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.user_in(&admin, "host", "approved").await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let long_key = "k".repeat(300);
    let post = |token: String| {
        let client = reqwest::Client::new();
        let url = app.url("/api/v1/products");
        let key = long_key.clone();
        async move {
            client
                .post(url)
                .bearer_auth(token)
                .header("Idempotency-Key", key)
                .json(&product_body())
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(post(host.access.clone()).await, StatusCode::FORBIDDEN);
    assert_eq!(post(supplier.access.clone()).await, StatusCode::BAD_REQUEST);
}
