//! Domain operations: each takes parsed input, owns its transaction, and writes the audit,
//! outbox and search rows that follow from it. Handlers call these and nothing lower.

pub mod auth;
pub mod compliance;
pub mod idempotency;
pub mod matching;
pub mod notify;
pub mod offers;
pub mod products;
pub mod profiles;
pub mod rescreen;
pub mod rulebook;
pub mod vetting;
