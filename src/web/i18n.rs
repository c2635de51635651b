//! The reader's language on pages: Fluent catalogues (`locales/<lang>/*.ftl`, built into
//! the binary), messages with arguments and CLDR plurals, field errors in words, and dates,
//! times and money as the reader reads them.

use std::{borrow::Cow, collections::HashMap};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::{
    LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid, static_loader,
};

use crate::domain::{Locale, fields::FieldError};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Isolation marks around every inserted value would be invisible noise in a page's
        // text (and in what a person copies from it).
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static ZH_CN: LanguageIdentifier = langid!("zh-CN");

/// What a missing key renders as; a test fails when a page shows it.
pub const MISSING_MARKER: &str = "Unknown localization key";

/// The reader's language and clock: everything a template needs to put words, times and
/// money on a page.
#[derive(Debug, Clone)]
pub struct I18n {
    pub locale: Locale,
    pub time_zone: Tz,
}

impl I18n {
    pub fn new(locale: Locale, time_zone: Tz) -> Self {
        Self { locale, time_zone }
    }

    fn langid(&self) -> &'static LanguageIdentifier {
        match self.locale {
            Locale::En => &EN,
            Locale::ZhCn => &ZH_CN,
        }
    }

    /// `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.locale.as_str()
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(self.langid(), key)
    }

    /// The message `key`, or `fallback` when the catalogue has none (codes that may grow,
    /// such as audit actions, show as themselves rather than as a missing-key marker).
    pub fn t_or(&self, key: &str, fallback: &str) -> String {
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| fallback.to_owned())
    }

    /// The message `key` with one argument (a count selects its plural form).
    pub fn t1(&self, key: &str, name: &'static str, value: impl Into<Arg>) -> String {
        self.t_args(key, &[(name, value.into())])
    }

    /// The message `key` with arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, Arg)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Text(s) => FluentValue::from(s.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES.lookup_with_args(self.langid(), key, &map)
    }

    /// A moment in the reader's time zone: `2 Dec 2026, 14:05` / `2026年12月2日 14:05`.
    pub fn datetime(&self, at: &DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.time_zone);
        match self.locale {
            Locale::En => local.format("%-d %b %Y, %H:%M").to_string(),
            Locale::ZhCn => local.format("%Y年%-m月%-d日 %H:%M").to_string(),
        }
    }

    /// A day in the reader's time zone.
    pub fn date(&self, at: &DateTime<Utc>) -> String {
        let local = at.with_timezone(&self.time_zone);
        match self.locale {
            Locale::En => local.format("%-d %b %Y").to_string(),
            Locale::ZhCn => local.format("%Y年%-m月%-d日").to_string(),
        }
    }

    /// Cents as US dollars, grouped: `US$1,234.50`.
    pub fn money(&self, cents: i64) -> String {
        let sign = if cents < 0 { "-" } else { "" };
        let cents = cents.unsigned_abs();
        let dollars = (cents / 100).to_string();
        let mut grouped = String::with_capacity(dollars.len() + dollars.len() / 3);
        for (i, c) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{sign}US${grouped}.{:02}", cents % 100)
    }

    /// A field's problem in the reader's words. The core words its field errors in
    /// English; the shapes it uses are mapped to messages here, and anything else is
    /// shown as a generic "not valid" rather than in the wrong language.
    pub fn field_error(&self, e: &FieldError) -> String {
        let m = e.message.as_str();
        let number = |s: &str| s.split_whitespace().find_map(|w| w.parse::<f64>().ok());
        if m == "must not be empty" || m == "is required for this action" {
            return self.t("error-required");
        }
        if let Some(rest) = m.strip_prefix("must be at least ")
            && rest.ends_with("characters")
            && let Some(n) = number(rest)
        {
            return self.t1("error-min-chars", "count", n);
        }
        if let Some(rest) = m.strip_prefix("must be at most ")
            && rest.ends_with("characters")
            && let Some(n) = number(rest)
        {
            return self.t1("error-max-chars", "count", n);
        }
        let key = match m {
            "is not a valid email address" => "error-email",
            "must be supplier or host" => "error-role",
            "must be en or zh-CN" => "error-locale",
            "must not contain control characters or line breaks"
            | "must not contain control characters" => "error-control-chars",
            _ if m.contains("time zone") => "error-time-zone",
            _ if m.starts_with("is prohibited in a market") => "error-prohibited",
            _ if m.contains("invalid or has expired") => "error-token",
            _ if m.contains("does not match") || m.contains("is not your") => {
                "error-password-wrong"
            }
            _ => "error-invalid",
        };
        self.t(key)
    }
}

