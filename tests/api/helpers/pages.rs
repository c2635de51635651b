//! Pages seen from HTTP: a browser session's cookie, a form post, a page fetch.

use reqwest::{StatusCode, header};

use super::{PASSWORD, TestApp, User};

/// A browser session for `user`: the cookie a page login sets.
pub async fn session(app: &TestApp, user: &User) -> String {
    let body = format!(
        "email={}&password={}",
        user.email.replace('@', "%40"),
        PASSWORD.replace(' ', "+")
    );
    let res = post(app, "/login", &body, None).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("hm_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("a session cookie")
}

pub async fn post(
    app: &TestApp,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body.to_owned());
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.send().await.unwrap()
}

pub async fn get(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, String) {
    let res = app
        .client
        .get(app.url(path))
        .header(header::COOKIE, cookie)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}
