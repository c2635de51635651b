//! Registration, login, refresh rotation, logout and login throttling.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Options, PASSWORD, spawn_app, spawn_app_with, unique_email};

#[tokio::test]
async fn registration_creates_a_pending_account() {
    let app = spawn_app().await;
    let email = unique_email("ana");
    let a = app.register(&email, "host", "zh-CN").await;
    assert_eq!(a.status, StatusCode::CREATED);
    assert_eq!(a.body["status"], "pending");
    assert_eq!(a.body["role"], "host");
    assert_eq!(a.body["email"], email);
    assert_eq!(a.body["locale"], "zh-CN");
    assert!(a.body.get("password").is_none() && a.body.get("password_hash").is_none());
    let me = app.pending_with("supplier", &unique_email("b"), "en").await;
    let a = app.get("/api/v1/me", Some(&me.access)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["id"], me.id.to_string());
}

#[tokio::test]
async fn invalid_registration_names_every_bad_field_and_creates_nothing() {
    let app = spawn_app().await;
    let a = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "not-an-email", "password": "short", "role": "admin",
                   "display_name": "Bad\r\nBcc: x@example.test", "locale": "fr"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.is_problem(), "{:?}", a.body);
    let mut fields = a.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        ["display_name", "email", "locale", "password", "role"]
    );
    let login = app.login("not-an-email", "short").await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn missing_or_extra_fields_are_refused() {
    let app = spawn_app().await;
    let a = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": unique_email("x")}),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.is_problem());
    let email = unique_email("x");
    let a = app
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": email, "password": PASSWORD, "role": "host",
                   "display_name": "X", "status": "approved"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["status"]);
    assert_eq!(
        app.login(&email, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_taken_email_is_a_conflict_whatever_its_case() {
    let app = spawn_app().await;
    let email = unique_email("dup");
    assert_eq!(
        app.register(&email, "host", "en").await.status,
        StatusCode::CREATED
    );
    let again = app.register(&email.to_uppercase(), "supplier", "en").await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.is_problem());
}

#[tokio::test]
async fn concurrent_registrations_all_succeed() {
    let app = spawn_app().await;
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let email = unique_email(&format!("c{i}"));
            let app = &app;
            async move { app.register(&email, "host", "en").await.status }
        })
        .collect();
    let statuses = join_all(tasks).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let wrong = app.login(&user.email, "wrong password!!").await;
    let unknown = app.login(&unique_email("nobody"), "wrong password!!").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.body, unknown.body);
    assert!(wrong.is_problem());
}

#[tokio::test]
async fn login_answers_a_bearer_pair_and_the_account() {
    let app = spawn_app().await;
    let email = unique_email("pair");
    app.register(&email, "supplier", "en").await;
    let a = app.login(&email.to_uppercase(), PASSWORD).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["token_type"], "Bearer");
    assert_eq!(a.body["expires_in"], 900);
    assert_eq!(a.body["account"]["email"], email);
    assert!(a.body["refresh_token"].as_str().unwrap().len() >= 43);
}

#[tokio::test]
async fn stored_password_hash_is_argon2id_with_owasp_parameters() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let row = hostmatch::db::accounts::find(app.db.conn(), user.id)
        .await
        .unwrap()
        .unwrap();
    assert!(
        row.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        row.password_hash
    );
    assert!(!row.password_hash.contains(PASSWORD));
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_token_ends_the_family() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let first = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": user.refresh}),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    let second_refresh = first.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second_refresh, user.refresh);
    let new_access = first.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get("/api/v1/me", Some(&new_access)).await.status,
        StatusCode::OK
    );

    // The spent token comes back: reuse. The whole family dies, including the new one.
    let replay = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": user.refresh}),
        )
        .await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
    assert!(replay.is_problem());
    let after = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": second_refresh}),
        )
        .await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);

    // Another login's family is untouched.
    let other = app.login(&user.email, PASSWORD).await;
    let other_refresh = other.body["refresh_token"].as_str().unwrap();
    let ok = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": other_refresh}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
}

#[tokio::test]
async fn two_refreshes_racing_with_one_token_leave_one_winner() {
    let app = spawn_app().await;
    let user = app.pending("supplier").await;
    let body = json!({"refresh_token": user.refresh});
    let (a, b) = tokio::join!(
        app.post("/api/v1/auth/refresh", None, body.clone()),
        app.post("/api/v1/auth/refresh", None, body.clone())
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNAUTHORIZED]);
    // The loser presented a spent token, which is what a thief does: the family ends, and
    // with it the winner's new token. The client signs in again.
    let winner = if a.status == StatusCode::OK { a } else { b };
    let next = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": winner.body["refresh_token"]}),
        )
        .await;
    assert_eq!(next.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login(&user.email, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn logout_ends_the_refresh_family() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let out = app
        .post(
            "/api/v1/auth/logout",
            None,
            json!({"refresh_token": user.refresh}),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let again = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": user.refresh}),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    let twice = app
        .post(
            "/api/v1/auth/logout",
            None,
            json!({"refresh_token": user.refresh}),
        )
        .await;
    assert_eq!(
        twice.status,
        StatusCode::NO_CONTENT,
        "logging out twice is fine"
    );
}

#[tokio::test]
async fn login_attempts_are_throttled_per_address_known_or_not() {
    // 10 an hour: a burst of 5, refilled at 5 an hour, so no hour sees more than 10.
    let app = spawn_app_with(Options {
        login_attempts_per_hour: Some(10),
        ..Default::default()
    })
    .await;
    let user = app.pending("host").await;
    let ghost = unique_email("ghost");
    // The signed-in helper spent one attempt of the user's five.
    for (email, tries) in [(&user.email, 4), (&ghost, 5)] {
        for _ in 0..tries {
            let a = app.login(email, "not the password").await;
            assert_eq!(a.status, StatusCode::UNAUTHORIZED);
        }
    }
    let blocked = app.login(&user.email, "not the password").await;
    let blocked_ghost = app.login(&ghost, "not the password").await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.is_problem());
    // An unknown address is throttled alike, so 429 tells nobody an account exists.
    assert_eq!(blocked_ghost.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(blocked.body, blocked_ghost.body);
    let retry: u64 = blocked.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    // One attempt refills in 3600 / 5 = 720 s.
    assert!((600..=720).contains(&retry), "{retry}");
    // Even the right password waits: that is what stops guessing.
    let right = app.login(&user.email.to_uppercase(), PASSWORD).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    // Other accounts are not affected.
    let other = app.pending("host").await;
    assert_eq!(
        app.login(&other.email, PASSWORD).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn parallel_guesses_cannot_pass_the_limit() {
    let app = spawn_app_with(Options {
        login_attempts_per_hour: Some(8),
        ..Default::default()
    })
    .await;
    let user = app.pending("host").await;
    let guesses: Vec<_> = (0..10)
        .map(|i| {
            let app = &app;
            let email = user.email.clone();
            async move { app.login(&email, &format!("guess number {i}")).await.status }
        })
        .collect();
    let statuses = join_all(guesses).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let throttled = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    // A burst of 4, one spent signing in: 3 guesses are checked, 7 are not.
    assert_eq!((checked, throttled), (3, 7), "{statuses:?}");
}
