//! A forgotten password: the reset link, which answers alike for every address, works
//! once and for an hour, ends every session; and refusals of hostile tokens and addresses.

use std::time::Instant;

use chrono::Duration;
use hostmatch::{
    db::account_tokens,
    services::{account, web_sessions},
};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{Answer, PASSWORD, TestApp, spawn_app, unique_email};

const VERIFY: &str = "account.verify-email";
const RESET: &str = "account.reset-password";

async fn reset(app: &TestApp, token: &str, password: &str) -> Answer {
    app.post(
        "/api/v1/auth/reset-password",
        None,
        json!({ "token": token, "password": password }),
    )
    .await
}

#[tokio::test]
async fn forgot_password_answers_a_known_and_an_unknown_address_alike() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let ghost = unique_email("ghost");
    let mut answers = Vec::new();
    for email in [&user.email, &ghost] {
        let started = Instant::now();
        let a = app.forgot_password(email).await;
        let took = started.elapsed();
        assert!(took >= std::time::Duration::from_millis(300), "{took:?}");
        answers.push(a);
    }
    assert_eq!(answers[0].status, StatusCode::ACCEPTED);
    assert_eq!(answers[0].status, answers[1].status);
    assert_eq!(answers[0].body, answers[1].body);
    assert!(app.outbox_for(&ghost).await.is_empty());
    let reset_row = app.outbox_for(&user.email).await.pop().unwrap();
    assert_eq!(reset_row.template, RESET);
    let link = reset_row.payload.0["link"].as_str().unwrap();
    assert!(
        link.starts_with(&format!("{}/reset-password?token=hml_", app.address)),
        "{link}"
    );

    // The address is matched however it is typed; a non-address is a 422 about the field.
    app.forgot_password(&user.email.to_uppercase()).await;
    assert_eq!(app.outbox_for(&user.email).await.len(), 3);
    let bad = app.forgot_password("not an address").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["email"]);
}

#[tokio::test]
async fn an_address_is_sent_at_most_five_reset_links_an_hour() {
    let app = spawn_app().await;
    let user = app.pending("supplier").await;
    for _ in 0..7 {
        assert_eq!(
            app.forgot_password(&user.email).await.status,
            StatusCode::ACCEPTED
        );
    }
    let resets = app
        .outbox_for(&user.email)
        .await
        .into_iter()
        .filter(|r| r.template == RESET)
        .count();
    assert_eq!(resets, 5);
}

