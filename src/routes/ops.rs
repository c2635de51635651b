//! Operations endpoints: `/healthz`, `/readyz`, `/metrics`. The only handlers that read
//! the database themselves: what they report is the process's own health, with no caller
//! to authorise and no rule to apply, so there is no core operation to go through.

use axum::{
    Json, Router,
    extract::State,
    http::{StatusCode, header},
    response::IntoResponse,
    routing::get,
};
use serde_json::json;

use crate::{
    db::{outbox, search_changes},
    error::problem_response,
    state::AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// The process is up; touches nothing else.
#[tracing::instrument(skip_all)]
async fn healthz() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

/// The database and the index answer; reports how many changes the index is behind.
#[tracing::instrument(skip_all)]
async fn readyz(State(state): State<AppState>) -> axum::response::Response {
    let checked = async {
        state.db.ping().await?;
        search_changes::max_seq(state.db.conn()).await
    };
    match checked.await {
        Ok(_) if !state.search.healthy() => problem_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "not-ready",
            "Not ready",
            "The search indexer is failing; see the logs.".into(),
            Vec::new(),
            Some(5),
        ),
        Ok(newest) => {
            let position = state.search.position();
            let docs = state.search.index().num_docs();
            Json(json!({
                "status": "ready",
                "database": "ok",
                "index": {
                    "generation": state.search.generation(),
                    "documents": docs,
                    "position": position,
                    "lag": (newest - position).max(0),
                },
            }))
            .into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            problem_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "not-ready",
                "Not ready",
                "The database does not answer.".into(),
                Vec::new(),
                Some(5),
            )
        }
    }
}

/// Prometheus text format.
#[tracing::instrument(skip_all)]
async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    if let Ok(counts) = outbox::count_by_status(state.db.conn()).await {
        for &status in outbox::OutboxStatus::ALL {
            let n = counts
                .iter()
                .find(|(s, _)| status == s.as_str())
                .map_or(0, |(_, n)| *n);
            metrics::gauge!("hostmatch_email_outbox_rows", "status" => status.as_str())
                .set(n as f64);
        }
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
}
