//! `/collaborations/{id}`: one collaboration for its two parties and admins (404 for
//! anyone else, as the API): the frozen terms, the steps as a timeline, the forms for the
//! steps the reader may take now, and the reviews the reader may see with the form to
//! write one. Drawn again by `steps` with a posted form's errors (422) or with why the
//! collaboration moved on (409).

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
};
use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::{
    domain::{
        collaboration::{REVIEW_WINDOW_DAYS, Step},
        offer::Party,
    },
    services::collaborations::{self as collabs, reviews},
    state::AppState,
    web::{
        collaborations::{
            CollabSummary, describe,
            timeline::{self, Point},
        },
        context::SignedIn,
        forms::FormState,
        offers::thread::local_value,
        page::{Frame, PageError, render},
        reviews::{ReviewLine, lines},
    },
};

#[derive(Template)]
#[template(path = "collaborations/show.html")]
struct CollabPage {
    page: Frame,
    c: CollabSummary,
    title: String,
    points: Vec<Point>,
    /// The steps the reader may take now.
    can: Can,
    /// Why the host cannot mark the live done yet, when that is the only reason.
    complete_after: Option<String>,
    review_lines: Vec<ReviewLine>,
    may_review: bool,
    /// The reader's own review waits for the other's (or the window's end).
    review_waiting: Option<String>,
    /// The other party, by name.
    other: String,
    /// The reader's time zone, which the schedule form's time is typed in.
    zone: String,
    forms: Forms,
    notice: Option<String>,
}

/// The steps the reader may take now, by name.
#[derive(Default)]
struct Can {
    schedule: bool,
    ship: bool,
    receive: bool,
    complete: bool,
    confirm: bool,
    cancel: bool,
}

impl Can {
    fn allow(&mut self, step: Step) {
        let slot = match step {
            Step::Schedule => &mut self.schedule,
            Step::Ship => &mut self.ship,
            Step::Receive => &mut self.receive,
            Step::Complete => &mut self.complete,
            Step::Confirm => &mut self.confirm,
            Step::Cancel => &mut self.cancel,
        };
        *slot = true;
    }

    fn any(&self) -> bool {
        self.schedule || self.ship || self.receive || self.complete || self.confirm || self.cancel
    }
}

/// Each step form's values and errors.
#[derive(Default)]
pub struct Forms {
    pub schedule: FormState,
    pub shipment: FormState,
    pub complete: FormState,
    pub cancel: FormState,
    pub review: FormState,
}

/// What a re-drawn page keeps: the form that was posted, with its errors, or a notice.
#[derive(Default)]
pub struct Kept {
    pub forms: Forms,
    pub notice: Option<String>,
    /// The form that was posted: when the page no longer offers it (the collaboration
    /// moved on meanwhile), its errors would be lost, so the page says so instead (409).
    pub posted: Option<Posted>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posted {
    Step(Step),
    Review,
}

impl Can {
    fn has(&self, step: Step) -> bool {
        match step {
            Step::Schedule => self.schedule,
            Step::Ship => self.ship,
            Step::Receive => self.receive,
            Step::Complete => self.complete,
            Step::Confirm => self.confirm,
            Step::Cancel => self.cancel,
        }
    }
}

pub fn collab_id(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| PageError::NotFound)
}

pub async fn draw(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    mut kept: Kept,
    status: StatusCode,
) -> Result<Response, PageError> {
    let c = collabs::get(&state.db, &me.actor, id).await?;
    let found = reviews::of_collaboration(&state.db, &me.actor, id).await?;
    let names = describe(&state.db, std::slice::from_ref(&c)).await?;
    let i18n = &me.viewer.i18n;
    let r = &c.row;
    let side = crate::policy::side(&me.actor, r.supplier_id, r.host_id);
    let name_of = |p: Party| match p {
        Party::Supplier => names.name(r.supplier_id),
        Party::Host => names.name(r.host_id),
    };
    let now = Utc::now();
    let mut can = Can::default();
    let mut complete_after = None;
    if let Some(side) = side {
        for step in Step::ALL {
            let mine = step.by().is_none_or(|p| p == side);
            let from = step.from().contains(&r.status);
            let fits = match step {
                Step::Ship => c.terms.free_samples,
                Step::Confirm => r.confirmed_at.is_none(),
                Step::Complete => match r.live_at {
                    Some(at) if at > now => {
                        if mine && from {
                            complete_after =
                                Some(i18n.t1("collab-complete-after", "at", i18n.datetime(&at)));
                        }
                        false
                    }
                    at => at.is_some(),
                },
                _ => true,
            };
            if mine && from && fits {
                can.allow(*step);
            }
        }
    }
    let window_open = r.confirmed_at.is_some_and(|at| {
        now <= at + Duration::days(REVIEW_WINDOW_DAYS) && r.reviews_published_at.is_none()
    });
    let wrote = found.iter().any(|x| x.author_id == me.actor.id);
    let other = side.map(|s| name_of(s.other())).unwrap_or_default();
    if kept.forms.schedule.value("live_at").is_empty()
        && let Some(at) = r.live_at.or(c.terms.live_at)
    {
        kept.forms.schedule.keep("live_at", &local_value(i18n, &at));
    }
    if kept.forms.schedule.value("duration_minutes").is_empty() {
        let minutes = r.duration_minutes.unwrap_or(60).to_string();
        kept.forms.schedule.keep("duration_minutes", &minutes);
    }
    let may_review = side.is_some() && window_open && !wrote;
    let gone = match kept.posted {
        Some(Posted::Step(step)) => !can.has(step),
        Some(Posted::Review) => !may_review,
        None => false,
    };
    let status = if gone {
        kept.notice = Some(i18n.t("collab-moved-on"));
        StatusCode::CONFLICT
    } else {
        status
    };
    let s = CollabSummary::new(&c, &names, i18n);
    let page = CollabPage {
        title: i18n.t_args(
            "collab-title",
            &[
                ("supplier", s.supplier.clone().into()),
                ("host", s.host.clone().into()),
            ],
        ),
        points: timeline::points(&c, i18n, name_of, found.len()),
        can,
        complete_after,
        review_lines: lines(&found, &names, me),
        may_review,
        review_waiting: (wrote && r.reviews_published_at.is_none() && side.is_some()).then(|| {
            let until = r
                .confirmed_at
                .map(|at| i18n.datetime(&(at + Duration::days(REVIEW_WINDOW_DAYS))))
                .unwrap_or_default();
            i18n.t_args(
                "review-waiting",
                &[("name", other.clone().into()), ("at", until.into())],
            )
        }),
        other,
        zone: i18n.time_zone.name().to_owned(),
        c: s,
        forms: kept.forms,
        notice: kept.notice,
        page: Frame::of(&me.viewer),
    };
    Ok(render(status, &page))
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = collab_id(&id)?;
    draw(&state, &me, id, Kept::default(), StatusCode::OK).await
}
