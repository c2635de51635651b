//! The `collaborations` table: an accepted offer's work, from agreed terms to a confirmed
//! live stream. The frozen terms are the offer version `version`.

use sea_orm::entity::prelude::*;

use crate::domain::{
    collaboration::{CollabStatus, ConfirmedBy},
    offer::Party,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "collaborations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub offer_id: Uuid,
    pub version: i32,
    pub supplier_id: Uuid,
    pub host_id: Uuid,
    pub status: CollabStatus,
    pub live_at: Option<DateTimeUtc>,
    pub duration_minutes: Option<i32>,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub shipped_at: Option<DateTimeUtc>,
    pub received_at: Option<DateTimeUtc>,
    pub replay_url: Option<String>,
    pub units_sold: Option<i64>,
    pub completed_at: Option<DateTimeUtc>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub confirmed_by: Option<ConfirmedBy>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancelled_by: Option<Party>,
    pub cancelled_reason: Option<String>,
    /// When the reviews of this collaboration were published: both were written, or the
    /// review window closed.
    pub reviews_published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
