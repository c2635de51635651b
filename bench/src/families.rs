//! The query families, each a stream of cases with rotating parameters (never one query
//! repeated), and how each case is asked of the index in process and of the service over
//! HTTP. `pg.rs` asks the same cases of PostgreSQL.

use hostmatch::{
    db::products::ProductRow,
    reference::taxonomy,
    services::matching::{Ranking, hosts_query},
};
use search_index::{
    HostQuery, HostSort, HostsForProduct, ProductQuery, ProductSort, SearchIndex, Weights,
};

use crate::data::{EN_WORDS, Rng, Universe, ZH_WORDS, main_language};

/// A page: the top 20.
pub const PAGE: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Family {
    HostFilter,
    HostText,
    ProductTextEn,
    ProductTextZh,
    ProductFilter,
    Match,
}

impl Family {
    pub const ALL: [Family; 6] = [
        Family::HostFilter,
        Family::HostText,
        Family::ProductTextEn,
        Family::ProductTextZh,
        Family::ProductFilter,
        Family::Match,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Family::HostFilter => "host filter + 4 facets",
            Family::HostText => "host text + language",
            Family::ProductTextEn => "product text (English) + market",
            Family::ProductTextZh => "product text (Chinese)",
            Family::ProductFilter => "product filter + 2 facets",
            Family::Match => "match ranking for a product",
        }
    }

    /// Whether both sides must find exactly the same number of results.
    pub fn exact(self) -> bool {
        matches!(self, Family::HostFilter | Family::ProductFilter)
    }
}

/// One query with its parameters.
#[derive(Debug, Clone)]
pub enum Case {
    HostFilter {
        language: String,
        market: String,
        category: u32,
        min_followers: u64,
    },
    HostText {
        word: String,
        language: String,
    },
    ProductTextEn {
        word: String,
        market: String,
    },
    ProductTextZh {
        word: String,
    },
    ProductFilter {
        category: u32,
        market: String,
        max_price: u64,
    },
    Match {
        product: Box<ProductRow>,
    },
}

/// `n` cases of `family`, drawn from `seed`; `products` are rows match cases rank for.
pub fn cases(
    family: Family,
    n: usize,
    seed: u64,
    u: &Universe,
    products: &[ProductRow],
) -> Vec<Case> {
    let mut rng = Rng::new(seed ^ family as u64);
    let t = taxonomy();
    (0..n)
        .map(|_| {
            let market = u.market(&mut rng).to_owned();
            let top = |id: u32| t.top_level(id).unwrap_or(id);
            match family {
                Family::HostFilter => Case::HostFilter {
                    language: main_language(&market),
                    category: top(u.category(&mut rng)),
                    min_followers: [0, 1_000, 10_000, 100_000][rng.below(4)],
                    market,
                },
                Family::HostText => Case::HostText {
                    word: t
                        .get(u.category(&mut rng))
                        .map_or("live", |c| c.name)
                        .split([' ', ','])
                        .next()
                        .unwrap_or("live")
                        .to_lowercase(),
                    language: main_language(&market),
                },
                Family::ProductTextEn => Case::ProductTextEn {
                    word: EN_WORDS[u.word(&mut rng)].to_owned(),
                    market,
                },
                Family::ProductTextZh => Case::ProductTextZh {
                    word: ZH_WORDS[u.word(&mut rng) % ZH_WORDS.len()].to_owned(),
                },
                Family::ProductFilter => {
                    // The category's parent: a middle level, as a shopper narrows.
                    let leaf = u.category(&mut rng);
                    let mid = t.get(leaf).and_then(|c| c.parent_id).unwrap_or(leaf);
                    Case::ProductFilter {
                        category: mid,
                        market,
                        max_price: [2_000, 5_000, 20_000][rng.below(3)],
                    }
                }
                Family::Match => Case::Match {
                    product: Box::new(products[rng.below(products.len())].clone()),
                },
            }
        })
        .collect()
}

fn ranking() -> Ranking {
    Ranking {
        weights: Weights::default(),
        offset: 0,
        limit: PAGE,
    }
}

