//! The posts of the collaboration page: each step's form read into the core's
//! `StepInput` (times typed in the reader's time zone), and the review form. Each
//! answers 303 back to the page with a flash; a form with errors draws the page again
//! with them (422); a step the collaboration has moved past draws it with why (409).

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    domain::{collaboration::Step, fields::FieldError},
    services::collaborations::{
        self as collabs, CancelRequest, CollabError, CompleteRequest, ScheduleRequest,
        ShipmentRequest, StepInput,
        reviews::{self, ReviewRequest},
    },
    state::AppState,
    web::{
        collaborations::show::{Kept, Posted, collab_id, draw},
        context::{Flash, SignedIn},
        forms::{FormState, PageForm},
        i18n::I18n,
        offers::thread::local_time,
    },
};

/// A `live_at` that is no moment in the reader's time zone.
const NOT_A_TIME: &str = "is not a date and time";

/// Every step form's fields; each form posts the ones it has.
#[derive(Deserialize, Default)]
pub struct StepForm {
    #[serde(default)]
    live_at: String,
    #[serde(default)]
    duration_minutes: String,
    #[serde(default)]
    carrier: String,
    #[serde(default)]
    tracking_number: String,
    #[serde(default)]
    replay_url: String,
    #[serde(default)]
    units_sold: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    rating: String,
    #[serde(default)]
    text: String,
}

impl StepForm {
    /// What was typed, to show again.
    fn kept(&self) -> FormState {
        let mut f = FormState::default();
        for (k, v) in [
            ("live_at", &self.live_at),
            ("duration_minutes", &self.duration_minutes),
            ("carrier", &self.carrier),
            ("tracking_number", &self.tracking_number),
            ("replay_url", &self.replay_url),
            ("units_sold", &self.units_sold),
            ("reason", &self.reason),
            ("rating", &self.rating),
            ("text", &self.text),
        ] {
            f.keep(k, v);
        }
        f
    }
}

/// A whole number typed in a form: `None` when blank, `Err` when not a number.
fn whole<T: std::str::FromStr>(field: &str, s: &str) -> Result<Option<T>, FieldError> {
    let s = s.trim().replace([',', ' '], "");
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| FieldError::new(field, "must be a whole number"))
}

/// The form as the step's input, with every bad field named.
fn read(i18n: &I18n, step: Step, f: &StepForm) -> Result<StepInput, Vec<FieldError>> {
    match step {
        Step::Schedule => {
            let at = local_time(i18n, &f.live_at);
            let minutes = whole::<i32>("duration_minutes", &f.duration_minutes);
            let mut errors = Vec::new();
            if at.is_none() && !f.live_at.trim().is_empty() {
                errors.push(FieldError::new("live_at", NOT_A_TIME));
            }
            if let Err(e) = &minutes {
                errors.push(e.clone());
            }
            let parsed = ScheduleRequest {
                live_at: at,
                duration_minutes: minutes.unwrap_or(None),
            }
            .parse(Utc::now());
            match parsed {
                Ok(ok) if errors.is_empty() => Ok(ok),
                Ok(_) => Err(errors),
                Err(more) => {
                    let more: Vec<_> = more
                        .into_iter()
                        .filter(|m| !errors_name(&errors, &m.field))
                        .collect();
                    errors.extend(more);
                    Err(errors)
                }
            }
        }
        Step::Ship => ShipmentRequest {
            carrier: Some(f.carrier.clone()),
            tracking_number: Some(f.tracking_number.clone()),
        }
        .parse(),
        Step::Receive => Ok(StepInput::Receive),
        Step::Complete => {
            let units = whole::<i64>("units_sold", &f.units_sold);
            let parsed = CompleteRequest {
                replay_url: Some(f.replay_url.clone()),
                units_sold: units.clone().unwrap_or(None),
            }
            .parse();
            match (units, parsed) {
                (Ok(_), parsed) => parsed,
                (Err(e), Ok(_)) => Err(vec![e]),
                (Err(e), Err(more)) => Err(std::iter::once(e).chain(more).collect()),
            }
        }
        Step::Confirm => Ok(StepInput::Confirm),
        Step::Cancel => CancelRequest {
            reason: Some(f.reason.clone()),
        }
        .parse(),
    }
}

