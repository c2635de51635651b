//! Markets: ISO 3166-1 alpha-2 countries (from `rust_iso3166`) and named regions
//! (`assets/regions.tsv`) that expand to their countries.

use std::{collections::BTreeSet, sync::LazyLock};

use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MarketInfo {
    pub code: &'static str,
    pub name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<&'static str>,
    /// `country` or `region`.
    pub kind: &'static str,
    /// For a region, the countries it stands for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<&'static str>,
}

static REGIONS: LazyLock<Vec<MarketInfo>> = LazyLock::new(|| {
    include_str!("../../assets/regions.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&'static str> = l.split('\t').collect();
            MarketInfo {
                code: cols[0],
                name: cols[1],
                name_zh: Some(cols[2]),
                kind: "region",
                countries: cols[3].split_whitespace().collect(),
            }
        })
        .collect()
});

static MARKETS: LazyLock<Vec<MarketInfo>> = LazyLock::new(|| {
    let mut all: Vec<_> = rust_iso3166::ALL
        .iter()
        .map(|c| MarketInfo {
            code: c.alpha2,
            name: c.name,
            name_zh: None,
            kind: "country",
            countries: Vec::new(),
        })
        .collect();
    all.sort_by_key(|m| m.code);
    all.extend(REGIONS.iter().cloned());
    all
});

/// Every country, then every region.
pub fn all() -> &'static [MarketInfo] {
    &MARKETS
}

/// The canonical code if `code` is a country.
pub fn country(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_uppercase();
    rust_iso3166::from_alpha2(&code).map(|c| c.alpha2)
}

/// Countries or regions to a sorted set of countries. Names the first unknown code.
pub fn expand<'a>(
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeSet<&'static str>, String> {
    let mut out = BTreeSet::new();
    for raw in codes {
        if let Some(c) = country(raw) {
            out.insert(c);
        } else if let Some(r) = REGIONS
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(raw.trim()))
        {
            out.extend(r.countries.iter().copied());
        } else {
            return Err(raw.to_owned());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_made_of_known_countries_and_codes_do_not_collide() {
        for r in REGIONS.iter() {
            assert!(
                country(r.code).is_none(),
                "{} is also a country code",
                r.code
            );
            for c in &r.countries {
                assert!(country(c).is_some(), "{}: unknown country {c}", r.code);
            }
        }
        assert_eq!(
            REGIONS
                .iter()
                .find(|r| r.code == "EU")
                .unwrap()
                .countries
                .len(),
            27
        );
    }

    #[test]
    fn regions_expand_and_unknown_codes_are_named() {
        let latam = expand(["LATAM", "us"]).unwrap();
        assert!(latam.contains("MX") && latam.contains("BR") && latam.contains("US"));
        assert_eq!(expand(["de", "EU"]).unwrap().len(), 27);
        assert_eq!(expand(["FR", "XX"]).unwrap_err(), "XX");
        assert!(all().iter().any(|m| m.code == "SA" && m.kind == "country"));
    }
}
