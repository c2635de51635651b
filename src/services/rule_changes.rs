//! Admins add and remove market rules and screening terms: each change is audited and
//! counted in the compliance generation in one transaction, then this process's rulebook
//! is rebuilt and the re-screening job woken.

use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::{
    db::{
        self, Db,
        audit::{self, AuditEntry},
        rules::{self, RuleRow, TermRow},
    },
    domain::{Actor, Refusal, Refuses},
    entities::text_json::TextJson,
    policy::{self, Denied},
    reference::{
        market_rules::MarketRule,
        screening_terms::{ScreeningTerm, key},
    },
    services::{rulebook::LiveRulebook, screening},
};

#[derive(Debug, thiserror::Error)]
pub enum RuleChangeError {
    #[error(transparent)]
    Denied(#[from] Denied),
    #[error("no such rule or term")]
    NotFound,
    /// The admins already have an entry with this key.
    #[error("{0}")]
    Exists(String),
    #[error("changing the rules")]
    Db(#[from] DbErr),
}

impl Refuses for RuleChangeError {
    fn refusal(&self) -> Option<Refusal> {
        match self {
            Self::Denied(d) => Some((*d).into()),
            Self::NotFound => Some(Refusal::NotFound),
            Self::Exists(m) => Some(Refusal::Conflict(m.clone())),
            Self::Db(_) => None,
        }
    }
}

type Result<T, E = RuleChangeError> = std::result::Result<T, E>;

/// After a committed change: the new rulebook for this process, and the re-screening job
/// woken. The change stands whatever happens here: if the rulebook cannot be read now,
/// the job's generation check (every 30 s) reloads it, so the admin is not told of a
/// failure that did not happen.
async fn reload(db: &Db, live: &LiveRulebook) {
    match screening::load(db.conn()).await {
        Ok(book) => live.replace(book),
        Err(e) => tracing::error!(error = %e, "reloading the rulebook after a change"),
    }
    live.changed.notify_one();
}

/// An insert that lost a race with the same key: the other admin's row won.
fn taken(e: DbErr, what: &str) -> RuleChangeError {
    if db::is_unique_violation(&e) {
        RuleChangeError::Exists(format!("{what} was added meanwhile; delete it first."))
    } else {
        e.into()
    }
}

/// Adds a rule (which replaces a shipped rule for the same market and category). 409 when
/// the admins already have one for the pair.
#[tracing::instrument(name = "rule_changes.add_rule", skip_all, fields(rule.id))]
pub async fn add_rule(
    db: &Db,
    live: &LiveRulebook,
    admin: &Actor,
    rule: MarketRule,
) -> Result<RuleRow> {
    policy::may_administer(admin)?;
    let txn = db.begin_write().await?;
    if let Some(existing) = rules::find_rule(&txn, &rule.market, rule.category as i32).await? {
        return Err(RuleChangeError::Exists(format!(
            "An added rule for {} and category {} exists already ({}); delete it first.",
            rule.market, rule.category, existing.id
        )));
    }
    let row = rules::insert_rule(
        &txn,
        RuleRow {
            id: Uuid::now_v7(),
            market: rule.market.clone(),
            category: rule.category as i32,
            level: rule.level,
            reason: rule.reason.clone(),
            reason_zh: rule.reason_zh.clone(),
            source: rule.source.clone(),
            created_by: Some(admin.id),
            created_at: Utc::now(),
        },
    )
    .await
    .map_err(|e| taken(e, "A rule for this market and category"))?;
    tracing::Span::current().record("rule.id", tracing::field::display(row.id));
    audit_change(
        &txn,
        admin.id,
        "market_rule.add",
        "market_rule",
        row.id,
        &row,
    )
    .await?;
    txn.commit().await?;
    reload(db, live).await;
    Ok(row)
}

#[tracing::instrument(name = "rule_changes.delete_rule", skip_all, fields(rule.id = %id))]
pub async fn delete_rule(db: &Db, live: &LiveRulebook, admin: &Actor, id: Uuid) -> Result<()> {
    policy::may_administer(admin)?;
    let txn = db.begin_write().await?;
    let row = rules::delete_rule(&txn, id)
        .await?
        .ok_or(RuleChangeError::NotFound)?;
    audit_change(
        &txn,
        admin.id,
        "market_rule.delete",
        "market_rule",
        id,
        &row,
    )
    .await?;
    txn.commit().await?;
    reload(db, live).await;
    Ok(())
}

/// Adds a term (which replaces a shipped term with the same language and words). 409 when
/// the admins already have it.
#[tracing::instrument(name = "rule_changes.add_term", skip_all, fields(term.id))]
pub async fn add_term(
    db: &Db,
    live: &LiveRulebook,
    admin: &Actor,
    term: ScreeningTerm,
) -> Result<TermRow> {
    policy::may_administer(admin)?;
    let txn = db.begin_write().await?;
    let term_key = key(&term.term);
    if let Some(existing) = rules::find_term(&txn, term.language.code(), &term_key).await? {
        return Err(RuleChangeError::Exists(format!(
            "An added term {:?} in {} exists already ({}); delete it first.",
            term.term,
            term.language.code(),
            existing.id
        )));
    }
    let row = rules::insert_term(
        &txn,
        TermRow {
            id: Uuid::now_v7(),
            language: term.language.code().to_owned(),
            kind: term.kind,
            level: term.level,
            markets: TextJson(term.markets.clone()),
            term: term.term.clone(),
            term_key,
            reason: term.reason.clone(),
            reason_zh: term.reason_zh.clone(),
            source: term.source.clone().unwrap_or_default(),
            created_by: Some(admin.id),
            created_at: Utc::now(),
        },
    )
    .await
    .map_err(|e| taken(e, "This term"))?;
    tracing::Span::current().record("term.id", tracing::field::display(row.id));
    audit_change(
        &txn,
        admin.id,
        "screening_term.add",
        "screening_term",
        row.id,
        &row,
    )
    .await?;
    txn.commit().await?;
    reload(db, live).await;
    Ok(row)
}

#[tracing::instrument(name = "rule_changes.delete_term", skip_all, fields(term.id = %id))]
pub async fn delete_term(db: &Db, live: &LiveRulebook, admin: &Actor, id: Uuid) -> Result<()> {
    policy::may_administer(admin)?;
    let txn = db.begin_write().await?;
    let row = rules::delete_term(&txn, id)
        .await?
        .ok_or(RuleChangeError::NotFound)?;
    audit_change(
        &txn,
        admin.id,
        "screening_term.delete",
        "screening_term",
        id,
        &row,
    )
    .await?;
    txn.commit().await?;
    reload(db, live).await;
    Ok(())
}

/// The audit row and the generation count of a change, in its transaction.
async fn audit_change(
    txn: &impl ConnectionTrait,
    admin: Uuid,
    action: &str,
    target_type: &str,
    id: Uuid,
    row: &impl std::fmt::Debug,
) -> Result<(), DbErr> {
    rules::bump_generation(txn).await?;
    audit::record(
        txn,
        AuditEntry {
            actor_id: Some(admin),
            action,
            target_type,
            target_id: Some(id),
            reason: None,
            details: serde_json::json!({ "row": format!("{row:?}") }),
        },
    )
    .await?;
    Ok(())
}
