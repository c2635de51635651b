//! Seeded hosts: where they live and stream, their names, languages and platforms, and the
//! host profile draft built from them.

use rand::{
    Rng,
    rngs::StdRng,
    seq::{IndexedRandom, SliceRandom},
};

use super::{
    expand, pick,
    voices::{self, NICHE_CATEGORIES, Voice},
};
use crate::domain::profile::{HostLanguage, HostProfileDraft, LanguageLevel, Platform};

/// A country hosts stream from, and what hosts there are like. Names are `Display|roman`;
/// without `|roman` the handle is the display name folded to ASCII.
pub struct Culture {
    pub country: &'static str,
    /// The country as the voice names it in a sentence.
    pub place: &'static str,
    pub voice: &'static Voice,
    pub native: &'static [&'static str],
    /// Other languages some hosts speak, with the share that does.
    pub extra: &'static [(&'static str, f64)],
    pub markets: &'static [&'static str],
    /// Markets some hosts also sell to.
    pub nearby: &'static [&'static str],
    /// Most used first.
    pub platforms: &'static [&'static str],
    pub first: &'static [&'static str],
    pub last: &'static [&'static str],
    /// Family name first, joined by this (East Asian and Vietnamese order).
    pub family_first: Option<&'static str>,
    /// How many hosts come from here, relatively.
    pub weight: u32,
}

macro_rules! culture {
    ($c:literal, $place:literal, $voice:expr, native $n:expr, extra $e:expr, markets $m:expr,
     nearby $near:expr, platforms $p:expr, first $f:expr, last $l:expr, $fam:expr, $w:literal) => {
        Culture {
            country: $c,
            place: $place,
            voice: &$voice,
            native: &$n,
            extra: &$e,
            markets: &$m,
            nearby: &$near,
            platforms: &$p,
            first: &$f,
            last: &$l,
            family_first: $fam,
            weight: $w,
        }
    };
}

use voices::{AR, DE, EN, ES, FR, ID, JA, KO, MS, PT, RU, TH, TR, VI};

