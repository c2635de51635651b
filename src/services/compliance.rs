//! Compliance operations: admins add and remove market rules and screening terms (each
//! change audited and counted in the compliance generation, in one transaction); the
//! rulebook is rebuilt from the database; saves are screened. Re-screening what is stored
//! after a change is `services::rescreen`.

use chrono::Utc;
use uuid::Uuid;

use crate::{
    db::{
        audit::{self, AuditEntry},
        compliance::{self, RuleRow, TermRow},
    },
    domain::{
        compliance::{Finding, Screened},
        product::ProductDraft,
        profile::HostProfileDraft,
    },
    error::{AppError, AppResult},
    reference::{
        market_rules::{self, MarketRule},
        screening_terms::{self, ScreeningTerm, key},
    },
    services::rulebook::{RuleEntry, Rulebook, TermEntry},
    state::AppState,
};

/// Builds the rulebook from the shipped files and the admins' rows. A row that no longer
/// checks (a market or category gone from the reference data) is skipped with a warning.
pub async fn load(db: &impl sea_orm::ConnectionTrait) -> Result<Rulebook, sea_orm::DbErr> {
    let generation = compliance::generation(db).await?;
    let rules = compliance::rules(db)
        .await?
        .into_iter()
        .filter_map(|r| match rule_of(&r) {
            Ok(rule) => Some(RuleEntry {
                id: Some(r.id),
                rule,
            }),
            Err(e) => {
                tracing::warn!(id = %r.id, error = %e, "skipping a market rule that no longer checks");
                None
            }
        })
        .collect();
    let terms = compliance::terms(db)
        .await?
        .into_iter()
        .filter_map(|t| match term_of(&t) {
            Ok(term) => Some(TermEntry {
                id: Some(t.id),
                term,
            }),
            Err(e) => {
                tracing::warn!(id = %t.id, error = %e, "skipping a screening term that no longer checks");
                None
            }
        })
        .collect();
    Ok(Rulebook::new(generation, rules, terms))
}

fn rule_of(r: &RuleRow) -> Result<MarketRule, String> {
    market_rules::rule(
        &r.market,
        u32::try_from(r.category).map_err(|_| "negative category")?,
        &r.level,
        &r.reason,
        &r.reason_zh,
        &r.source,
    )
}

fn term_of(t: &TermRow) -> Result<ScreeningTerm, String> {
    let markets: Vec<String> = serde_json::from_str(&t.markets).map_err(|e| e.to_string())?;
    screening_terms::term(
        &t.language,
        &t.kind,
        &t.level,
        &markets,
        &t.term,
        &t.reason,
        &t.reason_zh,
        Some(&t.source),
    )
}

/// The findings a product draft carries, stored form.
pub fn screen_product(book: &Rulebook, d: &ProductDraft) -> Screened {
    let text = [&d.title, &d.title_zh, &d.description, &d.description_zh];
    Screened::new(&product_findings(book, d.category, text), &book.version)
}

pub(crate) fn product_findings(book: &Rulebook, category: u32, text: [&String; 4]) -> Vec<Finding> {
    let [title, title_zh, description, description_zh] = text;
    book.screen_product(
        category,
        &[
            ("title", title),
            ("title_zh", title_zh),
            ("description", description),
            ("description_zh", description_zh),
        ],
    )
}

/// The findings a host profile draft carries: its headline and bio.
pub fn screen_host(book: &Rulebook, d: &HostProfileDraft) -> Screened {
    Screened::new(&host_findings(book, &d.headline, &d.bio), &book.version)
}

pub(crate) fn host_findings(book: &Rulebook, headline: &str, bio: &str) -> Vec<Finding> {
    book.screen_text(&[("headline", headline), ("bio", bio)])
}

/// After a committed change: the new rulebook for this process, and the re-screening job
/// woken. The change stands whatever happens here: if the rulebook cannot be read now,
/// the job's generation check (every 30 s) reloads it, so the admin is not told of a
/// failure that did not happen.
async fn reload(state: &AppState) {
    match load(state.db.conn()).await {
        Ok(book) => state.compliance.replace(book),
        Err(e) => tracing::error!(error = %e, "reloading the rulebook after a change"),
    }
    state.compliance.changed.notify_one();
}

