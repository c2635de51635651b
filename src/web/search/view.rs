//! What the search and ranking pages share: the query as typed (kept in the form, each
//! error next to its field), facets as checkboxes with counts, the canonical URL of a
//! submitted form, the htmx fragment test, and the failures a page tells apart.

use std::collections::HashMap;

use axum::http::HeaderMap;
use search_index::FacetCount;

use crate::{
    domain::fields::FieldError,
    services::{matching::MatchError, search::SearchError},
    web::{i18n::I18n, page::PageError},
};

/// Why a search page did not show results: its query (422, on the page), a form to send
/// on to its canonical URL (303; read only once access is checked, like a query), or
/// anything else (a page of its own: 403, 404, 500...).
pub enum Failed {
    Invalid(Vec<FieldError>),
    Go(String),
    Page(PageError),
}

impl From<SearchError> for Failed {
    fn from(e: SearchError) -> Self {
        Self::Page(e.into())
    }
}

impl From<MatchError> for Failed {
    fn from(e: MatchError) -> Self {
        Self::Page(e.into())
    }
}

/// Whether htmx asked (then the answer is the results fragment, not the page).
pub fn is_fragment(headers: &HeaderMap) -> bool {
    headers.get("hx-request").is_some_and(|v| v == "true") && headers.get("hx-boosted").is_none()
}

/// The query string's pairs, in order.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// `path?pairs`, or `path` alone.
pub fn url(path: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        out.append_pair(k, v);
    }
    format!("{path}?{}", out.finish())
}

/// A submitted form sends its blank fields; the canonical URL (the API's query) has none.
/// `None` when the query is already canonical.
pub fn without_blanks(path: &str, query: &str) -> Option<String> {
    let all = pairs(query);
    let kept: Vec<_> = all.iter().filter(|(_, v)| !v.is_empty()).cloned().collect();
    (kept.len() != all.len()).then(|| url(path, &kept))
}

/// The query as typed, and what is wrong with it, field by field.
#[derive(Default)]
pub struct Typed {
    pairs: Vec<(String, String)>,
    errors: HashMap<String, String>,
    /// Problems with no field on the form (the page, the page size).
    pub other_errors: Vec<String>,
}

impl Typed {
    pub fn new(query: &str) -> Self {
        Self {
            pairs: pairs(query),
            ..Self::default()
        }
    }

    pub fn value(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn values(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn checked(&self, name: &str, value: &str) -> bool {
        self.pairs.iter().any(|(k, v)| k == name && v == value)
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    pub fn has_error(&self, name: &str) -> bool {
        self.errors.contains_key(name)
    }

    pub fn is_valid(&self) -> bool {
        self.errors.is_empty() && self.other_errors.is_empty()
    }

    /// Records the core's errors in the reader's words: next to `on_form` fields, the
    /// rest above the results. `prefix` names the inputs (`weights.` for the weights).
    pub fn fail_all(&mut self, i18n: &I18n, errors: &[FieldError], on_form: &[&str], prefix: &str) {
        for e in errors {
            let text = field_error(i18n, e);
            if on_form.contains(&e.field.as_str()) {
                self.errors
                    .entry(format!("{prefix}{}", e.field))
                    .or_insert(text);
            } else {
                self.other_errors.push(text);
            }
        }
    }
}

/// A search's problem in the reader's words: the shapes `services::query` uses, then the
/// general ones.
pub fn field_error(i18n: &I18n, e: &FieldError) -> String {
    let m = e.message.as_str();
    let key = match () {
        () if m == "must be a number" || m == "must be a finite number" => "search-error-number",
        () if m.contains("ISO 639-1") => "search-error-language",
        () if m.contains("country code nor a region") => "search-error-market",
        () if m.contains("category") => "search-error-category",
        () if m.contains("weight must be a number") => "search-error-weight",
        () if m.contains("at least one weight") => "search-error-weights-zero",
        () if m.contains("pages reach the first") => "search-error-window",
        () if m == "may be given once" => "search-error-once",
        () if m.contains("is not one of") || m.starts_with("must be ") && m.contains(" or ") => {
            "search-error-choice"
        }
        () if e.field == "page" || e.field == "per_page" => "search-error-page",
        () => return i18n.field_error(e),
    };
    i18n.t(key)
}

/// One option of a facet: a checkbox with its count.
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub checked: bool,
}

/// A facet: its parameter name, its legend, its options (the most frequent first, and
/// every checked one even when nothing matches it now).
pub struct Facet {
    pub name: &'static str,
    pub legend: String,
    pub options: Vec<FacetOption>,
}

/// Options a facet shows besides the checked ones.
const FACET_OPTIONS: usize = 12;

pub fn facet(
    name: &'static str,
    legend: String,
    counts: &[FacetCount],
    typed: &Typed,
    label: impl Fn(&str) -> String,
) -> Facet {
    let mut options: Vec<FacetOption> = counts
        .iter()
        .take(FACET_OPTIONS)
        .map(|c| FacetOption {
            label: label(&c.value),
            checked: typed.checked(name, &c.value),
            value: c.value.clone(),
            count: c.count,
        })
        .collect();
    for v in typed.values(name) {
        if !options.iter().any(|o| o.value == v) {
            let count = counts.iter().find(|c| c.value == v).map_or(0, |c| c.count);
            options.push(FacetOption {
                value: v.to_owned(),
                label: label(v),
                count,
                checked: true,
            });
        }
    }
    Facet {
        name,
        legend,
        options,
    }
}

/// The counts of facet `name` in a search's answer.
pub fn counts<'a>(facets: &'a [(&'static str, Vec<FacetCount>)], name: &str) -> &'a [FacetCount] {
    facets
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, c)| c.as_slice())
}

/// A whole number with thousands grouped: `12,345`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A number without trailing zeros: `3`, `0.5`, `12.5`.
pub fn plain(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_fields_leave_the_canonical_url() {
        assert_eq!(
            without_blanks("/search/hosts", "q=&language=pt&min_followers=&market=BR").as_deref(),
            Some("/search/hosts?language=pt&market=BR")
        );
        assert_eq!(without_blanks("/search/hosts", "language=pt"), None);
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(plain(3.0), "3");
        assert_eq!(plain(0.5), "0.5");
    }
}
