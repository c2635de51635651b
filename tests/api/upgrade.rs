//! An upgrade: a SQLite database written by the service before its columns were typed
//! (tests/fixtures/README.md) migrates, and every row of every table reads back through
//! the typed entities; the upgraded service then serves it.

use hostmatch::{
    db::Db,
    domain::{
        AccountStatus, Locale, Role,
        collaboration::CollabStatus,
        findings::Level,
        offer::{OfferStatus, Party},
    },
    entities::{
        account, audit_log, collaboration, email_outbox, host_profile, idempotency_key,
        login_throttle, market_rule, offer, offer_product, offer_version, offer_version_product,
        product, refresh_token, screening_term, search_change, supplier_profile,
    },
    startup::Application,
};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::helpers::{PASSWORD, test_settings};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/upgrade-2026-12-01.sqlite"
);

/// A copy of the fixture in a temp dir, with settings that use it.
async fn copy_of_fixture(dir: &std::path::Path) -> hostmatch::config::Settings {
    let db = dir.join("hostmatch.db");
    std::fs::copy(FIXTURE, &db).unwrap();
    let mut settings = test_settings(dir).await;
    settings.database_url = format!("sqlite://{}?mode=rwc", db.display());
    settings
}

/// Every row of `E`, read through its entity: a value that does not read as its type fails.
async fn all<E: EntityTrait>(db: &Db) -> Vec<E::Model> {
    E::find()
        .all(db.conn())
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", std::any::type_name::<E>()))
}

#[tokio::test]
async fn a_database_from_before_the_typed_columns_migrates_and_every_row_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let settings = copy_of_fixture(dir.path()).await;
    let db = Db::connect(&settings).await.unwrap();
    db.migrate().await.unwrap();

    let accounts = all::<account::Entity>(&db).await;
    assert_eq!(accounts.len(), 13);
    let count = |role: Role, status: AccountStatus| {
        accounts
            .iter()
            .filter(|a| a.role == role && a.status == status)
            .count()
    };
    assert_eq!(count(Role::Admin, AccountStatus::Approved), 1);
    assert_eq!(count(Role::Host, AccountStatus::Suspended), 1);
    assert_eq!(count(Role::Supplier, AccountStatus::Rejected), 2);
    assert_eq!(
        accounts.iter().filter(|a| a.locale == Locale::ZhCn).count(),
        4
    );

    let hosts = all::<host_profile::Entity>(&db).await;
    assert_eq!(hosts.len(), 6);
    assert!(
        hosts
            .iter()
            .all(|h| !h.languages.is_empty() && !h.markets.is_empty())
    );
    let flagged = hosts.iter().filter(|h| !h.compliance.is_empty()).count();
    assert_eq!(flagged, 1, "the host with medical claims");
    // An accepted offer no longer counts: only a confirmed collaboration does.
    assert!(hosts.iter().all(|h| h.completed_collaborations == 0));
    assert!(hosts.iter().all(|h| h.review_count == 0));
    let suppliers = all::<supplier_profile::Entity>(&db).await;
    assert_eq!(suppliers.len(), 5);
    assert!(
        suppliers
            .iter()
            .all(|s| s.rating.is_none() && s.review_count == 0)
    );

    let products = all::<product::Entity>(&db).await;
    assert_eq!(products.len(), 7);
    let lager = products.iter().find(|p| p.title.contains("lager")).unwrap();
    assert!(
        lager
            .compliance
            .iter()
            .any(|f| f.market == "SA" && f.level == Level::Prohibited)
    );
    assert!(products.iter().all(|p| !p.target_markets.is_empty()));

    let offers = all::<offer::Entity>(&db).await;
    assert_eq!(offers.len(), 8);
    for (status, n) in [
        (OfferStatus::Sent, 3),
        (OfferStatus::Accepted, 1),
        (OfferStatus::Declined, 2),
        (OfferStatus::Withdrawn, 1),
        (OfferStatus::Expired, 1),
    ] {
        assert_eq!(
            offers.iter().filter(|o| o.status == status).count(),
            n,
            "{status}"
        );
    }
    assert_eq!(
        offers.iter().filter(|o| !o.warnings.is_empty()).count(),
        1,
        "the lager offer's warnings"
    );
    // Every offer is its own version 1, made by the supplier, with its products.
    assert!(
        offers
            .iter()
            .all(|o| o.version == 1 && o.latest_by == Party::Supplier)
    );
    let versions = all::<offer_version::Entity>(&db).await;
    assert_eq!(versions.len(), 8);
    for o in &offers {
        let v = versions.iter().find(|v| v.offer_id == o.id).unwrap();
        assert_eq!(
            (
                v.version,
                v.commission_pct,
                v.fee_cents,
                &v.message,
                v.expires_at
            ),
            (1, o.commission_pct, o.fee_cents, &o.message, o.expires_at)
        );
        assert_eq!(v.warnings.0, o.warnings.0);
    }
    assert_eq!(all::<offer_version_product::Entity>(&db).await.len(), 9);
    // The accepted offer is a collaboration, agreed, with the offer's id.
    let collaborations = all::<collaboration::Entity>(&db).await;
    let accepted = offers
        .iter()
        .find(|o| o.status == OfferStatus::Accepted)
        .unwrap();
    assert_eq!(collaborations.len(), 1);
    assert_eq!(
        (collaborations[0].id, collaborations[0].status),
        (accepted.id, CollabStatus::Agreed)
    );

    let outbox = all::<email_outbox::Entity>(&db).await;
    assert_eq!(outbox.len(), 28);
    assert!(outbox.iter().all(|e| e.payload.is_object()));
    let audit = all::<audit_log::Entity>(&db).await;
    assert_eq!(audit.len(), 23);
    let terms = all::<screening_term::Entity>(&db).await;
    assert_eq!(terms.len(), 3);
    assert_eq!(all::<market_rule::Entity>(&db).await.len(), 3);
    // Every host is queued again, since its track record was recounted.
    assert_eq!(all::<search_change::Entity>(&db).await.len(), 35 + 6);
    assert_eq!(all::<offer_product::Entity>(&db).await.len(), 9);
    assert_eq!(all::<refresh_token::Entity>(&db).await.len(), 21);
    assert_eq!(all::<idempotency_key::Entity>(&db).await.len(), 2);
    assert_eq!(all::<login_throttle::Entity>(&db).await.len(), 14);
    assert_eq!(
        search_change::Entity::find()
            .count(db.conn())
            .await
            .unwrap(),
        35 + 6
    );
}

