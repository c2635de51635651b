//! Access tokens: HS256 JWTs with issuer, audience, type and expiry pinned and checked.

use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const ISSUER: &str = "hostmatch";
pub const AUDIENCE: &str = "hostmatch-api";
const ACCESS_TYPE: &str = "access";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    iss: String,
    aud: String,
    iat: i64,
    exp: i64,
    typ: String,
    jti: Uuid,
}

/// Signs and checks access tokens with one HS256 key.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl TokenKeys {
    pub fn new(secret: &[u8], ttl: Duration) -> Result<Self, jsonwebtoken::errors::Error> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Ok(Self {
            encoding: EncodingKey::from_secret(secret)?,
            decoding: DecodingKey::from_secret(secret)?,
            validation,
            ttl,
        })
    }

    /// A fresh access token for the account and its lifetime in seconds.
    pub fn issue(&self, account_id: Uuid) -> Result<(String, u64), jsonwebtoken::errors::Error> {
        let now = Utc::now().timestamp();
        let ttl = self.ttl.as_secs();
        let claims = Claims {
            sub: account_id,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            exp: now + ttl as i64,
            typ: ACCESS_TYPE.into(),
            jti: Uuid::new_v4(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, ttl))
    }

    /// The account id of a valid access token; None for anything else.
    pub fn verify(&self, token: &str) -> Option<Uuid> {
        let data = decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        (data.claims.typ == ACCESS_TYPE).then_some(data.claims.sub)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn issued_token_verifies_and_others_do_not() {
        let keys = TokenKeys::new(SECRET, Duration::from_secs(60)).unwrap();
        let id = Uuid::new_v4();
        let (token, ttl) = keys.issue(id).unwrap();
        assert_eq!(ttl, 60);
        assert_eq!(keys.verify(&token), Some(id));
        let other =
            TokenKeys::new(b"another-secret-another-secret-xx", Duration::from_secs(60)).unwrap();
        assert_eq!(other.verify(&token), None);
        assert_eq!(keys.verify("not.a.token"), None);
    }
}
