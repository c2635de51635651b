//! Field checks shared by profiles and products. A `Check` collects every problem of a
//! request so the client hears about all of them at once, as 422 `errors`.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::reference::{languages, markets, taxonomy};

/// One invalid field of a request body or query.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Upper bounds that keep one row and one index document small.
pub const MAX_NAME: usize = 100;
pub const MAX_TITLE: usize = 200;
pub const MAX_LONG_TEXT: usize = 10_000;
pub const MAX_URL: usize = 2048;
pub const MAX_LIST: usize = 50;
/// No amount of money on the platform exceeds ten billion dollars.
pub const MAX_CENTS: i64 = 1_000_000_000_000;

#[derive(Default)]
pub struct Check {
    errors: Vec<FieldError>,
}

impl Check {
    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }

    /// A one-line text, trimmed, `min..=max` characters, no control characters.
    pub fn line(&mut self, field: &str, value: &str, min: usize, max: usize) -> String {
        self.text(field, value, min, max, false)
    }

    /// A text that may have line breaks and tabs.
    pub fn paragraphs(&mut self, field: &str, value: &str, max: usize) -> String {
        self.text(field, value, 0, max, true)
    }

    fn text(&mut self, field: &str, value: &str, min: usize, max: usize, multi: bool) -> String {
        let v = value.trim();
        let n = v.chars().count();
        if n < min {
            self.fail(
                field,
                if min == 1 {
                    "must not be empty".into()
                } else {
                    format!("must be at least {min} characters")
                },
            );
        } else if n > max {
            self.fail(field, format!("must be at most {max} characters"));
        } else if v
            .chars()
            .any(|c| c.is_control() && !(multi && matches!(c, '\n' | '\r' | '\t')))
        {
            self.fail(field, "must not contain control characters");
        }
        v.to_owned()
    }

    /// An absolute http(s) URL, or empty when `optional`.
    pub fn url(&mut self, field: &str, value: &str, optional: bool) -> String {
        let v = value.trim();
        if v.is_empty() && optional {
            return String::new();
        }
        match url::Url::parse(v) {
            Ok(u)
                if matches!(u.scheme(), "http" | "https")
                    && u.host().is_some()
                    && v.len() <= MAX_URL =>
            {
                u.to_string()
            }
            Ok(u) if !matches!(u.scheme(), "http" | "https") => {
                self.fail(field, "must be an http or https URL");
                String::new()
            }
            _ => {
                self.fail(
                    field,
                    format!("must be an absolute http(s) URL of at most {MAX_URL} characters"),
                );
                String::new()
            }
        }
    }

    pub fn percent(&mut self, field: &str, value: f64) -> f64 {
        if !(0.0..=100.0).contains(&value) || !value.is_finite() {
            self.fail(field, "must be between 0 and 100");
        }
        value
    }

    pub fn cents(&mut self, field: &str, value: i64) -> i64 {
        if !(0..=MAX_CENTS).contains(&value) {
            self.fail(field, format!("must be between 0 and {MAX_CENTS}"));
        }
        value
    }

    pub fn range_i64(&mut self, field: &str, value: i64, min: i64, max: i64) -> i64 {
        if !(min..=max).contains(&value) {
            self.fail(field, format!("must be between {min} and {max}"));
        }
        value
    }

    /// A country (not a region).
    pub fn country(&mut self, field: &str, value: &str) -> String {
        match markets::country(value) {
            Some(c) => c.to_owned(),
            None => {
                self.fail(
                    field,
                    format!("{value:?} is not an ISO 3166-1 alpha-2 country code"),
                );
                String::new()
            }
        }
    }

    /// Countries and regions, expanded to a sorted, de-duplicated list of countries.
    pub fn markets(&mut self, field: &str, values: &[String], min: usize) -> Vec<String> {
        if values.len() < min {
            self.fail(field, format!("must name at least {min} market"));
            return Vec::new();
        }
        if values.len() > 300 {
            self.fail(field, "must name at most 300 markets");
            return Vec::new();
        }
        match markets::expand(values.iter().map(String::as_str)) {
            Ok(set) => set.into_iter().map(str::to_owned).collect(),
            Err(code) => {
                self.fail(
                    field,
                    format!(
                        "{code:?} is neither a country code nor a region (see /api/v1/markets)"
                    ),
                );
                Vec::new()
            }
        }
    }

    /// Known taxonomy ids, de-duplicated, at most [`MAX_LIST`].
    pub fn categories(&mut self, field: &str, values: &[u32]) -> Vec<u32> {
        if values.len() > MAX_LIST {
            self.fail(field, format!("must name at most {MAX_LIST} categories"));
            return Vec::new();
        }
        if let Some(bad) = values.iter().find(|id| taxonomy().get(**id).is_none()) {
            self.fail(
                field,
                format!("{bad} is not a category id (see /api/v1/categories)"),
            );
            return Vec::new();
        }
        values
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// One known category id.
    pub fn category(&mut self, field: &str, value: u32) -> u32 {
        if taxonomy().get(value).is_none() {
            self.fail(
                field,
                format!("{value} is not a category id (see /api/v1/categories)"),
            );
        }
        value
    }

    /// An ISO 639-1 code, canonical.
    pub fn language(&mut self, field: &str, value: &str) -> String {
        match languages::parse(value) {
            Some(c) => c.to_owned(),
            None => {
                self.fail(
                    field,
                    format!("{value:?} is not an ISO 639-1 language code"),
                );
                String::new()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http_and_absolute() {
        let mut c = Check::default();
        assert_eq!(
            c.url("w", "https://example.com/a", false),
            "https://example.com/a"
        );
        c.url("w", "javascript:alert(1)", false);
        c.url("w", "/relative", false);
        c.url("w", "ftp://example.com", false);
        assert_eq!(c.url("w", "", true), "");
        assert_eq!(c.finish().unwrap_err().len(), 3);
    }

    #[test]
    fn texts_are_trimmed_and_bounded_in_characters() {
        let mut c = Check::default();
        assert_eq!(c.line("t", "  直播带货  ", 1, 4), "直播带货");
        c.line("t", "a\nb", 1, 10);
        assert_eq!(c.paragraphs("d", "a\nb", 10), "a\nb");
        c.line("t", "", 1, 10);
        assert_eq!(c.finish().unwrap_err().len(), 2);
    }
}