/// A value handed to a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Self::Number(n)
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        // Counts on a page are far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        Self::Number(n as f64)
    }
}

impl From<&u64> for Arg {
    fn from(n: &u64) -> Self {
        Self::from(*n)
    }
}

impl From<i32> for Arg {
    fn from(n: i32) -> Self {
        Self::Number(f64::from(n))
    }
}

impl From<i64> for Arg {
    #[allow(clippy::cast_precision_loss)]
    fn from(n: i64) -> Self {
        Self::Number(n as f64)
    }
}

impl From<&i32> for Arg {
    fn from(n: &i32) -> Self {
        Self::from(*n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Self::from(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

impl From<&usize> for Arg {
    fn from(n: &usize) -> Self {
        Self::from(*n)
    }
}

/// Every message key of a catalogue file, for the test that both languages have the same.
#[cfg(test)]
fn keys(ftl: &str) -> std::collections::BTreeSet<String> {
    ftl.lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.', '*', '[', '}']))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(lang: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang);
        let mut all = String::new();
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            all.push_str(&std::fs::read_to_string(f).unwrap());
            all.push('\n');
        }
        all
    }

    #[test]
    fn every_catalogue_file_parses() {
        // The loader parses them on first use and panics on an error: a broken file
        // would fail the first page, not the build.
        for lang in ["en", "zh-CN"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang);
            for f in std::fs::read_dir(dir).unwrap() {
                let path = f.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let parsed = fluent_templates::fluent_bundle::FluentResource::try_new(text);
                assert!(
                    parsed.is_ok(),
                    "{}: {:?}",
                    path.display(),
                    parsed.err().map(|e| e.1)
                );
            }
        }
    }

    #[test]
    fn both_languages_have_exactly_the_same_keys() {
        let en = keys(&catalogue("en"));
        let zh = keys(&catalogue("zh-CN"));
        assert!(en.len() > 50, "only {} keys in English", en.len());
        let only_en: Vec<_> = en.difference(&zh).collect();
        let only_zh: Vec<_> = zh.difference(&en).collect();
        assert!(only_en.is_empty(), "missing in zh-CN: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en: {only_zh:?}");
    }

    #[test]
    fn plurals_follow_each_language() {
        let en = I18n::new(Locale::En, Tz::UTC);
        assert_eq!(
            en.t1("error-min-chars", "count", 1.0),
            "Must be at least 1 character."
        );
        assert_eq!(
            en.t1("error-min-chars", "count", 10.0),
            "Must be at least 10 characters."
        );
        let zh = I18n::new(Locale::ZhCn, Tz::UTC);
        assert_eq!(
            zh.t1("error-min-chars", "count", 10.0),
            "至少需要 10 个字符。"
        );
    }

    #[test]
    fn times_are_shown_in_the_readers_zone_and_language() {
        let at = DateTime::parse_from_rfc3339("2026-12-02T01:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let sp: Tz = "America/Sao_Paulo".parse().unwrap();
        assert_eq!(I18n::new(Locale::En, sp).datetime(&at), "1 Dec 2026, 22:30");
        let sh: Tz = "Asia/Shanghai".parse().unwrap();
        assert_eq!(
            I18n::new(Locale::ZhCn, sh).datetime(&at),
            "2026年12月2日 09:30"
        );
    }

    #[test]
    fn money_is_grouped_dollars() {
        let en = I18n::new(Locale::En, Tz::UTC);
        assert_eq!(en.money(12_345_678), "US$123,456.78");
        assert_eq!(en.money(5), "US$0.05");
        assert_eq!(en.money(100_000), "US$1,000.00");
    }

    #[test]
    fn field_errors_read_in_chinese() {
        let zh = I18n::new(Locale::ZhCn, Tz::UTC);
        let e = FieldError::new("password", "must be at least 10 characters");
        assert_eq!(zh.field_error(&e), "至少需要 10 个字符。");
        let e = FieldError::new("x", "something the catalogue does not know");
        assert!(!zh.field_error(&e).is_ascii());
    }
}
