//! A collaboration's steps as a timeline: what happened, when and by whom, in the
//! reader's time zone; the steps that can be taken now, and who takes them; the steps
//! after them.
//! A cancelled collaboration ends at its cancellation.

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        collaboration::{CONFIRM_AFTER_DAYS, CollabStatus, ConfirmedBy, REVIEW_WINDOW_DAYS, Step},
        offer::Party,
    },
    services::collaborations::Collaboration,
    web::i18n::I18n,
};

/// Where a step of the timeline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Done,
    Next,
    Later,
    Cancelled,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Next => "next",
            Self::Later => "later",
            Self::Cancelled => "cancelled",
        }
    }
}

/// One step of the timeline.
pub struct Point {
    pub stage: Stage,
    pub title: String,
    pub at: Option<String>,
    /// What the step recorded, or who takes it next.
    pub lines: Vec<String>,
    /// A link the step recorded (the replay).
    pub link: Option<String>,
}

/// The steps of `c` for a reader in `i18n`'s language and time zone; `name_of` names a
/// party, `reviews` is how many were written.
pub fn points(
    c: &Collaboration,
    i18n: &I18n,
    name_of: impl Fn(Party) -> String,
    reviews: usize,
) -> Vec<Point> {
    let r = &c.row;
    let open = |step: Step| step.from().contains(&r.status);
    let when = |at: &DateTime<Utc>| Some(i18n.datetime(at));
    let by = |p: Party| i18n.t1("collab-by", "name", name_of(p));
    let takes = |p: Party, key: &str| i18n.t1(key, "name", name_of(p));
    let mut out = vec![Point {
        stage: Stage::Done,
        title: i18n.t("collab-step-agreed"),
        at: when(&r.created_at),
        lines: vec![i18n.t1("offer-version-n", "version", c.terms.version)],
        link: None,
    }];
    let scheduled = r.live_at.map(|at| {
        let minutes = r.duration_minutes.unwrap_or(60);
        i18n.t_args(
            "collab-live-line",
            &[
                ("at", i18n.datetime(&at).into()),
                ("minutes", minutes.into()),
            ],
        )
    });
    push(
        &mut out,
        i18n,
        r.live_at.as_ref(),
        open(Step::Schedule),
        "collab-step-scheduled",
        scheduled.into_iter().collect(),
        i18n.t("collab-todo-schedule"),
    );
    // Its line says when the live is; when it was scheduled is not kept.
    if let Some(p) = out.last_mut() {
        p.at = None;
    }
    if c.terms.free_samples {
        let shipped = [
            r.carrier.clone().unwrap_or_default(),
            r.tracking_number
                .as_ref()
                .map(|t| i18n.t1("collab-tracking", "number", t.as_str()))
                .unwrap_or_default(),
        ];
        push(
            &mut out,
            i18n,
            r.shipped_at.as_ref(),
            open(Step::Ship),
            "collab-step-shipped",
            vec![shipped.join(" · "), by(Party::Supplier)],
            takes(Party::Supplier, "collab-todo-ship"),
        );
        push(
            &mut out,
            i18n,
            r.received_at.as_ref(),
            open(Step::Receive),
            "collab-step-received",
            vec![by(Party::Host)],
            takes(Party::Host, "collab-todo-receive"),
        );
    }
    let mut done_lines = Vec::new();
    if let Some(n) = r.units_sold {
        done_lines.push(i18n.t1("collab-units-sold", "count", n));
    }
    done_lines.push(by(Party::Host));
    push(
        &mut out,
        i18n,
        r.completed_at.as_ref(),
        open(Step::Complete),
        "collab-step-completed",
        done_lines,
        takes(Party::Host, "collab-todo-complete"),
    );
    if let Some(p) = out.last_mut() {
        p.link = r.replay_url.clone().filter(|_| r.completed_at.is_some());
    }
    let confirm_line = match r.confirmed_by {
        Some(ConfirmedBy::Clock) => i18n.t1("collab-confirmed-clock", "days", CONFIRM_AFTER_DAYS),
        _ => by(Party::Supplier),
    };
    let confirm_todo = match r.completed_at {
        Some(at) => i18n.t_args(
            "collab-todo-confirm-by",
            &[
                ("name", name_of(Party::Supplier).into()),
                (
                    "at",
                    i18n.datetime(&(at + Duration::days(CONFIRM_AFTER_DAYS)))
                        .into(),
                ),
            ],
        ),
        None => takes(Party::Supplier, "collab-todo-confirm"),
    };
    push(
        &mut out,
        i18n,
        r.confirmed_at.as_ref(),
        open(Step::Confirm) && r.confirmed_at.is_none(),
        "collab-step-confirmed",
        vec![confirm_line],
        confirm_todo,
    );
    let review_todo = match r.confirmed_at {
        Some(at) => i18n.t1(
            "collab-todo-reviews-until",
            "at",
            i18n.datetime(&(at + Duration::days(REVIEW_WINDOW_DAYS))),
        ),
        None => i18n.t("collab-todo-reviews"),
    };
    push(
        &mut out,
        i18n,
        r.reviews_published_at.as_ref(),
        r.confirmed_at.is_some(),
        "collab-step-reviews",
        vec![i18n.t(match reviews {
            0 => "collab-reviews-published-none",
            1 => "collab-reviews-published-one",
            _ => "collab-reviews-published",
        })],
        review_todo,
    );
    if r.status == CollabStatus::Cancelled {
        out.retain(|p| p.stage == Stage::Done);
        let mut lines = Vec::new();
        if let Some(p) = r.cancelled_by {
            lines.push(by(p));
        }
        if let Some(why) = &r.cancelled_reason {
            lines.push(why.clone());
        }
        out.push(Point {
            stage: Stage::Cancelled,
            title: i18n.t("collab-step-cancelled"),
            at: r.cancelled_at.as_ref().and_then(when),
            lines,
            link: None,
        });
    }
    out
}

/// Adds a step: done when `done` holds its time (with what it recorded, `lines`), else
/// next when it can be taken now (`open`), else later; either with who takes it (`todo`).
fn push(
    out: &mut Vec<Point>,
    i18n: &I18n,
    done: Option<&DateTime<Utc>>,
    open: bool,
    title: &str,
    lines: Vec<String>,
    todo: String,
) {
    let stage = match (done, open) {
        (Some(_), _) => Stage::Done,
        (None, true) => Stage::Next,
        (None, false) => Stage::Later,
    };
    out.push(Point {
        stage,
        title: i18n.t(title),
        at: done.map(|at| i18n.datetime(at)),
        lines: if done.is_some() { lines } else { vec![todo] },
        link: None,
    });
}