/// An insert that lost a race with the same key: the other admin's row won.
fn taken(e: sea_orm::DbErr, what: &str) -> AppError {
    if crate::db::is_unique_violation(&e) {
        AppError::Conflict(format!("{what} was added meanwhile; delete it first."))
    } else {
        e.into()
    }
}

/// Adds a rule (which replaces a shipped rule for the same market and category). 409 when
/// the admins already have one for the pair.
pub async fn add_rule(state: &AppState, admin: Uuid, rule: MarketRule) -> AppResult<RuleRow> {
    let txn = state.db.begin_write().await?;
    if let Some(existing) = compliance::find_rule(&txn, &rule.market, rule.category as i32).await? {
        return Err(AppError::Conflict(format!(
            "An added rule for {} and category {} exists already ({}); delete it first.",
            rule.market, rule.category, existing.id
        )));
    }
    let row = compliance::insert_rule(
        &txn,
        RuleRow {
            id: Uuid::now_v7(),
            market: rule.market.clone(),
            category: rule.category as i32,
            level: rule.level.as_str().to_owned(),
            reason: rule.reason.clone(),
            reason_zh: rule.reason_zh.clone(),
            source: rule.source.clone(),
            created_by: Some(admin),
            created_at: Utc::now(),
        },
    )
    .await
    .map_err(|e| taken(e, "A rule for this market and category"))?;
    audit_change(&txn, admin, "market_rule.add", "market_rule", row.id, &row).await?;
    txn.commit().await?;
    reload(state).await;
    Ok(row)
}

pub async fn delete_rule(state: &AppState, admin: Uuid, id: Uuid) -> AppResult<()> {
    let txn = state.db.begin_write().await?;
    let row = compliance::delete_rule(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit_change(&txn, admin, "market_rule.delete", "market_rule", id, &row).await?;
    txn.commit().await?;
    reload(state).await;
    Ok(())
}

/// Adds a term (which replaces a shipped term with the same language and words). 409 when
/// the admins already have it.
pub async fn add_term(state: &AppState, admin: Uuid, term: ScreeningTerm) -> AppResult<TermRow> {
    let txn = state.db.begin_write().await?;
    let term_key = key(&term.term);
    if let Some(existing) = compliance::find_term(&txn, term.language.code(), &term_key).await? {
        return Err(AppError::Conflict(format!(
            "An added term {:?} in {} exists already ({}); delete it first.",
            term.term,
            term.language.code(),
            existing.id
        )));
    }
    let row = compliance::insert_term(
        &txn,
        TermRow {
            id: Uuid::now_v7(),
            language: term.language.code().to_owned(),
            kind: term.kind.as_str().to_owned(),
            level: term.level.as_str().to_owned(),
            markets: serde_json::to_string(&term.markets).expect("strings serialize"),
            term: term.term.clone(),
            term_key,
            reason: term.reason.clone(),
            reason_zh: term.reason_zh.clone(),
            source: term.source.clone().unwrap_or_default(),
            created_by: Some(admin),
            created_at: Utc::now(),
        },
    )
    .await
    .map_err(|e| taken(e, "This term"))?;
    audit_change(
        &txn,
        admin,
        "screening_term.add",
        "screening_term",
        row.id,
        &row,
    )
    .await?;
    txn.commit().await?;
    reload(state).await;
    Ok(row)
}

pub async fn delete_term(state: &AppState, admin: Uuid, id: Uuid) -> AppResult<()> {
    let txn = state.db.begin_write().await?;
    let row = compliance::delete_term(&txn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    audit_change(
        &txn,
        admin,
        "screening_term.delete",
        "screening_term",
        id,
        &row,
    )
    .await?;
    txn.commit().await?;
    reload(state).await;
    Ok(())
}

/// The audit row and the generation count of a change, in its transaction.
async fn audit_change(
    txn: &impl sea_orm::ConnectionTrait,
    admin: Uuid,
    action: &str,
    target_type: &str,
    id: Uuid,
    row: &impl std::fmt::Debug,
) -> AppResult<()> {
    compliance::bump_generation(txn).await?;
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
