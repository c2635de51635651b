//! The search and ranking pages seen from HTTP: they read their query strings with the
//! API's parser (unknown parameters ignored on pages, refused by the API), count what the
//! API counts, show bad values next to their fields (422), answer 403 and 404 as the API
//! does, and turn the weights form into the API's `weights=` (303).

use reqwest::{StatusCode, header};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{TestApp, User, pages::session, spawn_app};

struct Page {
    status: StatusCode,
    location: Option<String>,
    html: String,
}

async fn page(app: &TestApp, cookie: &str, path: &str, extra: &[(&str, &str)]) -> Page {
    let mut req = app.client.get(app.url(path)).header(header::COOKIE, cookie);
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    Page {
        status: res.status(),
        location: res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned()),
        html: res.text().await.unwrap(),
    }
}

/// The count a search or ranking page shows (`data-total`).
fn total(html: &str) -> u64 {
    let at = html.find("data-total=\"").expect("a total") + "data-total=\"".len();
    html[at..].split('"').next().unwrap().parse().unwrap()
}

/// A marketplace: two Spanish-speaking hosts, one Arabic, and a product of `supplier`.
async fn market(app: &TestApp) -> (User, User, Uuid) {
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    app.host_with(&admin, |b| b["markets"] = json!(["MX"]))
        .await;
    app.host_with(&admin, |b| {
        b["display_name"] = json!("Marta en directo");
        b["markets"] = json!(["ES"]);
        b["categories"] = json!([1604]);
    })
    .await;
    app.host_with(&admin, |b| {
        b["languages"] = json!([{"code": "ar", "level": "native"}]);
        b["markets"] = json!(["SA"]);
        b["categories"] = json!([2619]);
    })
    .await;
    let product = app.product(&supplier).await;
    app.sync_index().await;
    (admin, supplier, product)
}

#[tokio::test]
async fn a_page_ignores_parameters_it_does_not_know_and_the_api_refuses_them() {
    let app = spawn_app().await;
    let (_, supplier, _) = market(&app).await;
    let c = session(&app, &supplier).await;
    let p = page(
        &app,
        &c,
        "/search/hosts?language=es&utm_source=mail&lang=zh-CN",
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.html.contains("<html lang=\"zh-CN\">"));
    assert_eq!(total(&p.html), 2);
    for q in ["language=es&utm_source=mail", "language=es&lang=zh-CN"] {
        let a = app
            .get(&format!("/api/v1/hosts/search?{q}"), Some(&supplier.access))
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        let field = q.split('&').nth(1).unwrap().split('=').next().unwrap();
        assert_eq!(a.error_fields(), [field]);
    }
    app.stop().await;
}

#[tokio::test]
async fn the_pages_count_what_the_api_counts_for_the_same_query_string() {
    let app = spawn_app().await;
    let (_, supplier, _) = market(&app).await;
    let c = session(&app, &supplier).await;
    for (page_path, api_path, q) in [
        (
            "/search/hosts",
            "/api/v1/hosts/search",
            "language=es&market=MX&market=ES",
        ),
        (
            "/search/hosts",
            "/api/v1/hosts/search",
            "q=Marta&language=es",
        ),
        (
            "/search/hosts",
            "/api/v1/hosts/search",
            "platform=tiktok&per_page=1&page=2",
        ),
        (
            "/search/products",
            "/api/v1/products/search",
            "q=化妆镜&market=MX",
        ),
        (
            "/search/products",
            "/api/v1/products/search",
            "free_samples=false",
        ),
    ] {
        let a = app
            .get(&format!("{api_path}?{q}"), Some(&supplier.access))
            .await;
        assert_eq!(a.status, StatusCode::OK, "{q}: {:?}", a.body);
        let p = page(&app, &c, &format!("{page_path}?{q}&lang=zh-CN"), &[]).await;
        assert_eq!(p.status, StatusCode::OK, "{q}");
        assert_eq!(total(&p.html), a.body["total"].as_u64().unwrap(), "{q}");
    }
    app.stop().await;
}

