//! The index on its own: analysis, filters, sorts, facets, idempotent updates, schema
//! versions, and a randomised comparison against a brute-force filter.

mod common;

use std::collections::BTreeMap;

use common::Rng;

use search_index::{
    HostDoc, HostQuery, HostSort, Op, ProductDoc, ProductQuery, ProductSort, SearchIndex,
};

fn host(id: &str, text: &str, langs: &[&str], markets: &[&str], followers: u64) -> HostDoc {
    HostDoc {
        id: id.into(),
        text: vec![text.into()],
        languages: langs.iter().map(|s| s.to_string()).collect(),
        conversational: Vec::new(),
        markets: markets.iter().map(|s| s.to_string()).collect(),
        category_lineage: vec![469, 2915, 473],
        top_categories: vec![469],
        platforms: vec!["tiktok".into()],
        followers,
        min_commission_pct: 10.0,
        rating: None,
        collaborations: 0,
        created_ms: followers as i64,
    }
}

fn product(id: &str, text: &[&str], price: u64) -> ProductDoc {
    ProductDoc {
        id: id.into(),
        supplier_id: "s1".into(),
        text: text.iter().map(|s| s.to_string()).collect(),
        category_lineage: vec![469, 2915, 473, 2619],
        top_category: 469,
        markets: vec!["MX".into(), "US".into()],
        price_cents: price,
        commission_pct: 15.0,
        free_samples: price.is_multiple_of(2),
        created_ms: price as i64,
        restrictions: Vec::new(),
    }
}

fn index_with(ops: &[Op]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let (index, fresh) = SearchIndex::open(dir.path(), "test").unwrap();
    assert!(fresh);
    let mut w = index.writer(50_000_000).unwrap();
    for op in ops {
        w.apply(op).unwrap();
    }
    w.commit("{\"cursor\":1}").unwrap();
    (dir, index)
}

