//! Screening a save: the rulebook built from the shipped files and the admins' rows, and
//! the findings a product or host profile draft carries. Admins' changes to the rules are
//! `services::rule_changes`; bringing stored findings up to date is `services::rescreen`.

use crate::{
    db::rules::{self, RuleRow, TermRow},
    domain::{
        findings::{Finding, Screened},
        product::ProductDraft,
        profile::HostProfileDraft,
    },
    reference::{
        market_rules::{self, MarketRule},
        screening_terms::{self, ScreeningTerm},
    },
    services::rulebook::{RuleEntry, Rulebook, TermEntry},
};

/// Builds the rulebook from the shipped files and the admins' rows. A row that no longer
/// checks (a market or category gone from the reference data) is skipped with a warning.
#[tracing::instrument(name = "screening.load", skip_all)]
pub async fn load(db: &impl sea_orm::ConnectionTrait) -> Result<Rulebook, sea_orm::DbErr> {
    let generation = rules::generation(db).await?;
    let rules = rules::rules(db)
        .await?
        .into_iter()
        .filter_map(|r| match rule_of(&r) {
            Ok(rule) => Some(RuleEntry {
                id: Some(r.id),
                rule,
            }),
            Err(e) => {
                tracing::warn!(id = %r.id, error = %e, "skipping a market rule that no longer checks");
                None
            }
        })
        .collect();
    let terms = rules::terms(db)
        .await?
        .into_iter()
        .filter_map(|t| match term_of(&t) {
            Ok(term) => Some(TermEntry {
                id: Some(t.id),
                term,
            }),
            Err(e) => {
                tracing::warn!(id = %t.id, error = %e, "skipping a screening term that no longer checks");
                None
            }
        })
        .collect();
    Ok(Rulebook::new(generation, rules, terms))
}

fn rule_of(r: &RuleRow) -> Result<MarketRule, String> {
    market_rules::rule(
        &r.market,
        u32::try_from(r.category).map_err(|_| "negative category")?,
        r.level.as_str(),
        &r.reason,
        &r.reason_zh,
        &r.source,
    )
}

fn term_of(t: &TermRow) -> Result<ScreeningTerm, String> {
    let markets = &t.markets.0;
    screening_terms::term(
        &t.language,
        t.kind.as_str(),
        t.level.as_str(),
        markets,
        &t.term,
        &t.reason,
        &t.reason_zh,
        Some(&t.source),
    )
}

/// The findings a product draft carries, stored form.
pub fn screen_product(book: &Rulebook, d: &ProductDraft) -> Screened {
    let text = [&d.title, &d.title_zh, &d.description, &d.description_zh];
    Screened::new(&product_findings(book, d.category, text), &book.version)
}

pub(crate) fn product_findings(book: &Rulebook, category: u32, text: [&String; 4]) -> Vec<Finding> {
    let [title, title_zh, description, description_zh] = text;
    book.screen_product(
        category,
        &[
            ("title", title),
            ("title_zh", title_zh),
            ("description", description),
            ("description_zh", description_zh),
        ],
    )
}

/// The findings a host profile draft carries: its headline and bio.
pub fn screen_host(book: &Rulebook, d: &HostProfileDraft) -> Screened {
    Screened::new(&host_findings(book, &d.headline, &d.bio), &book.version)
}

/// What a person writes to another (a message, a review), as stored, with its findings:
/// 422 on `field` when it is empty, longer than `max`, holds control characters, or says
/// something prohibited in one of `markets` (each phrase and reason named, in `reader`'s
/// language). What is only restricted or a caution is kept, with its findings shown.
pub fn screen_writing(
    book: &Rulebook,
    field: &str,
    raw: &str,
    max: usize,
    markets: &[String],
    reader: crate::domain::Locale,
) -> Result<(String, Vec<Finding>), crate::domain::fields::FieldError> {
    use crate::domain::{fields::FieldError, findings::Level};
    let text = raw.trim();
    let n = text.chars().count();
    if n == 0 {
        return Err(FieldError::new(field, "must not be empty"));
    }
    if n > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    let findings = book.screen_text(&[(field, text)]);
    let banned: Vec<String> = findings
        .iter()
        .filter(|f| f.level == Level::Prohibited && f.reaches(markets))
        .map(|f| {
            let said = f
                .span
                .as_ref()
                .map_or(String::new(), |s| format!("\"{}\": ", s.text));
            format!("{said}{}", f.reason_in(reader))
        })
        .collect();
    if !banned.is_empty() {
        return Err(FieldError::new(
            field,
            format!(
                "is prohibited in a market this host serves: {}",
                banned.join("; ")
            ),
        ));
    }
    Ok((text.to_owned(), findings))
}

pub(crate) fn host_findings(book: &Rulebook, headline: &str, bio: &str) -> Vec<Finding> {
    book.screen_text(&[("headline", headline), ("bio", bio)])
}
