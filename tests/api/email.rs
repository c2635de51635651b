//! Email through the outbox: to files by default, to a real SMTP server when one is given
//! (`HOSTMATCH_TEST_SMTP`, `HOSTMATCH_TEST_MAILDIR`; `.ci/run` starts it).

use std::path::PathBuf;

use chrono::{Duration, Utc};
use mail_parser::MessageParser;

use crate::helpers::{Options, TestApp, spawn_app, spawn_app_with, unique_email};

fn parse(bytes: &[u8]) -> mail_parser::Message<'_> {
    MessageParser::default()
        .parse(bytes)
        .expect("a MIME message")
}

fn to_address(m: &mail_parser::Message<'_>) -> String {
    m.to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_approval_email_is_written_once_in_the_recipients_language() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let email = unique_email("wang");
    let host = app.pending_with("host", &email, "zh-CN").await;
    // The verification link went out before the admin looked.
    assert_eq!(app.deliver_emails_at(Utc::now()).await.sent, 1);
    app.vet(&admin, host.id, "approve").await;

    let pass = app.deliver_emails_at(Utc::now()).await;
    assert_eq!(pass.sent, 1);
    let files = app.eml_files();
    assert_eq!(files.len(), 2);
    let raw = std::fs::read(files.last().unwrap()).unwrap();
    let m = parse(&raw);
    assert_eq!(to_address(&m), email);
    assert_eq!(m.subject(), Some("您的 hostmatch 账户已通过审核"));
    assert!(m.body_text(0).unwrap().contains("已通过审核"));
    let row = &app.outbox_since_signup(&email).await[0];
    assert_eq!(row.status, "sent");
    assert_eq!(
        m.message_id(),
        Some(format!("{}@hostmatch", row.id).as_str())
    );

    // Nothing is due any more: a second pass sends nothing and writes nothing.
    let again = app.deliver_emails_at(Utc::now() + Duration::hours(1)).await;
    assert_eq!(again.sent, 0);
    assert_eq!(app.eml_files().len(), 2);
}

#[tokio::test]
async fn a_rejection_email_carries_the_reason_in_english() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.pending("supplier").await;
    app.vet(&admin, supplier.id, "reject").await;
    app.deliver_emails_at(Utc::now()).await;
    // Named by row id, the rejection sorts after the verification link.
    let raw = std::fs::read(app.eml_files().last().unwrap()).unwrap();
    let m = parse(&raw);
    assert_eq!(m.subject(), Some("Your hostmatch account was not approved"));
    assert!(
        m.body_text(0)
            .unwrap()
            .contains("Reason: reject for the test")
    );
    assert!(m.body_html(0).unwrap().contains("reject for the test"));
}

/// The test SMTP server, or None (with a note) where none runs. `.ci/run` sets
/// `HOSTMATCH_TEST_REQUIRE_SMTP=1`, which turns a missing server into a failure.
fn smtp_server() -> Option<(String, PathBuf)> {
    let addr = std::env::var("HOSTMATCH_TEST_SMTP").ok();
    let maildir = std::env::var("HOSTMATCH_TEST_MAILDIR").ok();
    match (addr, maildir) {
        (Some(a), Some(m)) => Some((format!("smtp://{a}"), PathBuf::from(m))),
        _ if std::env::var("HOSTMATCH_TEST_REQUIRE_SMTP").is_ok_and(|v| v == "1") => {
            panic!("HOSTMATCH_TEST_REQUIRE_SMTP=1 but HOSTMATCH_TEST_SMTP/MAILDIR are unset")
        }
        _ => {
            eprintln!(
                "no test SMTP server (HOSTMATCH_TEST_SMTP unset): SMTP delivery not checked here; .ci/run checks it"
            );
            None
        }
    }
}

/// Messages in the Maildir addressed to `address`.
fn delivered_to(maildir: &std::path::Path, address: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(maildir.join(sub)) else {
            continue;
        };
        for e in entries.flatten() {
            let raw = std::fs::read(e.path()).unwrap_or_default();
            if to_address(&parse(&raw)) == address {
                out.push(raw);
            }
        }
    }
    out
}