#[tokio::test]
async fn bad_values_show_the_form_again_with_each_error_next_to_its_field() {
    let app = spawn_app().await;
    let (_, supplier, _) = market(&app).await;
    let c = session(&app, &supplier).await;
    let p = page(
        &app,
        &c,
        "/search/hosts?min_followers=lots&language=xx&q=mirror",
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.html.contains("id=\"e-min_followers\""), "{}", p.html);
    assert!(p.html.contains("id=\"e-language\""));
    assert!(p.html.contains("value=\"lots\""), "the input is kept");
    assert!(p.html.contains("value=\"mirror\""));
    let p = page(
        &app,
        &c,
        "/search/products?free_samples=maybe&lang=zh-CN",
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.html.contains("请选择其中一个选项"),
        "in the reader's language"
    );
    let p = page(&app, &c, "/search/products?page=0", &[]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

#[tokio::test]
async fn a_submitted_form_goes_to_the_url_the_api_reads() {
    let app = spawn_app().await;
    let (_, supplier, _) = market(&app).await;
    let c = session(&app, &supplier).await;
    let p = page(
        &app,
        &c,
        "/search/hosts?q=&language=pt&min_followers=&market=BR&sort=relevance",
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(
        p.location.as_deref(),
        Some("/search/hosts?language=pt&market=BR&sort=relevance")
    );
    app.stop().await;
}

#[tokio::test]
async fn htmx_gets_the_results_and_the_facets_only() {
    let app = spawn_app().await;
    let (_, supplier, _) = market(&app).await;
    let c = session(&app, &supplier).await;
    let p = page(
        &app,
        &c,
        "/search/hosts?language=es",
        &[("hx-request", "true")],
    )
    .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.html.contains("<html"), "a fragment, not a page");
    assert!(p.html.contains("id=\"results\""));
    assert!(p.html.contains("hx-swap-oob=\"true\""));
    assert_eq!(total(&p.html), 2);
    app.stop().await;
}

#[tokio::test]
async fn search_pages_refuse_whom_the_api_refuses() {
    let app = spawn_app().await;
    let (admin, _, _) = market(&app).await;
    let host = app.host_with(&admin, |_| {}).await;
    let pending = app.pending("supplier").await;
    for (user, path, api) in [
        (&host, "/search/hosts", "/api/v1/hosts/search"),
        (&pending, "/search/hosts", "/api/v1/hosts/search"),
        (&pending, "/search/products", "/api/v1/products/search"),
    ] {
        let c = session(&app, user).await;
        // Refused before the query is read, as the API does.
        let p = page(&app, &c, &format!("{path}?min_followers=x"), &[]).await;
        let a = app
            .get(&format!("{api}?min_followers=x"), Some(&user.access))
            .await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{api}");
    }
    let c = session(&app, &host).await;
    assert_eq!(
        page(&app, &c, "/search/products", &[]).await.status,
        StatusCode::OK
    );
    app.stop().await;
}

#[tokio::test]
async fn another_suppliers_matches_are_404_and_a_hosts_403() {
    let app = spawn_app().await;
    let (admin, supplier, product) = market(&app).await;
    let other = app.user_in(&admin, "supplier", "approved").await;
    let host = app.host_with(&admin, |_| {}).await;
    let path = format!("/products/{product}/matches");
    let weights = format!("{path}?weights.language=9");
    for (user, want) in [
        (&supplier, StatusCode::OK),
        (&admin, StatusCode::OK),
        (&other, StatusCode::NOT_FOUND),
        (&host, StatusCode::FORBIDDEN),
    ] {
        let c = session(&app, user).await;
        let api = app.get(&format!("/api/v1{path}"), Some(&user.access)).await;
        assert_eq!(api.status, want);
        assert_eq!(page(&app, &c, &path, &[]).await.status, want);
        // The weights form is read only once the page may be seen.
        let sent = page(&app, &c, &weights, &[]).await.status;
        if want == StatusCode::OK {
            assert_eq!(sent, StatusCode::SEE_OTHER);
        } else {
            assert_eq!(sent, want);
        }
    }
    let c = session(&app, &supplier).await;
    let missing = format!("/products/{}/matches", Uuid::new_v4());
    assert_eq!(
        page(&app, &c, &missing, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        page(&app, &c, "/products/not-an-id/matches", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    app.stop().await;
}

#[tokio::test]
async fn the_weights_form_answers_303_to_the_apis_weights_parameter() {
    let app = spawn_app().await;
    let (_, supplier, product) = market(&app).await;
    let c = session(&app, &supplier).await;
    let path = format!("/products/{product}/matches");
    let sent = page(
        &app,
        &c,
        &format!(
            "{path}?weights.language=9&weights.market=3&weights.category=0.5&weights.price=&lang=en"
        ),
        &[],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let to = sent.location.unwrap();
    assert_eq!(to, format!("{path}?weights=language:9,category:0.5"));
    // The page reads it back into the inputs, and ranks as the API does.
    let p = page(&app, &c, &to, &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.html.contains("id=\"w-language\" name=\"weights.language\" type=\"number\" min=\"0\" max=\"100\" step=\"any\" inputmode=\"decimal\" value=\"9\""));
    let api = app
        .get(
            &format!("/api/v1{path}?weights=language:9,category:0.5"),
            Some(&supplier.access),
        )
        .await;
    assert_eq!(total(&p.html), api.body["total"].as_u64().unwrap());
    let first = api.body["hits"][0]["host"]["id"].as_str().unwrap();
    let first_on_page = p.html.find(&format!("data-host=\"{first}\"")).unwrap();
    assert!(
        p.html
            .match_indices("data-host=")
            .all(|(i, _)| i >= first_on_page)
    );
    // Every weight at its default: no parameter at all.
    let defaults = "weights.language=3&weights.market=3&weights.category=2&weights.audience=1&weights.track_record=1&weights.price=1";
    let sent = page(&app, &c, &format!("{path}?{defaults}"), &[]).await;
    assert_eq!(sent.location.as_deref(), Some(path.as_str()));
    // A weight out of range is named next to its input; all zero is named too.
    let bad = page(
        &app,
        &c,
        &format!("{path}?weights.price=200&weights.market=x"),
        &[],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.html.contains("id=\"e-w-price\""));
    assert!(bad.html.contains("id=\"e-w-market\""));
    assert!(bad.html.contains("value=\"200\""), "the input is kept");
    let zero = PARTS_ZERO;
    let bad = page(&app, &c, &format!("{path}?{zero}"), &[]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad = page(&app, &c, &format!("{path}?weights=colour:2"), &[]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.stop().await;
}

const PARTS_ZERO: &str = "weights.language=0&weights.market=0&weights.category=0&weights.audience=0&weights.track_record=0&weights.price=0";

#[tokio::test]
async fn recommendations_are_for_approved_hosts_and_ask_for_a_profile_first() {
    let app = spawn_app().await;
    let (admin, supplier, product) = market(&app).await;
    let host = app
        .host_with(&admin, |b| b["markets"] = json!(["MX", "US"]))
        .await;
    app.sync_index().await;
    let c = session(&app, &host).await;
    let p = page(&app, &c, "/recommendations?weights.category=9", &[]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(
        p.location.as_deref(),
        Some("/recommendations?weights=category:9")
    );
    let p = page(
        &app,
        &c,
        "/recommendations?weights=category:9&lang=zh-CN",
        &[],
    )
    .await;
    assert_eq!(p.status, StatusCode::OK);
    let api = app
        .get(
            "/api/v1/hosts/me/recommendations?weights=category:9",
            Some(&host.access),
        )
        .await;
    assert_eq!(total(&p.html), api.body["total"].as_u64().unwrap());
    assert!(p.html.contains(&format!("/products/{product}")));
    assert!(
        p.html.contains("三色光 LED 化妆镜"),
        "Chinese titles for Chinese readers"
    );
    let fresh = app.user_in(&admin, "host", "approved").await;
    let c = session(&app, &fresh).await;
    let p = page(&app, &c, "/recommendations", &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.html.contains("Recommendations need your host profile"));
    let c = session(&app, &supplier).await;
    assert_eq!(
        page(&app, &c, "/recommendations", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    app.stop().await;
}
