//! Request bodies that pass every check, for tests to send or change.

use serde_json::{Value, json};

/// A host profile body that passes every check.
pub fn host_profile_body() -> Value {
    json!({
        "display_name": "Lucía Live",
        "headline": "Beauty and home live shows for Mexico and Spain",
        "bio": "Ten years in retail.\nStreaming since 2021.",
        "country": "MX",
        "languages": [{"code": "es", "level": "native"}, {"code": "en", "level": "fluent"}],
        "markets": ["MX", "ES"],
        "categories": [473],
        "platforms": [
            {"name": "tiktok", "handle": "@lucia", "followers": 120000},
            {"name": "instagram", "handle": "lucia.live", "followers": 30500}
        ],
        "min_commission_pct": 12.5,
        "min_fee_cents": 20000
    })
}

/// A supplier profile body that passes every check.
pub fn supplier_profile_body() -> Value {
    json!({
        "company_name": "Shenzhen Bright Mirror Co., Ltd.",
        "company_name_zh": "深圳明镜有限公司",
        "license_number": "91350100M000100Y43",
        "province": "广东",
        "city": "深圳",
        "website": "https://mirror.example.cn",
        "description": "LED makeup mirrors.",
        "description_zh": "LED 化妆镜生产商。",
        "categories": [473],
        "target_markets": ["LATAM"]
    })
}

/// A product body that passes every check.
pub fn product_body() -> Value {
    json!({
        "title": "LED makeup mirror with 3 light modes",
        "title_zh": "三色光 LED 化妆镜",
        "description": "Rechargeable, 10x magnifier.",
        "description_zh": "可充电，十倍放大镜。",
        "category": 2619,
        "target_markets": ["LATAM", "US"],
        "price_cents": 1299,
        "commission_pct": 18.0,
        "moq": 50,
        "free_samples": true,
        "image_urls": ["https://img.example.cn/mirror.jpg"]
    })
}
