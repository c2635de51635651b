//! The hosts for one product: its candidate terms (its markets, the languages spoken there,
//! its category lineage), what scoring needs from the product, and each host's score from
//! its fast fields.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use tantivy::{DocId, SegmentReader, Term, columnar::Column};

use super::{
    collect::{Ranked, candidates, f64_col, ranked, u64_col},
    fit, restrict,
    types::{HostsForProduct, MatchResults, Severity},
};
use crate::{
    IndexError, SearchIndex,
    schema::{FLUENT, Fields, KIND_HOST, pack_code},
};

/// Hosts ranked for `q`; without `fetch`, only the total (the page's ids are not loaded).
pub(super) fn rank(
    index: &SearchIndex,
    q: &HostsForProduct,
    fetch: bool,
) -> Result<MatchResults, IndexError> {
    let restricted = restrict::worst_by_market(
        q.restrictions
            .iter()
            .map(|(m, s)| (restrict::market_code(m), *s)),
    );
    if restricted.get(&0) == Some(&Severity::Prohibited) {
        return Ok(MatchResults::default());
    }
    // Hosts with a market where the product is not prohibited; with no prohibition
    // anywhere, every candidate. (A host without markets would be dropped too, while
    // offers would let it through; the service requires at least one market.)
    let prohibited: HashSet<u64> = restricted
        .iter()
        .filter(|(_, s)| **s == Severity::Prohibited)
        .map(|(m, _)| *m)
        .collect();
    let side = Arc::new(ProductSide::new(q, restricted));
    let score = move |seg: &SegmentReader| {
        let mut scorer = HostScorer::new(side.clone(), seg);
        move |doc: DocId| scorer.score(doc)
    };
    let query = candidates(&index.fields, KIND_HOST, terms(&index.fields, q));
    if prohibited.is_empty() {
        return index.collect_matches(
            query,
            None::<fn(u64) -> bool>,
            score,
            q.offset,
            q.limit,
            fetch,
        );
    }
    let prohibited = Arc::new(prohibited);
    let admit = move |m: u64| !prohibited.contains(&m);
    index.collect_matches(query, Some(admit), score, q.offset, q.limit, fetch)
}

/// Any of these makes a host a candidate: one of the product's markets, a language spoken
/// there, a category of the product's lineage.
fn terms(f: &Fields, q: &HostsForProduct) -> Vec<Term> {
    let mut any: Vec<Term> = q
        .markets
        .iter()
        .map(|m| Term::from_field_text(f.market, m))
        .collect();
    let mut languages: Vec<&str> = q
        .speakers
        .iter()
        .filter(|(m, _, share)| *share > 0.0 && q.markets.contains(m))
        .map(|(_, l, _)| l.as_str())
        .collect();
    languages.sort_unstable();
    languages.dedup();
    any.extend(
        languages
            .iter()
            .map(|l| Term::from_field_text(f.language, l)),
    );
    any.extend(
        q.category_lineage
            .iter()
            .map(|c| Term::from_field_u64(f.category, *c)),
    );
    any
}

/// A spoken-language fast-field value: (language code, fluency in 0..=1).
fn spoken(v: u64) -> (u64, f32) {
    (v >> 8, (v & 0xff).min(FLUENT) as f32 / FLUENT as f32)
}

/// What scoring hosts for one product needs, shared by every segment.
struct ProductSide {
    markets: Vec<u64>,
    lineage: Vec<u64>,
    commission: f64,
    /// Per language, its share in each of `markets`, in that order.
    shares: HashMap<u64, Vec<f32>>,
    /// The most serious restriction per market code (0: everywhere).
    restricted: HashMap<u64, Severity>,
    weights: [f64; 6],
}

impl ProductSide {
    fn new(q: &HostsForProduct, restricted: HashMap<u64, Severity>) -> Self {
        let markets: Vec<u64> = q.markets.iter().map(|m| pack_code(m)).collect();
        let mut shares: HashMap<u64, Vec<f32>> = HashMap::new();
        for (m, l, share) in &q.speakers {
            if let Some(i) = q.markets.iter().position(|x| x == m) {
                shares
                    .entry(pack_code(l))
                    .or_insert_with(|| vec![0.0; markets.len()])[i] = *share;
            }
        }
        Self {
            markets,
            lineage: q.category_lineage.clone(),
            commission: q.commission_pct,
            shares,
            restricted,
            weights: q.weights.shares(),
        }
    }
}

/// One segment's columns for scoring hosts, and a buffer reused per document.
struct HostScorer {
    side: Arc<ProductSide>,
    langs: Column<u64>,
    markets: Column<u64>,
    categories: Column<u64>,
    followers: Column<u64>,
    collabs: Column<u64>,
    rating: Column<f64>,
    min_commission: Column<f64>,
    /// Per product market, the largest share of its people the host can speak to.
    best: Vec<f32>,
}

impl HostScorer {
    fn new(side: Arc<ProductSide>, seg: &SegmentReader) -> Self {
        let best = vec![0f32; side.markets.len()];
        Self {
            side,
            langs: u64_col(seg, "m_lang"),
            markets: u64_col(seg, "m_market"),
            categories: u64_col(seg, "category"),
            followers: u64_col(seg, "followers"),
            collabs: u64_col(seg, "collabs"),
            rating: f64_col(seg, "rating"),
            min_commission: f64_col(seg, "min_commission"),
            best,
        }
    }

    fn score(&mut self, doc: DocId) -> Ranked {
        let side = &*self.side;
        let best = &mut self.best;
        best.iter_mut().for_each(|b| *b = 0.0);
        for (code, fluency) in self.langs.values_for_doc(doc).map(spoken) {
            if let Some(per_market) = side.shares.get(&code) {
                for (b, s) in best.iter_mut().zip(per_market) {
                    *b = b.max(s * fluency);
                }
            }
        }
        let n = side.markets.len();
        let language = if n == 0 {
            0.0
        } else {
            best.iter().sum::<f32>() / n as f32
        };
        let served = self
            .markets
            .values_for_doc(doc)
            .filter(|m| side.markets.contains(m))
            .count();
        let shared = self
            .categories
            .values_for_doc(doc)
            .filter(|c| side.lineage.contains(c))
            .count();
        let followers = self.followers.first(doc).unwrap_or(0);
        let rating = self.rating.first(doc).filter(|r| *r >= 0.0);
        let min_commission = self.min_commission.first(doc).unwrap_or(0.0);
        let fits = [
            language,
            fit::market(n, served),
            fit::category(side.lineage.len(), shared),
            fit::audience(followers),
            fit::track_record(rating, self.collabs.first(doc).unwrap_or(0)),
            fit::price(side.commission, min_commission),
        ];
        let keep = restrict::keep(self.markets.values_for_doc(doc), |m| {
            side.restricted.get(&m).copied()
        })
        .unwrap_or(0.0);
        ranked(fits, &side.weights, keep, followers)
    }
}
