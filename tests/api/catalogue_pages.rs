//! The catalogue's pages seen from HTTP: a product made or changed through the form is the
//! product the API shows; a bad field is a 422 that stores nothing; another supplier, a
//! host and an admin meet the API's 404 and 403; archiving takes a product out of search.

use reqwest::{StatusCode, header};
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::{TestApp, User, pages::session, spawn_app};

fn form_body(pairs: &[(&str, &str)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

async fn post_form(
    app: &TestApp,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    let mut req = app
        .client
        .post(app.url(path))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body.to_owned());
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.send().await.unwrap()
}

async fn get_page(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, String) {
    let res = app
        .client
        .get(app.url(path))
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT_LANGUAGE, "en")
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

/// The product form filled in as a supplier would.
fn product_form(title: &str, price: &str, commission: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.to_owned()),
        ("title_zh", "三色光 LED 化妆镜".to_owned()),
        ("description", "Rechargeable, 10x magnifier.".to_owned()),
        ("description_zh", "可充电，十倍放大镜。".to_owned()),
        ("category", "2619".to_owned()),
        ("target_markets", "LATAM".to_owned()),
        ("target_markets", "US".to_owned()),
        ("price", price.to_owned()),
        ("commission_pct", commission.to_owned()),
        ("moq", "50".to_owned()),
        ("free_samples", "true".to_owned()),
        (
            "image_urls",
            "https://img.example.cn/a.jpg\r\nhttps://img.example.cn/b.jpg".to_owned(),
        ),
    ]
}

fn encoded(fields: &[(&'static str, String)]) -> String {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    form_body(&pairs)
}

/// Whether the form's checkbox or radio with `value` is ticked.
fn ticked(html: &str, value: &str) -> bool {
    html.split(&format!("value=\"{value}\""))
        .skip(1)
        .any(|rest| rest.split('>').next().unwrap_or("").contains("checked"))
}

fn location(res: &reqwest::Response) -> String {
    res.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

fn id_in(location: &str) -> Uuid {
    location
        .strip_prefix("/products/")
        .and_then(|s| Uuid::parse_str(s).ok())
        .unwrap_or_else(|| panic!("not a product page: {location}"))
}

async fn own_products(app: &TestApp, supplier: &User) -> Value {
    let a = app.get("/api/v1/products", Some(&supplier.access)).await;
    assert_eq!(a.status, StatusCode::OK);
    a.body
}

#[tokio::test]
async fn a_product_made_through_the_form_is_the_one_the_api_shows() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let cookie = session(&app, &supplier).await;
    let (status, html) = get_page(&app, "/me/products/new", &cookie).await;
    assert_eq!(status, StatusCode::OK);
    let key = html
        .split("name=\"idempotency_key\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the form carries a key")
        .to_owned();
    let mut fields = product_form("LED makeup mirror", "$1,299.50", "18.5");
    fields.push(("idempotency_key", key));
    let body = encoded(&fields);
    let res = post_form(&app, "/me/products", &body, Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let at = location(&res);
    let id = id_in(&at);

    let p = app
        .get(&format!("/api/v1/products/{id}"), Some(&supplier.access))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.body["title"], "LED makeup mirror");
    assert_eq!(p.body["title_zh"], "三色光 LED 化妆镜");
    assert_eq!(p.body["price_cents"], 129_950);
    assert_eq!(p.body["commission_pct"], 18.5);
    assert_eq!(p.body["moq"], 50);
    assert_eq!(p.body["free_samples"], true);
    assert_eq!(p.body["category"], 2619);
    assert_eq!(p.body["image_urls"].as_array().unwrap().len(), 2);
    let markets = p.body["target_markets"].as_array().unwrap();
    assert!(markets.contains(&"BR".into()) && markets.contains(&"US".into()));

    // The same form posted again (a double press) lists nothing new.
    let again = post_form(&app, "/me/products", &body, Some(&cookie)).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&again), at);
    assert_eq!(own_products(&app, &supplier).await["total"], 1);

    let (status, page) = get_page(&app, &at, &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("US$1,299.50"), "the price in dollars");
    assert!(page.contains("18.5 %"));
    let (_, list) = get_page(&app, "/me/products", &cookie).await;
    assert!(list.contains(&format!("/products/{id}/edit")));
    assert!(list.contains(&format!("/products/{id}/matches")));
    app.stop().await;
}

#[tokio::test]
async fn a_bad_price_or_commission_is_a_422_beside_its_field_and_stores_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let cookie = session(&app, &supplier).await;
    for (price, commission) in [
        ("twelve", "18"),
        ("12.99", "150"),
        ("-3", "-1"),
        ("1.999", ""),
    ] {
        let body = encoded(&product_form("Kept <title>", price, commission));
        let res = post_form(&app, "/me/products", &body, Some(&cookie)).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{price} {commission}"
        );
        let html = res.text().await.unwrap();
        assert!(
            html.contains("aria-invalid=\"true\""),
            "an error beside a field"
        );
        assert!(
            html.contains("Kept &lt;title&gt;") || html.contains("Kept &#60;title&#62;"),
            "input kept, as text"
        );
        assert!(
            html.contains(&format!("value=\"{}\"", price)),
            "the price kept"
        );
        assert!(ticked(&html, "LATAM"), "the markets kept");
        assert!(ticked(&html, "2619"), "the category kept");
    }
    assert_eq!(own_products(&app, &supplier).await["total"], 0);
    app.stop().await;
}

