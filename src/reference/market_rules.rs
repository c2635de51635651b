//! The shipped market rules (`assets/market_rules.tsv`, versioned): which categories are
//! prohibited, restricted or sensitive in which markets, with bilingual reasons and the
//! public source of each, and how a rule is found for a product's category and market.

use std::{collections::BTreeSet, sync::LazyLock};

use crate::{
    domain::findings::Level,
    reference::{markets, taxonomy},
};

const FILE: &str = include_str!("../../assets/market_rules.tsv");

/// One rule: `category` and its descendants, in `market` (a country or a region).
#[derive(Debug, Clone, PartialEq)]
pub struct MarketRule {
    pub market: String,
    pub category: u32,
    pub level: Level,
    pub reason: String,
    pub reason_zh: String,
    pub source: String,
    /// The countries `market` stands for.
    pub countries: BTreeSet<&'static str>,
}

impl MarketRule {
    /// Whether the rule reaches a product of `category` sold in `country`.
    pub fn applies(&self, category: u32, country: &str) -> bool {
        self.countries.contains(country)
            && taxonomy().lineage(category).any(|c| c.id == self.category)
    }
}

/// A rule from its parts, checked: the market, the category, the level and both reasons.
pub fn rule(
    market: &str,
    category: u32,
    level: &str,
    reason: &str,
    reason_zh: &str,
    source: &str,
) -> Result<MarketRule, String> {
    let countries = markets::expand([market]).map_err(|m| format!("unknown market {m:?}"))?;
    if taxonomy().get(category).is_none() {
        return Err(format!("unknown category {category}"));
    }
    let level = Level::parse(level).ok_or_else(|| format!("unknown level {level:?}"))?;
    if reason.trim().is_empty() || reason_zh.trim().is_empty() || source.trim().is_empty() {
        return Err("a rule needs a reason in English and in Chinese, and a source".into());
    }
    Ok(MarketRule {
        market: market.trim().to_ascii_uppercase(),
        category,
        level,
        reason: reason.trim().to_owned(),
        reason_zh: reason_zh.trim().to_owned(),
        source: source.trim().to_owned(),
        countries,
    })
}

fn parse(file: &str) -> Result<(String, Vec<MarketRule>), String> {
    let version = file
        .lines()
        .find_map(|l| l.split_once(", version ").map(|(_, v)| v.trim().to_owned()))
        .ok_or("the rules file names no version")?;
    let mut rules = Vec::new();
    for (n, line) in file.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [market, category, level, reason, reason_zh, source] = cols[..] else {
            return Err(format!(
                "line {}: expected 6 columns, found {}",
                n + 1,
                cols.len()
            ));
        };
        let category = category
            .parse()
            .map_err(|_| format!("line {}: category {category:?}", n + 1))?;
        rules.push(
            rule(market, category, level, reason, reason_zh, source)
                .map_err(|e| format!("line {}: {e}", n + 1))?,
        );
    }
    Ok((version, rules))
}

static SHIPPED: LazyLock<(String, Vec<MarketRule>)> =
    LazyLock::new(|| parse(FILE).expect("assets/market_rules.tsv is checked by its tests"));

/// The version of the shipped rules.
pub fn version() -> &'static str {
    &SHIPPED.0
}

/// The shipped rules.
pub fn shipped() -> &'static [MarketRule] {
    &SHIPPED.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_file_loads_with_every_market_category_and_reason_valid() {
        let (version, rules) = parse(FILE).unwrap();
        assert!(version.starts_with("20"), "{version}");
        assert!(rules.len() >= 40, "{}", rules.len());
        let mut seen = BTreeSet::new();
        for r in &rules {
            assert!(!r.countries.is_empty(), "{r:?}");
            let han = r
                .reason_zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(han, "{}: Chinese reason", r.market);
            assert!(r.reason.is_ascii(), "{}: English reason", r.market);
            assert!(seen.insert((r.market.clone(), r.category)), "twice: {r:?}");
        }
        for wanted in [499676, 4628, 435, 4091, 773, 518, 525, 97, 780] {
            assert!(
                rules.iter().any(|r| r.category == wanted),
                "no rule for {wanted}"
            );
        }
    }

    #[test]
    fn a_rule_covers_descendants_and_the_countries_of_its_region() {
        // Beer (414) is under Alcoholic Beverages (499676); Saudi Arabia is in MENA.
        let hits: Vec<&MarketRule> = shipped().iter().filter(|r| r.applies(414, "SA")).collect();
        assert!(
            hits.iter()
                .any(|r| r.market == "MENA" && r.level == Level::Caution)
        );
        assert!(
            hits.iter()
                .any(|r| r.market == "SA" && r.level == Level::Prohibited)
        );
        assert!(
            shipped()
                .iter()
                .any(|r| r.market == "EU" && r.applies(421, "DE"))
        );
        assert!(
            !shipped().iter().any(|r| r.applies(414, "JP")),
            "nothing for beer in Japan"
        );
        assert!(!shipped().iter().any(|r| r.applies(499676, "CN")));
        assert!(rule("XX", 414, "caution", "r", "理由", "s").is_err());
        assert!(rule("SA", 999_999_999, "caution", "r", "理由", "s").is_err());
        assert!(rule("SA", 414, "banned", "r", "理由", "s").is_err());
        assert!(rule("SA", 414, "caution", "r", " ", "s").is_err());
    }
}
