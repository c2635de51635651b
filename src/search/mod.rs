//! Search in the service: the index this process keeps, kept in step with the database by
//! the indexer, and the queries handlers run on it.

pub mod documents;
pub mod indexer;

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicI64, Ordering},
    },
};

use search_index::{HostQuery, IndexError, ProductQuery, SearchIndex, SearchResults, Writer};

use crate::error::AppError;

/// Memory the index writer may buffer before it flushes a segment.
const WRITER_HEAP: usize = 64 * 1024 * 1024;

/// This process's index and its one writer. Cloning shares them.
#[derive(Clone)]
pub struct Search {
    index: SearchIndex,
    writer: Arc<Mutex<Writer>>,
    /// The last change number committed to the index.
    position: Arc<AtomicI64>,
    /// True when the index was created empty (first start, or a schema change) and must be
    /// rebuilt from the database.
    pub fresh: bool,
}

impl Search {
    pub fn open(dir: PathBuf) -> Result<Self, IndexError> {
        let (index, fresh) = SearchIndex::open(&dir)?;
        let writer = index.writer(WRITER_HEAP)?;
        Ok(Self {
            index,
            writer: Arc::new(Mutex::new(writer)),
            position: Arc::new(AtomicI64::new(0)),
            fresh,
        })
    }

    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub(crate) fn writer(&self) -> Arc<Mutex<Writer>> {
        self.writer.clone()
    }

    pub(crate) fn set_position(&self, seq: i64) {
        self.position.store(seq, Ordering::Relaxed);
    }

    /// The last change number the index holds (for `/readyz`).
    pub fn position(&self) -> i64 {
        self.position.load(Ordering::Relaxed)
    }

    /// Runs a host search off the async threads.
    pub async fn hosts(&self, q: HostQuery) -> Result<SearchResults, AppError> {
        let index = self.index.clone();
        run_blocking(move || index.search_hosts(&q)).await
    }

    /// Runs a product search off the async threads.
    pub async fn products(&self, q: ProductQuery) -> Result<SearchResults, AppError> {
        let index = self.index.clone();
        run_blocking(move || index.search_products(&q)).await
    }
}

async fn run_blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, IndexError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}
