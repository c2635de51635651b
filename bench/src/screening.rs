//! Screening speed: how long one product takes to screen against the full rulebook (every
//! shipped market rule and term), for the products the tiers generate and for products
//! holding the most text a product may (200-character titles, 10,000-character
//! descriptions in both languages, with terms scattered through them).

use std::time::{Duration, Instant};

use hostmatch::{
    domain::{fields::MAX_LONG_TEXT, product::ProductDraft},
    services::{rulebook::Rulebook, screening},
};

use crate::{
    data::{Rng, Universe, product},
    measure::Stats,
};

#[derive(Debug, Clone, serde::Serialize)]
pub struct ScreeningReport {
    pub rules: usize,
    pub terms: usize,
    /// Compiling the rulebook (done at start and after each admin change).
    pub build_ms: f64,
    /// Generated products, one thread.
    pub typical: Stats,
    pub typical_findings: f64,
    /// Products at the size limits, one thread.
    pub largest: Stats,
    pub largest_findings: f64,
    pub largest_chars: usize,
}

/// Text of about `chars` characters from `words`, with `terms` spliced in now and then.
fn filler(rng: &mut Rng, words: &[&str], terms: &[&str], chars: usize, sep: &str) -> String {
    let mut out = String::new();
    while out.chars().count() + 40 < chars {
        let pick = if rng.below(40) == 0 {
            terms[rng.below(terms.len())]
        } else {
            words[rng.below(words.len())]
        };
        out.push_str(pick);
        out.push_str(sep);
    }
    out
}

fn largest(rng: &mut Rng, base: &ProductDraft) -> ProductDraft {
    const EN: &[&str] = &[
        "wireless",
        "portable",
        "stainless",
        "kitchen",
        "organizer",
        "premium",
        "gift",
        "outdoor",
        "rechargeable",
        "waterproof",
        "lightweight",
        "replicate",
        "cancerous",
    ];
    const EN_TERMS: &[&str] = &["replica", "cures cancer", "no side effects", "1:1 copy"];
    const ZH: &[&str] = &[
        "无线",
        "便携",
        "不锈钢",
        "厨房",
        "收纳",
        "礼品",
        "户外",
        "高仿真花",
        "红酒杯",
    ];
    const ZH_TERMS: &[&str] = &["高仿", "包治百病", "A货", "全网第一"];
    ProductDraft {
        title: filler(rng, EN, EN_TERMS, 200, " "),
        title_zh: filler(rng, ZH, ZH_TERMS, 200, ""),
        description: filler(rng, EN, EN_TERMS, MAX_LONG_TEXT, " "),
        description_zh: filler(rng, ZH, ZH_TERMS, MAX_LONG_TEXT, "，"),
        ..base.clone()
    }
}

fn time(book: &Rulebook, drafts: &[ProductDraft]) -> (Stats, f64) {
    let mut latencies = Vec::with_capacity(drafts.len());
    let mut findings = 0usize;
    let start = Instant::now();
    for d in drafts {
        let t = Instant::now();
        let s = screening::screen_product(book, d);
        latencies.push(t.elapsed());
        findings += s.compliance.len();
    }
    let mean = findings as f64 / drafts.len().max(1) as f64;
    (Stats::of(latencies, start.elapsed()), mean)
}

/// Screens `docs` generated products and `docs / 10` (at least 10) of the largest.
pub fn measure(seed: u64, docs: usize) -> ScreeningReport {
    let start = Instant::now();
    let book = Rulebook::new(0, Vec::new(), Vec::new());
    let build: Duration = start.elapsed();
    let u = Universe::new(seed);
    let mut rng = Rng::new(seed);
    let typical: Vec<ProductDraft> = (0..docs).map(|_| product(&u, &mut rng)).collect();
    let big: Vec<ProductDraft> = typical
        .iter()
        .take((docs / 10).max(10))
        .map(|d| largest(&mut rng, d))
        .collect();
    // Warm up: jieba's dictionary and the allocator.
    time(&book, &typical[..typical.len().min(50)]);
    let (typical_stats, typical_findings) = time(&book, &typical);
    let (largest_stats, largest_findings) = time(&book, &big);
    ScreeningReport {
        rules: book.rules.len(),
        terms: book.terms.len(),
        build_ms: build.as_secs_f64() * 1e3,
        typical: typical_stats,
        typical_findings,
        largest: largest_stats,
        largest_findings,
        largest_chars: big.first().map_or(0, |d| {
            [&d.title, &d.title_zh, &d.description, &d.description_zh]
                .iter()
                .map(|t| t.chars().count())
                .sum()
        }),
    }
}

impl ScreeningReport {
    pub fn markdown(&self) -> String {
        let us = |ms: f64| format!("{:.0} µs", ms * 1e3);
        format!(
            "### Screening ({} rules, {} terms; rulebook built in {:.0} ms)\n\n\
             | products | p50 | p99 | per second (1 thread) | findings per product |\n\
             | --- | --- | --- | --- | --- |\n\
             | generated (tier data), {} | {} | {} | {:.0} | {:.2} |\n\
             | largest allowed ({} characters), {} | {} | {} | {:.0} | {:.1} |\n",
            self.rules,
            self.terms,
            self.build_ms,
            self.typical.queries,
            us(self.typical.p50_ms),
            us(self.typical.p99_ms),
            self.typical.qps,
            self.typical_findings,
            self.largest_chars,
            self.largest.queries,
            us(self.largest.p50_ms),
            us(self.largest.p99_ms),
            self.largest.qps,
            self.largest_findings,
        )
    }
}