#[rustfmt::skip]
pub const CULTURES: &[Culture] = &[
    culture!("MX", "México", ES, native ["es"], extra [("en", 0.4)], markets ["MX"], nearby ["US"],
        platforms ["tiktok", "instagram", "facebook", "youtube", "kwai"],
        first ["Lucía", "Sofía", "Valeria", "Camila", "Diego", "Alejandro", "Mariana", "Fernando"],
        last ["Hernández", "García", "Martínez", "López", "Ramírez", "Torres", "Flores", "Castillo"], None, 8),
    culture!("ES", "España", ES, native ["es"], extra [("en", 0.5), ("fr", 0.1)], markets ["ES"], nearby ["PT"],
        platforms ["tiktok", "instagram", "youtube", "twitch"],
        first ["Carmen", "Laura", "Pablo", "Javier", "Marta", "Alba", "Sergio", "Nerea"],
        last ["Fernández", "Sánchez", "Romero", "Navarro", "Gil", "Ortega", "Molina", "Serrano"], None, 4),
    culture!("AR", "Argentina", ES, native ["es"], extra [("en", 0.3)], markets ["AR"], nearby ["UY", "CL"],
        platforms ["instagram", "tiktok", "youtube", "facebook"],
        first ["Martina", "Florencia", "Agustina", "Joaquín", "Santiago", "Lucas", "Milagros", "Tomás"],
        last ["González", "Rodríguez", "Pereyra", "Gómez", "Acosta", "Benítez", "Sosa", "Medina"], None, 3),
    culture!("CO", "Colombia", ES, native ["es"], extra [("en", 0.3)], markets ["CO"], nearby ["PE", "EC"],
        platforms ["tiktok", "instagram", "facebook", "youtube"],
        first ["Daniela", "Juliana", "Natalia", "Andrés", "Camilo", "Sebastián", "Valentina", "Felipe"],
        last ["Rojas", "Vargas", "Moreno", "Jiménez", "Castro", "Ospina", "Restrepo", "Cárdenas"], None, 3),
    culture!("BR", "o Brasil", PT, native ["pt"], extra [("es", 0.2), ("en", 0.3)], markets ["BR"], nearby ["PT"],
        platforms ["kwai", "tiktok", "instagram", "shopee", "youtube"],
        first ["Ana", "Beatriz", "Larissa", "Gabriela", "Rafael", "Thiago", "Juliana", "Bruno"],
        last ["Souza", "Oliveira", "Santos", "Lima", "Costa", "Pereira", "Almeida", "Ribeiro"], None, 8),
    culture!("ID", "Indonesia", ID, native ["id"], extra [("en", 0.4), ("ms", 0.1)], markets ["ID"], nearby ["MY"],
        platforms ["tiktok", "shopee", "tokopedia", "instagram", "lazada"],
        first ["Siti", "Putri", "Dewi", "Ayu", "Rizky", "Andi", "Nabila", "Bagus"],
        last ["Rahmawati", "Lestari", "Wijaya", "Saputra", "Pratama", "Kusuma", "Hidayat", "Permata"], None, 10),
    culture!("TH", "ประเทศไทย", TH, native ["th"], extra [("en", 0.3)], markets ["TH"], nearby ["LA"],
        platforms ["tiktok", "lazada", "shopee", "facebook", "youtube"],
        first ["ปรียา|preeya", "ณัฐชา|natcha", "กมลชนก|kamonchanok", "ธนพล|thanaphon", "พิมพ์ชนก|pimchanok", "อนุชา|anucha", "ศิริพร|siriporn", "วรากร|warakorn"],
        last ["ศรีสุข|srisuk", "วงศ์ใหญ่|wongyai", "แก้วมณี|kaewmanee", "สุขสวัสดิ์|suksawat", "บุญมา|boonma", "ทองดี|thongdee", "จันทร์เพ็ญ|chanpen", "รัตนพันธ์|rattanaphan"], None, 7),
    culture!("VN", "Việt Nam", VI, native ["vi"], extra [("en", 0.35)], markets ["VN"], nearby ["KH"],
        platforms ["tiktok", "shopee", "facebook", "youtube"],
        first ["Thu Trang|thutrang", "Minh Anh|minhanh", "Ngọc Hân|ngochan", "Quốc Bảo|quocbao", "Thanh Hằng|thanhhang", "Đức Huy|duchuy", "Phương Linh|phuonglinh", "Hải Yến|haiyen"],
        last ["Nguyễn|nguyen", "Trần|tran", "Lê|le", "Phạm|pham", "Hoàng|hoang", "Võ|vo", "Đặng|dang", "Bùi|bui"], Some(" "), 7),
    culture!("AE", "الإمارات", AR, native ["ar"], extra [("en", 0.8), ("hi", 0.1)], markets ["AE"], nearby ["SA", "QA", "KW"],
        platforms ["instagram", "tiktok", "snapchat", "youtube"],
        first ["مريم|mariam", "فاطمة|fatima", "نورة|noura", "شما|shamma", "أحمد|ahmed", "خالد|khalid", "سلطان|sultan", "هند|hind"],
        last ["المنصوري|almansoori", "الهاملي|alhameli", "الكعبي|alkaabi", "الشامسي|alshamsi", "النعيمي|alnuaimi", "الظاهري|aldhaheri", "المهيري|almheiri", "السويدي|alsuwaidi"], None, 4),
    culture!("SA", "السعودية", AR, native ["ar"], extra [("en", 0.6)], markets ["SA"], nearby ["AE", "BH"],
        platforms ["snapchat", "tiktok", "x", "instagram"],
        first ["سارة|sara", "ريم|reem", "لمى|lama", "جود|joud", "عبدالله|abdullah", "فيصل|faisal", "نايف|naif", "دانة|dana"],
        last ["العتيبي|alotaibi", "القحطاني|alqahtani", "الغامدي|alghamdi", "الشهري|alshehri", "الدوسري|aldosari", "الحربي|alharbi", "الزهراني|alzahrani", "المطيري|almutairi"], None, 4),
    culture!("US", "the US", EN, native ["en"], extra [("es", 0.25)], markets ["US"], nearby ["CA"],
        platforms ["tiktok", "whatnot", "amazon", "youtube", "instagram"],
        first ["Emily", "Madison", "Ashley", "Jessica", "Tyler", "Brandon", "Kayla", "Jordan"],
        last ["Johnson", "Williams", "Brown", "Davis", "Miller", "Wilson", "Anderson", "Taylor"], None, 10),
    culture!("GB", "the UK", EN, native ["en"], extra [("fr", 0.15)], markets ["GB"], nearby ["IE"],
        platforms ["tiktok", "instagram", "youtube", "whatnot"],
        first ["Olivia", "Amelia", "Chloe", "Jack", "Harry", "Charlotte", "Oliver", "Sophie"],
        last ["Smith", "Jones", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes"], None, 5),
    culture!("PH", "the Philippines", EN, native ["tl", "en"], extra [], markets ["PH"], nearby [],
        platforms ["tiktok", "facebook", "shopee", "lazada"],
        first ["Angel", "Kristine", "Mary Joy", "Jasmine", "John Paul", "Mark", "Princess", "Carlo"],
        last ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Villanueva", "Dela Cruz"], None, 7),
    culture!("NG", "Nigeria", EN, native ["en"], extra [("yo", 0.35), ("ig", 0.3), ("ha", 0.2)], markets ["NG"], nearby ["GH"],
        platforms ["instagram", "tiktok", "x", "facebook"],
        first ["Chiamaka", "Adaeze", "Temitope", "Funmilayo", "Emeka", "Tunde", "Ngozi", "Oluwaseun"],
        last ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Ogunleye", "Nwosu", "Abubakar"], None, 3),
    culture!("JP", "日本", JA, native ["ja"], extra [("en", 0.2)], markets ["JP"], nearby [],
        platforms ["youtube", "instagram", "tiktok", "x"],
        first ["さくら|sakura", "美咲|misaki", "結衣|yui", "陽菜|hina", "翔太|shota", "大輝|daiki", "愛|ai", "健太|kenta"],
        last ["佐藤|sato", "鈴木|suzuki", "高橋|takahashi", "田中|tanaka", "伊藤|ito", "渡辺|watanabe", "山本|yamamoto", "中村|nakamura"], Some(""), 3),
    culture!("KR", "한국", KO, native ["ko"], extra [("en", 0.3)], markets ["KR"], nearby [],
        platforms ["youtube", "instagram", "tiktok"],
        first ["지은|jieun", "서연|seoyeon", "민지|minji", "하은|haeun", "준호|junho", "도윤|doyoon", "수빈|subin", "예린|yerin"],
        last ["김|kim", "이|lee", "박|park", "최|choi", "정|jung", "강|kang", "조|cho", "윤|yoon"], Some(""), 3),
    culture!("TR", "Türkiye", TR, native ["tr"], extra [("en", 0.4), ("de", 0.1)], markets ["TR"], nearby ["AZ"],
        platforms ["instagram", "tiktok", "youtube"],
        first ["Elif", "Zeynep", "Merve", "Büşra", "Emre", "Burak", "Ceren", "Mert"],
        last ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk"], None, 3),
    culture!("FR", "la France", FR, native ["fr"], extra [("en", 0.5)], markets ["FR"], nearby ["BE", "CH"],
        platforms ["instagram", "tiktok", "youtube", "twitch"],
        first ["Camille", "Léa", "Manon", "Chloé", "Hugo", "Louis", "Inès", "Lucas"],
        last ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy"], None, 3),
    culture!("DE", "Deutschland", DE, native ["de"], extra [("en", 0.7)], markets ["DACH"], nearby ["NL"],
        platforms ["instagram", "youtube", "tiktok", "twitch"],
        first ["Lena", "Hannah", "Anna", "Lea", "Lukas", "Jonas", "Marie", "Felix"],
        last ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker"], None, 3),
    culture!("MY", "Malaysia", MS, native ["ms"], extra [("en", 0.8), ("zh", 0.3)], markets ["MY"], nearby ["SG", "BN"],
        platforms ["tiktok", "shopee", "lazada", "instagram"],
        first ["Nur Aisyah", "Aina", "Farah", "Nadia", "Amir", "Hafiz", "Syafiqah", "Irfan"],
        last ["Rahman", "Ismail", "Hassan", "Abdullah", "Yusof", "Ibrahim", "Osman", "Aziz"], None, 5),
    culture!("RU", "России", RU, native ["ru"], extra [("en", 0.3)], markets ["RU"], nearby ["KZ", "BY"],
        platforms ["vk", "other", "youtube"],
        first ["Анна|anna", "Мария|maria", "Екатерина|ekaterina", "Дарья|darya", "Полина|polina", "Алина|alina", "Ксения|ksenia", "Виктория|viktoria"],
        last ["Смирнова|smirnova", "Иванова|ivanova", "Кузнецова|kuznetsova", "Попова|popova", "Соколова|sokolova", "Лебедева|lebedeva", "Козлова|kozlova", "Новикова|novikova"], None, 3),
];

pub fn culture(country: &str) -> &'static Culture {
    CULTURES
        .iter()
        .find(|c| c.country == country)
        .expect("a seeded culture")
}

/// A name as shown and as a handle: `("Lucía", "lucia")`.
fn name_parts(entry: &'static str) -> (&'static str, String) {
    match entry.split_once('|') {
        Some((shown, roman)) => (shown, roman.to_owned()),
        None => (entry, fold(entry)),
    }
}

/// Lower-case ASCII letters of a Latin-script name: accents dropped, spaces removed.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            Some(match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
                'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                'ş' => 's',
                'ğ' => 'g',
                c if c.is_ascii_alphanumeric() => c,
                _ => return None,
            })
        })
        .collect()
}

/// How platforms are named in a sentence.
fn platform_label(name: &str) -> &'static str {
    match name {
        "tiktok" => "TikTok",
        "youtube" => "YouTube",
        "instagram" => "Instagram",
        "facebook" => "Facebook",
        "twitch" => "Twitch",
        "kwai" => "Kwai",
        "shopee" => "Shopee Live",
        "lazada" => "LazLive",
        "tokopedia" => "Tokopedia Play",
        "amazon" => "Amazon Live",
        "whatnot" => "Whatnot",
        "snapchat" => "Snapchat",
        "x" => "X",
        "vk" => "VK",
        _ => "Telegram",
    }
}