impl Case {
    pub fn host_query(&self) -> Option<HostQuery> {
        let base = HostQuery {
            limit: PAGE,
            ..Default::default()
        };
        match self {
            Case::HostFilter {
                language,
                market,
                category,
                min_followers,
            } => Some(HostQuery {
                languages: vec![language.clone()],
                markets: vec![market.clone()],
                categories: vec![u64::from(*category)],
                min_followers: Some(*min_followers),
                sort: HostSort::Followers,
                ..base
            }),
            Case::HostText { word, language } => Some(HostQuery {
                text: Some(word.clone()),
                languages: vec![language.clone()],
                ..base
            }),
            _ => None,
        }
    }

    pub fn product_query(&self) -> Option<ProductQuery> {
        let base = ProductQuery {
            limit: PAGE,
            ..Default::default()
        };
        match self {
            Case::ProductTextEn { word, market } => Some(ProductQuery {
                text: Some(word.clone()),
                markets: vec![market.clone()],
                ..base
            }),
            Case::ProductTextZh { word } => Some(ProductQuery {
                text: Some(word.clone()),
                ..base
            }),
            Case::ProductFilter {
                category,
                market,
                max_price,
            } => Some(ProductQuery {
                categories: vec![u64::from(*category)],
                markets: vec![market.clone()],
                max_price_cents: Some(*max_price),
                sort: ProductSort::Price,
                ..base
            }),
            _ => None,
        }
    }

    pub fn match_query(&self) -> Option<HostsForProduct> {
        match self {
            Case::Match { product } => Some(hosts_query(product, ranking())),
            _ => None,
        }
    }

    /// Runs the case against the index; returns the total.
    pub fn run(&self, index: &SearchIndex) -> usize {
        let total = if let Some(q) = self.host_query() {
            index.search_hosts(&q).map(|r| r.total)
        } else if let Some(q) = self.product_query() {
            index.search_products(&q).map(|r| r.total)
        } else if let Some(q) = self.match_query() {
            index.match_hosts(&q).map(|r| r.total)
        } else {
            unreachable!("every case is one of the three")
        };
        total.expect("index query")
    }

    /// Runs the tantivy work of the case alone (see `SearchIndex::floor_hosts`).
    pub fn floor(&self, index: &SearchIndex) -> usize {
        let total = if let Some(q) = self.host_query() {
            index.floor_hosts(&q)
        } else if let Some(q) = self.product_query() {
            index.floor_products(&q)
        } else if let Some(q) = self.match_query() {
            index.floor_match_hosts(&q)
        } else {
            unreachable!("every case is one of the three")
        };
        total.expect("index query")
    }

    /// The same case as an HTTP path of the service.
    pub fn path(&self) -> String {
        let enc = |s: &str| url_encode(s);
        match self {
            Case::HostFilter {
                language,
                market,
                category,
                min_followers,
            } => format!(
                "/api/v1/hosts/search?language={language}&market={market}&category={category}&min_followers={min_followers}&sort=followers&per_page={PAGE}"
            ),
            Case::HostText { word, language } => {
                format!(
                    "/api/v1/hosts/search?q={}&language={language}&per_page={PAGE}",
                    enc(word)
                )
            }
            Case::ProductTextEn { word, market } => format!(
                "/api/v1/products/search?q={}&market={market}&per_page={PAGE}",
                enc(word)
            ),
            Case::ProductTextZh { word } => {
                format!("/api/v1/products/search?q={}&per_page={PAGE}", enc(word))
            }
            Case::ProductFilter {
                category,
                market,
                max_price,
            } => format!(
                "/api/v1/products/search?category={category}&market={market}&max_price_cents={max_price}&sort=price&per_page={PAGE}"
            ),
            Case::Match { product } => {
                format!("/api/v1/products/{}/matches?per_page={PAGE}", product.id)
            }
        }
    }
}

/// Percent-encodes everything but unreserved ASCII.
pub(crate) fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
