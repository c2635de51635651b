//! The offer pages seen from HTTP (the browser suite drives them in tests/web/): a check
//! stores nothing, a send is a 303 to the offer's page and emails the host a link to it,
//! a refused offer is explained with its input kept, strangers get 404, and the answers
//! are posts that say 409 when the offer has moved on.

use reqwest::{StatusCode, header};
use uuid::Uuid;

use crate::{
    helpers::{
        Options, TestApp, User,
        pages::{get, post, session},
        spawn_app, spawn_app_with,
    },
    offer_preview::{beer_body, host_in, product_from},
};

fn compose(host: Uuid, product: Uuid) -> String {
    format!(
        "host_id={host}&product_ids={product}&commission_pct=15&fee=200.50&free_samples=true&message=Hello+%3Cb%3Ehost%3C%2Fb%3E"
    )
}

async fn offers_of(app: &TestApp, supplier: &User) -> u64 {
    app.get("/api/v1/offers", Some(&supplier.access)).await.body["total"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn a_check_stores_nothing_and_a_send_emails_the_host_a_link_to_the_page() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let beer = product_from(&app, &supplier, beer_body()).await;
    let host = host_in(&app, &admin, &["AE"]).await;
    let cookie = session(&app, &supplier).await;

    let (status, html) = get(
        &app,
        &format!("/offers/new?host_id={}&product_id={beer}", host.id),
        &cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(&format!("value=\"{beer}\" checked")),
        "pre-selected"
    );
    assert!(
        html.contains("value=\"200.00\""),
        "the host's minimum fee in dollars"
    );
    // The product's 18% is above the host's 12.5% minimum.
    assert!(
        html.contains("name=\"commission_pct\" type=\"text\" inputmode=\"decimal\" value=\"18\"")
    );

    let res = post(
        &app,
        "/offers/preview",
        &compose(host.id, beer),
        Some(&cookie),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("What screening found"), "{html}");
    assert!(
        html.contains("badge restricted"),
        "the AE restriction is shown"
    );
    assert!(
        !html.contains("<b>host")
            && (html.contains("Hello &#60;b&#62;host") || html.contains("Hello &lt;b&gt;host")),
        "input kept, as text"
    );
    assert_eq!(
        offers_of(&app, &supplier).await,
        0,
        "a check stores nothing"
    );
    assert_eq!(app.outbox_since_signup(&host.email).await.len(), 1);

    let res = post(&app, "/offers", &compose(host.id, beer), Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let flash = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("hm_flash="))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("a flash");
    let to = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let id = to.trim_start_matches("/offers/").to_owned();
    assert!(Uuid::parse_str(&id).is_ok(), "{to}");
    let offer = app
        .get(&format!("/api/v1/offers/{id}"), Some(&supplier.access))
        .await;
    assert_eq!(offer.body["fee_cents"], 20050);
    assert_eq!(offer.body["free_samples"], true);
    let mail = app.outbox_since_signup(&host.email).await;
    let last = mail.last().unwrap();
    assert_eq!(last.template.as_str(), "offer.received");
    let link = last.payload.0["link"].as_str().unwrap().to_owned();
    assert!(link.ends_with(&format!("/offers/{id}?lang=en")), "{link}");
    assert!(!link.contains("/api/"), "{link}");
    let (status, html) = get(&app, &to, &format!("{cookie}; {flash}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Your offer is sent"), "the flash");
    app.stop().await;
}

#[tokio::test]
async fn a_refused_offer_is_explained_next_to_the_products_and_nothing_is_stored() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let beer = product_from(&app, &supplier, beer_body()).await;
    let saudi = host_in(&app, &admin, &["SA"]).await;
    let cookie = session(&app, &supplier).await;
    for path in ["/offers/preview", "/offers"] {
        let res = post(&app, path, &compose(saudi.id, beer), Some(&cookie)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        let html = res.text().await.unwrap();
        assert!(
            html.contains("prohibited in every market this host serves"),
            "{html}"
        );
        assert!(html.contains("Craft lager"), "the product is named");
        assert!(html.contains("value=\"200.50\""), "input kept");
    }
    assert_eq!(offers_of(&app, &supplier).await, 0);
    assert_eq!(app.outbox_since_signup(&saudi.email).await.len(), 1);
    // A bad field is named next to it, in Chinese too.
    let bad = compose(saudi.id, beer).replace("commission_pct=15", "commission_pct=lots");
    let res = post(&app, "/offers?lang=zh-CN", &bad, Some(&cookie)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"e-commission_pct\""), "{html}");
    assert_eq!(offers_of(&app, &supplier).await, 0);
    app.stop().await;
}

