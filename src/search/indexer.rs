//! The indexer: tails `search_changes`, turns each change into what the index must now
//! hold, applies it and commits together with its position, so a restart resumes where the
//! last commit left off.
//!
//! Change numbers come from a sequence, and on PostgreSQL a transaction holding a lower
//! number can commit after one holding a higher number. A number skipped over is kept as a
//! gap and asked for again on every pass until it appears or `GAP_PATIENCE` passes (a
//! rolled-back transaction leaves a number that never appears). Applying a change twice is
//! harmless: each becomes "delete by id, then add the current visible row".

use std::collections::BTreeSet;

use chrono::Utc;
use sea_orm::DbErr;
use search_index::{IndexError, Op};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    db::{Db, products, profiles, search_changes},
    search::{Search, documents},
};

/// How many changes one pass takes.
const BATCH: u64 = 1000;
/// How long a skipped change number is waited for.
const GAP_PATIENCE_MS: i64 = 120_000;
/// Gaps beyond this many are dropped, oldest first (a burst of rollbacks); they are asked
/// for by number on every pass.
const MAX_GAPS: usize = 1_000;
/// How far back a rebuild looks for numbers still in flight.
const REBUILD_LOOKBACK: i64 = 1000;

/// Where the index has got to; stored as the payload of every commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Every change up to this number is applied, except the gaps.
    pub seq: i64,
    #[serde(default)]
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub seq: i64,
    /// When it was first missed, Unix milliseconds.
    pub since_ms: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("index: {0}")]
    Index(#[from] IndexError),
    #[error("index task: {0}")]
    Join(#[from] tokio::task::JoinError),
}

pub struct Indexer {
    db: Db,
    search: Search,
    cursor: Cursor,
}

impl Indexer {
    pub fn new(db: Db, search: Search) -> Result<Self, IndexError> {
        let cursor: Cursor = search
            .index()
            .payload()?
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default();
        search.set_position(cursor.seq);
        Ok(Self { db, search, cursor })
    }

    pub fn cursor(&self) -> &Cursor {
        &self.cursor
    }

    /// One pass of the index job (`jobs::index`): follows a generation `hostmatch reindex`
    /// published, then applies what changed; records for `/readyz` whether it worked.
    /// True when it read a full batch, so more are waiting.
    pub async fn pass(&mut self) -> Result<bool, SyncError> {
        self.follow_generation().await;
        let read = self.sync_once().await;
        self.search.set_healthy(read.is_ok());
        read.map(|n| n as u64 >= BATCH)
    }

    /// Builds the index from the database if it is new (first start, a schema change). A
    /// failure is logged and the passes catch up incrementally instead.
    pub async fn rebuild_if_fresh(&mut self) {
        if self.search.fresh()
            && let Err(e) = self.rebuild().await
        {
            tracing::error!(error = %e, "search index rebuild failed; will catch up incrementally");
        }
    }

    /// If `CURRENT` names another generation, starts over on it from its own cursor.
    async fn follow_generation(&mut self) {
        match self.search.follow_current() {
            Ok(true) => match Indexer::new(self.db.clone(), self.search.clone()) {
                Ok(next) => {
                    *self = next;
                    self.rebuild_if_fresh().await;
                }
                Err(e) => tracing::error!(error = %e, "reading the new index generation"),
            },
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "cannot open the new index generation yet"),
        }
    }

    /// Applies what changed since the last pass; returns how many changes it read.
    pub async fn sync_once(&mut self) -> Result<usize, SyncError> {
        let conn = self.db.conn();
        let gap_seqs: Vec<i64> = self.cursor.gaps.iter().map(|g| g.seq).collect();
        let changes = search_changes::since(conn, self.cursor.seq, &gap_seqs, BATCH).await?;
        let now = Utc::now().timestamp_millis();
        let seen: BTreeSet<i64> = changes.iter().map(|c| c.seq).collect();
        let max = seen
            .last()
            .copied()
            .unwrap_or(self.cursor.seq)
            .max(self.cursor.seq);
        let mut gaps: Vec<Gap> = self
            .cursor
            .gaps
            .iter()
            .filter(|g| !seen.contains(&g.seq) && now - g.since_ms < GAP_PATIENCE_MS)
            .cloned()
            .collect();
        gaps.extend(
            ((self.cursor.seq + 1)..max)
                .filter(|s| !seen.contains(s))
                .map(|seq| Gap { seq, since_ms: now }),
        );
        if gaps.len() > MAX_GAPS {
            gaps.drain(..gaps.len() - MAX_GAPS);
        }
        let next = Cursor { seq: max, gaps };
        if changes.is_empty() && next == self.cursor {
            return Ok(0);
        }
        let mut hosts = BTreeSet::new();
        let mut items = BTreeSet::new();
        let mut suppliers = BTreeSet::new();
        for c in &changes {
            match c.entity.as_str() {
                "host" => {
                    hosts.insert(c.entity_id);
                }
                "product" => {
                    items.insert(c.entity_id);
                }
                "account" => {
                    // A host's profile or a supplier's products appear or leave with it.
                    hosts.insert(c.entity_id);
                    suppliers.insert(c.entity_id);
                }
                // Supplier profiles are not searched themselves.
                _ => {}
            }
        }
        if !suppliers.is_empty() {
            let ids: Vec<Uuid> = suppliers.into_iter().collect();
            items.extend(products::ids_of_suppliers(conn, &ids).await?);
        }
        let hosts: Vec<Uuid> = hosts.into_iter().collect();
        let items: Vec<Uuid> = items.into_iter().collect();
        let mut ops = documents::host_ops(conn, &hosts).await?;
        ops.extend(documents::product_ops(conn, &items).await?);
        self.apply_and_commit(ops, next).await?;
        Ok(changes.len())
    }

    async fn apply_and_commit(&mut self, ops: Vec<Op>, next: Cursor) -> Result<(), SyncError> {
        let writer = self.search.writer();
        let payload = serde_json::to_string(&next).expect("cursor serialises");
        let n = ops.len();
        tokio::task::spawn_blocking(move || -> Result<(), IndexError> {
            let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
            for op in &ops {
                w.apply(op)?;
            }
            w.commit(&payload)
        })
        .await??;
        tracing::debug!(
            ops = n,
            position = next.seq,
            gaps = next.gaps.len(),
            "index committed"
        );
        self.search.set_position(next.seq);
        self.cursor = next;
        Ok(())
    }

    /// Builds the index from the database: every visible host and product, positioned at
    /// the newest change (with the recent numbers not yet visible kept as gaps). On failure
    /// nothing of it is committed.
    pub async fn rebuild(&mut self) -> Result<(usize, usize), SyncError> {
        let result = self.rebuild_uncommitted().await;
        if result.is_err() {
            let writer = self.search.writer();
            tokio::task::spawn_blocking(move || {
                writer.lock().unwrap_or_else(|p| p.into_inner()).rollback()
            })
            .await??;
        }
        result
    }

    async fn rebuild_uncommitted(&mut self) -> Result<(usize, usize), SyncError> {
        let conn = self.db.conn();
        let top = search_changes::max_seq(conn).await?;
        let present: BTreeSet<i64> =
            search_changes::seqs_between(conn, (top - REBUILD_LOOKBACK).max(1), top)
                .await?
                .into_iter()
                .collect();
        let now = Utc::now().timestamp_millis();
        let gaps = ((top - REBUILD_LOOKBACK).max(1)..top)
            .filter(|s| !present.contains(s))
            .map(|seq| Gap { seq, since_ms: now })
            .collect();
        // No delete-all first: every host and product row is visited and becomes an upsert
        // or a delete by id, so nothing stale survives (rows are never deleted), and a new
        // generation starts empty anyway. (tantivy's delete_all_documents also rewinds its
        // operation stamps, which let earlier deletes hit documents added after it.)
        let (mut hosts, mut items) = (0, 0);
        let mut after = None;
        loop {
            let ids = profiles::host_ids_after(conn, after, 1000).await?;
            let Some(last) = ids.last().copied() else {
                break;
            };
            let ops = documents::host_ops(conn, &ids).await?;
            hosts += ops
                .iter()
                .filter(|o| !matches!(o, Op::Delete { .. }))
                .count();
            self.apply_only(ops).await?;
            after = Some(last);
        }
        let mut after = None;
        loop {
            let ids = products::ids_after(conn, after, 1000).await?;
            let Some(last) = ids.last().copied() else {
                break;
            };
            let ops = documents::product_ops(conn, &ids).await?;
            items += ops
                .iter()
                .filter(|o| !matches!(o, Op::Delete { .. }))
                .count();
            self.apply_only(ops).await?;
            after = Some(last);
        }
        self.apply_and_commit(Vec::new(), Cursor { seq: top, gaps })
            .await?;
        tracing::info!(
            hosts,
            products = items,
            position = top,
            "search index rebuilt"
        );
        Ok((hosts, items))
    }

    async fn apply_only(&self, ops: Vec<Op>) -> Result<(), SyncError> {
        let writer = self.search.writer();
        tokio::task::spawn_blocking(move || -> Result<(), IndexError> {
            let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
            ops.iter().try_for_each(|op| w.apply(op))
        })
        .await??;
        Ok(())
    }
}
