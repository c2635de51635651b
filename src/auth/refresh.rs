//! Opaque refresh tokens: 256 random bits for the client, only a SHA-256 digest stored.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A new token as given to the client.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("hmr_{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps: a token with 256 bits of entropy needs no slow hash.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
