//! The `email_outbox` table: emails waiting to be sent, written with the change behind them.

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::{
    domain::{Locale, string_enum::string_enum},
    email::templates::TemplateName,
};

string_enum! {
    /// Where an email stands.
    pub enum OutboxStatus {
        /// Waiting to be sent, or to be tried again.
        Pending => "pending",
        Sent => "sent",
        /// The server refused the message for good (a 5xx reply).
        Failed => "failed",
        /// Temporary failures went on for too long.
        Dead => "dead",
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub dedupe_key: String,
    pub template: TemplateName,
    pub locale: Locale,
    pub to_address: String,
    pub to_name: String,
    /// JSON object of template variables.
    pub payload: TextJson<serde_json::Value>,
    pub status: OutboxStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// Set while a worker holds the row; an expired lease makes it claimable again.
    pub locked_until: Option<DateTimeUtc>,
    /// Names the claim that holds the row; an outcome is recorded only by its holder.
    pub claim_token: Option<Uuid>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
