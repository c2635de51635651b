//! Compliance: how serious a finding is. A product may be prohibited in a market,
//! restricted (allowed with a licence, an age gate or labelling), or legal but culturally
//! sensitive (caution).

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;

string_enum! {
    /// How serious a finding is.
    pub enum Level {
        /// Most serious first, so sorting puts it first.
        Prohibited => "prohibited",
        Restricted => "restricted",
        Caution => "caution",
    }
}

string_enum! {
    /// What a screening term signals.
    pub enum TermKind {
        /// A risky claim: a cure, guaranteed weight loss, a false certification.
        Claim => "claim",
        /// A word that sells a copy of a brand.
        Counterfeit => "counterfeit",
        /// Goods banned, restricted or sensitive in the markets the term names.
        Sensitive => "sensitive",
    }
}

string_enum! {
    /// What a finding rests on: a market rule on the category, or a term in the text.
    pub enum FindingKind {
        Category => "category",
        Claim => "claim",
        Counterfeit => "counterfeit",
        Sensitive => "sensitive",
    }
}

impl From<TermKind> for FindingKind {
    fn from(k: TermKind) -> Self {
        match k {
            TermKind::Claim => Self::Claim,
            TermKind::Counterfeit => Self::Counterfeit,
            TermKind::Sensitive => Self::Sensitive,
        }
    }
}

/// The market of a finding that holds in every market.
pub const EVERY_MARKET: &str = "*";

/// Where in a text field a term was found: character offsets (Unicode scalar values,
/// end exclusive) and the text there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One finding as stored with its product or profile: both reasons, every country its
/// market stands for. What a reader sees is cut to their language and markets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The rule's or term's market as written: a country, a region, or `*`.
    pub market: String,
    /// The countries `market` stands for; empty for `*`.
    pub countries: Vec<String>,
    pub level: Level,
    pub reason: String,
    pub reason_zh: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The text field a term was found in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The term found, as listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
}

/// A finding about one product of an offer, as the offer keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductFinding {
    pub product_id: uuid::Uuid,
    /// The product's title when the offer was sent.
    pub title: String,
    pub finding: Finding,
}

/// Whether `findings` leave nowhere to sell among `markets`: a prohibition everywhere, or
/// one in each of the markets (none at all when `markets` is empty and nothing is
/// prohibited everywhere). Matching drops such pairs; offers are refused.
pub fn banned_in_all<S: AsRef<str>>(findings: &[Finding], markets: &[S]) -> bool {
    let prohibited = || findings.iter().filter(|f| f.level == Level::Prohibited);
    prohibited().any(|f| f.market == EVERY_MARKET)
        || (!markets.is_empty()
            && markets
                .iter()
                .all(|m| prohibited().any(|f| f.reaches(std::slice::from_ref(m)))))
}

impl Finding {
    /// The reason in `reader`'s language.
    pub fn reason_in(&self, reader: crate::domain::Locale) -> &str {
        match reader {
            crate::domain::Locale::En => &self.reason,
            crate::domain::Locale::ZhCn => &self.reason_zh,
        }
    }

    /// The finding as it holds in `markets`: its countries narrowed to them (for `*`, all
    /// of them).
    pub fn within<S: AsRef<str>>(&self, markets: &[S]) -> Self {
        let mut f = self.clone();
        if f.market == EVERY_MARKET {
            f.countries = markets.iter().map(|m| m.as_ref().to_owned()).collect();
        } else {
            f.countries
                .retain(|c| markets.iter().any(|m| m.as_ref() == c));
        }
        f
    }

    /// Whether the finding holds in any of `countries` (or everywhere).
    pub fn reaches<S: AsRef<str>>(&self, countries: &[S]) -> bool {
        self.market == EVERY_MARKET
            || self
                .countries
                .iter()
                .any(|c| countries.iter().any(|x| x.as_ref() == c))
    }
}

/// Findings as a row stores them, with the rulebook version they came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screened {
    pub compliance: Vec<Finding>,
    pub screened_with: String,
}

impl Screened {
    pub fn new(findings: &[Finding], version: &str) -> Self {
        Self {
            compliance: findings.to_vec(),
            screened_with: version.to_owned(),
        }
    }
}
