//! An account as clients see it: signed in, in the vetting queue, after a decision.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{
    db::accounts::AccountRow,
    domain::{AccountStatus, Locale, Role},
};

/// An account as clients see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub status: AccountStatus,
    pub display_name: String,
    pub locale: Locale,
    /// False until the link emailed at registration is followed.
    pub email_verified: bool,
    /// An IANA time zone name; pages show times in it.
    pub time_zone: String,
    pub created_at: DateTime<Utc>,
}

impl From<&AccountRow> for AccountView {
    fn from(r: &AccountRow) -> Self {
        Self {
            id: r.id,
            email: r.email.clone(),
            role: r.role,
            status: r.status,
            display_name: r.display_name.clone(),
            locale: r.locale,
            email_verified: r.email_verified,
            time_zone: r.time_zone.clone(),
            created_at: r.created_at,
        }
    }
}
