//! The query string of a ranking (a product's matches, a host's recommendations): the
//! weights and the page, read once for both edges; and the canonical `weights=` value a
//! page's weight inputs stand for.

use search_index::{PARTS, Weights};

use super::params::{Edge, Params};
use crate::{
    domain::{PageRequest, fields::FieldError, matching::parse_weights},
    services::matching::Ranking,
};

/// The parameters of a ranking.
pub const RANKING_PARAMS: &[&str] = &["weights", "page", "per_page"];

/// A ranking as its query string (`query`, without `?`) asks it.
pub fn ranking(query: &str, edge: Edge) -> Result<Ranking, Vec<FieldError>> {
    let mut p = Params::new(query, RANKING_PARAMS, edge);
    let weights = match p.one("weights") {
        None => Weights::default(),
        Some(raw) => parse_weights(&raw).unwrap_or_else(|e| {
            p.check.fail("weights", e);
            Weights::default()
        }),
    };
    let PageRequest { page, per_page } = p.paging();
    p.finish()?;
    Ok(Ranking {
        weights,
        offset: ((page - 1) * per_page) as usize,
        limit: per_page as usize,
    })
}

/// The `weights=` value for `weights`: only the parts that differ from their defaults, in
/// the score's order, so the default weighting has no parameter at all (`None`).
pub fn weights_param(weights: &Weights) -> Option<String> {
    let defaults = Weights::default();
    let named: Vec<String> = PARTS
        .iter()
        .zip(weights.0.iter().zip(defaults.0.iter()))
        .filter(|(_, (w, d))| w != d)
        .map(|(name, (w, _))| format!("{name}:{w}"))
        .collect();
    (!named.is_empty()).then(|| named.join(","))
}

/// Weights typed one part at a time (`(part, text)`; a blank part keeps its default),
/// each checked by the same rule as `weights=`: errors name the part.
pub fn weights_from_parts<'a>(
    typed: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Weights, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut items = Vec::new();
    for (part, text) in typed {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let item = format!("{part}:{text}");
        match parse_weights(&item) {
            Ok(_) => items.push(item),
            Err(e) => errors.push(FieldError::new(part, e)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if items.is_empty() {
        return Ok(Weights::default());
    }
    parse_weights(&items.join(",")).map_err(|e| vec![FieldError::new("weights", e)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_weighting_has_no_parameter_and_others_name_only_their_changes() {
        assert_eq!(weights_param(&Weights::default()), None);
        let w = parse_weights("market:5,price:0.5").unwrap();
        assert_eq!(weights_param(&w).as_deref(), Some("market:5,price:0.5"));
        assert_eq!(parse_weights(&weights_param(&w).unwrap()).unwrap().0, w.0);
    }

    #[test]
    fn typed_weights_are_checked_part_by_part() {
        let w = weights_from_parts([("language", "3"), ("market", " "), ("price", "2")]).unwrap();
        assert_eq!(w.0[5], 2.0);
        assert_eq!(w.0[1], Weights::default().0[1]);
        let e = weights_from_parts([("language", "x"), ("price", "101")]).unwrap_err();
        let fields: Vec<_> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["language", "price"]);
    }

    #[test]
    fn a_page_ignores_what_it_does_not_know_and_the_api_refuses_it() {
        assert!(ranking("weights=market:2&lang=zh-CN&utm=x", Edge::Page).is_ok());
        let e = ranking("weights=market:2&lang=zh-CN", Edge::Api).unwrap_err();
        assert_eq!(e[0].field, "lang");
        assert!(ranking("page=0", Edge::Page).is_err());
    }
}
