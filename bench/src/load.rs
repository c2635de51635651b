//! Loading the marketplace into a running service through its write path: the same rows
//! and `search_changes` records the API writes, a thousand to a transaction, while the
//! service's own indexer tails them. Then: how long until all of it is searchable, how
//! fast a fresh index builds from the database, and how soon one new write is found.

use std::time::{Duration, Instant};

use hostmatch::{
    auth::password::PasswordHasher,
    db::{
        Db,
        accounts::{self, NewAccount},
        products::{self, ProductRow},
        profiles,
        search_changes::{self, Entity},
    },
    domain::{AccountStatus, Locale, Role, credentials::Password},
    search::{Search, indexer::Indexer},
    services::screening,
    state::AppState,
};
use search_index::ProductQuery;

use crate::{
    data::{self, PRODUCTS_PER_SUPPLIER, Rng, Tier, Universe},
    measure::Stats,
};

/// Rows per write transaction.
const BATCH: usize = 1_000;
/// Every how many products one is kept for match queries.
const KEEP_EVERY: usize = 97;

pub const PASSWORD: &str = "bench password, long enough";

#[derive(Debug, Clone, serde::Serialize)]
pub struct LoadReport {
    pub documents: usize,
    pub write_secs: f64,
    pub writes_per_sec: f64,
    /// From the last write's commit until the index held everything.
    pub searchable_after_secs: f64,
    /// Documents over the time from the first write until all were searchable.
    pub end_to_end_docs_per_sec: f64,
    /// A fresh index built from the database, as `hostmatch reindex` does.
    pub index_build_secs: f64,
    pub index_build_docs_per_sec: f64,
    pub index_bytes: u64,
}

