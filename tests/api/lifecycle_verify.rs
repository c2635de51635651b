//! Proving the address: the link registration emails, another on request, approving
//! only verified accounts, and the vetting emails that link to the login page.

use chrono::Duration;
use hostmatch::{
    db::account_tokens,
    email::templates::{self, TemplateName},
    services::account,
};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{spawn_app, unique_email};

const VERIFY: &str = "account.verify-email";

#[tokio::test]
async fn registration_emails_a_link_to_a_page_that_verifies_the_address_once() {
    let app = spawn_app().await;
    let user = app.unverified("host").await;
    let me = app.get("/api/v1/me", Some(&user.access)).await;
    assert_eq!(me.body["email_verified"], false);

    let rows = app.outbox_for(&user.email).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].template, VERIFY);
    let link = rows[0].payload.0["link"].as_str().unwrap();
    assert!(
        link.starts_with(&format!("{}/verify-email?token=hml_", app.address)),
        "a web page, not an API address: {link}"
    );
    assert!(
        link.ends_with("&lang=en"),
        "in the recipient's language: {link}"
    );
    let token = app.emailed_token(&user.email, VERIFY).await.unwrap();
    // Only the hash is kept, and the link works for 48 hours.
    let stored = account_tokens::for_account(app.db.conn(), user.id)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, token);
    assert_eq!(
        stored[0].expires_at - stored[0].created_at,
        Duration::hours(48)
    );

    // Opening the page asks whether the link is live, and spends nothing.
    for _ in 0..2 {
        assert!(
            account::verification_link_is_live(&app.db, &token)
                .await
                .unwrap()
        );
    }
    let first = app.verify_email(&token).await;
    assert_eq!(first.status, StatusCode::OK, "{:?}", first.body);
    assert_eq!(first.body["email_verified"], true);
    assert_eq!(first.body["id"], user.id.to_string());
    let again = app.verify_email(&token).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.is_problem());
    assert_eq!(again.error_fields(), ["token"]);
    assert_eq!(
        again.body["errors"][0]["message"],
        "is invalid or has expired"
    );
    assert!(
        !account::verification_link_is_live(&app.db, &token)
            .await
            .unwrap()
    );
    let me = app.get("/api/v1/me", Some(&user.access)).await;
    assert_eq!(me.body["email_verified"], true);
}

#[tokio::test]
async fn the_verification_email_speaks_the_accounts_language() {
    let app = spawn_app().await;
    let email = unique_email("zh");
    app.unverified_with("supplier", &email, "zh-CN").await;
    let row = &app.outbox_for(&email).await[0];
    assert_eq!(row.locale, "zh-CN");
    let mail =
        templates::render(TemplateName::AccountVerifyEmail, row.locale, &row.payload.0).unwrap();
    assert_eq!(mail.subject, "请确认您在 hostmatch 的邮箱地址");
    assert!(mail.text.contains("48 小时内有效"));
    assert!(mail.text.contains("/verify-email?token=hml_"));
    assert!(mail.html.contains("href=\""));
}

#[tokio::test]
async fn an_expired_verification_link_is_refused() {
    let app = spawn_app().await;
    let user = app.unverified("host").await;
    let token = app.emailed_token(&user.email, VERIFY).await.unwrap();
    app.expire_links(user.id).await;
    let a = app.verify_email(&token).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["token"]);
    let me = app.get("/api/v1/me", Some(&user.access)).await;
    assert_eq!(me.body["email_verified"], false);
}

#[tokio::test]
async fn another_link_is_sent_at_most_five_times_an_hour_counting_the_first() {
    let app = spawn_app().await;
    let user = app.unverified("host").await;
    let resend = || {
        app.post(
            "/api/v1/auth/resend-verification",
            Some(&user.access),
            json!({}),
        )
    };
    for _ in 0..4 {
        let a = resend().await;
        assert_eq!(a.status, StatusCode::ACCEPTED, "{:?}", a.body);
    }
    let sixth = resend().await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(sixth.is_problem());
    let retry: u64 = sixth.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3500..=3600).contains(&retry), "{retry}");
    let links = app.outbox_for(&user.email).await;
    assert_eq!(links.len(), 5);

    // Any of them verifies; the others are spent with it.
    let first = links[0].payload.0["link"]
        .as_str()
        .unwrap()
        .split_once("token=")
        .unwrap()
        .1
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let newest = app.emailed_token(&user.email, VERIFY).await.unwrap();
    assert_eq!(app.verify_email(&newest).await.status, StatusCode::OK);
    assert_eq!(
        app.verify_email(&first).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // A verified address is sent nothing, and hears the same answer.
    let other = app.pending("host").await;
    let a = app
        .post(
            "/api/v1/auth/resend-verification",
            Some(&other.access),
            json!({}),
        )
        .await;
    assert_eq!(a.status, StatusCode::ACCEPTED);
    assert_eq!(app.outbox_for(&other.email).await.len(), 1);
    let anonymous = app
        .post("/api/v1/auth/resend-verification", None, json!({}))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn approving_waits_until_the_address_is_verified() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.unverified("host").await;
    let queue = app
        .get("/api/v1/admin/accounts?status=pending", Some(&admin.access))
        .await;
    let listed = queue.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == host.id.to_string())
        .unwrap();
    assert_eq!(listed["email_verified"], false);

    let path = format!("/api/v1/admin/accounts/{}/approve", host.id);
    let refused = app.post(&path, Some(&admin.access), json!({})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.is_problem());
    assert_eq!(refused.body["type"], "/problems/email-not-verified");
    let me = app.get("/api/v1/me", Some(&host.access)).await;
    assert_eq!(me.body["status"], "pending");
    assert_eq!(
        app.outbox_for(&host.email).await.len(),
        1,
        "no approval email"
    );

    // Once verified it is approved; approving again is told as the wrong status it is.
    let token = app.emailed_token(&host.email, VERIFY).await.unwrap();
    assert_eq!(app.verify_email(&token).await.status, StatusCode::OK);
    let approved = app.post(&path, Some(&admin.access), json!({})).await;
    assert_eq!(approved.status, StatusCode::OK, "{:?}", approved.body);
    let twice = app.post(&path, Some(&admin.access), json!({})).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert_eq!(twice.body["type"], "/problems/conflict");

    // Rejecting needs no verified address.
    let other = app.unverified("supplier").await;
    app.post(
        &format!("/api/v1/admin/accounts/{}/reject", other.id),
        Some(&admin.access),
        json!({"reason": "no licence"}),
    )
    .await;
    let row = hostmatch::db::accounts::find(app.db.conn(), other.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, "rejected");
}

#[tokio::test]
async fn vetting_emails_link_to_the_login_page() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    app.vet(&admin, host.id, "approve").await;
    let rows = app.outbox_for(&host.email).await;
    let approved = rows
        .iter()
        .find(|r| r.template == "account.approved")
        .unwrap();
    assert_eq!(
        approved.payload.0["login_url"],
        format!("{}/login?lang=en", app.address),
        "the page opens in the recipient's language"
    );
    let mail = templates::render(approved.template, approved.locale, &approved.payload.0).unwrap();
    assert!(mail.text.contains(&format!("{}/login", app.address)));
    assert!(!mail.text.contains("/api/"));
}
