//! Argon2id password hashing, run off the async threads behind a small semaphore.

use std::sync::Arc;

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordVerifier, Version,
    password_hash::{PasswordHasher as _, SaltString},
};
use rand::RngCore;
use tokio::sync::Semaphore;

use crate::domain::Password;

/// OWASP's first recommended Argon2id setting: 19 MiB, two passes, one lane.
pub const MEMORY_KIB: u32 = 19_456;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("argon2: {0}")]
    Argon2(String),
    #[error("hashing task: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("hasher closed")]
    Closed,
}

/// Hashes and verifies passwords. Cloning shares the semaphore.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// A hash of a random password, verified against when the email is unknown so that an
    /// unknown email costs the same time as a wrong password.
    dummy_hash: Arc<String>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| HashError::Argon2(e.to_string()))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError::Argon2(e.to_string()))
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

impl PasswordHasher {
    pub fn new(concurrency: usize) -> Result<Self, HashError> {
        let mut random = [0u8; 24];
        rand::rng().fill_bytes(&mut random);
        let dummy = hash_blocking(&hex::encode(random))?;
        Ok(Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            dummy_hash: Arc::new(dummy),
        })
    }

    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| HashError::Closed)?;
        let password = password.expose().to_owned();
        tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
    }

    /// Verifies against `hash`, or against the dummy hash when there is no account, so both
    /// cases take the same time. Returns false for the dummy.
    pub async fn verify(&self, password: &Password, hash: Option<&str>) -> Result<bool, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| HashError::Closed)?;
        let password = password.expose().to_owned();
        let (target, real) = match hash {
            Some(h) => (h.to_owned(), true),
            None => (self.dummy_hash.as_ref().clone(), false),
        };
        let ok = tokio::task::spawn_blocking(move || verify_blocking(&password, &target)).await?;
        Ok(ok && real)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_with_the_owasp_parameters() {
        let h = PasswordHasher::new(1).unwrap();
        let pw = Password::parse("correct horse battery".into()).unwrap();
        let hash = h.hash(&pw).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(h.verify(&pw, Some(&hash)).await.unwrap());
        let wrong = Password::unchecked("incorrect horse".into());
        assert!(!h.verify(&wrong, Some(&hash)).await.unwrap());
        assert!(!h.verify(&pw, None).await.unwrap());
    }
}
