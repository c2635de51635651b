//! The types of match ranking in one place: the two questions ([`HostsForProduct`],
//! [`ProductsForHost`]), their answer ([`MatchResults`]), and what they are made of (weights,
//! fits, points, a product's market restrictions). Plain data; everything else in
//! `matching` builds on it and nothing here depends on the rest.

/// Who speaks what where: (market, language, share of the market's people in 0..=1).
pub type Speakers = Vec<(String, String, f32)>;

/// Rank hosts for one product.
#[derive(Debug, Clone, Default)]
pub struct HostsForProduct {
    pub markets: Vec<String>,
    /// The product's category and its ancestors, root first.
    pub category_lineage: Vec<u64>,
    pub commission_pct: f64,
    /// At least every language spoken in `markets`.
    pub speakers: Speakers,
    /// Where the product is prohibited, restricted or sensitive, in any market.
    pub restrictions: Restrictions,
    pub weights: Weights,
    pub offset: usize,
    pub limit: usize,
}

/// Rank products for one host.
#[derive(Debug, Clone, Default)]
pub struct ProductsForHost {
    pub languages: Vec<String>,
    /// Those of `languages` spoken conversationally only.
    pub conversational: Vec<String>,
    pub markets: Vec<String>,
    /// The host's categories with all their ancestors.
    pub category_lineage: Vec<u64>,
    pub followers: u64,
    pub rating: Option<f64>,
    pub collaborations: u64,
    pub min_commission_pct: f64,
    /// At least every market where one of `languages` is spoken.
    pub speakers: Speakers,
    pub weights: Weights,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatchHit {
    pub id: String,
    /// Tenths of a point, 0..=1000: exactly the sum of `points` less `penalty`.
    pub score: u32,
    /// Tenths of a point the product's restrictions in the host's markets take off.
    pub penalty: u32,
    /// Each part's points in tenths, in [`crate::PARTS`] order.
    pub points: [u32; 6],
    pub fits: Fits,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchResults {
    pub hits: Vec<MatchHit>,
    /// Every candidate, not just this page.
    pub total: usize,
}

/// The parts of a match score, in the order every array here uses.
pub const PARTS: [&str; 6] = [
    "language",
    "market",
    "category",
    "audience",
    "track_record",
    "price",
];

/// How much each part counts, in any non-negative units: only their ratios matter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights(pub [f64; 6]);

impl Default for Weights {
    /// Language and market first, then category, then audience, track record and price.
    fn default() -> Self {
        Self([3.0, 3.0, 2.0, 1.0, 1.0, 1.0])
    }
}

impl Weights {
    /// Each part's share of 100 points. All zero weights give all zero shares.
    pub fn shares(&self) -> [f64; 6] {
        let sum: f64 = self.0.iter().sum();
        if sum <= 0.0 || !sum.is_finite() {
            return [0.0; 6];
        }
        self.0.map(|w| w / sum * 100.0)
    }
}

/// A pair's fits, in [`PARTS`] order.
pub type Fits = [f32; 6];

/// A pair's score, in tenths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Points {
    pub score: u32,
    pub penalty: u32,
    pub parts: [u32; 6],
}

/// How serious a restriction is, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Prohibited,
    Restricted,
    Caution,
}

impl Severity {
    /// The share of its score a pair keeps when this is the most serious restriction in the
    /// host's markets (a prohibition here holds in only some of them).
    pub fn keeps(self) -> f64 {
        match self {
            Self::Prohibited => 0.5,
            Self::Restricted => 0.8,
            Self::Caution => 0.9,
        }
    }
}

/// The market of a restriction that holds in every market.
pub const EVERYWHERE: &str = "*";

/// A product's restrictions: (country code or [`EVERYWHERE`], severity).
pub type Restrictions = Vec<(String, Severity)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_follow_the_ratios_and_sum_to_100() {
        let s = Weights::default().shares();
        assert!((s.iter().sum::<f64>() - 100.0).abs() < 1e-9);
        assert!((s[0] / s[3] - 3.0).abs() < 1e-9);
        assert_eq!(Weights([0.0; 6]).shares(), [0.0; 6]);
    }
}
