//! The `screening_terms` table: terms admins add to the shipped lists (one per language
//! and lower-cased term; one here replaces the shipped term).

use sea_orm::entity::prelude::*;

use super::text_json::TextJson;
use crate::domain::findings::{Level, TermKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "screening_terms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub language: String,
    /// `claim`, `counterfeit` or `sensitive`.
    pub kind: TermKind,
    pub level: Level,
    /// JSON `[market]`; empty for every market.
    pub markets: TextJson<Vec<String>>,
    pub term: String,
    /// `term` lower-cased with single spaces: what makes two terms the same.
    pub term_key: String,
    pub reason: String,
    pub reason_zh: String,
    pub source: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
