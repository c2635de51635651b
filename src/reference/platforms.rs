//! The platforms hosts stream and sell on: a code, an English and a Chinese name each.
//!
//! Host profiles store the codes (`platforms[].name`) and search facets count them, so a
//! code once listed never changes or disappears: a new platform is added before `other`,
//! a renamed one keeps its code. The Chinese name is the one Chinese cross-border sellers
//! use, which for several platforms is the Latin brand itself. README.md lists the
//! platform's own page on live selling for each.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlatformInfo {
    /// Stable and lower-case, e.g. `tiktok`.
    pub code: &'static str,
    pub name: &'static str,
    pub name_zh: &'static str,
}

const fn platform(code: &'static str, name: &'static str, name_zh: &'static str) -> PlatformInfo {
    PlatformInfo {
        code,
        name,
        name_zh,
    }
}

/// Every platform, `other` last.
const PLATFORMS: &[PlatformInfo] = &[
    platform("tiktok", "TikTok", "TikTok"),
    platform("youtube", "YouTube", "YouTube"),
    platform("instagram", "Instagram", "Instagram"),
    platform("facebook", "Facebook", "脸书"),
    platform("twitch", "Twitch", "Twitch"),
    platform("kwai", "Kwai", "快手海外版"),
    platform("shopee", "Shopee", "虾皮"),
    platform("lazada", "Lazada", "来赞达"),
    platform("tokopedia", "Tokopedia", "Tokopedia"),
    platform("amazon", "Amazon", "亚马逊"),
    platform("whatnot", "Whatnot", "Whatnot"),
    platform("snapchat", "Snapchat", "Snapchat"),
    platform("x", "X", "X（原推特）"),
    platform("pinterest", "Pinterest", "Pinterest"),
    platform("vk", "VK", "VK"),
    platform("aliexpress", "AliExpress", "速卖通"),
    platform("ebay", "eBay", "eBay"),
    platform("naver", "Naver", "Naver"),
    platform("other", "Other", "其他"),
];

/// Every platform, in the order a form lists them.
pub fn all() -> &'static [PlatformInfo] {
    PLATFORMS
}

/// The platform with exactly this code.
pub fn get(code: &str) -> Option<&'static PlatformInfo> {
    PLATFORMS.iter().find(|p| p.code == code)
}

/// Every code, comma-separated, for a message saying what is allowed.
pub fn codes() -> String {
    PLATFORMS
        .iter()
        .map(|p| p.code)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// The codes stored profiles may hold: none may ever go. A new platform is added here
    /// too, the day it is listed.
    const EVER_LISTED: &[&str] = &[
        "tiktok",
        "youtube",
        "instagram",
        "facebook",
        "twitch",
        "kwai",
        "shopee",
        "lazada",
        "tokopedia",
        "amazon",
        "whatnot",
        "snapchat",
        "x",
        "pinterest",
        "vk",
        "other",
        "aliexpress",
        "ebay",
        "naver",
    ];

    #[test]
    fn every_code_ever_listed_is_still_there() {
        for code in EVER_LISTED {
            assert!(get(code).is_some(), "{code} disappeared");
        }
    }

    #[test]
    fn codes_are_unique_lower_case_and_named_in_both_languages() {
        let mut seen = HashSet::new();
        for p in all() {
            assert!(seen.insert(p.code), "{} is listed twice", p.code);
            assert!(
                !p.code.is_empty()
                    && p.code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{:?}",
                p.code
            );
            assert!(!p.name.trim().is_empty(), "{}", p.code);
            assert!(!p.name_zh.trim().is_empty(), "{}", p.code);
        }
        assert_eq!(all().last().map(|p| p.code), Some("other"));
    }
}
