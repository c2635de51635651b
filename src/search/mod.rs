//! Search in the service: the index this process keeps, kept in step with the database by
//! the indexer, and the queries handlers run on it.
//!
//! Indexes live in generations under `<data dir>/index/`: `gen-<n>/` directories and a
//! `CURRENT` file naming the one in use. `hostmatch reindex` builds a new generation beside
//! the current one and then points `CURRENT` at it; a running service keeps answering from
//! the old one until its indexer sees the change and swaps.

pub mod documents;
pub mod indexer;

use std::{
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex, RwLock,
        atomic::{AtomicBool, AtomicI64, Ordering},
    },
};

use search_index::{
    HostQuery, HostsForProduct, IndexError, MatchResults, ProductQuery, ProductsForHost,
    SearchIndex, SearchResults, Writer,
};

/// A query that could not be answered: the index failed, or its task did.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("searching the index")]
    Index(#[from] IndexError),
    #[error("the search task ended without an answer")]
    Task(#[from] tokio::task::JoinError),
}

impl crate::domain::Refuses for SearchError {
    fn refusal(&self) -> Option<crate::domain::Refusal> {
        None
    }
}

/// Memory the index writer may buffer before it flushes a segment.
const WRITER_HEAP: usize = 64 * 1024 * 1024;
const CURRENT: &str = "CURRENT";

struct Generation {
    name: String,
    index: SearchIndex,
    writer: Arc<Mutex<Writer>>,
    /// Created empty (first start, a schema change): to be rebuilt from the database.
    fresh: bool,
}

/// What shapes documents besides the schema: the taxonomy's ancestry is baked into them,
/// so a new taxonomy file means a rebuild.
fn data_version() -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(include_str!("../../assets/categories.tsv").as_bytes());
    hex::encode(&digest[..8])
}

impl Generation {
    fn open(base: &Path, name: &str) -> Result<Self, IndexError> {
        let (index, fresh) = SearchIndex::open(&base.join(name), &data_version())?;
        let writer = index.writer(WRITER_HEAP)?;
        Ok(Self {
            name: name.to_owned(),
            index,
            writer: Arc::new(Mutex::new(writer)),
            fresh,
        })
    }
}

/// This process's index and its one writer. Cloning shares them.
#[derive(Clone)]
pub struct Search {
    base: PathBuf,
    current: Arc<RwLock<Generation>>,
    /// The last change number committed to the index.
    position: Arc<AtomicI64>,
    /// False while the indexer's passes fail.
    healthy: Arc<AtomicBool>,
}

