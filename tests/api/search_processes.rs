//! Search across real processes: another instance on the same database sees a write, and a
//! process killed while writing and indexing converges with the database on restart.

use std::time::{Duration, Instant};

use futures_util::future::join_all;
use rand::Rng;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    helpers::{PASSWORD, fresh_database_url, product_body, unique_email},
    process::{Server, create_admin_cli},
};

/// An approved supplier made through `server`; returns its access token.
async fn approved_supplier(server: &Server, admin_token: &str) -> String {
    let email = unique_email("supplier");
    let (status, account) = server
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": email, "password": PASSWORD, "role": "supplier", "display_name": "S"}),
        )
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CREATED);
    server.verify(&email).await;
    let id = account["id"].as_str().unwrap();
    let path = format!("/api/v1/admin/accounts/{id}/approve");
    let (status, _) = server
        .post(&path, Some(admin_token), json!({}))
        .await
        .unwrap();
    assert_eq!(status, StatusCode::OK);
    server.token(&email).await
}

async fn product_total(server: &Server, token: &str) -> u64 {
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/products/search?per_page=1", server.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let body: Value = res.json().await.unwrap();
    body["total"].as_u64().unwrap()
}

#[tokio::test]
async fn a_write_through_one_instance_is_searchable_through_another_within_two_seconds() {
    let dir_a = tempfile::tempdir().unwrap();
    let dir_b = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir_a.path()).await;
    let admin_email = create_admin_cli(dir_a.path(), &url);
    let a = Server::start(dir_a.path(), &url).await;
    let b = Server::start(dir_b.path(), &url).await;
    let admin_a = a.token(&admin_email).await;
    let admin_b = b.token(&admin_email).await;
    let supplier = approved_supplier(&a, &admin_a).await;
    assert_eq!(product_total(&b, &admin_b).await, 0);

    let (status, _) = a
        .post("/api/v1/products", Some(&supplier), product_body())
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CREATED);
    let written = Instant::now();
    while product_total(&b, &admin_b).await == 0 {
        assert!(
            written.elapsed() < Duration::from_secs(2),
            "not searchable on B within 2 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!(
        "searchable on the other instance after {:?}",
        written.elapsed()
    );
    for s in [&a, &b] {
        s.signal("-TERM");
    }
}

