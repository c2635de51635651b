//! `/search/hosts` (suppliers, admins): free text, filters as facets with their counts,
//! ranges, sorts and pages, read by the same parser and answered by the same search as
//! `GET /api/v1/hosts/search`; htmx asks for the results fragment only.

use askama::Template;
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode, Uri},
    response::{IntoResponse, Redirect, Response},
};

use super::{
    names,
    view::{self, Facet, Failed, Typed},
};
use crate::{
    services::{
        hits::VisibleHost,
        query::{
            Edge,
            search::{self as parse, HOST_SORTS},
        },
        search::{self, Found},
    },
    state::AppState,
    web::{
        context::SignedIn,
        i18n::I18n,
        page::{Frame, PageError, render},
        paging::Pager,
    },
};

const PATH: &str = "/search/hosts";
/// The fields the form shows, where their errors go.
const ON_FORM: &[&str] = &[
    "q",
    "language",
    "market",
    "category",
    "platform",
    "min_followers",
    "max_followers",
    "max_commission_pct",
    "sort",
];

pub struct HostSearch {
    /// Whether this is htmx's fragment (the facets then travel out of band).
    fragment: bool,
    typed: Typed,
    facets: Vec<Facet>,
    sorts: Vec<(&'static str, String)>,
    /// `None` when the query was not valid.
    total: Option<u64>,
    hits: Vec<HostLine>,
    pager: Option<Pager>,
}

struct HostLine {
    id: uuid::Uuid,
    name: String,
    headline: String,
    languages: String,
    markets: String,
    followers: String,
    rating: Option<String>,
    min_commission: String,
}

#[derive(Template)]
#[template(path = "search/hosts.html")]
struct Whole<'a> {
    page: Frame,
    v: &'a HostSearch,
}

#[derive(Template)]
#[template(path = "search/hosts.html", block = "results")]
struct Fragment<'a> {
    page: Frame,
    v: &'a HostSearch,
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, PageError> {
    let query = uri.query().unwrap_or("");
    let fragment = view::is_fragment(&headers);
    let i18n = &me.viewer.i18n;
    let asked = || match view::without_blanks(PATH, query) {
        Some(to) if !fragment => Err(Failed::Go(to)),
        _ => parse::hosts(query, Edge::Page).map_err(Failed::Invalid),
    };
    let mut typed = Typed::new(query);
    let found = match search::hosts(&state.db, &state.search, &me.actor, asked).await {
        Ok(found) => Some(found),
        Err(Failed::Invalid(errors)) => {
            typed.fail_all(i18n, &errors, ON_FORM, "");
            None
        }
        Err(Failed::Go(to)) => return Ok(Redirect::to(&to).into_response()),
        Err(Failed::Page(e)) => return Err(e),
    };
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let v = build(i18n, &me.viewer.path, typed, found, fragment);
    let page = Frame::of(&me.viewer);
    Ok(if fragment {
        render(status, &Fragment { page, v: &v })
    } else {
        render(status, &Whole { page, v: &v })
    })
}

fn build(
    i18n: &I18n,
    here: &str,
    typed: Typed,
    found: Option<Found<VisibleHost>>,
    fragment: bool,
) -> HostSearch {
    let no_counts = Vec::new();
    let facet_counts = found.as_ref().map_or(&no_counts, |f| &f.facets);
    let facet = |name: &'static str, label: fn(&I18n, &str) -> String| {
        view::facet(
            name,
            i18n.t(&format!("search-facet-{name}")),
            view::counts(facet_counts, name),
            &typed,
            |v| label(i18n, v),
        )
    };
    let facets = vec![
        facet("language", names::language),
        facet("market", names::market),
        facet("category", names::category),
        facet("platform", names::platform),
    ];
    let sorts = HOST_SORTS
        .iter()
        .map(|s| (*s, i18n.t(&format!("search-sort-{s}"))))
        .collect();
    let (total, hits, pager) = match found {
        Some(f) => {
            let pager = Pager::new(here, f.page, f.total);
            let hits = f.hits.into_iter().map(|(_, h)| line(i18n, h)).collect();
            (Some(f.total), hits, Some(pager))
        }
        None => (None, Vec::new(), None),
    };
    HostSearch {
        fragment,
        typed,
        facets,
        sorts,
        total,
        hits,
        pager,
    }
}

fn line(i18n: &I18n, h: VisibleHost) -> HostLine {
    let p = h.profile;
    let languages: Vec<String> = p.languages.0.iter().map(|l| l.code.clone()).collect();
    HostLine {
        id: p.id,
        name: p.display_name,
        headline: p.headline,
        languages: names::list(i18n, &languages, names::language),
        markets: names::list(i18n, &p.markets.0, names::market),
        followers: view::grouped(p.followers_total),
        rating: p.rating.map(|r| format!("{r:.1}")),
        min_commission: format!("{}%", view::plain(p.min_commission_pct)),
    }
}
