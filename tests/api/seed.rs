//! `hostmatch seed` against the test app's database: it writes what it reports, the demo
//! logins work over HTTP, one seed writes one marketplace, a seeded database is refused,
//! and no email is queued.

use std::process::Stdio;

use chrono::{Duration, Utc};
use hostmatch::{
    config::Settings,
    db::Db,
    entities::{account, audit_log, email_outbox, host_profile, offer, product},
    seed::{self, DEMO_PASSWORD, Report, SeedError, SeedOptions},
};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait, QuerySelect};

use crate::{
    helpers::{TestApp, fresh_database_url, spawn_app},
    process::hostmatch,
};

fn small(seed: u64) -> SeedOptions {
    SeedOptions {
        hosts: 20,
        products: 60,
        seed,
        force: false,
    }
}

async fn seed_app(app: &TestApp, opts: &SeedOptions) -> Result<Report, SeedError> {
    let settings = Settings::defaults(app.data_dir.path().to_path_buf());
    seed::run(&app.db, &settings, opts).await
}

/// Rows of the tables a seed writes: accounts, host profiles, products, offers, audit.
async fn rows(db: &Db) -> [u64; 5] {
    let c = db.conn();
    [
        account::Entity::find().count(c).await.unwrap(),
        host_profile::Entity::find().count(c).await.unwrap(),
        product::Entity::find().count(c).await.unwrap(),
        offer::Entity::find().count(c).await.unwrap(),
        audit_log::Entity::find().count(c).await.unwrap(),
    ]
}

async fn sign_in(app: &TestApp, email: &str) -> String {
    let a = app.login(email, DEMO_PASSWORD).await;
    assert_eq!(a.status, StatusCode::OK, "{email}: {:?}", a.body);
    a.body["access_token"].as_str().unwrap().to_owned()
}

async fn total(app: &TestApp, path: &str, token: &str) -> u64 {
    let a = app.get(path, Some(token)).await;
    assert_eq!(a.status, StatusCode::OK, "{path}: {:?}", a.body);
    a.body["total"].as_u64().unwrap()
}

#[tokio::test]
async fn a_small_seed_writes_what_it_reports_and_queues_no_email() {
    let app = spawn_app().await;
    let report = seed_app(&app, &small(42)).await.expect("seed");
    assert_eq!((report.host_profiles, report.products), (20, 60));
    assert_eq!(report.count("admin", "approved"), 1);
    assert_eq!(report.count("host", "approved"), 17);
    assert_eq!(report.flagged_products, 6, "the six flagged listings");
    assert_eq!(report.emails_queued, 0);
    for status in ["sent", "accepted", "declined", "withdrawn"] {
        assert!(
            report.offers.get(status).is_some_and(|n| *n > 0),
            "{status}: {report}"
        );
    }

    let admin = sign_in(&app, "admin@demo.hostmatch.test").await;
    for role in ["supplier", "host"] {
        for status in ["approved", "pending", "rejected", "suspended"] {
            let path = format!("/api/v1/admin/accounts?role={role}&status={status}&per_page=1");
            let n = total(&app, &path, &admin).await;
            assert!(n > 0, "{role} {status}");
            assert_eq!(n, report.count(role, status), "{role} {status}");
        }
    }
    for (status, n) in &report.offers {
        let path = format!("/api/v1/offers?status={status}&per_page=1");
        assert_eq!(total(&app, &path, &admin).await, *n, "{status} offers");
    }
    let [_, hosts, products, offers, _] = rows(&app.db).await;
    assert_eq!((hosts, products), (20, 60));
    assert_eq!(offers, report.offers.values().sum::<u64>());

    let outbox = email_outbox::Entity::find()
        .count(app.db.conn())
        .await
        .unwrap();
    assert_eq!(outbox, 0, "no email was queued");
    app.deliver_emails_at(Utc::now() + Duration::days(2)).await;
    assert!(app.eml_files().is_empty(), "and none was sent");
}

#[tokio::test]
async fn the_demo_logins_work_and_the_demo_supplier_finds_products() {
    let app = spawn_app().await;
    let report = seed_app(&app, &small(42)).await.expect("seed");
    app.sync_index().await;
    let supplier = sign_in(&app, "supplier@demo.hostmatch.test").await;
    let host = sign_in(&app, "host@demo.hostmatch.test").await;
    let admin = sign_in(&app, "admin@demo.hostmatch.test").await;
    for (token, role) in [(&supplier, "supplier"), (&host, "host"), (&admin, "admin")] {
        let me = app.get("/api/v1/me", Some(token)).await;
        assert_eq!(
            (me.body["role"].as_str(), me.body["status"].as_str()),
            (Some(role), Some("approved"))
        );
    }
    the_demo_supplier_searches(&app, &supplier, &report).await;

    let received = app.get("/api/v1/offers", Some(&host)).await;
    let statuses: Vec<&str> = received.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["status"].as_str().unwrap())
        .collect();
    for s in ["sent", "accepted", "declined"] {
        assert!(
            statuses.contains(&s),
            "the demo host has a {s} offer: {statuses:?}"
        );
    }
    let queue = app
        .get(
            "/api/v1/admin/accounts?status=pending&role=host",
            Some(&admin),
        )
        .await;
    let flagged = queue.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["flagged"] == true);
    assert_eq!(
        flagged.count(),
        1,
        "a pending host whose bio screening flags"
    );
}

