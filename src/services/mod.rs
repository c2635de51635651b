//! Domain operations: each takes parsed input and the acting `Actor`, owns its transaction,
//! and writes the audit, outbox and search rows that follow from it. Each area answers its
//! own error enum; the edges turn those into HTTP answers or pages. Nothing here knows HTTP.

pub mod account;
pub mod audit;
pub mod auth;
pub mod collaborations;
pub mod hits;
pub mod idempotency;
pub mod matching;
pub mod nav_counts;
pub mod notify;
pub mod offers;
pub mod product_input;
pub mod products;
pub mod profile_input;
pub mod profiles;
pub mod query;
pub mod rescreen;
pub mod rule_changes;
pub mod rule_input;
pub mod rulebook;
pub mod screening;
pub mod search;
pub mod threads;
pub mod track_record;
pub mod vetting;
pub mod web_sessions;
