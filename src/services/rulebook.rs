//! The rulebook: the shipped market rules and screening terms with the admins' additions
//! (an addition replaces the shipped rule or term with the same key), compiled once per
//! change, and the screening of a product or a host profile against it.

use std::sync::{Arc, RwLock};

use search_index::{Screener, TermMatch};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::{
    domain::findings::{EVERY_MARKET, Finding, FindingKind, Span},
    reference::{
        market_rules::{self, MarketRule},
        markets,
        screening_terms::{self, ScreeningTerm, key},
        taxonomy,
    },
};

/// Findings kept per screened document, after each term counts once per field and market
/// (so a term repeated a hundred times is one finding, at its first place): a bound the
/// lists never reach in practice, there so that no text can make a row unbounded.
pub const MAX_FINDINGS: usize = 500;

/// A rule, with its id when an admin added it.
#[derive(Debug, Clone)]
pub struct RuleEntry {
    pub id: Option<Uuid>,
    pub rule: MarketRule,
}

/// A term, with its id when an admin added it.
#[derive(Debug, Clone)]
pub struct TermEntry {
    pub id: Option<Uuid>,
    pub term: ScreeningTerm,
}

/// Everything screening reads, built once and shared.
pub struct Rulebook {
    /// Names the shipped files' versions and the admins' generation; stored with every
    /// finding list, so a list computed from another rulebook is known to be stale.
    pub version: String,
    pub generation: i64,
    pub rules: Vec<RuleEntry>,
    pub terms: Vec<TermEntry>,
    screener: Screener,
}

impl Rulebook {
    /// The shipped rules and terms, with `rules` and `terms` added over them.
    pub fn new(generation: i64, rules: Vec<RuleEntry>, terms: Vec<TermEntry>) -> Self {
        let mut all_rules: Vec<RuleEntry> = market_rules::shipped()
            .iter()
            .filter(|s| {
                !rules
                    .iter()
                    .any(|a| a.rule.market == s.market && a.rule.category == s.category)
            })
            .map(|r| RuleEntry {
                id: None,
                rule: r.clone(),
            })
            .collect();
        all_rules.extend(rules);
        let mut all_terms: Vec<TermEntry> = screening_terms::shipped()
            .iter()
            .filter(|s| {
                !terms
                    .iter()
                    .any(|a| a.term.language == s.language && key(&a.term.term) == key(&s.term))
            })
            .map(|t| TermEntry {
                id: None,
                term: t.clone(),
            })
            .collect();
        all_terms.extend(terms);
        let screener = Screener::new(
            all_terms
                .iter()
                .map(|t| (t.term.language, t.term.term.as_str())),
        )
        .expect("every term was checked when it was added");
        Self {
            version: format!(
                "{}/{}/{generation}",
                market_rules::version(),
                screening_terms::version()
            ),
            generation,
            rules: all_rules,
            terms: all_terms,
            screener,
        }
    }

    /// The findings for a product of `category` with these text fields.
    pub fn screen_product(&self, category: u32, fields: &[(&str, &str)]) -> Vec<Finding> {
        let lineage: Vec<u32> = taxonomy().lineage(category).map(|c| c.id).collect();
        let mut out: Vec<Finding> = self
            .rules
            .iter()
            .filter(|r| lineage.contains(&r.rule.category))
            .map(|r| Finding {
                kind: FindingKind::Category,
                market: r.rule.market.clone(),
                countries: r.rule.countries.iter().map(|c| c.to_string()).collect(),
                level: r.rule.level,
                reason: r.rule.reason.clone(),
                reason_zh: r.rule.reason_zh.clone(),
                source: Some(r.rule.source.clone()),
                field: None,
                span: None,
                term: None,
            })
            .collect();
        out.extend(self.screen_text(fields));
        sorted(out)
    }

    /// The findings for text fields alone (a host's headline and bio).
    pub fn screen_text(&self, fields: &[(&str, &str)]) -> Vec<Finding> {
        let mut out = Vec::new();
        for (field, text) in fields {
            for m in self.screener.screen(text) {
                out.extend(self.term_findings(field, text, m));
            }
        }
        sorted(out)
    }

    fn term_findings(&self, field: &str, text: &str, m: TermMatch) -> Vec<Finding> {
        let t = &self.terms[m.term].term;
        let span = Span {
            start: text[..m.start].chars().count(),
            end: text[..m.end].chars().count(),
            text: text[m.start..m.end].to_owned(),
        };
        let markets: Vec<&str> = if t.markets.is_empty() {
            vec![EVERY_MARKET]
        } else {
            t.markets.iter().map(String::as_str).collect()
        };
        markets
            .into_iter()
            .map(|market| Finding {
                kind: t.kind.into(),
                market: market.to_owned(),
                countries: if market == EVERY_MARKET {
                    Vec::new()
                } else {
                    markets::expand([market])
                        .unwrap_or_default()
                        .into_iter()
                        .map(str::to_owned)
                        .collect()
                },
                level: t.level,
                reason: t.reason.clone(),
                reason_zh: t.reason_zh.clone(),
                source: t.source.clone(),
                field: Some((*field).to_owned()),
                span: Some(span.clone()),
                term: Some(t.term.clone()),
            })
            .collect()
    }
}