fn current_name(base: &Path) -> Option<String> {
    std::fs::read_to_string(base.join(CURRENT))
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn new_name() -> String {
    format!("gen-{}", chrono::Utc::now().timestamp_micros())
}

/// Points `CURRENT` at `name`, atomically.
fn publish(base: &Path, name: &str) -> Result<(), IndexError> {
    let tmp = base.join(format!(".{CURRENT}.{}", std::process::id()));
    std::fs::write(&tmp, name)?;
    std::fs::rename(tmp, base.join(CURRENT))?;
    Ok(())
}

impl Search {
    /// Opens the current generation under `base`, creating the first one, and clears away
    /// generations nobody uses (left by an interrupted reindex).
    pub fn open(base: PathBuf) -> Result<Self, IndexError> {
        std::fs::create_dir_all(&base)?;
        let name = match current_name(&base) {
            Some(n) => n,
            None => {
                let n = new_name();
                publish(&base, &n)?;
                n
            }
        };
        let generation = Generation::open(&base, &name)?;
        remove_other_generations(&base, &name);
        Ok(Self {
            base,
            current: Arc::new(RwLock::new(generation)),
            position: Arc::new(AtomicI64::new(0)),
            healthy: Arc::new(AtomicBool::new(true)),
        })
    }

    /// A new generation beside the current one, built under `build-<name>` so no process
    /// mistakes it for a finished one (for `reindex`). Builds an interrupted reindex left
    /// behind are removed first.
    pub fn create_next(base: PathBuf) -> Result<(Self, String), IndexError> {
        std::fs::create_dir_all(&base)?;
        for e in std::fs::read_dir(&base)?.flatten() {
            if e.file_name().to_string_lossy().starts_with("build-gen-") {
                std::fs::remove_dir_all(e.path())?;
            }
        }
        let name = new_name();
        let generation = Generation::open(&base, &format!("build-{name}"))?;
        Ok((
            Self {
                base,
                current: Arc::new(RwLock::new(generation)),
                position: Arc::new(AtomicI64::new(0)),
                healthy: Arc::new(AtomicBool::new(true)),
            },
            name,
        ))
    }

    /// Makes the generation built as `name` the one every process uses. Drop the `Search`
    /// that built it first, so its writer lets go of the directory.
    pub fn publish(base: &Path, name: &str) -> Result<(), IndexError> {
        std::fs::rename(base.join(format!("build-{name}")), base.join(name))?;
        publish(base, name)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Generation> {
        self.current.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn index(&self) -> SearchIndex {
        self.read().index.clone()
    }

    pub(crate) fn writer(&self) -> Arc<Mutex<Writer>> {
        self.read().writer.clone()
    }

    pub fn fresh(&self) -> bool {
        self.read().fresh
    }

    pub fn generation(&self) -> String {
        self.read().name.clone()
    }

    /// If `CURRENT` names another generation, opens it and swaps it in; searches in flight
    /// finish on the old one. True when it swapped.
    pub fn follow_current(&self) -> Result<bool, IndexError> {
        let Some(name) = current_name(&self.base) else {
            return Ok(false);
        };
        if name == self.generation() {
            return Ok(false);
        }
        let next = Generation::open(&self.base, &name)?;
        let old = {
            let mut g = self.current.write().unwrap_or_else(|p| p.into_inner());
            std::mem::replace(&mut *g, next)
        };
        tracing::info!(from = %old.name, to = %name, "search index generation swapped");
        drop(old);
        remove_other_generations(&self.base, &name);
        Ok(true)
    }

    pub(crate) fn set_position(&self, seq: i64) {
        self.position.store(seq, Ordering::Relaxed);
    }

    pub(crate) fn set_healthy(&self, ok: bool) {
        self.healthy.store(ok, Ordering::Relaxed);
    }

    /// Whether the indexer's last pass succeeded (for `/readyz`).
    pub fn healthy(&self) -> bool {
        self.healthy.load(Ordering::Relaxed)
    }

    /// The last change number the index holds (for `/readyz`).
    pub fn position(&self) -> i64 {
        self.position.load(Ordering::Relaxed)
    }

    /// Runs a host search off the async threads.
    pub async fn hosts(&self, q: HostQuery) -> Result<SearchResults, SearchError> {
        let index = self.index();
        run_blocking(move || index.search_hosts(&q)).await
    }

    /// Runs a product search off the async threads.
    pub async fn products(&self, q: ProductQuery) -> Result<SearchResults, SearchError> {
        let index = self.index();
        run_blocking(move || index.search_products(&q)).await
    }

    /// Ranks hosts for a product off the async threads.
    pub async fn match_hosts(&self, q: HostsForProduct) -> Result<MatchResults, SearchError> {
        let index = self.index();
        run_blocking(move || index.match_hosts(&q)).await
    }

    /// Ranks products for a host off the async threads.
    pub async fn recommend_products(
        &self,
        q: ProductsForHost,
    ) -> Result<MatchResults, SearchError> {
        let index = self.index();
        run_blocking(move || index.recommend_products(&q)).await
    }
}

fn remove_other_generations(base: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        // Only older ones: a newer one may be a reindex about to publish it.
        if name.starts_with("gen-")
            && name.as_str() < keep
            && e.path().is_dir()
            && let Err(err) = std::fs::remove_dir_all(e.path())
        {
            tracing::warn!(generation = %name, error = %err, "could not remove old index");
        }
    }
}

async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, IndexError> + Send + 'static,
) -> Result<T, SearchError> {
    Ok(tokio::task::spawn_blocking(f).await??)
}
