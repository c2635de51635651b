//! A first speed figure for the search index alone: builds an index of synthetic hosts and
//! products and times query families with rotating parameters. The full benchmark (through
//! the service, against PostgreSQL) is `hostmatch bench`; this measures the index floor.
//!
//! `cargo run --release -p search_index --example first_figure -- HOSTS PRODUCTS`

use std::time::Instant;

use search_index::{HostDoc, HostQuery, HostSort, Op, ProductDoc, ProductQuery, SearchIndex};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// Skewed: low indexes far more often (a few big markets and categories).
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.next() % n as u64;
        let b = self.next() % n as u64;
        a.min(b) as usize
    }
    fn pick<'a>(&mut self, from: &'a [&'a str]) -> &'a str {
        from[self.skewed(from.len())]
    }
}

const LANGS: &[&str] = &[
    "en", "es", "pt", "ar", "id", "ru", "fr", "de", "th", "vi", "ms", "tr",
];
const MARKETS: &[&str] = &[
    "US", "MX", "BR", "ID", "SA", "AE", "GB", "DE", "FR", "ES", "TH", "VN", "MY", "PH", "TR", "RU",
    "CO", "AR", "CL", "PL",
];
const CATS: &[(u64, u64)] = &[
    (473, 469),
    (2619, 469),
    (567, 469),
    (477, 469),
    (1604, 166),
    (212, 166),
    (499676, 412),
    (422, 412),
    (222, 222),
    (2082, 222),
    (536, 536),
    (1239, 1239),
    (5181, 1239),
    (988, 988),
    (783, 783),
];
const EN: &[&str] = &[
    "wireless", "earbuds", "led", "mirror", "makeup", "phone", "case", "charger", "dress",
    "summer", "cotton", "kitchen", "knife", "lamp", "yoga", "mat", "bottle", "steel", "baby",
    "toy", "pet", "bag", "leather", "watch", "smart", "portable", "mini", "fan", "hair", "dryer",
    "skin", "serum", "cream", "shoes", "running", "sports", "camera", "tripod", "light", "ring",
];
const ZH: &[&str] = &[
    "无线",
    "蓝牙",
    "耳机",
    "化妆镜",
    "手机壳",
    "充电器",
    "连衣裙",
    "夏季",
    "纯棉",
    "厨房",
    "刀具",
    "台灯",
    "瑜伽垫",
    "保温杯",
    "不锈钢",
    "婴儿",
    "玩具",
    "宠物",
    "包包",
    "真皮",
    "手表",
    "智能",
    "便携",
    "迷你",
    "风扇",
    "吹风机",
    "护肤",
    "精华",
    "面霜",
    "跑步鞋",
    "运动",
    "相机",
    "三脚架",
    "补光灯",
    "直播",
    "带货",
    "跨境",
    "爆款",
    "工厂",
    "批发",
];
const PLATFORMS: &[&str] = &[
    "tiktok",
    "youtube",
    "instagram",
    "facebook",
    "shopee",
    "lazada",
];

