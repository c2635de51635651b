//! Match ranking inside the index: the hosts for a product and the products for a host.
//! Candidates (a shared market, a language of the markets, or a shared category branch)
//! come from the inverted index; each is scored from fast fields while it is collected,
//! so only the page is ever held.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use tantivy::{
    DocId, SegmentReader, Term,
    columnar::Column,
    query::{BooleanQuery, Occur, Query},
};

use crate::{
    IndexError, SearchIndex,
    collect::ranked,
    docs::FLUENT,
    fit::{self, Fits, Weights},
    query::term_query,
    restrict::{self, Restrictions, Severity},
    schema::{Fields, KIND_HOST, KIND_PRODUCT, pack_code},
};

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

fn u64_col(seg: &SegmentReader, name: &str) -> Column<u64> {
    seg.fast_fields()
        .column_opt(name)
        .ok()
        .flatten()
        .unwrap_or_else(|| Column::build_empty_column(seg.max_doc()))
}

fn f64_col(seg: &SegmentReader, name: &str) -> Column<f64> {
    seg.fast_fields()
        .column_opt(name)
        .ok()
        .flatten()
        .unwrap_or_else(|| Column::build_empty_column(seg.max_doc()))
}

/// A spoken-language fast-field value: (language code, fluency in 0..=1).
fn spoken(v: u64) -> (u64, f32) {
    (v >> 8, (v & 0xff).min(FLUENT) as f32 / FLUENT as f32)
}

