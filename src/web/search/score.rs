//! A match score as a page draws it: a bar of six parts in points (an SVG whose rect
//! widths are the points, so no style attribute is needed), the penalty, a legend with
//! the numbers, one sentence for screen readers, and the warnings in the reader's
//! language; and the weights form's six inputs.

use search_index::{MatchHit, PARTS, Weights};

use super::view::{self, Typed};
use crate::{domain::findings::Finding, web::i18n::I18n};

/// One part of a score.
pub struct Part {
    pub part: &'static str,
    pub label: String,
    /// Points, one decimal.
    pub points: String,
    /// Where the part starts and how wide it is on a 0..100 scale.
    pub x: f64,
    pub width: f64,
}

/// A warning under a match: a finding that holds in the host's markets.
pub struct Warning {
    pub level: &'static str,
    pub market: String,
    pub reason: String,
}

pub struct Score {
    pub total: String,
    pub parts: Vec<Part>,
    /// Points taken off, and where that stretch of the bar starts.
    pub penalty: Option<(String, f64, f64)>,
    /// The whole score in words, for the bar's accessible name.
    pub summary: String,
    pub warnings: Vec<Warning>,
}

fn tenths(t: u32) -> f64 {
    f64::from(t) / 10.0
}

impl Score {
    /// `findings` are the product's; `markets` the host's (the warnings are those that
    /// hold there, as the API lists them).
    pub fn new(i18n: &I18n, hit: &MatchHit, findings: &[Finding], markets: &[String]) -> Self {
        let mut x = 0.0;
        let parts: Vec<Part> = PARTS
            .iter()
            .zip(hit.points)
            .map(|(part, p)| {
                let width = tenths(p);
                let out = Part {
                    part,
                    label: i18n.t(&format!("search-part-{part}")),
                    points: format!("{width:.1}"),
                    x,
                    width,
                };
                x += width;
                out
            })
            .collect();
        let total = tenths(hit.score);
        let penalty = (hit.penalty > 0).then(|| {
            let p = tenths(hit.penalty);
            (format!("{p:.1}"), total, p)
        });
        let mut summary = i18n.t1("search-score-of", "score", format!("{total:.1}"));
        for p in &parts {
            summary.push_str(&format!("; {} {}", p.label, p.points));
        }
        if let Some((p, _, _)) = &penalty {
            summary.push_str(&format!("; {} -{p}", i18n.t("search-penalty")));
        }
        let warnings = findings
            .iter()
            .filter(|f| markets.is_empty() || f.reaches(markets));
        Self {
            total: format!("{total:.1}"),
            parts,
            penalty,
            summary,
            warnings: warnings
                .map(|f| Warning {
                    level: f.level.as_str(),
                    market: f.market.clone(),
                    reason: f.reason_in(i18n.locale).to_owned(),
                })
                .collect(),
        }
    }
}

/// One input of the weights form.
pub struct WeightInput {
    pub part: &'static str,
    pub label: String,
    pub value: String,
}

/// The six inputs, showing what the person typed when it was wrong, else `weights`.
pub fn inputs(i18n: &I18n, weights: &Weights, typed: &Typed) -> Vec<WeightInput> {
    PARTS
        .iter()
        .zip(weights.0)
        .map(|(part, w)| {
            let name = format!("weights.{part}");
            let value = if typed.has_error(&name) {
                typed.value(&name).to_owned()
            } else {
                view::plain(w)
            };
            WeightInput {
                part,
                label: i18n.t(&format!("search-part-{part}")),
                value,
            }
        })
        .collect()
}
