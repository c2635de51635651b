//! What seeded hosts write about themselves, in their own languages: niches, headlines and
//! bios, with `{niche}`, `{country}`, `{platform}` and `{years}` to fill in.

/// What a host streams about, in the order of every [`Voice::niches`]: the taxonomy ids
/// a host with that niche lists.
pub const NICHE_CATEGORIES: [&[u32]; 9] = [
    &[473],       // cosmetics
    &[166],       // apparel and accessories
    &[536],       // home and garden
    &[222],       // electronics
    &[1],         // animals and pet supplies
    &[1239, 537], // toys and games, baby and toddler
    &[988],       // sporting goods
    &[188, 5181], // jewellery, luggage and bags
    &[422],       // food items
];

/// One language's words for a host profile.
pub struct Voice {
    pub niches: [&'static str; 9],
    pub headlines: &'static [&'static str],
    pub bios: &'static [&'static str],
}

pub const ES: Voice = Voice {
    niches: [
        "belleza y cuidado de la piel",
        "moda",
        "hogar y cocina",
        "tecnología y gadgets",
        "mascotas",
        "juguetes y bebés",
        "fitness y deporte",
        "joyería y accesorios",
        "snacks y comida",
    ],
    headlines: &[
        "Directos de {niche} para {country}",
        "En vivo: {niche} con reseñas honestas",
        "Tu host de {niche} en {platform}",
    ],
    bios: &[
        "Hago directos de {niche} desde hace {years} años para el público de {country}. Pruebo cada producto antes de mostrarlo y respondo todas las preguntas en vivo.\nColaboraciones con marcas y fábricas bienvenidas.",
        "Creo contenido de {niche} para una comunidad que compra en {platform} lo que de verdad uso en casa.\n{years} años vendiendo en directo; muestras y fechas se coordinan con cada marca.",
    ],
};

pub const PT: Voice = Voice {
    niches: [
        "beleza e skincare",
        "moda",
        "casa e cozinha",
        "tecnologia e gadgets",
        "pets",
        "brinquedos e bebês",
        "fitness e esporte",
        "joias e acessórios",
        "snacks e comidinhas",
    ],
    headlines: &[
        "Lives de {niche} todo dia",
        "Achadinhos de {niche} ao vivo no {platform}",
        "Reviews sinceros de {niche} para {country}",
    ],
    bios: &[
        "Faço lives de {niche} há {years} anos. Testo tudo antes de mostrar e respondo cada pergunta ao vivo.\nParcerias com marcas e fábricas são bem-vindas.",
        "Crio conteúdo de {niche} para quem compra pelo {platform}. São {years} anos de vendas ao vivo, com amostras e datas combinadas com cada marca.",
    ],
};

pub const ID: Voice = Voice {
    niches: [
        "kecantikan dan skincare",
        "fashion",
        "rumah dan dapur",
        "gadget dan elektronik",
        "hewan peliharaan",
        "mainan dan perlengkapan bayi",
        "olahraga dan fitness",
        "perhiasan dan aksesoris",
        "camilan dan makanan",
    ],
    headlines: &[
        "Live jualan {niche} setiap malam",
        "Host live {niche} untuk pembeli di {country}",
        "Review jujur produk {niche} di {platform}",
    ],
    bios: &[
        "Sudah {years} tahun live jualan {niche}. Semua produk saya coba dulu sebelum ditampilkan, dan semua pertanyaan saya jawab langsung.\nTerbuka untuk kerja sama dengan brand dan pabrik.",
        "Kreator konten {niche} dengan komunitas pembeli setia di {platform}. Pengiriman sampel dan jadwal live bisa diatur bersama.",
    ],
};

pub const TH: Voice = Voice {
    niches: [
        "ความงามและสกินแคร์",
        "แฟชั่น",
        "ของใช้ในบ้านและครัว",
        "แกดเจ็ตและไอที",
        "สัตว์เลี้ยง",
        "ของเล่นและของใช้เด็ก",
        "ฟิตเนสและกีฬา",
        "เครื่องประดับและแอคเซสเซอรี่",
        "ขนมและของกิน",
    ],
    headlines: &[
        "ไลฟ์ขาย{niche}ทุกคืน",
        "รีวิว{niche}แบบจริงใจบน {platform}",
        "โฮสต์ไลฟ์{niche}สำหรับลูกค้าใน{country}",
    ],
    bios: &[
        "ไลฟ์ขาย{niche}มา {years} ปี ทดลองใช้สินค้าทุกชิ้นก่อนนำเสนอ และตอบทุกคำถามสดๆ\nยินดีร่วมงานกับแบรนด์และโรงงาน",
        "ครีเอเตอร์สาย{niche} มีฐานลูกค้าประจำบน {platform} นัดส่งตัวอย่างสินค้าและตารางไลฟ์ได้ตามสะดวก",
    ],
};

