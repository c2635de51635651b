//! Collaborations: what an accepted offer becomes, the steps that carry it from the
//! agreed terms to a finished live stream, and who takes each step from where.

use super::{offer::Party, string_enum::string_enum};

string_enum! {
    /// Where a collaboration stands. A confirmed collaboration stays `completed`; its
    /// `confirmed_at` says it was confirmed.
    pub enum CollabStatus {
        Agreed => "agreed",
        Scheduled => "scheduled",
        Shipped => "shipped",
        Received => "received",
        Completed => "completed",
        Cancelled => "cancelled",
    }
}

string_enum! {
    /// Who confirmed a completed collaboration: its supplier, or the clock 7 days on.
    pub enum ConfirmedBy {
        Supplier => "supplier",
        Clock => "clock",
    }
}

/// A completed collaboration stands this many days after completion unless the supplier
/// confirms it sooner.
pub const CONFIRM_AFTER_DAYS: i64 = 7;
/// Reviews may be written for this many days after confirmation; then they are published.
pub const REVIEW_WINDOW_DAYS: i64 = 14;
/// A live session may be scheduled this far in the past, to record one already held.
pub const SCHEDULE_PAST_DAYS: i64 = 30;
/// And this far ahead.
pub const SCHEDULE_AHEAD_DAYS: i64 = 365;
pub const MAX_DURATION_MINUTES: i32 = 24 * 60;

/// The figures of a track record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrackRecord {
    pub rating: Option<f64>,
    pub review_count: i32,
    pub completed_collaborations: i32,
}

/// The mean of `stars` to one decimal; `None` for none.
pub fn mean_rating(stars: &[i16]) -> Option<f64> {
    if stars.is_empty() {
        return None;
    }
    let sum: f64 = stars.iter().map(|s| f64::from(*s)).sum();
    #[allow(clippy::cast_precision_loss)]
    let mean = sum / stars.len() as f64;
    Some((mean * 10.0).round() / 10.0)
}

/// A step a party takes on a collaboration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Schedule,
    Ship,
    Receive,
    Complete,
    Confirm,
    Cancel,
}

impl Step {
    pub const ALL: &'static [Self] = &[
        Self::Schedule,
        Self::Ship,
        Self::Receive,
        Self::Complete,
        Self::Confirm,
        Self::Cancel,
    ];

    /// The step's name in its address (`POST /collaborations/{id}/<name>`), its audit
    /// action and its email.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Schedule => "schedule",
            Self::Ship => "shipment",
            Self::Receive => "received",
            Self::Complete => "complete",
            Self::Confirm => "confirm",
            Self::Cancel => "cancel",
        }
    }

    /// The party that takes this step; `None` when either may.
    pub fn by(self) -> Option<Party> {
        match self {
            Self::Schedule | Self::Cancel => None,
            Self::Ship | Self::Confirm => Some(Party::Supplier),
            Self::Receive | Self::Complete => Some(Party::Host),
        }
    }

    /// The statuses this step may be taken from. Confirm also needs the collaboration to
    /// be unconfirmed, which the status does not say.
    pub fn from(self) -> &'static [CollabStatus] {
        use CollabStatus::*;
        match self {
            Self::Schedule => &[Agreed, Scheduled, Shipped, Received],
            Self::Ship => &[Agreed, Scheduled],
            Self::Receive => &[Shipped],
            Self::Complete => &[Scheduled, Shipped, Received],
            Self::Confirm => &[Completed],
            Self::Cancel => &[Agreed, Scheduled, Shipped, Received],
        }
    }

    /// The status after this step from `from`: scheduling again keeps where the samples
    /// stand.
    pub fn to(self, from: CollabStatus) -> CollabStatus {
        use CollabStatus::*;
        match self {
            Self::Schedule if from == Agreed => Scheduled,
            Self::Schedule => from,
            Self::Ship => Shipped,
            Self::Receive => Received,
            Self::Complete | Self::Confirm => Completed,
            Self::Cancel => Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_moves_a_cancelled_collaboration_and_only_confirm_a_completed_one() {
        for step in Step::ALL {
            assert!(!step.from().contains(&CollabStatus::Cancelled), "{step:?}");
            let from_completed = step.from().contains(&CollabStatus::Completed);
            assert_eq!(from_completed, *step == Step::Confirm, "{step:?}");
        }
    }

    #[test]
    fn scheduling_again_keeps_the_samples_status() {
        use CollabStatus::*;
        assert_eq!(Step::Schedule.to(Agreed), Scheduled);
        assert_eq!(Step::Schedule.to(Shipped), Shipped);
        assert_eq!(Step::Ship.to(Scheduled), Shipped);
        assert_eq!(Step::Complete.to(Received), Completed);
    }

    #[test]
    fn the_rating_is_the_mean_to_one_decimal_and_none_without_reviews() {
        assert_eq!(mean_rating(&[]), None);
        assert_eq!(mean_rating(&[5, 5]), Some(5.0));
        assert_eq!(mean_rating(&[5, 4, 4]), Some(4.3));
        assert_eq!(mean_rating(&[1, 2]), Some(1.5));
    }

    #[test]
    fn each_step_has_its_party() {
        assert_eq!(Step::Ship.by(), Some(Party::Supplier));
        assert_eq!(Step::Confirm.by(), Some(Party::Supplier));
        assert_eq!(Step::Receive.by(), Some(Party::Host));
        assert_eq!(Step::Complete.by(), Some(Party::Host));
        assert_eq!(Step::Cancel.by(), None);
    }
}