/// The demo supplier sees the wine gift set's warnings, finds products by a word of one of
/// its titles, and finds every approved host.
async fn the_demo_supplier_searches(app: &TestApp, supplier: &str, report: &Report) {
    let mine = app
        .get("/api/v1/products?per_page=100", Some(supplier))
        .await;
    let listed = mine.body["items"].as_array().unwrap();
    let wine = listed
        .iter()
        .find(|p| p["title"].as_str().unwrap().contains("Wine"))
        .expect("the demo supplier lists the wine gift set");
    let warned: Vec<&str> = wine["compliance"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["market"].as_str())
        .collect();
    assert!(
        warned.contains(&"SA") && warned.contains(&"AE"),
        "{warned:?}"
    );

    let everything = total(app, "/api/v1/products/search?per_page=1", supplier).await;
    assert!(
        everything > 0 && everything < 60,
        "the suspended supplier's are hidden: {everything}"
    );
    let title = listed
        .iter()
        .find(|p| p["compliance"] == serde_json::json!([]))
        .unwrap()["title"]
        .as_str()
        .unwrap();
    let word = title
        .split([' ', ','])
        .find(|w| w.len() > 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .unwrap();
    let found = app
        .get(&format!("/api/v1/products/search?q={word}"), Some(supplier))
        .await;
    assert!(
        found.body["total"].as_u64().unwrap() > 0,
        "{word}: {:?}",
        found.body
    );
    let hosts = total(app, "/api/v1/hosts/search?per_page=1", supplier).await;
    assert_eq!(
        hosts,
        report.count("host", "approved"),
        "every approved host is found"
    );
}

/// Sorted product titles and host headlines, and offer statuses.
async fn contents(db: &Db) -> (Vec<String>, Vec<String>, Vec<String>) {
    let c = db.conn();
    let mut titles: Vec<String> = product::Entity::find()
        .select_only()
        .column(product::Column::Title)
        .into_tuple()
        .all(c)
        .await
        .unwrap();
    titles.sort();
    let mut headlines: Vec<String> = host_profile::Entity::find()
        .select_only()
        .column(host_profile::Column::Headline)
        .into_tuple()
        .all(c)
        .await
        .unwrap();
    headlines.sort();
    let mut statuses: Vec<String> = offer::Entity::find()
        .select_only()
        .column(offer::Column::Status)
        .into_tuple()
        .all(c)
        .await
        .unwrap();
    statuses.sort();
    (titles, headlines, statuses)
}

#[tokio::test]
async fn one_seed_writes_the_same_marketplace_into_two_databases() {
    let (a, b, c) = (spawn_app().await, spawn_app().await, spawn_app().await);
    seed_app(&a, &small(42)).await.expect("seed a");
    seed_app(&b, &small(42)).await.expect("seed b");
    seed_app(&c, &small(43)).await.expect("seed c");
    let first = contents(&a.db).await;
    assert_eq!(first.0.len(), 60);
    assert_eq!(first, contents(&b.db).await);
    assert_ne!(
        first.0,
        contents(&c.db).await.0,
        "another seed, other products"
    );
}

#[tokio::test]
async fn a_seeded_database_is_refused_and_nothing_is_written() {
    let app = spawn_app().await;
    seed_app(&app, &small(42)).await.expect("first seed");
    let before = rows(&app.db).await;
    let again = seed_app(&app, &small(42)).await;
    assert!(
        matches!(again, Err(SeedError::NotEmpty(n)) if n > 0),
        "{again:?}"
    );
    let forced = seed_app(
        &app,
        &SeedOptions {
            force: true,
            ..small(7)
        },
    )
    .await;
    assert!(
        matches!(&forced, Err(SeedError::Seeded(e)) if e == "admin@demo.hostmatch.test"),
        "{forced:?}"
    );
    assert_eq!(rows(&app.db).await, before, "neither wrote anything");
}

#[tokio::test]
async fn force_seeds_beside_accounts_that_are_not_the_seeds() {
    let app = spawn_app().await;
    app.pending("supplier").await;
    let refused = seed_app(&app, &small(42)).await;
    assert!(
        matches!(refused, Err(SeedError::NotEmpty(1))),
        "{refused:?}"
    );
    let report = seed_app(
        &app,
        &SeedOptions {
            force: true,
            ..small(42)
        },
    )
    .await
    .expect("forced");
    assert_eq!(report.products, 60);
    assert_eq!(
        rows(&app.db).await[0],
        1 + report.accounts.values().sum::<u64>()
    );
}

#[tokio::test]
async fn the_command_prints_its_counts_and_logins_then_refuses_a_second_run() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let run = || {
        hostmatch(dir.path(), &url)
            .args(["seed", "--hosts", "20", "--products", "60"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("run hostmatch seed")
    };
    let first = run();
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&first.stderr)
    );
    for line in [
        "products: 60 (6 with compliance findings",
        "profiles: 20 hosts",
        "emails queued: 0",
        "admin@demo.hostmatch.test",
        "supplier@demo.hostmatch.test",
        "host@demo.hostmatch.test",
        DEMO_PASSWORD,
    ] {
        assert!(out.contains(line), "{line:?} in\n{out}");
    }

    let mut settings = Settings::defaults(dir.path().to_path_buf());
    settings.database_url = url.clone();
    let db = Db::connect(&settings).await.unwrap();
    let before = rows(&db).await;
    let second = run();
    assert_eq!(second.status.code(), Some(1));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(rows(&db).await, before);
}
