//! `Idempotency-Key` on create requests: the same key from the same account within 24 h
//! answers the first response again and creates nothing new.
//!
//! The key's row is written in the transaction that creates the thing, so the two commit
//! together. Two requests racing with one key both try to write it; the loser's
//! transaction fails (on the key's primary key, or earlier on something the winner
//! created), rolls back whatever it created, and answers the winner's response.

use chrono::Utc;
use sea_orm::DatabaseTransaction;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    db::{self, idempotency},
    error::{AppError, AppResult},
    state::AppState,
};

/// A key and the fingerprint of the request that came with it.
pub struct Idempotency {
    pub key: String,
    pub request_hash: String,
}

impl Idempotency {
    /// `request` is the parsed, valid request: two requests that mean the same thing
    /// match even if their JSON was written differently.
    pub fn new(key: String, request: &impl serde::Serialize) -> Self {
        let canonical = serde_json::to_string(request).unwrap_or_default();
        Self {
            key,
            request_hash: hex::encode(Sha256::digest(canonical.as_bytes())),
        }
    }
}

/// A stored answer.
pub struct Stored {
    pub status: u16,
    pub body: String,
}

impl axum::response::IntoResponse for Stored {
    fn into_response(self) -> axum::response::Response {
        let status =
            axum::http::StatusCode::from_u16(self.status).unwrap_or(axum::http::StatusCode::OK);
        (
            status,
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            self.body,
        )
            .into_response()
    }
}

/// Runs `create` once per key: `create` does its writes in the transaction and returns the
/// status and JSON body to answer. Without a key it simply runs.
pub async fn once(
    state: &AppState,
    account_id: Uuid,
    idem: Option<&Idempotency>,
    create: impl AsyncFnOnce(&DatabaseTransaction) -> AppResult<(u16, String)>,
) -> AppResult<Stored> {
    let txn = state.db.begin_write().await?;
    if let Some(i) = idem
        && let Some(stored) = replay(&txn, account_id, i).await?
    {
        return Ok(stored);
    }
    let (status, body) = match create(&txn).await {
        Ok(answer) => answer,
        Err(e) => {
            drop(txn);
            // A racer with the same key may have won while this one waited on its locks
            // (and then failed on what the winner created): answer what the winner did.
            if let Some(i) = idem
                && let Some(stored) = replay(state.db.conn(), account_id, i).await?
            {
                return Ok(stored);
            }
            return Err(e);
        }
    };
    if let Some(i) = idem
        && let Err(e) =
            idempotency::insert(&txn, account_id, &i.key, &i.request_hash, status, &body).await
    {
        drop(txn);
        if db::is_unique_violation(&e) {
            // Lost a race with the same key: answer what the winner answered.
            let conn = state.db.conn();
            return replay(conn, account_id, i).await?.ok_or(AppError::Db(e));
        }
        return Err(e.into());
    }
    txn.commit().await?;
    Ok(Stored { status, body })
}

async fn replay(
    db: &impl sea_orm::ConnectionTrait,
    account_id: Uuid,
    i: &Idempotency,
) -> AppResult<Option<Stored>> {
    match idempotency::find(db, account_id, &i.key, Utc::now()).await? {
        Some(row) if row.request_hash == i.request_hash => Ok(Some(Stored {
            status: u16::try_from(row.response_status).unwrap_or(200),
            body: row.response_body,
        })),
        Some(_) => Err(AppError::field(
            "Idempotency-Key",
            "was already used for a different request",
        )),
        None => Ok(None),
    }
}