/// A seeded host: the account's display name and the profile.
pub struct HostSeed {
    pub display_name: String,
    pub draft: HostProfileDraft,
}

/// A host from `c`, named `name` (first, last) or at random.
pub fn host(
    rng: &mut StdRng,
    c: &'static Culture,
    name: Option<(&'static str, &'static str)>,
) -> HostSeed {
    let (first, last) = name.unwrap_or_else(|| (*pick(rng, c.first), *pick(rng, c.last)));
    let ((first, first_roman), (last, last_roman)) = (name_parts(first), name_parts(last));
    let display_name = match c.family_first {
        Some(sep) => format!("{last}{sep}{first}"),
        None => format!("{first} {last}"),
    };
    let mut niches: Vec<usize> = (0..NICHE_CATEGORIES.len()).collect();
    let n = rng.random_range(1..=3);
    let niches: Vec<usize> = niches.partial_shuffle(rng, n).0.to_vec();
    let mut categories: Vec<u32> = niches
        .iter()
        .flat_map(|&i| NICHE_CATEGORIES[i].iter().copied())
        .collect();
    categories.sort_unstable();
    categories.dedup();
    let followers = followers(rng);
    let platforms = platforms(rng, c, followers, &first_roman, &last_roman);
    let years = rng.random_range(2..=9);
    let main = platform_label(&platforms[0].name);
    let niche = c.voice.niches[niches[0]];
    let headline = voices::fill(
        pick::<&str>(rng, c.voice.headlines),
        niche,
        c.place,
        main,
        years,
    );
    let bio = voices::fill(pick::<&str>(rng, c.voice.bios), niche, c.place, main, years);
    let mut markets: Vec<&str> = c.markets.to_vec();
    markets.extend(c.nearby.iter().filter(|_| rng.random_bool(0.3)));
    let (min_commission_pct, min_fee_cents) = terms(rng, followers);
    HostSeed {
        draft: HostProfileDraft {
            display_name: display_name.clone(),
            headline,
            bio,
            country: c.country.to_owned(),
            languages: languages(rng, c),
            markets: expand(&markets),
            categories,
            platforms,
            min_commission_pct,
            min_fee_cents,
        },
        display_name,
    }
}

