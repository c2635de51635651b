//! What each step of a collaboration is taken with (a JSON body or a page's form, the
//! same fields), read into a [`StepInput`] with every bad field named.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::{
    account::parse_reason,
    collaboration::{MAX_DURATION_MINUTES, SCHEDULE_AHEAD_DAYS, SCHEDULE_PAST_DAYS, Step},
    fields::{Check, FieldError},
};

/// Most units a completed live may report.
const MAX_UNITS: i64 = 1_000_000_000;
const DEFAULT_DURATION_MINUTES: i32 = 60;

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// The start of the live session (UTC): up to 30 days ago (to record one already
    /// held) and up to a year ahead.
    pub live_at: Option<DateTime<Utc>>,
    /// 15 to 1,440; default 60.
    pub duration_minutes: Option<i32>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShipmentRequest {
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteRequest {
    /// A link to the recording, http(s).
    pub replay_url: Option<String>,
    pub units_sold: Option<i64>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    pub reason: Option<String>,
}

/// A step with what it records, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepInput {
    Schedule {
        live_at: DateTime<Utc>,
        duration_minutes: i32,
    },
    Ship {
        carrier: String,
        tracking_number: String,
    },
    Receive,
    Complete {
        replay_url: Option<String>,
        units_sold: Option<i64>,
    },
    Confirm,
    Cancel {
        reason: String,
    },
}

impl StepInput {
    pub fn step(&self) -> Step {
        match self {
            Self::Schedule { .. } => Step::Schedule,
            Self::Ship { .. } => Step::Ship,
            Self::Receive => Step::Receive,
            Self::Complete { .. } => Step::Complete,
            Self::Confirm => Step::Confirm,
            Self::Cancel { .. } => Step::Cancel,
        }
    }
}

impl ScheduleRequest {
    pub fn parse(self, now: DateTime<Utc>) -> Result<StepInput, Vec<FieldError>> {
        let mut c = Check::default();
        let live_at = match self.live_at {
            None => {
                c.fail("live_at", "is required");
                now
            }
            Some(at) if at < now - Duration::days(SCHEDULE_PAST_DAYS) => {
                c.fail("live_at", "must be at most 30 days ago");
                at
            }
            Some(at) if at > now + Duration::days(SCHEDULE_AHEAD_DAYS) => {
                c.fail("live_at", "must be within a year");
                at
            }
            Some(at) => at,
        };
        let duration = self.duration_minutes.unwrap_or(DEFAULT_DURATION_MINUTES);
        if !(15..=MAX_DURATION_MINUTES).contains(&duration) {
            c.fail("duration_minutes", "must be 15 to 1440");
        }
        c.finish()?;
        Ok(StepInput::Schedule {
            live_at,
            duration_minutes: duration,
        })
    }
}

impl ShipmentRequest {
    pub fn parse(self) -> Result<StepInput, Vec<FieldError>> {
        let mut c = Check::default();
        let carrier = c.line(
            "carrier",
            self.carrier.as_deref().unwrap_or_default(),
            1,
            80,
        );
        let tracking_number = c.line(
            "tracking_number",
            self.tracking_number.as_deref().unwrap_or_default(),
            1,
            80,
        );
        c.finish()?;
        Ok(StepInput::Ship {
            carrier,
            tracking_number,
        })
    }
}

impl CompleteRequest {
    pub fn parse(self) -> Result<StepInput, Vec<FieldError>> {
        let mut c = Check::default();
        let replay_url = c.url(
            "replay_url",
            self.replay_url.as_deref().unwrap_or_default(),
            true,
        );
        if let Some(n) = self.units_sold {
            c.range_i64("units_sold", n, 0, MAX_UNITS);
        }
        c.finish()?;
        Ok(StepInput::Complete {
            replay_url: (!replay_url.is_empty()).then_some(replay_url),
            units_sold: self.units_sold,
        })
    }
}

impl CancelRequest {
    pub fn parse(self) -> Result<StepInput, Vec<FieldError>> {
        let reason = parse_reason(self.reason, true).map_err(|e| vec![e])?;
        Ok(StepInput::Cancel {
            reason: reason.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_may_record_a_recent_past_live_but_not_an_old_one() {
        let now = Utc::now();
        let recent = ScheduleRequest {
            live_at: Some(now - Duration::days(2)),
            duration_minutes: None,
        };
        assert!(matches!(
            recent.parse(now),
            Ok(StepInput::Schedule {
                duration_minutes: 60,
                ..
            })
        ));
        let old = ScheduleRequest {
            live_at: Some(now - Duration::days(31)),
            duration_minutes: Some(5),
        };
        let fields: Vec<String> = old
            .parse(now)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["live_at", "duration_minutes"]);
    }

    #[test]
    fn a_shipment_needs_both_fields_and_a_completion_a_real_link() {
        let none = ShipmentRequest::default().parse().unwrap_err();
        assert_eq!(none.len(), 2);
        let bad = CompleteRequest {
            replay_url: Some("javascript:alert(1)".into()),
            units_sold: Some(-1),
        };
        assert_eq!(bad.parse().unwrap_err().len(), 2);
        assert!(CancelRequest::default().parse().is_err());
    }
}
