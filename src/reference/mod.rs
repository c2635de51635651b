//! Reference data: languages (ISO 639-1), markets (ISO 3166-1 alpha-2 and named regions),
//! who speaks what where (CLDR), the product taxonomy, the platforms hosts stream on, the
//! shipped market rules and screening terms.
//! Loaded once, read everywhere, never written.

pub mod categories;
pub mod languages;
pub mod market_rules;
pub mod markets;
pub mod names_zh;
pub mod platforms;
pub mod screening_terms;
pub mod speakers;

pub use categories::{Category, Taxonomy, taxonomy};
