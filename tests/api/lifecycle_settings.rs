//! What an account holder changes about their own account: name, language, time zone and
//! password, and the copy of everything the service holds about them.

use hostmatch::{
    auth::PasswordHasher,
    domain::{Actor, PasswordChange},
    services::{account, web_sessions},
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{
    Options, PASSWORD, TestApp, User, host_profile_body, spawn_app, spawn_app_with,
    supplier_profile_body,
};

async fn change_password(
    app: &TestApp,
    user: &User,
    current: &str,
    new: &str,
) -> crate::helpers::Answer {
    app.post(
        "/api/v1/me/password",
        Some(&user.access),
        json!({"current_password": current, "new_password": new}),
    )
    .await
}

#[tokio::test]
async fn an_account_changes_its_name_language_and_time_zone() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let a = app
        .patch(
            "/api/v1/me",
            Some(&user.access),
            json!({"display_name": " 王芳 ", "locale": "zh-Hans", "time_zone": "Asia/Shanghai"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    assert_eq!(a.body["display_name"], "王芳");
    assert_eq!(a.body["locale"], "zh-CN");
    assert_eq!(a.body["time_zone"], "Asia/Shanghai");
    // What is absent stays; an empty patch changes nothing.
    let b = app
        .patch(
            "/api/v1/me",
            Some(&user.access),
            json!({"time_zone": "America/Sao_Paulo"}),
        )
        .await;
    assert_eq!(b.body["display_name"], "王芳");
    assert_eq!(b.body["time_zone"], "America/Sao_Paulo");
    let c = app.patch("/api/v1/me", Some(&user.access), json!({})).await;
    assert_eq!(c.status, StatusCode::OK);
    let me = app.get("/api/v1/me", Some(&user.access)).await;
    assert_eq!(me.body, c.body);
    assert_eq!(me.body["locale"], "zh-CN");
}

#[tokio::test]
async fn a_bad_patch_names_every_bad_field_and_changes_nothing() {
    let app = spawn_app().await;
    let user = app.pending("supplier").await;
    let before = app.get("/api/v1/me", Some(&user.access)).await;
    let a = app
        .patch(
            "/api/v1/me",
            Some(&user.access),
            json!({"display_name": "  ", "locale": "fr", "time_zone": "Mars/Olympus_Mons"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.is_problem());
    assert_eq!(a.error_fields(), ["display_name", "locale", "time_zone"]);
    for (body, field) in [
        (json!({"time_zone": "../../etc/passwd"}), "time_zone"),
        (json!({"time_zone": "+08:00"}), "time_zone"),
        (json!({"time_zone": 8}), "time_zone"),
        (
            json!({"display_name": "Ana\r\nBcc: thief@evil.example"}),
            "display_name",
        ),
        (json!({"display_name": "x".repeat(101)}), "display_name"),
        (json!({"locale": "klingon"}), "locale"),
        (json!({"email": "thief@evil.example"}), "email"),
        (json!({"status": "approved"}), "status"),
        (json!({"email_verified": true}), "email_verified"),
        (json!({"role": "admin"}), "role"),
    ] {
        let a = app
            .patch("/api/v1/me", Some(&user.access), body.clone())
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(a.error_fields(), [field], "{body}");
    }
    assert_eq!(
        app.get("/api/v1/me", Some(&user.access)).await.body,
        before.body
    );
    let anonymous = app
        .patch("/api/v1/me", None, json!({"time_zone": "UTC"}))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_new_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let phone = app.login(&user.email, PASSWORD).await;
    let new_password = "a different passphrase";
    let a = change_password(&app, &user, PASSWORD, new_password).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{:?}", a.body);
    for refresh in [
        user.refresh.as_str(),
        phone.body["refresh_token"].as_str().unwrap(),
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
    // The access token that asked lives out its few minutes.
    assert_eq!(
        app.get("/api/v1/me", Some(&user.access)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.login(&user.email, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&user.email, new_password).await.status,
        StatusCode::OK
    );
    let audit = hostmatch::db::audit::by_or_about(app.db.conn(), user.id)
        .await
        .unwrap();
    assert!(audit.iter().any(|r| r.action == "account.password_changed"));
}

#[tokio::test]
async fn the_page_that_changes_the_password_keeps_its_own_browser_session() {
    let app = spawn_app().await;
    let user = app.pending("supplier").await;
    let here = web_sessions::start(&app.db, user.id).await.unwrap();
    let elsewhere = web_sessions::start(&app.db, user.id).await.unwrap();
    let row = hostmatch::db::accounts::find(app.db.conn(), user.id)
        .await
        .unwrap()
        .unwrap();
    let me = Actor {
        id: row.id,
        role: row.role,
        status: row.status,
        locale: row.locale,
    };
    let change = PasswordChange::parse(PASSWORD.into(), "a different passphrase".into()).unwrap();
    let hasher = PasswordHasher::new(1).unwrap();
    account::change_password(&app.db, &hasher, 100, &me, &change, Some(here.session.id))
        .await
        .unwrap();
    assert!(
        web_sessions::resolve(&app.db, &here.token)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        web_sessions::resolve(&app.db, &elsewhere.token)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_wrong_current_password_or_a_short_new_one_changes_nothing() {
    let app = spawn_app().await;
    let user = app.pending("host").await;
    let wrong = change_password(&app, &user, "not my password", "a different passphrase").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.error_fields(), ["current_password"]);
    let short = change_password(&app, &user, PASSWORD, "short").await;
    assert_eq!(short.error_fields(), ["new_password"]);
    let extra = app
        .post(
            "/api/v1/me/password",
            Some(&user.access),
            json!({"current_password": PASSWORD, "new_password": "a different passphrase", "account_id": user.id}),
        )
        .await;
    assert_eq!(extra.error_fields(), ["account_id"]);
    assert_eq!(
        app.login(&user.email, PASSWORD).await.status,
        StatusCode::OK
    );
    let r = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({ "refresh_token": user.refresh }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "nothing ended");
}

#[tokio::test]
async fn guessing_the_current_password_counts_against_the_login_limit() {
    // 4 an hour: a burst of 2, and signing in spent one.
    let app = spawn_app_with(Options {
        login_attempts_per_hour: Some(4),
        ..Default::default()
    })
    .await;
    let user = app.pending("host").await;
    let first = change_password(&app, &user, "guess one!!", "a different passphrase").await;
    assert_eq!(first.status, StatusCode::UNPROCESSABLE_ENTITY);
    let second = change_password(&app, &user, PASSWORD, "a different passphrase").await;
    assert_eq!(
        second.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right one waits"
    );
    assert!(second.headers.contains_key("retry-after"));
    let close = app
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&user.access),
            Some(json!({"password": PASSWORD})),
        )
        .await;
    assert_eq!(close.status, StatusCode::TOO_MANY_REQUESTS);
}

/// The tables of `src/entities/`, by the name each entity gives its table.
fn tables() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/entities");
    let mut names = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let src = std::fs::read_to_string(e.path()).unwrap();
        if let Some(rest) = src.split("table_name = \"").nth(1) {
            names.push(rest.split('"').next().unwrap().to_owned());
        }
    }
    names.sort();
    names
}

async fn export(app: &TestApp, user: &User) -> Value {
    let a = app.get("/api/v1/me/export", Some(&user.access)).await;
    assert_eq!(a.status, StatusCode::OK, "{:?}", a.body);
    let disposition = a.headers["content-disposition"].to_str().unwrap();
    assert_eq!(
        disposition,
        format!("attachment; filename=\"hostmatch-export-{}.json\"", user.id)
    );
    assert_eq!(a.body["format"], "hostmatch-export/1");
    assert_eq!(a.body["account_id"], user.id.to_string());
    a.body
}

#[tokio::test]
async fn the_export_holds_a_row_of_every_table_about_the_account_and_no_secret() {
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
    let product = app
        .client
        .post(app.url("/api/v1/products"))
        .bearer_auth(&supplier.access)
        .header("idempotency-key", "export-test")
        .json(&crate::helpers::product_body())
        .send()
        .await
        .unwrap();
    assert_eq!(product.status(), StatusCode::CREATED);
    let product: Value = product.json().await.unwrap();
    let offer = app
        .post(
            "/api/v1/offers",
            Some(&supplier.access),
            json!({"host_id": host.id, "product_ids": [product["id"]], "commission_pct": 15.0}),
        )
        .await;
    assert_eq!(offer.status, StatusCode::CREATED, "{:?}", offer.body);
    let accept = format!(
        "/api/v1/offers/{}/accept",
        offer.body["id"].as_str().unwrap()
    );
    let accepted = app.post(&accept, Some(&host.access), json!({})).await;
    assert_eq!(accepted.status, StatusCode::OK, "{:?}", accepted.body);
    let pest = app.user_in(&admin, "supplier", "approved").await;
    let block = json!({"supplier_id": pest.id});
    let blocked = app
        .post("/api/v1/hosts/me/blocks", Some(&host.access), block)
        .await;
    assert_eq!(blocked.status, StatusCode::CREATED, "{:?}", blocked.body);
    let thread = format!("/api/v1/offers/{}", offer.body["id"].as_str().unwrap());
    let said = json!({"body": "Samples ship Monday."});
    let m = app
        .post(&format!("{thread}/messages"), Some(&supplier.access), said)
        .await;
    assert_eq!(m.status, StatusCode::CREATED, "{:?}", m.body);
    app.post(
        &format!("{thread}/messages/read"),
        Some(&host.access),
        json!({}),
    )
    .await;
    let why = json!({"reason": "Export test."});
    let r = app
        .post(&format!("{thread}/report"), Some(&host.access), why)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let collabs = app.get("/api/v1/collaborations", Some(&host.access)).await;
    let collab = format!(
        "/api/v1/collaborations/{}",
        collabs.body["items"][0]["id"].as_str().unwrap()
    );
    let live = json!({"live_at": chrono::Utc::now() - chrono::Duration::hours(1)});
    for (step, who, body) in [
        ("schedule", &supplier, live),
        ("complete", &host, json!({})),
        ("confirm", &supplier, json!({})),
        (
            "review",
            &host,
            json!({"rating": 5, "text": "Export test."}),
        ),
    ] {
        let a = app
            .post(&format!("{collab}/{step}"), Some(&who.access), body)
            .await;
        assert!(a.status.is_success(), "{step}: {:?}", a.body);
    }
    web_sessions::start(&app.db, supplier.id).await.unwrap();
    app.post(
        "/api/v1/auth/forgot-password",
        None,
        json!({"email": supplier.email}),
    )
    .await;
    let rule = json!({"market": "JP", "category": 2619, "level": "caution",
        "reason": "Export test.", "reason_zh": "导出测试。", "source": "test"});
    app.post("/api/v1/admin/market-rules", Some(&admin.access), rule)
        .await;
    let term = json!({"language": "en", "kind": "claim", "level": "caution",
        "term": "export test", "reason": "Export test.", "reason_zh": "导出测试。"});
    app.post("/api/v1/admin/screening-terms", Some(&admin.access), term)
        .await;

    let exports = [
        export(&app, &supplier).await,
        export(&app, &host).await,
        export(&app, &admin).await,
    ];
    let mut empty_everywhere = Vec::new();
    for table in tables() {
        if table == "compliance_state" {
            continue; // one counter, about no account
        }
        let rows = |e: &Value| e["tables"][&table].as_array().map_or(0, Vec::len);
        assert!(
            exports.iter().all(|e| e["tables"][&table].is_array()),
            "the export has no key for {table}"
        );
        if exports.iter().all(|e| rows(e) == 0) {
            empty_everywhere.push(table);
        }
    }
    assert!(
        empty_everywhere.is_empty(),
        "no rows from {empty_everywhere:?}"
    );

    let supplier_export = &exports[0];
    let t = &supplier_export["tables"];
    assert_eq!(t["accounts"][0]["email"], supplier.email);
    assert_eq!(
        t["supplier_profiles"][0]["company_name"],
        "Shenzhen Bright Mirror Co., Ltd."
    );
    assert_eq!(t["offers"][0]["sent_by_me"], true);
    assert_eq!(t["offer_products"][0]["title"], product["title"]);
    assert!(
        t["email_outbox"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["template"] == "account.reset-password")
    );
    assert_eq!(t["idempotency_keys"][0]["key"], "export-test");
    let text = supplier_export.to_string();
    let row = hostmatch::db::accounts::find(app.db.conn(), supplier.id)
        .await
        .unwrap()
        .unwrap();
    assert!(!text.contains(&row.password_hash) && !text.contains("$argon2id$"));
    assert!(
        !text.contains(&supplier.refresh) && !text.contains("hml_"),
        "no token"
    );
    for t in hostmatch::db::refresh_tokens::for_account(app.db.conn(), supplier.id)
        .await
        .unwrap()
    {
        assert!(!text.contains(&t.token_hash), "no token hash");
    }
    assert!(!text.contains(&host.email), "no other person's address");
    let host_export = &exports[1];
    assert_eq!(host_export["tables"]["offers"][0]["sent_by_me"], false);
    assert!(!host_export.to_string().contains(&supplier.email));
    assert_eq!(
        host_export["tables"]["host_profiles"][0]["display_name"],
        host_profile_body()["display_name"]
    );
    assert_eq!(
        app.get("/api/v1/me/export", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}
