//! `Actor`: who is asking, as the core sees them. The HTTP edge builds one from a token or a
//! session; the command line and the jobs build their own. Nothing here knows about HTTP.

use uuid::Uuid;

use super::{AccountStatus, Locale, Role};

/// An account acting: its id, role and status as read when the request began, and the
/// language it reads answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub id: Uuid,
    pub role: Role,
    pub status: AccountStatus,
    /// The request's language if it named one we speak, else the account's locale.
    pub locale: Locale,
}

impl Actor {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    pub fn is_approved(&self) -> bool {
        self.status == AccountStatus::Approved
    }
}
