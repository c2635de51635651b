//! `/products/{id}/matches` (the owner supplier, admins) and `/recommendations` (approved
//! hosts): rankings from the same operations as the API, each score drawn in its parts,
//! with a weights form whose six inputs answer 303 to the canonical URL (`weights=` as the
//! API reads it), or 422 with the errors next to their inputs.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::{StatusCode, Uri},
    response::{IntoResponse, Redirect, Response},
};
use search_index::{PARTS, Weights};
use uuid::Uuid;

use super::{
    products::{self, ProductLine},
    score::{self, Score, WeightInput},
    view::{self, Failed, Typed},
};
use crate::{
    db::products::ProductRow,
    domain::{Locale, PageRequest, fields::FieldError},
    services::{
        hits::VisibleHost,
        matching::{self, Matched, Ranking},
        query::{
            Edge,
            ranking::{self as parse, weights_from_parts, weights_param},
        },
    },
    state::AppState,
    web::{
        context::SignedIn,
        i18n::I18n,
        page::{Frame, PageError, render},
        paging::Pager,
    },
};

/// A host ranked for a product.
struct HostMatch {
    id: Uuid,
    name: String,
    headline: String,
    score: Score,
}

/// A product ranked for a host.
struct ProductMatch {
    line: ProductLine,
    score: Score,
}

/// What both ranking pages show around their hits.
struct Ranked {
    action: String,
    typed: Typed,
    weights: Vec<WeightInput>,
    total: u64,
    pager: Pager,
}

#[derive(Template)]
#[template(path = "search/matches.html")]
struct MatchesPage {
    page: Frame,
    v: Ranked,
    product_id: Uuid,
    product_title: String,
    hits: Vec<HostMatch>,
}

#[derive(Template)]
#[template(path = "search/recommendations.html")]
struct RecommendationsPage {
    page: Frame,
    v: Ranked,
    /// The host has no profile yet: nothing to rank for.
    no_profile: bool,
    hits: Vec<ProductMatch>,
}

/// What the query string asks of a ranking page.
enum Asked {
    /// The weights form was sent: go to the canonical URL.
    Go(String),
    /// Rank with these (or refuse them, with the typed input kept).
    Rank(Typed, Result<Ranking, Vec<FieldError>>),
}

/// Reads the weights form (`weights.<part>` inputs) or the canonical query.
fn asked(i18n: &I18n, path: &str, query: &str) -> Asked {
    let mut typed = Typed::new(query);
    let pairs = view::pairs(query);
    let typed_parts: Vec<(&str, &str)> = PARTS
        .iter()
        .filter_map(|p| {
            let name = format!("weights.{p}");
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*p, v.as_str()))
        })
        .collect();
    let rest: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, v)| !k.starts_with("weights") && k != "page" && !v.is_empty())
        .cloned()
        .collect();
    if !typed_parts.is_empty() {
        match weights_from_parts(typed_parts) {
            Ok(w) => {
                // `weights=language:3,market:2` as the API documents it: its characters
                // need no escaping in a query.
                let mut to: Vec<String> = weights_param(&w)
                    .map(|param| format!("weights={param}"))
                    .into_iter()
                    .collect();
                to.extend(
                    rest.iter()
                        .filter(|(k, v)| k == "per_page" && v.bytes().all(|b| b.is_ascii_digit()))
                        .map(|(_, v)| format!("per_page={v}")),
                );
                let to = if to.is_empty() {
                    path.to_owned()
                } else {
                    format!("{path}?{}", to.join("&"))
                };
                return Asked::Go(to);
            }
            Err(errors) => {
                typed.fail_all(i18n, &errors, &PARTS, "weights.");
                // Rank as the page was before the form was sent.
                let before: Vec<(String, String)> = pairs
                    .iter()
                    .filter(|(k, _)| !k.starts_with("weights."))
                    .cloned()
                    .collect();
                let before = view::url("", &before);
                let q = before.trim_start_matches('?');
                return Asked::Rank(typed, parse::ranking(q, Edge::Page));
            }
        }
    }
    Asked::Rank(typed, parse::ranking(query, Edge::Page))
}

/// The parts of a ranking page every hit shares: its weights form and its pager.
fn ranked<T>(i18n: &I18n, here: &str, action: String, typed: Typed, m: &Matched<T>) -> Ranked {
    let r = m.ranking;
    let req = PageRequest {
        page: (r.offset / r.limit.max(1)) as u64 + 1,
        per_page: r.limit as u64,
    };
    Ranked {
        weights: score::inputs(i18n, &r.weights, &typed),
        action,
        typed,
        total: m.total,
        pager: Pager::new(here, req, m.total),
    }
}

