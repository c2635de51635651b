//! The search index of hostmatch: the only code that touches tantivy.
//!
//! It knows plain document structs and queries, never the database or HTTP. This first
//! version owns the error type and the schema version; documents, indexing and queries
//! arrive with the search feature.

mod error;

pub use error::IndexError;

/// Bumped whenever the schema changes; an index directory with another version is rebuilt
/// from the database.
pub const SCHEMA_VERSION: u32 = 1;
