//! The collection side of match ranking: the candidate query, a segment's fast-field
//! columns, the sort key a document is scored into (the score, a tie-break, and the parts
//! for the page), and the collector run that keeps only the page and counts every
//! candidate, optionally only those a market filter admits.

use std::cmp::Ordering;

use tantivy::{
    DocAddress, DocId, SegmentReader, TantivyDocument, Term,
    collector::{Count, FilterCollector, MultiCollector, TopDocs},
    columnar::Column,
    query::{BooleanQuery, Occur, Query},
    schema::Value,
};

use super::{
    fit,
    types::{Fits, MatchHit, MatchResults},
};
use crate::{IndexError, SearchIndex, query::term_query, schema::Fields};

/// `kind` and any of the candidate clauses.
pub(super) fn candidates(f: &Fields, kind: &str, any: Vec<Term>) -> BooleanQuery {
    let should: Vec<(Occur, Box<dyn Query>)> = any
        .into_iter()
        .map(|t| (Occur::Should, term_query(t)))
        .collect();
    BooleanQuery::new(vec![
        (Occur::Must, term_query(Term::from_field_text(f.kind, kind))),
        (Occur::Must, Box::new(BooleanQuery::new(should))),
    ])
}

/// A segment's fast field by name; empty when the segment has none.
pub(super) fn u64_col(seg: &SegmentReader, name: &str) -> Column<u64> {
    seg.fast_fields()
        .column_opt(name)
        .ok()
        .flatten()
        .unwrap_or_else(|| Column::build_empty_column(seg.max_doc()))
}

/// As [`u64_col`], for a float field.
pub(super) fn f64_col(seg: &SegmentReader, name: &str) -> Column<f64> {
    seg.fast_fields()
        .column_opt(name)
        .ok()
        .flatten()
        .unwrap_or_else(|| Column::build_empty_column(seg.max_doc()))
}

/// The sort key: the score, then a tie-break; it carries the parts for the page.
#[derive(Debug, Clone)]
pub(super) struct Ranked {
    score: u32,
    tiebreak: u64,
    penalty: u32,
    points: [u32; 6],
    fits: Fits,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        (self.score, self.tiebreak) == (other.score, other.tiebreak)
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some((self.score, self.tiebreak).cmp(&(other.score, other.tiebreak)))
    }
}

pub(super) fn ranked(fits: Fits, shares: &[f64; 6], keep: f64, tiebreak: u64) -> Ranked {
    let p = fit::points(&fits, shares, keep);
    Ranked {
        score: p.score,
        tiebreak,
        penalty: p.penalty,
        points: p.parts,
        fits,
    }
}

impl SearchIndex {
    /// The page and the total of `query`'s documents ranked by `score`; with `admit`, only
    /// of those with a market it admits.
    pub(super) fn collect_matches<A, S, F>(
        &self,
        query: BooleanQuery,
        admit: Option<A>,
        score: S,
        offset: usize,
        limit: usize,
        fetch: bool,
    ) -> Result<MatchResults, IndexError>
    where
        A: Fn(u64) -> bool + Clone + Send + Sync + 'static,
        S: Fn(&SegmentReader) -> F + Send + Sync + 'static,
        F: FnMut(DocId) -> Ranked + 'static,
    {
        let searcher = self.reader.searcher();
        let mut multi = MultiCollector::new();
        let top = multi.add_collector(
            TopDocs::with_limit(limit.max(1))
                .and_offset(offset)
                .order_by(score),
        );
        let count = multi.add_collector(Count);
        let mut fruits = match admit {
            Some(a) => {
                searcher.search(&query, &FilterCollector::new("m_market".into(), a, multi))?
            }
            None => searcher.search(&query, &multi)?,
        };
        let docs: Vec<(Ranked, DocAddress)> = top.extract(&mut fruits);
        let total = count.extract(&mut fruits);
        let mut hits = Vec::with_capacity(docs.len());
        for (r, addr) in docs.into_iter().take(if fetch { limit } else { 0 }) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                hits.push(MatchHit {
                    id: id.to_owned(),
                    score: r.score,
                    penalty: r.penalty,
                    points: r.points,
                    fits: r.fits,
                });
            }
        }
        Ok(MatchResults { hits, total })
    }
}
