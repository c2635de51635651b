//! The products for one host: its candidate query (its markets, the markets its languages
//! reach, its category lineage, less what is prohibited where it sells), what scoring needs
//! from the host, and each product's score from its fast fields.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use tantivy::{
    DocId, SegmentReader, Term,
    columnar::Column,
    query::{BooleanQuery, Occur, Query},
};

use super::{
    collect::{Ranked, candidates, f64_col, ranked, u64_col},
    fit, restrict,
    types::{EVERYWHERE, MatchResults, ProductsForHost},
};
use crate::{
    IndexError, SearchIndex,
    query::term_query,
    schema::{Fields, KIND_PRODUCT, pack_code},
};

/// Products ranked for `q`.
pub(super) fn rank(index: &SearchIndex, q: &ProductsForHost) -> Result<MatchResults, IndexError> {
    let (reach, reached) = reach(q);
    let query = query(&index.fields, q, reached);
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
        let scorer = ProductScorer::new(side.clone(), seg);
        move |doc: DocId| scorer.score(doc)
    };
    index.collect_matches(
        query,
        None::<fn(u64) -> bool>,
        score,
        q.offset,
        q.limit,
        true,
    )
}

/// Per market, the largest share of its people the host can speak to (a conversational
/// language counting half), and those markets' codes, sorted and without repeats.
fn reach(q: &ProductsForHost) -> (HashMap<u64, f32>, Vec<&str>) {
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
    (reach, reached)
}

/// Products in one of the host's markets or of those its languages reach, or in its
/// category lineage; none prohibited everywhere, or in every market the host serves.
fn query(f: &Fields, q: &ProductsForHost, reached: Vec<&str>) -> BooleanQuery {
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
    let mut query = vec![(
        Occur::Must,
        Box::new(candidates(f, KIND_PRODUCT, any)) as Box<dyn Query>,
    )];
    let banned = |m: &str| term_query(Term::from_field_text(f.c_prohibited, m));
    query.push((Occur::MustNot, banned(EVERYWHERE)));
    if !q.markets.is_empty() {
        let all: Vec<(Occur, Box<dyn Query>)> =
            q.markets.iter().map(|m| (Occur::Must, banned(m))).collect();
        query.push((Occur::MustNot, Box::new(BooleanQuery::new(all))));
    }
    BooleanQuery::new(query)
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

/// One segment's columns for scoring products.
struct ProductScorer {
    side: Arc<HostSide>,
    markets: Column<u64>,
    categories: Column<u64>,
    commission: Column<f64>,
    restrictions: Column<u64>,
}

impl ProductScorer {
    fn new(side: Arc<HostSide>, seg: &SegmentReader) -> Self {
        Self {
            side,
            markets: u64_col(seg, "m_market"),
            categories: u64_col(seg, "category"),
            commission: f64_col(seg, "commission"),
            restrictions: u64_col(seg, "c_level"),
        }
    }

    fn score(&self, doc: DocId) -> Ranked {
        let side = &*self.side;
        let (mut n, mut served, mut spoken) = (0usize, 0usize, 0f32);
        for m in self.markets.values_for_doc(doc) {
            n += 1;
            served += usize::from(side.markets.contains(&m));
            spoken += side.reach.get(&m).copied().unwrap_or(0.0);
        }
        let (mut lineage, mut shared) = (0usize, 0usize);
        for c in self.categories.values_for_doc(doc) {
            lineage += 1;
            shared += usize::from(side.lineage.contains(&c));
        }
        let commission = self.commission.first(doc).unwrap_or(0.0);
        let fits = [
            if n == 0 { 0.0 } else { spoken / n as f32 },
            fit::market(n, served),
            fit::category(lineage, shared),
            side.audience,
            side.track_record,
            fit::price(commission, side.min_commission),
        ];
        let worst =
            restrict::worst_by_market(self.restrictions.values_for_doc(doc).map(restrict::unpack));
        let keep =
            restrict::keep(side.markets.iter().copied(), |m| worst.get(&m).copied()).unwrap_or(0.0);
        ranked(
            fits,
            &side.weights,
            keep,
            (commission.max(0.0) * 1000.0) as u64,
        )
    }
}