#[tokio::test]
async fn killing_the_process_while_it_writes_and_indexes_loses_nothing_from_search() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let admin_email = create_admin_cli(dir.path(), &url);
    let mut supplier = None;
    for round in 0..3 {
        let mut server = Server::start(dir.path(), &url).await;
        let admin = server.token(&admin_email).await;
        if supplier.is_none() {
            supplier = Some(approved_supplier(&server, &admin).await);
        }
        let token = supplier.clone().unwrap();
        let first_ok = tokio::sync::Notify::new();
        let calls = (0..15).map(|i| {
            let server = &server;
            let token = token.clone();
            let first_ok = &first_ok;
            async move {
                let mut body = product_body();
                body["title"] = json!(format!("round {round} item {i}"));
                let r = server.post("/api/v1/products", Some(&token), body).await;
                if matches!(r, Some((s, _)) if s == StatusCode::CREATED) {
                    first_ok.notify_one();
                }
            }
        });
        let delay = rand::rng().random_range(0..80);
        let kill = async {
            first_ok.notified().await;
            tokio::time::sleep(Duration::from_millis(delay)).await;
            server.signal("-KILL");
        };
        tokio::join!(join_all(calls), kill);
        let _ = server.child.wait();
    }

    // Restarted with no manual step, the index converges to what the database holds.
    let server = Server::start(dir.path(), &url).await;
    let admin = server.token(&admin_email).await;
    let listed = |path: String, token: String| {
        let base = server.base.clone();
        async move {
            let res = reqwest::Client::new()
                .get(format!("{base}{path}"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            let body: Value = res.json().await.unwrap();
            let key = if body.get("hits").is_some() {
                "hits"
            } else {
                "items"
            };
            let mut ids: Vec<String> = body[key]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_str().unwrap().to_owned())
                .collect();
            ids.sort();
            ids
        }
    };
    let token = supplier.clone().unwrap();
    let in_db = listed("/api/v1/products?per_page=100".into(), token).await;
    assert!(!in_db.is_empty());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = listed("/api/v1/products/search?per_page=100".into(), admin.clone()).await;
        if found == in_db {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "index has {} products, the database {}",
            found.len(),
            in_db.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.signal("-TERM");
}

async fn generation(server: &Server) -> String {
    let body: Value = reqwest::get(format!("{}/readyz", server.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["index"]["generation"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn reindex_swaps_in_a_new_index_while_search_keeps_answering() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let admin_email = create_admin_cli(dir.path(), &url);
    let server = Server::start(dir.path(), &url).await;
    let admin = server.token(&admin_email).await;
    let supplier = approved_supplier(&server, &admin).await;
    for _ in 0..20 {
        server
            .post("/api/v1/products", Some(&supplier), product_body())
            .await
            .unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while product_total(&server, &admin).await < 20 {
        assert!(Instant::now() < deadline, "initial indexing");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let before = generation(&server).await;

    let reindex = crate::process::hostmatch(dir.path(), &url)
        .arg("reindex")
        .spawn()
        .unwrap();
    let mut reindex = reindex;
    let mut answered = 0;
    let started = Instant::now();
    loop {
        assert_eq!(
            product_total(&server, &admin).await,
            20,
            "search answers in full during reindex"
        );
        answered += 1;
        if generation(&server).await != before {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the service did not follow"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(reindex.wait().unwrap().success());
    assert!(answered > 1);
    assert_eq!(
        product_total(&server, &admin).await,
        20,
        "the new index holds the same"
    );
    server.signal("-TERM");
}

#[tokio::test]
async fn an_index_of_another_schema_version_is_rebuilt_from_the_database_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let admin_email = create_admin_cli(dir.path(), &url);
    let mut server = Server::start(dir.path(), &url).await;
    let admin = server.token(&admin_email).await;
    let supplier = approved_supplier(&server, &admin).await;
    for _ in 0..5 {
        server
            .post("/api/v1/products", Some(&supplier), product_body())
            .await
            .unwrap();
    }
    let generation = generation(&server).await;
    server.signal("-TERM");
    let _ = server.child.wait();
    // As after an upgrade that changed the schema: the index on disk is of another version.
    // The change feed is emptied too, so only a rebuild from the rows can find them.
    let mut settings = crate::helpers::test_settings(dir.path()).await;
    settings.database_url = url.clone();
    let db = hostmatch::db::Db::connect(&settings).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(db.conn(), "DELETE FROM search_changes")
        .await
        .unwrap();
    let version = dir
        .path()
        .join("index")
        .join(&generation)
        .join("hostmatch-schema-version");
    std::fs::write(&version, "0").unwrap();

    let server = Server::start(dir.path(), &url).await;
    let admin = server.token(&admin_email).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while product_total(&server, &admin).await != 5 {
        assert!(Instant::now() < deadline, "not rebuilt");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let written = std::fs::read_to_string(&version).unwrap();
    assert!(
        written.starts_with(&format!("{}:", search_index::SCHEMA_VERSION)),
        "{written}"
    );
    server.signal("-TERM");
}

#[tokio::test]
async fn a_rule_added_through_the_api_reaches_existing_products_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let admin_email = create_admin_cli(dir.path(), &url);
    let server = Server::start(dir.path(), &url).await;
    let admin = server.token(&admin_email).await;
    let supplier = approved_supplier(&server, &admin).await;
    let (status, product) = server
        .post("/api/v1/products", Some(&supplier), product_body())
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(product["compliance"], json!([]));
    let rule = json!({"market": "LATAM", "category": 2619, "level": "caution",
        "reason": "Process test.", "reason_zh": "进程测试。", "source": "test"});
    let (status, _) = server
        .post("/api/v1/admin/market-rules", Some(&admin), rule)
        .await
        .unwrap();
    assert_eq!(status, StatusCode::CREATED);
    let path = format!(
        "{}/api/v1/products/{}",
        server.base,
        product["id"].as_str().unwrap()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let body: Value = reqwest::Client::new()
            .get(&path)
            .bearer_auth(&supplier)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if body["compliance"].as_array().is_some_and(|f| !f.is_empty()) {
            assert_eq!(body["compliance"][0]["market"], "LATAM");
            break;
        }
        assert!(Instant::now() < deadline, "not re-screened: {body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