/// What the queries need from the load.
pub struct Loaded {
    pub report: LoadReport,
    pub sample: Vec<ProductRow>,
    /// An approved supplier with the bench password, for HTTP writes.
    pub supplier_email: String,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Writes the tier into the service's database and waits until its index has it all.
pub async fn load(state: &AppState, tier: Tier, seed: u64) -> Result<Loaded, String> {
    let db = &state.db;
    let u = Universe::new(seed);
    let hasher = PasswordHasher::new(1).map_err(err)?;
    let password = Password::parse(PASSWORD.to_owned()).map_err(|e| format!("{e:?}"))?;
    let hash = hasher.hash(&password).await.map_err(err)?;
    let start = Instant::now();
    let mut rng = Rng::new(seed);
    // Screened as the service screens a save.
    let book = state.rulebook.book();
    for chunk in (0..tier.hosts).collect::<Vec<_>>().chunks(BATCH) {
        let txn = db.begin_write().await.map_err(err)?;
        for &i in chunk {
            let draft = data::host(&u, &mut rng, i);
            let email = format!("host{i}@bench.example");
            let row = insert_account(&txn, &email, &hash, Role::Host, &draft.display_name).await?;
            let screened = screening::screen_host(&book, &draft);
            profiles::put_host(&txn, row.id, &draft, &screened)
                .await
                .map_err(err)?;
            search_changes::record(&txn, Entity::Host, row.id)
                .await
                .map_err(err)?;
        }
        txn.commit().await.map_err(err)?;
    }
    let suppliers = tier.products.div_ceil(PRODUCTS_PER_SUPPLIER).max(1);
    let mut supplier_ids = Vec::with_capacity(suppliers);
    let txn = db.begin_write().await.map_err(err)?;
    for s in 0..suppliers {
        let email = format!("supplier{s}@bench.example");
        let row = insert_account(&txn, &email, &hash, Role::Supplier, "Bench supplier").await?;
        supplier_ids.push(row.id);
    }
    txn.commit().await.map_err(err)?;
    let mut sample = Vec::new();
    for chunk in (0..tier.products).collect::<Vec<_>>().chunks(BATCH) {
        let txn = db.begin_write().await.map_err(err)?;
        for &i in chunk {
            let draft = data::product(&u, &mut rng);
            let supplier = supplier_ids[i / PRODUCTS_PER_SUPPLIER];
            let screened = screening::screen_product(&book, &draft);
            let row = products::insert(&txn, supplier, &draft, &screened)
                .await
                .map_err(err)?;
            search_changes::record(&txn, Entity::Product, row.id)
                .await
                .map_err(err)?;
            if i % KEEP_EVERY == 0 {
                sample.push(row);
            }
        }
        txn.commit().await.map_err(err)?;
    }
    let write_secs = start.elapsed().as_secs_f64();
    let written = Instant::now();
    wait_until_indexed(db, &state.search, Duration::from_secs(3_600)).await?;
    let searchable_after_secs = written.elapsed().as_secs_f64();
    let documents = tier.hosts + tier.products;
    let (index_build_secs, index_bytes) = build_fresh_index(db, &state.settings.data_dir).await?;
    Ok(Loaded {
        report: LoadReport {
            documents,
            write_secs,
            writes_per_sec: documents as f64 / write_secs,
            searchable_after_secs,
            end_to_end_docs_per_sec: documents as f64 / (write_secs + searchable_after_secs),
            index_build_secs,
            index_build_docs_per_sec: documents as f64 / index_build_secs,
            index_bytes,
        },
        sample,
        supplier_email: "supplier0@bench.example".into(),
    })
}

pub(crate) async fn insert_account(
    txn: &impl sea_orm::ConnectionTrait,
    email: &str,
    hash: &str,
    role: Role,
    name: &str,
) -> Result<accounts::AccountRow, String> {
    accounts::insert(
        txn,
        NewAccount {
            email,
            password_hash: hash,
            role,
            status: AccountStatus::Approved,
            display_name: name,
            locale: Locale::En,
            email_verified: true,
        },
    )
    .await
    .map_err(err)
}

async fn wait_until_indexed(db: &Db, search: &Search, limit: Duration) -> Result<(), String> {
    let target = search_changes::max_seq(db.conn()).await.map_err(err)?;
    let start = Instant::now();
    while search.position() < target {
        if start.elapsed() > limit {
            return Err(format!(
                "the index did not reach change {target} in {limit:?}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Ok(())
}

/// Builds a new index generation from the database beside the live one, as `reindex`
/// does, and throws it away: (seconds, bytes on disk).
async fn build_fresh_index(db: &Db, data_dir: &std::path::Path) -> Result<(f64, u64), String> {
    let base = data_dir.join("bench-index");
    let (search, _) = Search::create_next(base.clone()).map_err(err)?;
    let start = Instant::now();
    Indexer::new(db.clone(), search.clone())
        .map_err(err)?
        .rebuild()
        .await
        .map_err(err)?;
    let secs = start.elapsed().as_secs_f64();
    let bytes = search.index().size_on_disk();
    drop(search);
    std::fs::remove_dir_all(&base).map_err(err)?;
    Ok((secs, bytes))
}

/// How soon a product created over HTTP is found by search in this process: `n` writes,
/// each timed from the 201 until a search by its supplier counts it.
pub async fn freshness(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    search: &Search,
    supplier_id: &str,
    n: usize,
) -> Result<Stats, String> {
    let query = ProductQuery {
        supplier_ids: vec![supplier_id.to_owned()],
        limit: 1,
        ..Default::default()
    };
    let u = Universe::new(1);
    let mut rng = Rng::new(99);
    let mut latencies = Vec::with_capacity(n);
    let start = Instant::now();
    for _ in 0..n {
        let before = search.index().search_products(&query).map_err(err)?.total;
        let d = data::product(&u, &mut rng);
        let body = serde_json::json!({
            "title": d.title, "title_zh": d.title_zh, "category": d.category,
            "target_markets": d.target_markets, "price_cents": d.price_cents,
            "commission_pct": d.commission_pct,
        });
        let a = client
            .post(format!("{base}/api/v1/products"))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .map_err(err)?;
        if a.status() != reqwest::StatusCode::CREATED {
            return Err(format!("product write answered {}", a.status()));
        }
        let t = Instant::now();
        while search.index().search_products(&query).map_err(err)?.total <= before {
            if t.elapsed() > Duration::from_secs(30) {
                return Err("a write was not searchable within 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        latencies.push(t.elapsed());
        // Writes arrive at random moments of the indexer's cycle.
        tokio::time::sleep(Duration::from_millis(rng.below(150) as u64)).await;
    }
    Ok(Stats::of(latencies, start.elapsed()))
}
