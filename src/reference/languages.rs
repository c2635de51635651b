//! Languages people speak: ISO 639-1 codes with English and native names, from `isolang`.

use std::sync::LazyLock;

use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LanguageInfo {
    /// ISO 639-1, e.g. `es`.
    pub code: &'static str,
    pub name: &'static str,
    /// The language's name for itself, where the data has it.
    pub native_name: Option<&'static str>,
}

static LANGUAGES: LazyLock<Vec<LanguageInfo>> = LazyLock::new(|| {
    let mut all: Vec<_> = isolang::languages()
        .filter_map(|l| {
            Some(LanguageInfo {
                code: l.to_639_1()?,
                name: l.to_name(),
                native_name: l.to_autonym(),
            })
        })
        .collect();
    all.sort_by_key(|l| l.code);
    all
});

/// Every ISO 639-1 language, by code.
pub fn all() -> &'static [LanguageInfo] {
    &LANGUAGES
}

/// The canonical (lower-case) code, if `code` names an ISO 639-1 language.
pub fn parse(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase();
    LANGUAGES
        .binary_search_by_key(&code.as_str(), |l| l.code)
        .ok()
        .map(|i| LANGUAGES[i].code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_639_1_codes_are_known_with_names() {
        assert_eq!(super::parse("ES"), Some("es"));
        assert_eq!(super::parse("xx"), None);
        assert!(super::all().len() > 180);
        let zh = super::all().iter().find(|l| l.code == "zh").unwrap();
        assert_eq!(zh.name, "Chinese");
        assert!(zh.native_name.is_some());
    }
}
