//! The web edge seen from HTTP (the browser suite in tests/web/ drives the pages
//! themselves): redirects to sign in, the cross-origin check, page headers, languages,
//! error pages, and a browser session that ends at logout.

use reqwest::{StatusCode, header};

use crate::helpers::{TestApp, spawn_app, unique_email};

async fn form(app: &TestApp, path: &str, body: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body.to_owned());
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    req.send().await.unwrap()
}

fn cookie_pair(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

#[tokio::test]
async fn an_anonymous_visitor_is_sent_to_login_and_back() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/admin?status=pending"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers()[header::LOCATION],
        "/login?next=%2Fadmin%3Fstatus%3Dpending"
    );
    app.stop().await;
}

#[tokio::test]
async fn pages_carry_a_strict_policy_and_speak_the_asked_language() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/?lang=zh-CN"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(res.headers()[header::REFERRER_POLICY], "same-origin");
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
    let remembered = cookie_pair(&res, "hm_lang").expect("the choice is remembered");
    assert_eq!(remembered, "hm_lang=zh-CN");
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("注册为供应商"));
    // The remembered choice holds without ?lang, over the browser's own language.
    let res = app
        .client
        .get(app.url("/login"))
        .header(header::COOKIE, remembered)
        .header(header::ACCEPT_LANGUAGE, "en-US")
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("<html lang=\"zh-CN\">"));
    app.stop().await;
}

#[tokio::test]
async fn unknown_pages_are_html_and_unknown_api_paths_are_problems() {
    let app = spawn_app().await;
    let res = app
        .client
        .get(app.url("/no-such-page"))
        .header(header::ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(
        res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(res.text().await.unwrap().contains("页面不存在"));
    let api = app.get("/api/v1/no-such-thing", None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(api.is_problem());
    app.stop().await;
}

#[tokio::test]
async fn a_cross_origin_form_post_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let email = unique_email("csrf");
    let body = format!(
        "role=host&display_name=Ana&email={}&password=long+enough+password&locale=en",
        email.replace('@', "%40")
    );
    let res = form(
        &app,
        "/register",
        &body,
        &[
            ("origin", "http://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ],
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("This page is not for your account")
    );
    let login = app.login(&email, "long enough password").await;
    assert_eq!(
        login.status,
        StatusCode::UNAUTHORIZED,
        "no account was made"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_web_session_ends_at_logout_and_a_new_login_gets_a_new_token() {
    let app = spawn_app().await;
    let email = unique_email("web");
    let body = format!(
        "role=supplier&display_name=Li&email={}&password=long+enough+password",
        email.replace('@', "%40")
    );
    let res = form(
        &app,
        "/register",
        &body,
        &[("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let first = cookie_pair(&res, "hm_session").expect("signed in after registering");
    let settings = |cookie: String| {
        app.client
            .get(app.url("/"))
            .header(header::COOKIE, cookie)
            .send()
    };
    let home = settings(first.clone()).await.unwrap().text().await.unwrap();
    assert!(
        home.contains("Awaiting review"),
        "the account's standing is shown"
    );
    let login = format!(
        "email={}&password=long+enough+password",
        email.replace('@', "%40")
    );
    let res = form(&app, "/login", &login, &[("cookie", first.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let second = cookie_pair(&res, "hm_session").unwrap();
    assert_ne!(
        first, second,
        "a login never keeps a token planted before it"
    );
    let res = form(&app, "/logout", "", &[("cookie", second.as_str())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let after = settings(second).await.unwrap().text().await.unwrap();
    assert!(
        !after.contains("Awaiting review"),
        "the logged-out session shows nothing"
    );
    let other = settings(first).await.unwrap().text().await.unwrap();
    assert!(
        other.contains("Awaiting review"),
        "the other session is its own"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_sweep_removes_sessions_past_their_idle_end_and_keeps_live_ones() {
    let app = spawn_app().await;
    let email = unique_email("sweep");
    let body = format!(
        "role=host&display_name=Ana&email={}&password=long+enough+password",
        email.replace('@', "%40")
    );
    let res = form(&app, "/register", &body, &[]).await;
    let cookie = cookie_pair(&res, "hm_session").unwrap();
    let now = chrono::Utc::now();
    assert_eq!(
        app.jobs.sweep_sessions_at(now).await.unwrap(),
        0,
        "a live one stays"
    );
    let later = now + chrono::Duration::days(8);
    assert_eq!(
        app.jobs.sweep_sessions_at(later).await.unwrap(),
        1,
        "idle for a week"
    );
    let home = app
        .client
        .get(app.url("/"))
        .header(header::COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert!(
        home.headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("hm_session=;")),
        "the dead cookie is cleared"
    );
    assert!(!home.text().await.unwrap().contains("Awaiting review"));
    app.stop().await;
}

#[tokio::test]
async fn page_logins_share_the_apis_throttle_and_say_when_to_try_again() {
    let app = crate::helpers::spawn_app_with(crate::helpers::Options {
        login_attempts_per_hour: Some(10),
        ..Default::default()
    })
    .await;
    let ghost = unique_email("ghost").replace('@', "%40");
    let wrong = format!("email={ghost}&password=not+the+password");
    // A burst of 5, on the page and the API alike: the bucket is the address's.
    for _ in 0..3 {
        let res = form(&app, "/login", &wrong, &[]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    for _ in 0..2 {
        let api = app
            .login(&ghost.replace("%40", "@"), "not the password")
            .await;
        assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    }
    let res = form(&app, "/login?lang=zh-CN", &wrong, &[]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((600..=720).contains(&retry), "{retry}");
    let html = res.text().await.unwrap();
    assert!(
        html.contains("尝试次数过多，请 12 分钟后再试。"),
        "in the reader's language"
    );
    app.stop().await;
}
