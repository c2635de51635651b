//! Reference data: languages (ISO 639-1), markets (ISO 3166-1 alpha-2 and named regions)
//! and the product taxonomy. Loaded once, read everywhere, never written.

pub mod categories;
pub mod languages;
pub mod markets;

pub use categories::{Category, Taxonomy, taxonomy};
