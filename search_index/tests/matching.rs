//! Match ranking on its own: the candidates, the order and every part of every score
//! against a plain re-computation from the documents, and the effect of weights.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::Rng;
use search_index::{
    HostDoc, HostsForProduct, MatchResults, Op, ProductDoc, ProductsForHost, SearchIndex,
    Severity::{self, *},
    Weights, points,
};

/// A tiny language table: (market, language, share).
const SPEAKERS: &[(&str, &str, f32)] = &[
    ("US", "en", 0.96),
    ("US", "es", 0.1),
    ("MX", "es", 0.83),
    ("MX", "en", 0.13),
    ("BR", "pt", 0.91),
    ("SA", "ar", 1.0),
    ("ID", "id", 0.64),
    ("DE", "de", 0.9),
    ("DE", "en", 0.56),
];
const LANGS: &[&str] = &["en", "es", "pt", "ar", "id", "de", "ru"];
const MARKETS: &[&str] = &["US", "MX", "BR", "SA", "ID", "DE", "FR"];
/// Lineages root first: 469 > 2915 > 473 > 2619, 469 > 491, 412 > 499676.
const LINEAGES: &[&[u64]] = &[
    &[469, 2915, 473, 2619],
    &[469, 2915, 473],
    &[469, 2915],
    &[469, 491],
    &[412, 499676],
];

