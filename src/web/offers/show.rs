//! `/offers/{id}`: one offer as a thread for its two parties and admins (404 for anyone
//! else, as the API): its versions and messages in order, the terms on the table
//! highlighted, and the answers the reader may give as forms that post. The party whose
//! turn it is accepts, declines or proposes new terms; the supplier may withdraw; both
//! write messages. Each answers 303 back with a flash; a change the offer has already
//! moved past re-draws the page with 409 and says so. Opening the page marks the thread
//! read.

use askama::Template;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::CookieJar;
use uuid::Uuid;

use crate::{
    domain::offer::{DeclineReason, OfferMove, OfferStatus, Party},
    services::{
        collaborations,
        offers::{self, DeclineRequest, OfferError, Said},
        threads::{self, ThreadError},
    },
    state::AppState,
    web::{
        context::{Flash, SignedIn},
        forms::{FormState, PageForm},
        offers::{
            OfferSummary, WarningLine,
            thread::{self, AnswerForm, CounterForm, Entry, MessageForm},
            title_in, warning_lines,
        },
        page::{Frame, PageError, render},
    },
};

#[derive(Template)]
#[template(path = "offers/show.html")]
struct OfferPage {
    page: Frame,
    o: OfferSummary,
    decline_reason: Option<String>,
    warnings: Vec<WarningLine>,
    /// The version on the table, who made it, and the live time it proposes.
    version: i32,
    /// "Version N, proposed by …", as the terms on the table are headed.
    current_line: String,
    live_at: Option<String>,
    history: Vec<Entry>,
    /// Whether the thread is closed to the reader (an admin, until a party reports it).
    thread_closed: bool,
    /// Whose turn it is, when it is the other party's.
    waiting_for: Option<String>,
    may_answer: bool,
    may_withdraw: bool,
    may_write: bool,
    /// The new-terms form's values: what was typed, or the terms on the table.
    counter: FormState,
    form: FormState,
    message_form: FormState,
    /// Why the last answer changed nothing (409).
    notice: Option<String>,
    /// The collaboration an accept made of it.
    collaboration: Option<Uuid>,
}

fn offer_id(id: &str) -> Result<Uuid, PageError> {
    Uuid::parse_str(id).map_err(|_| PageError::NotFound)
}

/// What a re-drawn page keeps: the form that was posted, with its errors.
#[derive(Default)]
struct Kept {
    answer: FormState,
    counter: Option<FormState>,
    message: FormState,
    notice: Option<String>,
}

async fn draw(
    state: &AppState,
    me: &SignedIn,
    id: Uuid,
    kept: Kept,
    status: StatusCode,
) -> Result<Response, PageError> {
    let offer = offers::get(&state.db, &me.actor, id).await?;
    let names = offers::describe(&state.db, std::slice::from_ref(&offer)).await?;
    let versions = offers::versions(&state.db, &me.actor, id).await?;
    let side = crate::policy::side(&me.actor, offer.row.supplier_id, offer.row.host_id);
    let (messages, thread_closed) = match threads::list(&state.db, &me.actor, id).await {
        Ok(m) => (m, false),
        Err(ThreadError::Denied(_)) => (Vec::new(), true),
        Err(e) => return Err(e.into()),
    };
    if side.is_some() {
        threads::mark_read(&state.db, &me.actor, id).await?;
    }
    let collaboration = if offer.row.status == OfferStatus::Accepted {
        collaborations::of_offer(&state.db, &me.actor, id)
            .await?
            .map(|c| c.row.id)
    } else {
        None
    };
    let i18n = &me.viewer.i18n;
    let o = OfferSummary::new(&offer, &names, i18n);
    let name_of = |p: Party| match p {
        Party::Supplier => names.name(offer.row.supplier_id),
        Party::Host => names.name(offer.row.host_id),
    };
    let turn = offer.row.latest_by.other();
    let my_turn = o.open && side == Some(turn);
    let status_now = offer
        .row
        .status
        .as_seen(offer.row.expires_at, chrono::Utc::now());
    let counter = kept.counter.unwrap_or_else(|| {
        let mut f = FormState::default();
        f.keep("commission_pct", &super::percent(offer.row.commission_pct));
        f.keep("fee", &format!("{:.2}", offer.row.fee_cents as f64 / 100.0));
        f.keep(
            "free_samples",
            if offer.row.free_samples { "true" } else { "" },
        );
        if let Some(at) = offer.row.live_at {
            f.keep("live_at", &thread::local_value(i18n, &at));
        }
        f
    });
    let page = OfferPage {
        may_answer: my_turn,
        may_withdraw: o.open && side == Some(Party::Supplier),
        may_write: side.is_some()
            && matches!(status_now, OfferStatus::Sent | OfferStatus::Accepted),
        waiting_for: (o.open && side.is_some() && !my_turn).then(|| name_of(turn)),
        version: offer.row.version,
        current_line: i18n.t_args(
            if status_now == OfferStatus::Accepted {
                "offer-agreed-terms"
            } else {
                "offer-current-terms"
            },
            &[
                ("version", offer.row.version.into()),
                ("name", name_of(offer.row.latest_by).into()),
            ],
        ),
        live_at: offer.row.live_at.map(|at| i18n.datetime(&at)),
        history: thread::history(&offer, &versions, &messages, me, name_of),
        thread_closed,
        decline_reason: offer.row.decline_reason.clone(),
        warnings: warning_lines(&offer.row.warnings.0, i18n.locale, |id| {
            names
                .products
                .get(&id)
                .map(|(en, zh)| title_in(i18n.locale, en, zh))
        }),
        o,
        counter,
        form: kept.answer,
        message_form: kept.message,
        notice: kept.notice,
        collaboration,
        page: Frame::of(&me.viewer),
    };
    Ok(render(status, &page))
}