fn words(rng: &mut Rng, from: &[&str], n: usize, sep: &str) -> String {
    (0..n).map(|_| rng.pick(from)).collect::<Vec<_>>().join(sep)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn time(name: &str, runs: usize, mut f: impl FnMut(usize) -> usize) {
    let mut ms = Vec::with_capacity(runs);
    let mut total = 0;
    let start = Instant::now();
    for i in 0..runs {
        let t = Instant::now();
        total += f(i);
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let qps = runs as f64 / start.elapsed().as_secs_f64();
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "| {name} | {:.2} | {:.2} | {:.0} | {} |",
        percentile(&ms, 0.5),
        percentile(&ms, 0.99),
        qps,
        total / runs
    );
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let hosts = args.first().copied().unwrap_or(100_000);
    let products = args.get(1).copied().unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = SearchIndex::open(dir.path(), "bench").unwrap();
    let mut w = index.writer(1_000_000_000).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let start = Instant::now();
    for i in 0..hosts {
        let (cat, top) = CATS[rng.skewed(CATS.len())];
        let doc = HostDoc {
            id: format!("h{i}"),
            text: vec![
                format!("Host {i}"),
                words(&mut rng, EN, 6, " "),
                words(&mut rng, ZH, 5, ""),
            ],
            languages: (0..1 + rng.next() % 3)
                .map(|_| rng.pick(LANGS).to_string())
                .collect(),
            conversational: Vec::new(),
            markets: (0..1 + rng.next() % 4)
                .map(|_| rng.pick(MARKETS).to_string())
                .collect(),
            category_lineage: vec![top, cat],
            top_categories: vec![top],
            platforms: (0..1 + rng.next() % 2)
                .map(|_| rng.pick(PLATFORMS).to_string())
                .collect(),
            followers: 1000 * (1 + rng.next() % 1000).pow(2) / 1000,
            min_commission_pct: (rng.next() % 300) as f64 / 10.0,
            rating: Some((rng.next() % 50) as f64 / 10.0),
            collaborations: 0,
            created_ms: i as i64,
        };
        w.apply(&Op::UpsertHost(doc)).unwrap();
    }
    for i in 0..products {
        let (cat, top) = CATS[rng.skewed(CATS.len())];
        let doc = ProductDoc {
            id: format!("p{i}"),
            supplier_id: format!("s{}", rng.next() % 20_000),
            text: vec![
                words(&mut rng, EN, 6, " "),
                words(&mut rng, ZH, 5, ""),
                words(&mut rng, EN, 20, " "),
                words(&mut rng, ZH, 15, ""),
            ],
            category_lineage: vec![top, cat],
            top_category: top,
            markets: (0..1 + rng.next() % 5)
                .map(|_| rng.pick(MARKETS).to_string())
                .collect(),
            price_cents: 100 + rng.next() % 20_000,
            commission_pct: (rng.next() % 400) as f64 / 10.0,
            free_samples: rng.next().is_multiple_of(3),
            created_ms: i as i64,
            restrictions: Vec::new(),
        };
        w.apply(&Op::UpsertProduct(doc)).unwrap();
    }
    w.commit("bench").unwrap();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "indexed {hosts} hosts and {products} products in {secs:.1} s ({:.0} docs/s), {} MB on disk",
        (hosts + products) as f64 / secs,
        index.size_on_disk() / 1_000_000
    );
    println!(
        "\n| family | p50 ms | p99 ms | qps (1 client) | mean total |\n| --- | --- | --- | --- | --- |"
    );
    let mut q = Rng(42);
    time("host filter + 4 facets", 300, |_| {
        let r = index
            .search_hosts(&HostQuery {
                languages: vec![q.pick(LANGS).into()],
                markets: vec![q.pick(MARKETS).into()],
                min_followers: Some(q.next() % 50_000),
                sort: HostSort::Followers,
                limit: 20,
                ..Default::default()
            })
            .unwrap();
        r.total
    });
    time("host text + filters", 300, |_| {
        let r = index
            .search_hosts(&HostQuery {
                text: Some(format!("{} {}", q.pick(EN), q.pick(ZH))),
                markets: vec![q.pick(MARKETS).into()],
                limit: 20,
                ..Default::default()
            })
            .unwrap();
        r.total
    });
    time("product text (English) + filters", 300, |_| {
        let r = index
            .search_products(&ProductQuery {
                text: Some(format!("{} {}", q.pick(EN), q.pick(EN))),
                markets: vec![q.pick(MARKETS).into()],
                max_price_cents: Some(5000 + q.next() % 10_000),
                limit: 20,
                ..Default::default()
            })
            .unwrap();
        r.total
    });
    time("product text (Chinese)", 300, |_| {
        let r = index
            .search_products(&ProductQuery {
                text: Some(q.pick(ZH).to_string()),
                limit: 20,
                ..Default::default()
            })
            .unwrap();
        r.total
    });
    time("product filter + 2 facets", 300, |_| {
        let r = index
            .search_products(&ProductQuery {
                categories: vec![CATS[q.skewed(CATS.len())].1],
                markets: vec![q.pick(MARKETS).into()],
                min_commission_pct: Some((q.next() % 200) as f64 / 10.0),
                limit: 20,
                ..Default::default()
            })
            .unwrap();
        r.total
    });
}
