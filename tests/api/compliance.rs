//! Market rules and content screening through the HTTP API: findings on products and
//! profiles in the reader's language, offers refused or warned, matches dropped or scored
//! down, admin changes re-screening what exists, and flags in the admin queue.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Answer, TestApp, User, product_body, spawn_app};

/// Beer (414, under Alcoholic Beverages) for Saudi Arabia and the Emirates: prohibited in
/// the one, restricted (and sensitive across MENA) in the other.
fn beer_body() -> Value {
    let mut b = product_body();
    b["title"] = json!("Craft lager, 6 bottles");
    b["title_zh"] = json!("精酿拉格啤酒六瓶装");
    b["description"] = json!("Brewed in Qingdao.");
    b["description_zh"] = json!("青岛酿造。");
    b["category"] = json!(414);
    b["target_markets"] = json!(["SA", "AE"]);
    b
}

async fn product(app: &TestApp, supplier: &User, body: Value) -> Uuid {
    let a = app
        .post("/api/v1/products", Some(&supplier.access), body)
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    a.body["id"].as_str().unwrap().parse().unwrap()
}

/// A host serving `markets`, speaking Arabic and English, naming food and drink.
async fn host_in(app: &TestApp, admin: &User, markets: &[&str]) -> User {
    let markets = json!(markets);
    app.host_with(admin, |b| {
        b["country"] = json!("AE");
        b["languages"] =
            json!([{"code": "ar", "level": "native"}, {"code": "en", "level": "fluent"}]);
        b["markets"] = markets;
        b["categories"] = json!([412]);
    })
    .await
}

async fn get_as(app: &TestApp, path: &str, user: &User, language: &str) -> Answer {
    let res = app
        .client
        .get(app.url(path))
        .bearer_auth(&user.access)
        .header("Accept-Language", language)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.json().await.unwrap();
    Answer {
        status,
        headers,
        body,
    }
}

fn findings(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not a list: {v}"))
}

fn find<'a>(list: &'a [Value], kind: &str, market: &str) -> Option<&'a Value> {
    list.iter()
        .find(|f| f["kind"] == kind && f["market"] == market)
}

#[tokio::test]
async fn a_product_lists_its_findings_in_the_readers_language() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let mut body = beer_body();
    body["title"] = json!("Craft lager, 1:1 replica label");
    let id = product(&app, &supplier, body).await;

    let en = app
        .get(&format!("/api/v1/products/{id}"), Some(&supplier.access))
        .await;
    let list = findings(&en.body["compliance"]);
    let sa = find(list, "category", "SA").expect("the Saudi alcohol rule");
    assert_eq!(sa["level"], "prohibited");
    assert_eq!(sa["countries"], json!(["SA"]));
    assert!(sa["reason"].as_str().unwrap().contains("Saudi"), "{sa}");
    assert!(sa["source"].as_str().is_some());
    let mena = find(list, "category", "MENA").expect("the MENA caution");
    assert_eq!(
        mena["countries"],
        json!(["AE", "SA"]),
        "cut to the product's markets"
    );
    assert!(
        find(list, "category", "KW").is_none(),
        "Kuwait is not a target"
    );
    let fake = find(list, "counterfeit", "*").expect("1:1 and replica");
    assert_eq!(fake["field"], "title");
    assert_eq!(fake["level"], "prohibited");
    let span = &fake["span"];
    let title: Vec<char> = "Craft lager, 1:1 replica label".chars().collect();
    let (start, end) = (
        span["start"].as_u64().unwrap(),
        span["end"].as_u64().unwrap(),
    );
    let at: String = title[start as usize..end as usize].iter().collect();
    assert_eq!(json!(at), span["text"]);
    assert_eq!(list[0]["level"], "prohibited", "most serious first");

    let zh = get_as(&app, &format!("/api/v1/products/{id}"), &supplier, "zh-CN").await;
    let sa = find(findings(&zh.body["compliance"]), "category", "SA").unwrap();
    assert!(sa["reason"].as_str().unwrap().contains("沙特"), "{sa}");
}

