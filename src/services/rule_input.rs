//! What admins add rules and terms with (a JSON body or a page's form, the same fields),
//! read into `MarketRule` and `ScreeningTerm` with every bad field named.

use search_index::ScreenLanguage;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::{
    domain::{
        fields::{Check, FieldError},
        findings::{Level, TermKind},
    },
    reference::{
        market_rules::{self, MarketRule},
        markets,
        screening_terms::{self, MAX_TERM, ScreeningTerm},
    },
};

const MAX_REASON: usize = 2000;
const MAX_SOURCE: usize = 1000;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleRequest {
    /// A country (ISO 3166-1 alpha-2) or a region (see /api/v1/markets).
    pub market: String,
    /// A taxonomy id; the rule covers its descendants.
    pub category: u32,
    /// `prohibited`, `restricted` or `caution`.
    pub level: String,
    pub reason: String,
    pub reason_zh: String,
    /// The law, regulation or platform rule it rests on.
    pub source: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TermRequest {
    /// en, zh, es, pt, ar, ru or id.
    pub language: String,
    /// claim, counterfeit or sensitive.
    pub kind: String,
    /// prohibited, restricted or caution.
    pub level: String,
    /// Countries or regions where the term matters; leave out for every market.
    #[serde(default)]
    pub markets: Vec<String>,
    /// A word or phrase in its base form; matched through the language's analysis.
    pub term: String,
    pub reason: String,
    pub reason_zh: String,
    #[serde(default)]
    pub source: Option<String>,
}

fn level(c: &mut Check, level: &str) {
    if Level::parse(level).is_none() {
        c.fail("level", "must be prohibited, restricted or caution");
    }
}

/// Both reasons, each required.
fn reasons(c: &mut Check, en: &str, zh: &str) -> (String, String) {
    let reason = c.paragraphs("reason", en, MAX_REASON);
    let reason_zh = c.paragraphs("reason_zh", zh, MAX_REASON);
    for (field, v) in [("reason", &reason), ("reason_zh", &reason_zh)] {
        if v.trim().is_empty() {
            c.fail(field, "is required");
        }
    }
    (reason, reason_zh)
}

impl TryFrom<RuleRequest> for MarketRule {
    type Error = Vec<FieldError>;

    fn try_from(r: RuleRequest) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        if markets::expand([r.market.as_str()]).is_err() {
            c.fail("market", "must be a country code or a region");
        }
        let category = c.category("category", r.category);
        level(&mut c, &r.level);
        let (reason, reason_zh) = reasons(&mut c, &r.reason, &r.reason_zh);
        let source = c.line("source", &r.source, 1, MAX_SOURCE);
        c.finish()?;
        market_rules::rule(&r.market, category, &r.level, &reason, &reason_zh, &source)
            .map_err(|e| vec![FieldError::new("rule", e)])
    }
}

impl TryFrom<TermRequest> for ScreeningTerm {
    type Error = Vec<FieldError>;

    fn try_from(r: TermRequest) -> Result<Self, Vec<FieldError>> {
        let mut c = Check::default();
        if ScreenLanguage::parse(&r.language).is_none() {
            c.fail("language", "must be one of en, zh, es, pt, ar, ru, id");
        }
        if TermKind::parse(&r.kind).is_none() {
            c.fail("kind", "must be claim, counterfeit or sensitive");
        }
        level(&mut c, &r.level);
        if r.markets.len() > 50 {
            c.fail("markets", "must list at most 50 markets");
        } else if let Err(m) =
            markets::expand(r.markets.iter().map(String::as_str).filter(|m| *m != "*"))
        {
            c.fail(
                "markets",
                format!("{m:?} is not a country code or a region"),
            );
        }
        let term = c.line("term", &r.term, 1, MAX_TERM);
        let (reason, reason_zh) = reasons(&mut c, &r.reason, &r.reason_zh);
        let source = c.line("source", r.source.as_deref().unwrap_or(""), 0, MAX_SOURCE);
        c.finish()?;
        // What is left to fail is the term itself: one with no word to look for.
        screening_terms::term(
            &r.language,
            &r.kind,
            &r.level,
            &r.markets,
            &term,
            &reason,
            &reason_zh,
            Some(&source),
        )
        .map_err(|e| vec![FieldError::new("term", e)])
    }
}