pub const VI: Voice = Voice {
    niches: [
        "làm đẹp và chăm sóc da",
        "thời trang",
        "nhà cửa và bếp",
        "công nghệ và đồ điện tử",
        "thú cưng",
        "đồ chơi và mẹ bé",
        "thể thao và fitness",
        "trang sức và phụ kiện",
        "đồ ăn vặt",
    ],
    headlines: &[
        "Livestream {niche} mỗi tối",
        "Review {niche} thật lòng trên {platform}",
        "Host bán hàng {niche} cho khách {country}",
    ],
    bios: &[
        "Mình livestream bán {niche} đã {years} năm. Sản phẩm nào cũng dùng thử trước khi giới thiệu và trả lời mọi câu hỏi trực tiếp.\nSẵn sàng hợp tác với nhãn hàng và nhà máy.",
        "Nhà sáng tạo nội dung {niche} với cộng đồng khách quen trên {platform}. Lịch live và hàng mẫu có thể sắp xếp linh hoạt.",
    ],
};

pub const AR: Voice = Voice {
    niches: [
        "الجمال والعناية بالبشرة",
        "الموضة",
        "المنزل والمطبخ",
        "التقنية والأجهزة",
        "الحيوانات الأليفة",
        "الألعاب ومستلزمات الأطفال",
        "الرياضة واللياقة",
        "المجوهرات والإكسسوارات",
        "الوجبات الخفيفة",
    ],
    headlines: &[
        "بث مباشر يومي عن {niche}",
        "مراجعات صادقة في {niche} على {platform}",
        "بث مباشر في {niche} لجمهور {country}",
    ],
    bios: &[
        "أقدم بثاً مباشراً عن {niche} لجمهور {country}. أجرب كل منتج قبل عرضه وأجيب عن كل الأسئلة مباشرة.\nأرحب بالتعاون مع العلامات التجارية والمصانع.",
        "صانع محتوى في {niche} ولدي جمهور مشترين أوفياء على {platform}. يمكن ترتيب العينات ومواعيد البث بسهولة.",
    ],
};

pub const EN: Voice = Voice {
    niches: [
        "beauty and skincare",
        "fashion",
        "home and kitchen",
        "tech and gadgets",
        "pet products",
        "toys and baby gear",
        "fitness and sports",
        "jewellery and accessories",
        "snacks and food",
    ],
    headlines: &[
        "Live shopping for {niche}, every week",
        "Honest {niche} reviews on {platform}",
        "Your {niche} host for {country}",
    ],
    bios: &[
        "I've been selling {niche} live for {years} years. I test every product before it goes on stream and answer every question in real time.\nOpen to brand and factory collaborations.",
        "Creator in {niche} with a loyal buying community on {platform}, streaming for {country}. Samples and stream dates are easy to arrange.",
    ],
};

pub const JA: Voice = Voice {
    niches: [
        "美容・スキンケア",
        "ファッション",
        "キッチン・インテリア",
        "ガジェット・家電",
        "ペット用品",
        "おもちゃ・ベビー用品",
        "フィットネス・スポーツ",
        "アクセサリー・ジュエリー",
        "お菓子・グルメ",
    ],
    headlines: &[
        "{niche}のライブ配信を毎週お届け",
        "{platform}で{niche}を正直レビュー",
        "{country}向け{niche}ライブコマース",
    ],
    bios: &[
        "{niche}のライブ配信を{years}年続けています。紹介する商品はすべて自分で試してから、質問にはその場でお答えします。\nブランド・メーカー様とのコラボ歓迎です。",
        "{platform}で{niche}を紹介するクリエイターです。サンプル発送や配信日程のご相談もお気軽にどうぞ。",
    ],
};

pub const KO: Voice = Voice {
    niches: [
        "뷰티·스킨케어",
        "패션",
        "주방·리빙",
        "IT·가전",
        "반려동물 용품",
        "장난감·육아용품",
        "피트니스·스포츠",
        "주얼리·액세서리",
        "간식·먹거리",
    ],
    headlines: &[
        "매주 {niche} 라이브 방송",
        "{platform}에서 솔직한 {niche} 리뷰",
        "{country} 시청자를 위한 {niche} 라이브커머스",
    ],
    bios: &[
        "{years}년째 {niche} 라이브 방송을 하고 있습니다. 모든 제품은 직접 써 보고 소개하며, 질문에는 실시간으로 답해 드립니다.\n브랜드와 제조사 협업 환영합니다.",
        "{platform}에서 {niche} 콘텐츠를 만드는 크리에이터입니다. 샘플 발송과 방송 일정은 편하게 상의해 주세요.",
    ],
};