#[tokio::test]
async fn a_reset_sets_the_password_verifies_the_address_and_ends_every_session() {
    let app = spawn_app().await;
    let user = app.unverified("host").await;
    let second = app.login(&user.email, PASSWORD).await;
    let browser = web_sessions::start(&app.db, user.id).await.unwrap();
    app.forgot_password(&user.email).await;
    let token = app.emailed_token(&user.email, RESET).await.unwrap();
    let stored = account_tokens::for_account(app.db.conn(), user.id)
        .await
        .unwrap();
    let reset_row = stored
        .iter()
        .find(|t| t.purpose == "reset-password")
        .unwrap();
    assert_eq!(
        reset_row.expires_at - reset_row.created_at,
        Duration::hours(1)
    );

    let new_password = "a brand new passphrase";
    let a = reset(&app, &token, new_password).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(
        a.body["email_verified"], true,
        "the link proved the address"
    );
    for refresh in [
        user.refresh.as_str(),
        second.body["refresh_token"].as_str().unwrap(),
    ] {
        let r = app
            .post(
                "/api/v1/auth/refresh",
                None,
                json!({ "refresh_token": refresh }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    assert!(
        web_sessions::resolve(&app.db, &browser.token)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        app.login(&user.email, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&user.email, new_password).await.status,
        StatusCode::OK
    );
    let again = reset(&app, &token, "yet another passphrase").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(again.error_fields(), ["token"]);
    let audit = hostmatch::db::audit::by_or_about(app.db.conn(), user.id)
        .await
        .unwrap();
    assert!(audit.iter().any(|r| r.action == "account.password_reset"));
}

#[tokio::test]
async fn using_one_reset_link_spends_the_others() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    app.forgot_password(&user.email).await;
    let first = app.emailed_token(&user.email, RESET).await.unwrap();
    app.forgot_password(&user.email).await;
    let second = app.emailed_token(&user.email, RESET).await.unwrap();
    assert_ne!(first, second);
    assert_eq!(
        reset(&app, &second, "first new passphrase").await.status,
        StatusCode::OK
    );
    let a = reset(&app, &first, "second new passphrase").await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!account::reset_link_is_live(&app.db, &first).await.unwrap());
}

#[tokio::test]
async fn an_expired_reset_link_is_refused_and_the_password_stays() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    app.forgot_password(&user.email).await;
    let token = app.emailed_token(&user.email, RESET).await.unwrap();
    app.expire_links(user.id).await;
    let a = reset(&app, &token, "a brand new passphrase").await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["token"]);
    assert_eq!(
        app.login(&user.email, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_bad_new_password_is_refused_without_spending_the_link() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    app.forgot_password(&user.email).await;
    let token = app.emailed_token(&user.email, RESET).await.unwrap();
    let short = reset(&app, &token, "short").await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(short.error_fields(), ["password"]);
    assert!(account::reset_link_is_live(&app.db, &token).await.unwrap());
    assert_eq!(
        reset(&app, &token, "long enough now").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_token_works_only_for_what_it_was_sent_for() {
    let app = spawn_app().await;
    let user = app.unverified("host").await;
    let verify = app.emailed_token(&user.email, VERIFY).await.unwrap();
    app.forgot_password(&user.email).await;
    let reset_token = app.emailed_token(&user.email, RESET).await.unwrap();
    assert_eq!(
        reset(&app, &verify, "a brand new passphrase").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    for wrong in [
        reset_token.as_str(),
        user.refresh.as_str(),
        user.access.as_str(),
    ] {
        assert_eq!(
            app.verify_email(wrong).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    // Neither was spent by the wrong use.
    assert_eq!(app.verify_email(&verify).await.status, StatusCode::OK);
    assert_eq!(
        reset(&app, &reset_token, "a brand new passphrase")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn hostile_tokens_and_addresses_get_plain_refusals() {
    let app = spawn_app().await;
    let huge = "hml_".to_owned() + &"A".repeat(200_000);
    for token in [
        "",
        "' OR 1=1 --",
        "hml_\u{0}\r\nX: y",
        huge.as_str(),
        "%00",
        "../../etc",
    ] {
        let a = app.verify_email(token).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{token:.20}");
        assert_eq!(a.error_fields(), ["token"]);
        let r = reset(&app, token, "a long enough passphrase").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{token:.20}");
    }
    for email in ["a@b.example\r\nBcc: thief@evil.example", "<script>@x", ""] {
        let a = app.forgot_password(email).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{email:?}");
        assert_eq!(a.error_fields(), ["email"]);
    }
    let extra = app
        .post(
            "/api/v1/auth/verify-email",
            None,
            json!({"token": "x", "account_id": Uuid::nil()}),
        )
        .await;
    assert_eq!(extra.error_fields(), ["account_id"]);
    let wrong_type = app
        .post(
            "/api/v1/auth/forgot-password",
            None,
            json!({"email": ["a@b.example"]}),
        )
        .await;
    assert_eq!(wrong_type.status, StatusCode::UNPROCESSABLE_ENTITY);
    let not_json = app
        .client
        .post(app.url("/api/v1/auth/reset-password"))
        .body("token=x&password=y")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let broken = app
        .client
        .post(app.url("/api/v1/auth/verify-email"))
        .header("content-type", "application/json")
        .body("{\"token\":")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
}
