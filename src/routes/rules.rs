//! `/api/v1/admin/market-rules` and `/api/v1/admin/screening-terms`: the rules and term
//! lists in force (shipped and added), and the admins' additions and removals. Every
//! change is audited and re-screens existing products and profiles in the background.

use axum::{Json, extract::State, http::StatusCode};
use search_index::ScreenLanguage;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::{
    domain::{
        fields::Check,
        findings::{Level, TermKind},
    },
    error::{AppError, AppResult, Problem},
    extract::{ApiPath, ApiQuery, CurrentAccount, JsonBody},
    policy,
    reference::{
        market_rules::{self, MarketRule},
        markets,
        screening_terms::{self, MAX_TERM, ScreeningTerm},
        taxonomy,
    },
    services::{
        rule_changes,
        rulebook::{RuleEntry, TermEntry},
    },
    state::AppState,
};

const MAX_REASON: usize = 2000;
const MAX_SOURCE: usize = 1000;

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
    me: CurrentAccount,
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleRequest {
    /// A country (ISO 3166-1 alpha-2) or a region (see /api/v1/markets).
    market: String,
    /// A taxonomy id; the rule covers its descendants.
    category: u32,
    /// `prohibited`, `restricted` or `caution`.
    level: String,
    reason: String,
    reason_zh: String,
    /// The law, regulation or platform rule it rests on.
    source: String,
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
    me: CurrentAccount,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<RuleView>)> {
    policy::may_administer(&me)?;
    let rule = MarketRule::try_from(body.decode::<RuleRequest>()?)?;
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
    me: CurrentAccount,
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
    me: CurrentAccount,
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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TermRequest {
    /// en, zh, es, pt, ar, ru or id.
    language: String,
    /// claim, counterfeit or sensitive.
    kind: String,
    /// prohibited, restricted or caution.
    level: String,
    /// Countries or regions where the term matters; leave out for every market.
    #[serde(default)]
    markets: Vec<String>,
    /// A word or phrase in its base form; matched through the language's analysis.
    term: String,
    reason: String,
    reason_zh: String,
    #[serde(default)]
    source: Option<String>,
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
    me: CurrentAccount,
    body: JsonBody,
) -> AppResult<(StatusCode, Json<TermView>)> {
    policy::may_administer(&me)?;
    let parsed = ScreeningTerm::try_from(body.decode::<TermRequest>()?)?;
    let row = rule_changes::add_term(&state.db, &state.rulebook, &me, parsed.clone()).await?;
    let view = TermView::from(&TermEntry {
        id: Some(row.id),
        term: parsed,
    });
    Ok((StatusCode::CREATED, Json(view)))
}

fn level(c: &mut Check, level: &str) {
    if Level::parse(level).is_none() {
        c.fail("level", "must be prohibited, restricted or caution");
    }
}

/// Both reasons, each required.
fn reasons(c: &mut Check, en: &str, zh: &str) -> (String, String) {
    let reason = c.paragraphs("reason", en, MAX_REASON);
    let reason_zh = c.paragraphs("reason_zh", zh, MAX_REASON);
    for (field, v) in [("reason", &reason), ("reason_zh", &reason_zh)] {
        if v.trim().is_empty() {
            c.fail(field, "is required");
        }
    }
    (reason, reason_zh)
}

/// Delete an added screening term. Audited; re-screens in the background.
#[utoipa::path(delete, path = "/api/v1/admin/screening-terms/{id}", tag = "admin",
    params(("id" = Uuid, Path)), security(("bearer" = [])),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
#[tracing::instrument(skip_all, fields(term.id = %id))]
async fn delete_term(
    State(state): State<AppState>,
    me: CurrentAccount,
    ApiPath(id): ApiPath<Uuid>,
) -> AppResult<StatusCode> {
    policy::may_administer(&me)?;
    rule_changes::delete_term(&state.db, &state.rulebook, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

impl TryFrom<RuleRequest> for MarketRule {
    type Error = AppError;

    fn try_from(r: RuleRequest) -> Result<Self, AppError> {
        let mut c = Check::default();
        if markets::expand([r.market.as_str()]).is_err() {
            c.fail("market", "must be a country code or a region");
        }
        let category = c.category("category", r.category);
        level(&mut c, &r.level);
        let (reason, reason_zh) = reasons(&mut c, &r.reason, &r.reason_zh);
        let source = c.line("source", &r.source, 1, MAX_SOURCE);
        c.finish().map_err(AppError::Validation)?;
        market_rules::rule(&r.market, category, &r.level, &reason, &reason_zh, &source)
            .map_err(|e| AppError::field("rule", e))
    }
}

impl TryFrom<TermRequest> for ScreeningTerm {
    type Error = AppError;

    fn try_from(r: TermRequest) -> Result<Self, AppError> {
        let mut c = Check::default();
        if ScreenLanguage::parse(&r.language).is_none() {
            c.fail("language", "must be one of en, zh, es, pt, ar, ru, id");
        }
        if TermKind::parse(&r.kind).is_none() {
            c.fail("kind", "must be claim, counterfeit or sensitive");
        }
        level(&mut c, &r.level);
        if r.markets.len() > 50 {
            c.fail("markets", "must list at most 50 markets");
        } else if let Err(m) =
            markets::expand(r.markets.iter().map(String::as_str).filter(|m| *m != "*"))
        {
            c.fail(
                "markets",
                format!("{m:?} is not a country code or a region"),
            );
        }
        let term = c.line("term", &r.term, 1, MAX_TERM);
        let (reason, reason_zh) = reasons(&mut c, &r.reason, &r.reason_zh);
        let source = c.line("source", r.source.as_deref().unwrap_or(""), 0, MAX_SOURCE);
        c.finish().map_err(AppError::Validation)?;
        // What is left to fail is the term itself: one with no word to look for.
        screening_terms::term(
            &r.language,
            &r.kind,
            &r.level,
            &r.markets,
            &term,
            &reason,
            &reason_zh,
            Some(&source),
        )
        .map_err(|e| AppError::field("term", e))
    }
}
