//! `/me/profile` (supplier and host forms) and the public profile pages, over HTTP: a
//! good save is a 303 the API then sees, a bad one a 422 with the message next to its
//! field, the input kept and nothing stored; visibility is the API's; text is escaped.

use reqwest::{StatusCode, header};

use crate::helpers::{TestApp, pages::session, spawn_app};

fn encode(pairs: &[(&str, &str)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

async fn post(app: &TestApp, path: &str, cookie: Option<&str>, body: String) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.send().await.unwrap()
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, String) {
    let res = app
        .client
        .get(app.url(path))
        .header(header::COOKIE, cookie)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

fn supplier_form(license: &str) -> Vec<(&'static str, String)> {
    vec![
        ("company_name", "Shenzhen Bright Mirror Co., Ltd.".into()),
        ("company_name_zh", "深圳明镜有限公司".into()),
        ("license_number", license.into()),
        ("province", "广东".into()),
        ("city", "深圳".into()),
        ("website", "https://mirror.example.cn".into()),
        ("description", "LED makeup mirrors.".into()),
        ("description_zh", "LED 化妆镜生产商。".into()),
        ("categories", "473".into()),
        ("target_markets", "GCC".into()),
        ("target_markets", "BR".into()),
    ]
}

fn body(pairs: &[(&'static str, String)]) -> String {
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    encode(&borrowed)
}

#[tokio::test]
async fn a_supplier_saves_the_form_and_the_api_sees_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let cookie = session(&app, &supplier).await;
    let (status, html) = get(&app, "/me/profile", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"name="license_number""#));
    assert!(
        html.contains(r#"data-region="BH KW OM QA SA AE""#),
        "regions to tick"
    );
    let res = post(
        &app,
        "/me/profile",
        Some(&cookie),
        body(&supplier_form("91350100M000100Y43")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION], "/me/profile");
    let a = app
        .get("/api/v1/suppliers/me", Some(&supplier.access))
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["company_name_zh"], "深圳明镜有限公司");
    assert_eq!(a.body["categories"], serde_json::json!([473]));
    let markets: Vec<&str> = a.body["target_markets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        markets,
        ["AE", "BH", "BR", "KW", "OM", "QA", "SA"],
        "GCC expanded"
    );
    let (_, html) = get(&app, "/me/profile", &cookie).await;
    assert!(
        html.contains(r#"value="91350100M000100Y43""#),
        "the saved values shown"
    );
    assert!(html.contains(r#"value="GCC" data-region="BH KW OM QA SA AE" checked"#));
    app.stop().await;
}

#[tokio::test]
async fn a_bad_uscc_is_refused_next_to_its_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let cookie = session(&app, &supplier).await;
    let res = post(
        &app,
        "/me/profile",
        Some(&cookie),
        body(&supplier_form("91350100M000100Y44")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(r#"<p class="error" id="e-license_number">This USCC does not add up"#),
        "the check character's message under the field"
    );
    assert!(
        html.contains(r#"value="91350100M000100Y44""#),
        "the input kept"
    );
    assert!(html.contains(r#"value="深圳明镜有限公司""#));
    assert!(html.contains(r#"value="BR" data-label="Brazil" checked"#));
    let a = app
        .get("/api/v1/suppliers/me", Some(&supplier.access))
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "nothing stored");
    // In Chinese too.
    let res = post(
        &app,
        "/me/profile?lang=zh-CN",
        Some(&cookie),
        body(&supplier_form("9135")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("统一社会信用代码必须正好 18 位")
    );
    app.stop().await;
}

fn host_form(rows: &[(&'static str, &str)]) -> String {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("display_name", "Lucía Live"),
        ("headline", "Beauty live shows"),
        ("bio", "Ten years in retail."),
        ("country", "MX"),
        ("markets", "LATAM"),
        ("categories", "473"),
        ("platforms.0.name", "tiktok"),
        ("platforms.0.handle", "@lucia"),
        ("platforms.0.followers", "120,000"),
        ("platforms.1.name", ""),
        ("platforms.1.handle", ""),
        ("platforms.1.followers", ""),
        ("min_commission_pct", "12.5"),
        ("min_fee_usd", "150.50"),
    ];
    pairs.extend_from_slice(rows);
    encode(&pairs)
}

#[tokio::test]
async fn a_host_saves_languages_and_dollars_and_a_bad_row_keeps_the_input() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.user_in(&admin, "host", "approved").await;
    let cookie = session(&app, &host).await;
    let bad = host_form(&[
        ("languages.0.code", "es"),
        ("languages.0.level", "native"),
        ("languages.1.code", ""),
        ("languages.1.level", ""),
        ("languages.2.code", "xx"),
        ("languages.2.level", "fluent"),
        ("languages.3.code", "pt"),
        ("languages.3.level", ""),
    ]);
    let res = post(&app, "/me/profile", Some(&cookie), bad).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(r#"id="e-languages.2.code""#),
        "the core's languages[1] is the form's row 2"
    );
    assert!(
        html.contains(r#"id="e-languages.3.level""#),
        "a row without a level"
    );
    assert!(!html.contains(r#"id="e-languages.0.code""#));
    assert!(html.contains(r#"value="Beauty live shows""#), "input kept");
    assert!(html.contains(r#"value="150.50""#));
    assert!(html.contains(r#"<option value="pt" selected>"#));
    let a = app.get("/api/v1/hosts/me", Some(&host.access)).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND, "nothing stored");

    let good = host_form(&[
        ("languages.0.code", "es"),
        ("languages.0.level", "native"),
        ("languages.4.code", "en"),
        ("languages.4.level", "conversational"),
    ]);
    let res = post(&app, "/me/profile", Some(&cookie), good).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let a = app.get("/api/v1/hosts/me", Some(&host.access)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.body["min_fee_cents"], 15050, "dollars to cents");
    assert_eq!(a.body["min_commission_pct"], 12.5);
    assert_eq!(a.body["followers_total"], 120_000);
    assert_eq!(a.body["languages"][1]["level"], "conversational");
    assert!(
        a.body["markets"].as_array().unwrap().len() > 10,
        "LATAM expanded"
    );
    app.stop().await;
}

#[tokio::test]
async fn profile_pages_answer_as_the_api_does() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let admin_cookie = session(&app, &admin).await;
    assert_eq!(
        get(&app, "/me/profile", &admin_cookie).await.0,
        StatusCode::NOT_FOUND
    );
    let res = post(&app, "/me/profile", Some(&admin_cookie), String::new()).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "as PUT /api/v1/suppliers/me"
    );
    let res = app.client.get(app.url("/me/profile")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    let approved = app.host_with(&admin, |_| {}).await;
    let pending = app.pending("host").await;
    let p = crate::helpers::host_profile_body();
    assert_eq!(
        app.put("/api/v1/hosts/me", Some(&pending.access), p)
            .await
            .status,
        StatusCode::OK
    );
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let s_cookie = session(&app, &supplier).await;
    let (status, html) = get(&app, &format!("/hosts/{}", approved.id), &s_cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(r#"href="/offers/new?host_id={}""#, approved.id)));
    assert!(html.contains("Lucía Live"));
    assert!(
        !html.contains("<form method=\"post\" action=\"/me/profile\""),
        "nothing editable"
    );
    for path in [
        format!("/hosts/{}", pending.id),
        "/hosts/not-an-id".to_owned(),
        format!("/hosts/{}", supplier.id),
    ] {
        assert_eq!(
            get(&app, &path, &s_cookie).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
        let api = path.replace("/hosts/", "/api/v1/hosts/");
        assert_eq!(
            app.get(&api, Some(&supplier.access)).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let h_cookie = session(&app, &approved).await;
    let (status, html) = get(&app, &format!("/hosts/{}", approved.id), &h_cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("/offers/new"), "a host sends no offers");

    // The supplier's public page lists its active products.
    let s = crate::helpers::supplier_profile_body();
    assert_eq!(
        app.put("/api/v1/suppliers/me", Some(&supplier.access), s)
            .await
            .status,
        StatusCode::OK
    );
    let product = app.product(&supplier).await;
    let (status, html) = get(
        &app,
        &format!("/suppliers/{}?lang=zh-CN", supplier.id),
        &h_cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!(r#"href="/products/{product}""#)));
    assert!(
        html.contains("<h1>深圳明镜有限公司</h1>"),
        "the reader's language first"
    );
    app.stop().await;
}

#[tokio::test]
async fn hostile_text_renders_as_text() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let evil = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"#;
    let host = app
        .host_with(&admin, |b| {
            b["headline"] = evil.into();
            b["bio"] = evil.into();
            b["display_name"] = "\"><b>x</b>".into();
            b["platforms"][0]["handle"] = evil.into();
        })
        .await;
    let cookie = session(&app, &host).await;
    for path in ["/me/profile".to_owned(), format!("/hosts/{}", host.id)] {
        let (status, html) = get(&app, &path, &cookie).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(!html.contains("<b>x</b>"), "{path}");
        assert!(
            html.contains("&lt;script&gt;alert(1)") || html.contains("&#60;script&#62;"),
            "{path}"
        );
    }
    app.stop().await;
}
