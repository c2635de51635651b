//! What seeded suppliers make: industries, the kinds of goods in each (a taxonomy id and
//! English and Chinese names and features), and where in China they are made.

/// A kind of product: its category, names, price range in dollars and features (English
/// as it follows the name, Chinese as it precedes it).
pub struct Kind {
    pub category: u32,
    pub en: &'static str,
    pub zh: &'static str,
    pub dollars: (i64, i64),
    pub features: &'static [(&'static str, &'static str)],
}

/// A trade: what suppliers in it are called, where they are, what they make.
pub struct Industry {
    pub en: &'static str,
    pub zh: &'static str,
    /// Keys into [`CITIES`].
    pub cities: &'static [&'static str],
    pub kinds: &'static [Kind],
    /// Colours, shades or flavours a listing comes in.
    pub variants: &'static [(&'static str, &'static str)],
    /// How many suppliers are in it, relatively.
    pub weight: u32,
}

/// A city: Chinese name, province, English name and province, administrative division
/// code (characters 3 to 8 of a Unified Social Credit Code).
pub struct City {
    pub zh: &'static str,
    pub province_zh: &'static str,
    pub en: &'static str,
    pub province_en: &'static str,
    pub division: &'static str,
}

macro_rules! kind {
    ($cat:literal, $en:literal, $zh:literal, $lo:literal..$hi:literal, [$(($fe:literal, $fz:literal)),* $(,)?]) => {
        Kind { category: $cat, en: $en, zh: $zh, dollars: ($lo, $hi), features: &[$(($fe, $fz)),*] }
    };
}

macro_rules! city {
    ($zh:literal, $pzh:literal, $en:literal, $pen:literal, $div:literal) => {
        City {
            zh: $zh,
            province_zh: $pzh,
            en: $en,
            province_en: $pen,
            division: $div,
        }
    };
}

#[rustfmt::skip]
pub const CITIES: &[City] = &[
    city!("深圳", "广东", "Shenzhen", "Guangdong", "440300"),
    city!("广州", "广东", "Guangzhou", "Guangdong", "440100"),
    city!("东莞", "广东", "Dongguan", "Guangdong", "441900"),
    city!("佛山", "广东", "Foshan", "Guangdong", "440600"),
    city!("汕头", "广东", "Shantou", "Guangdong", "440500"),
    city!("中山", "广东", "Zhongshan", "Guangdong", "442000"),
    city!("义乌", "浙江", "Yiwu", "Zhejiang", "330782"),
    city!("杭州", "浙江", "Hangzhou", "Zhejiang", "330100"),
    city!("宁波", "浙江", "Ningbo", "Zhejiang", "330200"),
    city!("温州", "浙江", "Wenzhou", "Zhejiang", "330300"),
    city!("金华", "浙江", "Jinhua", "Zhejiang", "330700"),
    city!("苏州", "江苏", "Suzhou", "Jiangsu", "320500"),
    city!("南通", "江苏", "Nantong", "Jiangsu", "320600"),
    city!("厦门", "福建", "Xiamen", "Fujian", "350200"),
    city!("泉州", "福建", "Quanzhou", "Fujian", "350500"),
    city!("福州", "福建", "Fuzhou", "Fujian", "350100"),
    city!("青岛", "山东", "Qingdao", "Shandong", "370200"),
    city!("成都", "四川", "Chengdu", "Sichuan", "510100"),
    city!("武汉", "湖北", "Wuhan", "Hubei", "420100"),
    city!("保定", "河北", "Baoding", "Hebei", "130600"),
    city!("上海", "上海", "Shanghai", "Shanghai", "310000"),
];

pub fn city(zh: &str) -> &'static City {
    CITIES.iter().find(|c| c.zh == zh).expect("a seeded city")
}

const NEUTRALS: &[(&str, &str)] = &[
    ("Black", "黑色"),
    ("White", "白色"),
    ("Grey", "灰色"),
    ("Silver", "银色"),
];

