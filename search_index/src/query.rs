//! Queries: filters that must all hold (a repeated value means any of them), free text,
//! sorts, an exact total and exact facet counts over everything that matched.

use std::ops::Bound;

use tantivy::{
    DocAddress, Order, Searcher, TantivyDocument, Term,
    collector::{Collector, Count, FacetCollector, FacetCounts, MultiCollector, TopDocs},
    query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery},
    schema::{Field, IndexRecordOption, Value},
};

use crate::{
    IndexError, SearchIndex, analysis,
    schema::{Fields, KIND_HOST, KIND_PRODUCT},
};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HostSort {
    #[default]
    Relevance,
    Followers,
    Rating,
    Newest,
}

#[derive(Debug, Clone, Default)]
pub struct HostQuery {
    pub text: Option<String>,
    pub languages: Vec<String>,
    pub markets: Vec<String>,
    /// Matches the category or any descendant.
    pub categories: Vec<u64>,
    pub platforms: Vec<String>,
    pub min_followers: Option<u64>,
    pub max_followers: Option<u64>,
    /// Hosts whose minimum commission is at most this.
    pub max_commission_pct: Option<f64>,
    pub sort: HostSort,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ProductSort {
    #[default]
    Relevance,
    Commission,
    Price,
    Newest,
}

#[derive(Debug, Clone, Default)]
pub struct ProductQuery {
    pub text: Option<String>,
    pub categories: Vec<u64>,
    pub markets: Vec<String>,
    pub supplier_ids: Vec<String>,
    pub min_commission_pct: Option<f64>,
    pub max_price_cents: Option<u64>,
    pub free_samples: Option<bool>,
    pub sort: ProductSort,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Every match, not just this page.
    pub total: usize,
    /// Per facet, each value's number of matches, most first.
    pub facets: Vec<(&'static str, Vec<FacetCount>)>,
}

type Clause = (Occur, Box<dyn Query>);

const HOST_FACETS: [(&str, &str); 4] = [
    ("language", "f_language"),
    ("market", "f_market"),
    ("category", "f_category"),
    ("platform", "f_platform"),
];
const PRODUCT_FACETS: [(&str, &str); 2] = [("category", "f_category"), ("market", "f_market")];

pub(crate) fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// `field` is any of `values` (nothing added when `values` is empty).
fn any_of(clauses: &mut Vec<Clause>, terms: Vec<Term>) {
    match terms.len() {
        0 => {}
        1 => clauses.push((Occur::Must, term_query(terms.into_iter().next().unwrap()))),
        _ => {
            let should = terms
                .into_iter()
                .map(|t| (Occur::Should, term_query(t)))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(should))));
        }
    }
}

fn texts(field: Field, values: &[String]) -> Vec<Term> {
    values
        .iter()
        .map(|v| Term::from_field_text(field, v))
        .collect()
}

fn range(clauses: &mut Vec<Clause>, lower: Bound<Term>, upper: Bound<Term>) {
    if !matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
}

fn base(f: &Fields, kind: &str, text: Option<&str>) -> Vec<Clause> {
    let mut c: Vec<Clause> = vec![(Occur::Must, term_query(Term::from_field_text(f.kind, kind)))];
    if let Some(q) = text.and_then(|t| analysis::text_query(f, t)) {
        c.push((Occur::Must, q));
    }
    c
}

impl SearchIndex {
    pub fn search_hosts(&self, q: &HostQuery) -> Result<SearchResults, IndexError> {
        let searcher = self.reader.searcher();
        let (docs, total, counts) = self.collect_hosts(&searcher, q)?;
        self.results(&searcher, docs, total, counts, &HOST_FACETS, q.limit)
    }

    /// The tantivy work of [`Self::search_hosts`] alone (the query, the page, the total
    /// and the facet counts) without loading the page's ids or shaping the answer: the
    /// floor benchmarks compare with. Returns the total.
    pub fn floor_hosts(&self, q: &HostQuery) -> Result<usize, IndexError> {
        Ok(self.collect_hosts(&self.reader.searcher(), q)?.1)
    }

