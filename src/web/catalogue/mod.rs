//! The supplier's catalogue on pages: `/me/products` (the list), `/me/products/new` and
//! `/products/{id}/edit` (the form), `/products/{id}` (a product with its findings inline)
//! and archiving, over the same product operations as `/api/v1/products`. This module
//! holds the routes and what the pages share: names of categories and markets in the
//! reader's language, and a product's findings as the API cuts them.

mod form;
mod list;
mod show;

use axum::{
    Router,
    routing::{get, post},
};

use crate::{
    db::products::ProductRow,
    domain::{Locale, findings::Finding},
    reference::{markets, taxonomy},
    state::AppState,
    web::{i18n::I18n, pickers},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/products", get(list::show).post(form::create))
        .route("/me/products/new", get(form::new_product))
        .route("/products/{id}", get(show::show))
        .route("/products/{id}/edit", get(form::edit).post(form::save))
        .route("/products/{id}/archive", post(show::archive))
}

/// `en` or `zh` as the reader reads, the other when the first is empty.
fn pick<'a>(locale: Locale, en: &'a str, zh: &'a str) -> &'a str {
    let (first, second) = match locale {
        Locale::En => (en, zh),
        Locale::ZhCn => (zh, en),
    };
    if first.trim().is_empty() {
        second
    } else {
        first
    }
}

/// The language the reader does not read the page in.
fn other(locale: Locale) -> Locale {
    match locale {
        Locale::En => Locale::ZhCn,
        Locale::ZhCn => Locale::En,
    }
}

/// A category's name in the reader's language (its id when the taxonomy lacks it).
fn category_name(id: i32, locale: Locale) -> String {
    u32::try_from(id)
        .ok()
        .and_then(|id| taxonomy().get(id))
        .map_or_else(
            || id.to_string(),
            |c| pick(locale, c.name, c.name_zh).to_owned(),
        )
}

/// A category with its ancestors, root first: `Health & Beauty › Personal Care › …`.
fn category_path(id: u32, locale: Locale) -> String {
    let mut names: Vec<&str> = taxonomy()
        .lineage(id)
        .map(|c| pick(locale, c.name, c.name_zh))
        .collect();
    names.reverse();
    names.join(" › ")
}

/// The named regions (GCC, EU, …) whose countries are all among `countries`, largest
/// first and each country counted once, then the countries left over: how a person chose
/// them, since the product stores countries only.
fn market_codes(countries: &[String]) -> (Vec<&'static markets::MarketInfo>, Vec<String>) {
    let mut regions: Vec<&markets::MarketInfo> = markets::all()
        .iter()
        .filter(|m| m.kind == "region")
        .filter(|r| r.countries.iter().all(|c| countries.iter().any(|x| x == c)))
        .collect();
    regions.sort_by_key(|r| std::cmp::Reverse(r.countries.len()));
    let mut covered: Vec<&str> = Vec::new();
    let mut chosen = Vec::new();
    for r in regions {
        if r.countries.iter().any(|c| !covered.contains(c)) {
            covered.extend(r.countries.iter().copied());
            chosen.push(r);
        }
    }
    let rest = countries
        .iter()
        .filter(|c| !covered.contains(&c.as_str()))
        .cloned()
        .collect();
    (chosen, rest)
}

/// A product's markets as a line: region names in the reader's language, then the
/// other countries, by name when `named` (else by code, where a table is narrow).
fn market_summary(countries: &[String], i18n: &I18n, named: bool) -> String {
    let (regions, rest) = market_codes(countries);
    let mut out: Vec<String> = regions
        .iter()
        .map(|r| pick(i18n.locale, r.name, r.name_zh.unwrap_or("")).to_owned())
        .collect();
    if named {
        out.extend(rest.iter().map(|c| pickers::country_name(i18n, c)));
    } else {
        out.extend(rest);
    }
    out.join(" · ")
}

/// The stored findings that hold in the product's markets, as the API shows them.
fn findings_of(p: &ProductRow) -> Vec<Finding> {
    p.compliance
        .0
        .iter()
        .filter(|f| f.reaches(&p.target_markets.0))
        .cloned()
        .collect()
}

/// How many findings a product has at each level, most serious first, none left out.
fn level_counts(findings: &[Finding]) -> Vec<(&'static str, u64)> {
    crate::domain::findings::Level::ALL
        .iter()
        .map(|l| {
            let n = findings.iter().filter(|f| f.level == *l).count();
            (l.as_str(), n as u64)
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_regions_are_named_and_the_other_countries_listed() {
        let gcc = markets::all().iter().find(|m| m.code == "GCC").unwrap();
        let mut countries: Vec<String> = gcc.countries.iter().map(|c| (*c).to_owned()).collect();
        countries.push("BR".into());
        let (regions, rest) = market_codes(&countries);
        assert!(regions.iter().any(|r| r.code == "GCC"));
        assert_eq!(rest, ["BR"]);
        let en = I18n::new(Locale::En, chrono_tz::Tz::UTC);
        assert!(market_summary(&countries, &en, false).ends_with("BR"));
        assert!(market_summary(&countries, &en, true).ends_with("Brazil"));
    }

    #[test]
    fn the_readers_language_comes_first_and_an_empty_one_falls_back() {
        assert_eq!(pick(Locale::ZhCn, "Mirror", "镜子"), "镜子");
        assert_eq!(pick(Locale::ZhCn, "Mirror", " "), "Mirror");
        assert_eq!(pick(Locale::En, "", "镜子"), "镜子");
    }
}