#[tokio::test]
async fn host_text_is_screened_on_save_and_innocent_words_pass() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let risky = app
        .host_with(&admin, |b| {
            b["headline"] = json!("Wellness lives");
            b["bio"] = json!("我们的草本茶包治百病。Our tea cures cancer, guaranteed weight loss!");
        })
        .await;
    let me = app.get("/api/v1/hosts/me", Some(&risky.access)).await;
    let list = findings(&me.body["compliance"]);
    let texts: Vec<&str> = list
        .iter()
        .map(|f| f["span"]["text"].as_str().unwrap())
        .collect();
    for want in ["包治百病", "cures cancer", "guaranteed weight loss"] {
        assert!(texts.contains(&want), "{want} not in {texts:?}");
    }
    assert!(
        list.iter()
            .all(|f| f["kind"] == "claim" && f["field"] == "bio")
    );

    let innocent = app
        .host_with(&admin, |b| {
            b["bio"] =
                json!("We replicate studio light at home. 高仿真花束和红酒杯，个性玩具定制。");
        })
        .await;
    let me = app.get("/api/v1/hosts/me", Some(&innocent.access)).await;
    assert_eq!(
        me.body["compliance"],
        json!([]),
        "{}",
        me.body["compliance"]
    );
    // Others do not see a host's findings.
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let seen = app
        .get(
            &format!("/api/v1/hosts/{}", risky.id),
            Some(&supplier.access),
        )
        .await;
    assert!(seen.body.get("compliance").is_none());
}

fn offer_body(host: Uuid, product: Uuid) -> Value {
    json!({"host_id": host, "product_ids": [product], "message": "Cheers!",
           "commission_pct": 15.0, "fee_cents": 0, "free_samples": false})
}

#[tokio::test]
async fn an_offer_banned_in_every_host_market_is_refused_and_a_restricted_one_warns() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let beer = product(&app, &supplier, beer_body()).await;
    let saudi = host_in(&app, &admin, &["SA"]).await;
    let emirati = host_in(&app, &admin, &["AE"]).await;

    let refused = app
        .post(
            "/api/v1/offers",
            Some(&supplier.access),
            offer_body(saudi.id, beer),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        refused.body
    );
    assert!(refused.is_problem());
    let text = refused.body.to_string();
    assert!(
        text.contains("prohibited") && text.contains("Saudi"),
        "{text}"
    );
    let sent = app.get("/api/v1/offers", Some(&supplier.access)).await;
    assert_eq!(sent.body["total"], 0, "nothing was created");
    assert_eq!(
        app.outbox_since_signup(&saudi.email).await.len(),
        1,
        "only the approval"
    );

    let a = app
        .post(
            "/api/v1/offers",
            Some(&supplier.access),
            offer_body(emirati.id, beer),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.body);
    let warnings = findings(&a.body["warnings"]);
    assert!(
        warnings
            .iter()
            .any(|w| w["level"] == "restricted" && w["market"] == "AE")
    );
    assert!(warnings.iter().all(|w| w["product_id"] == json!(beer)));
    assert!(
        warnings.iter().all(|w| w["countries"] == json!(["AE"])),
        "cut to the host's market: {warnings:?}"
    );
    let seen = app
        .get(
            &format!("/api/v1/offers/{}", a.body["id"].as_str().unwrap()),
            Some(&emirati.access),
        )
        .await;
    assert_eq!(seen.body["warnings"], a.body["warnings"]);

    app.deliver_emails_at(chrono::Utc::now()).await;
    let mail = app
        .eml_files()
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .find(|m| m.contains("Compliance warnings"))
        .expect("the offer email with its warnings");
    let parsed = mail_parser::MessageParser::default()
        .parse(mail.as_bytes())
        .unwrap();
    let body = parsed.body_text(0).unwrap();
    assert!(body.contains("[restricted] AE"), "{body}");
    assert!(body.contains("Craft lager"), "{body}");
}

