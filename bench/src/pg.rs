//! The PostgreSQL side: the same marketplace, read back from the service's database, loaded
//! with COPY into tables built for PostgreSQL's own search (tsvector + GIN, GIN on the
//! array columns, btree on numbers, pg_trgm for Chinese substrings), indexes built after.

use std::{collections::HashSet, time::Instant};

use hostmatch::{
    db::Db,
    domain::{AccountStatus, product::ProductStatus},
    entities::{account, host_profile, product},
    reference::speakers,
    search::documents::{host_doc, product_doc},
};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sqlx::{self, PgPool, postgres::PgPoolCopyExt},
};
use uuid::Uuid;

const SCHEMA: &str = "
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DROP TABLE IF EXISTS bench_hosts, bench_products, bench_speakers;
CREATE TABLE bench_hosts (
  id uuid NOT NULL, text text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  languages text[] NOT NULL, fluency real[] NOT NULL, markets text[] NOT NULL,
  categories int[] NOT NULL, top_categories int[] NOT NULL, platforms text[] NOT NULL,
  followers bigint NOT NULL, min_commission float8 NOT NULL, rating float8,
  collabs int NOT NULL, created bigint NOT NULL);
CREATE TABLE bench_products (
  id uuid NOT NULL, supplier_id uuid NOT NULL, text_en text NOT NULL, text_zh text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text_en)) STORED,
  categories int[] NOT NULL, top_category int NOT NULL, markets text[] NOT NULL,
  price bigint NOT NULL, commission float8 NOT NULL, free_samples bool NOT NULL,
  created bigint NOT NULL);
CREATE TABLE bench_speakers (market text NOT NULL, language text NOT NULL, share real NOT NULL);
";

const INDEXES: &[&str] = &[
    "ALTER TABLE bench_hosts ADD PRIMARY KEY (id)",
    "CREATE INDEX ON bench_hosts USING gin (tsv)",
    "CREATE INDEX ON bench_hosts USING gin (languages)",
    "CREATE INDEX ON bench_hosts USING gin (markets)",
    "CREATE INDEX ON bench_hosts USING gin (categories)",
    "CREATE INDEX ON bench_hosts (followers)",
    "ALTER TABLE bench_products ADD PRIMARY KEY (id)",
    "CREATE INDEX ON bench_products USING gin (tsv)",
    "CREATE INDEX ON bench_products USING gin (text_zh gin_trgm_ops)",
    "CREATE INDEX ON bench_products USING gin (categories)",
    "CREATE INDEX ON bench_products USING gin (markets)",
    "CREATE INDEX ON bench_products (price)",
    "CREATE INDEX ON bench_products (commission)",
    "ALTER TABLE bench_speakers ADD PRIMARY KEY (market, language)",
    "ANALYZE",
];

/// Rows read from the service's database per round.
const CHUNK: u64 = 5_000;