fn product_ids(index: &SearchIndex, text: &str) -> Vec<String> {
    let q = ProductQuery {
        text: Some(text.into()),
        limit: 100,
        ..Default::default()
    };
    let mut ids: Vec<_> = index
        .search_products(&q)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn english_is_stemmed_chinese_is_found_inside_longer_text_and_mixed_queries_work() {
    let (_d, index) = index_with(&[
        Op::UpsertProduct(product(
            "p1",
            &["Wireless earbud with charging case", "无线蓝牙耳机"],
            1000,
        )),
        Op::UpsertProduct(product(
            "p2",
            &[
                "LED makeup mirror for Mexico",
                "三色光LED化妆镜，跨境电商直播带货爆款",
            ],
            1299,
        )),
        Op::UpsertProduct(product("p3", &["Phone stand", "手机支架"], 500)),
        Op::UpsertProduct(product("p4", &["USB充电小风扇"], 700)),
    ]);
    assert_eq!(product_ids(&index, "USB"), ["p4"], "Latin glued to Chinese");
    assert_eq!(product_ids(&index, "usb 风扇"), ["p4"]);
    assert!(
        product_ids(&index, &"a".repeat(45)).is_empty(),
        "an over-long word finds nothing"
    );
    assert_eq!(product_ids(&index, "earbuds"), ["p1"]);
    assert_eq!(product_ids(&index, "Charging"), ["p1"]);
    assert_eq!(product_ids(&index, "耳机"), ["p1"]);
    assert_eq!(
        product_ids(&index, "直播"),
        ["p2"],
        "a word inside longer text"
    );
    assert_eq!(product_ids(&index, "带货"), ["p2"]);
    assert_eq!(
        product_ids(&index, "妆镜"),
        ["p2"],
        "any substring, even across jieba's words"
    );
    assert_eq!(product_ids(&index, "镜"), ["p2"]);
    assert_eq!(
        product_ids(&index, "LED 化妆镜 Mexico"),
        ["p2"],
        "mixed script"
    );
    assert!(
        product_ids(&index, "LED 耳机").is_empty(),
        "every word must be found"
    );
    for hostile in [
        "title:(foo AND \"bar",
        "*",
        "~!@#$%^&*()",
        "\u{0}",
        "a OR b NOT c",
        "\"unclosed",
    ] {
        let q = ProductQuery {
            text: Some(hostile.into()),
            limit: 10,
            ..Default::default()
        };
        index.search_products(&q).unwrap();
    }
}

#[test]
fn filters_combine_any_of_within_a_parameter_and_all_across() {
    let (_d, index) = index_with(&[
        Op::UpsertHost(host("h1", "Lucía", &["es"], &["MX"], 1000)),
        Op::UpsertHost(host("h2", "Ana", &["pt"], &["BR"], 50_000)),
        Op::UpsertHost(host("h3", "Jo", &["en", "es"], &["US", "MX"], 7_000)),
    ]);
    let ids = |q: HostQuery| -> Vec<String> {
        let r = index.search_hosts(&HostQuery { limit: 10, ..q }).unwrap();
        assert_eq!(r.total, r.hits.len());
        let mut v: Vec<_> = r.hits.into_iter().map(|h| h.id).collect();
        v.sort();
        v
    };
    assert_eq!(
        ids(HostQuery {
            languages: vec!["es".into(), "pt".into()],
            ..Default::default()
        }),
        ["h1", "h2", "h3"]
    );
    assert_eq!(
        ids(HostQuery {
            languages: vec!["es".into()],
            markets: vec!["US".into()],
            ..Default::default()
        }),
        ["h3"]
    );
    assert_eq!(
        ids(HostQuery {
            min_followers: Some(5_000),
            ..Default::default()
        }),
        ["h2", "h3"]
    );
    assert_eq!(
        ids(HostQuery {
            max_followers: Some(7_000),
            min_followers: Some(7_000),
            ..Default::default()
        }),
        ["h3"]
    );
    assert_eq!(
        ids(HostQuery {
            categories: vec![469],
            ..Default::default()
        })
        .len(),
        3,
        "ancestor"
    );
    assert!(
        ids(HostQuery {
            categories: vec![2619],
            ..Default::default()
        })
        .is_empty(),
        "descendant of theirs"
    );
    let sorted = index
        .search_hosts(&HostQuery {
            sort: HostSort::Followers,
            limit: 2,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(sorted.total, 3);
    let order: Vec<_> = sorted.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(order, ["h2", "h3"]);
    let lang = &sorted
        .facets
        .iter()
        .find(|(n, _)| *n == "language")
        .unwrap()
        .1;
    assert_eq!((lang[0].value.as_str(), lang[0].count), ("es", 2));
}

#[test]
fn upserts_replace_deletes_remove_and_payload_and_version_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = SearchIndex::open(dir.path(), "test").unwrap();
        let mut w = index.writer(50_000_000).unwrap();
        let p = product("p1", &["old title"], 100);
        w.apply(&Op::UpsertProduct(p.clone())).unwrap();
        w.apply(&Op::UpsertProduct(product("p1", &["new title"], 100)))
            .unwrap();
        w.apply(&Op::UpsertProduct(product("p2", &["gone soon"], 100)))
            .unwrap();
        w.apply(&Op::Delete { id: "p2".into() }).unwrap();
        w.commit("position-7").unwrap();
        assert_eq!(index.all_ids(true).unwrap(), ["p1"]);
        assert_eq!(product_ids(&index, "new"), ["p1"]);
        assert!(product_ids(&index, "old").is_empty());
    }
    let (index, fresh) = SearchIndex::open(dir.path(), "test").unwrap();
    assert!(!fresh);
    assert_eq!(index.payload().unwrap().as_deref(), Some("position-7"));
    assert_eq!(index.num_docs(), 1);
    std::fs::write(dir.path().join("hostmatch-schema-version"), "0").unwrap();
    drop(index);
    let (index, fresh) = SearchIndex::open(dir.path(), "test").unwrap();
    assert!(fresh, "another schema version is rebuilt");
    assert_eq!(index.num_docs(), 0);
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
const LANGS: &[&str] = &["en", "es", "pt", "ar", "id", "ru", "zh"];
const MARKETS: &[&str] = &["US", "MX", "BR", "SA", "ID", "DE", "FR", "AE"];
const PLATFORMS: &[&str] = &["tiktok", "youtube", "instagram", "shopee"];
const CATS: &[(u64, u64)] = &[
    (473, 469),
    (2619, 469),
    (499676, 412),
    (4091, 412),
    (97, 5605),
];

#[test]
fn randomised_filters_match_a_brute_force_filter_exactly() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut hosts = Vec::new();
    for i in 0..400 {
        let (cat, top) = CATS[(rng.next() % CATS.len() as u64) as usize];
        let langs = rng.some(LANGS, 3);
        let markets = rng.some(MARKETS, 3);
        hosts.push(HostDoc {
            id: format!("h{i:04}"),
            text: vec![format!("host {i}")],
            languages: if langs.is_empty() {
                vec!["en".into()]
            } else {
                langs
            },
            conversational: Vec::new(),
            markets: if markets.is_empty() {
                vec!["US".into()]
            } else {
                markets
            },
            category_lineage: vec![top, cat],
            top_categories: vec![top],
            platforms: rng.some(PLATFORMS, 2),
            followers: rng.next() % 1_000_000,
            min_commission_pct: (rng.next() % 400) as f64 / 10.0,
            rating: None,
            collaborations: 0,
            created_ms: i,
        });
    }
    let ops: Vec<Op> = hosts.iter().cloned().map(Op::UpsertHost).collect();
    let (_d, index) = index_with(&ops);
    for round in 0..300 {
        let q = HostQuery {
            text: None,
            languages: rng.some(LANGS, 2),
            markets: rng.some(MARKETS, 2),
            categories: if rng.next().is_multiple_of(3) {
                vec![CATS[(rng.next() % 5) as usize].1]
            } else {
                vec![]
            },
            platforms: rng.some(PLATFORMS, 1),
            min_followers: rng.next().is_multiple_of(2).then(|| rng.next() % 500_000),
            max_followers: rng.next().is_multiple_of(3).then(|| rng.next() % 1_000_000),
            max_commission_pct: rng
                .next()
                .is_multiple_of(2)
                .then(|| (rng.next() % 400) as f64 / 10.0),
            sort: [HostSort::Relevance, HostSort::Followers, HostSort::Newest]
                [(rng.next() % 3) as usize],
            offset: 0,
            limit: 1000,
        };
        let any = |want: &[String], have: &[String]| {
            want.is_empty() || want.iter().any(|w| have.contains(w))
        };
        let expected: Vec<&HostDoc> = hosts
            .iter()
            .filter(|h| any(&q.languages, &h.languages) && any(&q.markets, &h.markets))
            .filter(|h| any(&q.platforms, &h.platforms))
            .filter(|h| {
                q.categories.is_empty()
                    || q.categories.iter().any(|c| h.category_lineage.contains(c))
            })
            .filter(|h| q.min_followers.is_none_or(|m| h.followers >= m))
            .filter(|h| q.max_followers.is_none_or(|m| h.followers <= m))
            .filter(|h| {
                q.max_commission_pct
                    .is_none_or(|m| h.min_commission_pct <= m)
            })
            .collect();
        let got = index.search_hosts(&q).unwrap();
        assert_eq!(got.total, expected.len(), "round {round}: {q:?}");
        let mut got_ids: Vec<_> = got.hits.iter().map(|h| h.id.clone()).collect();
        if q.sort == HostSort::Followers {
            let f: Vec<u64> = got
                .hits
                .iter()
                .map(|h| hosts.iter().find(|x| x.id == h.id).unwrap().followers)
                .collect();
            assert!(
                f.windows(2).all(|w| w[0] >= w[1]),
                "round {round}: sorted by followers"
            );
        }
        got_ids.sort();
        let mut want_ids: Vec<_> = expected.iter().map(|h| h.id.clone()).collect();
        want_ids.sort();
        assert_eq!(got_ids, want_ids, "round {round}");
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for h in &expected {
            for l in &h.languages {
                *counts.entry(l.clone()).or_default() += 1;
            }
        }
        let got_counts: BTreeMap<String, u64> = got
            .facets
            .iter()
            .find(|(n, _)| *n == "language")
            .unwrap()
            .1
            .iter()
            .map(|f| (f.value.clone(), f.count))
            .collect();
        assert_eq!(got_counts, counts, "round {round}: language facet");
    }
}

#[test]
fn product_filters_and_sorts() {
    let (_d, index) = index_with(&[
        Op::UpsertProduct(product("a", &["mirror"], 1000)),
        Op::UpsertProduct(product("b", &["mirror"], 200)),
        Op::UpsertProduct(product("c", &["mirror"], 4001)),
    ]);
    let q = ProductQuery {
        max_price_cents: Some(1000),
        sort: ProductSort::Price,
        limit: 10,
        ..Default::default()
    };
    let r = index.search_products(&q).unwrap();
    let ids: Vec<_> = r.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"]);
    let free = ProductQuery {
        free_samples: Some(true),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(index.search_products(&free).unwrap().total, 2);
    let none = ProductQuery {
        min_commission_pct: Some(15.1),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(index.search_products(&none).unwrap().total, 0);
    let market = &r.facets.iter().find(|(n, _)| *n == "market").unwrap().1;
    assert_eq!(market.len(), 2);
}