/// A ranking page with nothing to show: the default weights, the errors.
fn empty(
    i18n: &I18n,
    here: &str,
    action: String,
    mut typed: Typed,
    errors: &[FieldError],
) -> Ranked {
    typed.fail_all(i18n, errors, &[], "");
    Ranked {
        weights: score::inputs(i18n, &Weights::default(), &typed),
        action,
        typed,
        total: 0,
        pager: Pager::new(here, PageRequest::default(), 0),
    }
}

fn status(typed: &Typed) -> StatusCode {
    if typed.is_valid() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

pub async fn matches(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    uri: Uri,
) -> Result<Response, PageError> {
    let id: Uuid = id.parse().map_err(|_| PageError::NotFound)?;
    let i18n = &me.viewer.i18n;
    let here = &me.viewer.path;
    let action = format!("/products/{id}/matches");
    let (typed, ranking) = match asked(i18n, &action, uri.query().unwrap_or("")) {
        Asked::Go(to) => (Typed::default(), Err(Failed::Go(to))),
        Asked::Rank(typed, r) => (typed, r.map_err(Failed::Invalid)),
    };
    let got =
        matching::hosts_for_product(&state.db, &state.search, &me.actor, id, || ranking).await;
    let page = Frame::of(&me.viewer);
    let t = match got {
        Ok((product, m)) => {
            let v = ranked(i18n, here, action, typed, &m);
            let findings = &product.compliance.0;
            let hits = m
                .hits
                .into_iter()
                .map(|(hit, host): (_, VisibleHost)| HostMatch {
                    id: host.profile.id,
                    name: host.profile.display_name.clone(),
                    headline: host.profile.headline.clone(),
                    score: Score::new(i18n, &hit, findings, &host.profile.markets.0),
                })
                .collect();
            MatchesPage {
                page,
                product_title: title(i18n.locale, &product),
                product_id: id,
                v,
                hits,
            }
        }
        Err(Failed::Invalid(errors)) => {
            // The product is the caller's (the ranking is read after that check).
            let product = crate::db::products::find(state.db.conn(), id).await?;
            MatchesPage {
                page,
                product_title: product.map_or_else(String::new, |p| title(i18n.locale, &p)),
                product_id: id,
                v: empty(i18n, here, action, typed, &errors),
                hits: Vec::new(),
            }
        }
        Err(Failed::Go(to)) => return Ok(Redirect::to(&to).into_response()),
        Err(Failed::Page(e)) => return Err(e),
    };
    Ok(render(status(&t.v.typed), &t))
}

fn title(locale: Locale, p: &ProductRow) -> String {
    match locale {
        Locale::ZhCn if !p.title_zh.trim().is_empty() => p.title_zh.clone(),
        _ => p.title.clone(),
    }
}

pub async fn recommendations(
    State(state): State<AppState>,
    me: SignedIn,
    uri: Uri,
) -> Result<Response, PageError> {
    let i18n = &me.viewer.i18n;
    let here = &me.viewer.path;
    let action = "/recommendations".to_owned();
    let (typed, ranking) = match asked(i18n, &action, uri.query().unwrap_or("")) {
        Asked::Go(to) => (Typed::default(), Err(Failed::Go(to))),
        Asked::Rank(typed, r) => (typed, r.map_err(Failed::Invalid)),
    };
    let got = matching::products_for_host(&state.db, &state.search, &me.actor, || ranking).await;
    let page = Frame::of(&me.viewer);
    let t = match got {
        Ok((profile, m)) => {
            let v = ranked(i18n, here, action, typed, &m);
            let markets = &profile.markets.0;
            let hits = m
                .hits
                .iter()
                .map(|(hit, row)| ProductMatch {
                    line: products::line(i18n, row),
                    score: Score::new(i18n, hit, &row.compliance.0, markets),
                })
                .collect();
            RecommendationsPage {
                page,
                v,
                no_profile: false,
                hits,
            }
        }
        Err(Failed::Invalid(errors)) => RecommendationsPage {
            page,
            v: empty(i18n, here, action, typed, &errors),
            no_profile: false,
            hits: Vec::new(),
        },
        Err(Failed::Page(PageError::Conflict)) => RecommendationsPage {
            page,
            v: empty(i18n, here, action, typed, &[]),
            no_profile: true,
            hits: Vec::new(),
        },
        Err(Failed::Go(to)) => return Ok(Redirect::to(&to).into_response()),
        Err(Failed::Page(e)) => return Err(e),
    };
    Ok(render(status(&t.v.typed), &t))
}