/// The main platform's audience: mostly small, a few very large.
fn followers(rng: &mut StdRng) -> i64 {
    let exponent = match rng.random_range(0..100) {
        0..30 => rng.random_range(3.0..4.0),
        30..70 => rng.random_range(4.0..5.0),
        70..92 => rng.random_range(5.0..6.0),
        _ => rng.random_range(6.0..6.9),
    };
    (10f64.powf(exponent) / 100.0).round() as i64 * 100
}

fn platforms(rng: &mut StdRng, c: &Culture, main: i64, first: &str, last: &str) -> Vec<Platform> {
    let count = match rng.random_range(0..100) {
        0..30 => 1,
        30..75 => 2,
        _ => 3,
    }
    .min(c.platforms.len());
    let mut names: Vec<&str> = vec![if rng.random_bool(0.7) {
        c.platforms[0]
    } else {
        *pick(rng, c.platforms)
    }];
    while names.len() < count {
        let p = *pick(rng, c.platforms);
        if !names.contains(&p) {
            names.push(p);
        }
    }
    let suffix = *pick(rng, &["", "live", "shop", "official", "tv", "deals"]);
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let followers = if i == 0 {
                main
            } else {
                (main as f64 * rng.random_range(0.05..0.6) / 100.0).round() as i64 * 100
            };
            Platform {
                name: (*name).to_owned(),
                handle: handle(name, first, last, suffix),
                followers,
            }
        })
        .collect()
}

