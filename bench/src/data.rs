//! The synthetic marketplace: deterministic from a seed, skewed the way real ones are (a
//! few big markets and categories, heavy-tailed follower counts), with bilingual product
//! text built from the taxonomy's English and Chinese names and real trade vocabulary.

use hostmatch::{
    domain::{
        product::ProductDraft,
        profile::{HostLanguage, HostProfileDraft, LanguageLevel, Platform},
    },
    reference::{speakers, taxonomy},
};

/// How big a marketplace is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Tier {
    pub name: &'static str,
    pub hosts: usize,
    pub products: usize,
}

#[rustfmt::skip]
pub const TIERS: [Tier; 3] = [
    Tier { name: "XS", hosts: 1_000, products: 10_000 },
    Tier { name: "S", hosts: 10_000, products: 100_000 },
    Tier { name: "M", hosts: 100_000, products: 1_000_000 },
];

/// Products per supplier.
pub const PRODUCTS_PER_SUPPLIER: usize = 50;

/// Markets with their rough share of cross-border live commerce, biggest first.
#[rustfmt::skip]
pub const MARKETS: &[(&str, f64)] = &[
    ("US", 20.0), ("ID", 14.0), ("MX", 9.0), ("BR", 9.0), ("TH", 7.0), ("VN", 7.0),
    ("PH", 6.0), ("MY", 5.0), ("GB", 4.0), ("SA", 4.0), ("AE", 3.0), ("DE", 3.0),
    ("FR", 2.0), ("ES", 2.0), ("TR", 2.0), ("CO", 1.5), ("JP", 1.5), ("KR", 1.0),
    ("AR", 1.0), ("CL", 1.0), ("PL", 1.0), ("IT", 1.0), ("EG", 0.8), ("NG", 0.6),
    ("PK", 0.6), ("SG", 0.6), ("CA", 0.6), ("AU", 0.6), ("PE", 0.5), ("RU", 0.5),
];

#[rustfmt::skip]
pub const PLATFORMS: &[&str] = &[
    "tiktok", "youtube", "instagram", "facebook", "shopee", "lazada",
];

/// Trade words sellers put in titles.
#[rustfmt::skip]
pub const EN_WORDS: &[&str] = &[
    "wireless", "portable", "rechargeable", "waterproof", "stainless", "steel", "cotton", "leather", "silicone", "bamboo",
    "organic", "vintage", "mini", "large", "smart", "led", "usb", "magnetic", "foldable", "adjustable",
    "lightweight", "durable", "premium", "handmade", "eco", "friendly", "kids", "women", "men", "baby",
    "pet", "travel", "home", "kitchen", "office", "outdoor", "summer", "winter", "set", "pack",
    "gift", "luxury", "classic", "modern", "soft", "warm", "cooling", "fast", "charging", "bluetooth",
    "noise", "cancelling", "ergonomic", "anti", "slip", "scratch", "resistant", "natural", "herbal", "vitamin",
    "serum", "matte", "glossy", "pink", "black", "white", "gold", "crystal", "ceramic", "glass",
    "wooden", "electric", "manual", "automatic", "digital",
];

#[rustfmt::skip]
pub const ZH_WORDS: &[&str] = &[
    "无线", "便携", "充电", "防水", "不锈钢", "纯棉", "真皮", "硅胶", "竹制", "有机",
    "复古", "迷你", "大号", "智能", "节能", "磁吸", "折叠", "可调节", "轻便", "耐用",
    "高端", "手工", "环保", "儿童", "女士", "男士", "婴儿", "宠物", "旅行", "家用",
    "厨房", "办公", "户外", "夏季", "冬季", "套装", "礼盒", "奢华", "经典", "时尚",
    "柔软", "保暖", "冰凉", "快充", "蓝牙", "降噪", "人体工学", "防滑", "耐磨", "天然",
    "草本", "维生素", "精华", "哑光", "粉色", "黑色", "白色", "金色", "水晶", "陶瓷",
    "玻璃", "实木", "电动", "手动", "自动", "数码", "新款", "爆款", "热销", "正品",
];

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Ana", "Lucía", "Maria", "Sofia", "Putri", "Siti", "Nguyen", "Linh", "Aisha", "Fatima",
    "Emma", "Olivia", "Mia", "Chloe", "Kim", "Yuki", "Ayşe", "Camila", "Valentina", "Grace",
    "John", "Carlos", "Budi", "Ahmed", "Omar", "Liam", "Noah", "Lucas", "Minh", "Arif",
];
#[rustfmt::skip]
const LAST: &[&str] = &[
    "Live", "Shop", "Deals", "Beauty", "Home", "Style", "Picks", "Finds", "TV", "Daily",
];

/// SplitMix64: tiny, fast and the same on every platform forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..1.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }

    /// A standard normal (Box-Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * self.unit()).cos()
    }
}

/// Sampling by weight: a few items get most picks.
pub struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    pub fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Self { cumulative }
    }

    /// Zipf-like: the item of rank r weighs 1 / (r + 1).
    pub fn zipf(n: usize) -> Self {
        Self::new((0..n).map(|r| 1.0 / (r as f64 + 1.0)))
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|c| *c <= x)
            .min(self.cumulative.len() - 1)
    }
}

/// Everything the generator draws from, built once.
pub struct Universe {
    /// Third-level categories (the ones products are listed in), in a seeded order so
    /// that Zipf makes a few of them big.
    pub categories: Vec<u32>,
    category_pick: Weighted,
    market_pick: Weighted,
    word_pick: Weighted,
}