#[derive(Debug, Clone, serde::Serialize)]
pub struct PgLoad {
    pub documents: usize,
    pub copy_secs: f64,
    pub index_secs: f64,
    /// Documents over COPY plus index builds.
    pub docs_per_sec: f64,
    pub bytes: u64,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// One COPY text field.
fn field(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn array<T: ToString>(v: &[T]) -> String {
    let items: Vec<String> = v.iter().map(ToString::to_string).collect();
    format!("{{{}}}", items.join(","))
}

/// Loads everything the service's database holds into PostgreSQL at `pool`.
pub async fn load(pool: &PgPool, db: &Db) -> Result<PgLoad, String> {
    sqlx::raw_sql(SCHEMA).execute(pool).await.map_err(err)?;
    let approved = approved_accounts(db).await?;
    let (hosts, host_secs) = copy_hosts(pool, db, &approved).await?;
    let (products, product_secs) = copy_products(pool, db, &approved).await?;
    let mut buf = String::new();
    for s in speakers::all() {
        buf.push_str(&format!("{}\t{}\t{}\n", s.market, s.language, s.share));
    }
    copy(pool, "bench_speakers (market, language, share)", buf).await?;
    let start = Instant::now();
    for sql in INDEXES {
        sqlx::raw_sql(*sql).execute(pool).await.map_err(err)?;
    }
    let index_secs = start.elapsed().as_secs_f64();
    let bytes: i64 = sqlx::query_scalar(
        "SELECT pg_total_relation_size('bench_hosts') + pg_total_relation_size('bench_products')",
    )
    .fetch_one(pool)
    .await
    .map_err(err)?;
    let documents = hosts + products;
    let copy_secs = host_secs + product_secs;
    Ok(PgLoad {
        documents,
        copy_secs,
        index_secs,
        docs_per_sec: documents as f64 / (copy_secs + index_secs),
        bytes: bytes as u64,
    })
}

/// What search shows is approved accounts' hosts and their active products.
async fn approved_accounts(db: &Db) -> Result<HashSet<Uuid>, String> {
    Ok(account::Entity::find()
        .filter(account::Column::Status.eq(AccountStatus::Approved))
        .select_only()
        .column(account::Column::Id)
        .into_tuple::<Uuid>()
        .all(db.conn())
        .await
        .map_err(err)?
        .into_iter()
        .collect())
}

/// Copies the visible hosts in chunks; returns how many and the seconds COPY took.
async fn copy_hosts(
    pool: &PgPool,
    db: &Db,
    approved: &HashSet<Uuid>,
) -> Result<(usize, f64), String> {
    let (mut documents, mut secs, mut last) = (0, 0.0, Uuid::nil());
    loop {
        let rows = host_profile::Entity::find()
            .filter(host_profile::Column::Id.gt(last))
            .order_by_asc(host_profile::Column::Id)
            .limit(CHUNK)
            .all(db.conn())
            .await
            .map_err(err)?;
        let Some(end) = rows.last() else { break };
        last = end.id;
        let visible: Vec<_> = rows.iter().filter(|r| approved.contains(&r.id)).collect();
        let buf: String = visible.iter().map(|r| host_line(r)).collect();
        documents += visible.len();
        secs += copy(pool, "bench_hosts (id, text, languages, fluency, markets, categories, top_categories, platforms, followers, min_commission, rating, collabs, created)", buf).await?;
    }
    Ok((documents, secs))
}

fn host_line(r: &host_profile::Model) -> String {
    let d = host_doc(r);
    let fluency: Vec<f32> = d
        .languages
        .iter()
        .map(|l| {
            if d.conversational.contains(l) {
                0.5
            } else {
                1.0
            }
        })
        .collect();
    let rating = d.rating.map_or("\\N".to_owned(), |r| r.to_string());
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
        d.id,
        field(&d.text.join(" ")),
        array(&d.languages),
        array(&fluency),
        array(&d.markets),
        array(&d.category_lineage),
        array(&d.top_categories),
        array(&d.platforms),
        d.followers,
        d.min_commission_pct,
        rating,
        d.collaborations,
        d.created_ms,
    )
}

/// Copies the visible products in chunks; returns how many and the seconds COPY took.
async fn copy_products(
    pool: &PgPool,
    db: &Db,
    approved: &HashSet<Uuid>,
) -> Result<(usize, f64), String> {
    let (mut documents, mut secs, mut last) = (0, 0.0, Uuid::nil());
    loop {
        let rows = product::Entity::find()
            .filter(product::Column::Id.gt(last))
            .filter(product::Column::Status.eq(ProductStatus::Active))
            .order_by_asc(product::Column::Id)
            .limit(CHUNK)
            .all(db.conn())
            .await
            .map_err(err)?;
        let Some(end) = rows.last() else { break };
        last = end.id;
        let visible: Vec<_> = rows
            .iter()
            .filter(|r| approved.contains(&r.supplier_id))
            .collect();
        let buf: String = visible.iter().map(|r| product_line(r)).collect();
        documents += visible.len();
        secs += copy(pool, "bench_products (id, supplier_id, text_en, text_zh, categories, top_category, markets, price, commission, free_samples, created)", buf).await?;
    }
    Ok((documents, secs))
}

fn product_line(r: &product::Model) -> String {
    let d = product_doc(r);
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
        d.id,
        d.supplier_id,
        field(&format!("{} {}", d.text[0], d.text[2])),
        field(&format!("{} {}", d.text[1], d.text[3])),
        array(&d.category_lineage),
        d.top_category,
        array(&d.markets),
        d.price_cents,
        d.commission_pct,
        d.free_samples,
        d.created_ms,
    )
}

async fn copy(pool: &PgPool, target: &str, data: String) -> Result<f64, String> {
    let start = Instant::now();
    let mut c = pool
        .copy_in_raw(&format!("COPY {target} FROM STDIN"))
        .await
        .map_err(err)?;
    c.send(data.into_bytes()).await.map_err(err)?;
    c.finish().await.map_err(err)?;
    Ok(start.elapsed().as_secs_f64())
}
