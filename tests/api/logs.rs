//! A debug-level log of the real binary, through every flow of the service, holds no
//! password, token, secret or email address.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;

use crate::{
    helpers::{PASSWORD, TEST_SECRET, fresh_database_url, unique_email},
    process::{Server, create_admin_cli},
};

#[tokio::test]
async fn a_debug_log_of_every_flow_leaks_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let admin_email = create_admin_cli(dir.path(), &url);
    let log_path = dir.path().join("debug.log");
    let server = Server::start_logging(dir.path(), &url, Some(&log_path)).await;
    let call = |path: &'static str, token: Option<String>, body: serde_json::Value| {
        let server = &server;
        async move { server.post(path, token.as_deref(), body).await.unwrap() }
    };

    let admin_token = server.token(&admin_email).await;
    let email = unique_email("secretive");
    let (status, account) = call(
        "/api/v1/auth/register",
        None,
        json!({"email": email, "password": PASSWORD, "role": "host", "display_name": "Quiet"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let verify_token = server.verify(&email).await;
    let login = json!({"email": email, "password": PASSWORD});
    let (_, session) = call("/api/v1/auth/login", None, login).await;
    let refresh = session["refresh_token"].as_str().unwrap().to_owned();
    let access = session["access_token"].as_str().unwrap().to_owned();
    let body = json!({"refresh_token": refresh});
    let (status, rotated) = call("/api/v1/auth/refresh", None, body.clone()).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = call("/api/v1/auth/refresh", None, body).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "replay detected");
    let wrong = json!({"email": email, "password": "a wrong password"});
    call("/api/v1/auth/login", None, wrong).await;
    let me = reqwest::Client::new()
        .get(format!("{}/api/v1/me", server.base))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    let approve = format!(
        "/api/v1/admin/accounts/{}/approve",
        account["id"].as_str().unwrap()
    );
    let (status, _) = server
        .post(&approve, Some(&admin_token), json!({}))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK);
    let out = json!({"refresh_token": rotated["refresh_token"]});
    call("/api/v1/auth/logout", None, out).await;

    // The lifecycle: settings, a new password, a forgotten one, an export, closing.
    let settings = reqwest::Client::new()
        .patch(format!("{}/api/v1/me", server.base))
        .bearer_auth(&access)
        .json(&json!({"time_zone": "Asia/Shanghai"}))
        .send()
        .await
        .unwrap();
    assert_eq!(settings.status(), StatusCode::OK);
    let second = "a second long password";
    let change = json!({"current_password": PASSWORD, "new_password": second});
    let (status, _) = call("/api/v1/me/password", Some(access.clone()), change).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = call(
        "/api/v1/auth/forgot-password",
        None,
        json!({"email": email}),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let reset_token = server.emailed_token(&email, "account.reset-password").await;
    let third = "a third long password";
    let reset = json!({"token": reset_token, "password": third});
    let (status, _) = call("/api/v1/auth/reset-password", None, reset).await;
    assert_eq!(status, StatusCode::OK);
    let export = reqwest::Client::new()
        .get(format!("{}/api/v1/me/export", server.base))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    let close = reqwest::Client::new()
        .delete(format!("{}/api/v1/me", server.base))
        .bearer_auth(&access)
        .json(&json!({"password": third}))
        .send()
        .await
        .unwrap();
    assert_eq!(close.status(), StatusCode::NO_CONTENT);

    // Let the worker send an email, then stop the server.
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_dir(dir.path().join("outbox")).map_or(0, |d| d.count()) == 0 {
        assert!(Instant::now() < deadline, "no email was written");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.signal("-TERM");
    let mut server = server;
    let _ = server.child.wait();

    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(log.contains("DEBUG"), "the log was written at debug level");
    assert!(log.contains("account registered"));
    assert!(log.contains("email sent"));
    assert!(log.contains("request.id"), "lines carry the request id");
    let secrets = [
        PASSWORD.to_owned(),
        "a wrong password".to_owned(),
        TEST_SECRET.to_owned(),
        access,
        refresh,
        admin_token,
        rotated["access_token"].as_str().unwrap().to_owned(),
        rotated["refresh_token"].as_str().unwrap().to_owned(),
        email,
        admin_email,
        verify_token,
        reset_token,
        second.to_owned(),
        third.to_owned(),
    ];
    for s in &secrets {
        assert!(!log.contains(s.as_str()), "the log contains {s:?}");
    }
    // Nor a JWT of any kind (they start with a base64 `{"`).
    assert!(!log.contains("eyJ"));
}
