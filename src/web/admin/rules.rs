//! `/admin/market-rules` and `/admin/screening-terms`: the rules and terms admins added
//! (the shipped ones are counted), a form to add one and a button to remove one, through
//! the same operations and field checks as the API.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{Locale, findings::Level},
    reference::{market_rules::MarketRule, screening_terms::ScreeningTerm, taxonomy},
    services::{
        rule_changes::{self, RuleChangeError},
        rule_input::{RuleRequest, TermRequest},
    },
    state::AppState,
    web::{
        context::{AdminPage, Flash, SignedIn},
        forms::{FormState, PageForm},
        page::{Frame, PageError, render},
    },
};

/// An added rule or term as a row of the page.
struct Line {
    id: Uuid,
    cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/rules.html")]
struct RulesPage {
    page: Frame,
    /// `market-rules` or `screening-terms`.
    kind: &'static str,
    heading: String,
    lead: String,
    empty: String,
    shipped: usize,
    columns: Vec<String>,
    lines: Vec<Line>,
    form: FormState,
    levels: &'static [Level],
}

fn rules_page(me: &SignedIn, state: &AppState, form: FormState, status: StatusCode) -> Response {
    let i18n = &me.viewer.i18n;
    let book = state.rulebook.book();
    let category = |id: u32| {
        taxonomy().get(id).map_or_else(
            || id.to_string(),
            |c| match i18n.locale {
                Locale::En => c.name.to_owned(),
                Locale::ZhCn => c.name_zh.to_owned(),
            },
        )
    };
    let lines = book
        .rules
        .iter()
        .filter_map(|e| e.id.map(|id| (id, &e.rule)))
        .map(|(id, r)| Line {
            id,
            cells: vec![
                r.market.clone(),
                category(r.category),
                i18n.t(&format!("level-{}", r.level.as_str())),
                pick(i18n.locale, &r.reason, &r.reason_zh),
                r.source.clone(),
            ],
        })
        .collect();
    let columns = ["market", "category", "level", "reason", "source"];
    let t = RulesPage {
        kind: "market-rules",
        heading: i18n.t("admin-rules"),
        lead: i18n.t("admin-rules-lead"),
        empty: i18n.t("admin-rules-empty"),
        shipped: book.rules.iter().filter(|e| e.id.is_none()).count(),
        columns: columns
            .iter()
            .map(|c| i18n.t(&format!("admin-col-{c}")))
            .collect(),
        lines,
        form,
        levels: Level::ALL,
        page: Frame::of(&me.viewer),
    };
    render(status, &t)
}

fn terms_page(me: &SignedIn, state: &AppState, form: FormState, status: StatusCode) -> Response {
    let i18n = &me.viewer.i18n;
    let book = state.rulebook.book();
    let lines = book
        .terms
        .iter()
        .filter_map(|e| e.id.map(|id| (id, &e.term)))
        .map(|(id, t)| Line {
            id,
            cells: vec![
                i18n.t(&format!("screen-lang-{}", t.language.code())),
                t.term.clone(),
                i18n.t(&format!("term-kind-{}", t.kind.as_str())),
                i18n.t(&format!("level-{}", t.level.as_str())),
                if t.markets.is_empty() {
                    i18n.t("market-all")
                } else {
                    t.markets.join(" ")
                },
                pick(i18n.locale, &t.reason, &t.reason_zh),
            ],
        })
        .collect();
    let columns = ["language", "term", "kind", "level", "markets", "reason"];
    let t = RulesPage {
        kind: "screening-terms",
        heading: i18n.t("admin-terms"),
        lead: i18n.t("admin-terms-lead"),
        empty: i18n.t("admin-terms-empty"),
        shipped: book.terms.iter().filter(|e| e.id.is_none()).count(),
        columns: columns
            .iter()
            .map(|c| i18n.t(&format!("admin-col-{c}")))
            .collect(),
        lines,
        form,
        levels: Level::ALL,
        page: Frame::of(&me.viewer),
    };
    render(status, &t)
}

fn pick(locale: Locale, en: &str, zh: &str) -> String {
    match locale {
        Locale::En => en.to_owned(),
        Locale::ZhCn => zh.to_owned(),
    }
}

pub async fn show_rules(State(state): State<AppState>, AdminPage(me): AdminPage) -> Response {
    rules_page(&me, &state, FormState::default(), StatusCode::OK)
}

pub async fn show_terms(State(state): State<AppState>, AdminPage(me): AdminPage) -> Response {
    terms_page(&me, &state, FormState::default(), StatusCode::OK)
}

/// A posted rule or term: every field as typed, so a wrong one is named, not a 400.
#[derive(Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    market: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    reason_zh: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    term: String,
    /// Codes separated by spaces or commas.
    #[serde(default)]
    markets: String,
}