/// An app sending through `smtp_url`, where an admin has just approved a host registered
/// as `email`: the verification link it followed and the approval email wait in the
/// outbox.
async fn approved_host(smtp_url: String, email: &str) -> TestApp {
    let app = spawn_app_with(Options {
        smtp_url: Some(smtp_url),
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;
    let host = app.pending_with("host", email, "en").await;
    app.vet(&admin, host.id, "approve").await;
    app
}

#[tokio::test]
async fn the_smtp_server_receives_exactly_one_email_at_the_right_address() {
    let Some((url, maildir)) = smtp_server() else {
        return;
    };
    let email = unique_email("smtp");
    let app = approved_host(url, &email).await;
    assert_eq!(app.outbox_since_signup(&email).await.len(), 1);

    let pass = app.deliver_emails_at(Utc::now()).await;
    assert_eq!(pass.sent, 2);
    app.deliver_emails_at(Utc::now() + Duration::hours(2)).await;
    let got = delivered_to(&maildir, &email);
    assert_eq!(got.len(), 2, "the link and the approval, once each");
    let subjects: Vec<_> = got
        .iter()
        .map(|raw| parse(raw).subject().map(str::to_owned))
        .collect();
    assert!(subjects.contains(&Some("Your hostmatch account is approved".to_owned())));
    assert!(subjects.contains(&Some("Confirm your email address for hostmatch".to_owned())));
    assert!(app.eml_files().is_empty(), "SMTP configured: no files");
}

#[tokio::test]
async fn an_email_the_server_refuses_for_now_is_retried_and_arrives_once_it_accepts() {
    let Some((url, maildir)) = smtp_server() else {
        return;
    };
    // The test server answers 451 to this address four times, then accepts it: the
    // verification link and the approval are each refused twice.
    let email = format!(
        "retry+tempfail4-{}@example.test",
        uuid::Uuid::new_v4().simple()
    );
    let app = approved_host(url, &email).await;

    let t0 = Utc::now();
    assert_eq!(app.deliver_emails_at(t0).await.retried, 2);
    let row = &app.outbox_since_signup(&email).await[0];
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert!(row.last_error.as_deref().unwrap_or("").contains("451"));
    assert!(row.next_attempt_at > t0, "backed off");
    assert_eq!(
        app.deliver_emails_at(t0).await,
        Default::default(),
        "not due yet"
    );

    assert_eq!(
        app.deliver_emails_at(t0 + Duration::hours(1)).await.retried,
        2
    );
    assert!(delivered_to(&maildir, &email).is_empty());
    assert_eq!(app.deliver_emails_at(t0 + Duration::hours(2)).await.sent, 2);
    let row = &app.outbox_since_signup(&email).await[0];
    assert_eq!((row.status.as_str(), row.attempts), ("sent", 3));
    assert_eq!(delivered_to(&maildir, &email).len(), 2);
}

#[tokio::test]
async fn a_permanent_refusal_is_recorded_and_not_retried() {
    let Some((url, _maildir)) = smtp_server() else {
        return;
    };
    let email = format!("gone+reject-{}@example.test", uuid::Uuid::new_v4().simple());
    let app = approved_host(url, &email).await;
    assert_eq!(app.deliver_emails_at(Utc::now()).await.failed, 2);
    let row = &app.outbox_since_signup(&email).await[0];
    assert_eq!(row.status, "failed");
    assert!(row.last_error.as_deref().unwrap_or("").contains("550"));
    let later = app.deliver_emails_at(Utc::now() + Duration::days(1)).await;
    assert_eq!(later, Default::default());
}

#[tokio::test]
async fn an_smtp_server_that_is_down_means_retry_not_loss() {
    // A port nothing listens on: connections are refused, as when the server is down.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app = spawn_app_with(Options {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;
    let host = app.pending("host").await;
    app.vet(&admin, host.id, "approve").await;
    let t0 = Utc::now();
    for hour in 0..3 {
        let pass = app.deliver_emails_at(t0 + Duration::hours(hour)).await;
        assert_eq!(pass.retried, 2, "hour {hour}: the link and the approval");
    }
    let row = &app.outbox_since_signup(&host.email).await[0];
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 3));
    assert!(row.last_error.is_some());
}

#[tokio::test]
async fn offer_emails_reach_each_party_in_their_language_over_smtp() {
    let Some((url, maildir)) = smtp_server() else {
        return;
    };
    let app = spawn_app_with(Options {
        smtp_url: Some(url),
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;
    let host_email = unique_email("zhhost");
    let host = app.pending_with("host", &host_email, "zh-CN").await;
    app.vet(&admin, host.id, "approve").await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let product = app.product(&supplier).await;
    let offer = app
        .post(
            "/api/v1/offers",
            Some(&supplier.access),
            serde_json::json!({"host_id": host.id, "product_ids": [product], "commission_pct": 12.0}),
        )
        .await;
    assert_eq!(offer.status, reqwest::StatusCode::CREATED);
    let path = format!(
        "/api/v1/offers/{}/accept",
        offer.body["id"].as_str().unwrap()
    );
    app.post(&path, Some(&host.access), serde_json::json!({}))
        .await;
    app.deliver_emails_at(Utc::now()).await;

    let to_host: Vec<String> = delivered_to(&maildir, &host_email)
        .iter()
        .filter_map(|raw| parse(raw).subject().map(str::to_owned))
        .collect();
    assert!(
        to_host.iter().any(|s| s.ends_with("向您发来合作邀约")),
        "{to_host:?}"
    );
    let to_supplier: Vec<String> = delivered_to(&maildir, &supplier.email)
        .iter()
        .filter_map(|raw| parse(raw).subject().map(str::to_owned))
        .collect();
    assert!(
        to_supplier
            .iter()
            .any(|s| s.ends_with("accepted your offer")),
        "{to_supplier:?}"
    );
}
