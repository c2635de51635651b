//! Match ranking inside the index: the hosts for a product and the products for a host.
//! Candidates (a shared market, a language of the markets, or a shared category branch)
//! come from the inverted index; each is scored from fast fields while it is collected,
//! so only the page is ever held.
//!
//! Dependencies point one way: `types` (plain data) at the bottom; `fit` (fits to
//! points) and `restrict` (what restrictions do to a pair) on it; `collect` (the candidate
//! query, the sort key, the collector run) on those; `hosts` and `products` (one ranking
//! each) on all of them; and this module, the entry points, on top.

mod collect;
mod fit;
mod hosts;
mod products;
pub(crate) mod restrict;
mod types;

pub use fit::points;
pub use types::{
    EVERYWHERE, Fits, HostsForProduct, MatchHit, MatchResults, PARTS, Points, ProductsForHost,
    Restrictions, Severity, Speakers, Weights,
};

use crate::{IndexError, SearchIndex};

impl SearchIndex {
    /// Hosts ranked for a product.
    pub fn match_hosts(&self, q: &HostsForProduct) -> Result<MatchResults, IndexError> {
        hosts::rank(self, q, true)
    }

    /// The tantivy work of [`Self::match_hosts`] without loading the page's ids: the floor
    /// benchmarks compare with. Returns the total.
    pub fn floor_match_hosts(&self, q: &HostsForProduct) -> Result<usize, IndexError> {
        Ok(hosts::rank(self, q, false)?.total)
    }

    /// Products ranked for a host.
    pub fn recommend_products(&self, q: &ProductsForHost) -> Result<MatchResults, IndexError> {
        products::rank(self, q)
    }
}
