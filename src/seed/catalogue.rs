//! Seeded suppliers and their products: company names in English and Chinese, valid
//! Unified Social Credit Codes, bilingual listings across the taxonomy, and the few
//! listings that compliance screening is meant to catch.

use rand::{Rng, rngs::StdRng, seq::IndexedRandom};

use super::{
    expand,
    goods::{self, BRANDS, City, INDUSTRIES, Industry, Kind, TRADING},
    pick,
};
use crate::{
    domain::{
        product::ProductDraft,
        profile::SupplierProfileDraft,
        uscc::{Uscc, with_check_char},
    },
    reference::taxonomy,
};

/// The characters a Unified Social Credit Code is written in (GB 32100-2015).
const CODE_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Where seeded products are sold, by how often: a country or a region.
const MARKET_GROUPS: &[(&str, u32)] = &[
    ("US", 10),
    ("GB", 4),
    ("SEA", 8),
    ("LATAM", 6),
    ("EU", 5),
    ("GCC", 3),
    ("MX", 4),
    ("BR", 4),
    ("ID", 5),
    ("TH", 4),
    ("VN", 4),
    ("PH", 4),
    ("MY", 3),
    ("JP", 2),
    ("KR", 2),
    ("TR", 2),
    ("NG", 1),
    ("ANZ", 2),
    ("CA", 2),
];

/// A seeded supplier: what it makes (`None`: a trading company, everything), its brand,
/// city and profile.
pub struct SupplierSeed {
    pub industry: Option<&'static Industry>,
    pub brand: (&'static str, &'static str),
    pub city: &'static City,
    pub draft: SupplierProfileDraft,
}

/// A supplier in `industry` (or a trading company), numbered `n` among the seeded ones.
pub fn supplier(
    rng: &mut StdRng,
    n: usize,
    industry: Option<&'static Industry>,
    brand: Option<(&'static str, &'static str)>,
) -> SupplierSeed {
    let brand = brand.unwrap_or_else(|| *pick(rng, BRANDS));
    let city = match industry {
        Some(i) => goods::city(pick::<&str>(rng, i.cities)),
        None => goods::city("深圳"),
    };
    let (trade_en, trade_zh) = industry.map_or(TRADING, |i| (i.en, i.zh));
    let since = rng.random_range(1998..=2021);
    let staff = *pick(rng, &[12, 30, 45, 80, 120, 260, 500, 1200]);
    let categories = match industry {
        Some(i) => sorted(i.kinds.iter().map(|k| k.category)),
        None => sorted(
            INDUSTRIES
                .iter()
                .flat_map(|i| i.kinds)
                .filter_map(|k| taxonomy().top_level(k.category)),
        ),
    };
    let groups = rng.random_range(2..=4);
    let draft = SupplierProfileDraft {
        company_name: format!("{} {} {trade_en} Co., Ltd.", city.en, brand.0),
        company_name_zh: format!("{}市{}{trade_zh}有限公司", city.zh, brand.1),
        license_number: licence(rng, city),
        province: city.province_zh.to_owned(),
        city: city.zh.to_owned(),
        website: format!(
            "https://{}-{n}.demo.hostmatch.test/",
            brand
                .0
                .to_ascii_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), "")
        ),
        description: format!(
            "{trade_en} company in {}, {}, since {since}: {staff} staff, OEM and ODM orders \
             welcome, samples for live-stream hosts.",
            city.en, city.province_en
        ),
        description_zh: format!(
            "{since}年成立于{}{}的{trade_zh}企业，员工{staff}人，承接OEM/ODM订单，可为主播提供样品。",
            city.province_zh, city.zh
        ),
        categories,
        target_markets: markets(rng, groups),
    };
    SupplierSeed {
        industry,
        brand,
        city,
        draft,
    }
}

