//! Query strings of the read operations (searches, rankings), read once for both edges:
//! the API refuses parameters it does not know, pages ignore them ([`Edge`]); the values
//! are checked by the same rules, so a page's URL and the API's query read the same.

pub mod params;
pub mod ranking;
pub mod search;

pub use params::{Edge, MAX_WINDOW, Params};
