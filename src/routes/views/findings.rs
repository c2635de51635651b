//! Findings as a reader sees them: one reason in the reader's language, cut to the markets
//! that matter to them (a product's targets, a host's markets).

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{
    Locale,
    findings::{EVERY_MARKET, Finding, FindingKind, Level, Span},
};

/// A market rule the product's category meets, or a screened term found in its text.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FindingView {
    /// `category` (a market rule), or the kind of term found: `claim`, `counterfeit`,
    /// `sensitive`.
    pub kind: FindingKind,
    /// The rule's or term's market: a country, a region, or `*` for every market.
    pub market: String,
    /// The countries of the reader's concern the finding holds in (for `*`, all of them);
    /// where there is no such concern (an admin's view, an offer's stored warnings), every
    /// country of `market`, and none for `*`.
    pub countries: Vec<String>,
    pub level: Level,
    /// Why, in the reader's language (`Accept-Language`, else the account's locale).
    pub reason: String,
    /// The law, regulation or platform rule the finding rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// For a term: the text field it was found in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a term: where in the field, in characters, and the text found there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// For a term: the listed term that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

/// The stored findings that hold in any of `markets` (all of them when `markets` is
/// empty), as `reader` reads them.
pub fn views(stored: &[Finding], markets: &[String], reader: Locale) -> Vec<FindingView> {
    cut(stored, markets, reader)
}

pub fn cut(findings: &[Finding], markets: &[String], reader: Locale) -> Vec<FindingView> {
    findings
        .iter()
        .filter(|f| markets.is_empty() || f.reaches(markets))
        .map(|f| FindingView {
            kind: f.kind,
            market: f.market.clone(),
            countries: if markets.is_empty() {
                f.countries.clone()
            } else if f.market == EVERY_MARKET {
                markets.to_vec()
            } else {
                f.countries
                    .iter()
                    .filter(|c| markets.contains(c))
                    .cloned()
                    .collect()
            },
            level: f.level,
            reason: f.reason_in(reader).to_owned(),
            source: f.source.clone(),
            field: f.field.clone(),
            span: f.span.clone(),
            term: f.term.clone(),
        })
        .collect()
}
