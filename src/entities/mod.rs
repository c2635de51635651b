//! sea-orm entities, one file per table. They stay inside `db`; clients never see them.

pub mod account;
pub mod account_token;
pub mod audit_log;
pub mod block;
pub mod collaboration;
pub mod compliance_state;
pub mod email_outbox;
pub mod host_profile;
pub mod idempotency_key;
pub mod login_throttle;
pub mod market_rule;
pub mod message;
pub mod offer;
pub mod offer_product;
pub mod offer_version;
pub mod offer_version_product;
pub mod product;
pub mod refresh_token;
pub mod review;
pub mod screening_term;
pub mod search_change;
pub mod supplier_profile;
pub mod text_json;
pub mod thread_read;
pub mod thread_report;
pub mod web_session;
