//! What the core tells a caller when an operation does not happen: the one vocabulary every
//! area's error enum maps into, so each edge (JSON, pages, the command line) can answer it
//! in its own way without knowing the areas.

use super::fields::FieldError;

/// Why an operation was refused, in words a person can read. An error with no refusal is
/// an internal failure: the edge logs it with its cause and says nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No valid credentials came with the request.
    Unauthenticated,
    /// The email and password do not match an account.
    InvalidCredentials,
    /// The caller is known but may not do this.
    Forbidden(String),
    /// Absent, or not the caller's to see.
    NotFound,
    /// Fields that are wrong, each named.
    Invalid(Vec<FieldError>),
    /// The state of things does not allow it now.
    Conflict(String),
    /// The account's email address is not confirmed yet, so it cannot be approved.
    EmailNotVerified,
    /// Too many of these; try again after this many seconds.
    Throttled { retry_after_secs: u64 },
    /// Not yet, for a reason a person can read; try again after this many seconds.
    Waiting {
        retry_after_secs: u64,
        reason: String,
    },
}

/// Implemented by every area's error enum: its refusal, or `None` for an internal error.
pub trait Refuses: std::error::Error + Send + Sync + 'static {
    fn refusal(&self) -> Option<Refusal>;
}

/// One field's problem as a refusal.
pub fn invalid_field(field: &str, message: impl Into<String>) -> Refusal {
    Refusal::Invalid(vec![FieldError::new(field, message)])
}
