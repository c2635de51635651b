//! Queries on reviews: write one, a collaboration's, a subject's published ones, publish a
//! collaboration's, hide one, and the figures a track record is made of.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    domain::{findings::Finding, offer::Party},
    entities::{
        review::{self, Column, Entity as Reviews},
        text_json::TextJson,
    },
};

pub use review::Model as ReviewRow;

/// What a new review holds.
pub struct NewReview<'a> {
    pub collaboration_id: Uuid,
    pub author_id: Uuid,
    pub subject_id: Uuid,
    pub author_role: Party,
    pub rating: i16,
    pub body: &'a str,
    pub findings: Vec<Finding>,
}

/// Writes the review; a second by the same author on the same collaboration fails the
/// unique index (the caller answers 409).
pub async fn insert(
    db: &impl ConnectionTrait,
    r: NewReview<'_>,
    now: DateTime<Utc>,
) -> Result<ReviewRow, DbErr> {
    review::ActiveModel {
        id: Set(Uuid::now_v7()),
        collaboration_id: Set(r.collaboration_id),
        author_id: Set(r.author_id),
        subject_id: Set(r.subject_id),
        author_role: Set(r.author_role),
        rating: Set(r.rating),
        body: Set(r.body.to_owned()),
        findings: Set(TextJson(r.findings)),
        published_at: Set(None),
        hidden_at: Set(None),
        hidden_reason: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await
}

pub async fn of_collaboration(
    db: &impl ConnectionTrait,
    collaboration_id: Uuid,
) -> Result<Vec<ReviewRow>, DbErr> {
    Reviews::find()
        .filter(Column::CollaborationId.eq(collaboration_id))
        .order_by_asc(Column::CreatedAt)
        .all(db)
        .await
        .map_err(super::unreadable_in("reviews"))
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<ReviewRow>, DbErr> {
    Reviews::find_by_id(id)
        .one(db)
        .await
        .map_err(super::unreadable("reviews", id))
}

/// Publishes every review of the collaboration at `now`.
pub async fn publish(
    db: &impl ConnectionTrait,
    collaboration_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    Reviews::update_many()
        .col_expr(Column::PublishedAt, Expr::value(now))
        .filter(Column::CollaborationId.eq(collaboration_id))
        .filter(Column::PublishedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The published reviews of `subject_id`, newest first (hidden ones too: they keep their
/// place with the admin's reason).
pub async fn published_about(
    db: &impl ConnectionTrait,
    subject_id: Uuid,
    offset: u64,
    limit: u64,
) -> Result<Vec<ReviewRow>, DbErr> {
    Reviews::find()
        .filter(Column::SubjectId.eq(subject_id))
        .filter(Column::PublishedAt.is_not_null())
        .order_by_desc(Column::PublishedAt)
        .order_by_desc(Column::Id)
        .offset(offset)
        .limit(limit)
        .all(db)
        .await
        .map_err(super::unreadable_in("reviews"))
}

/// How many published reviews `subject_id` has (hidden ones included, as listed).
pub async fn published_count(db: &impl ConnectionTrait, subject_id: Uuid) -> Result<u64, DbErr> {
    Reviews::find()
        .filter(Column::SubjectId.eq(subject_id))
        .filter(Column::PublishedAt.is_not_null())
        .count(db)
        .await
}

/// The stars of every published, visible review of `subject_id`.
pub async fn published_stars(
    db: &impl ConnectionTrait,
    subject_id: Uuid,
) -> Result<Vec<i16>, DbErr> {
    Reviews::find()
        .select_only()
        .column(Column::Rating)
        .filter(Column::SubjectId.eq(subject_id))
        .filter(Column::PublishedAt.is_not_null())
        .filter(Column::HiddenAt.is_null())
        .into_tuple()
        .all(db)
        .await
}

/// Hides a review with a reason; false when it was hidden already.
pub async fn hide(
    db: &impl ConnectionTrait,
    id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let r = Reviews::update_many()
        .col_expr(Column::HiddenAt, Expr::value(now))
        .col_expr(Column::HiddenReason, Expr::value(reason))
        .filter(Column::Id.eq(id))
        .filter(Column::HiddenAt.is_null())
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// What the account wrote (for its export).
pub async fn by_author(
    db: &impl ConnectionTrait,
    author_id: Uuid,
) -> Result<Vec<ReviewRow>, DbErr> {
    Reviews::find()
        .filter(Column::AuthorId.eq(author_id))
        .order_by_asc(Column::CreatedAt)
        .all(db)
        .await
}