pub const TR: Voice = Voice {
    niches: [
        "güzellik ve cilt bakımı",
        "moda",
        "ev ve mutfak",
        "teknoloji ve aksesuar",
        "evcil hayvan ürünleri",
        "oyuncak ve bebek ürünleri",
        "spor ve fitness",
        "takı ve aksesuar",
        "atıştırmalık ve gıda",
    ],
    headlines: &[
        "Her hafta canlı yayında {niche}",
        "{platform} üzerinde dürüst {niche} incelemeleri",
        "{country} için {niche} canlı satış",
    ],
    bios: &[
        "{years} yıldır canlı yayında {niche} satıyorum. Her ürünü yayından önce deniyorum ve tüm soruları canlı yanıtlıyorum.\nMarka ve üretici iş birliklerine açığım.",
        "{platform} üzerinde sadık bir alıcı kitlesi olan {niche} içerik üreticisiyim. Numune ve yayın takvimi kolayca ayarlanır.",
    ],
};

pub const FR: Voice = Voice {
    niches: [
        "beauté et soin de la peau",
        "mode",
        "maison et cuisine",
        "high-tech et gadgets",
        "animaux",
        "jouets et puériculture",
        "sport et fitness",
        "bijoux et accessoires",
        "snacks et gourmandises",
    ],
    headlines: &[
        "Live shopping {niche} chaque semaine",
        "Avis honnêtes {niche} sur {platform}",
        "Votre host {niche} pour {country}",
    ],
    bios: &[
        "Je fais des lives {niche} depuis {years} ans. Je teste chaque produit avant de le présenter et je réponds à toutes les questions en direct.\nCollaborations avec marques et usines bienvenues.",
        "Je crée du contenu {niche} pour une communauté fidèle sur {platform}. Échantillons et dates de live faciles à organiser.",
    ],
};

pub const DE: Voice = Voice {
    niches: [
        "Beauty und Hautpflege",
        "Mode",
        "Haushalt und Küche",
        "Technik und Gadgets",
        "Haustierbedarf",
        "Spielzeug und Babyartikel",
        "Fitness und Sport",
        "Schmuck und Accessoires",
        "Snacks und Feinkost",
    ],
    headlines: &[
        "Jede Woche live: {niche}",
        "Ehrliche Tests zu {niche} auf {platform}",
        "Live-Shopping für {niche} in {country}",
    ],
    bios: &[
        "Seit {years} Jahren verkaufe ich {niche} im Livestream. Jedes Produkt teste ich vorher selbst und beantworte alle Fragen live.\nOffen für Kooperationen mit Marken und Herstellern.",
        "Creator für {niche} mit einer treuen Käufer-Community auf {platform}. Muster und Sendetermine lassen sich leicht abstimmen.",
    ],
};

pub const MS: Voice = Voice {
    niches: [
        "kecantikan dan penjagaan kulit",
        "fesyen",
        "rumah dan dapur",
        "gajet dan elektronik",
        "haiwan peliharaan",
        "mainan dan barangan bayi",
        "sukan dan kecergasan",
        "barang kemas dan aksesori",
        "snek dan makanan",
    ],
    headlines: &[
        "Live jualan {niche} setiap malam",
        "Ulasan jujur {niche} di {platform}",
        "Hos live {niche} untuk pembeli di {country}",
    ],
    bios: &[
        "Saya sudah {years} tahun buat live jualan {niche}. Setiap produk saya cuba dahulu sebelum ditunjukkan dan semua soalan dijawab secara langsung.\nTerbuka untuk kerjasama dengan jenama dan kilang.",
        "Pencipta kandungan {niche} dengan komuniti pembeli setia di {platform}. Sampel dan jadual live mudah diatur.",
    ],
};

pub const RU: Voice = Voice {
    niches: [
        "красота и уход за кожей",
        "мода",
        "дом и кухня",
        "гаджеты и техника",
        "товары для питомцев",
        "игрушки и детские товары",
        "спорт и фитнес",
        "украшения и аксессуары",
        "снеки и вкусности",
    ],
    headlines: &[
        "Эфиры каждую неделю: {niche}",
        "Честные обзоры в категории «{niche}» на {platform}",
        "Лайв-шопинг в категории «{niche}» для зрителей из {country}",
    ],
    bios: &[
        "Веду прямые эфиры в категории «{niche}» для зрителей из {country}. Каждый товар тестирую перед эфиром и отвечаю на все вопросы в прямом эфире.\nРассматриваю сотрудничество с брендами и фабриками.",
        "Автор контента в категории «{niche}» с постоянной аудиторией покупателей на {platform}. Образцы и даты эфиров легко согласовать.",
    ],
};

/// Fills `template`'s placeholders.
pub fn fill(template: &str, niche: &str, country: &str, platform: &str, years: u32) -> String {
    template
        .replace("{niche}", niche)
        .replace("{country}", country)
        .replace("{platform}", platform)
        .replace("{years}", &years.to_string())
}
