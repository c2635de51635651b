//! Credentials: password hashing, access tokens (JWT) and opaque refresh tokens.

pub mod jwt;
pub mod password;
pub mod refresh;

pub use jwt::TokenKeys;
pub use password::PasswordHasher;
