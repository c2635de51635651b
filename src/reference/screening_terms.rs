//! The shipped screening terms (`assets/screening_terms.tsv`, versioned): per language,
//! the risky claims, counterfeit signals and market-sensitive words that product and
//! profile text is screened for, each with a level, the markets it matters in, and a
//! bilingual reason.

use std::sync::LazyLock;

use search_index::{ScreenLanguage, Screener};

use crate::{
    domain::findings::{Level, TermKind},
    reference::markets,
};

const FILE: &str = include_str!("../../assets/screening_terms.tsv");

/// The longest term, in characters.
pub const MAX_TERM: usize = 100;

/// One term of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreeningTerm {
    pub language: ScreenLanguage,
    pub kind: TermKind,
    pub level: Level,
    /// Markets as written (countries or regions); empty for every market.
    pub markets: Vec<String>,
    pub term: String,
    pub reason: String,
    pub reason_zh: String,
    pub source: Option<String>,
}

/// What makes two terms of a language the same: lower case, single spaces.
pub fn key(term: &str) -> String {
    term.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A term from its parts, checked: language, kind, level, markets (`*` or none for
/// every market), a term that analyses to at least one word, and both reasons.
#[allow(clippy::too_many_arguments)]
pub fn term(
    language: &str,
    kind: &str,
    level: &str,
    markets: &[String],
    term: &str,
    reason: &str,
    reason_zh: &str,
    source: Option<&str>,
) -> Result<ScreeningTerm, String> {
    let language = ScreenLanguage::parse(language)
        .ok_or_else(|| format!("unknown language {language:?}: one of en zh es pt ar ru id"))?;
    let kind = TermKind::parse(kind)
        .ok_or_else(|| format!("unknown kind {kind:?}: claim, counterfeit or sensitive"))?;
    let level = Level::parse(level).ok_or_else(|| format!("unknown level {level:?}"))?;
    let markets: Vec<String> = markets
        .iter()
        .map(|m| m.trim().to_ascii_uppercase())
        .filter(|m| m != "*")
        .collect();
    markets::expand(markets.iter().map(String::as_str))
        .map_err(|m| format!("unknown market {m:?}"))?;
    let text = term.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX_TERM {
        return Err(format!("a term has at most {MAX_TERM} characters"));
    }
    Screener::new([(language, text.as_str())]).map_err(|e| e.to_string())?;
    if reason.trim().is_empty() || reason_zh.trim().is_empty() {
        return Err("a term needs a reason in English and in Chinese".into());
    }
    Ok(ScreeningTerm {
        language,
        kind,
        level,
        markets,
        term: text,
        reason: reason.trim().to_owned(),
        reason_zh: reason_zh.trim().to_owned(),
        source: source
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "-")
            .map(str::to_owned),
    })
}

fn parse(file: &str) -> Result<(String, Vec<ScreeningTerm>), String> {
    let version = file
        .lines()
        .find_map(|l| l.split_once(", version ").map(|(_, v)| v.trim().to_owned()))
        .ok_or("the terms file names no version")?;
    let mut terms = Vec::new();
    for (n, line) in file.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [
            language,
            kind,
            level,
            markets,
            text,
            reason,
            reason_zh,
            source,
        ] = cols[..]
        else {
            return Err(format!(
                "line {}: expected 8 columns, found {}",
                n + 1,
                cols.len()
            ));
        };
        let markets: Vec<String> = markets.split_whitespace().map(str::to_owned).collect();
        let t = term(
            language,
            kind,
            level,
            &markets,
            text,
            reason,
            reason_zh,
            Some(source),
        )
        .map_err(|e| format!("line {}: {e}", n + 1))?;
        terms.push(t);
    }
    Ok((version, terms))
}

static SHIPPED: LazyLock<(String, Vec<ScreeningTerm>)> =
    LazyLock::new(|| parse(FILE).expect("assets/screening_terms.tsv is checked by its tests"));

/// The version of the shipped terms.
pub fn version() -> &'static str {
    &SHIPPED.0
}

/// The shipped terms.
pub fn shipped() -> &'static [ScreeningTerm] {
    &SHIPPED.1
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    #[test]
    fn the_terms_file_loads_with_every_language_kind_and_reason_valid() {
        let (version, terms) = parse(FILE).unwrap();
        assert!(version.starts_with("20"), "{version}");
        let mut per_language: BTreeMap<&str, usize> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        for t in &terms {
            *per_language.entry(t.language.code()).or_default() += 1;
            assert!(seen.insert((t.language, key(&t.term))), "twice: {t:?}");
            assert!(t.reason_zh.chars().any(search_index_is_han), "{}", t.term);
        }
        for l in ScreenLanguage::ALL {
            assert!(
                per_language.get(l.code()).copied().unwrap_or(0) >= 15,
                "{per_language:?}"
            );
        }
        for kind in [TermKind::Claim, TermKind::Counterfeit, TermKind::Sensitive] {
            assert!(terms.iter().any(|t| t.kind == kind));
        }
    }

    fn search_index_is_han(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }

    #[test]
    fn a_term_is_checked() {
        let ok = |l, k, lv, t| term(l, k, lv, &["*".into()], t, "r", "理由", None);
        assert!(ok("en", "claim", "restricted", "cure cancer").is_ok());
        assert!(ok("fr", "claim", "restricted", "x").is_err());
        assert!(ok("en", "rumour", "restricted", "x").is_err());
        assert!(ok("en", "claim", "banned", "x").is_err());
        assert!(ok("en", "claim", "caution", " ?! ").is_err());
        assert!(
            term(
                "en",
                "claim",
                "caution",
                &["XX".into()],
                "x",
                "r",
                "理由",
                None
            )
            .is_err()
        );
        assert_eq!(key("  Cure   CANCER "), "cure cancer");
    }
}