/// `kind` and any of the candidate clauses.
fn candidates(f: &Fields, kind: &str, any: Vec<Term>) -> BooleanQuery {
    let should: Vec<(Occur, Box<dyn Query>)> = any
        .into_iter()
        .map(|t| (Occur::Should, term_query(t)))
        .collect();
    BooleanQuery::new(vec![
        (Occur::Must, term_query(Term::from_field_text(f.kind, kind))),
        (Occur::Must, Box::new(BooleanQuery::new(should))),
    ])
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

/// What scoring products for one host needs.
struct HostSide {
    markets: HashSet<u64>,
    lineage: HashSet<u64>,
    /// Per market, the largest share of its people the host can speak to.
    reach: HashMap<u64, f32>,
    audience: f32,
    track_record: f32,
    min_commission: f64,
    weights: [f64; 6],
}

impl SearchIndex {
    /// Hosts ranked for a product.
    pub fn match_hosts(&self, q: &HostsForProduct) -> Result<MatchResults, IndexError> {
        self.match_hosts_with(q, q.limit, true)
    }

    fn match_hosts_with(
        &self,
        q: &HostsForProduct,
        limit: usize,
        fetch: bool,
    ) -> Result<MatchResults, IndexError> {
        let f = &self.fields;
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
        let markets: Vec<u64> = q.markets.iter().map(|m| pack_code(m)).collect();
        let mut shares: HashMap<u64, Vec<f32>> = HashMap::new();
        for (m, l, share) in &q.speakers {
            if let Some(i) = q.markets.iter().position(|x| x == m) {
                shares
                    .entry(pack_code(l))
                    .or_insert_with(|| vec![0.0; markets.len()])[i] = *share;
            }
        }
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
        let side = Arc::new(ProductSide {
            markets,
            lineage: q.category_lineage.clone(),
            commission: q.commission_pct,
            shares,
            restricted,
            weights: q.weights.shares(),
        });
        let score = move |seg: &SegmentReader| {
            let side = side.clone();
            let langs = u64_col(seg, "m_lang");
            let markets = u64_col(seg, "m_market");
            let categories = u64_col(seg, "category");
            let followers = u64_col(seg, "followers");
            let collabs = u64_col(seg, "collabs");
            let rating = f64_col(seg, "rating");
            let min_commission = f64_col(seg, "min_commission");
            let mut best = vec![0f32; side.markets.len()];
            move |doc: DocId| {
                best.iter_mut().for_each(|b| *b = 0.0);
                for (code, fluency) in langs.values_for_doc(doc).map(spoken) {
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
                let served = markets
                    .values_for_doc(doc)
                    .filter(|m| side.markets.contains(m))
                    .count();
                let shared = categories
                    .values_for_doc(doc)
                    .filter(|c| side.lineage.contains(c))
                    .count();
                let followers = followers.first(doc).unwrap_or(0);
                let rating = rating.first(doc).filter(|r| *r >= 0.0);
                let fits = [
                    language,
                    fit::market(n, served),
                    fit::category(side.lineage.len(), shared),
                    fit::audience(followers),
                    fit::track_record(rating, collabs.first(doc).unwrap_or(0)),
                    fit::price(side.commission, min_commission.first(doc).unwrap_or(0.0)),
                ];
                let keep = restrict::keep(markets.values_for_doc(doc), |m| {
                    side.restricted.get(&m).copied()
                })
                .unwrap_or(0.0);
                ranked(fits, &side.weights, keep, followers)
            }
        };
        let query = candidates(f, KIND_HOST, any);
        if prohibited.is_empty() {
            return self.collect_matches(
                query,
                None::<fn(u64) -> bool>,
                score,
                q.offset,
                limit,
                fetch,
            );
        }
        let prohibited = Arc::new(prohibited);
        let admit = move |m: u64| !prohibited.contains(&m);
        self.collect_matches(query, Some(admit), score, q.offset, limit, fetch)
    }

    /// The tantivy work of [`Self::match_hosts`] without loading the page's ids: the floor
    /// benchmarks compare with. Returns the total.
    pub fn floor_match_hosts(&self, q: &HostsForProduct) -> Result<usize, IndexError> {
        Ok(self.match_hosts_with(q, q.limit, false)?.total)
    }

    /// Products ranked for a host.
    pub fn recommend_products(&self, q: &ProductsForHost) -> Result<MatchResults, IndexError> {
        let f = &self.fields;
        let fluency = |l: &str| {
            if q.conversational.iter().any(|c| c == l) {
                0.5
            } else {
                1.0
            }
        };
        let mut reach: HashMap<u64, f32> = HashMap::new();
        let mut reached: Vec<&str> = Vec::new();
        for (m, l, share) in &q.speakers {
            if q.languages.contains(l) && *share > 0.0 {
                let r = reach.entry(pack_code(m)).or_insert(0.0);
                *r = r.max(share * fluency(l));
                reached.push(m);
            }
        }
        reached.sort_unstable();
        reached.dedup();
        let mut any: Vec<Term> = q
            .markets
            .iter()
            .map(String::as_str)
            .chain(reached)
            .map(|m| Term::from_field_text(f.market, m))
            .collect();
        any.extend(
            q.category_lineage
                .iter()
                .map(|c| Term::from_field_u64(f.category, *c)),
        );
        // No product prohibited everywhere, or in every market the host serves.
        let mut query = vec![(
            Occur::Must,
            Box::new(candidates(f, KIND_PRODUCT, any)) as Box<dyn Query>,
        )];
        let banned = |m: &str| term_query(Term::from_field_text(f.c_prohibited, m));
        query.push((Occur::MustNot, banned(restrict::EVERYWHERE)));
        if !q.markets.is_empty() {
            let all: Vec<(Occur, Box<dyn Query>)> =
                q.markets.iter().map(|m| (Occur::Must, banned(m))).collect();
            query.push((Occur::MustNot, Box::new(BooleanQuery::new(all))));
        }
        let side = Arc::new(HostSide {
            markets: q.markets.iter().map(|m| pack_code(m)).collect(),
            lineage: q.category_lineage.iter().copied().collect(),
            reach,
            audience: fit::audience(q.followers),
            track_record: fit::track_record(q.rating, q.collaborations),
            min_commission: q.min_commission_pct,
            weights: q.weights.shares(),
        });
        let score = move |seg: &SegmentReader| {
            let side = side.clone();
            let markets = u64_col(seg, "m_market");
            let categories = u64_col(seg, "category");
            let commission = f64_col(seg, "commission");
            let restrictions = u64_col(seg, "c_level");
            move |doc: DocId| {
                let (mut n, mut served, mut spoken) = (0usize, 0usize, 0f32);
                for m in markets.values_for_doc(doc) {
                    n += 1;
                    served += usize::from(side.markets.contains(&m));
                    spoken += side.reach.get(&m).copied().unwrap_or(0.0);
                }
                let (mut lineage, mut shared) = (0usize, 0usize);
                for c in categories.values_for_doc(doc) {
                    lineage += 1;
                    shared += usize::from(side.lineage.contains(&c));
                }
                let commission = commission.first(doc).unwrap_or(0.0);
                let fits = [
                    if n == 0 { 0.0 } else { spoken / n as f32 },
                    fit::market(n, served),
                    fit::category(lineage, shared),
                    side.audience,
                    side.track_record,
                    fit::price(commission, side.min_commission),
                ];
                let worst = restrict::worst_by_market(
                    restrictions.values_for_doc(doc).map(restrict::unpack),
                );
                let keep = restrict::keep(side.markets.iter().copied(), |m| worst.get(&m).copied())
                    .unwrap_or(0.0);
                ranked(
                    fits,
                    &side.weights,
                    keep,
                    (commission.max(0.0) * 1000.0) as u64,
                )
            }
        };
        self.collect_matches(
            BooleanQuery::new(query),
            None::<fn(u64) -> bool>,
            score,
            q.offset,
            q.limit,
            true,
        )
    }
}
