//! The search index of hostmatch: the only code that touches tantivy.
//!
//! It knows plain document structs and queries, never the database or HTTP: the service
//! hands it [`HostDoc`]s and [`ProductDoc`]s to index and [`HostQuery`]s and
//! [`ProductQuery`]s to answer, and ranks matches between them ([`HostsForProduct`],
//! [`ProductsForHost`]).

mod analysis;
mod docs;
mod error;
mod index;
mod matching;
mod query;
mod schema;
mod screen;

pub use docs::{HostDoc, Op, ProductDoc};
pub use error::IndexError;
pub use index::{SearchIndex, Writer};
pub use matching::{
    EVERYWHERE, Fits, HostsForProduct, MatchHit, MatchResults, PARTS, Points, ProductsForHost,
    Restrictions, Severity, Speakers, Weights, points,
};
pub use query::{FacetCount, Hit, HostQuery, HostSort, ProductQuery, ProductSort, SearchResults};
pub use schema::SCHEMA_VERSION;
pub use screen::{EmptyTerm, ScreenLanguage, Screener, TermMatch};
