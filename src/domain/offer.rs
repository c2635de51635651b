//! Offers: what a supplier proposes to a host, the versions its two parties trade, and the
//! one-way moves an offer can make.

use serde::Serialize;

use super::string_enum::string_enum;

string_enum! {
    /// Where an offer stands.
    pub enum OfferStatus {
        Sent => "sent",
        Accepted => "accepted",
        Declined => "declined",
        Withdrawn => "withdrawn",
        Expired => "expired",
    }
}

impl OfferStatus {
    /// What a reader sees: a sent offer past its time is expired, whether or not the offer
    /// clock has come by yet.
    pub fn as_seen(
        self,
        expires_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        match self {
            Self::Sent if expires_at <= now => Self::Expired,
            s => s,
        }
    }
}

string_enum! {
    /// One side of an offer.
    pub enum Party {
        Supplier => "supplier",
        Host => "host",
    }
}

impl Party {
    /// The side across the table.
    pub fn other(self) -> Self {
        match self {
            Self::Supplier => Self::Host,
            Self::Host => Self::Supplier,
        }
    }
}

/// A move a party makes; only a `sent` offer moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferMove {
    Accept,
    Decline,
    Withdraw,
}

impl OfferMove {
    pub fn to(self) -> OfferStatus {
        match self {
            Self::Accept => OfferStatus::Accepted,
            Self::Decline => OfferStatus::Declined,
            Self::Withdraw => OfferStatus::Withdrawn,
        }
    }

    /// Which party makes this move when `latest_by` made the latest version: the supplier
    /// withdraws at any point; accepting or declining is for the party that did not make
    /// the version on the table.
    pub fn by(self, latest_by: Party) -> Party {
        match self {
            Self::Withdraw => Party::Supplier,
            Self::Accept | Self::Decline => latest_by.other(),
        }
    }

    /// The email template telling the other party.
    pub fn template(self) -> &'static str {
        match self {
            Self::Accept => "offer.accepted",
            Self::Decline => "offer.declined",
            Self::Withdraw => "offer.withdrawn",
        }
    }
}

/// Why a host declined, if they said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclineReason(pub Option<String>);

/// A valid new offer.
#[derive(Debug, Clone, Serialize)]
pub struct OfferDraft {
    pub host_id: uuid::Uuid,
    pub product_ids: Vec<uuid::Uuid>,
    pub message: String,
    pub commission_pct: f64,
    pub fee_cents: i64,
    pub free_samples: bool,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// A valid counter: the new version's terms, each one the latest version's where the
/// counter does not name it.
#[derive(Debug, Clone, Serialize)]
pub struct CounterDraft {
    pub product_ids: Vec<uuid::Uuid>,
    pub message: String,
    pub commission_pct: f64,
    pub fee_cents: i64,
    pub free_samples: bool,
    pub live_at: Option<chrono::DateTime<chrono::Utc>>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

pub const MAX_PRODUCTS: usize = 20;
pub const DEFAULT_LIFETIME_DAYS: i64 = 14;
pub const MAX_LIFETIME_DAYS: i64 = 90;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_party_that_did_not_make_the_latest_version_answers_it() {
        assert_eq!(OfferMove::Accept.by(Party::Supplier), Party::Host);
        assert_eq!(OfferMove::Decline.by(Party::Host), Party::Supplier);
        assert_eq!(OfferMove::Withdraw.by(Party::Host), Party::Supplier);
        assert_eq!(OfferMove::Withdraw.by(Party::Supplier), Party::Supplier);
    }
}
