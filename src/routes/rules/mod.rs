//! `/api/v1/admin/market-rules` and `/api/v1/admin/screening-terms`: the rules and term
//! lists in force (shipped and added), and the admins' additions and removals. Every
//! change is audited and re-screens existing products and profiles in the background. The
//! request bodies are read in `requests`.

use axum::{Json, extract::State, http::StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::services::rule_input::{RuleRequest, TermRequest};
use crate::{
    domain::findings::{Level, TermKind},
    error::{AppError, AppResult, Problem},
    extract::{AdminAccount, ApiPath, ApiQuery, JsonBody},
    policy,
    reference::{market_rules::MarketRule, screening_terms::ScreeningTerm, taxonomy},
    services::{
        rule_changes,
        rulebook::{RuleEntry, TermEntry},
    },
    state::AppState,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_rules, add_rule))
        .routes(routes!(delete_rule))
        .routes(routes!(list_terms, add_term))
        .routes(routes!(delete_term))
}

/// A market rule in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct RuleView {
    /// Null for a shipped rule; an added rule's id, to delete it by.
    id: Option<Uuid>,
    /// `shipped` (the versioned rules file) or `added` (by an admin; it replaces a shipped
    /// rule for the same market and category).
    origin: &'static str,
    market: String,
    category: u32,
    category_name: String,
    level: Level,
    reason: String,
    reason_zh: String,
    source: String,
}

