//! `/search/products` (approved accounts): free text, category and market facets with
//! their counts, commission, price, free samples, sorts and pages, read by the same parser
//! and answered by the same search as `GET /api/v1/products/search`; Chinese titles
//! first for Chinese readers.

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
    db::products::ProductRow,
    domain::Locale,
    services::{
        query::{
            Edge,
            search::{self as parse, PRODUCT_SORTS},
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

const PATH: &str = "/search/products";
const ON_FORM: &[&str] = &[
    "q",
    "category",
    "market",
    "min_commission_pct",
    "max_price_cents",
    "free_samples",
    "sort",
];

pub struct ProductSearch {
    fragment: bool,
    typed: Typed,
    facets: Vec<Facet>,
    sorts: Vec<(&'static str, String)>,
    total: Option<u64>,
    hits: Vec<ProductLine>,
    pager: Option<Pager>,
}

pub struct ProductLine {
    pub id: uuid::Uuid,
    /// In the reader's language where the supplier wrote it.
    pub title: String,
    /// The other language's title, when there is one.
    pub other_title: Option<String>,
    pub category: String,
    pub markets: String,
    pub price: String,
    pub commission: String,
    pub free_samples: bool,
}

#[derive(Template)]
#[template(path = "search/products.html")]
struct Whole<'a> {
    page: Frame,
    v: &'a ProductSearch,
}

#[derive(Template)]
#[template(path = "search/products.html", block = "results")]
struct Fragment<'a> {
    page: Frame,
    v: &'a ProductSearch,
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
        _ => parse::products(query, Edge::Page).map_err(Failed::Invalid),
    };
    let mut typed = Typed::new(query);
    let found = match search::products(&state.db, &state.search, &me.actor, asked).await {
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
    found: Option<Found<ProductRow>>,
    fragment: bool,
) -> ProductSearch {
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
        facet("category", names::category),
        facet("market", names::market),
    ];
    let sorts = PRODUCT_SORTS
        .iter()
        .map(|s| (*s, i18n.t(&format!("search-sort-{s}"))))
        .collect();
    let (total, hits, pager) = match found {
        Some(f) => {
            let pager = Pager::new(here, f.page, f.total);
            let hits = f.hits.iter().map(|(_, p)| line(i18n, p)).collect();
            (Some(f.total), hits, Some(pager))
        }
        None => (None, Vec::new(), None),
    };
    ProductSearch {
        fragment,
        typed,
        facets,
        sorts,
        total,
        hits,
        pager,
    }
}

/// A product as a line of a list, its title in the reader's language first.
pub fn line(i18n: &I18n, p: &ProductRow) -> ProductLine {
    let (title, other) = titles(i18n.locale, p);
    ProductLine {
        id: p.id,
        title,
        other_title: other,
        category: names::category(i18n, &p.category.to_string()),
        markets: names::list(i18n, &p.target_markets.0, names::market),
        price: i18n.money(p.price_cents),
        commission: format!("{}%", view::plain(p.commission_pct)),
        free_samples: p.free_samples,
    }
}

/// The title to show first, and the other one (if written and different).
fn titles(locale: Locale, p: &ProductRow) -> (String, Option<String>) {
    let zh = p.title_zh.trim();
    let en = p.title.trim();
    let (first, second) = match locale {
        Locale::ZhCn if !zh.is_empty() => (zh, en),
        _ => (en, zh),
    };
    let second = (!second.is_empty() && second != first).then(|| second.to_owned());
    (first.to_owned(), second)
}