#[tokio::test]
async fn matches_drop_banned_pairs_and_score_the_rest_down_with_warnings() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let beer = product(&app, &supplier, beer_body()).await;
    let saudi = host_in(&app, &admin, &["SA"]).await;
    let emirati = host_in(&app, &admin, &["AE"]).await;
    app.sync_index().await;

    let m = app
        .get(
            &format!("/api/v1/products/{beer}/matches"),
            Some(&supplier.access),
        )
        .await;
    assert_eq!(m.status, StatusCode::OK, "{:?}", m.body);
    let hits = m.body["hits"].as_array().unwrap();
    let ids: Vec<&str> = hits
        .iter()
        .map(|h| h["host"]["id"].as_str().unwrap())
        .collect();
    assert!(
        !ids.contains(&saudi.id.to_string().as_str()),
        "banned pair shown"
    );
    let ae = hits
        .iter()
        .find(|h| h["host"]["id"] == json!(emirati.id))
        .expect("the Emirati host");
    let tenths = |v: &Value| (v.as_f64().unwrap() * 10.0).round() as i64;
    let parts: i64 = ae["parts"].as_object().unwrap().values().map(tenths).sum();
    assert!(tenths(&ae["penalty"]) > 0, "{ae}");
    assert_eq!(tenths(&ae["score"]) + tenths(&ae["penalty"]), parts);
    let warnings = findings(&ae["warnings"]);
    assert!(warnings.iter().any(|w| w["level"] == "restricted"));
    assert!(
        warnings.iter().all(|w| w["market"] != "SA"),
        "only the host's markets"
    );

    let none = app
        .get("/api/v1/hosts/me/recommendations", Some(&saudi.access))
        .await;
    assert!(
        !none.body.to_string().contains(&beer.to_string()),
        "{}",
        none.body
    );
    let some = app
        .get("/api/v1/hosts/me/recommendations", Some(&emirati.access))
        .await;
    let hit = some.body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["product"]["id"] == json!(beer))
        .expect("beer recommended in the Emirates");
    assert!(
        findings(&hit["warnings"])
            .iter()
            .any(|w| w["level"] == "restricted")
    );
}