#[tokio::test]
async fn another_supplier_meets_404_on_the_edit_page_the_edit_post_and_archive() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let owner = app.user_in(&admin, "supplier", "approved").await;
    let other = app.user_in(&admin, "supplier", "approved").await;
    let id = app.product(&owner).await;
    let cookie = session(&app, &other).await;
    let (status, _) = get_page(&app, &format!("/products/{id}/edit"), &cookie).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for body in [
        encoded(&product_form("Taken over", "1.00", "50")),
        encoded(&product_form("", "nonsense", "900")),
    ] {
        let res = post_form(&app, &format!("/products/{id}/edit"), &body, Some(&cookie)).await;
        assert_eq!(
            res.status(),
            StatusCode::NOT_FOUND,
            "404 before any field is read"
        );
    }
    let res = post_form(&app, &format!("/products/{id}/archive"), "", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let p = app
        .get(&format!("/api/v1/products/{id}"), Some(&owner.access))
        .await;
    assert_eq!(p.body["status"], "active");
    assert_ne!(p.body["title"], "Taken over");
    // An admin may look but not change: 403, as the API answers.
    let admin_cookie = session(&app, &admin).await;
    let (status, _) = get_page(&app, &format!("/products/{id}/edit"), &admin_cookie).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = get_page(&app, &format!("/products/{id}"), &admin_cookie).await;
    assert_eq!(status, StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn the_owner_edits_a_product_through_the_form_like_a_patch() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let owner = app.user_in(&admin, "supplier", "approved").await;
    let id = app.product(&owner).await;
    let cookie = session(&app, &owner).await;
    let (status, html) = get_page(&app, &format!("/products/{id}/edit"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("value=\"12.99\""),
        "the stored price in dollars"
    );
    assert!(
        ticked(&html, "LATAM"),
        "stored countries read as their region"
    );
    assert!(ticked(&html, "BR") && ticked(&html, "US") && !ticked(&html, "CN"));
    let mut fields = product_form("Mirror, now brighter", "9.5", "20");
    fields.retain(|(k, _)| *k != "free_samples");
    let res = post_form(
        &app,
        &format!("/products/{id}/edit"),
        &encoded(&fields),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/products/{id}"));
    let p = app
        .get(&format!("/api/v1/products/{id}"), Some(&owner.access))
        .await;
    assert_eq!(p.body["title"], "Mirror, now brighter");
    assert_eq!(p.body["price_cents"], 950);
    assert_eq!(p.body["free_samples"], false, "an unticked box is no");
    // A bad edit changes nothing.
    let res = post_form(
        &app,
        &format!("/products/{id}/edit"),
        &encoded(&product_form("Mirror", "9.5", "101")),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let p = app
        .get(&format!("/api/v1/products/{id}"), Some(&owner.access))
        .await;
    assert_eq!(p.body["commission_pct"], 20.0);
    app.stop().await;
}

#[tokio::test]
async fn a_host_cannot_list_a_product() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let host = app.user_in(&admin, "host", "approved").await;
    let cookie = session(&app, &host).await;
    let (status, _) = get_page(&app, "/me/products/new", &cookie).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = get_page(&app, "/me/products", &cookie).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let res = post_form(
        &app,
        "/me/products",
        &encoded(&product_form("Host's product", "1", "10")),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let a = app
        .get(
            &format!("/api/v1/products?supplier_id={}", host.id),
            Some(&host.access),
        )
        .await;
    assert_eq!(a.body["total"], 0);
    // A supplier still waiting for approval may not list either.
    let pending = app.pending("supplier").await;
    let cookie = session(&app, &pending).await;
    let res = post_form(
        &app,
        "/me/products",
        &encoded(&product_form("Too early", "1", "10")),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let (status, html) = get_page(&app, "/me/products", &cookie).await;
    assert_eq!(status, StatusCode::OK, "their own (empty) list");
    assert!(html.contains("once the hostmatch team has approved"));
    app.stop().await;
}

#[tokio::test]
async fn an_archived_product_leaves_search_and_the_active_filter() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let owner = app.user_in(&admin, "supplier", "approved").await;
    let host = app.user_in(&admin, "host", "approved").await;
    let id = app.product(&owner).await;
    app.sync_index().await;
    let search = format!("/api/v1/products/search?supplier_id={}", owner.id);
    assert_eq!(app.get(&search, Some(&host.access)).await.body["total"], 1);

    let cookie = session(&app, &owner).await;
    let (status, html) = get_page(&app, &format!("/products/{id}?archive=confirm"), &cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("action=\"/products/{id}/archive\"")),
        "a confirmation step"
    );
    let res = post_form(&app, &format!("/products/{id}/archive"), "", Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/products/{id}"));
    app.sync_index().await;
    assert_eq!(app.get(&search, Some(&host.access)).await.body["total"], 0);
    let p = app
        .get(&format!("/api/v1/products/{id}"), Some(&owner.access))
        .await;
    assert_eq!(p.body["status"], "archived");
    let host_view = app
        .get(&format!("/api/v1/products/{id}"), Some(&host.access))
        .await;
    assert_eq!(host_view.status, StatusCode::NOT_FOUND);
    let host_cookie = session(&app, &host).await;
    let (status, _) = get_page(&app, &format!("/products/{id}"), &host_cookie).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the page as the API");

    let (_, active) = get_page(&app, "/me/products?status=active", &cookie).await;
    assert!(!active.contains(&format!("/products/{id}\"")));
    let (_, archived) = get_page(&app, "/me/products?status=archived", &cookie).await;
    assert!(archived.contains(&format!("/products/{id}\"")));
    let (status, _) = get_page(&app, &format!("/products/{id}/edit"), &cookie).await;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "an archived product cannot be changed"
    );
    app.stop().await;
}