/// Most serious first, then by kind, market and place; each term once per field and
/// market; capped at [`MAX_FINDINGS`], the least serious cut first.
fn sorted(mut f: Vec<Finding>) -> Vec<Finding> {
    f.sort_by(|a, b| {
        (
            a.level,
            a.kind,
            &a.market,
            &a.field,
            a.span.as_ref().map(|s| s.start),
        )
            .cmp(&(
                b.level,
                b.kind,
                &b.market,
                &b.field,
                b.span.as_ref().map(|s| s.start),
            ))
    });
    // A term found again in the same field and market counts once, at its first place.
    let mut seen = std::collections::HashSet::new();
    f.retain(|x| {
        seen.insert((
            x.level,
            x.kind,
            x.market.clone(),
            x.field.clone(),
            x.term.clone(),
            x.reason.clone(),
            x.source.clone(),
        ))
    });
    f.truncate(MAX_FINDINGS);
    f
}

/// The rulebook in force, swapped whole when admins change it, and the bell that wakes
/// the re-screening job.
#[derive(Clone)]
pub struct LiveRulebook {
    book: Arc<RwLock<Arc<Rulebook>>>,
    pub changed: Arc<Notify>,
}

impl LiveRulebook {
    pub fn new(book: Rulebook) -> Self {
        Self {
            book: Arc::new(RwLock::new(Arc::new(book))),
            changed: Arc::new(Notify::new()),
        }
    }

    pub fn book(&self) -> Arc<Rulebook> {
        self.book
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn replace(&self, book: Rulebook) {
        *self
            .book
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(book);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::findings::Level;

    #[test]
    fn a_product_meets_its_category_rules_and_its_text_terms() {
        let book = Rulebook::new(0, Vec::new(), Vec::new());
        // Beer (414) is under Alcoholic Beverages, prohibited in Saudi Arabia.
        let f = book.screen_product(414, &[("title", "Craft beer, 1:1 replica label")]);
        assert!(f.iter().any(|x| x.market == "SA"
            && x.level == Level::Prohibited
            && x.kind == FindingKind::Category));
        let fake = f
            .iter()
            .find(|x| x.kind == FindingKind::Counterfeit)
            .unwrap();
        assert_eq!(fake.field.as_deref(), Some("title"));
        assert_eq!(fake.market, EVERY_MARKET);
        assert_eq!(f[0].level, Level::Prohibited, "most serious first");
        assert!(
            book.screen_product(3237, &[("title", "Plain cotton socks")])
                .is_empty()
        );
    }

    /// The shipped lists, through the same analysis as search: a term in each covered
    /// language found in an inflected form inside longer text, and innocent text that only
    /// contains a term's letters left alone.
    #[test]
    fn the_shipped_lists_find_terms_in_every_language_and_spare_innocent_words() {
        let book = Rulebook::new(0, Vec::new(), Vec::new());
        let found = |text: &str| -> Vec<String> {
            book.screen_text(&[("bio", text)])
                .into_iter()
                .filter_map(|f| f.span.map(|s| s.text))
                .collect()
        };
        for (text, want) in [
            ("Our teas cured cancer for many", "cured cancer"),
            ("Top REPLICAS of luxury watches", "REPLICAS"),
            ("Estas cremas curan el cáncer rápido", "curan el cáncer"),
            ("Relógios réplicas de luxo", "réplicas"),
            ("هذا الدواء يعالج السرطان بسرعة", "يعالج السرطان"),
            ("Помогает лечить рак навсегда", "лечить рак"),
            ("Jamu ini menyembuhkan kanker", "menyembuhkan kanker"),
            ("这款草本茶可以包治百病", "包治百病"),
            ("正品高仿包包，A货手表", "高仿"),
        ] {
            assert!(
                found(text).iter().any(|t| t == want),
                "{want:?} in {text:?}: {:?}",
                found(text)
            );
        }
        for innocent in [
            "We replicate studio light at home",
            "高仿真花客厅摆件",
            "精仿古家具",
            "红酒杯",
            "个性玩具定制",
            "智能老虎机器人玩具",
            "ABA货架",
            "Cure the resin; cancer research charity",
        ] {
            assert!(
                found(innocent).is_empty(),
                "{innocent:?}: {:?}",
                found(innocent)
            );
        }
    }

    #[test]
    fn a_term_repeated_counts_once_per_field_and_market() {
        let book = Rulebook::new(0, Vec::new(), Vec::new());
        let text = "vape ".repeat(500);
        let f = book.screen_text(&[("description", &text)]);
        let th: Vec<&Finding> = f.iter().filter(|x| x.market == "TH").collect();
        assert_eq!(th.len(), 1, "{f:?}");
        assert_eq!(th[0].span.as_ref().unwrap().start, 0);
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let book = Rulebook::new(0, Vec::new(), Vec::new());
        let f = book.screen_text(&[("bio", "正品保证，不卖高仿包包")]);
        let s = f.iter().find_map(|x| x.span.clone()).unwrap();
        assert_eq!((s.start, s.end, s.text.as_str()), (7, 9, "高仿"));
    }
}
