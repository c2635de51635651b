//! Queries on the admins' market rules and screening terms, the compliance generation,
//! and the findings stored with products and host profiles.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use crate::{
    domain::findings::Screened,
    entities::{
        compliance_state::{self, Entity as State},
        host_profile::{self, Entity as Hosts},
        market_rule::{self, Entity as Rules},
        product::{self, Entity as Products},
        screening_term::{self, Entity as Terms},
        text_json::TextJson,
    },
};

pub use market_rule::Model as RuleRow;
pub use screening_term::Model as TermRow;

pub async fn rules(db: &impl ConnectionTrait) -> Result<Vec<RuleRow>, DbErr> {
    readable::<Rules>(db, market_rule::Column::Id, market_rule::Column::CreatedAt).await
}

pub async fn terms(db: &impl ConnectionTrait) -> Result<Vec<TermRow>, DbErr> {
    readable::<Terms>(
        db,
        screening_term::Column::Id,
        screening_term::Column::CreatedAt,
    )
    .await
}

/// Every row of `E` that reads as its type, by `order`. A row that does not (a level or
/// kind written by another build, a list edited by hand) is skipped with a warning naming
/// it: one admin row must not keep the service from starting or screening. The rows are
/// read one by one only when reading them together fails.
async fn readable<E: EntityTrait>(
    db: &impl ConnectionTrait,
    id: E::Column,
    order: E::Column,
) -> Result<Vec<E::Model>, DbErr> {
    match E::find().order_by_asc(order).all(db).await {
        Err(DbErr::Type(_) | DbErr::Json(_)) => {}
        all => return all,
    }
    let ids: Vec<Uuid> = E::find()
        .select_only()
        .column(id)
        .order_by_asc(order)
        .into_tuple()
        .all(db)
        .await?;
    let mut rows = Vec::with_capacity(ids.len());
    for key in ids {
        match E::find().filter(id.eq(key)).one(db).await {
            Ok(Some(row)) => rows.push(row),
            Ok(None) => {}
            Err(e @ (DbErr::Type(_) | DbErr::Json(_))) => {
                tracing::warn!(table = E::default().table_name(), row.id = %key, error = %e, "skipping an unreadable row");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(rows)
}

pub async fn find_rule(
    db: &impl ConnectionTrait,
    market: &str,
    category: i32,
) -> Result<Option<RuleRow>, DbErr> {
    Rules::find()
        .filter(market_rule::Column::Market.eq(market))
        .filter(market_rule::Column::Category.eq(category))
        .one(db)
        .await
}

pub async fn find_term(
    db: &impl ConnectionTrait,
    language: &str,
    term_key: &str,
) -> Result<Option<TermRow>, DbErr> {
    Terms::find()
        .filter(screening_term::Column::Language.eq(language))
        .filter(screening_term::Column::TermKey.eq(term_key))
        .one(db)
        .await
}

pub async fn insert_rule(db: &impl ConnectionTrait, r: RuleRow) -> Result<RuleRow, DbErr> {
    market_rule::ActiveModel::from(r).insert(db).await
}

pub async fn insert_term(db: &impl ConnectionTrait, t: TermRow) -> Result<TermRow, DbErr> {
    screening_term::ActiveModel::from(t).insert(db).await
}

/// Deletes and returns the rule, if there was one.
pub async fn delete_rule(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<RuleRow>, DbErr> {
    let Some(row) = Rules::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Rules::delete_by_id(id).exec(db).await?;
    Ok(Some(row))
}

pub async fn delete_term(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<TermRow>, DbErr> {
    let Some(row) = Terms::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Terms::delete_by_id(id).exec(db).await?;
    Ok(Some(row))
}

pub async fn generation(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    Ok(State::find_by_id(1)
        .one(db)
        .await?
        .map_or(0, |s| s.generation))
}

/// Counts one more change to the rules or terms, in the change's transaction.
pub async fn bump_generation(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    State::update_many()
        .col_expr(
            compliance_state::Column::Generation,
            Expr::col(compliance_state::Column::Generation).add(1),
        )
        .filter(compliance_state::Column::Id.eq(1))
        .exec(db)
        .await?;
    Ok(())
}

/// The columns the findings queries need, for products and host profiles alike.
pub struct Screenable<E: EntityTrait> {
    id: E::Column,
    compliance: E::Column,
    screened_with: E::Column,
    updated_at: E::Column,
}

/// Products' findings.
pub const PRODUCTS: Screenable<Products> = Screenable {
    id: product::Column::Id,
    compliance: product::Column::Compliance,
    screened_with: product::Column::ScreenedWith,
    updated_at: product::Column::UpdatedAt,
};

/// Host profiles' findings.
pub const HOSTS: Screenable<Hosts> = Screenable {
    id: host_profile::Column::Id,
    compliance: host_profile::Column::Compliance,
    screened_with: host_profile::Column::ScreenedWith,
    updated_at: host_profile::Column::UpdatedAt,
};

impl<E: EntityTrait> Screenable<E> {
    /// Up to `limit` rows after `after` (by id) whose findings came from another rulebook
    /// than `version`.
    pub async fn stale(
        &self,
        db: &impl ConnectionTrait,
        version: &str,
        after: Option<Uuid>,
        limit: u64,
    ) -> Result<Vec<E::Model>, DbErr> {
        let mut q = E::find().filter(self.screened_with.ne(version));
        if let Some(a) = after {
            q = q.filter(self.id.gt(a));
        }
        q.order_by_asc(self.id).limit(limit).all(db).await
    }

    /// Stores a row's new findings unless the row changed since it was read (its own save
    /// then screened it); true when stored.
    pub async fn set(
        &self,
        db: &impl ConnectionTrait,
        id: Uuid,
        read_at: DateTime<Utc>,
        read_with: &str,
        s: &Screened,
    ) -> Result<bool, DbErr> {
        let res = E::update_many()
            .col_expr(self.compliance, Expr::value(TextJson(s.compliance.clone())))
            .col_expr(self.screened_with, Expr::value(s.screened_with.clone()))
            .filter(self.id.eq(id))
            .filter(self.updated_at.eq(read_at))
            .filter(self.screened_with.eq(read_with))
            .exec(db)
            .await?;
        Ok(res.rows_affected == 1)
    }
}

/// The rules and terms an admin added, for the admin's data export.
pub async fn added_by(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<(Vec<RuleRow>, Vec<TermRow>), DbErr> {
    let rules = Rules::find()
        .filter(market_rule::Column::CreatedBy.eq(account_id))
        .order_by_asc(market_rule::Column::CreatedAt)
        .all(db)
        .await
        .map_err(super::unreadable_in("market_rules"))?;
    let terms = Terms::find()
        .filter(screening_term::Column::CreatedBy.eq(account_id))
        .order_by_asc(screening_term::Column::CreatedAt)
        .all(db)
        .await
        .map_err(super::unreadable_in("screening_terms"))?;
    Ok((rules, terms))
}