impl Universe {
    pub fn new(seed: u64) -> Self {
        let t = taxonomy();
        let mut categories: Vec<u32> = t
            .all()
            .iter()
            .filter(|c| t.lineage(c.id).count() == 3)
            .map(|c| c.id)
            .collect();
        let mut rng = Rng::new(seed ^ 0xCA7E);
        for i in (1..categories.len()).rev() {
            categories.swap(i, rng.below(i + 1));
        }
        Self {
            category_pick: Weighted::zipf(categories.len()),
            categories,
            market_pick: Weighted::new(MARKETS.iter().map(|m| m.1)),
            word_pick: Weighted::zipf(EN_WORDS.len()),
        }
    }

    pub fn category(&self, rng: &mut Rng) -> u32 {
        self.categories[self.category_pick.sample(rng)]
    }

    pub fn market(&self, rng: &mut Rng) -> &'static str {
        MARKETS[self.market_pick.sample(rng)].0
    }

    /// 1 to `max` distinct markets.
    pub fn markets(&self, rng: &mut Rng, max: usize) -> Vec<String> {
        let n = 1 + rng.below(max);
        let mut out: Vec<String> = (0..n).map(|_| self.market(rng).to_owned()).collect();
        out.sort();
        out.dedup();
        out
    }

    /// A trade word index, skewed: "wireless" is common, "digital" rare.
    pub fn word(&self, rng: &mut Rng) -> usize {
        self.word_pick.sample(rng)
    }
}

/// The main language of a market, by CLDR.
pub fn main_language(market: &str) -> String {
    speakers::all()
        .iter()
        .filter(|s| s.market == market)
        .max_by(|a, b| a.share.total_cmp(&b.share))
        .map_or("en".to_owned(), |s| s.language.to_owned())
}

pub fn host(u: &Universe, rng: &mut Rng, i: usize) -> HostProfileDraft {
    let markets = u.markets(rng, 4);
    let mut langs: Vec<String> = markets.iter().map(|m| main_language(m)).collect();
    if rng.unit() < 0.5 {
        langs.push("en".into());
    }
    langs.sort();
    langs.dedup();
    langs.truncate(4);
    let languages = langs
        .into_iter()
        .map(|code| HostLanguage {
            level: match rng.below(3) {
                0 => LanguageLevel::Native,
                1 => LanguageLevel::Fluent,
                _ => LanguageLevel::Conversational,
            },
            code,
        })
        .collect();
    let mut categories: Vec<u32> = (0..1 + rng.below(3)).map(|_| u.category(rng)).collect();
    categories.sort();
    categories.dedup();
    let t = taxonomy();
    let main = t.get(categories[0]).expect("a category");
    // Heavy tail: median about 20k, a few in the millions.
    let followers = (20_000.0 * (1.6 * rng.normal()).exp()).min(5e7) as i64;
    let platforms = (0..1 + rng.below(2))
        .map(|k| Platform {
            name: PLATFORMS[(i + k) % PLATFORMS.len()].to_owned(),
            handle: format!("@host{i}_{k}"),
            followers: followers / (k as i64 + 1),
        })
        .collect();
    HostProfileDraft {
        display_name: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        headline: format!("{} live shows for {}", main.name, markets.join(", ")),
        bio: format!(
            "{} {} {}. {}{}",
            EN_WORDS[u.word(rng)],
            EN_WORDS[u.word(rng)],
            main.name.to_lowercase(),
            main.name_zh,
            ZH_WORDS[u.word(rng) % ZH_WORDS.len()],
        ),
        country: markets[0].clone(),
        languages,
        markets,
        categories,
        platforms,
        min_commission_pct: (5 + rng.below(21)) as f64,
        min_fee_cents: (rng.below(20) * 5_000) as i64,
    }
}

pub fn product(u: &Universe, rng: &mut Rng) -> ProductDraft {
    let category = u.category(rng);
    let c = taxonomy().get(category).expect("a category");
    let en: Vec<&str> = (0..3).map(|_| EN_WORDS[u.word(rng)]).collect();
    let zh: Vec<&str> = (0..3)
        .map(|_| ZH_WORDS[u.word(rng) % ZH_WORDS.len()])
        .collect();
    let desc: Vec<&str> = (0..10).map(|_| EN_WORDS[u.word(rng)]).collect();
    let desc_zh: Vec<&str> = (0..8)
        .map(|_| ZH_WORDS[u.word(rng) % ZH_WORDS.len()])
        .collect();
    // Log-uniform from 1 to 500 dollars.
    let price_cents = (100.0 * 500f64.powf(rng.unit())) as i64;
    ProductDraft {
        title: format!("{} {} {} {}", en[0], en[1], c.name.to_lowercase(), en[2]),
        title_zh: format!("{}{}{}{}", zh[0], zh[1], c.name_zh, zh[2]),
        description: desc.join(" "),
        description_zh: desc_zh.concat(),
        category,
        target_markets: u.markets(rng, 3),
        price_cents,
        commission_pct: (5 + rng.below(26)) as f64,
        moq: 1 + rng.below(500) as i32,
        free_samples: rng.unit() < 0.3,
        image_urls: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_marketplace() {
        let u = Universe::new(7);
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for i in 0..50 {
            assert_eq!(host(&u, &mut a, i).bio, host(&u, &mut b, i).bio);
            assert_eq!(product(&u, &mut a).title, product(&u, &mut b).title);
        }
    }

    #[test]
    fn markets_and_categories_are_skewed() {
        let u = Universe::new(1);
        let mut rng = Rng::new(1);
        let us = (0..10_000).filter(|_| u.market(&mut rng) == "US").count();
        assert!((1_500..2_600).contains(&us), "{us}");
        let top = u.categories[0];
        let hits = (0..10_000).filter(|_| u.category(&mut rng) == top).count();
        assert!(hits > 10_000 / u.categories.len() * 5, "{hits}");
    }
}
