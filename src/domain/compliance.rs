//! Compliance: how serious a finding is. A product may be prohibited in a market,
//! restricted (allowed with a licence, an age gate or labelling), or legal but culturally
//! sensitive (caution).

use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Most serious first, so sorting puts it first.
    Prohibited,
    Restricted,
    Caution,
}

impl Level {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "prohibited" => Some(Self::Prohibited),
            "restricted" => Some(Self::Restricted),
            "caution" => Some(Self::Caution),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prohibited => "prohibited",
            Self::Restricted => "restricted",
            Self::Caution => "caution",
        }
    }
}
