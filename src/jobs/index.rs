//! The index job: the loop that keeps this process's search index in step with
//! `search_changes`. What a pass does is `search::indexer`'s; this owns when it runs.

use std::time::Duration;

use tokio::sync::watch;

use crate::{
    jobs::worker::{Job, Progress, Worker},
    search::indexer::{Indexer, SyncError},
};

/// Rebuilds first if the index is new, then a pass every `poll` (at once again while a
/// full batch came back), until `stop` is set.
pub async fn run(mut indexer: Indexer, poll: Duration, stop: watch::Receiver<bool>) {
    indexer.rebuild_if_fresh().await;
    Worker::new("index", poll)
        .run(stop, IndexJob(indexer))
        .await;
}

/// The indexer carries its cursor from one pass to the next.
struct IndexJob(Indexer);

impl Job for IndexJob {
    type Error = SyncError;

    #[tracing::instrument(name = "index.pass", skip_all, fields(job = "index"))]
    async fn pass(&mut self) -> Result<Progress, SyncError> {
        let backlog = self.0.pass().await?;
        // Only a full batch runs again at once: each pass commits, and a commit per
        // trickle of writes would leave the index many tiny segments.
        Ok(Progress::more_if(backlog))
    }
}