fn speakers() -> Vec<(String, String, f32)> {
    SPEAKERS
        .iter()
        .map(|(m, l, s)| (m.to_string(), l.to_string(), *s))
        .collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn host(id: &str, langs: &[&str], markets: &[&str], lineage: &[u64], followers: u64) -> HostDoc {
    HostDoc {
        id: id.into(),
        text: vec![format!("host {id}")],
        languages: strings(langs),
        conversational: Vec::new(),
        markets: strings(markets),
        category_lineage: lineage.to_vec(),
        top_categories: lineage.iter().take(1).copied().collect(),
        platforms: vec!["tiktok".into()],
        followers,
        min_commission_pct: 10.0,
        rating: Some(4.0),
        collaborations: 2,
        created_ms: 0,
    }
}

fn product(id: &str, markets: &[&str], lineage: &[u64], commission: f64) -> ProductDoc {
    ProductDoc {
        id: id.into(),
        supplier_id: "s1".into(),
        text: vec![format!("product {id}")],
        category_lineage: lineage.to_vec(),
        top_category: lineage[0],
        markets: strings(markets),
        price_cents: 1000,
        commission_pct: commission,
        free_samples: false,
        created_ms: 0,
        restrictions: Vec::new(),
    }
}

fn index_with(ops: &[Op]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = SearchIndex::open(dir.path(), "test").unwrap();
    let mut w = index.writer(50_000_000).unwrap();
    for op in ops {
        w.apply(op).unwrap();
    }
    w.commit("{}").unwrap();
    (dir, index)
}

fn for_product(p: &ProductDoc, weights: Weights) -> HostsForProduct {
    HostsForProduct {
        markets: p.markets.clone(),
        category_lineage: p.category_lineage.clone(),
        commission_pct: p.commission_pct,
        speakers: speakers(),
        restrictions: p.restrictions.clone(),
        weights,
        offset: 0,
        limit: 1000,
    }
}

fn ids(r: &MatchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

fn share(market: &str, lang: &str) -> f32 {
    SPEAKERS
        .iter()
        .find(|(m, l, _)| *m == market && *l == lang)
        .map_or(0.0, |s| s.2)
}

/// The fits of a pair, recomputed from the two documents with the formulas the API
/// documents.
fn expected_fits(p: &ProductDoc, h: &HostDoc) -> [f32; 6] {
    let n = p.markets.len() as f32;
    let language = p
        .markets
        .iter()
        .map(|m| {
            h.languages
                .iter()
                .map(|l| {
                    share(m, l)
                        * if h.conversational.contains(l) {
                            0.5
                        } else {
                            1.0
                        }
                })
                .fold(0.0, f32::max)
        })
        .sum::<f32>()
        / n;
    let market = p.markets.iter().filter(|m| h.markets.contains(m)).count() as f32 / n;
    let shared = p
        .category_lineage
        .iter()
        .filter(|c| h.category_lineage.contains(c))
        .count();
    let len = p.category_lineage.len();
    let category = match shared {
        0 => 0.0,
        s if s == len => 1.0,
        s => 0.6 * s as f32 / len as f32,
    };
    let audience = ((1.0 + h.followers as f64).log10() / 7.0).min(1.0) as f32;
    let c = h.collaborations as f64;
    let track = (0.5 * h.rating.unwrap_or(0.0) / 5.0 + 0.5 * c / (c + 5.0)) as f32;
    let price = if p.commission_pct >= h.min_commission_pct {
        1.0
    } else {
        (p.commission_pct / h.min_commission_pct) as f32
    };
    [language, market, category, audience, track, price]
}

fn is_candidate(p: &ProductDoc, h: &HostDoc) -> bool {
    let f = expected_fits(p, h);
    f[0] > 0.0 || f[1] > 0.0 || f[2] > 0.0
}

#[test]
fn a_host_who_fits_language_market_and_category_outranks_one_who_fits_less() {
    let p = product("p", &["MX"], LINEAGES[0], 15.0);
    let (_d, index) = index_with(&[
        Op::UpsertHost(host("all", &["es"], &["MX"], LINEAGES[0], 1_000)),
        Op::UpsertHost(host("ancestor", &["es"], &["MX"], LINEAGES[2], 1_000)),
        Op::UpsertHost(host("market-only", &["ru"], &["MX"], LINEAGES[4], 1_000)),
        Op::UpsertHost(host("none", &["ru"], &["FR"], LINEAGES[4], 5_000_000)),
    ]);
    let r = index
        .match_hosts(&for_product(&p, Weights::default()))
        .unwrap();
    assert_eq!(ids(&r), ["all", "ancestor", "market-only"]);
    assert_eq!(
        r.total, 3,
        "a host with no language, market or category is no match"
    );
    for h in &r.hits {
        assert_eq!(h.score, h.points.iter().sum::<u32>());
    }
    assert_eq!(r.hits[0].fits[2], 1.0);
    assert!(r.hits[1].fits[2] > 0.0 && r.hits[1].fits[2] < 1.0);
}

#[test]
fn weights_reorder_and_a_zero_weight_drops_a_part() {
    let p = product("p", &["SA"], LINEAGES[1], 15.0);
    let (_d, index) = index_with(&[
        Op::UpsertHost(host("speaks", &["ar"], &["FR"], LINEAGES[4], 100)),
        Op::UpsertHost(host("category", &["ru"], &["FR"], LINEAGES[1], 100)),
    ]);
    let language_first = Weights([5.0, 1.0, 1.0, 1.0, 1.0, 1.0]);
    let category_first = Weights([1.0, 1.0, 5.0, 1.0, 1.0, 1.0]);
    let r = index.match_hosts(&for_product(&p, language_first)).unwrap();
    assert_eq!(ids(&r), ["speaks", "category"]);
    let r = index.match_hosts(&for_product(&p, category_first)).unwrap();
    assert_eq!(ids(&r), ["category", "speaks"]);
    let only_language = Weights([1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    let r = index.match_hosts(&for_product(&p, only_language)).unwrap();
    assert_eq!(r.hits[0].score, 1000);
    assert_eq!(r.hits[1].score, 0);
}

#[test]
fn conversational_languages_count_half() {
    let p = product("p", &["BR"], LINEAGES[3], 15.0);
    let mut half = host("half", &["pt"], &["BR"], LINEAGES[3], 100);
    half.conversational = vec!["pt".into()];
    let (_d, index) = index_with(&[
        Op::UpsertHost(half),
        Op::UpsertHost(host("full", &["pt"], &["BR"], LINEAGES[3], 100)),
    ]);
    let r = index
        .match_hosts(&for_product(&p, Weights::default()))
        .unwrap();
    assert_eq!(ids(&r), ["full", "half"]);
    assert!((r.hits[0].fits[0] - 0.91).abs() < 1e-6);
    assert!((r.hits[1].fits[0] - 0.455).abs() < 1e-6);
}

#[test]
fn every_candidate_and_every_part_agree_with_a_recomputation() {
    let mut rng = Rng(0x5eed_cafe);
    let mut hosts = Vec::new();
    for i in 0..300 {
        let mut h = host(
            &format!("h{i:03}"),
            &[],
            &[],
            LINEAGES[(rng.next() % LINEAGES.len() as u64) as usize],
            rng.next() % 3_000_000,
        );
        h.languages = rng.some(LANGS, 3);
        h.conversational = h
            .languages
            .iter()
            .filter(|_| rng.next().is_multiple_of(3))
            .cloned()
            .collect();
        h.markets = rng.some(MARKETS, 3);
        h.min_commission_pct = (rng.next() % 30) as f64;
        h.rating = rng
            .next()
            .is_multiple_of(2)
            .then(|| (rng.next() % 50) as f64 / 10.0);
        h.collaborations = rng.next() % 40;
        hosts.push(h);
    }
    let ops: Vec<Op> = hosts.iter().cloned().map(Op::UpsertHost).collect();
    let (_d, index) = index_with(&ops);
    for trial in 0..40 {
        let mut markets = rng.some(MARKETS, 3);
        if markets.is_empty() {
            markets.push("US".into());
        }
        let lineage = LINEAGES[trial % LINEAGES.len()];
        let p = product("p", &[], lineage, (rng.next() % 25) as f64);
        let p = ProductDoc { markets, ..p };
        let weights = Weights([
            1.0 + (trial % 3) as f64,
            2.0,
            1.0,
            0.5,
            1.0,
            (trial % 2) as f64,
        ]);
        let shares = weights.shares();
        let all = index.match_hosts(&for_product(&p, weights)).unwrap();
        let expected: BTreeSet<&str> = hosts
            .iter()
            .filter(|h| is_candidate(&p, h))
            .map(|h| h.id.as_str())
            .collect();
        assert_eq!(all.total, expected.len(), "trial {trial}");
        assert_eq!(ids(&all).into_iter().collect::<BTreeSet<_>>(), expected);
        let by_id: HashMap<&str, &HostDoc> = hosts.iter().map(|h| (h.id.as_str(), h)).collect();
        for (i, hit) in all.hits.iter().enumerate() {
            let want = expected_fits(&p, by_id[hit.id.as_str()]);
            for (part, (got, want)) in hit.fits.iter().zip(want).enumerate() {
                assert!(
                    (got - want).abs() < 1e-5,
                    "trial {trial} {} part {part}",
                    hit.id
                );
            }
            let want = points(&hit.fits, &shares, 1.0);
            assert_eq!(
                (hit.score, hit.penalty, hit.points),
                (want.score, 0, want.parts)
            );
            if i > 0 {
                assert!(
                    all.hits[i - 1].score >= hit.score,
                    "trial {trial}: not ranked"
                );
            }
        }
        // A page is the same slice of the ranking.
        let page = index
            .match_hosts(&HostsForProduct {
                offset: 5,
                limit: 7,
                ..for_product(&p, weights)
            })
            .unwrap();
        let scores = |r: &MatchResults| r.hits.iter().map(|h| h.score).collect::<Vec<_>>();
        let slice: Vec<u32> = scores(&all).into_iter().skip(5).take(7).collect();
        assert_eq!(scores(&page), slice, "trial {trial}");
        assert_eq!(page.total, all.total);
    }
}

#[test]
fn products_are_ranked_for_a_host_with_the_same_parts() {
    let mut h = host("h", &["es", "en"], &["MX"], LINEAGES[1], 20_000);
    h.min_commission_pct = 12.0;
    let products = [
        product("fits", &["MX"], LINEAGES[1], 15.0),
        product("child", &["MX"], LINEAGES[0], 15.0),
        product("us", &["US"], LINEAGES[3], 6.0),
        product("elsewhere", &["BR"], LINEAGES[4], 30.0),
    ];
    let ops: Vec<Op> = products.iter().cloned().map(Op::UpsertProduct).collect();
    let (_d, index) = index_with(&ops);
    let weights = Weights::default();
    let r = index
        .recommend_products(&ProductsForHost {
            limit: 10,
            ..for_host(&h, weights)
        })
        .unwrap();
    assert_eq!(ids(&r), ["fits", "child", "us"]);
    assert_eq!(
        r.total, 3,
        "a product in a market none of the host's languages reach is none"
    );
    for hit in &r.hits {
        let p = products.iter().find(|p| p.id == hit.id).unwrap();
        let want = expected_fits(p, &h);
        for (got, want) in hit.fits.iter().zip(want) {
            assert!((got - want).abs() < 1e-5, "{}: {:?}", hit.id, hit.fits);
        }
        let want = points(&hit.fits, &weights.shares(), 1.0);
        assert_eq!((hit.score, hit.points), (want.score, want.parts));
    }
}

fn for_host(h: &HostDoc, weights: Weights) -> ProductsForHost {
    ProductsForHost {
        languages: h.languages.clone(),
        conversational: h.conversational.clone(),
        markets: h.markets.clone(),
        category_lineage: h.category_lineage.clone(),
        followers: h.followers,
        rating: h.rating,
        collaborations: h.collaborations,
        min_commission_pct: h.min_commission_pct,
        speakers: speakers(),
        weights,
        offset: 0,
        limit: 1000,
    }
}

fn restricted(p: ProductDoc, r: &[(&str, Severity)]) -> ProductDoc {
    let restrictions = r.iter().map(|(m, s)| (m.to_string(), *s)).collect();
    ProductDoc { restrictions, ..p }
}

#[test]
fn restrictions_remove_banned_pairs_and_lower_the_rest_both_ways() {
    let beer = restricted(
        product("beer", &["SA", "US"], &[412, 499676], 20.0),
        &[("SA", Prohibited), ("US", Restricted)],
    );
    let hosts = [
        host("sa-only", &["ar"], &["SA"], &[412], 10_000),
        host("sa-and-de", &["ar", "de"], &["SA", "DE"], &[412], 10_000),
        host("us", &["en"], &["US"], &[412], 10_000),
        host("de", &["de"], &["DE"], &[412], 10_000),
    ];
    let mut ops: Vec<Op> = hosts.iter().cloned().map(Op::UpsertHost).collect();
    ops.push(Op::UpsertProduct(beer.clone()));
    let (_dir, index) = index_with(&ops);
    let shares = Weights::default().shares();
    let r = index
        .match_hosts(&for_product(&beer, Weights::default()))
        .unwrap();
    assert_eq!(
        r.total, 3,
        "the host selling only where beer is banned is no match"
    );
    assert!(!ids(&r).contains(&"sa-only"));
    let by_id: HashMap<&str, &HostDoc> = hosts.iter().map(|h| (h.id.as_str(), h)).collect();
    for hit in &r.hits {
        let keep = match hit.id.as_str() {
            "sa-and-de" => 0.5,
            "us" => 0.8,
            _ => 1.0,
        };
        let want = points(&expected_fits(&beer, by_id[hit.id.as_str()]), &shares, keep);
        assert_eq!(
            (hit.score, hit.penalty),
            (want.score, want.penalty),
            "{}",
            hit.id
        );
        assert_eq!(hit.score + hit.penalty, hit.points.iter().sum::<u32>());
    }
    let everywhere = restricted(beer.clone(), &[("*", Prohibited)]);
    let none = index
        .match_hosts(&for_product(&everywhere, Weights::default()))
        .unwrap();
    assert_eq!(none.total, 0);

    for (h, present, keep) in [
        (&hosts[0], false, 0.0),
        (&hosts[1], true, 0.5),
        (&hosts[2], true, 0.8),
    ] {
        let r = index
            .recommend_products(&for_host(h, Weights::default()))
            .unwrap();
        assert_eq!(ids(&r).contains(&"beer"), present, "{}", h.id);
        if let Some(hit) = r.hits.iter().find(|x| x.id == "beer") {
            let want = points(&expected_fits(&beer, h), &shares, keep);
            assert_eq!(
                (hit.score, hit.penalty),
                (want.score, want.penalty),
                "{}",
                h.id
            );
        }
    }
}