fn sorted(ids: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut v: Vec<u32> = ids.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// A valid code: a company (`91`) registered in `city`, a random organisation code, and
/// the check character.
fn licence(rng: &mut StdRng, city: &City) -> Uscc {
    let org: String = (0..9).map(|_| char::from(*pick(rng, CODE_CHARS))).collect();
    let code = with_check_char(&format!("91{}{org}", city.division));
    Uscc::parse(&code).expect("a code completed with its check character parses")
}

/// Up to `n` distinct market groups, expanded to countries.
fn markets(rng: &mut StdRng, n: usize) -> Vec<String> {
    let mut chosen: Vec<&str> = Vec::new();
    while chosen.len() < n {
        let (g, _) = MARKET_GROUPS
            .choose_weighted(rng, |(_, w)| *w)
            .expect("weights");
        if !chosen.contains(g) {
            chosen.push(g);
        }
    }
    expand(&chosen)
}

/// The `n`th seeded product (it names the images), listed by `s`.
pub fn product(rng: &mut StdRng, s: &SupplierSeed, n: usize) -> ProductDraft {
    let industry = s.industry.unwrap_or_else(|| pick(rng, INDUSTRIES));
    let kind: &Kind = pick(rng, industry.kinds);
    let (f1, f2) = two(rng, kind.features);
    let variant = rng.random_bool(0.7).then(|| *pick(rng, industry.variants));
    let branded = rng.random_bool(0.4);
    let sep = if f1.0.starts_with("with ") || f1.0.starts_with("for ") {
        " "
    } else {
        ", "
    };
    let mut title = format!("{}{sep}{}", kind.en, f1.0);
    // "附遥控" (with a remote) follows the noun; other features precede it.
    let mut title_zh = if f1.1.starts_with(['附', '带']) {
        format!("{}{}", kind.zh, f1.1)
    } else {
        format!("{}{}", f1.1, kind.zh)
    };
    if branded {
        title = format!("{} {title}", s.brand.0);
        title_zh = format!("{} {title_zh}", s.brand.1);
    }
    if let Some((en, zh)) = variant {
        title = format!("{title} ({en})");
        title_zh = format!("{title_zh}（{zh}）");
    }
    let moq = *pick(rng, &[1, 10, 20, 50, 100, 200, 500]);
    let days = rng.random_range(2..=15);
    let free_samples = rng.random_bool(0.6);
    let (samples, samples_zh) = if free_samples {
        ("Free samples for hosts.", "主播可免费申请样品。")
    } else {
        ("Samples on request.", "样品可付费申请。")
    };
    let (c, brand) = (s.city, s.brand);
    let groups = rng.random_range(1..=3);
    ProductDraft {
        description: format!(
            "{} by {}, made in {}, {}. Features: {}; {}. MOQ {moq} pieces; ships within {days} \
             days. {samples}",
            kind.en, brand.0, c.en, c.province_en, f1.0, f2.0
        ),
        description_zh: format!(
            "{}出品，产地{}{}。特点：{}，{}。起订量{moq}件，{days}天内发货。{samples_zh}",
            brand.1, c.province_zh, c.zh, f1.1, f2.1
        ),
        title,
        title_zh,
        category: kind.category,
        target_markets: markets(rng, groups),
        price_cents: rng.random_range(kind.dollars.0..=kind.dollars.1) * 100 - 1,
        commission_pct: f64::from(rng.random_range(16..=70)) / 2.0,
        moq,
        free_samples,
        image_urls: (1..=rng.random_range(1..=3))
            .map(|i| format!("https://img.demo.hostmatch.test/products/{n:05}-{i}.jpg"))
            .collect(),
    }
}

fn two<T: Copy>(rng: &mut StdRng, xs: &[T]) -> (T, T) {
    let picked: Vec<T> = xs.choose_multiple(rng, 2).copied().collect();
    (picked[0], picked[1])
}

/// What a flagged listing is meant to show an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Alcohol offered to the Gulf: prohibited in Saudi Arabia, restricted in the UAE.
    WineToTheGulf,
    /// A medical claim ("cures acne overnight", 根治).
    MedicalClaim,
    /// A replica of a brand: prohibited everywhere.
    Replica,
    /// E-cigarettes, banned in Thailand.
    Vape,
    /// Weight-loss promises.
    SlimmingClaim,
    /// Pork, prohibited across the Gulf.
    PorkToTheGulf,
}