pub async fn show(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let id = offer_id(&id)?;
    draw(&state, &me, id, Kept::default(), StatusCode::OK).await
}

/// Why a change to the offer did nothing because the offer moved on, in the reader's
/// words; `None` for any other refusal.
fn moved_on_notice(me: &SignedIn, e: &OfferError) -> Option<String> {
    let i18n = &me.viewer.i18n;
    match e {
        OfferError::Closed(now) => {
            let key = format!("offer-status-{}", now.as_str());
            Some(i18n.t1("offer-already", "status", i18n.t(&key)))
        }
        OfferError::Superseded(_) => Some(i18n.t("offer-superseded")),
        OfferError::OthersTurn(_) => Some(i18n.t("offer-not-your-turn")),
        _ => None,
    }
}

fn back(me: &SignedIn, id: Uuid, flash: Flash, anchor: &str) -> Response {
    let jar = CookieJar::new().add(me.viewer.cookies.flash(flash));
    (jar, Redirect::to(&format!("/offers/{id}{anchor}"))).into_response()
}

/// Makes the move; the page again with a flash, or with why nothing changed.
async fn answer(
    state: &AppState,
    me: &SignedIn,
    id: &str,
    mv: OfferMove,
    f: AnswerForm,
) -> Result<Response, PageError> {
    let id = offer_id(id)?;
    let i18n = &me.viewer.i18n;
    let mut kept = Kept::default();
    kept.answer.keep("reason", &f.reason);
    let version = f.version.trim().parse().ok();
    let reason = (mv == OfferMove::Decline).then(|| f.reason.clone());
    let moved = offers::make_move(&state.db, &state.links, &me.actor, id, mv, || {
        DeclineReason::try_from(DeclineRequest { reason, version })
            .map(|r| Said {
                reason: r.0,
                version,
            })
            .map_err(|e| OfferError::Invalid(vec![e]))
    })
    .await;
    match moved {
        Ok(_) => {
            let flash = match mv {
                OfferMove::Accept => Flash::OfferAccepted,
                OfferMove::Decline => Flash::OfferDeclined,
                OfferMove::Withdraw => Flash::OfferWithdrawn,
            };
            Ok(back(me, id, flash, ""))
        }
        Err(OfferError::Invalid(errors)) => {
            kept.answer.fail_all(i18n, &errors);
            draw(state, me, id, kept, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => match moved_on_notice(me, &e) {
            Some(notice) => {
                kept.notice = Some(notice);
                draw(state, me, id, kept, StatusCode::CONFLICT).await
            }
            None => Err(e.into()),
        },
    }
}

pub async fn accept(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(f): PageForm<AnswerForm>,
) -> Result<Response, PageError> {
    answer(&state, &me, &id, OfferMove::Accept, f).await
}

pub async fn decline(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(f): PageForm<AnswerForm>,
) -> Result<Response, PageError> {
    answer(&state, &me, &id, OfferMove::Decline, f).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(f): PageForm<AnswerForm>,
) -> Result<Response, PageError> {
    answer(&state, &me, &id, OfferMove::Withdraw, f).await
}

/// New terms for the version on the table: the page again with a flash, the form with
/// its errors (422), or why nothing changed (409).
pub async fn counter(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(f): PageForm<CounterForm>,
) -> Result<Response, PageError> {
    let id = offer_id(&id)?;
    let i18n = &me.viewer.i18n;
    let (mut form, request) = thread::read_counter(i18n, &f);
    let Some(request) = request else {
        let kept = Kept {
            counter: Some(form),
            ..Kept::default()
        };
        return draw(&state, &me, id, kept, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let done = offers::counter(&state.db, &state.links, &me.actor, id, || {
        Ok::<_, OfferError>(request)
    })
    .await;
    match done {
        Ok(_) => Ok(back(&me, id, Flash::OfferCountered, "")),
        Err(OfferError::Invalid(errors)) => {
            thread::fail_counter(i18n, &mut form, &errors);
            let kept = Kept {
                counter: Some(form),
                ..Kept::default()
            };
            draw(&state, &me, id, kept, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => match moved_on_notice(&me, &e) {
            Some(notice) => {
                let kept = Kept {
                    notice: Some(notice),
                    ..Kept::default()
                };
                draw(&state, &me, id, kept, StatusCode::CONFLICT).await
            }
            None => Err(e.into()),
        },
    }
}

/// A message to the thread: the page again at the thread's end, or the form with its
/// error (422), or why the thread takes none (409).
pub async fn write(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    PageForm(f): PageForm<MessageForm>,
) -> Result<Response, PageError> {
    let id = offer_id(&id)?;
    let i18n = &me.viewer.i18n;
    let book = state.rulebook.book();
    let body = f.body.clone();
    let done = threads::post(&state.db, &book, &me.actor, id, || {
        Ok::<_, ThreadError>(body)
    })
    .await;
    let mut kept = Kept::default();
    kept.message.keep("body", &f.body);
    match done {
        Ok(_) => Ok(back(&me, id, Flash::MessageSent, "#thread-end")),
        Err(ThreadError::Invalid(errors)) => {
            kept.message.fail_all(i18n, &errors);
            draw(&state, &me, id, kept, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(ThreadError::Closed(now)) => {
            let key = format!("offer-status-{}", now.as_str());
            kept.notice = Some(i18n.t1("offer-thread-closed", "status", i18n.t(&key)));
            draw(&state, &me, id, kept, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}