fn errors_name(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

/// The core's errors beside the page's fields, worded for the form.
fn fail(i18n: &I18n, form: &mut FormState, errors: &[FieldError]) {
    for e in errors {
        let text = match e.field.as_str() {
            "live_at" if e.message == NOT_A_TIME => i18n.t("collab-error-live-at-format"),
            "live_at" => i18n.t("collab-error-live-at"),
            "duration_minutes" => i18n.t("collab-error-duration"),
            "replay_url" => i18n.t("collab-error-replay"),
            "units_sold" => i18n.t("collab-error-units"),
            "rating" => i18n.t("review-error-rating"),
            _ => i18n.field_error(e),
        };
        form.fail(&e.field, text);
    }
}

fn flash_of(step: Step) -> Flash {
    match step {
        Step::Schedule => Flash::CollabScheduled,
        Step::Ship => Flash::CollabShipped,
        Step::Receive => Flash::CollabReceived,
        Step::Complete => Flash::CollabCompleted,
        Step::Confirm => Flash::CollabConfirmed,
        Step::Cancel => Flash::CollabCancelled,
    }
}

fn back(me: &SignedIn, id: Uuid, flash: Flash) -> Response {
    let jar = CookieJar::new().add(me.viewer.cookies.flash(flash));
    (jar, Redirect::to(&format!("/collaborations/{id}"))).into_response()
}

/// The page again after a refusal: the posted form with its errors in `slot`, or why
/// nothing changed.
async fn refused(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    posted: Posted,
    mut form: FormState,
    e: CollabError,
) -> Result<Response, crate::web::page::PageError> {
    let slot = slot_of(posted);
    let mut kept = Kept {
        posted: Some(posted),
        ..Kept::default()
    };
    match e {
        CollabError::Invalid(errors) => {
            fail(&me.viewer.i18n, &mut form, &errors);
            *slot(&mut kept) = form;
            draw(state, me, id, kept, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        CollabError::Conflict(_) => {
            *slot(&mut kept) = form;
            kept.notice = Some(me.viewer.i18n.t("collab-moved-on"));
            draw(state, me, id, kept, StatusCode::CONFLICT).await
        }
        e => Err(e.into()),
    }
}

/// Where the posted form's values go on the page drawn again.
fn slot_of(posted: Posted) -> fn(&mut Kept) -> &mut FormState {
    match posted {
        Posted::Step(Step::Schedule) => |k| &mut k.forms.schedule,
        Posted::Step(Step::Ship) => |k| &mut k.forms.shipment,
        Posted::Step(Step::Complete) => |k| &mut k.forms.complete,
        Posted::Step(Step::Cancel) => |k| &mut k.forms.cancel,
        // Receipt and confirmation take no fields: nothing of theirs is drawn again.
        Posted::Review | Posted::Step(Step::Receive | Step::Confirm) => |k| &mut k.forms.review,
    }
}

async fn take(
    state: AppState,
    me: SignedIn,
    id: String,
    step: Step,
    f: StepForm,
) -> Result<Response, crate::web::page::PageError> {
    let id = collab_id(&id)?;
    let i18n = &me.viewer.i18n;
    let input = || read(i18n, step, &f).map_err(CollabError::Invalid);
    match collabs::take_step(&state.db, &state.links, &me.actor, id, step, input).await {
        Ok(_) => Ok(back(&me, id, flash_of(step))),
        Err(e) => refused(&state, &me, id, Posted::Step(step), f.kept(), e).await,
    }
}

macro_rules! step_page {
    ($name:ident, $step:expr) => {
        pub async fn $name(
            State(state): State<AppState>,
            me: SignedIn,
            Path(id): Path<String>,
            PageForm(f): PageForm<StepForm>,
        ) -> Result<Response, crate::web::page::PageError> {
            take(state, me, id, $step, f).await
        }
    };
}

step_page!(schedule, Step::Schedule);
step_page!(shipment, Step::Ship);
step_page!(received, Step::Receive);
step_page!(complete, Step::Complete);
step_page!(confirm, Step::Confirm);
step_page!(cancel, Step::Cancel);

/// A review of the other party: the page again with a flash, or the form with its
/// errors (422), or why no review is taken now (409).
pub async fn review(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(f): PageForm<StepForm>,
) -> Result<Response, crate::web::page::PageError> {
    let id = collab_id(&id)?;
    let book = state.rulebook.book();
    let req = || {
        let rating =
            whole::<i64>("rating", &f.rating).map_err(|e| CollabError::Invalid(vec![e]))?;
        Ok::<_, CollabError>(ReviewRequest {
            rating,
            text: Some(f.text.clone()),
        })
    };
    match reviews::write(&state.db, &state.links, &book, &me.actor, id, req).await {
        Ok(_) => Ok(back(&me, id, Flash::ReviewSent)),
        Err(e) => refused(&state, &me, id, Posted::Review, f.kept(), e).await,
    }
}