const COLOURS: &[(&str, &str)] = &[
    ("Black", "黑色"),
    ("White", "白色"),
    ("Pink", "粉色"),
    ("Beige", "米色"),
    ("Sage Green", "鼠尾草绿"),
    ("Navy", "藏青色"),
    ("Grey", "灰色"),
    ("Lavender", "薰衣草紫"),
];

#[rustfmt::skip]
pub const INDUSTRIES: &[Industry] = &[
    Industry { en: "Cosmetics", zh: "化妆品", cities: &["广州", "上海", "杭州"], weight: 5,
        variants: &[("Rose", "玫瑰色"), ("Nude", "裸色"), ("Coral", "珊瑚色"), ("Ruby Red", "正红色"), ("Peach", "蜜桃色")],
        kinds: &[
            kind!(2619, "LED Makeup Mirror", "LED化妆镜", 8..25, [("with 3 Light Modes", "三色光"), ("with 10x Magnifier", "十倍放大"), ("USB-C Rechargeable", "USB-C充电")]),
            kind!(2619, "Makeup Brush Set", "化妆刷套装", 5..20, [("12 Pieces", "12支装"), ("Vegan Bristles", "纯素刷毛"), ("with Travel Case", "附收纳包")]),
            kind!(477, "Matte Lipstick", "哑光口红", 3..9, [("Long-Wearing", "持久"), ("Velvet Finish", "丝绒质地"), ("Set of 6 Shades", "6色套装")]),
            kind!(477, "Eyeshadow Palette", "眼影盘", 6..18, [("18 Colours", "18色"), ("Shimmer and Matte", "珠光哑光"), ("Sunset Tones", "日落色系")]),
            kind!(567, "Hydrating Sheet Mask", "补水面膜", 4..12, [("10 Pack", "10片装"), ("with Hyaluronic Acid", "含玻尿酸"), ("Aloe Vera", "芦荟")]),
            kind!(567, "Vitamin C Serum", "维C精华液", 6..20, [("30 ml", "30毫升"), ("Brightening", "提亮"), ("Fragrance-Free", "无香精")]),
            kind!(486, "Hair Straightener Brush", "直发梳", 12..35, [("Ceramic", "陶瓷"), ("Fast Heat-Up", "快速升温"), ("Dual Voltage", "双电压")]),
            kind!(478, "Gel Nail Polish Kit", "甲油胶套装", 8..25, [("with UV Lamp", "附UV灯"), ("24 Colours", "24色"), ("Peel-Off Base", "可剥底胶")]),
            kind!(5663, "Facial Gua Sha Set", "面部刮痧板套装", 4..15, [("Rose Quartz", "粉晶"), ("Jade", "玉石"), ("with Roller", "附滚轮")]),
        ] },
    Industry { en: "Garments", zh: "服饰", cities: &["广州", "杭州", "泉州", "苏州"], weight: 6, variants: COLOURS,
        kinds: &[
            kind!(2271, "Floral Midi Dress", "碎花中长连衣裙", 12..30, [("with Puff Sleeves", "泡泡袖"), ("with Pockets", "带口袋"), ("Chiffon", "雪纺")]),
            kind!(212, "Oversized Cotton T-Shirt", "宽松纯棉T恤", 5..14, [("Unisex", "男女同款"), ("Drop Shoulder", "落肩"), ("Heavyweight", "重磅")]),
            kind!(5322, "High-Waist Yoga Leggings", "高腰瑜伽裤", 8..22, [("Squat-Proof", "深蹲不透"), ("with Side Pockets", "侧袋"), ("Seamless", "无缝")]),
            kind!(211, "One-Piece Swimsuit", "连体泳衣", 10..25, [("Quick-Dry", "速干"), ("UPF 50", "UPF50防晒"), ("Ruched Front", "褶皱")]),
            kind!(187, "Chunky Sneakers", "老爹鞋", 15..40, [("Breathable Mesh", "透气网面"), ("Platform Sole", "厚底"), ("Lightweight", "轻便")]),
            kind!(177, "Silk Scarf", "真丝丝巾", 6..20, [("Square", "方巾"), ("Hand-Rolled Edges", "手工卷边"), ("Printed", "印花")]),
            kind!(173, "Bucket Hat", "渔夫帽", 4..12, [("Reversible", "双面"), ("Cotton Twill", "斜纹棉"), ("Packable", "可折叠")]),
            kind!(208, "Satin Pajama Set", "缎面睡衣套装", 10..28, [("Long Sleeve", "长袖"), ("with Piping", "撞色包边"), ("Two Pieces", "两件套")]),
        ] },
    Industry { en: "Household Products", zh: "家居用品", cities: &["义乌", "宁波", "佛山", "中山", "南通"], weight: 7, variants: COLOURS,
        kinds: &[
            kind!(6070, "Non-Stick Frying Pan", "不粘煎锅", 10..30, [("28 cm", "28厘米"), ("Granite Coating", "麦饭石涂层"), ("Induction Ready", "电磁炉适用")]),
            kind!(2626, "Glass Meal Prep Containers", "玻璃保鲜盒", 8..25, [("Set of 5", "5件套"), ("with Leak-Proof Lids", "防漏盖"), ("Microwave Safe", "可微波")]),
            kind!(668, "Silicone Utensil Set", "硅胶厨具套装", 6..18, [("Heat Resistant", "耐高温"), ("12 Pieces", "12件套"), ("with Holder", "附收纳筒")]),
            kind!(730, "Mini Air Fryer", "迷你空气炸锅", 25..60, [("2 L", "2升"), ("with Touch Panel", "触控面板"), ("Dishwasher-Safe Basket", "可机洗炸篮")]),
            kind!(730, "Portable Blender", "便携榨汁杯", 10..25, [("USB-C Rechargeable", "USB-C充电"), ("400 ml", "400毫升"), ("Six Blades", "六叶刀头")]),
            kind!(569, "Washed Cotton Duvet Cover Set", "水洗棉被套四件套", 20..50, [("Queen Size", "1.8米床"), ("Stonewashed", "石洗"), ("with Zip Closure", "拉链款")]),
            kind!(4454, "Boucle Throw Pillow Cover", "泰迪绒抱枕套", 4..12, [("45 x 45 cm", "45×45厘米"), ("Set of 2", "两只装"), ("Hidden Zip", "隐形拉链")]),
            kind!(2608, "Fairy String Lights", "铜线灯串", 3..10, [("10 m", "10米"), ("USB Powered", "USB供电"), ("with Remote", "附遥控")]),
            kind!(636, "Stackable Storage Boxes", "可叠加收纳箱", 8..20, [("Set of 3", "3件套"), ("Clear Front", "透明前窗"), ("Foldable", "可折叠")]),
            kind!(592, "Reed Diffuser", "藤条香薰", 5..15, [("Sea Salt", "海盐"), ("Jasmine", "茉莉"), ("200 ml", "200毫升")]),
            kind!(619, "Cordless Handheld Vacuum", "无线手持吸尘器", 25..70, [("12 kPa Suction", "12kPa吸力"), ("Washable Filter", "可水洗滤网"), ("30 min Runtime", "续航30分钟")]),
        ] },
    Industry { en: "Electronics Technology", zh: "电子科技", cities: &["深圳", "东莞", "中山"], weight: 8, variants: NEUTRALS,
        kinds: &[
            kind!(264, "Magnetic Phone Case", "磁吸手机壳", 3..10, [("Shockproof Corners", "防摔四角"), ("Frosted Back", "磨砂背板"), ("with Ring Stand", "附指环支架")]),
            kind!(2165, "Wireless Earbuds", "无线蓝牙耳机", 10..35, [("Noise Cancelling", "降噪"), ("40 h Battery", "40小时续航"), ("Bluetooth 5.3", "蓝牙5.3")]),
            kind!(2165, "Bluetooth Speaker", "蓝牙音箱", 12..40, [("Waterproof IPX7", "IPX7防水"), ("with RGB Lights", "RGB灯效"), ("20 W", "20W")]),
            kind!(275, "Magnetic Power Bank", "磁吸充电宝", 12..35, [("10000 mAh", "10000毫安"), ("20 W Fast Charging", "20W快充"), ("Slim", "超薄")]),
            kind!(259, "Braided USB-C Cable", "编织USB-C数据线", 2..8, [("2 m", "2米"), ("100 W", "100W"), ("Pack of 3", "3条装")]),
            kind!(499878, "Phone Tripod", "手机三脚架", 6..20, [("with Bluetooth Remote", "附蓝牙遥控"), ("Extends to 1.6 m", "可伸长1.6米"), ("360° Rotation", "360°旋转")]),
            kind!(42, "Ring Light with Stand", "补光灯支架", 12..40, [("10 inch", "10英寸"), ("3 Colour Modes", "三色调光"), ("with Phone Holder", "附手机夹")]),
            kind!(155, "Action Camera", "运动相机", 30..80, [("4K 30 fps", "4K30帧"), ("Waterproof Case", "防水壳"), ("Dual Screen", "双屏")]),
            kind!(8526, "Dash Cam", "行车记录仪", 20..50, [("Front and Rear", "前后双录"), ("Night Vision", "夜视"), ("Loop Recording", "循环录影")]),
        ] },
    Industry { en: "Pet Products", zh: "宠物用品", cities: &["义乌", "青岛", "宁波"], weight: 4, variants: COLOURS,
        kinds: &[
            kind!(4, "Cat Tree Tower", "猫爬架", 20..60, [("120 cm", "120厘米"), ("with Sisal Posts", "剑麻柱"), ("with Hammock", "附吊床")]),
            kind!(5, "Calming Dog Bed", "狗狗安睡窝", 12..35, [("Washable Cover", "可拆洗"), ("Anti-Slip Bottom", "防滑底"), ("Size M", "M码")]),
            kind!(6252, "Pet Water Fountain", "宠物自动饮水机", 12..30, [("2 L", "2升"), ("Quiet Pump", "静音水泵"), ("with Filter", "附滤芯")]),
            kind!(6250, "No-Pull Dog Harness", "防爆冲狗胸背带", 6..15, [("Reflective", "反光"), ("Adjustable", "可调节"), ("Padded", "加厚软垫")]),
            kind!(6383, "Pet Grooming Glove", "宠物撸毛手套", 3..8, [("Pair", "一对装"), ("Silicone Tips", "硅胶颗粒"), ("for Cats and Dogs", "猫狗通用")]),
            kind!(6249, "Retractable Dog Leash", "自动伸缩狗绳", 6..15, [("5 m", "5米"), ("One-Button Lock", "一键锁定"), ("with LED Light", "带LED灯")]),
        ] },
    Industry { en: "Toys", zh: "玩具", cities: &["汕头", "义乌", "东莞"], weight: 5, variants: COLOURS,
        kinds: &[
            kind!(1254, "Building Block Set", "积木套装", 10..40, [("1200 Pieces", "1200颗粒"), ("City Street", "城市街景"), ("Space Station", "空间站")]),
            kind!(1255, "Plush Bunny Toy", "毛绒兔子玩偶", 5..15, [("30 cm", "30厘米"), ("Super Soft", "超柔"), ("with Scarf", "附小围巾")]),
            kind!(2546, "Remote Control Stunt Car", "遥控特技车", 12..35, [("360° Flips", "360°翻滚"), ("Rechargeable", "可充电"), ("2.4 GHz", "2.4G")]),
            kind!(1262, "Magnetic Drawing Board", "磁性画板", 5..15, [("with Stamps", "附印章"), ("Erasable", "可擦写"), ("for Toddlers", "幼儿款")]),
            kind!(2618, "Jigsaw Puzzle", "拼图", 6..15, [("1000 Pieces", "1000片"), ("Watercolour City", "水彩城市"), ("with Poster", "附参考图")]),
            kind!(1246, "Family Board Game", "家庭桌游", 8..25, [("for 2 to 6 Players", "2至6人"), ("Ages 8 and Up", "8岁以上"), ("Party Edition", "聚会版")]),
            kind!(3074, "Fidget Toy Set", "解压玩具套装", 3..10, [("24 Pieces", "24件"), ("Pop Bubbles", "按压泡泡"), ("Gift Box", "礼盒装")]),
        ] },
    Industry { en: "Maternal and Baby Products", zh: "母婴用品", cities: &["广州", "宁波", "杭州"], weight: 3, variants: COLOURS,
        kinds: &[
            kind!(566, "Silicone Teether", "硅胶牙胶", 2..6, [("Food-Grade Silicone", "食品级硅胶"), ("Fruit Shape", "水果造型"), ("Pack of 2", "两只装")]),
            kind!(564, "Wide-Neck Baby Bottle", "宽口径奶瓶", 5..15, [("240 ml", "240毫升"), ("Glass", "玻璃"), ("Slow Flow Nipple", "慢流量奶嘴")]),
            kind!(538, "Ergonomic Baby Carrier", "婴儿背带", 20..45, [("with Hip Seat", "腰凳款"), ("Breathable Mesh", "透气网布"), ("Four Positions", "四种背法")]),
            kind!(553, "Water Baby Wipes", "婴儿湿巾", 2..6, [("80 Count", "80抽"), ("Unscented", "无香"), ("Pack of 6", "6包装")]),
            kind!(2125, "Silicone Bib", "硅胶围兜", 3..8, [("with Food Catcher", "立体接食"), ("Adjustable", "可调节"), ("Set of 2", "两只装")]),
            kind!(1243, "Foldable Play Mat", "折叠爬行垫", 15..40, [("200 x 180 cm", "200×180厘米"), ("Waterproof", "防水"), ("Double-Sided", "双面")]),
        ] },
    Industry { en: "Sporting Goods", zh: "体育用品", cities: &["厦门", "宁波", "泉州"], weight: 4, variants: COLOURS,
        kinds: &[
            kind!(999, "Non-Slip Yoga Mat", "防滑瑜伽垫", 8..25, [("6 mm", "6毫米"), ("with Alignment Lines", "体位线"), ("with Carry Strap", "附背带")]),
            kind!(5869, "Resistance Band Set", "弹力带套装", 4..12, [("5 Levels", "5档阻力"), ("Fabric", "布艺"), ("with Door Anchor", "附门扣")]),
            kind!(499793, "Adjustable Dumbbell", "可调节哑铃", 30..90, [("2 to 24 kg", "2至24公斤"), ("Quick Dial", "旋钮调节"), ("Single", "单只")]),
            kind!(1013, "Ultralight Camping Chair", "超轻露营椅", 15..40, [("Folds to 35 cm", "折叠后35厘米"), ("150 kg Load", "承重150公斤"), ("with Side Pocket", "侧袋")]),
            kind!(1025, "Bike Phone Mount", "自行车手机支架", 4..12, [("Quick Release", "快拆"), ("Aluminium", "铝合金"), ("360° Rotation", "360°旋转")]),
            kind!(3334, "Telescopic Fishing Rod", "伸缩鱼竿", 12..40, [("3.6 m", "3.6米"), ("Carbon Fibre", "碳素"), ("with Reel", "附渔轮")]),
            kind!(1008, "Table Tennis Paddle Set", "乒乓球拍套装", 8..25, [("2 Paddles and 3 Balls", "两拍三球"), ("with Case", "附拍套"), ("Beginner", "入门款")]),
        ] },
    Industry { en: "Bags and Accessories", zh: "箱包饰品", cities: &["广州", "义乌", "保定"], weight: 5, variants: COLOURS,
        kinds: &[
            kind!(3032, "Quilted Crossbody Bag", "菱格斜挎包", 8..25, [("with Chain Strap", "链条肩带"), ("Vegan Leather", "纯素皮革"), ("Mini", "迷你")]),
            kind!(100, "Laptop Backpack", "电脑双肩包", 12..35, [("Fits 15.6 inch", "可放15.6英寸"), ("with USB Port", "带USB接口"), ("Water-Repellent", "防泼水")]),
            kind!(107, "Carry-On Suitcase", "登机箱", 30..80, [("20 inch", "20英寸"), ("Spinner Wheels", "万向轮"), ("TSA Lock", "海关锁")]),
            kind!(108, "Travel Makeup Bag", "旅行化妆包", 4..12, [("Large Capacity", "大容量"), ("Waterproof Lining", "防水内衬"), ("Set of 3", "3件套")]),
            kind!(194, "Hoop Earrings", "圈圈耳环", 2..8, [("18K Gold-Plated", "18K镀金"), ("Hypoallergenic Steel", "钢针"), ("Set of 3 Pairs", "3对装")]),
            kind!(196, "Pearl Pendant Necklace", "珍珠吊坠项链", 3..12, [("Freshwater Pearl", "淡水珍珠"), ("45 cm Chain", "45厘米链"), ("Gift Box", "礼盒装")]),
            kind!(201, "Minimalist Quartz Watch", "简约石英手表", 10..30, [("Mesh Strap", "米兰表带"), ("36 mm", "36毫米"), ("Water Resistant", "生活防水")]),
            kind!(178, "Polarized Sunglasses", "偏光太阳镜", 4..12, [("UV400", "UV400"), ("Cat-Eye", "猫眼框"), ("with Case", "附眼镜盒")]),
            kind!(171, "Claw Clip Set", "抓夹套装", 2..6, [("Matte", "磨砂"), ("Set of 4", "4只装"), ("Large", "大号")]),
        ] },
    Industry { en: "Food", zh: "食品", cities: &["成都", "福州", "武汉"], weight: 3,
        variants: &[("Original", "原味"), ("Spicy", "香辣"), ("Honey", "蜂蜜味"), ("Sesame", "芝麻味"), ("Seaweed", "海苔味")],
        kinds: &[
            kind!(2073, "Jasmine Green Tea", "茉莉花茶", 5..20, [("Loose Leaf", "散装"), ("Gift Tin", "礼盒装"), ("250 g", "250克")]),
            kind!(423, "Konjac Jelly Snacks", "魔芋爽", 2..6, [("20 Packs", "20包"), ("Sichuan Style", "川味"), ("Vegan", "纯素")]),
            kind!(4748, "Fruit Jelly Cups", "果冻杯", 3..8, [("Assorted Fruits", "什锦水果"), ("Pack of 12", "12杯装"), ("Less Sugar", "减糖")]),
            kind!(1868, "Yunnan Drip Coffee Bags", "云南挂耳咖啡", 6..18, [("Medium Roast", "中度烘焙"), ("20 Bags", "20袋"), ("Arabica", "阿拉比卡")]),
            kind!(434, "Hot and Sour Sweet Potato Noodles", "酸辣粉", 3..8, [("Pack of 6", "6桶装"), ("Instant", "速食"), ("Chongqing Style", "重庆风味")]),
            kind!(433, "Mixed Nuts Daily Packs", "每日坚果", 6..15, [("30 Packs", "30包"), ("with Dried Berries", "含果干"), ("Lightly Salted", "淡盐")]),
        ] },
    Industry { en: "Stationery and Crafts", zh: "文具工艺", cities: &["宁波", "义乌", "温州"], weight: 3, variants: COLOURS,
        kinds: &[
            kind!(977, "Dual-Tip Marker Set", "双头马克笔套装", 5..18, [("80 Colours", "80色"), ("Alcohol-Free Ink", "无酒精墨水"), ("with Case", "附笔袋")]),
            kind!(927, "Undated Weekly Planner", "无日期周计划本", 4..12, [("A5", "A5"), ("Linen Cover", "布面封面"), ("120 Pages", "120页")]),
            kind!(939, "Bamboo Desk Organizer", "竹制桌面收纳架", 8..20, [("with Drawer", "带抽屉"), ("Five Compartments", "五格"), ("Phone Slot", "手机槽")]),
            kind!(16, "Diamond Painting Kit", "钻石画套装", 4..12, [("30 x 40 cm", "30×40厘米"), ("Round Drills", "圆钻"), ("with Tools", "附工具")]),
            kind!(96, "Balloon Garland Kit", "气球拱门套装", 5..15, [("120 Balloons", "120只气球"), ("Pastel", "马卡龙色"), ("with Strip", "附连接带")]),
        ] },
    Industry { en: "Hardware and Tools", zh: "五金工具", cities: &["金华", "宁波", "温州"], weight: 3, variants: NEUTRALS,
        kinds: &[
            kind!(4919, "Household Tool Kit", "家用工具箱套装", 15..45, [("108 Pieces", "108件"), ("with Case", "附工具箱"), ("Chrome Vanadium", "铬钒钢")]),
            kind!(1217, "Cordless Drill", "无线电钻", 25..60, [("20 V", "20V"), ("Two Batteries", "双电池"), ("with Bit Set", "附钻头套装")]),
            kind!(338, "Rechargeable Headlamp", "充电头灯", 5..15, [("1000 Lumens", "1000流明"), ("Motion Sensor", "感应开关"), ("Waterproof", "防水")]),
            kind!(913, "Car Air Freshener Vent Clip", "车载出风口香薰", 3..8, [("Aluminium", "铝合金"), ("with 3 Refills", "附3片香片"), ("Ocean", "海洋香")]),
        ] },
    Industry { en: "Furniture", zh: "家具", cities: &["佛山", "东莞"], weight: 2, variants: NEUTRALS,
        kinds: &[
            kind!(6800, "Ergonomic Gaming Chair", "人体工学电竞椅", 80..180, [("with Footrest", "带脚托"), ("4D Armrests", "4D扶手"), ("Lumbar Pillow", "腰枕")]),
            kind!(4191, "Standing Desk Converter", "桌上升降台", 60..150, [("80 cm Wide", "80厘米宽"), ("Gas Spring", "气弹簧"), ("Keyboard Tray", "键盘托")]),
            kind!(465, "Ladder Bookshelf", "梯形书架", 30..80, [("Five Tiers", "五层"), ("Rustic Wood", "复古木纹"), ("Metal Frame", "金属框架")]),
            kind!(438, "Bean Bag Chair", "懒人沙发", 25..70, [("Memory Foam Filling", "记忆棉填充"), ("Removable Cover", "可拆洗"), ("Extra Large", "加大")]),
        ] },
];