impl EntryForm {
    fn kept(&self) -> FormState {
        let mut f = FormState::default();
        for (k, v) in [
            ("market", &self.market),
            ("category", &self.category),
            ("level", &self.level),
            ("reason", &self.reason),
            ("reason_zh", &self.reason_zh),
            ("source", &self.source),
            ("language", &self.language),
            ("kind", &self.kind),
            ("term", &self.term),
            ("markets", &self.markets),
        ] {
            f.keep(k, v);
        }
        f
    }
}

pub async fn add_rule(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    PageForm(f): PageForm<EntryForm>,
) -> Result<Response, PageError> {
    let mut form = f.kept();
    let category = f.category.trim().parse::<u32>();
    if category.is_err() {
        form.fail("category", me.viewer.i18n.t("error-invalid"));
    }
    let parsed = MarketRule::try_from(RuleRequest {
        market: f.market.trim().to_owned(),
        category: category.unwrap_or(0),
        level: f.level,
        reason: f.reason,
        reason_zh: f.reason_zh,
        source: f.source,
    });
    let rule = match parsed {
        Ok(rule) if form.is_valid() => rule,
        parsed => {
            if let Err(errors) = parsed {
                form.fail_all(&me.viewer.i18n, &errors);
            }
            return Ok(rules_page(
                &me,
                &state,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let result = rule_changes::add_rule(&state.db, &state.rulebook, &me.actor, rule).await;
    added(
        &me,
        &state,
        result,
        form,
        (Flash::RuleAdded, "/admin/market-rules"),
        rules_page,
    )
}

/// Draws a rules or terms page with a form and a status.
type Draw = fn(&SignedIn, &AppState, FormState, StatusCode) -> Response;

/// What follows an add: the list again with a flash, or the form kept and a 409 when the
/// admins already have such an entry.
fn added<T>(
    me: &SignedIn,
    state: &AppState,
    result: Result<T, RuleChangeError>,
    mut form: FormState,
    (flash, to): (Flash, &str),
    again: Draw,
) -> Result<Response, PageError> {
    match result {
        Ok(_) => Ok(done(me, flash, to)),
        Err(RuleChangeError::Exists(_)) => {
            form.summary = Some(me.viewer.i18n.t("admin-entry-exists"));
            Ok(again(me, state, form, StatusCode::CONFLICT))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn add_term(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    PageForm(f): PageForm<EntryForm>,
) -> Result<Response, PageError> {
    let mut form = f.kept();
    let markets = f
        .markets
        .split([' ', ',', '\n', '\t'])
        .filter(|m| !m.is_empty())
        .map(str::to_owned)
        .collect();
    let parsed = ScreeningTerm::try_from(TermRequest {
        language: f.language,
        kind: f.kind,
        level: f.level,
        markets,
        term: f.term,
        reason: f.reason,
        reason_zh: f.reason_zh,
        source: Some(f.source),
    });
    let term = match parsed {
        Ok(term) => term,
        Err(errors) => {
            form.fail_all(&me.viewer.i18n, &errors);
            return Ok(terms_page(
                &me,
                &state,
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let result = rule_changes::add_term(&state.db, &state.rulebook, &me.actor, term).await;
    added(
        &me,
        &state,
        result,
        form,
        (Flash::TermAdded, "/admin/screening-terms"),
        terms_page,
    )
}

pub async fn remove_rule(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    rule_changes::delete_rule(&state.db, &state.rulebook, &me.actor, id).await?;
    Ok(done(&me, Flash::RuleRemoved, "/admin/market-rules"))
}

pub async fn remove_term(
    State(state): State<AppState>,
    AdminPage(me): AdminPage,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = Uuid::parse_str(&id).map_err(|_| PageError::NotFound)?;
    rule_changes::delete_term(&state.db, &state.rulebook, &me.actor, id).await?;
    Ok(done(&me, Flash::TermRemoved, "/admin/screening-terms"))
}

fn done(me: &SignedIn, flash: Flash, to: &str) -> Response {
    let jar = CookieJar::new().add(me.viewer.cookies.flash(flash));
    (jar, Redirect::to(to)).into_response()
}
