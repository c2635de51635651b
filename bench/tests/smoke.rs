//! Tier XS end to end, so the benchmark never rots: the load, every family in process and
//! over HTTP, and, when `TEST_DATABASE_URL` names a PostgreSQL, the same families there with
//! identical totals wherever both sides must agree. Figures from a debug build mean nothing;
//! only that it runs and agrees is checked.

use hostmatch_bench::{Config, data::TIERS, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn tier_xs_runs_and_both_sides_agree() {
    let pg = match std::env::var("TEST_DATABASE_URL") {
        Ok(base) => Some(fresh_database(&base).await),
        Err(_) => None,
    };
    let config = Config {
        tier: TIERS[0],
        seed: 7,
        queries: 30,
        pg_queries: 30,
        pg: pg.clone(),
        database_url: None,
        data_dir: None,
        fresh_writes: 5,
    };
    let report = run(&config).await.expect("the benchmark runs");
    assert_eq!(report.load.documents, 11_000);
    assert_eq!(report.families.len(), 6);
    assert_eq!(
        report.pages.len(),
        3,
        "the three pages against their API calls"
    );
    for p in &report.pages {
        assert_eq!(p.html.queries, 30, "{}", p.page);
        assert_eq!(p.api.queries, 30, "{}", p.page);
    }
    for f in &report.families {
        assert_eq!(f.in_process[0].queries, 30, "{}", f.label);
        assert!(f.http[1].qps > 0.0, "{}", f.label);
        if pg.is_some() {
            assert!(f.postgres.is_some(), "{}", f.label);
            assert_eq!(
                f.total_mismatches.unwrap_or(0),
                0,
                "{}: totals differ",
                f.label
            );
        }
    }
    if pg.is_some() {
        assert_eq!(report.postgres_load.as_ref().unwrap().documents, 11_005);
    }
    let dir = tempfile::tempdir().unwrap();
    let md = report.write(dir.path()).unwrap();
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.contains("host filter"));
    assert!(md.contains("/search/products"));
    println!("{md}");
}

/// A new database of its own, as every test here makes.
async fn fresh_database(base: &str) -> String {
    use sea_orm::sqlx::{self, AssertSqlSafe};
    let base = base.trim_end_matches('/');
    let name = format!("hm_test_{}", uuid::Uuid::new_v4().simple());
    let pool = sqlx::PgPool::connect(&format!("{base}/postgres"))
        .await
        .unwrap();
    sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .unwrap();
    format!("{base}/{name}")
}

#[test]
fn screening_runs_and_finds_the_planted_terms() {
    let r = hostmatch_bench::screening::measure(7, 100);
    assert_eq!(r.typical.queries, 100);
    assert_eq!(r.largest.queries, 10);
    assert!(r.terms > 200 && r.rules > 40, "{r:?}");
    assert!(r.largest_findings > 1.0, "{r:?}");
    assert!(r.largest_chars > 20_000, "{r:?}");
}
