//! `Idempotency-Key` on create requests: the same key from the same account within 24 h
//! answers the first response again and creates nothing new.
//!
//! The key's row is written in the transaction that creates the thing, so the two commit
//! together. Two requests racing with one key both try to write it; the loser's
//! transaction fails (on the key's primary key, or earlier on something the winner
//! created), rolls back whatever it created, and answers the winner's response.

use chrono::Utc;
use sea_orm::{DatabaseTransaction, DbErr};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    db::{self, Db, idempotency},
    domain::{Refusal, Refuses, refusal::invalid_field},
};

#[derive(Debug, thiserror::Error)]
pub enum IdempotencyError {
    #[error("the Idempotency-Key was already used for a different request")]
    KeyReused,
    #[error("recording an idempotent answer")]
    Db(#[from] DbErr),
}

impl Refuses for IdempotencyError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::KeyReused => Some(invalid_field(
                "Idempotency-Key",
                "was already used for a different request",
            )),
            Self::Db(_) => None,
        }
    }
}

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

/// The answer a create gave, kept with its key to be given again.
pub struct SavedAnswer {
    pub status: u16,
    pub body: String,
}

/// Runs `create` once per key: `create` does its writes in the transaction and returns the
/// status and JSON body to answer. Without a key it simply runs.
#[tracing::instrument(name = "idempotency.once", skip_all)]
pub async fn once<E: From<IdempotencyError> + From<DbErr>>(
    db: &Db,
    account_id: Uuid,
    idem: Option<&Idempotency>,
    create: impl AsyncFnOnce(&DatabaseTransaction) -> Result<(u16, String), E>,
) -> Result<SavedAnswer, E> {
    let txn = db.begin_write().await?;
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
                && let Some(stored) = replay(db.conn(), account_id, i).await?
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
            return match replay(db.conn(), account_id, i).await? {
                Some(saved) => Ok(saved),
                None => Err(IdempotencyError::Db(e).into()),
            };
        }
        return Err(e.into());
    }
    txn.commit().await?;
    Ok(SavedAnswer { status, body })
}

async fn replay(
    db: &impl sea_orm::ConnectionTrait,
    account_id: Uuid,
    i: &Idempotency,
) -> Result<Option<SavedAnswer>, IdempotencyError> {
    match idempotency::find(db, account_id, &i.key, Utc::now()).await? {
        Some(row) if row.request_hash == i.request_hash => Ok(Some(SavedAnswer {
            status: u16::try_from(row.response_status).unwrap_or(200),
            body: row.response_body,
        })),
        Some(_) => Err(IdempotencyError::KeyReused),
        None => Ok(None),
    }
}
