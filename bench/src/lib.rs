//! The hostmatch benchmark: a synthetic marketplace loaded through the service's write
//! path, the same query families asked of the index in process, of the service over HTTP
//! and (with a URL) of PostgreSQL's full-text search, side by side.

pub mod data;
pub mod eval;
pub mod eval_report;
pub mod families;
pub mod load;
pub mod measure;
pub mod pages;
pub mod pg;
pub mod pg_query;
pub mod report;
pub mod screening;

use std::{path::PathBuf, sync::Arc};

use hostmatch::{
    config::Settings,
    db::{
        accounts::{self, NewAccount},
        products::ProductRow,
    },
    domain::{AccountStatus, Locale, Role},
    startup::Application,
    state::AppState,
};
use sea_orm::sqlx::{PgPool, postgres::PgPoolOptions};
use search_index::SearchIndex;

use crate::{
    data::{Tier, Universe},
    families::{Case, Family},
    measure::Stats,
    report::{FamilyResult, Report},
};

#[derive(Debug, Clone)]
pub struct Config {
    pub tier: Tier,
    pub seed: u64,
    /// Queries per family and measurement.
    pub queries: usize,
    /// Queries per family and measurement on PostgreSQL (at most `queries`).
    pub pg_queries: usize,
    /// PostgreSQL to compare with.
    pub pg: Option<String>,
    /// The service's own database (default: SQLite in the data dir).
    pub database_url: Option<String>,
    /// Where the service keeps its data (default: a temporary directory).
    pub data_dir: Option<PathBuf>,
    /// Writes timed for freshness.
    pub fresh_writes: usize,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

pub async fn run(c: &Config) -> Result<Report, String> {
    let started_at = chrono::Utc::now().format("%Y-%m-%d %H:%M").to_string();
    let temp = tempfile::tempdir().map_err(err)?;
    let dir = c.data_dir.clone().unwrap_or_else(|| temp.path().to_owned());
    let mut settings = Settings::defaults(dir);
    settings.bind = "127.0.0.1:0".into();
    settings.log = "warn".into();
    if let Some(url) = &c.database_url {
        settings.database_url = url.clone();
    }
    let app = Application::build(settings).await.map_err(err)?;
    let state = app.state().clone();
    let base = format!("http://{}", app.address());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async {
        stopped.await.ok();
    }));

    eprintln!("loading tier {} ...", c.tier.name);
    let loaded = load::load(&state, c.tier, c.seed).await?;
    eprintln!("loaded: {:?}", loaded.report);
    let admin = add_admin(&state, &loaded.supplier_email).await?;
    let client = reqwest::Client::new();
    let admin_token = login(&client, &base, &admin).await?;
    let supplier_token = login(&client, &base, &loaded.supplier_email).await?;
    let supplier_id = loaded.sample[0].supplier_id.to_string();
    let freshness = load::freshness(
        &client,
        &base,
        &supplier_token,
        &state.search,
        &supplier_id,
        c.fresh_writes,
    )
    .await?;

    let pool = connect_pg(c).await?;
    let postgres_load = match &pool {
        Some(p) => {
            eprintln!("loading PostgreSQL ...");
            Some(pg::load(p, &state.db).await?)
        }
        None => None,
    };

    let bench = Families {
        c,
        universe: Universe::new(c.seed),
        index: state.search.index(),
        sample: &loaded.sample,
        client,
        base,
        token: admin_token,
        pool,
    };
    let mut families = Vec::new();
    for f in Family::ALL {
        eprintln!("measuring {} ...", f.label());
        families.push(bench.measure(f).await?);
    }
    let pages = bench.pages(&admin).await?;
    let mut load_report = loaded.report;
    load_report.index_bytes = load_report.index_bytes.max(bench.index.size_on_disk());
    let report = Report {
        tier: c.tier,
        seed: c.seed,
        machine: report::machine(),
        started_at,
        load: load_report,
        postgres_load,
        freshness,
        families,
        pages,
        peak_rss_bytes: measure::peak_rss_bytes(),
    };
    stop.send(()).ok();
    server.await.map_err(err)?.map_err(err)?;
    drop(temp);
    Ok(report)
}

/// An admin for the HTTP side, with the bench supplier's password; returns its address.
async fn add_admin(state: &AppState, supplier_email: &str) -> Result<String, String> {
    let admin = "admin@bench.example";
    let hash = hostmatch::db::accounts::find_by_email(state.db.conn(), supplier_email)
        .await
        .map_err(err)?
        .ok_or("the bench supplier is missing")?
        .password_hash;
    accounts::insert(
        state.db.conn(),
        NewAccount {
            email: admin,
            password_hash: &hash,
            role: Role::Admin,
            status: AccountStatus::Approved,
            display_name: "Bench admin",
            locale: Locale::En,
            email_verified: true,
        },
    )
    .await
    .map_err(err)?;
    Ok(admin.to_owned())
}

/// The PostgreSQL pool to compare with, every connection open before anything is timed.
async fn connect_pg(c: &Config) -> Result<Option<PgPool>, String> {
    let Some(url) = &c.pg else {
        return Ok(None);
    };
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .connect(url)
        .await
        .map_err(err)?;
    let mut held = Vec::new();
    for _ in 0..8 {
        held.push(pool.acquire().await.map_err(err)?);
    }
    Ok(Some(pool))
}

/// What measuring a family needs.
struct Families<'a> {
    c: &'a Config,
    universe: Universe,
    index: SearchIndex,
    sample: &'a [ProductRow],
    client: reqwest::Client,
    base: String,
    token: String,
    pool: Option<PgPool>,
}