#[tokio::test]
async fn the_upgraded_service_serves_the_old_data() {
    let dir = tempfile::tempdir().unwrap();
    let settings = copy_of_fixture(dir.path()).await;
    let app = Application::build(settings).await.unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    let jobs = app.jobs();
    let server = tokio::spawn(app.run_until_stopped(std::future::pending()));
    jobs.rebuild_index().await.unwrap();
    let http = reqwest::Client::new();
    let login = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": "supplier-bright@fixture.test", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    let token = login.json::<serde_json::Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let offers: serde_json::Value = http
        .get(format!("{base}/api/v1/offers?per_page=100"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(offers["total"], 5, "{offers}");
    let found: serde_json::Value = http
        .get(format!("{base}/api/v1/products/search?q=mirror"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(found["total"].as_u64().unwrap() >= 1, "{found}");
    server.abort();
}

#[tokio::test]
async fn a_row_that_cannot_be_read_is_an_error_naming_it_not_a_default() {
    use sea_orm::ConnectionTrait;
    let dir = tempfile::tempdir().unwrap();
    let settings = copy_of_fixture(dir.path()).await;
    let db = Db::connect(&settings).await.unwrap();
    db.migrate().await.unwrap();
    let host = all::<account::Entity>(&db)
        .await
        .into_iter()
        .find(|a| a.role == Role::Host)
        .unwrap();
    let product = all::<product::Entity>(&db).await.remove(0);
    db.conn()
        .execute_unprepared("UPDATE accounts SET status = 'on holiday' WHERE role = 'host'")
        .await
        .unwrap();
    db.conn()
        .execute_unprepared(&format!(
            "UPDATE products SET target_markets = 'BR, MX' WHERE title = '{}'",
            product.title.replace('\'', "''")
        ))
        .await
        .unwrap();
    let err = hostmatch::db::accounts::find(db.conn(), host.id)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(&host.id.to_string()), "{err}");
    assert!(err.contains("on holiday"), "{err}");
    let err = hostmatch::db::products::find(db.conn(), product.id)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains(&product.id.to_string()), "{err}");
    assert!(err.contains("target_markets"), "{err}");
    // An admin's rule that no longer reads is skipped, not fatal: the rulebook still loads.
    db.conn()
        .execute_unprepared("UPDATE market_rules SET level = 'forbidden' WHERE market = 'SA'")
        .await
        .unwrap();
    let readable = all_rules_ok(&db).await;
    assert_eq!(readable, 2, "the two readable admin rules");
}

#[tokio::test]
async fn an_unreadable_email_row_is_given_up_and_the_rest_still_go() {
    use sea_orm::ConnectionTrait;
    let dir = tempfile::tempdir().unwrap();
    let settings = copy_of_fixture(dir.path()).await;
    let db = Db::connect(&settings).await.unwrap();
    db.migrate().await.unwrap();
    let count = |db: &Db, status: &'static str| {
        let conn = db.conn().clone();
        async move {
            hostmatch::db::outbox::count_by_status(&conn)
                .await
                .unwrap()
                .into_iter()
                .find(|(s, _)| s == status)
                .map_or(0, |(_, n)| n)
        }
    };
    assert_eq!(
        count(&db, "pending").await,
        1,
        "the fixture's one pending email"
    );
    assert_eq!(count(&db, "failed").await, 1, "and its one refused one");
    // A second pending email, then the first made unreadable (a template no build knows).
    db.conn()
        .execute_unprepared(
            "UPDATE email_outbox SET status = 'pending', next_attempt_at = created_at \
             WHERE status = 'failed'",
        )
        .await
        .unwrap();
    db.conn()
        .execute_unprepared(
            "UPDATE email_outbox SET template = 'offer.haggled' WHERE attempts = 1 \
             AND status = 'pending' AND last_error IS NOT NULL AND to_address LIKE 'host-%'",
        )
        .await
        .unwrap();
    let later = chrono::Utc::now() + chrono::Duration::days(2);
    let lease = chrono::Duration::minutes(2);
    let claimed = hostmatch::db::outbox::claim_due(&db, later, lease, 10)
        .await
        .expect("an unreadable row does not fail the claim");
    assert_eq!(claimed.len(), 1, "the readable one is claimed");
    assert_ne!(claimed[0].to_address, "", "and read whole");
    assert_eq!(
        count(&db, "pending").await,
        1,
        "claimed, pending until sent"
    );
    assert_eq!(
        count(&db, "failed").await,
        1,
        "the unreadable one, given up"
    );
    let again = hostmatch::db::outbox::claim_due(&db, later, lease, 10)
        .await
        .unwrap();
    assert!(
        again.is_empty(),
        "nothing is claimed twice within its lease"
    );
}

async fn all_rules_ok(db: &Db) -> usize {
    hostmatch::services::screening::load(db.conn())
        .await
        .expect("the rulebook loads past an unreadable row");
    hostmatch::db::rules::rules(db.conn()).await.unwrap().len()
}