/// What product listings call the industry of a trading company that sells everything.
pub const TRADING: (&str, &str) = ("Trading", "贸易");

/// Syllables Chinese company names are made of, with their pinyin.
pub const BRANDS: &[(&str, &str)] = &[
    ("Mingjing", "明镜"),
    ("Huamei", "华美"),
    ("Jiale", "佳乐"),
    ("Xinyuan", "鑫源"),
    ("Tianyi", "天翼"),
    ("Hongda", "宏达"),
    ("Lvyuan", "绿源"),
    ("Yuehai", "粤海"),
    ("Jinxing", "金星"),
    ("Baixiang", "百祥"),
    ("Ruifeng", "瑞丰"),
    ("Haoyun", "好运"),
    ("Meijia", "美嘉"),
    ("Kangle", "康乐"),
    ("Xingchen", "星辰"),
    ("Yunfan", "云帆"),
    ("Qiming", "启明"),
    ("Zhongtian", "中天"),
    ("Anxin", "安心"),
    ("Fuyuan", "福源"),
    ("Longteng", "龙腾"),
    ("Shengshi", "盛世"),
    ("Lanting", "兰亭"),
    ("Huaxin", "华信"),
    ("Boya", "博雅"),
    ("Jiayi", "嘉怡"),
    ("Dingsheng", "鼎盛"),
    ("Youpin", "优品"),
];

/// The people who register suppliers' accounts.
#[rustfmt::skip]
pub const CONTACTS: &[&str] = &[
    "王芳", "李伟", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周婷", "吴强", "徐晨", "孙悦",
    "马超", "朱琳", "胡军", "郭燕", "何斌", "林峰", "高翔", "罗娜",
];