#[tokio::test]
async fn only_the_parties_see_an_offer_page_and_each_answers_only_their_way() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let product = app.product(&supplier).await;
    let host = app.host_with(&admin, |_| {}).await;
    let other = app.host_with(&admin, |_| {}).await;
    let s = session(&app, &supplier).await;
    let h = session(&app, &host).await;
    let o = session(&app, &other).await;
    let res = post(&app, "/offers", &compose(host.id, product), Some(&s)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = res.headers()[header::LOCATION].to_str().unwrap().to_owned();

    // Another host: 404 to read and to act, and nothing moves.
    assert_eq!(get(&app, &page, &o).await.0, StatusCode::NOT_FOUND);
    for mv in ["accept", "decline", "withdraw"] {
        let res = post(&app, &format!("{page}/{mv}"), "", Some(&o)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{mv}");
    }
    // The supplier cannot accept their own offer (it is the host's turn: 409); the host
    // cannot withdraw it (403).
    assert_eq!(
        post(&app, &format!("{page}/accept"), "", Some(&s))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        post(&app, &format!("{page}/withdraw"), "", Some(&h))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // The host sees it waiting, counted in the navigation, with the answer buttons.
    let (status, html) = get(&app, &page, &h).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Accept offer") && html.contains("Decline offer"));
    assert!(html.contains("class=\"nav-count\""), "one offer to answer");
    let (_, list) = get(&app, "/offers?status=sent", &h).await;
    assert!(list.contains(&page), "listed for the host");

    let res = post(&app, &format!("{page}/accept"), "", Some(&h)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[header::LOCATION].to_str().unwrap(), page);
    let again = post(&app, &format!("{page}/accept"), "", Some(&h)).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let html = again.text().await.unwrap();
    assert!(html.contains("already Accepted"), "{html}");
    let (_, html) = get(&app, &page, &s).await;
    assert!(html.contains("badge offer-accepted"));
    assert!(
        !html.contains("Withdraw offer"),
        "a closed offer has no answers"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_host_declines_with_a_reason_and_a_supplier_withdraws() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let first = app.product(&supplier).await;
    let second = app.product(&supplier).await;
    let host = app.host_with(&admin, |_| {}).await;
    let s = session(&app, &supplier).await;
    let h = session(&app, &host).await;
    let send = async |p: Uuid| {
        let res = post(&app, "/offers", &compose(host.id, p), Some(&s)).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        res.headers()[header::LOCATION].to_str().unwrap().to_owned()
    };
    let a = send(first).await;
    let b = send(second).await;

    let long = "x".repeat(3000);
    let res = post(
        &app,
        &format!("{a}/decline"),
        &format!("reason={long}"),
        Some(&h),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"e-reason\""));
    let res = post(
        &app,
        &format!("{a}/decline"),
        "reason=Not+my+audience",
        Some(&h),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &a, &s).await;
    assert!(html.contains("Not my audience") && html.contains("badge offer-declined"));

    let res = post(&app, &format!("{b}/withdraw"), "", Some(&s)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&app, &b, &h).await;
    assert!(html.contains("badge offer-withdrawn"));
    assert!(!html.contains("Accept offer"));
    let (_, list) = get(&app, "/offers", &s).await;
    assert!(list.contains(&a) && list.contains(&b));
    let (_, list) = get(&app, "/offers?status=withdrawn", &s).await;
    assert!(list.contains(&b) && !list.contains(&a));
    app.stop().await;
}

#[tokio::test]
async fn an_admin_sees_how_many_accounts_wait_to_be_vetted() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let a = session(&app, &admin).await;
    let (_, html) = get(&app, "/settings", &a).await;
    assert!(!html.contains("class=\"nav-count\""), "nobody waits");
    app.pending("host").await;
    app.pending("supplier").await;
    let (_, html) = get(&app, "/settings", &a).await;
    assert!(
        html.contains("<span class=\"nav-count\" title=\"2 accounts waiting to be vetted\">2"),
        "{html}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_second_open_offer_and_the_daily_limit_are_told_on_the_form_with_the_wait() {
    let app = spawn_app_with(Options {
        offers_per_day: Some(2),
        ..Default::default()
    })
    .await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let host = app.host_with(&admin, |_| {}).await;
    let s = session(&app, &supplier).await;
    let first = app.product(&supplier).await;
    let res = post(&app, "/offers", &compose(host.id, first), Some(&s)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = post(&app, "/offers", &compose(host.id, first), Some(&s)).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("already has an open offer from you"),
        "{html}"
    );
    assert!(html.contains("value=\"200.50\""), "input kept");

    let second = app.product(&supplier).await;
    let res = post(&app, "/offers", &compose(host.id, second), Some(&s)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let third = app.product(&supplier).await;
    let res = post(
        &app,
        "/offers?lang=zh-CN",
        &compose(host.id, third),
        Some(&s),
    )
    .await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("今日的邀约上限") && html.contains("60 分钟"),
        "{html}"
    );
    assert_eq!(
        offers_of(&app, &supplier).await,
        2,
        "the refused one is not kept"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_offer_page_is_a_thread_the_parties_counter_and_write_on() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let host = app.host_with(&admin, |_| {}).await;
    let product = app.product(&supplier).await;
    let (s, h) = (session(&app, &supplier).await, session(&app, &host).await);
    let res = post(&app, "/offers", &compose(host.id, product), Some(&s)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = res.headers()[header::LOCATION].to_str().unwrap().to_owned();

    // The host proposes new terms; the supplier's page now holds the answers.
    let bad = post(
        &app,
        &format!("{page}/counter"),
        "commission_pct=abc&fee=1&version=1",
        Some(&h),
    )
    .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let same = post(
        &app,
        &format!("{page}/counter"),
        "commission_pct=15&fee=200.50&free_samples=true&version=1",
        Some(&h),
    )
    .await;
    assert_eq!(
        same.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "changes nothing"
    );
    let c = post(
        &app,
        &format!("{page}/counter"),
        "commission_pct=20&fee=150&free_samples=true&live_at=2027-01-15T19%3A30&message=20%25+and+I+go+live+in+January&version=1",
        Some(&h),
    )
    .await;
    assert_eq!(c.status(), StatusCode::SEE_OTHER);
    let (_, host_view) = get(&app, &page, &h).await;
    assert!(
        !host_view.contains(&format!("action=\"{page}/accept\"")),
        "not the host's turn"
    );
    let (_, supplier_view) = get(&app, &page, &s).await;
    assert!(supplier_view.contains(&format!("action=\"{page}/accept\"")));
    assert!(
        supplier_view.contains("title=\"1 offer waiting for your answer\""),
        "the counter waits for the supplier: counted in its navigation"
    );
    assert!(
        !host_view.contains("class=\"nav-count\""),
        "the host waits: nothing for it to answer"
    );
    assert!(supplier_view.contains("20% and I go live in January"));
    assert!(
        supplier_view.contains("class=\"thread-entry thread-version current"),
        "v2 on the table"
    );
    // An answer to version 1 after version 2 is told the terms moved on.
    let stale = post(&app, &format!("{page}/accept"), "version=1", Some(&s)).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let res = post(
        &app,
        &format!("{page}/counter"),
        "commission_pct=18&fee=150&free_samples=true&version=2",
        Some(&s),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Both write; the thread shows the same history to both, in order.
    let empty = post(&app, &format!("{page}/messages"), "body=+", Some(&h)).await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for (who, text) in [
        (&h, "Can+you+ship+to+S%C3%A3o+Paulo%3F"),
        (&s, "Yes%2C+DHL."),
    ] {
        let m = post(
            &app,
            &format!("{page}/messages"),
            &format!("body={text}"),
            Some(who),
        )
        .await;
        assert_eq!(m.status(), StatusCode::SEE_OTHER);
    }
    let accepted = post(&app, &format!("{page}/accept"), "version=3", Some(&h)).await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    let (_, a) = get(&app, &page, &h).await;
    let (_, b) = get(&app, &page, &s).await;
    let order = |html: &str| {
        [
            "Version 1",
            "Version 2",
            "Version 3",
            "Can you ship to São Paulo?",
            "Yes, DHL.",
        ]
        .map(|needle| {
            html.find(needle)
                .unwrap_or_else(|| panic!("{needle} missing"))
        })
    };
    let (oa, ob) = (order(&a), order(&b));
    assert!(oa.windows(2).all(|w| w[0] < w[1]), "in order for the host");
    assert!(
        ob.windows(2).all(|w| w[0] < w[1]),
        "in order for the supplier"
    );
    // Opening the page read the thread.
    let me = app.get("/api/v1/me", Some(&supplier.access)).await;
    assert_eq!(me.body["unread_messages"], 0);
}
