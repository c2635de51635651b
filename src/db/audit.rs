//! Queries on the audit log: append an entry, list newest first, an account's entries.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entities::{
    audit_log::{self, Entity as AuditLog},
    text_json::TextJson,
};

pub use audit_log::Model as AuditRow;

/// One thing someone did to something.
pub struct AuditEntry<'a> {
    /// None when the command line did it.
    pub actor_id: Option<Uuid>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<Uuid>,
    pub reason: Option<&'a str>,
    pub details: serde_json::Value,
}

pub async fn record(db: &impl ConnectionTrait, e: AuditEntry<'_>) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    audit_log::ActiveModel {
        id: Set(id),
        actor_id: Set(e.actor_id),
        action: Set(e.action.to_owned()),
        target_type: Set(e.target_type.to_owned()),
        target_id: Set(e.target_id),
        reason: Set(e.reason.map(str::to_owned)),
        details: Set(TextJson(e.details)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(id)
}

pub async fn list(
    db: &impl ConnectionTrait,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AuditRow>, u64), DbErr> {
    let total = AuditLog::find().count(db).await?;
    let rows = AuditLog::find()
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(db)
        .await
        .map_err(super::unreadable_in("audit_log"))?;
    Ok((rows, total))
}

/// Every entry by the account or about it, oldest first, for its data export.
pub async fn by_or_about(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<AuditRow>, DbErr> {
    AuditLog::find()
        .filter(
            Condition::any()
                .add(audit_log::Column::ActorId.eq(account_id))
                .add(audit_log::Column::TargetId.eq(account_id)),
        )
        .order_by_asc(audit_log::Column::CreatedAt)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .map_err(super::unreadable_in("audit_log"))
}
