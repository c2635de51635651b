//! Findings as a page shows them (an admin's flags, a product's compliance, a host's
//! screened bio): the stored spans (character offsets) cut out of the field's text, so a
//! template (`findings.html`) can mark them without writing any HTML, and each reason in
//! the reader's language with its market, level and source.

use crate::{
    domain::{Locale, findings::Finding},
    web::i18n::I18n,
};

/// A run of a text, flagged or not.
pub struct Segment {
    pub text: String,
    pub flagged: bool,
}

/// One field with its flagged runs, and the reasons found in it.
pub struct FlaggedField {
    pub field: String,
    pub segments: Vec<Segment>,
    pub reasons: Vec<FlagReason>,
}

pub struct FlagReason {
    pub market: String,
    pub level: &'static str,
    pub text: String,
    /// Where the rule comes from (a law, a platform's policy), when the rule names it.
    pub source: Option<String>,
}

/// The fields of `texts` that findings point into, each cut at its spans.
pub fn flagged_fields(
    texts: &[(&str, &str)],
    findings: &[Finding],
    i18n: &I18n,
) -> Vec<FlaggedField> {
    let mut out = Vec::new();
    for (field, text) in texts {
        let here: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.field.as_deref() == Some(*field))
            .collect();
        if here.is_empty() {
            continue;
        }
        let spans: Vec<(usize, usize)> = here
            .iter()
            .filter_map(|f| f.span.as_ref().map(|s| (s.start, s.end)))
            .collect();
        out.push(FlaggedField {
            field: (*field).to_owned(),
            segments: cut(text, &spans),
            reasons: here.iter().map(|f| reason(f, i18n.locale)).collect(),
        });
    }
    out
}

/// Findings about no field of text (a product's category under a market rule).
pub fn other_reasons(findings: &[Finding], locale: Locale) -> Vec<FlagReason> {
    findings
        .iter()
        .filter(|f| f.field.is_none())
        .map(|f| reason(f, locale))
        .collect()
}

fn reason(f: &Finding, locale: Locale) -> FlagReason {
    FlagReason {
        market: f.market.clone(),
        level: f.level.as_str(),
        text: f.reason_in(locale).to_owned(),
        source: f.source.clone(),
    }
}

/// `text` in runs, flagged where a span (in characters) covers it; overlapping and
/// out-of-range spans are fine.
pub fn cut(text: &str, spans: &[(usize, usize)]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let mut marked = vec![false; chars.len()];
    for &(start, end) in spans {
        for m in marked.iter_mut().take(end.min(chars.len())).skip(start) {
            *m = true;
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        match out.last_mut() {
            Some(last) if last.flagged == m => last.text.push(c),
            _ => out.push(Segment {
                text: c.to_string(),
                flagged: m,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn spans_are_cut_by_character_not_byte() {
        let s = cut("包治百病 cures all", &[(0, 4), (9, 12)]);
        let parts: Vec<(&str, bool)> = s.iter().map(|g| (g.text.as_str(), g.flagged)).collect();
        assert_eq!(
            parts,
            vec![
                ("包治百病", true),
                (" cure", false),
                ("s a", true),
                ("ll", false)
            ]
        );
        assert_eq!(cut("ab", &[(1, 99)]).len(), 2);
    }
}
