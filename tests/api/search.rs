//! Search through the HTTP API: the index follows the database, filters and facets, text in
//! both languages, visibility, input checks.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{product_body, spawn_app, unscreened};

fn ids(a: &crate::helpers::Answer) -> Vec<String> {
    let mut v: Vec<String> = a.body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn suppliers_find_approved_hosts_by_language_market_category_and_text() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let lucia = app.host_with(&admin, |_| {}).await;
    let wang = app
        .host_with(&admin, |b| {
            b["display_name"] = json!("王芳");
            b["bio"] = json!("跨境电商直播带货五年，专注美妆。");
            b["languages"] =
                json!([{"code": "zh", "level": "native"}, {"code": "ar", "level": "fluent"}]);
            b["markets"] = json!(["GCC"]);
            b["platforms"] = json!([{"name": "tiktok", "handle": "@wf", "followers": 900000}]);
        })
        .await;
    let pending = app.pending("host").await;
    app.put(
        "/api/v1/hosts/me",
        Some(&pending.access),
        crate::helpers::host_profile_body(),
    )
    .await;
    app.sync_index().await;
    let s = |q: &str| {
        let path = format!("/api/v1/hosts/search{q}");
        let app = &app;
        let token = supplier.access.clone();
        async move { app.get(&path, Some(&token)).await }
    };

    let all = s("").await;
    assert_eq!(all.status, StatusCode::OK, "{:?}", all.body);
    assert_eq!(all.body["total"], 2, "the pending host is not found");
    let es = s("?language=es").await;
    assert_eq!(ids(&es), [lucia.id.to_string()]);
    assert_eq!(
        es.body["hits"][0]["display_name"], "Lucía Live",
        "hits carry the profile"
    );
    let either = s("?language=es&language=ar").await;
    assert_eq!(either.body["total"], 2, "repeated means any");
    let both = s("?language=es&market=SA").await;
    assert_eq!(both.body["total"], 0, "different parameters must all hold");
    assert_eq!(
        ids(&s("?market=MENA").await),
        [wang.id.to_string()],
        "regions expand"
    );
    assert_eq!(
        s("?category=469").await.body["total"],
        2,
        "an ancestor category matches"
    );
    assert_eq!(ids(&s("?q=直播").await), [wang.id.to_string()]);
    assert_eq!(ids(&s("?q=retail").await), [lucia.id.to_string()]);
    assert_eq!(s("?min_followers=200000").await.body["total"], 1);
    let sorted = s("?sort=followers&per_page=1").await;
    assert_eq!(sorted.body["hits"].as_array().unwrap().len(), 1);
    assert_eq!(sorted.body["hits"][0]["id"], wang.id.to_string());
    assert_eq!(sorted.body["total"], 2);
    let facets = &all.body["facets"];
    let lang: Vec<_> = facets["language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["value"].as_str().unwrap().to_owned(),
                f["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lang.len(), 4);
    assert!(lang.contains(&("es".into(), 1)) && lang.contains(&("zh".into(), 1)));
    assert_eq!(facets["category"][0], json!({"value": "469", "count": 2}));
    for hostile in [
        "?q=title%3A(foo%20AND%20%22bar",
        "?q=%2A",
        "?q=%00",
        "?q=%E2%80%AE",
    ] {
        assert_eq!(s(hostile).await.status, StatusCode::OK, "{hostile}");
    }

    // A suspension takes the host out at the next indexer pass.
    app.vet(&admin, wang.id, "suspend").await;
    app.sync_index().await;
    assert_eq!(s("").await.body["total"], 1);
}

#[tokio::test]
async fn hosts_find_active_products_in_both_languages_and_archived_ones_leave() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let host = app.user_in(&admin, "host", "approved").await;
    let mirror = app.product(&supplier).await;
    let mut earbuds = product_body();
    earbuds["title"] = json!("Wireless earbud, 30 h battery");
    earbuds["title_zh"] = json!("无线蓝牙耳机");
    earbuds["category"] = json!(2619);
    earbuds["price_cents"] = json!(4999);
    earbuds["free_samples"] = json!(false);
    let e = app
        .post("/api/v1/products", Some(&supplier.access), earbuds)
        .await;
    let earbuds_id = e.body["id"].as_str().unwrap().to_owned();
    app.sync_index().await;
    let s = |q: &str| {
        let path = format!("/api/v1/products/search{q}");
        let app = &app;
        let token = host.access.clone();
        async move { app.get(&path, Some(&token)).await }
    };
    assert_eq!(
        ids(&s("?q=earbuds").await),
        [earbuds_id.as_str()],
        "stemmed"
    );
    assert_eq!(ids(&s("?q=化妆镜").await), [mirror.to_string()]);
    assert_eq!(
        ids(&s("?q=LED%20化妆镜%20mirror").await),
        [mirror.to_string()],
        "mixed"
    );
    assert_eq!(ids(&s("?max_price_cents=2000").await), [mirror.to_string()]);
    assert_eq!(ids(&s("?free_samples=false").await), [earbuds_id.as_str()]);
    assert_eq!(
        s("?market=BR").await.body["total"],
        2,
        "LATAM was stored as its countries"
    );
    let by_price = s("?sort=price").await;
    assert_eq!(by_price.body["hits"][0]["id"], mirror.to_string());
    assert_eq!(by_price.body["hits"][0]["title_zh"], "三色光 LED 化妆镜");

    app.delete(
        &format!("/api/v1/products/{mirror}"),
        Some(&supplier.access),
    )
    .await;
    app.sync_index().await;
    assert_eq!(s("").await.body["total"], 1);
    assert_eq!(s("?q=化妆镜").await.body["total"], 0);
}

#[tokio::test]
async fn search_refuses_bad_parameters_and_callers_it_does_not_serve() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    for (q, field) in [
        ("?colour=red", "colour"),
        ("?language=xx", "language"),
        ("?market=ATLANTIS", "market"),
        ("?category=1234567", "category"),
        ("?min_followers=lots", "min_followers"),
        ("?per_page=101", "per_page"),
        ("?page=1000&per_page=100", "page"),
        ("?sort=cheapest", "sort"),
        ("?platform=myspace", "platform"),
        ("?max_commission_pct=NaN", "max_commission_pct"),
        ("?page=1844674407370955162&per_page=10", "page"),
    ] {
        let a = app
            .get(&format!("/api/v1/hosts/search{q}"), Some(&supplier.access))
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        assert_eq!(a.error_fields(), [field], "{q}");
    }
    let pending = app.pending("supplier").await;
    let host = app.user_in(&admin, "host", "approved").await;
    assert_eq!(
        app.get("/api/v1/hosts/search", Some(&pending.access))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/hosts/search", Some(&host.access))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/products/search", Some(&pending.access))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/api/v1/products/search", Some(&host.access))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/hosts/search", Some(&admin.access))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_rebuild_gives_the_same_documents_as_incremental_indexing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    let gone = app.user_in(&admin, "supplier", "approved").await;
    for _ in 0..3 {
        app.product(&supplier).await;
    }
    let archived = app.product(&supplier).await;
    app.delete(
        &format!("/api/v1/products/{archived}"),
        Some(&supplier.access),
    )
    .await;
    app.product(&gone).await;
    app.vet(&admin, gone.id, "suspend").await;
    app.host_with(&admin, |_| {}).await;
    let pending = app.pending("host").await;
    app.put(
        "/api/v1/hosts/me",
        Some(&pending.access),
        crate::helpers::host_profile_body(),
    )
    .await;
    app.sync_index().await;
    let index = app.jobs.search.index();
    let incremental = (index.all_ids(false).unwrap(), index.all_ids(true).unwrap());
    assert_eq!((incremental.0.len(), incremental.1.len()), (1, 3));

    let (hosts, products) = app.jobs.rebuild_index().await.unwrap();
    assert_eq!((hosts, products), (1, 3));
    let index = app.jobs.search.index();
    assert_eq!(
        (index.all_ids(false).unwrap(), index.all_ids(true).unwrap()),
        incremental
    );
    // And the indexer carries on from where the rebuild stood.
    app.product(&supplier).await;
    app.sync_index().await;
    assert_eq!(app.jobs.search.index().all_ids(true).unwrap().len(), 4);
}

