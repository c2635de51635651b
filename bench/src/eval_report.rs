//! The screening evaluation's result: true and false positives and negatives per
//! language, per kind and overall, recall and precision, and the cases screening got
//! wrong, as the README's table.

use std::collections::BTreeMap;

use crate::eval::Case;

/// What screening answered for one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub case: Case,
    pub expected: bool,
    pub flagged: bool,
}

/// Counts of a set of outcomes.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Tally {
    pub cases: usize,
    pub positives: usize,
    pub true_pos: usize,
    pub false_pos: usize,
}

impl Tally {
    fn add(&mut self, o: &Outcome) {
        self.cases += 1;
        self.positives += usize::from(o.expected);
        self.true_pos += usize::from(o.expected && o.flagged);
        self.false_pos += usize::from(!o.expected && o.flagged);
    }

    /// Of the cases that should be flagged, the share that were; `None` without any.
    pub fn recall(&self) -> Option<f64> {
        #[allow(clippy::cast_precision_loss)]
        (self.positives > 0).then(|| self.true_pos as f64 / self.positives as f64)
    }

    /// Of the cases flagged, the share that should have been; `None` when none were.
    pub fn precision(&self) -> Option<f64> {
        let flagged = self.true_pos + self.false_pos;
        #[allow(clippy::cast_precision_loss)]
        (flagged > 0).then(|| self.true_pos as f64 / flagged as f64)
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct EvalReport {
    pub overall: Tally,
    pub by_language: BTreeMap<String, Tally>,
    pub by_kind: BTreeMap<String, Tally>,
    /// The ids screening got wrong: missed (should flag) and false alarms.
    pub missed: Vec<String>,
    pub false_alarms: Vec<String>,
}

impl EvalReport {
    pub fn new(outcomes: Vec<Outcome>) -> Self {
        let mut r = Self {
            overall: Tally::default(),
            by_language: BTreeMap::new(),
            by_kind: BTreeMap::new(),
            missed: Vec::new(),
            false_alarms: Vec::new(),
        };
        for o in &outcomes {
            r.overall.add(o);
            r.by_language.entry(o.case.lang.clone()).or_default().add(o);
            r.by_kind.entry(o.case.kind.clone()).or_default().add(o);
            if o.expected && !o.flagged {
                r.missed.push(o.case.id.clone());
            } else if !o.expected && o.flagged {
                r.false_alarms.push(o.case.id.clone());
            }
        }
        r
    }

    /// The tables, as the README shows them.
    pub fn markdown(&self) -> String {
        let share = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
        let row = |name: &str, t: &Tally| {
            format!(
                "| {name} | {} | {} | {} | {} | {} |\n",
                t.cases,
                t.positives,
                t.true_pos,
                share(t.recall()),
                share(t.precision())
            )
        };
        let head = "| cases | should flag | caught | recall | precision |\n| --- | ---: | ---: | ---: | ---: | ---: |\n";
        let mut out = String::from("### Screening evaluation\n\n");
        out.push_str(&format!("| language {head}"));
        for (lang, t) in &self.by_language {
            out.push_str(&row(lang, t));
        }
        out.push_str(&row("**all**", &self.overall));
        out.push_str(&format!("\n| kind {head}"));
        for (kind, t) in &self.by_kind {
            out.push_str(&row(kind, t));
        }
        out.push_str(&format!(
            "\nMissed ({}): {}\n\nFalse alarms ({}): {}\n",
            self.missed.len(),
            self.missed.join(", "),
            self.false_alarms.len(),
            self.false_alarms.join(", ")
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(id: &str, expected: bool, flagged: bool) -> Outcome {
        Outcome {
            case: Case {
                id: id.into(),
                lang: "en".into(),
                text: "listing".into(),
                kind: "claim".into(),
                title: String::new(),
                description: String::new(),
                title_zh: String::new(),
                description_zh: String::new(),
                category: Some(1),
                markets: vec!["US".into()],
                expect: if expected { "flag" } else { "pass" }.into(),
                why: String::new(),
            },
            expected,
            flagged,
        }
    }

    #[test]
    fn recall_and_precision_count_what_they_say() {
        let r = EvalReport::new(vec![
            outcome("a", true, true),
            outcome("b", true, false),
            outcome("c", false, true),
            outcome("d", false, false),
            outcome("e", true, true),
        ]);
        assert_eq!(r.overall.recall(), Some(2.0 / 3.0));
        assert_eq!(r.overall.precision(), Some(2.0 / 3.0));
        assert_eq!(r.missed, ["b"]);
        assert_eq!(r.false_alarms, ["c"]);
        assert_eq!(Tally::default().recall(), None);
    }
}
