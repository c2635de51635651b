//! The HTTP edge: problem+json for every failure, body limits, headers, ops endpoints, docs.

use reqwest::StatusCode;

use crate::helpers::{Answer, spawn_app, unique_email};

async fn raw_post(
    app: &crate::helpers::TestApp,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Answer {
    let mut req = app.client.post(app.url(path)).body(body);
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap_or(serde_json::Value::Null);
    Answer {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let app = spawn_app().await;
    let body = format!(
        r#"{{"email":"{}","password":"long enough pw","role":"host","display_name":"x"}}"#,
        unique_email("ct")
    );
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let a = raw_post(&app, "/api/v1/auth/register", ct, body.clone().into_bytes()).await;
        assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct:?}");
        assert!(a.is_problem());
    }
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    for body in [
        &b"{"[..],
        b"{\"email\": }",
        b"{\"email\": \"a@b.c\", ",
        b"\xff\xfe",
    ] {
        let a = raw_post(
            &app,
            "/api/v1/auth/login",
            Some("application/json"),
            body.to_vec(),
        )
        .await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{body:?}");
        assert!(a.is_problem());
    }
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_413() {
    let app = spawn_app().await;
    let big = format!(
        r#"{{"email":"{}","password":"x"}}"#,
        "a".repeat(1024 * 1024 + 10)
    );
    let a = raw_post(
        &app,
        "/api/v1/auth/login",
        Some("application/json"),
        big.into_bytes(),
    )
    .await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(a.is_problem());
}

#[tokio::test]
async fn wrong_types_are_422_naming_the_field() {
    let app = spawn_app().await;
    let a = raw_post(
        &app,
        "/api/v1/auth/login",
        Some("application/json"),
        br#"{"email": 5, "password": "x"}"#.to_vec(),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.is_problem());
    assert_eq!(a.error_fields(), ["email"]);
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_problem_json() {
    let app = spawn_app().await;
    let a = app.get("/api/v1/nothing-here", None).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.is_problem());
    let a = app
        .call(reqwest::Method::PUT, "/api/v1/me", None, None)
        .await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(a.is_problem());
}

#[tokio::test]
async fn answers_carry_security_headers_and_a_request_id() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let a = app.get("/api/v1/me", Some(&user.access)).await;
    let h = &a.headers;
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["content-security-policy"], "frame-ancestors 'none'");
    assert_eq!(h["cache-control"], "no-store");
    assert!(!h["x-request-id"].is_empty());
    let given = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-me-123")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "trace-me-123");
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = spawn_app().await;
    let a = app.get("/healthz", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["status"], "ok");
    let a = app.get("/readyz", None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["database"], "ok");
    assert_eq!(a.body["index"]["lag"], 0);
    let m = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(m.status(), StatusCode::OK);
    let text = m.text().await.unwrap();
    assert!(text.contains("hostmatch_http_requests_total"), "{text}");
    assert!(text.contains("hostmatch_email_outbox_rows"), "{text}");
}

#[tokio::test]
async fn the_openapi_document_and_the_docs_page_are_served() {
    let app = spawn_app().await;
    let doc = app.get("/api-docs/openapi.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    assert!(doc.body["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/admin/accounts",
        "/api/v1/admin/accounts/{id}/{action}",
        "/api/v1/admin/audit-log",
        "/api/v1/admin/market-rules",
        "/api/v1/admin/market-rules/{id}",
        "/api/v1/admin/screening-terms",
        "/api/v1/admin/screening-terms/{id}",
        "/api/v1/platforms",
    ] {
        assert!(doc.body["paths"].get(path).is_some(), "{path} missing");
    }
    let schemas = &doc.body["components"]["schemas"];
    for schema in [
        "FindingView",
        "RuleView",
        "TermView",
        "OfferWarning",
        "FlaggedProduct",
    ] {
        assert!(schemas.get(schema).is_some(), "{schema} missing");
    }
    let view = &schemas["ProductView"]["properties"];
    assert!(view.get("compliance").is_some() && view.get("findings").is_none());
    let page = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("swagger"));
}

#[tokio::test]
async fn shutdown_finishes_cleanly() {
    let app = spawn_app().await;
    app.pending("host").await;
    app.stop().await;
}

#[tokio::test]
async fn an_exhausted_database_pool_answers_503_with_retry_after_not_a_hang() {
    use sea_orm::TransactionTrait;
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        db_pool_size: Some(1),
        ..Default::default()
    })
    .await;
    let user = app.pending("host").await;
    // Hold the only connection, as a burst of slow requests would.
    let held = app.db.conn().begin().await.unwrap();
    let started = std::time::Instant::now();
    let a = app.get("/api/v1/me", Some(&user.access)).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(a.is_problem(), "{:?}", a.body);
    assert!(a.headers.contains_key("retry-after"));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    held.rollback().await.unwrap();
    let again = app.get("/api/v1/me", Some(&user.access)).await;
    assert_eq!(again.status, StatusCode::OK);
}