impl Families<'_> {
    /// The pages against their API calls, interleaved in one run, as an admin (who may
    /// open all three).
    async fn pages(&self, admin: &str) -> Result<Vec<pages::PageResult>, String> {
        let cookie = pages::session(&self.base, admin, load::PASSWORD).await?;
        let mut out = Vec::new();
        for (f, page) in pages::PAGES {
            eprintln!("measuring the {page} page against its API call ...");
            let warm = self.cases(f, self.c.queries.min(20), 200);
            pages::page_vs_api(&self.client, &self.base, &self.token, &cookie, &warm).await?;
            let cases = self.cases(f, self.c.queries, 40);
            let (api, html) =
                pages::page_vs_api(&self.client, &self.base, &self.token, &cookie, &cases).await?;
            out.push(pages::PageResult {
                page,
                family: f,
                api,
                html,
            });
        }
        Ok(out)
    }

    fn cases(&self, f: Family, n: usize, k: u64) -> Vec<Case> {
        families::cases(f, n, self.c.seed + k, &self.universe, self.sample)
    }

    /// One family in process (concurrency 1 and 8), its tantivy floor, over HTTP, and on
    /// PostgreSQL when there is one.
    async fn measure(&self, f: Family) -> Result<FamilyResult, String> {
        let (q, index) = (self.c.queries, &self.index);
        measure::threads(&self.cases(f, q.min(50), 100), 1, |q| {
            q.run(index);
        });
        let in_process = [1, 8].map(|n| {
            measure::threads(&self.cases(f, q, n as u64), n, |q| {
                q.run(index);
            })
        });
        // The same cases, the tantivy work alone.
        let floor = measure::threads(&self.cases(f, q, 1), 1, |q| {
            q.floor(index);
        });
        let mut http = Vec::new();
        for n in [1, 8] {
            let cases = self.cases(f, q, 10 + n as u64);
            http.push(over_http(&self.client, &self.base, &self.token, cases, n).await?);
        }
        let (postgres, total_mismatches) = match &self.pool {
            Some(p) => self.on_postgres(p, f).await?,
            None => (None, None),
        };
        let sample = self.cases(f, q, 1);
        let mean_total =
            sample.iter().map(|q| q.run(index) as f64).sum::<f64>() / sample.len() as f64;
        Ok(FamilyResult {
            family: f,
            label: f.label(),
            in_process,
            floor,
            http: [http[0], http[1]],
            postgres,
            total_mismatches,
            mean_total,
        })
    }

    /// The family on PostgreSQL, and how many totals differ from the index's.
    async fn on_postgres(
        &self,
        p: &PgPool,
        f: Family,
    ) -> Result<(Option<[Stats; 2]>, Option<usize>), String> {
        // PostgreSQL is slow enough on some families that fewer cases must do.
        let n = self.c.pg_queries.min(self.c.queries);
        // Warmed up as the index is, on cases of their own.
        on_pg(p, self.cases(f, n, 100).into_iter().take(10).collect(), 1).await?;
        let (c1, totals) = on_pg(p, self.cases(f, n, 1), 1).await?;
        let (c8, _) = on_pg(p, self.cases(f, n, 28), 8).await?;
        let mismatches = self
            .cases(f, n, 1)
            .iter()
            .zip(&totals)
            .filter(|(q, t)| q.run(&self.index) != **t)
            .count();
        let checked = f.exact() || f == Family::Match;
        Ok((Some([c1, c8]), checked.then_some(mismatches)))
    }
}

pub(crate) async fn login(
    client: &reqwest::Client,
    base: &str,
    email: &str,
) -> Result<String, String> {
    let a: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": email, "password": load::PASSWORD}))
        .send()
        .await
        .map_err(err)?
        .json()
        .await
        .map_err(err)?;
    a["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("login of {email}: {a}"))
}

async fn over_http(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    cases: Vec<Case>,
    concurrency: usize,
) -> Result<Stats, String> {
    let failures = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (client, base, token) = (client.clone(), base.to_owned(), token.to_owned());
    let seen = failures.clone();
    let stats = measure::tasks(Arc::new(cases), concurrency, move |cases, i| {
        let (client, url, token) = (
            client.clone(),
            format!("{base}{}", cases[i].path()),
            token.clone(),
        );
        let seen = seen.clone();
        async move {
            match client.get(&url).bearer_auth(&token).send().await {
                Ok(r) if r.status().is_success() => {
                    let _ = r.bytes().await;
                }
                Ok(r) => seen
                    .lock()
                    .expect("failures")
                    .push(format!("{url}: {}", r.status())),
                Err(e) => seen.lock().expect("failures").push(format!("{url}: {e}")),
            }
        }
    })
    .await;
    let failures = failures.lock().expect("failures");
    match failures.first() {
        Some(f) => Err(format!("{} HTTP queries failed, first {f}", failures.len())),
        None => Ok(stats),
    }
}

async fn on_pg(
    pool: &sea_orm::sqlx::PgPool,
    cases: Vec<Case>,
    n: usize,
) -> Result<(Stats, Vec<usize>), String> {
    let totals = Arc::new(std::sync::Mutex::new(vec![Err(String::new()); cases.len()]));
    let seen = totals.clone();
    let pool = pool.clone();
    let stats = measure::tasks(Arc::new(cases), n, move |cases, i| {
        let (pool, seen) = (pool.clone(), seen.clone());
        async move {
            let total = pg_query::run(&pool, &cases[i]).await;
            seen.lock().expect("totals")[i] = total;
        }
    })
    .await;
    let totals = std::mem::take(&mut *totals.lock().expect("totals"));
    let totals: Result<Vec<usize>, String> = totals.into_iter().collect();
    Ok((
        stats,
        totals.map_err(|e| format!("a PostgreSQL query failed: {e}"))?,
    ))
}
