//! Opaque tokens (refresh tokens, browser sessions, emailed links): 256 random bits for the
//! holder, only a SHA-256 digest stored.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// What each kind of token starts with, so a leaked one says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Refresh,
    WebSession,
    /// A link in an email: verify an address, reset a password.
    Emailed,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Self::Refresh => "hmr_",
            Self::WebSession => "hms_",
            Self::Emailed => "hml_",
        }
    }
}

/// A new token as given to its holder.
pub fn generate(kind: Kind) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{}{}", kind.prefix(), URL_SAFE_NO_PAD.encode(bytes))
}

/// What the database keeps: a token with 256 bits of entropy needs no slow hash.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