#[tokio::test]
async fn admin_rule_and_term_changes_rescreen_existing_products_off_the_request() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let mirror = app.product(&supplier).await;
    let path = format!("/api/v1/products/{mirror}");
    let compliance =
        async || app.get(&path, Some(&supplier.access)).await.body["compliance"].clone();
    assert_eq!(compliance().await, json!([]));

    let rule = json!({"market": "US", "category": 469, "level": "restricted",
        "reason": "Test rule for health and beauty.", "reason_zh": "健康美容测试规则。",
        "source": "hostmatch test"});
    let denied = app
        .post(
            "/api/v1/admin/market-rules",
            Some(&supplier.access),
            rule.clone(),
        )
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let mut bad = rule.clone();
    bad["market"] = json!("XX");
    bad["level"] = json!("banned");
    let a = app
        .post("/api/v1/admin/market-rules", Some(&admin.access), bad)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["market", "level"]);

    let added = app
        .post(
            "/api/v1/admin/market-rules",
            Some(&admin.access),
            rule.clone(),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.body);
    assert_eq!(added.body["origin"], "added");
    let again = app
        .post("/api/v1/admin/market-rules", Some(&admin.access), rule)
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // The answer came before any product was re-screened: that is the background job's.
    assert_eq!(compliance().await, json!([]));
    let done = app.jobs.rescreen().await.unwrap();
    assert!(done.changed >= 1, "{done:?}");
    let list = compliance().await;
    let f = find(findings(&list), "category", "US").expect("the new rule");
    assert_eq!(f["level"], "restricted");
    assert_eq!(f["source"], "hostmatch test");

    let bad = json!({"language": "fr", "kind": "claim", "level": "caution", "markets": ["XX"],
        "term": "magnifiers", "reason": "Test term.", "reason_zh": "测试词。"});
    let a = app
        .post("/api/v1/admin/screening-terms", Some(&admin.access), bad)
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(a.error_fields(), ["language", "markets"]);
    let term = json!({"language": "en", "kind": "claim", "level": "caution",
        "term": "magnifiers", "reason": "Test term.", "reason_zh": "测试词。"});
    let t = app
        .post("/api/v1/admin/screening-terms", Some(&admin.access), term)
        .await;
    assert_eq!(t.status, StatusCode::CREATED, "{:?}", t.body);
    app.jobs.rescreen().await.unwrap();
    let list = compliance().await;
    let claim = find(findings(&list), "claim", "*").expect("the new term, stemmed");
    assert_eq!(claim["field"], "description");
    assert_eq!(claim["span"]["text"], "magnifier");

    let rules = app
        .get("/api/v1/admin/market-rules?market=US", Some(&admin.access))
        .await;
    assert!(
        rules.body["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["origin"] == "added")
    );
    let audit = app
        .get("/api/v1/admin/audit-log", Some(&admin.access))
        .await;
    let actions = audit.body.to_string();
    assert!(actions.contains("market_rule.add") && actions.contains("screening_term.add"));

    let rule_id = added.body["id"].as_str().unwrap();
    let term_id = t.body["id"].as_str().unwrap();
    for p in [
        format!("/api/v1/admin/market-rules/{rule_id}"),
        format!("/api/v1/admin/screening-terms/{term_id}"),
    ] {
        assert_eq!(
            app.delete(&p, Some(&admin.access)).await.status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            app.delete(&p, Some(&admin.access)).await.status,
            StatusCode::NOT_FOUND
        );
    }
    app.jobs.rescreen().await.unwrap();
    assert_eq!(compliance().await, json!([]), "back as it was");
}

#[tokio::test]
async fn the_admin_queue_marks_accounts_with_findings_and_shows_the_spans() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let mut body = product_body();
    body["title_zh"] = json!("高仿名牌化妆镜");
    product(&app, &supplier, body).await;
    let clean = app.user_in(&admin, "supplier", "approved").await;
    app.product(&clean).await;

    let q = app
        .get("/api/v1/admin/accounts?role=supplier", Some(&admin.access))
        .await;
    let items = q.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{:?}", q.body));
    let entry = |id: Uuid| items.iter().find(|e| e["id"] == json!(id)).unwrap();
    let flagged = entry(supplier.id);
    assert_eq!(flagged["flagged"], true);
    let f = &flagged["flagged_products"][0]["compliance"][0];
    assert_eq!(f["field"], "title_zh");
    assert_eq!(f["span"]["text"], "高仿");
    assert_eq!(f["span"]["start"], 0);
    assert_eq!(entry(clean.id)["flagged"], false);
}

#[tokio::test]
async fn re_screening_never_overwrites_a_save_it_did_not_read() {
    use hostmatch::{
        db::{products, rules},
        domain::findings::Screened,
    };
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let id = app.product(&supplier).await;
    let read = products::find(app.db.conn(), id).await.unwrap().unwrap();
    // The owner saves meanwhile, with text that screening flags.
    let a = app
        .patch(
            &format!("/api/v1/products/{id}"),
            Some(&supplier.access),
            json!({"title": "Mirror, 1:1 replica"}),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK);
    let stale = Screened::new(&[], &read.screened_with);
    let stored = rules::PRODUCTS
        .set(
            app.db.conn(),
            id,
            read.updated_at,
            &read.screened_with,
            &stale,
        )
        .await
        .unwrap();
    assert!(!stored, "the job's stale findings must lose to the save");
    let now = app
        .get(&format!("/api/v1/products/{id}"), Some(&supplier.access))
        .await;
    assert!(find(findings(&now.body["compliance"]), "counterfeit", "*").is_some());
}