impl From<&RuleEntry> for RuleView {
    fn from(e: &RuleEntry) -> Self {
        let r = &e.rule;
        Self {
            id: e.id,
            origin: if e.id.is_some() { "added" } else { "shipped" },
            market: r.market.clone(),
            category: r.category,
            category_name: taxonomy()
                .get(r.category)
                .map(|c| c.name.to_string())
                .unwrap_or_default(),
            level: r.level,
            reason: r.reason.clone(),
            reason_zh: r.reason_zh.clone(),
            source: r.source.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RuleList {
    /// The rulebook version findings are stored with.
    version: String,
    rules: Vec<RuleView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RuleFilter {
    /// Only rules naming this market (a country or region code).
    market: Option<String>,
    /// Only rules on this category or one of its ancestors.
    category: Option<u32>,
}

/// The market rules in force: the shipped file's and the admins' additions.
#[utoipa::path(get, path = "/api/v1/admin/market-rules", tag = "admin",
    params(RuleFilter), security(("bearer" = [])),
    responses((status = 200, body = RuleList), (status = 403, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn list_rules(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    ApiQuery(f): ApiQuery<RuleFilter>,
) -> AppResult<Json<RuleList>> {
    policy::may_administer(&me)?;
    let book = state.rulebook.book();
    let lineage: Option<Vec<u32>> = f
        .category
        .map(|c| taxonomy().lineage(c).map(|x| x.id).collect());
    let rules = book
        .rules
        .iter()
        .filter(|e| {
            f.market
                .as_deref()
                .is_none_or(|m| e.rule.market.eq_ignore_ascii_case(m.trim()))
        })
        .filter(|e| {
            lineage
                .as_ref()
                .is_none_or(|l| l.contains(&e.rule.category))
        })
        .map(RuleView::from)
        .collect();
    Ok(Json(RuleList {
        version: book.version.clone(),
        rules,
    }))
}

/// Add a market rule. It replaces a shipped rule for the same market and category, is
/// audited, and existing products are re-screened in the background.
#[utoipa::path(post, path = "/api/v1/admin/market-rules", tag = "admin",
    request_body = RuleRequest, security(("bearer" = [])),
    responses((status = 201, body = RuleView), (status = 403, body = Problem),
        (status = 409, description = "an added rule for this market and category exists", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn add_rule(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<RuleView>)> {
    policy::may_administer(&me)?;
    let rule = MarketRule::try_from(body.decode::<RuleRequest>()?).map_err(AppError::Validation)?;
    let row = rule_changes::add_rule(&state.db, &state.rulebook, &me, rule.clone()).await?;
    let view = RuleView::from(&RuleEntry {
        id: Some(row.id),
        rule,
    });
    Ok((StatusCode::CREATED, Json(view)))
}

/// Delete an added market rule (a shipped rule it replaced applies again). Audited;
/// existing products are re-screened in the background.
#[utoipa::path(delete, path = "/api/v1/admin/market-rules/{id}", tag = "admin",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(rule.id = %id))]
async fn delete_rule(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    policy::may_administer(&me)?;
    rule_changes::delete_rule(&state.db, &state.rulebook, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A screening term in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermView {
    /// Null for a shipped term; an added term's id, to delete it by.
    id: Option<Uuid>,
    /// `shipped` or `added` (it replaces a shipped term with the same language and words).
    origin: &'static str,
    /// en, zh, es, pt, ar, ru or id.
    language: String,
    kind: TermKind,
    level: Level,
    /// Where the term matters; empty for every market.
    markets: Vec<String>,
    term: String,
    reason: String,
    reason_zh: String,
    source: Option<String>,
}

impl From<&TermEntry> for TermView {
    fn from(e: &TermEntry) -> Self {
        let t = &e.term;
        Self {
            id: e.id,
            origin: if e.id.is_some() { "added" } else { "shipped" },
            language: t.language.code().to_owned(),
            kind: t.kind,
            level: t.level,
            markets: t.markets.clone(),
            term: t.term.clone(),
            reason: t.reason.clone(),
            reason_zh: t.reason_zh.clone(),
            source: t.source.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TermList {
    version: String,
    terms: Vec<TermView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermFilter {
    language: Option<String>,
    /// claim, counterfeit or sensitive
    kind: Option<String>,
}

/// The screening terms in force: the shipped lists' and the admins' additions.
#[utoipa::path(get, path = "/api/v1/admin/screening-terms", tag = "admin",
    params(TermFilter), security(("bearer" = [])),
    responses((status = 200, body = TermList), (status = 403, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn list_terms(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    ApiQuery(f): ApiQuery<TermFilter>,
) -> AppResult<Json<TermList>> {
    policy::may_administer(&me)?;
    let book = state.rulebook.book();
    let terms = book
        .terms
        .iter()
        .filter(|e| {
            f.language
                .as_deref()
                .is_none_or(|l| e.term.language.code() == l)
        })
        .filter(|e| f.kind.as_deref().is_none_or(|k| e.term.kind.as_str() == k))
        .map(TermView::from)
        .collect();
    Ok(Json(TermList {
        version: book.version.clone(),
        terms,
    }))
}

/// Add a screening term. It replaces a shipped term with the same language and words, is
/// audited, and existing products and profiles are re-screened in the background.
#[utoipa::path(post, path = "/api/v1/admin/screening-terms", tag = "admin",
    request_body = TermRequest, security(("bearer" = [])),
    responses((status = 201, body = TermView), (status = 403, body = Problem),
        (status = 409, description = "an added term with these words exists", body = Problem),
        (status = 422, body = Problem)))]
#[tracing::instrument(skip_all)]
async fn add_term(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<TermView>)> {
    policy::may_administer(&me)?;
    let parsed =
        ScreeningTerm::try_from(body.decode::<TermRequest>()?).map_err(AppError::Validation)?;
    let row = rule_changes::add_term(&state.db, &state.rulebook, &me, parsed.clone()).await?;
    let view = TermView::from(&TermEntry {
        id: Some(row.id),
        term: parsed,
    });
    Ok((StatusCode::CREATED, Json(view)))
}

/// Delete an added screening term. Audited; re-screens in the background.
#[utoipa::path(delete, path = "/api/v1/admin/screening-terms/{id}", tag = "admin",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(term.id = %id))]
async fn delete_term(
    State(state): State<AppState>,
    AdminAccount(me): AdminAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    policy::may_administer(&me)?;
    rule_changes::delete_term(&state.db, &state.rulebook, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