    fn collect_hosts(&self, searcher: &Searcher, q: &HostQuery) -> Result<Collected, IndexError> {
        let f = &self.fields;
        let mut c = base(f, KIND_HOST, q.text.as_deref());
        any_of(&mut c, texts(f.language, &q.languages));
        any_of(&mut c, texts(f.market, &q.markets));
        any_of(
            &mut c,
            q.categories
                .iter()
                .map(|id| Term::from_field_u64(f.category, *id))
                .collect(),
        );
        any_of(&mut c, texts(f.platform, &q.platforms));
        let bound = |v: Option<u64>| {
            v.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_u64(f.followers, v))
            })
        };
        range(&mut c, bound(q.min_followers), bound(q.max_followers));
        range(
            &mut c,
            Bound::Unbounded,
            q.max_commission_pct.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_f64(f.min_commission, v))
            }),
        );
        let query = BooleanQuery::new(c);
        let page = TopDocs::with_limit(q.limit.max(1)).and_offset(q.offset);
        let facets = HOST_FACETS;
        Ok(match q.sort {
            HostSort::Relevance => run(searcher, &query, page.order_by_score(), &facets, |s| s)?,
            HostSort::Followers => run(
                searcher,
                &query,
                page.order_by_fast_field::<u64>("followers", Order::Desc),
                &facets,
                |v| v.unwrap_or(0) as f32,
            )?,
            HostSort::Rating => run(
                searcher,
                &query,
                page.order_by_fast_field::<f64>("rating", Order::Desc),
                &facets,
                |v| v.unwrap_or(-1.0) as f32,
            )?,
            HostSort::Newest => run(
                searcher,
                &query,
                page.order_by_fast_field::<i64>("created", Order::Desc),
                &facets,
                |v| v.unwrap_or(0) as f32,
            )?,
        })
    }

    pub fn search_products(&self, q: &ProductQuery) -> Result<SearchResults, IndexError> {
        let searcher = self.reader.searcher();
        let (docs, total, counts) = self.collect_products(&searcher, q)?;
        self.results(&searcher, docs, total, counts, &PRODUCT_FACETS, q.limit)
    }

    /// The tantivy work of [`Self::search_products`] alone, as [`Self::floor_hosts`].
    pub fn floor_products(&self, q: &ProductQuery) -> Result<usize, IndexError> {
        Ok(self.collect_products(&self.reader.searcher(), q)?.1)
    }

    fn collect_products(
        &self,
        searcher: &Searcher,
        q: &ProductQuery,
    ) -> Result<Collected, IndexError> {
        let f = &self.fields;
        let mut c = base(f, KIND_PRODUCT, q.text.as_deref());
        any_of(
            &mut c,
            q.categories
                .iter()
                .map(|id| Term::from_field_u64(f.category, *id))
                .collect(),
        );
        any_of(&mut c, texts(f.market, &q.markets));
        any_of(&mut c, texts(f.supplier_id, &q.supplier_ids));
        range(
            &mut c,
            q.min_commission_pct.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_f64(f.commission, v))
            }),
            Bound::Unbounded,
        );
        range(
            &mut c,
            Bound::Unbounded,
            q.max_price_cents.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_u64(f.price, v))
            }),
        );
        if let Some(b) = q.free_samples {
            c.push((
                Occur::Must,
                term_query(Term::from_field_bool(f.free_samples, b)),
            ));
        }
        let query = BooleanQuery::new(c);
        let page = TopDocs::with_limit(q.limit.max(1)).and_offset(q.offset);
        let facets = PRODUCT_FACETS;
        Ok(match q.sort {
            ProductSort::Relevance => run(searcher, &query, page.order_by_score(), &facets, |s| s)?,
            ProductSort::Commission => run(
                searcher,
                &query,
                page.order_by_fast_field::<f64>("commission", Order::Desc),
                &facets,
                |v| v.unwrap_or(0.0) as f32,
            )?,
            ProductSort::Price => run(
                searcher,
                &query,
                page.order_by_fast_field::<u64>("price", Order::Asc),
                &facets,
                |v| v.unwrap_or(0) as f32,
            )?,
            ProductSort::Newest => run(
                searcher,
                &query,
                page.order_by_fast_field::<i64>("created", Order::Desc),
                &facets,
                |v| v.unwrap_or(0) as f32,
            )?,
        })
    }

    fn results(
        &self,
        searcher: &Searcher,
        docs: Vec<(f32, DocAddress)>,
        total: usize,
        counts: Vec<FacetCounts>,
        facets: &[(&'static str, &str)],
        limit: usize,
    ) -> Result<SearchResults, IndexError> {
        let mut hits = Vec::with_capacity(docs.len());
        for (score, addr) in docs.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(self.fields.id).and_then(|v| v.as_str()) {
                hits.push(Hit {
                    id: id.to_owned(),
                    score,
                });
            }
        }
        let facets = facets
            .iter()
            .zip(counts)
            .map(|((name, _), counts)| {
                let mut values: Vec<FacetCount> = counts
                    .get("/")
                    .map(|(facet, count)| FacetCount {
                        value: facet
                            .to_path()
                            .last()
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                        count,
                    })
                    .collect();
                values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
                (*name, values)
            })
            .collect();
        Ok(SearchResults {
            hits,
            total,
            facets,
        })
    }

    /// Every id of a kind, for checks and rebuild comparisons.
    pub fn all_ids(&self, products: bool) -> Result<Vec<String>, IndexError> {
        let f = &self.fields;
        let kind = if products { KIND_PRODUCT } else { KIND_HOST };
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::Must, term_query(Term::from_field_text(f.kind, kind))),
        ]);
        let searcher = self.reader.searcher();
        let n = searcher.search(&query, &Count)?;
        let docs = searcher.search(&query, &TopDocs::with_limit(n.max(1)).order_by_score())?;
        let mut ids = Vec::with_capacity(n);
        for (_, addr) in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_str()) {
                ids.push(id.to_owned());
            }
        }
        ids.sort();
        Ok(ids)
    }
}

/// What one search pass collected: the page (score or sort value, address), the total,
/// and the counts of each facet.
type Collected = (Vec<(f32, DocAddress)>, usize, Vec<FacetCounts>);

/// Runs the page collector, the count and one facet collector per facet in one pass.
fn run<C, K>(
    searcher: &Searcher,
    query: &dyn Query,
    page: C,
    facets: &[(&'static str, &str)],
    score: impl Fn(K) -> f32,
) -> Result<Collected, IndexError>
where
    C: Collector<Fruit = Vec<(K, DocAddress)>> + 'static,
    K: Send + 'static,
{
    let mut multi = MultiCollector::new();
    let top = multi.add_collector(page);
    let total = multi.add_collector(Count);
    let facet_handles: Vec<_> = facets
        .iter()
        .map(|(_, field)| {
            let mut fc = FacetCollector::for_field(*field);
            fc.add_facet("/");
            multi.add_collector(fc)
        })
        .collect();
    let mut fruits = searcher.search(query, &multi)?;
    let top = top.extract(&mut fruits);
    let total = total.extract(&mut fruits);
    let counts = facet_handles
        .into_iter()
        .map(|h| h.extract(&mut fruits))
        .collect();
    Ok((
        top.into_iter().map(|(k, a)| (score(k), a)).collect(),
        total,
        counts,
    ))
}