#[tokio::test]
async fn a_change_that_commits_after_a_later_one_is_not_skipped() {
    use hostmatch::{
        db::{products as product_rows, search_changes::Entity},
        entities::search_change,
    };
    use sea_orm::{ActiveModelTrait, Set};
    let app = spawn_app().await;
    let admin = app.admin().await;
    let supplier = app.user_in(&admin, "supplier", "approved").await;
    app.product(&supplier).await;
    let n = hostmatch::db::search_changes::max_seq(app.db.conn())
        .await
        .unwrap();
    let draft = |title: &str| hostmatch::domain::product::ProductDraft {
        title: title.into(),
        title_zh: String::new(),
        description: String::new(),
        description_zh: String::new(),
        category: 2619,
        target_markets: vec!["US".into()],
        price_cents: 100,
        commission_pct: 10.0,
        moq: 1,
        free_samples: false,
        image_urls: vec![],
    };
    let change = |seq: i64, id: uuid::Uuid| search_change::ActiveModel {
        seq: Set(seq),
        entity: Set(Entity::Product.as_str().into()),
        entity_id: Set(id),
        created_at: Set(chrono::Utc::now()),
    };
    // Change n + 2 is visible first, as when its transaction commits before n + 1's.
    let later = product_rows::insert(app.db.conn(), supplier.id, &draft("later"), &unscreened())
        .await
        .unwrap();
    change(n + 2, later.id).insert(app.db.conn()).await.unwrap();
    app.sync_index().await;
    let early = product_rows::insert(app.db.conn(), supplier.id, &draft("earlier"), &unscreened())
        .await
        .unwrap();
    change(n + 1, early.id).insert(app.db.conn()).await.unwrap();
    app.sync_index().await;
    let found = app
        .get("/api/v1/products/search?q=earlier", Some(&admin.access))
        .await;
    assert_eq!(
        ids(&found),
        [early.id.to_string()],
        "the gap was asked for again"
    );
}