/// A listing screening is meant to catch.
pub struct Listing {
    pub flag: Flag,
    title: &'static str,
    title_zh: &'static str,
    description: &'static str,
    description_zh: &'static str,
    category: u32,
    markets: &'static [&'static str],
    dollars: i64,
}

#[rustfmt::skip]
pub const FLAGGED: [Listing; 6] = [
    Listing {
        flag: Flag::WineToTheGulf,
        title: "Red Wine Gift Set with Two Crystal Glasses",
        title_zh: "红酒礼盒套装（附两只水晶杯）",
        description: "Ningxia Cabernet Sauvignon, 750 ml, in a lacquered gift box for festive gifting across the Gulf and the US.",
        description_zh: "宁夏赤霞珠干红葡萄酒750毫升，漆面礼盒包装，适合海湾地区及美国节日送礼。",
        category: 421, markets: &["SA", "AE", "QA", "US"], dollars: 40,
    },
    Listing {
        flag: Flag::MedicalClaim,
        title: "Tea Tree Acne Cream, Cures Acne Overnight",
        title_zh: "茶树祛痘膏 一夜根治痘痘",
        description: "Instant results on every skin type, with no side effects.",
        description_zh: "立竿见影，无副作用，适合所有肤质。",
        category: 567, markets: &["SEA", "US"], dollars: 9,
    },
    Listing {
        flag: Flag::Replica,
        title: "Luxury Replica Watch, Automatic Movement",
        title_zh: "高仿名表 自动机械机芯",
        description: "AAA quality: looks exactly like the original brand, down to the engraving.",
        description_zh: "顶级复刻，与正品一模一样。",
        category: 201, markets: &["US", "GB", "EU"], dollars: 60,
    },
    Listing {
        flag: Flag::Vape,
        title: "Disposable Vape Pen, 6000 Puffs",
        title_zh: "一次性电子烟 6000口",
        description: "Mango ice flavour, rechargeable, 2% nicotine.",
        description_zh: "芒果冰口味，可充电，尼古丁含量2%。",
        category: 4091, markets: &["TH", "MY", "GB"], dollars: 6,
    },
    Listing {
        flag: Flag::SlimmingClaim,
        title: "Detox Slimming Tea, Lose Weight Fast",
        title_zh: "排毒瘦身茶 躺瘦不反弹",
        description: "A 28-day pack with guaranteed weight loss.",
        description_zh: "28天装，暴瘦不反弹。",
        category: 2073, markets: &["US", "PH", "MY"], dollars: 12,
    },
    Listing {
        flag: Flag::PorkToTheGulf,
        title: "Honey Pork Jerky, Singapore Style",
        title_zh: "蜜汁猪肉脯",
        description: "Thin-sliced pork, slow-roasted, 200 g pouch.",
        description_zh: "精选猪肉薄切慢烤，200克袋装。",
        category: 423, markets: &["AE", "SA", "MY", "SG"], dollars: 7,
    },
];

/// The listing for `flag`, the `n`th seeded product.
pub fn flagged(flag: Flag, n: usize) -> ProductDraft {
    let l = FLAGGED
        .iter()
        .find(|l| l.flag == flag)
        .expect("every flag has a listing");
    ProductDraft {
        title: l.title.to_owned(),
        title_zh: l.title_zh.to_owned(),
        description: l.description.to_owned(),
        description_zh: l.description_zh.to_owned(),
        category: l.category,
        target_markets: expand(l.markets),
        price_cents: l.dollars * 100 - 1,
        commission_pct: 20.0,
        moq: 50,
        free_samples: false,
        image_urls: vec![format!(
            "https://img.demo.hostmatch.test/products/{n:05}-1.jpg"
        )],
    }
}