fn handle(platform: &str, first: &str, last: &str, suffix: &str) -> String {
    match platform {
        "shopee" | "lazada" | "tokopedia" | "amazon" => format!("{first}{last}_shop"),
        "vk" => format!("vk.com/{first}.{last}"),
        "other" => format!("t.me/{first}{last}"),
        _ if suffix.is_empty() => format!("@{first}.{last}"),
        _ => format!("@{first}{last}.{suffix}"),
    }
}

fn languages(rng: &mut StdRng, c: &Culture) -> Vec<HostLanguage> {
    let mut out: Vec<HostLanguage> = c
        .native
        .iter()
        .map(|code| HostLanguage {
            code: (*code).to_owned(),
            level: LanguageLevel::Native,
        })
        .collect();
    // Some hosts anywhere speak Chinese, which suppliers look for.
    let extra = c.extra.iter().copied().chain([("zh", 0.06)]);
    for (code, share) in extra {
        if rng.random_bool(share) && !out.iter().any(|l| l.code == code) {
            let level = *pick(rng, &[LanguageLevel::Fluent, LanguageLevel::Conversational]);
            out.push(HostLanguage {
                code: code.to_owned(),
                level,
            });
        }
    }
    out
}

/// The least commission and fee a host takes, higher for larger audiences.
fn terms(rng: &mut StdRng, followers: i64) -> (f64, i64) {
    let (pct, fee) = match followers {
        ..10_000 => (5.0..12.0, 0..1),
        10_000..100_000 => (8.0..18.0, 0..30),
        100_000..1_000_000 => (12.0..25.0, 30..200),
        _ => (15.0..30.0, 200..1500),
    };
    let pct = (rng.random_range(pct) * 2.0_f64).round() / 2.0;
    (pct, rng.random_range(fee) * 1000)
}

/// A sentence that screening flags (weight-loss claims), for a host in the vetting queue.
pub const FLAGGED_BIO: &str = "\nMy detox tea fans lose weight fast: guaranteed results!";

/// Picks a culture by weight.
pub fn any_culture(rng: &mut StdRng) -> &'static Culture {
    CULTURES
        .choose_weighted(rng, |c| c.weight)
        .expect("cultures have weights")
}
