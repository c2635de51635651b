//! The query string of the read endpoints (search, matches): parameters that may repeat,
//! numbers that must be finite, markets and categories checked against reference data,
//! paging bounded the way search engines bound it; every problem collected for one 422.

use crate::{
    domain::{
        PageRequest,
        fields::{Check, FieldError},
        paging::{MAX_PAGE, MAX_PER_PAGE},
    },
    reference::markets,
};

/// Which edge reads the query string: the API refuses a parameter it does not know (a
/// misspelt filter would otherwise widen a search silently); a page ignores it, so `lang`
/// and whatever a browser adds ride along (WEB.md), and reads a blank field as absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Api,
    Page,
}

/// Deepest result reachable by paging, as search engines bound it.
pub const MAX_WINDOW: u64 = 10_000;

/// The query string as (name, value) pairs; names may repeat.
pub struct Params {
    pub pairs: Vec<(String, String)>,
    pub check: Check,
}

impl Params {
    /// `query` is the raw query string (without `?`); `allowed` the parameters the
    /// reader knows. A page keeps only those.
    pub fn new(query: &str, allowed: &[&str], edge: Edge) -> Self {
        let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut check = Check::default();
        match edge {
            Edge::Api => {
                for (k, _) in &pairs {
                    if !allowed.contains(&k.as_str()) {
                        check.fail(k, "is not a parameter of this search");
                    }
                }
            }
            // A form sends its blank fields too: on a page they ask for nothing.
            Edge::Page => pairs.retain(|(k, v)| allowed.contains(&k.as_str()) && !v.is_empty()),
        }
        Self { pairs, check }
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn one(&mut self, name: &str) -> Option<String> {
        let values = self.all(name);
        if values.len() > 1 {
            self.check.fail(name, "may be given once");
        }
        values.into_iter().next()
    }

    pub fn number<T: std::str::FromStr>(&mut self, name: &str) -> Option<T> {
        let raw = self.one(name)?;
        match raw.trim().parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.check.fail(name, "must be a number");
                None
            }
        }
    }

    /// A finite number (NaN and infinities are refused).
    pub fn float(&mut self, name: &str) -> Option<f64> {
        let v: f64 = self.number(name)?;
        if v.is_finite() {
            Some(v)
        } else {
            self.check.fail(name, "must be a finite number");
            None
        }
    }

    pub fn markets(&mut self) -> Vec<String> {
        let raw = self.all("market");
        match markets::expand(raw.iter().map(String::as_str)) {
            Ok(set) => set.into_iter().map(str::to_owned).collect(),
            Err(code) => {
                self.check.fail(
                    "market",
                    format!("{code:?} is neither a country code nor a region"),
                );
                Vec::new()
            }
        }
    }

    pub fn categories(&mut self) -> Vec<u64> {
        let mut out = Vec::new();
        for raw in self.all("category") {
            match raw.trim().parse::<u32>() {
                Ok(id) => out.push(u64::from(self.check.category("category", id))),
                Err(_) => self.check.fail("category", "must be a category id"),
            }
        }
        out
    }

    /// The page asked for, bounded as every list is, and within the first
    /// [`MAX_WINDOW`] results.
    pub fn paging(&mut self) -> PageRequest {
        let page = self.number::<u64>("page");
        let per_page = self.number::<u64>("per_page");
        let known = page.is_none_or(|p| (1..=MAX_PAGE).contains(&p))
            && per_page.is_none_or(|n| (1..=MAX_PER_PAGE).contains(&n));
        let p = PageRequest::parse(page, per_page, &mut self.check);
        if known && p.page.saturating_mul(p.per_page) > MAX_WINDOW {
            self.check.fail(
                "page",
                format!("pages reach the first {MAX_WINDOW} results; narrow the search"),
            );
        }
        p
    }

    pub fn text(&mut self) -> Option<String> {
        let q = self.one("q")?;
        if q.chars().count() > 500 {
            self.check.fail("q", "must be at most 500 characters");
        }
        Some(q).filter(|q| !q.trim().is_empty())
    }

    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        self.check.finish()
    }
}
