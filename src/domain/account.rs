//! Roles, account statuses and the vetting state machine an admin drives.

use super::{fields::FieldError, string_enum::string_enum};

string_enum! {
    /// What an account is for.
    pub enum Role {
        Supplier => "supplier",
        Host => "host",
        Admin => "admin",
    }
}

string_enum! {
    /// Where an account stands in vetting.
    pub enum AccountStatus {
        Pending => "pending",
        Approved => "approved",
        Rejected => "rejected",
        Suspended => "suspended",
        /// Deleted by its holder: personal data erased, the address free to register again.
        Closed => "closed",
    }
}

string_enum! {
    /// What a single-use token emailed to an account holder is for.
    pub enum TokenPurpose {
        VerifyEmail => "verify-email",
        ResetPassword => "reset-password",
    }
}

string_enum! {
    /// What an admin can do to an account.
    pub enum VettingAction {
        Approve => "approve",
        Reject => "reject",
        Suspend => "suspend",
        Reinstate => "reinstate",
    }
}

impl VettingAction {
    /// The statuses this action may start from, and where it leads.
    pub fn transition(self) -> (&'static [AccountStatus], AccountStatus) {
        use AccountStatus::*;
        match self {
            // A rejected account may be approved after it has been fixed.
            Self::Approve => (&[Pending, Rejected], Approved),
            Self::Reject => (&[Pending], Rejected),
            // Only from approved: reinstating leads to approved, so suspending a pending
            // account would let it skip vetting. A pending account is rejected instead.
            Self::Suspend => (&[Approved], Suspended),
            Self::Reinstate => (&[Suspended], Approved),
        }
    }

    /// "approved", "rejected", …: for messages.
    pub fn past_tense(self) -> &'static str {
        match self {
            Self::Approve => "approved",
            Self::Reject => "rejected",
            Self::Suspend => "suspended",
            Self::Reinstate => "reinstated",
        }
    }

    pub fn requires_reason(self) -> bool {
        !matches!(self, Self::Approve)
    }

    /// The audit-log action and email template name.
    pub fn event_name(self) -> &'static str {
        match self {
            Self::Approve => "account.approved",
            Self::Reject => "account.rejected",
            Self::Suspend => "account.suspended",
            Self::Reinstate => "account.reinstated",
        }
    }
}

/// The longest reason an admin or a host may give.
pub const MAX_REASON_CHARS: usize = 2000;

/// A reason given with a decision: trimmed, blank counts as none, at most
/// [`MAX_REASON_CHARS`] characters, no control characters but line breaks and tabs.
/// `required` makes none an error. Problems are named for the `reason` field.
pub fn parse_reason(raw: Option<String>, required: bool) -> Result<Option<String>, FieldError> {
    let reason = raw.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
    match &reason {
        None if required => Err(FieldError::new("reason", "is required for this action")),
        Some(r) if r.chars().count() > MAX_REASON_CHARS => Err(FieldError::new(
            "reason",
            format!("must be at most {MAX_REASON_CHARS} characters"),
        )),
        Some(r)
            if r.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            Err(FieldError::new(
                "reason",
                "must not contain control characters other than line breaks and tabs",
            ))
        }
        _ => Ok(reason),
    }
}

impl AccountStatus {
    /// Whether tokens of an account in this status still work.
    pub fn can_authenticate(self) -> bool {
        !matches!(self, Self::Suspended | Self::Closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vetting_transitions_follow_the_table() {
        use AccountStatus::*;
        let can = |a: VettingAction, from| a.transition().0.contains(&from);
        assert!(can(VettingAction::Approve, Pending));
        assert!(!can(VettingAction::Approve, Approved));
        assert!(
            !can(VettingAction::Approve, Suspended),
            "reinstate, not approve"
        );
        assert!(!can(VettingAction::Reject, Approved), "suspend, not reject");
        assert!(can(VettingAction::Reinstate, Suspended));
        assert!(
            !can(VettingAction::Suspend, Pending),
            "would skip vetting via reinstate"
        );
        assert!(!can(VettingAction::Reinstate, Rejected));
    }
}
