//! Who speaks what where: the share of each country's people who speak each language,
//! from Unicode CLDR's territory data (`assets/territory_languages.tsv`, extracted by
//! `scripts/territory_languages.py`). Language fit in matching rests on it.

use std::sync::LazyLock;

use search_index::Speakers;

/// The CLDR release the table was extracted from.
pub const CLDR_VERSION: &str = "48.2.0";

/// One row: a country, a language spoken there, and the share (0..=1) of its people.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Speaking {
    pub market: &'static str,
    pub language: &'static str,
    pub share: f32,
    /// CLDR calls it official (or de facto official) there, nationally or regionally.
    pub official: bool,
}

static TABLE: LazyLock<Vec<Speaking>> = LazyLock::new(|| {
    include_str!("../../assets/territory_languages.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let cols: Vec<&'static str> = l.split('\t').collect();
            let percent: f32 = cols.get(2)?.parse().ok()?;
            Some(Speaking {
                market: cols[0],
                language: cols[1],
                share: (percent / 100.0).clamp(0.0, 1.0),
                official: cols.get(3).is_some_and(|s| s.contains("official")),
            })
        })
        .collect()
});

/// Every row.
pub fn all() -> &'static [Speaking] {
    &TABLE
}

fn rows(keep: impl Fn(&Speaking) -> bool) -> Speakers {
    TABLE
        .iter()
        .filter(|s| keep(s))
        .map(|s| (s.market.to_owned(), s.language.to_owned(), s.share))
        .collect()
}

/// The languages spoken in any of `markets` (countries), for ranking hosts.
pub fn in_markets(markets: &[String]) -> Speakers {
    rows(|s| markets.iter().any(|m| m == s.market))
}

/// The markets where any of `languages` is spoken, for ranking products.
pub fn of_languages(languages: &[String]) -> Speakers {
    rows(|s| languages.iter().any(|l| l == s.language))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{languages, markets};

    #[test]
    fn the_table_is_well_formed_and_covers_the_big_markets() {
        assert!(all().len() > 700, "{}", all().len());
        for s in all() {
            assert_eq!(languages::parse(s.language), Some(s.language), "{s:?}");
            assert!(s.share > 0.0 && s.share <= 1.0, "{s:?}");
        }
        // Every market is an ISO 3166-1 country.
        for s in all() {
            assert_eq!(markets::country(s.market), Some(s.market), "{s:?}");
        }
        for (market, language) in [
            ("US", "en"),
            ("MX", "es"),
            ("BR", "pt"),
            ("SA", "ar"),
            ("ID", "id"),
            ("DE", "de"),
            ("JP", "ja"),
            ("TH", "th"),
            ("VN", "vi"),
            ("TR", "tr"),
        ] {
            let row = all()
                .iter()
                .find(|s| s.market == market && s.language == language)
                .unwrap_or_else(|| panic!("{market} {language}"));
            assert!(row.share >= 0.5 && row.official, "{row:?}");
        }
    }

    #[test]
    fn lookups_keep_only_what_was_asked() {
        let mx = in_markets(&["MX".to_owned()]);
        assert!(mx.iter().all(|(m, _, _)| m == "MX"));
        assert!(mx.iter().any(|(_, l, _)| l == "es"));
        let ar = of_languages(&["ar".to_owned()]);
        assert!(ar.iter().all(|(_, l, _)| l == "ar"));
        assert!(ar.iter().any(|(m, _, _)| m == "SA") && ar.iter().any(|(m, _, _)| m == "EG"));
    }
}
