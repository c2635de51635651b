//! Countries' and languages' names for pages: a short English name and the Simplified
//! Chinese one, from `assets/names_zh.tsv` (generated from Debian's iso-codes zh_CN
//! catalogues, with `Taiwan` as `中国台湾`, `zh` as `中文` and a typo fixed; the file
//! says where from). Codes it lacks fall back to the reference lists' English names.
//!
//! Regenerate with Python over `/usr/share/iso-codes/json/iso_3166-1.json` and
//! `iso_639-2.json`, translating each `common_name` (else `name`) through
//! `gettext.translation('iso_3166-1' / 'iso_639-2', localedir='/usr/share/locale',
//! languages=['zh_CN'])`.

use std::{collections::HashMap, sync::LazyLock};

#[derive(Debug, Clone, Copy)]
pub struct Names {
    pub en: &'static str,
    pub zh: &'static str,
}

struct Table {
    countries: HashMap<&'static str, Names>,
    languages: HashMap<&'static str, Names>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut t = Table {
        countries: HashMap::new(),
        languages: HashMap::new(),
    };
    for l in include_str!("../../assets/names_zh.tsv").lines() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let c: Vec<&'static str> = l.split('\t').collect();
        assert_eq!(c.len(), 4, "names_zh.tsv: {l}");
        let names = Names { en: c[2], zh: c[3] };
        match c[0] {
            "country" => t.countries.insert(c[1], names),
            "language" => t.languages.insert(c[1], names),
            other => panic!("names_zh.tsv: kind {other}"),
        };
    }
    t
});

/// A country's names by its alpha-2 code (upper case).
pub fn country(code: &str) -> Option<Names> {
    TABLE.countries.get(code).copied()
}

/// A language's names by its ISO 639-1 code (lower case).
pub fn language(code: &str) -> Option<Names> {
    TABLE.languages.get(code).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{languages, markets};

    #[test]
    fn every_country_and_language_has_a_chinese_name() {
        for m in markets::all().iter().filter(|m| m.kind == "country") {
            let n = country(m.code).unwrap_or_else(|| panic!("no names for {}", m.code));
            assert!(!n.zh.is_ascii(), "{}: {}", m.code, n.zh);
        }
        let missing: Vec<_> = languages::all()
            .iter()
            .filter(|l| language(l.code).is_none())
            .map(|l| l.code)
            .collect();
        assert!(missing.len() < 5, "languages without names: {missing:?}");
        assert_eq!(country("BR").unwrap().zh, "巴西");
        assert_eq!(language("pt").unwrap().zh, "葡萄牙语");
    }
}
